"""WordPress shortcodes and block markup, turned into plain HTML before sanitising.

Handled: [caption] (caption as attribute or as the text after the image), Visual Composer
wrappers ([vc_row], [vc_column], [vc_column_text]... removed, content kept; [vc_single_image]
becomes its image), [gallery], [audio], [video], [embed], and URLs alone on a line (WordPress
auto-embeds them; here they become links). Gutenberg block comments are dropped. Any other
shortcode stays visible in the text and is listed, so the import report can name it.

The matching follows WordPress's own get_shortcode_regex(): [[name]] is an escaped literal,
enclosing shortcodes end at the first [/name].
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

KNOWN = ("caption", "wp_caption", "gallery", "audio", "video", "embed")


@dataclass(frozen=True, slots=True)
class Attachment:
    """A WordPress media item (post_type attachment)."""

    id: str
    url: str
    title: str = ""
    alt: str = ""
    caption: str = ""
    mime: str = ""
    parent: str = ""
    order: int = 0


@dataclass
class ShortcodeContext:
    """What shortcode handlers may look up: the post's id and the export's media."""

    post_id: str = ""
    media: Mapping[str, Attachment] | None = None

    def attachment(self, ident: str) -> Attachment | None:
        return (self.media or {}).get(ident.strip())

    def children(self, kind: str) -> list[Attachment]:
        """Media attached to this post whose MIME type starts with ``kind`` (image, audio, video)."""
        if not self.post_id or not self.media:
            return []
        found = [a for a in self.media.values() if a.parent == self.post_id and a.mime.startswith(kind)]
        return sorted(found, key=lambda a: (a.order, _int(a.id)))


def _int(text: str) -> int:
    return int(text) if text.isdigit() else 0


def shortcode_pattern(names: str) -> re.Pattern[str]:
    """WordPress's shortcode regex for the given alternation of names."""
    return re.compile(
        r"\[(\[?)(" + names + r")(?![\w-])"
        r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"
        r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)"
        r"(\]?)",
        re.S,
    )


_KNOWN_RE = shortcode_pattern("|".join(KNOWN))
_ANY_RE = re.compile(r"(?<!\[)\[(/?)([a-z][a-z0-9_-]*)((?:[\s/][^\]\n]*)?)\](?!\])")
_VC_IMAGE_RE = re.compile(r"\[vc_single_image\b([^\]]*)\]")
_VC_TAG_RE = re.compile(r"\[/?vc_[\w-]*\b[^\]]*\]")
_BLOCK_COMMENT_RE = re.compile(r"<!--\s*/?wp:[^>]*?-->\n?", re.S)
_MORE_RE = re.compile(r"<!--\s*(more|nextpage|noteaser)\b.*?-->", re.S)
_ATTR_RE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)"""
)
_CAPTION_SPLIT_RE = re.compile(r"^\s*((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)$", re.S | re.I)
_URL_LINE_RE = re.compile(r"^[ \t]*(https?://[^\s<>\"'\[\]]+)[ \t]*$", re.M)
_AUDIO_KEYS = ("src", "mp3", "ogg", "oga", "wav", "m4a", "flac", "wma")
_VIDEO_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv")


def parse_attributes(text: str) -> tuple[dict[str, str], list[str]]:
    """Named and positional shortcode attributes, as WordPress's shortcode_parse_atts() reads them."""
    named: dict[str, str] = {}
    positional: list[str] = []
    text = re.sub(r"[\u00a0\u200b]", " ", text)
    for m in _ATTR_RE.finditer(text):
        if m.group(1):
            named[m.group(1).lower()] = html.unescape(m.group(2))
        elif m.group(3):
            named[m.group(3).lower()] = html.unescape(m.group(4))
        elif m.group(5):
            named[m.group(5).lower()] = html.unescape(m.group(6))
        else:
            value = next((g for g in (m.group(7), m.group(8), m.group(9)) if g is not None), "")
            if value and value != "/":
                positional.append(html.unescape(value))
    return named, positional


def has_blocks(content: str) -> bool:
    """True for Gutenberg content, which WordPress does not run through wpautop."""
    return "<!-- wp:" in content


def drop_block_comments(content: str) -> str:
    """Remove Gutenberg's <!-- wp:... --> delimiters and the more/nextpage markers."""
    return _MORE_RE.sub("", _BLOCK_COMMENT_RE.sub("", content))


_TAG_ATTRS_RE = re.compile(r"\[(/?)([a-z][a-z0-9_-]*)([\s\u00a0][^\]\n]*)\]")
_CURLY = {"\u201c": '"', "\u201d": '"', "\u2033": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
          "\u2018": "'", "\u2019": "'", "\u2032": "'"}
_CURLY_ENTITY_RE = re.compile(r"&#(8220|8221|8243|8222|171|187|8216|8217|8242);|&#x(201[cdeCDE89]|2033|2032);")


def straighten_quotes(content: str) -> str:
    """Straight quotes inside shortcode tags. A shortcode that leaks into a WordPress feed (its plugin
    is gone) went through wptexturize: [caption id=”attachment_5″] must read as id="attachment_5"."""
    def attrs(m: re.Match[str]) -> str:
        inner = _CURLY_ENTITY_RE.sub(lambda e: chr(int(e.group(1)) if e.group(1) else int(e.group(2), 16)), m.group(3))
        return f"[{m.group(1)}{m.group(2)}{''.join(_CURLY.get(c, c) for c in inner)}]"
    return _TAG_ATTRS_RE.sub(attrs, content)


def expand(content: str, ctx: ShortcodeContext, *, rendered: bool = False) -> tuple[str, list[str]]:
    """Replace the shortcodes we know by HTML; return the HTML and the unknown shortcodes' names.

    ``rendered``: HTML WordPress rendered already (a feed's): URLs alone on a line are not embedded
    again, and a bare '[name]' (Reddit's '[link]') is text, not an unknown shortcode."""
    content = straighten_quotes(content)
    content = _VC_IMAGE_RE.sub(lambda m: _vc_image(m.group(1), ctx), content)
    content = _VC_TAG_RE.sub("", content)
    content = _expand_known(content, ctx)
    if not rendered:
        content = _URL_LINE_RE.sub(lambda m: _link_block(m.group(1), m.group(1)), content)
    unknown = unknown_shortcodes(content, bare=not rendered)
    content = re.sub(r"\[\[([A-Za-z][^\]]*)\]\]", r"[\1]", content)  # WordPress's escaped literal
    return content, unknown


def unknown_shortcodes(content: str, *, bare: bool = True) -> list[str]:
    """Names of what looks like a shortcode: [name], [name key=value], [name /], or [name ...][/name].

    '[simple boat]' in prose has neither a value nor a closing tag: it is text, not a shortcode;
    without ``bare``, neither is '[name]' alone.
    """
    text = _strip_tags(content)
    closed = {m.group(2) for m in _ANY_RE.finditer(text) if m.group(1)}
    names = []
    for m in _ANY_RE.finditer(text):
        attrs = m.group(3).strip()
        if m.group(1) or (bare and not attrs) or "=" in attrs or attrs.endswith("/") or m.group(2) in closed:
            names.append(m.group(2))
    return list(dict.fromkeys(names))


def _strip_tags(content: str) -> str:
    """Text outside tags and attributes, so brackets in an alt text are not taken for shortcodes."""
    return re.sub(r"<[^>]*>", " ", content)


def _expand_known(content: str, ctx: ShortcodeContext) -> str:
    def replace(m: re.Match[str]) -> str:
        if m.group(1) == "[" and m.group(6) == "]":
            return m.group(0)
        named, positional = parse_attributes(m.group(3) or "")
        inner = m.group(5) or ""
        handler = _HANDLERS[m.group(2)]
        return m.group(1) + handler(named, positional, inner, ctx) + m.group(6)

    return _KNOWN_RE.sub(replace, content)


def _caption(named: dict[str, str], positional: list[str], inner: str, ctx: ShortcodeContext) -> str:
    inner = _expand_known(inner, ctx)
    caption = named.get("caption", "")
    media = inner
    if not caption:
        m = _CAPTION_SPLIT_RE.match(inner)
        if m:
            media, caption = m.group(1), m.group(2)
    caption = caption.strip()
    if not caption:
        return f"\n\n<figure>{media.strip()}</figure>\n\n"
    return f"\n\n<figure>{media.strip()}<figcaption>{caption}</figcaption></figure>\n\n"


def _image_html(att: Attachment, *, with_caption: bool = True) -> str:
    alt = html.escape(att.alt or att.title, quote=True)
    img = f'<img src="{html.escape(att.url, quote=True)}" alt="{alt}">'
    if with_caption and att.caption:
        return f"<figure>{img}<figcaption>{html.escape(att.caption)}</figcaption></figure>"
    return f"<p>{img}</p>"


def _gallery(named: dict[str, str], positional: list[str], inner: str, ctx: ShortcodeContext) -> str:
    ids = [i for i in re.split(r"[\s,]+", named.get("ids") or named.get("include") or "") if i]
    if ids:
        images = [a for a in (ctx.attachment(i) for i in ids) if a is not None]
    else:
        excluded = set(re.split(r"[\s,]+", named.get("exclude", "")))
        images = [a for a in ctx.children("image") if a.id not in excluded]
    if named.get("order", "").upper() == "DESC":
        images.reverse()
    if not images:
        return ""
    return "\n\n<div>" + "".join(_image_html(a) for a in images) + "</div>\n\n"


def _media_source(named: dict[str, str], positional: list[str], keys: tuple[str, ...]) -> str:
    for key in keys:
        if named.get(key):
            return named[key]
    return next((p for p in positional if re.match(r"https?://", p)), "")


def _file_label(url: str, title: str = "") -> str:
    if title:
        return title
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    return name or url


def _audio(named: dict[str, str], positional: list[str], inner: str, ctx: ShortcodeContext) -> str:
    url = _media_source(named, positional, _AUDIO_KEYS)
    title = ""
    if not url:
        attached = ctx.children("audio")
        if not attached:
            return ""
        url, title = attached[0].url, attached[0].title
    return _link_block(url, f"Audio: {_file_label(url, title)}")


def _video(named: dict[str, str], positional: list[str], inner: str, ctx: ShortcodeContext) -> str:
    url = _media_source(named, positional, _VIDEO_KEYS)
    title = ""
    if not url:
        attached = ctx.children("video")
        if not attached:
            return ""
        url, title = attached[0].url, attached[0].title
    label = f"Video: {_file_label(url, title)}"
    poster = named.get("poster", "")
    if poster:
        img = f'<img src="{html.escape(poster, quote=True)}" alt="{html.escape(label, quote=True)}">'
        return f'\n\n<p><a href="{html.escape(url, quote=True)}">{img}</a></p>\n\n'
    return _link_block(url, label)


def _embed(named: dict[str, str], positional: list[str], inner: str, ctx: ShortcodeContext) -> str:
    url = inner.strip() or named.get("src", "") or (positional[0] if positional else "")
    url = re.sub(r"<[^>]*>", "", url).strip()
    return _link_block(url, url) if url else ""


def _link_block(url: str, label: str) -> str:
    return f'\n\n<p><a href="{html.escape(url, quote=True)}">{html.escape(label)}</a></p>\n\n'


def _vc_image(attrs: str, ctx: ShortcodeContext) -> str:
    named, _ = parse_attributes(attrs)
    att = ctx.attachment(named.get("image", ""))
    return "\n\n" + _image_html(att) + "\n\n" if att else ""


_HANDLERS: dict[str, Callable[[dict[str, str], list[str], str, ShortcodeContext], str]] = {
    "caption": _caption,
    "wp_caption": _caption,
    "gallery": _gallery,
    "audio": _audio,
    "video": _video,
    "embed": _embed,
}

__all__ = ["KNOWN", "Attachment", "ShortcodeContext", "drop_block_comments", "expand", "has_blocks",
           "parse_attributes", "shortcode_pattern", "straighten_quotes", "unknown_shortcodes"]
