"""WordPress's wpautop(): classic-editor text keeps paragraphs as blank lines, not <p> tags.

WordPress adds the tags when it displays a post; an export holds the text without them, so
"first\n\nsecond" must become two paragraphs (and a single newline a line break) before the HTML
is converted, or the paragraphs run together. This follows wp-includes/formatting.php closely
enough for real exports: <pre> is left alone, block-level tags are never wrapped in <p>.
"""

from __future__ import annotations

import re

_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|"
    r"blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|"
    r"footer|nav|figure|figcaption|details|menu|summary|audio|video|source|iframe|object|embed|script)"
)
_OPEN_BLOCK = re.compile(r"(<" + _BLOCKS + r"[\s/>])", re.I)
_CLOSE_BLOCK = re.compile(r"(</" + _BLOCKS + r">)", re.I)
_ANY_BLOCK_TAG = r"</?" + _BLOCKS + r"[^>]*>"
_TAG = re.compile(r"<[^>]*>", re.S)
_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>", re.I)
_HR = re.compile(r"<hr\s*?/?>", re.I)
_EMPTY_P = re.compile(r"<p>\s*</p>")
_P_BEFORE_CLOSE = re.compile(r"<p>([^<]+)</(div|address|form)>")
_P_AROUND_BLOCK = re.compile(r"<p>\s*(" + _ANY_BLOCK_TAG + r")\s*</p>", re.I)
_P_AROUND_LI = re.compile(r"<p>(<li.+?)</p>")
_P_BLOCKQUOTE = re.compile(r"<p><blockquote([^>]*)>", re.I)
_P_BEFORE_BLOCK = re.compile(r"<p>\s*(" + _ANY_BLOCK_TAG + r")", re.I)
_P_AFTER_BLOCK = re.compile(r"(" + _ANY_BLOCK_TAG + r")\s*</p>", re.I)
_NEWLINE_TO_BR = re.compile(r"(?<!<br />)\s*\n")
_BR_AFTER_BLOCK = re.compile(r"(" + _ANY_BLOCK_TAG + r")\s*<br />", re.I)
_BR_BEFORE_BLOCK = re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", re.I)
_PRE = re.compile(r"<pre[\s>].*?</pre>", re.S | re.I)


def autop(text: str, *, br: bool = True) -> str:
    """Wrap double-newline-separated text in <p> and turn single newlines into <br />."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, pres = _protect_pre(text + "\n")
    # A newline inside a tag (between attributes) is not a line break.
    text = _TAG.sub(lambda m: m.group(0).replace("\n", " "), text)
    text = _DOUBLE_BR.sub("\n\n", text)
    text = _OPEN_BLOCK.sub(r"\n\n\1", text)
    text = _CLOSE_BLOCK.sub(r"\1\n\n", text)
    text = _HR.sub("<hr />\n\n", text)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text)]
    text = "".join(f"<p>{p}</p>\n" for p in paragraphs if p)
    text = _EMPTY_P.sub("", text)
    text = _P_BEFORE_CLOSE.sub(r"<p>\1</p></\2>", text)
    text = _P_AROUND_BLOCK.sub(r"\1", text)
    text = _P_AROUND_LI.sub(r"\1", text)
    text = _P_BLOCKQUOTE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK.sub(r"\1", text)
    text = _P_AFTER_BLOCK.sub(r"\1", text)
    if br:
        text = _NEWLINE_TO_BR.sub("<br />\n", text)
    text = _BR_AFTER_BLOCK.sub(r"\1", text)
    text = _BR_BEFORE_BLOCK.sub(r"\1", text)
    text = re.sub(r"\n</p>$", "</p>", text)
    for marker, original in pres.items():
        text = text.replace(marker, original)
    return text


def _protect_pre(text: str) -> tuple[str, dict[str, str]]:
    """Set <pre> blocks aside (their newlines are meaningful) behind markers that look like blocks."""
    pres: dict[str, str] = {}

    def keep(m: re.Match[str]) -> str:
        marker = f"<pre wp-pre-tag-{len(pres)}></pre>"
        pres[marker] = m.group(0)
        return marker

    return _PRE.sub(keep, text), pres


__all__ = ["autop"]
