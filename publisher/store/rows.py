"""From rows to the model's dataclasses and back, and the one way a state change is recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from publisher.posts.model import LinkCard, QueuedPost
from publisher.store.tables import link_cards, post_events, posts

# The card's columns, as the QueuedPost reader wants them (link_cards, migration 0005).
CARD_COLUMNS = (
    link_cards.c.url.label("card_url"), link_cards.c.title.label("card_title"),
    link_cards.c.description.label("card_description"), link_cards.c.image.label("card_image"),
    link_cards.c.image_alt.label("card_image_alt"),
)
# Columns a QueuedPost is read from (the order matters to nothing; names match the dataclass but the card's).
QUEUED_COLUMNS = (
    posts.c.id, posts.c.key, posts.c.piece, posts.c.channel, posts.c.network, posts.c.text, posts.c.link,
    posts.c.scheduled_at, posts.c.lang, posts.c.state, posts.c.attempts, posts.c.excerpt_id,
    posts.c.excerpt_kind, posts.c.role, posts.c.campaign, posts.c.remote_id, posts.c.remote_url, posts.c.thread_id,
    posts.c.part, posts.c.parts, *CARD_COLUMNS,
)
POSTS_WITH_CARDS = posts.outerjoin(link_cards, posts.c.card_id == link_cards.c.id)
CARD_FIELDS = ("url", "title", "description", "image", "image_alt")
"""link_cards' columns but the id, in the order of `card_row`."""


def select_queued(*more: Any) -> sa.Select[Any]:
    """SELECT the QUEUED_COLUMNS (and ``more``) of posts with their cards."""
    return sa.select(*QUEUED_COLUMNS, *more).select_from(POSTS_WITH_CARDS)


def card_row(card: LinkCard, link: str) -> tuple[str | None, str, str, str | None, str]:
    """A card as link_cards stores it for a post whose link is ``link`` (url NULL when it is that link)."""
    return card_values(card.url, card.title, card.description, card.image, card.image_alt, link)


def card_values(url: str, title: str, description: str, image: str | None, image_alt: str,
                link: str) -> tuple[str | None, str, str, str | None, str]:
    """`card_row` of a card given as its fields."""
    return None if url == link else url, title, description or "", image, image_alt or ""


def add_card(conn: sa.Connection, card: LinkCard | None, link: str) -> int | None:
    """Store one card for a post with ``link``; its id (None: no card)."""
    if card is None:
        return None
    values = dict(zip(CARD_FIELDS, card_row(card, link), strict=True))
    return int(conn.execute(link_cards.insert().values(values)).inserted_primary_key[0])


def queued(values: dict[str, Any]) -> QueuedPost:
    """A QueuedPost from the values of QUEUED_COLUMNS (``row._asdict()``)."""
    url, title, description, image, alt = (values.pop(c.name) for c in CARD_COLUMNS)
    card = None if title is None else LinkCard(values["link"] if url is None else url, title, description, image, alt)
    return QueuedPost(**values, card=card)


def record_event(conn: sa.Connection, post_id: int, at: dt.datetime, from_state: str | None, to_state: str,
                 detail: str = "", actor: str = "") -> None:
    """Every state change is a row, written in the same transaction as the change itself."""
    conn.execute(post_events.insert().values(post_id=post_id, at=at, from_state=from_state, to_state=to_state,
                                             detail=detail[:2000], actor=actor[:200]))


def transition(conn: sa.Connection, post_id: int, from_state: str, to_state: str, at: dt.datetime, *,
               detail: str = "", actor: str = "", guard: Any = None, **values: Any) -> bool:
    """Move one post from ``from_state`` to ``to_state`` if it is still there (and ``guard`` holds).

    Returns False, changing nothing, when another process moved it first.
    """
    where = sa.and_(posts.c.id == post_id, posts.c.state == from_state)
    if guard is not None:
        where = sa.and_(where, guard)
    result = conn.execute(posts.update().where(where).values(state=to_state, updated_at=at, **values))
    if result.rowcount != 1:
        return False
    record_event(conn, post_id, at, from_state, to_state, detail, actor)
    return True


__all__ = ["CARD_COLUMNS", "CARD_FIELDS", "POSTS_WITH_CARDS", "QUEUED_COLUMNS", "add_card", "card_row", "queued",
           "record_event", "select_queued", "transition"]
