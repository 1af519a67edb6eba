"""UTM parameters on links, so analytics can tell which network and button brought a reader.

Pure and shared: the site's share buttons and the social posts both tag their links with it.
"""

from __future__ import annotations

from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit

UTM_KEYS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")


def with_utm(url: str, *, source: str, medium: str, campaign: str, content: str | None = None) -> str:
    """``url`` with utm_source/medium/campaign (and utm_content) set.

    Other query parameters are kept byte for byte (re-encoding them could change what a server
    reads); UTM parameters already present are replaced, so tagging twice never duplicates them.
    """
    wanted = {"utm_source": source, "utm_medium": medium, "utm_campaign": campaign}
    if content:
        wanted["utm_content"] = content
    parts = urlsplit(url)
    kept = [
        pair for pair in parts.query.split("&")
        if pair and unquote_plus(pair.split("=", 1)[0]) not in UTM_KEYS
    ]
    added = [f"{key}={quote(str(value), safe='')}" for key, value in wanted.items() if value]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept + added), parts.fragment))


__all__ = ["UTM_KEYS", "with_utm"]
