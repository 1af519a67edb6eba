"""The one rule for URLs that come from content, imports and authors: http, https, mailto or relative.

Every place a URL from a writer or a feed can reach (front matter validation, the authors file,
importers, the site's templates through the ``content_url`` filter, meta tags, kits) asks this
module, so there is one allow-list to audit. A scheme is read the way a browser reads it: ASCII
tabs and newlines inside the URL are ignored and leading spaces or control characters stripped,
so ``java\\tscript:`` and `` javascript:`` are refused like ``javascript:``.
"""

from __future__ import annotations

import re

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})
EXPECTED = "an http, https or mailto URL or a relative path"
"""What a refusal says was expected; ``field: expected <EXPECTED>, got '<value>'``."""

_IGNORED_INSIDE = re.compile(r"[\t\n\r]")
_EDGES = "".join(chr(c) for c in range(0x21)) + "\x7f"
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


class UrlRefused(ValueError):
    """A URL whose scheme is not on the allow-list (javascript:, data:, file:...)."""

    def __init__(self, url: str):
        self.url = url
        super().__init__(refusal(url))


def scheme_of(url: str) -> str:
    """The scheme a browser would see, lowercased; '' for a relative URL."""
    cleaned = _IGNORED_INSIDE.sub("", url).strip(_EDGES)
    m = _SCHEME.match(cleaned)
    return m.group(1).lower() if m else ""


def is_allowed(url: object) -> bool:
    """True for http(s) and mailto URLs and relative paths; False for any other scheme or non-text."""
    if not isinstance(url, str):
        return False
    scheme = scheme_of(url)
    return not scheme or scheme in ALLOWED_SCHEMES


def is_absolute_web(url: str) -> bool:
    """True for an http or https URL with a host (canonical links, feed links)."""
    cleaned = url.strip()
    return scheme_of(cleaned) in {"http", "https"} and bool(re.match(r"[A-Za-z]+://[^\s/?#]", cleaned))


def refusal(url: object) -> str:
    """The message for a refused URL, without the file and field (the caller adds them)."""
    text = url if isinstance(url, str) else repr(url)
    if len(text) > 80:
        text = text[:77] + "..."
    return f"expected {EXPECTED}, got {text!r}"


def checked(url: str) -> str:
    """The URL, stripped, when allowed; raise UrlRefused otherwise."""
    if not is_allowed(url):
        raise UrlRefused(url)
    return url.strip()


def content_url(value: object) -> str:
    """The Jinja filter: an allowed URL as it is, anything else as '' (never a script link).

    Validation refuses such URLs at check time; this is the last guard for values that reach a
    template some other way (a theme override, a page's own meta).
    """
    return value.strip() if isinstance(value, str) and is_allowed(value) else ""


__all__ = ["ALLOWED_SCHEMES", "EXPECTED", "UrlRefused", "checked", "content_url", "is_absolute_web", "is_allowed",
           "refusal", "scheme_of"]
