"""Links people follow to share on a network or to see someone's profile, from the descriptors' patterns."""

from __future__ import annotations

from urllib.parse import quote

from publisher import urls
from publisher.networks.registry import all_networks, network


def _q(value: str) -> str:
    # quote(), not urlencode(): the intents want %20, and '+' would show up literally.
    return quote(value, safe="")


def names() -> dict[str, str]:
    """Network key -> its name as people read it, for every network."""
    return {n.key: n.label for n in all_networks()}


def label(key: str) -> str:
    """A network's name as people read it (an unknown key, an old network in the store, as is)."""
    found = names().get(key)
    return found or key


def share_url(key: str, *, url: str, text: str, mastodon_instance: str = "mastodon.social",
              text_and_url: str | None = None) -> str:
    """The share link of one network for an already tagged ``url`` (ValueError: it has none).

    Networks whose intent takes one text get ``text_and_url`` (default: the text, a space, the URL)."""
    pattern = network(key).share_url
    if not pattern:
        raise ValueError(f"network {key!r} has no share link")
    host = mastodon_instance.strip().removeprefix("https://").removeprefix("http://").strip("/")
    joined = f"{text} {url}" if text_and_url is None else text_and_url
    return pattern.format(url=_q(url), text=_q(text), text_and_url=_q(joined), instance=host)


def sharing_networks() -> tuple[str, ...]:
    """Networks a reader can share a page on (those with a share link)."""
    return tuple(n.key for n in all_networks() if n.share_url)


def kit_networks() -> tuple[str, ...]:
    """Networks share kits prepare texts for, in the order a kit shows them (descriptors' kit_order)."""
    kits = sorted((n for n in all_networks() if n.kit_order is not None), key=lambda n: (n.kit_order, n.order))
    return tuple(n.key for n in kits)


def profile_url(key: str, handle: str) -> str:
    """A person's profile from their handle ('' when it cannot be made: a fediverse handle without host)."""
    pattern = network(key).profile_url
    handle = handle.strip()
    if not pattern or not handle:
        return ""
    if "://" in handle:  # a profile URL given whole: only a web one (never javascript://...)
        return handle if urls.is_absolute_web(handle) else ""
    bare = handle.lstrip("@")
    user, _, host = bare.partition("@")
    if "{host}" in pattern and not host:
        return ""
    return pattern.format(handle=bare, user=user, host=host)


__all__ = ["kit_networks", "label", "names", "profile_url", "share_url", "sharing_networks"]
