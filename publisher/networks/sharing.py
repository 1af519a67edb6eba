"""How a person shares a link on each network: its name as shown and its share (intent) URL."""

from __future__ import annotations

from urllib.parse import quote

NETWORK_NAMES = {"x": "X", "linkedin": "LinkedIn", "mastodon": "Mastodon", "bluesky": "Bluesky"}


def _q(value: str) -> str:
    # quote(), not urlencode(): mailto: and the intents want %20, and '+' would show up literally.
    return quote(value, safe="")


def share_url(network: str, *, url: str, text: str, mastodon_instance: str = "mastodon.social") -> str:
    """The share link of one network for an already tagged ``url``."""
    if network == "x":
        return f"https://x.com/intent/post?text={_q(text)}&url={_q(url)}"
    if network == "linkedin":
        return f"https://www.linkedin.com/sharing/share-offsite/?url={_q(url)}"
    if network == "mastodon":
        host = mastodon_instance.strip().removeprefix("https://").removeprefix("http://").strip("/")
        return f"https://{host}/share?text={_q(f'{text} {url}')}"
    if network == "bluesky":
        return f"https://bsky.app/intent/compose?text={_q(f'{text} {url}')}"
    raise ValueError(f"unknown share network {network!r}")


__all__ = ["NETWORK_NAMES", "share_url"]
