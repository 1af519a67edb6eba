"""Sanitised HTML to Markdown with markdownify, escaped for the engine that renders it (Python-Markdown).

markdownify's own escaping targets CommonMark. Python-Markdown (what MkDocs uses) does not honour
a backslash before '<' or '&', and its attr_list extension reads '{: ...}' as attributes, so text
from a feed could still become markup there. Here every text node is escaped so that it can only
ever render as text: '<' and entity-like '&' as entities, Markdown punctuation with backslashes, and
line-start markers (headings, lists, fences, admonitions) neutralised. Link and image URLs go
through sanitize.safe_url again; titles cannot close their quotes.
"""

from __future__ import annotations

import html
import re
from typing import Any

from bs4 import Tag
from markdownify import ATX, SPACES, MarkdownConverter

from publisher.feeds.autop import autop
from publisher.feeds.model import Conversion
from publisher.feeds.sanitize import clean_html, clean_inline, safe_url
from publisher.feeds.shortcodes import ShortcodeContext, drop_block_comments, expand, has_blocks

_PUNCTUATION = re.compile(r"([\\`*_\[\]{}])")
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
_LINE_START = re.compile(r"(^|\n)([ \t]*)([#!+=~:>-]|\d+(?=[.)]))")
_BLANKS = re.compile(r"\n{3,}")
_TRAILING = re.compile(r"[ \t]+$", re.M)


def escape_text(text: str) -> str:
    """Text that Python-Markdown (with attr_list, tables, fences, admonitions) renders as itself."""
    text = _PUNCTUATION.sub(r"\\\1", text)
    # A lone '&' or '>' is shown as itself by Python-Markdown; only what could start an entity, a tag
    # or a table cell is neutralised ('>' at the start of a line is handled below).
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;").replace("|", "&#124;")
    return _LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match[str]) -> str:
    mark = m.group(3)
    if mark.isdigit():
        return m.group(1) + m.group(2) + mark + "\\"  # "1. " must not start a list: "1\. "
    if mark in "=~:":
        return m.group(1) + m.group(2) + f"&#{ord(mark)};"
    return m.group(1) + m.group(2) + "\\" + mark


def _title_part(title: str | None) -> str:
    if not title:
        return ""
    clean = re.sub(r"\s+", " ", title.replace('"', "'").replace("\\", "")).strip()
    return f' "{clean}"' if clean else ""


class SafeMarkdownConverter(MarkdownConverter):
    """markdownify, with escaping and URL checks fit for untrusted input rendered by Python-Markdown."""

    class Options(MarkdownConverter.DefaultOptions):
        heading_style = ATX
        bullets = "-"
        newline_style = SPACES
        escape_misc = False
        base_url = None

    def escape(self, text: str, parent_tags: Any) -> str:
        return escape_text(text) if text else ""

    def _url(self, value: object) -> str | None:
        return safe_url(value if isinstance(value, str) else None, self.options["base_url"])

    def convert_a(self, el: Tag, text: str, parent_tags: Any) -> str:
        if "_noformat" in parent_tags:
            return text
        href = self._url(el.get("href"))
        stripped = text.strip()
        if not stripped:
            return ""
        if not href:
            return text
        lead = " " if text[:1].isspace() else ""
        tail = " " if text[-1:].isspace() else ""
        if stripped.replace("\\", "") == href and not el.get("title"):
            return f"{lead}<{href}>{tail}"
        return f"{lead}[{stripped}]({href}{_title_part(el.get('title'))}){tail}"  # type: ignore[arg-type]

    def convert_img(self, el: Tag, text: str, parent_tags: Any) -> str:
        alt = escape_text(re.sub(r"\s+", " ", str(el.get("alt") or "")).strip())
        src = self._url(el.get("src"))
        if not src or ("_inline" in parent_tags and el.parent is not None
                       and el.parent.name not in self.options["keep_inline_images_in"]):
            return alt
        return f"![{alt}]({src}{_title_part(el.get('title'))})"  # type: ignore[arg-type]

    def _media_link(self, el: Tag, text: str, label: str) -> str:
        src = self._url(el.get("src"))
        if not src:
            source = el.find("source", attrs={"src": True})
            src = self._url(source.get("src")) if isinstance(source, Tag) else None
        text = text.strip() or label
        return f"\n\n[{text}]({src})\n\n" if src else text

    def convert_video(self, el: Tag, text: str, parent_tags: Any) -> str:
        return self._media_link(el, text, "Video")

    def convert_audio(self, el: Tag, text: str, parent_tags: Any) -> str:
        return self._media_link(el, text, "Audio")

    def convert_figure(self, el: Tag, text: str, parent_tags: Any) -> str:
        """One image with a caption stays a <figure> (Markdown has no caption); else plain Markdown."""
        images = el.find_all("img")
        caption = el.find("figcaption")
        if len(images) != 1 or not isinstance(caption, Tag) or "_inline" in parent_tags:
            return f"\n\n{text.strip()}\n\n" if text.strip() else ""
        img = images[0]
        src = self._url(img.get("src"))
        if not src:
            return f"\n\n{text.strip()}\n\n"
        alt = html.escape(re.sub(r"\s+", " ", str(img.get("alt") or "")).strip(), quote=True)
        tag = f'<img src="{html.escape(src, quote=True)}" alt="{alt}">'
        link = img.find_parent("a")
        href = self._url(link.get("href")) if isinstance(link, Tag) and link.find_parent("figure") is el else None
        if href:
            tag = f'<a href="{html.escape(href, quote=True)}">{tag}</a>'
        words = clean_inline(caption.decode_contents())
        if not words:
            return f"\n\n{text.strip()}\n\n"
        return f"\n\n<figure>\n{tag}\n<figcaption>{words}</figcaption>\n</figure>\n\n"

    def convert_pre(self, el: Tag, text: str, parent_tags: Any) -> str:
        if not text:
            return ""
        longest = max((len(run) for run in re.findall(r"`+|~+", text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}\n{text.strip(chr(10))}\n{fence}\n\n"


def tidy(markdown: str) -> str:
    """One blank line between blocks, no stray spaces, one final newline."""
    lines = []
    for line in markdown.split("\n"):
        kept = line.rstrip(" \t")
        if line.endswith("  ") and kept:
            kept += "  "  # a hard line break (<br>) in Python-Markdown
        lines.append(kept)
    text = _BLANKS.sub("\n\n", "\n".join(lines)).strip("\n")
    text = re.sub(r"  (\n\n|$)", r"\1", text)
    return text + "\n" if text else ""


def html_to_markdown(fragment: str, *, base_url: str | None = None) -> str:
    """Sanitise untrusted HTML and convert it to Markdown."""
    return tidy(SafeMarkdownConverter(base_url=base_url).convert(clean_html(fragment)))


def text_to_markdown(text: str) -> str:
    """Plain text (a feed's text/plain content): paragraphs kept, nothing read as markup."""
    return html_to_markdown(autop(html.escape(text)))


def wordpress_to_markdown(content: str, ctx: ShortcodeContext, *, base_url: str | None = None,
                          rendered: bool = False) -> Conversion:
    """A WordPress post body: block comments dropped, shortcodes expanded, wpautop applied, converted.

    ``rendered``: the HTML of a feed entry, which WordPress rendered already (paragraphs made, URLs
    embedded) but where shortcodes whose plugin is gone leak through ([caption], [vc_row]...): they
    take the same path as an export's, so both importers convert them alike."""
    blocks = has_blocks(content)
    text = drop_block_comments(content)
    text, unknown = expand(text, ctx, rendered=rendered)
    if not blocks and not rendered:
        text = autop(text)
    return Conversion(html_to_markdown(text, base_url=base_url), tuple(unknown))


__all__ = ["SafeMarkdownConverter", "escape_text", "html_to_markdown", "text_to_markdown", "tidy",
           "wordpress_to_markdown"]
