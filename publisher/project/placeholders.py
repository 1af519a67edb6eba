"""Example values a new project ships with that nobody replaced: calls to action that would send
readers to example.org (RFC 2606 reserves it for examples, so no one reads that mailbox).

    for where, url in placeholder_ctas(settings, library): ...
"""

from __future__ import annotations

from urllib.parse import urlsplit

from publisher.config import Settings
from publisher.content import Library

RESERVED_DOMAINS = ("example.org", "example.com", "example.net", "example", "invalid", "test")
"""Reserved for examples and tests (RFC 2606, RFC 6761), with every name under them."""


def is_placeholder(url: str) -> bool:
    """A URL or mailto: address whose domain is reserved for examples."""
    parts = urlsplit(url.strip())
    host = parts.path.rsplit("@", 1)[-1] if parts.scheme == "mailto" else (parts.hostname or "")
    host = host.split("?", 1)[0].lower().rstrip(".")
    return any(host == domain or host.endswith("." + domain) for domain in RESERVED_DOMAINS)


def placeholder_ctas(settings: Settings, library: Library) -> list[tuple[str, str]]:
    """(where, url) of every call to action a published landing page would show that leads to a
    placeholder: the block's default (when a landing piece uses it) and pieces' own ``cta``."""
    landing = {key for key, spec in settings.plugin.types.items() if spec.landing}
    found: list[tuple[str, str]] = []
    default = settings.plugin.site.cta.url
    users = [p for p in library if p.type in landing and p.cta is None]
    if users and default and is_placeholder(default):
        found.append((f"{settings.config_file.name} 'site.cta.url' (the call to action of {len(users)} "
                      f"landing page{'s' if len(users) != 1 else ''})", default))
    for piece in library:
        if piece.type in landing and piece.cta is not None and is_placeholder(piece.cta.url):
            found.append((f"{piece.path.relative_to(settings.root).as_posix()} 'cta.url'", piece.cta.url))
    return found


__all__ = ["RESERVED_DOMAINS", "is_placeholder", "placeholder_ctas"]
