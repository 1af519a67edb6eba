"""What a piece's Markdown body may not carry: links off the URL allow-list, scripts, event handlers.

Front matter is text; a body is Markdown, and Markdown passes HTML through and writes any link
target into an href. So the loader reads the body's links (inline, reference, autolinks, and the
href/src of raw HTML) through publisher.urls, and refuses <script> elements and on* attributes: a
piece needs neither, and a writer who pastes one from an embed code gets a located message instead
of a script on the site. Code (fenced blocks and `spans`) is left out: writing about HTML is fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from publisher import urls

_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"``.+?``|`[^`]+`", re.S)  # one or two backticks: what prose uses
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE = re.compile(r"\]\(\s*<?([^\s<>()]*(?:\([^\s()]*\)[^\s<>()]*)*)>?")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(\s[^<>]*)?/?>")
_URL_ATTR = re.compile(r"""\b(href|src|action|formaction|poster|data|xlink:href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""",
                       re.I)
_HANDLER = re.compile(r"""(?:^|\s)(on[a-z]+)\s*=""", re.I)


def _blank(match: re.Match[str]) -> str:
    """The match replaced by spaces, newlines kept: line numbers stay right."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _escaped(text: str, pos: int) -> bool:
    """True when the character at ``pos`` follows an odd number of backslashes."""
    count = 0
    while pos - count - 1 >= 0 and text[pos - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def body_problems(body: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """(line in the file, message) for each thing the body may not carry; ``first_line`` is the body's."""
    # Each pattern runs only when its first character is there: this runs for every piece of every plan.
    text = body
    if "```" in text or "~~~" in text:
        text = _FENCE.sub(_blank, text)
    if "`" in text:
        text = _CODE_SPAN.sub(_blank, text)
    if "<!--" in text:
        text = _COMMENT.sub(_blank, text)

    def line_of(pos: int) -> int:
        return first_line + text.count("\n", 0, pos)

    for needle, pattern in (("](", _INLINE), ("]:", _REFERENCE), ("<", _AUTOLINK)):
        if needle not in text:
            continue
        for m in pattern.finditer(text):
            if pattern is _INLINE and _escaped(text, m.start()):
                continue  # \](...) is text: importers escape brackets of prose that way
            if not urls.is_allowed(m.group(1)):
                yield line_of(m.start(1)), f"{urls.refusal(m.group(1))} as a link target"
    if "<" not in text:
        return
    for tag in _TAG.finditer(text):
        name, attributes = tag.group(1).lower(), tag.group(2) or ""
        if name == "script":
            yield line_of(tag.start()), "expected Markdown or plain HTML, got a <script> element (nothing runs from a piece)"
            continue
        for attr in _URL_ATTR.finditer(attributes):
            value = next(v for v in attr.groups()[1:] if v is not None)
            if not urls.is_allowed(value):
                yield line_of(tag.start()), f"{urls.refusal(value)} in <{name} {attr.group(1).lower()}>"
        for handler in _HANDLER.finditer(attributes):
            yield line_of(tag.start()), (f"expected Markdown or plain HTML, got the event handler "
                                         f"{handler.group(1).lower()}= on <{name}> (nothing runs from a piece)")


__all__ = ["body_problems"]
