"""One candidate, one channel: the exact text to send, its length as the network counts it, or why not.

Layout of a post (the piece's language sets the quotation marks and the fixed wording):

    “Sovereignty is a design choice, not a label.” — Camille Martin

    Digital sovereignty, explained → https://news.example.org/articles/sovereignty/?utm_source=x&...
    #SovereignCloud2026 #Cloud #Sovereignty

An excerpt is followed by the piece's title, so that it never leans on the link card to say what "the
pool" or "cette commune" is (`Fitter.lead`); the title's own post, and an excerpt that already says
the title, say "Read more:" instead.
- X, Mastodon and webhooks show the full UTM link (X and Mastodon count it 23).
- Bluesky: the link card carries the UTM link; under an excerpt the title is the link (a facet over
  it), under the title the link's short form is (news.example.org/articles/sovereignty; see
  networks.bluesky_segments). A channel that sends the cover as an image shows the short form.
- LinkedIn's commentary is escaped "little text"; the UTM link goes in the article share (the card)
  and in the text as well, like X's (tails.LINKEDIN_LINK_IN_TEXT: a headline with its link in the card
  only read as a teaser); only the text with `link_card: false`.
Hand-written posts keep the author's words and get only the link and the campaign hashtag. When a post
is too long, tag hashtags go first (the campaign's stays); if it still does not fit it is rejected,
never cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from publisher.content.model import Piece
from publisher.content.typography import typeset
from publisher.content.utm import with_utm
from publisher.networks import counting as networks
from publisher.networks import network as descriptor
from publisher.performance import fast_constructor
from publisher.posts.model import Excerpt, LinkCard
from publisher.social import hashtags, headlines
from publisher.social.excerpting import placing
from publisher.social.tails import ARROW, UTM_MEDIUM, Fitted, Tail, TailKey, make_tail
from publisher.social.titles import card_words, misquoted_by_title, placed_title

NBSP = "\u00a0"
WORDING: dict[str, dict[str, str]] = {
    "en": {"read_more": "Read more:", "open": "“", "close": "”", "by": "— "},
    "fr": {"read_more": f"Lire la suite{NBSP}:", "open": f"«{NBSP}", "close": f"{NBSP}»", "by": "— "},
}
"""Fixed words of a post per language; other languages fall back to English."""

@dataclass(frozen=True, slots=True)
class ChannelInfo:
    """What rendering needs to know about a channel."""

    name: str
    network: str
    limit: int
    max_hashtags: int = 3
    link_card: bool = True
    """The channel attaches a link card (its `link_card` setting, on a network that takes one from us)."""
    counts: str = ""
    """The network's counting rule (publisher.networks.counting); filled in from its descriptor."""
    cover_image: bool = False
    """The channel attaches the cover as an image (its `cover_image` setting): posts carry a card for it."""

    def __post_init__(self) -> None:
        found = descriptor(self.network)  # UnknownNetwork here, never a silent default
        if not self.counts:
            object.__setattr__(self, "counts", found.counts)
        if self.link_card and not (found.link_card or self.cover_image):
            object.__setattr__(self, "link_card", False)

    @classmethod
    def from_spec(cls, name: str, spec: object) -> ChannelInfo:
        network = getattr(spec, "network", None) or name
        found = descriptor(network)
        max_tags = int(getattr(spec, "max_hashtags", 3))
        if found.topic_tags is not None:
            max_tags = min(max_tags, found.topic_tags)
        return cls(name, network, networks.limit_for(network, spec), max_tags, bool(getattr(spec, "link_card", True)),
                   found.counts, bool(getattr(spec, "cover_image", False)))


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
    tag_rules: hashtags.HashtagRules = hashtags.DEFAULT_RULES
    """The team's hashtag overrides and blocklist."""


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


def body_of(excerpt: Excerpt) -> str:
    """The excerpt as the post says it: quotes in the language's quotation marks, with who said it."""
    return _body(excerpt.kind, excerpt.text, excerpt.lang, excerpt.attribution, excerpt.question)


def _body(kind: str, text: str, lang: str, attribution: str, question: str = "") -> str:
    if kind == "hand-written":  # the author's words and spacing, with the language's typography
        return networks.normalize(typeset(text, lang))
    words = wording(lang)
    text = typeset(text, lang)
    if kind == "quote":
        text = f"{words['open']}{_nested(text, lang)}{words['close']}"
        if attribution:
            text += f" {words['by']}{_typeset_name(attribution, lang)}"  # "Commune d'Autrans": typeset too
        if question:  # a guest's answer under the interviewer's question (excerpting/questions.py)
            text = f"{typeset(question, lang)}\n\n{text}"
    return networks.normalize(text)


_typeset_name = lru_cache(maxsize=4096)(typeset)
"""A speaker and role, typeset: the same few names sign every quote of a plan."""
_INNER = {"en": str.maketrans({"“": "‘", "”": "’"}), "fr": str.maketrans({"«": "“", "»": "”"})}
_INNER_SPACES = re.compile("(?<=“)[\u00a0\u202f]+|[\u00a0\u202f]+(?=”)")


def _nested(text: str, lang: str) -> str:
    """Quotation marks inside a quote take the second level: “… ‘the word’ …”, « … “le mot” … »."""
    language = "fr" if lang.startswith("fr") else "en"
    if ("“" not in text and "«" not in text) or (language == "en" and "“" not in text):
        return text
    inner = text.translate(_INNER[language])
    return _INNER_SPACES.sub("", inner) if language == "fr" else inner


def link_for(excerpt: Excerpt, channel: ChannelInfo, context: PieceContext) -> str:
    """The piece's URL tagged for this network and excerpt (utm_content is the excerpt's id)."""
    return with_utm(context.url, source=channel.network, medium=UTM_MEDIUM, campaign=context.utm_campaign,
                    content=excerpt.id)


_new_card = fast_constructor(LinkCard)


def card_for(piece: Piece, link: str, context: PieceContext) -> LinkCard:
    """The link card of a post of ``piece`` whose link is ``link`` (the planner makes 100,000 a plan:
    its words are typeset once per piece, `titles.card_words`)."""
    return _new_card(*card_values(piece, link, context))


def card_values(piece: Piece, link: str, context: PieceContext) -> tuple[str, str, str, str | None, str]:
    """`card_for`'s fields in LinkCard's order (url, title, description, image, image_alt)."""
    title, description, alt = card_words(piece)
    return link, title, description, context.image, alt


Frame = tuple[ChannelInfo, str, int, tuple[str, ...], Tail]
"""(channel, network, limit, default hashtags, their tail) for one piece."""


class Fitter:
    """Fits the candidates of one piece to its channels. What they share is worked out once: each
    candidate's body and its length on each network, and per channel the tails (link line and
    hashtags, tails.py) with their lengths, so fitting a candidate to a channel is mostly arithmetic.
    """

    def __init__(self, piece: Piece, context: PieceContext):
        self.piece, self.context = piece, context
        self._tails: dict[TailKey, Tail] = {}
        self._tags: dict[tuple[bool, int], tuple[str, ...]] = {}
        self._frames: dict[tuple[tuple[int, ...], bool, str, int], list[Frame]] = {}
        """Keyed by (channels, hand-written, lead, id length)."""
        self._shown: str | None = None
        self._spelled: tuple[str, ...] | None = None
        self._headline: tuple[str, headlines.Headline, bool] | None = None

    def fit(self, excerpt: Excerpt, channel: ChannelInfo) -> Fitted | Rejected:
        """Does ``excerpt`` fit ``channel``, and with which hashtags? Counts without building the post."""
        return self.fit_all(excerpt, (channel,))[0]

    def fit_all(self, excerpt: Excerpt, channels: Sequence[ChannelInfo]) -> list[Fitted | Rejected]:
        """`fit` for several channels at once, working out the excerpt's side once."""
        body = body_of(excerpt)
        plain = networks.plain_lengths(body)
        size = len(body.encode("utf-8"))
        own = excerpt.kind == "hand-written"
        tagged = "#" in body  # hashtags the text already has are not repeated: tags depend on the text
        out: list[Fitted | Rejected] = []
        escaped: str | None = None
        lang, id_length = excerpt.lang, len(excerpt.id)
        lead = self.lead(excerpt.kind, lang, excerpt.text)  # the words, not a quote's attribution
        frames = self._frames.get((tuple(map(id, channels)), own, lead, id_length))
        if frames is None:
            frames = self._frames_for(channels, own, lead, id_length)
        for channel, network, limit, tags, tail in frames:
            if excerpt.network and excerpt.network != network:
                out.append(Rejected(f"written for {excerpt.network}, not {network}"))
                continue
            if network == "linkedin":
                if escaped is None:
                    escaped = networks.linkedin_escape(body)
                text, length, bytes_ = escaped, len(escaped), len(escaped.encode("utf-8"))
            else:
                text, bytes_ = body, size
                length = plain.get(channel.counts) if plain is not None else None
                if length is None:
                    length = networks.quick_length(network, body)
            first = None
            if not tagged and length is not None and tail.length is not None and tail.counted:
                # The usual case, as arithmetic: it fits with every hashtag.
                total = length + 2 + tail.length
                if networks.fits(network, total, limit, bytes_ + 2 + tail.size):
                    out.append(_new_fitted(Fitted, (text, tail.before, tail.after, tail.link_prefix, tags, total)))
                    continue
                first = (tail, total)  # what _fit would count first
            if tagged:
                tags = self._pick(own, body, channel.max_hashtags)
            out.append(self._fit(channel, text, length, bytes_, tags, lead, id_length, first))
        return out

    def lead(self, kind: str, lang: str, words: str) -> str:
        """What goes before the link: nothing after the author's own words; the piece's title after an
        excerpt, so that "The pool no longer burns gas…" says which pool without the link card (four
        readers of unseen pieces failed a quarter of the texts for a "the X" or "cette commune" the post
        never named, docs/post-quality.md); "Read more:" after the title itself, or after an excerpt
        that already says the title (four in five of its words, or half of them and its names: an
        interview's quote that is its title)."""
        if kind == "hand-written":
            return ""
        read_more = wording(lang)["read_more"] + " "
        if kind == "title":
            return read_more
        if self._headline is None:
            title = placed_title(self.piece)
            self._headline = (f"{title}{ARROW}" if title.strip() else "", headlines.Headline.of(title),
                              bool(misquoted_by_title(self.piece)))
        headline, compared, misquoted = self._headline
        if not headline:
            return read_more
        if compared.said_by(kind, words):
            if kind in ("summary", "takeaway") and placing.unplaced(words, lang):
                return headline  # "…a record for the station" needs "Sandrine Aebi, cheffe… de Sauvetage de Port-Valmont"
                # under it: the post would not say which station (excerpting/placing.py), a repeat is the lesser harm
            return read_more  # it says the title (headlines.py): under it, the title would say it again
        if kind == "quote" and any(mark in headline for mark in "«“"):
            return read_more  # an interview's title quotes its guest: two quotes in a row, one too many
        if misquoted:  # the card's title misquotes: the line under the others would be "Name, role"
            if kind != "quote" and placing.unplaced(words, lang) and not placing.unplaced(words, lang, headline):
                return headline  # it says which « atelier » the text means
            return read_more  # a quote's signature says who speaks; under a takeaway or a summary "Anouk Berthet,
            # accompagnatrice…, Traces Blanches" reads as the signature of words she never said (sets 151, 153)
        if kind == "quote":
            plain = card_words(self.piece)[0]  # the quote's signature says who the guest is: once (set 47)
            return f"{plain}{ARROW}" if plain.strip() and plain != headline[:-len(ARROW)] else headline
        return headline

    def _frames_for(self, channels: Sequence[ChannelInfo], own: bool, lead: str, id_length: int) -> list[Frame]:
        """What every candidate of this piece shares on each channel: its hashtags and their tail. Keyed by
        the channels' ids: they live as long as the rules, and hashing one is not free."""
        frames = []
        for channel in channels:
            max_tags = channel.max_hashtags
            tags = self._tags.get((own, max_tags)) or self._default_tags(own, max_tags)
            tail_key = (channel.network, _card_links(channel), lead, tags, id_length)
            tail = self._tails.get(tail_key) or self._tail(tail_key)
            frames.append((channel, channel.network, channel.limit, tags, tail))
        self._frames[(tuple(map(id, channels)), own, lead, id_length)] = frames
        return frames

    def _fit(self, channel: ChannelInfo, body: str, body_length: int | None, size: int, tags: tuple[str, ...],
             lead: str, id_length: int, first: tuple[Tail, int] | None = None) -> Fitted | Rejected:
        # Tag hashtags go first when too long (the campaign's stays): try them all, then the fewest
        # (too long even then: refused), then the counts between, most first. Lengths are counted
        # for each try; only the answer becomes a Fitted or a Rejected.
        network, limit = channel.network, channel.limit
        tail, length = first or self._measure(channel, body, body_length, tags, lead, id_length)
        if networks.fits(network, length, limit, size + 2 + tail.size):
            return Fitted(body, tail.before, tail.after, tail.link_prefix, tags, length)
        floor = 1 if tags and tags[0] == self.context.hashtag else 0
        if floor == len(tags):
            return Rejected(networks.too_long(network, length, limit, size + 2 + tail.size), length, limit)
        fewest, (tail, length) = tags[:floor], self._measure(channel, body, body_length, tags[:floor], lead, id_length)
        if not networks.fits(network, length, limit, size + 2 + tail.size):
            return Rejected(networks.too_long(network, length, limit, size + 2 + tail.size), length, limit)
        for keep in range(len(tags) - 1, floor, -1):
            more, counted = self._measure(channel, body, body_length, tags[:keep], lead, id_length)
            if networks.fits(network, counted, limit, size + 2 + more.size):
                return Fitted(body, more.before, more.after, more.link_prefix, tags[:keep], counted)
        return Fitted(body, tail.before, tail.after, tail.link_prefix, fewest, length)

    def _measure(self, channel: ChannelInfo, body: str, body_length: int | None, tags: tuple[str, ...], lead: str,
                 id_length: int) -> tuple[Tail, int]:
        """The tail with these hashtags, and the length of the body followed by it."""
        network = channel.network
        key = (network, _card_links(channel), lead, tags, id_length)
        tail = self._tails.get(key) or self._tail(key)
        if not tail.counted:
            length = body_length if body_length is not None else networks.measure(network, body)
        elif body_length is not None and tail.length is not None:
            length = body_length + 2 + tail.length
        else:
            length = networks.measure(network, f"{body}\n\n{tail.counted}")
        return tail, length

    def _default_tags(self, own: bool, limit: int) -> tuple[str, ...]:
        found = self._tags[(own, limit)] = self._pick(own, "", limit)
        return found

    def _pick(self, own: bool, text: str, limit: int) -> tuple[str, ...]:
        piece, context = self.piece, self.context
        if own or not piece.tags:
            return hashtags.pick((), context.hashtag, text, limit, context.tag_rules)
        if self._spelled is None:  # "green IT" in the piece: #GreenIT, whatever the tag's case
            self._spelled = hashtags.spellings(piece.tags, f"{piece.title}\n{piece.summary}\n{piece.body}")
        return hashtags.pick(piece.tags, context.hashtag, text, limit, context.tag_rules, self._spelled)

    def _tail(self, key: TailKey) -> Tail:
        context = self.context
        if key[0] == "bluesky" and self._shown is None:
            self._shown = networks.display_url(context.url)
        found = self._tails[key] = make_tail(key, context.url, context.utm_campaign, self._shown or "")
        return found


def _card_links(channel: ChannelInfo) -> bool:
    """The post's card carries its link (on Bluesky a cover sent as an image is no link: the text keeps it)."""
    return channel.link_card and not (channel.cover_image and channel.network == "bluesky")


_new_fitted = tuple.__new__
"""Fitted(...) without the named tuple's Python-level __new__ (the fit of most candidates)."""


def fit(excerpt: Excerpt, piece: Piece, channel: ChannelInfo, context: PieceContext) -> Fitted | Rejected:
    """Does ``excerpt`` fit ``channel``, and with which hashtags? (See `Fitter`.)"""
    return Fitter(piece, context).fit(excerpt, channel)


def compose(excerpt: Excerpt, piece: Piece, channel: ChannelInfo, context: PieceContext,
            fitted: Fitted) -> Rendered:
    """The post itself, for a candidate `fit` accepted."""
    link = fitted.link_prefix + excerpt.id
    card = card_for(piece, link, context) if channel.link_card else None
    return Rendered(fitted.text(excerpt.id), fitted.length, channel.limit, link, card, fitted.tags)


def render(excerpt: Excerpt, piece: Piece, channel: ChannelInfo, context: PieceContext) -> Rendered | Rejected:
    """Fit ``excerpt`` to ``channel``: the final text and its length, or the reason it cannot go there."""
    fitted = fit(excerpt, piece, channel, context)
    if isinstance(fitted, Rejected):
        return fitted
    return compose(excerpt, piece, channel, context, fitted)


__all__ = [
    "UTM_MEDIUM",
    "WORDING",
    "ChannelInfo",
    "Fitted",
    "Fitter",
    "PieceContext",
    "Rejected",
    "Rendered",
    "body_of",
    "card_values",
    "compose",
    "fit",
    "link_for",
    "render",
    "wording",
]
