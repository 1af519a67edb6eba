"""The site's typography: a Python-Markdown extension that typesets every text node of a page in the
page's language, with the same rules as the posts (publisher/content/typography.py).

Code, preformatted text and anything Python-Markdown marks as atomic (code spans, autolinks) is left
as written. It runs after the inline patterns and before the table of contents, so headings in the
TOC are typeset too.
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from publisher.content.typography import typeset

_LEFT_ALONE = frozenset({"code", "pre", "kbd", "samp", "script", "style", "math", "svg"})
PRIORITY = 6
"""After inline patterns (20) and prettify (10), before the table of contents (5)."""


class TypographyProcessor(Treeprocessor):
    def __init__(self, md: Markdown, lang: Callable[[], str]):
        super().__init__(md)
        self.lang = lang

    def run(self, root: Element) -> None:
        lang = self.lang()
        if lang:
            self._walk(root, lang, "")

    def _walk(self, element: Element, lang: str, last: str) -> str:
        """Typeset ``element``'s text and its children's; returns the last character shown."""
        if element.tag in _LEFT_ALONE:
            return _last(element, last)
        if self.md.is_block_level(element.tag):
            last = ""  # a quotation mark that starts a paragraph opens
        if element.text and not isinstance(element.text, AtomicString):
            element.text = typeset(element.text, lang, after=last)
        if element.text:
            last = element.text[-1]
        for child in element:
            last = self._walk(child, lang, last)
            if child.tail and not isinstance(child.tail, AtomicString):
                child.tail = typeset(child.tail, lang, after=last or "x")
            if child.tail:
                last = child.tail[-1]
        return last


def _last(element: Element, last: str) -> str:
    text = "".join(element.itertext())
    return text[-1] if text else last


class TypographyExtension(Extension):
    """``lang`` says the language of the page being converted ("" leaves it alone)."""

    def __init__(self, lang: Callable[[], str], **kwargs: object):
        self.lang = lang
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(TypographyProcessor(md, self.lang), "publisher_typography", PRIORITY)


__all__ = ["PRIORITY", "TypographyExtension", "TypographyProcessor"]
