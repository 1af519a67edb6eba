"""What `mkdocs serve` shows while a piece is wrong: the problems, in the browser, instead of a page
that never reloads.

MkDocs stops a build at the first exception; while serving, the live-reload server then keeps the
reader's browser waiting for a build that never comes. So the plugin lets a serving build go on
without the pieces and puts this page at every URL (every page, and 404.html for the rest); the
next save that fixes the file rebuilds the site and the browser reloads on its own.
"""

from __future__ import annotations

from html import escape

STYLE = """
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
       background: #fff7ed; color: #1f2937; }
main { max-width: 52rem; margin: 3rem auto; padding: 0 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; color: #9a3412; }
p { margin: .4rem 0 1rem; }
ol { padding-left: 1.4rem; }
li { margin: .6rem 0; }
code { font: 14px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; background: #fff; padding: .15rem .35rem;
       border: 1px solid #fed7aa; border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
"""


def error_page(problems: list[str], site_name: str) -> str:
    """A self-contained HTML page listing ``problems``; every text in it is escaped."""
    items = "\n".join(f"<li><code>{escape(p)}</code></li>" for p in problems)
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{count} to fix · {escape(site_name)}</title><style>{STYLE}</style></head>\n"
            f'<body><main role="alert"><h1>The content has {count} to fix</h1>'
            f"<p>The preview shows the site again as soon as the file is saved without them "
            f"(<code>publisher check</code> lists the same).</p>\n<ol>\n{items}\n</ol></main></body></html>\n")


__all__ = ["error_page"]
