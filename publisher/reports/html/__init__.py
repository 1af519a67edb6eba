"""The report as one self-contained HTML page with inline SVG charts (no script, no network)."""

from publisher.reports.html.page import render_html

__all__ = ["render_html"]
