"""The digest as an e-mail body: tables and inline styles only, so Outlook and Gmail show it as meant.

No <style> block (Gmail drops it in many views), no external stylesheet, no script, no image: every
colour and spacing sits on the element it styles, and the layout is a 600-pixel table.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from publisher.kits.digest import Digest, network_names

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["networks"] = network_names
    return env


def render_html(digest: Digest) -> str:
    """A complete HTML document to paste as the body of an e-mail."""
    return _environment().get_template("digest.html.j2").render(digest=digest, L=digest.labels)


__all__ = ["render_html"]
