"""What every post of one candidate on one lane shares, made once (`compose`): the planner makes a post of it
per slot (placement.py), and a store's first-load writer reads its values (`composed_values`, streaming.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

from publisher.performance import fast_constructor
from publisher.posts.model import LinkCard
from publisher.social.render import card_values

if TYPE_CHECKING:
    from publisher.social.planner.placement import Candidate, Lane


class Composed(NamedTuple):
    """What every post of one excerpt on one lane shares: PlannedPost's fields but key, role and
    scheduled_at, in its order, so a post is ``new_post(key, role, when, *composed)``."""

    piece: str
    channel: str
    network: str
    excerpt_id: str
    excerpt_kind: str
    text: str
    link: str
    lang: str
    campaign: str | None
    card: LinkCard | None
    length: int
    limit: int
    state: str



def compose(lane: Lane, candidate: Candidate) -> Composed:
    """The text, link, card and state every post of this candidate on this lane has."""
    values = composed_values(lane, candidate)
    card = values[9]
    return new_tuple(Composed, (*values[:9], None if card is None else new_card(*card), *values[10:]))


def composed_values(lane: Lane, candidate: Candidate) -> tuple[Any, ...]:
    """`compose`'s values, the card as its fields (`render.card_values`) or None: what a store's writer reads
    (streaming.py) without making the objects."""
    excerpt, fitted = candidate.excerpt, candidate.fitted
    piece, channel = lane.state, lane.channel
    link = fitted.link_prefix + excerpt.id
    card = card_values(piece.piece, link, piece.context) if lane.cards else None
    approve = piece.rules.auto_approve
    approved = approve == "all" or (approve == "hand-written" and excerpt.kind == "hand-written")
    return (piece.key, lane.name, channel.network, excerpt.id, excerpt.kind, fitted.text(excerpt.id), link,
            piece.piece.lang, piece.context.campaign, card, fitted.length, channel.limit,
            "approved" if approved else "proposed")


new_card = fast_constructor(LinkCard)
new_tuple = tuple.__new__

__all__ = ["Composed", "compose", "composed_values"]
