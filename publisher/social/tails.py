"""The end of a post on one channel: 'Title → LINK' (or 'Read more: LINK') and the hashtags, counted
once per piece.

A *tail* is everything after a candidate's body. It depends on the piece (its URL and tags), the
channel and the hashtags kept, never on the candidate but for the utm_content id in its link, so
render.Fitter works each out once per piece and fits candidates by adding lengths. A tail is counted
with a stand-in id of the same length: excerpt ids are fixed-length hex, so the count does not
depend on which id it is.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote

from publisher.content.utm import with_utm
from publisher.networks import counting as networks

UTM_MEDIUM = "social"
ARROW = " → "
"""Ends a lead that is the piece's title (render.Fitter.lead): "Title → LINK"."""
_URL_SAFE = re.compile(r"[A-Za-z0-9_.~-]*")

TailKey = tuple[str, bool, str, tuple[str, ...], int]
"""(network, link_card, lead, hashtags, id length)."""


class Fitted(NamedTuple):
    """A candidate that fits a channel: the post's parts around its utm_content id, and its length.

    A named tuple rather than a frozen dataclass: a plan makes hundreds of thousands of them and a
    tuple is built several times faster."""

    body: str
    before: str
    """The tail up to the excerpt id in its link (the whole tail when the text shows no UTM link)."""
    after: str | None
    """The tail after the id; None when the text shows no UTM link (Bluesky with a card)."""
    link_prefix: str
    """The tagged link without its utm_content value."""
    tags: tuple[str, ...]
    length: int

    def text(self, excerpt_id: str) -> str:
        tail = self.before if self.after is None else self.before + excerpt_id + self.after
        return f"{self.body}\n\n{tail}" if tail else self.body


class Tail(NamedTuple):
    """One way to end a post on one channel: the parts around the id, counted once."""

    before: str
    after: str | None
    length: int | None
    """Length on the network (None: only the library can count it together with a body)."""
    counted: str
    size: int
    """UTF-8 bytes (a second limit on some networks: Bluesky)."""
    link_prefix: str


@lru_cache(maxsize=65536)
def link_prefix(url: str, network: str, campaign: str) -> str:
    """The tagged link up to its utm_content value: with_utm puts utm_content last, so one tagging
    per piece and network serves every excerpt (ids are hex: nothing to quote). A piece's page URL
    has no query or fragment, so the tagging is written out directly (tests check it against
    with_utm)."""
    if "?" in url or "#" in url:
        return with_utm(url, source=network, medium=UTM_MEDIUM, campaign=campaign) + "&utm_content="
    return (f"{url}?utm_source={_quoted(network)}&utm_medium={UTM_MEDIUM}"
            f"&utm_campaign={_quoted(campaign)}&utm_content=")


def _quoted(value: str) -> str:
    """As with_utm quotes a value; slugs and channel names (a-z, 0-9, -, _) need nothing."""
    return value if _URL_SAFE.fullmatch(value) else quote(value, safe="")


LINKEDIN_LINK_IN_TEXT = True
"""A LinkedIn post carries the piece's link in its text, card or not. With the link in the card only, a
title or a summary that announces ("Why we send two interpreters…", "Voici d’où viennent ces centimes")
and an author's "…est en ligne." read as teasers pointing at nothing: the readers of sets 17, 18, 21 and 22
gave the card no credit and failed 13 such LinkedIn posts. LinkedIn still shows the card (the article
attachment); the text says where to read on, as on every other network but Bluesky."""


def make_tail(key: TailKey, url: str, campaign: str, shown: str) -> Tail:
    """The lines after the body: the lead and the link ('Title → LINK', 'Read more: LINK'; the link
    alone in hand-written posts; only the title on Bluesky when its card carries the link, and on
    LinkedIn with a card only if LINKEDIN_LINK_IN_TEXT is off), then the hashtags, ready for the network (escaped for LinkedIn), split around the utm_content id.
    ``shown`` is the piece URL as Bluesky shows it (networks.display_url).

    Its length is the sum of its parts' (whitespace separates them, so they add up exactly): the
    lead and the hashtag line recur from piece to piece and are counted once for all.
    """
    network, link_card, lead, tags, id_length = key
    prefix = link_prefix(url, network, campaign)
    tag_line = " ".join(tags)
    if network == "bluesky" or (network == "linkedin" and link_card and not LINKEDIN_LINK_IN_TEXT):
        if network != "bluesky":  # the link in the card only: no "Read more:" left pointing at nothing,
            shown = ""            # but the title an excerpt needs stays, on its own line
            lead = lead[:-len(ARROW)] if lead.endswith(ARROW) else ""
        elif link_card and lead.endswith(ARROW):  # Bluesky's card has the link: the title names the piece,
            shown, lead = "", lead[:-len(ARROW)]  # and the short link would take 60 of 300 characters
        parts = [part for part in (lead + shown, tag_line) if part]
        tail = "\n".join(parts)
        if network == "linkedin":
            tail = _escaped_tail(tail)
            length: int | None = len(tail)
        else:
            length = _added(network, (lead, shown, tag_line), len(parts) - 1)
        return Tail(tail, None, length, tail, len(tail.encode("utf-8")), prefix)
    stand_in = "0" * id_length
    counted = lead + prefix + stand_in + (f"\n{tag_line}" if tag_line else "")
    if network == "linkedin":
        counted = networks.linkedin_escape(counted)  # URLs stay as they are: the stand-in survives
        length = len(counted)
    else:
        length = _added(network, (lead, prefix + stand_in, tag_line), 1 if tag_line else 0)
    cut = counted.index("utm_content=" + stand_in) + len("utm_content=")
    return Tail(counted[:cut], counted[cut + id_length:], length, counted, len(counted.encode("utf-8")), prefix)


@lru_cache(maxsize=4096)
def _escaped_tail(text: str) -> str:
    """Escaped hashtag lines: the same few combinations recur on every piece."""
    return networks.linkedin_escape(text)


def _added(network: str, parts: tuple[str, ...], breaks: int) -> int | None:
    """The length of parts joined by ``breaks`` line breaks, from the cached length of each part."""
    total = breaks
    for part in parts:
        if part:
            length = networks.quick_length(network, part)
            if length is None:
                return None
            total += length
    return total


__all__ = ["UTM_MEDIUM", "Fitted", "Tail", "TailKey", "link_prefix", "make_tail"]
