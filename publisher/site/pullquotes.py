"""Pull quotes from the front matter, set between the paragraphs of the rendered body.

Working on the HTML the build renders anyway keeps the Markdown plain (no special syntax for
writers) and costs one pass over the lines of each piece.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape

from publisher.content import Quote
from publisher.site.i18n import quoted

_CONTAINERS = ("div", "ul", "ol", "blockquote", "table", "details", "figure", "pre", "dl", "section", "aside")
_OPEN = re.compile(r"<(" + "|".join(_CONTAINERS) + r")[\s>]")
_CLOSE = re.compile(r"</(" + "|".join(_CONTAINERS) + r")>")


def quote_html(quote: Quote, lang: str) -> str:
    """One pull quote as a <figure>: the words in the language's quotation marks, then who said them."""
    caption = ""
    if quote.by:
        role = f'<span class="pub-pullquote__role">{escape(quote.role)}</span>' if quote.role else ""
        caption = f'<figcaption><span class="pub-pullquote__by">{escape(quote.by)}</span>{role}</figcaption>'
    return (f'<figure class="pub-pullquote"><blockquote><p>{escape(quoted(quote.text, lang))}</p>'
            f"</blockquote>{caption}</figure>")


def paragraph_breaks(html: str) -> list[int]:
    """Offsets between two top-level blocks where the first is a paragraph (never inside a list, table...)."""
    breaks: list[int] = []
    depth = 0
    offset = 0
    previous_ends_paragraph = False
    for line in html.splitlines(keepends=True):
        starts_block = line.startswith(("<p>", "<p ", "<h2", "<h3"))
        if depth == 0 and previous_ends_paragraph and starts_block:
            breaks.append(offset)
        depth = max(0, depth + len(_OPEN.findall(line)) - len(_CLOSE.findall(line)))
        previous_ends_paragraph = depth == 0 and line.rstrip().endswith("</p>")
        offset += len(line)
    return breaks


def place_quotes(html: str, quotes: Sequence[Quote], lang: str) -> str:
    """Spread the quotes evenly between top-level paragraphs; with no room, put them at the end."""
    if not quotes:
        return html
    blocks = [quote_html(q, lang) + "\n" for q in quotes]
    breaks = paragraph_breaks(html)
    if not breaks:
        return html.rstrip("\n") + "\n" + "".join(blocks)
    chosen: list[tuple[int, str]] = []
    for i, block in enumerate(blocks):
        at = breaks[min(len(breaks) - 1, (i + 1) * len(breaks) // (len(blocks) + 1))]
        chosen.append((at, block))
    out: list[str] = []
    last = 0
    for at, block in chosen:
        out.append(html[last:at])
        out.append(block)
        last = at
    out.append(html[last:])
    return "".join(out)


__all__ = ["paragraph_breaks", "place_quotes", "quote_html"]
