"""One candidate, one channel: the exact text to send, its length as the network counts it, or why not.

Layout of a post (the piece's language sets the quotation marks and the fixed wording):

    “Sovereignty is a design choice, not a label.” — Camille Martin

    Read more: https://news.example.org/articles/sovereignty/?utm_source=x&utm_medium=social&...
    #SovereignCloud2026 #Cloud #Sovereignty

- X, Mastodon and webhooks show the full UTM link (X and Mastodon count it 23).
- Bluesky shows the link's short form (news.example.org/articles/sovereignty); the facet and the link
  card carry the UTM link (see networks.bluesky_segments).
- LinkedIn's commentary is escaped "little text"; the UTM link goes in the article share (the card),
  or in the text when the channel has `link_card: false`.
Hand-written posts keep the author's words and get only the link and the campaign hashtag. When a post
is too long, tag hashtags go first (the campaign's stays); if it still does not fit it is rejected,
never cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from publisher.content.model import Piece
from publisher.site.utm import with_utm
from publisher.social import hashtags, networks
from publisher.social.model import Excerpt, LinkCard

UTM_MEDIUM = "social"
CARD_NETWORKS = frozenset({"x", "bluesky", "linkedin"})
"""Networks that take a card from us; Mastodon builds its own preview from the page's meta tags."""

NBSP = "\u00a0"
WORDING: dict[str, dict[str, str]] = {
    "en": {"read_more": "Read more:", "open": "“", "close": "”", "by": "— "},
    "fr": {"read_more": f"Lire la suite{NBSP}:", "open": f"«{NBSP}", "close": f"{NBSP}»", "by": "— "},
}
"""Fixed words of a post per language; other languages fall back to English."""

_FRENCH_SPACE = re.compile(r"[ \u202f]+(?=[:;!?»])")
_FRENCH_OPEN = re.compile(r"«[ \u202f]+")


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    """What rendering needs to know about a channel."""

    name: str
    network: str
    limit: int
    max_hashtags: int = 3
    link_card: bool = True

    @classmethod
    def from_spec(cls, name: str, spec: object) -> ChannelInfo:
        network = getattr(spec, "network", None) or name
        return cls(name, network, networks.limit_for(network, spec), int(getattr(spec, "max_hashtags", 3)),
                   bool(getattr(spec, "link_card", True)))


@dataclass(frozen=True, slots=True)
class PieceContext:
    """What rendering needs to know about a piece beyond the piece: its public URL and campaign."""

    url: str
    """Absolute URL of the piece's page, without UTM."""
    utm_campaign: str
    campaign: str | None = None
    hashtag: str | None = None
    """The campaign's hashtag, the same on every network."""
    image: str | None = None
    """Cover for link cards: a path on disk or an absolute URL."""


@dataclass(frozen=True, slots=True)
class Rendered:
    """A post ready to plan: the exact text, how the network counts it, its link and card."""

    text: str
    length: int
    limit: int
    link: str
    card: LinkCard | None = None
    hashtags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """A candidate that does not fit a channel, and why (shown in the plan and in `preview`)."""

    reason: str
    length: int = 0
    limit: int = 0


def wording(lang: str) -> dict[str, str]:
    found = WORDING.get(lang)
    return found if found is not None else WORDING.get(lang.split("-")[0], WORDING["en"])


def french_spacing(text: str) -> str:
    """Non-breaking spaces where French typography wants them: before : ; ! ? » and after «."""
    return _FRENCH_OPEN.sub(f"«{NBSP}", _FRENCH_SPACE.sub(NBSP, text))


def body_of(excerpt: Excerpt) -> str:
    """The excerpt as the post says it: quotes in the language's quotation marks, with who said it."""
    return _body(excerpt.kind, excerpt.text, excerpt.lang, excerpt.attribution)


def _body(kind: str, text: str, lang: str, attribution: str) -> str:
    if kind == "hand-written":
        return networks.normalize(text)
    words = wording(lang)
    if kind == "quote":
        text = f"{words['open']}{text}{words['close']}"
        if attribution:
            text += f" {words['by']}{attribution}"
    if lang.startswith("fr"):
        text = french_spacing(text)
    return networks.normalize(text)


def link_for(excerpt: Excerpt, channel: ChannelInfo, context: PieceContext) -> str:
    """The piece's URL tagged for this network and excerpt (utm_content is the excerpt's id)."""
    return with_utm(context.url, source=channel.network, medium=UTM_MEDIUM, campaign=context.utm_campaign,
                    content=excerpt.id)


@lru_cache(maxsize=65536)
def _link_prefix(url: str, network: str, campaign: str) -> str:
    """The tagged link up to its utm_content value: with_utm puts utm_content last, so one tagging
    per piece and network serves every excerpt (ids are hex: nothing to quote)."""
    return with_utm(url, source=network, medium=UTM_MEDIUM, campaign=campaign) + "&utm_content="


def card_for(piece: Piece, link: str, context: PieceContext) -> LinkCard:
    return LinkCard(url=link, title=piece.title, description=piece.summary, image=context.image,
                    image_alt=piece.cover_alt)


@dataclass(frozen=True, slots=True)
class Fitted:
    """A candidate that fits a channel: the post's parts around its utm_content id, and its length."""

    body: str
    before: str
    """The tail up to the excerpt id in its link (the whole tail when the text shows no UTM link)."""
    after: str | None
    """The tail after the id; None when the text shows no UTM link (Bluesky, LinkedIn with a card)."""
    link_prefix: str
    """The tagged link without its utm_content value."""
    tags: tuple[str, ...]
    length: int

    def text(self, excerpt_id: str) -> str:
        tail = self.before if self.after is None else self.before + excerpt_id + self.after
        return f"{self.body}\n\n{tail}" if tail else self.body


@dataclass(frozen=True, slots=True)
class _Tail:
    """One way to end a post on one channel: the parts around the id, counted once."""

    before: str
    after: str | None
    length: int | None
    """Length on the network (None: only the library can count it together with a body)."""
    counted: str
    size: int
    """UTF-8 bytes (Bluesky's second limit)."""


class Fitter:
    """Fits the candidates of one piece to its channels. What they share is worked out once: each
    candidate's body and its length on each network, and per channel the tails (link line and
    hashtags) with their lengths, so fitting a candidate to a channel is mostly arithmetic.

    A tail is counted with a stand-in utm_content of the same length: excerpt ids are fixed-length
    hex, so the count does not depend on which id it is.
    """

    def __init__(self, piece: Piece, context: PieceContext):
        self.piece, self.context = piece, context
        self._bodies: dict[str, tuple[str, dict[str, int] | None, int]] = {}
        self._tails: dict[tuple[str, bool, str, tuple[str, ...], int], _Tail] = {}
        self._tags: dict[tuple[bool, int], tuple[str, ...]] = {}

    def fit(self, excerpt: Excerpt, channel: ChannelInfo) -> Fitted | Rejected:
        """Does ``excerpt`` fit ``channel``, and with which hashtags? Counts without building the post."""
        network = channel.network
        if excerpt.network and excerpt.network != network:
            return Rejected(f"written for {excerpt.network}, not {network}")
        body, plain, size = self._body(excerpt)
        own = excerpt.kind == "hand-written"
        if "#" in body:  # hashtags the text already has are not repeated
            tags = hashtags.pick(() if own else self.piece.tags, self.context.hashtag, body, channel.max_hashtags)
        else:
            tags = self._default_tags(own, channel.max_hashtags)
        if network == "linkedin":
            body = networks.linkedin_escape(body)
            body_length: int | None = len(body)
            size = len(body.encode("utf-8"))
        elif plain is not None and network in plain:
            body_length = plain[network]
        else:
            body_length = networks.quick_length(network, body)
        lead = "" if own else wording(excerpt.lang)["read_more"] + " "
        limit = channel.limit
        keep = len(tags)
        while True:
            kept = tags[:keep] if keep < len(tags) else tags
            tail = self._tail(channel, lead, kept, len(excerpt.id))
            if not tail.counted:
                length = body_length if body_length is not None else networks.measure(network, body)
            elif body_length is not None and tail.length is not None:
                length = body_length + 2 + tail.length
            else:
                length = networks.measure(network, f"{body}\n\n{tail.counted}")
            if length <= limit and (network != "bluesky" or size + 2 + tail.size <= networks.BLUESKY_MAX_BYTES):
                return Fitted(body, tail.before, tail.after, _link_prefix(self.context.url, network,
                              self.context.utm_campaign), kept, length)
            if keep == 0 or (keep == 1 and tags[0] == self.context.hashtag):
                return Rejected(_too_long(network, length, limit, size + 2 + tail.size), length, limit)
            keep -= 1

    def _body(self, excerpt: Excerpt) -> tuple[str, dict[str, int] | None, int]:
        found = self._bodies.get(excerpt.id)
        if found is None:
            body = body_of(excerpt)
            found = self._bodies[excerpt.id] = (body, networks.plain_lengths(body), len(body.encode("utf-8")))
        return found

    def _default_tags(self, own: bool, limit: int) -> tuple[str, ...]:
        key = (own, limit)
        found = self._tags.get(key)
        if found is None:
            found = self._tags[key] = hashtags.pick(() if own else self.piece.tags, self.context.hashtag, "", limit)
        return found

    def _tail(self, channel: ChannelInfo, lead: str, tags: tuple[str, ...], id_length: int) -> _Tail:
        key = (channel.network, channel.link_card, lead, tags, id_length)
        found = self._tails.get(key)
        if found is None:
            context = self.context
            before, after, counted = _tail(channel.network, channel.link_card, context.url, context.utm_campaign,
                                           lead, tags, id_length)
            found = _Tail(before, after, networks.quick_length(channel.network, counted), counted,
                          len(counted.encode("utf-8")))
            self._tails[key] = found
        return found


def fit(excerpt: Excerpt, piece: Piece, channel: ChannelInfo, context: PieceContext) -> Fitted | Rejected:
    """Does ``excerpt`` fit ``channel``, and with which hashtags? (See `Fitter`.)"""
    return Fitter(piece, context).fit(excerpt, channel)


def compose(excerpt: Excerpt, piece: Piece, channel: ChannelInfo, context: PieceContext,
            fitted: Fitted) -> Rendered:
    """The post itself, for a candidate `fit` accepted."""
    link = fitted.link_prefix + excerpt.id
    card = card_for(piece, link, context) if channel.link_card and channel.network in CARD_NETWORKS else None
    return Rendered(fitted.text(excerpt.id), fitted.length, channel.limit, link, card, fitted.tags)


def render(excerpt: Excerpt, piece: Piece, channel: ChannelInfo, context: PieceContext) -> Rendered | Rejected:
    """Fit ``excerpt`` to ``channel``: the final text and its length, or the reason it cannot go there."""
    fitted = fit(excerpt, piece, channel, context)
    if isinstance(fitted, Rejected):
        return fitted
    return compose(excerpt, piece, channel, context, fitted)


def _tail(network: str, link_card: bool, url: str, utm_campaign: str, lead: str, tags: tuple[str, ...],
          id_length: int) -> tuple[str, str | None, str]:
    """The lines after the body: 'Read more: LINK' (the link alone in hand-written posts), then the
    hashtags, ready for the network (escaped for LinkedIn). Returned as (the tail up to the utm_content
    id, the tail after it or None when it shows no UTM link, the tail as counted with a stand-in id).
    """
    tag_line = " ".join(tags)
    if network == "bluesky" or (network == "linkedin" and link_card):
        line = lead + networks.display_url(url) if network == "bluesky" else ""
        tail = "\n".join(part for part in (line, tag_line) if part)
        tail = networks.linkedin_escape(tail) if network == "linkedin" else tail
        return tail, None, tail
    stand_in = "0" * id_length
    counted = lead + _link_prefix(url, network, utm_campaign) + stand_in + (f"\n{tag_line}" if tag_line else "")
    if network == "linkedin":
        counted = networks.linkedin_escape(counted)  # URLs stay as they are, so the stand-in survives
    cut = counted.index("utm_content=" + stand_in) + len("utm_content=")
    return counted[:cut], counted[cut + id_length:], counted


def _too_long(network: str, length: int, limit: int, size: int) -> str:
    """Why a post does not fit, in the network's own unit."""
    if length > limit:
        unit = networks.UNITS.get(network, "characters")
        return f"too long for {network}: {length} {unit}, limit {limit} (with the link)"
    return f"too long for bluesky: {size} bytes, limit {networks.BLUESKY_MAX_BYTES}"


__all__ = [
    "CARD_NETWORKS",
    "UTM_MEDIUM",
    "WORDING",
    "ChannelInfo",
    "Fitted",
    "Fitter",
    "PieceContext",
    "Rejected",
    "Rendered",
    "body_of",
    "compose",
    "fit",
    "french_spacing",
    "link_for",
    "render",
    "wording",
]
