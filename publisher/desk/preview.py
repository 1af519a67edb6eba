"""A post as its network will show it: the words (links and hashtags marked), its length counted as
the network counts it against the limit, the link card with its image and alt text.

Pure: the post and the channel's limit in, a small model for the templates out. Text stays text:
the templates escape every part (Jinja's autoescape); links are only made from URLs whose scheme
is http or https with a host (``safe_url``, through publisher.urls: the project's one URL rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from publisher.networks import counting as networks
from publisher.networks import known
from publisher.networks import network as descriptor
from publisher.posts.model import QueuedPost
from publisher.social.edits import shown_text
from publisher.urls import is_absolute_web

CARD_SOURCE = {
    "x": "X shows the card we send (with the cover uploaded as media).",
    "bluesky": "Bluesky shows the card we send (an external embed with the cover as its thumbnail).",
    "linkedin": "LinkedIn shows the article we send (the cover uploaded as its thumbnail).",
    "mastodon": "Mastodon makes this card itself from the page's Open Graph tags.",
    "webhook": "Slack and Teams unfurl the link themselves.",
}
_TOKEN = re.compile(r"(?P<url>https?://[^\s]+)|(?<![\w#])#(?P<tag>\w*[^\W\d]\w*)")
_TRAILING = ".,;:!?)]}»”'\""


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http or https URL with a host, read as a browser reads its scheme
    (publisher.urls, the project's one rule); None otherwise (javascript:, data:...)."""
    return url.strip() if url and is_absolute_web(url) else None


@dataclass(frozen=True)
class Part:
    kind: str
    """text, link or tag."""
    text: str
    href: str | None = None


@dataclass(frozen=True)
class Card:
    url: str | None
    domain: str
    title: str
    description: str
    image: str | None
    """A local image's path (served by the desk) or a remote image's URL (not loaded: named only)."""
    image_is_local: bool
    image_alt: str
    source: str


@dataclass(frozen=True)
class Preview:
    network: str
    label: str
    parts: tuple[Part, ...]
    length: int
    limit: int
    unit: str
    fits: bool
    bytes_note: str
    card: Card | None
    editable_text: str
    """The words as a person edits them (LinkedIn's escaping taken out)."""


def _shown_link(network: str, url: str) -> str:
    """A URL as the network prints it in the post: X and Mastodon cut it, Bluesky shows its label."""
    short = networks.display_url(url)
    if network in ("x", "mastodon") and len(short) > 30:
        return short[:29] + "…"
    return short


def parts_of(network: str, text: str, link: str | None, title: str = "") -> tuple[Part, ...]:
    shown = shown_text(network, text)
    if network == "bluesky":
        out = []
        for kind, value in networks.bluesky_segments(shown, link, title):
            if kind == "link":
                target = value if value.startswith(("http://", "https://")) else link
                out.append(Part("link", value, safe_url(target)))
            elif kind == "tag":
                out.append(Part("tag", "#" + value))
            else:
                out.append(Part("text", value))
        return tuple(out)
    out = []
    pos = 0
    for m in _TOKEN.finditer(shown):
        url = m.group("url")
        end = m.end()
        if url:
            url = url.rstrip(_TRAILING)
            end = m.start() + len(url)
        if m.start() > pos:
            out.append(Part("text", shown[pos:m.start()]))
        if url:
            out.append(Part("link", _shown_link(network, url), safe_url(url)))
        else:
            out.append(Part("tag", m.group()))
        pos = end
    if pos < len(shown):
        out.append(Part("text", shown[pos:]))
    return tuple(out)


def card_of(post: QueuedPost, root: Path | None) -> Card | None:
    card = post.card
    if card is None:
        if post.network == "mastodon" and post.link:
            return Card(safe_url(post.link), urlsplit(post.link).netloc, "", "", None, False, "", CARD_SOURCE["mastodon"])
        return None
    image, local = card.image, False
    if image and not image.startswith(("http://", "https://")):
        local = root is not None and _inside(Path(image), root)
        image = image if local else None
    elif image:
        image = safe_url(image)
    url = safe_url(card.url)
    return Card(url, urlsplit(card.url).netloc.removeprefix("www."), card.title, card.description or "", image, local,
                card.image_alt or "", CARD_SOURCE.get(post.network, ""))


def _inside(path: Path, root: Path) -> bool:
    try:
        resolved = (root / path).resolve() if not path.is_absolute() else path.resolve()
        return resolved.is_relative_to(root.resolve()) and resolved.is_file()
    except OSError:
        return False


def preview(post: QueuedPost, limit: int, root: Path | None = None, text: str | None = None) -> Preview:
    """The preview of ``post`` (or of ``text`` in its place, for the live fit check)."""
    text = post.text if text is None else text
    network = post.network
    length, size = networks.measure(network, text), networks.utf8_size(text)
    most = networks.max_bytes(network)
    bytes_note = f"{size} of {most} bytes" if most < networks.NO_BYTE_LIMIT else ""
    title = post.card.title if post.card else ""
    return Preview(network, _label(network), parts_of(network, text, post.link, title), length, limit,
                   networks.unit(network), networks.fits(network, length, limit, size), bytes_note,
                   card_of(post, root), shown_text(network, text))


def _label(network: str) -> str:
    return descriptor(network).label if known(network) else network


__all__ = ["Card", "Part", "Preview", "card_of", "parts_of", "preview", "safe_url"]
