"""From rows to the model's dataclasses and back, and the one way a state change is recorded."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import sqlalchemy as sa

from publisher.social.model import LinkCard, QueuedPost
from publisher.store.tables import post_events, posts

# Columns a QueuedPost is read from (the order matters to nothing; names match the dataclass).
QUEUED_COLUMNS = (
    posts.c.id, posts.c.key, posts.c.piece, posts.c.channel, posts.c.network, posts.c.text, posts.c.link,
    posts.c.scheduled_at, posts.c.lang, posts.c.state, posts.c.attempts, posts.c.excerpt_id,
    posts.c.excerpt_kind, posts.c.role, posts.c.campaign, posts.c.card, posts.c.remote_id, posts.c.remote_url,
)


_CARD_FIELDS = tuple(f.name for f in dataclasses.fields(LinkCard))


def card_to_json(card: LinkCard | None) -> dict[str, Any] | None:
    return {name: getattr(card, name) for name in _CARD_FIELDS} if card is not None else None


def card_from_json(data: dict[str, Any] | None) -> LinkCard | None:
    if not data:
        return None
    return LinkCard(**{k: v for k, v in data.items() if k in _CARD_FIELDS})


def queued(values: dict[str, Any]) -> QueuedPost:
    """A QueuedPost from the values of QUEUED_COLUMNS (``row._asdict()``)."""
    return QueuedPost(**{**values, "card": card_from_json(values.get("card"))})


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


__all__ = ["QUEUED_COLUMNS", "card_from_json", "card_to_json", "queued", "record_event", "transition"]
