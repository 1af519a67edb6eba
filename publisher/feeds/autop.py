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


def autop(text: str, *, br: bool = True) -> str:
    """Wrap double-newline-separated text in <p> and turn single newlines into <br />."""
    if not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text, pres = _protect_pre(text + "\n")
    # A newline inside a tag (between attributes) is not a line break.
    text = _TAG.sub(lambda m: m.group(0).replace("\n", " "), text)
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.I)
    text = _OPEN_BLOCK.sub(r"\n\n\1", text)
    text = _CLOSE_BLOCK.sub(r"\1\n\n", text)
    text = re.sub(r"<hr\s*?/?>", "<hr />\n\n", text, flags=re.I)
    text = re.sub(r"\n\n+", "\n\n", text)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text)]
    text = "".join(f"<p>{p}</p>\n" for p in paragraphs if p)
    text = re.sub(r"<p>\s*</p>", "", text)
    text = re.sub(r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>", text)
    text = re.sub(r"<p>\s*(" + _ANY_BLOCK_TAG + r")\s*</p>", r"\1", text, flags=re.I)
    text = re.sub(r"<p>(<li.+?)</p>", r"\1", text)
    text = re.sub(r"<p><blockquote([^>]*)>", r"<blockquote\1><p>", text, flags=re.I)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = re.sub(r"<p>\s*(" + _ANY_BLOCK_TAG + r")", r"\1", text, flags=re.I)
    text = re.sub(r"(" + _ANY_BLOCK_TAG + r")\s*</p>", r"\1", text, flags=re.I)
    if br:
        text = re.sub(r"(?<!<br />)\s*\n", "<br />\n", text)
    text = re.sub(r"(" + _ANY_BLOCK_TAG + r")\s*<br />", r"\1", text, flags=re.I)
    text = re.sub(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1", text, flags=re.I)
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

    return re.sub(r"<pre[\s>].*?</pre>", keep, text, flags=re.S | re.I), pres


__all__ = ["autop"]
