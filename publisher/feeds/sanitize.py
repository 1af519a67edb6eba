"""Imported HTML is untrusted: keep the structure a piece needs, drop everything that can run.

nh3 (ammonia) parses the HTML like a browser does and keeps only an allow-list of tags and
attributes, so script, event handlers (on*), style attributes and <style> never get through.
URLs are checked again here because they travel on into Markdown, where nh3 no longer guards them.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urljoin

import nh3

from publisher import urls

_BLOCK_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "ul", "ol", "li",
    "dl", "dt", "dd", "figure", "figcaption", "table", "caption", "thead", "tbody", "tfoot", "tr", "th",
    "td", "div", "section", "article", "details", "summary",
}
_INLINE_TAGS = {
    "a", "abbr", "b", "cite", "del", "em", "i", "img", "ins", "kbd", "mark", "q", "s", "samp", "small",
    "span", "strong", "sub", "sup", "u", "audio", "video", "source",
}
# Removed with everything inside: their content is code or markup, never prose.
_DROPPED_WITH_CONTENT = {"script", "style", "template", "iframe", "object", "noembed", "noframes", "svg",
                         "math", "title", "head", "select", "textarea", "button"}
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "audio": {"src"},
    "video": {"src", "poster"},
    "source": {"src", "type"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
SAFE_SCHEMES = urls.ALLOWED_SCHEMES  # the one allow-list (publisher.urls)

_BODY = nh3.Cleaner(
    tags=_BLOCK_TAGS | _INLINE_TAGS,
    clean_content_tags=_DROPPED_WITH_CONTENT,
    attributes=_ATTRIBUTES,
    url_schemes=set(SAFE_SCHEMES),
    link_rel=None,
    strip_comments=True,
)
_INLINE = nh3.Cleaner(
    tags={"a", "abbr", "b", "code", "em", "i", "strong", "br", "sub", "sup"},
    clean_content_tags=_DROPPED_WITH_CONTENT,
    attributes={"a": {"href", "title"}},
    url_schemes=set(SAFE_SCHEMES),
    link_rel=None,
)
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=_DROPPED_WITH_CONTENT, attributes={})
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_html(fragment: str) -> str:
    """Sanitise a body: structure, links and images kept; scripts, handlers and styles gone."""
    return _BODY.clean(_CONTROL.sub("", fragment))


def clean_inline(fragment: str) -> str:
    """Sanitise a short run of inline HTML (an image caption): links and emphasis only."""
    return _INLINE.clean(_CONTROL.sub("", fragment)).strip()


def plain_text(fragment: str) -> str:
    """The readable text of an HTML fragment, on one line, entities decoded."""
    text = html.unescape(_TEXT_ONLY.clean(_CONTROL.sub("", fragment)))
    return _SPACES.sub(" ", text).strip()


def safe_url(url: str | None, base: str | None = None) -> str | None:
    """A URL fit for Markdown: http(s) or mailto (relative ones resolved against ``base``), else None.

    Characters that would end a Markdown link early (spaces, parentheses, angle brackets, quotes)
    and non-ASCII characters are percent-encoded, so the URL stays one token wherever it goes.
    """
    if not url:
        return None
    url = _CONTROL.sub("", url).strip()
    if not url or url.startswith("#"):
        return url or None
    if url.startswith("//"):
        url = "https:" + url
    scheme = urls.scheme_of(url)
    if not scheme:
        if not base:
            return None
        url = urljoin(base, url)
        scheme = urls.scheme_of(url)
    if scheme not in SAFE_SCHEMES:
        return None
    return quote(url, safe="/:?#@!$&'*+,;=%~-._")


def is_safe_scheme(url: str) -> bool:
    """True for http, https and mailto URLs (what an imported link or image may point to)."""
    return urls.scheme_of(url) in SAFE_SCHEMES


__all__ = ["SAFE_SCHEMES", "clean_html", "clean_inline", "is_safe_scheme", "plain_text", "safe_url"]
