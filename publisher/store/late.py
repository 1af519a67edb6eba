"""Late posts: approved posts whose moment passed more than a grace window ago, and where they go.

The claim never takes them (publisher.store.claims: ``fresh`` bounds the due posts from below); the
dispatcher and `publisher resume` hand them to publisher.social.late, which says where each one goes,
and ``move_late`` writes that, guarded so a post someone changed meanwhile is left alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from publisher.posts.model import QueuedPost
from publisher.store.database import Database
from publisher.store.rows import queued, select_queued, transition
from publisher.store.tables import posts
from publisher.store.threads import NOT_A_LATER_PART
from publisher.store.types import UTCDateTime

MOMENT = sa.func.coalesce(posts.c.next_attempt_at, posts.c.scheduled_at, type_=UTCDateTime)
"""When an approved post is meant to go out: its retry time, else its slot."""


@dataclass(frozen=True)
class LateMove:
    """Where one late post goes: a new slot (it stays approved) or back to review (``to`` is None)."""

    post_id: int
    scheduled_at: dt.datetime
    next_attempt_at: dt.datetime | None
    """The post's slot and retry time when it was found late (guard: it must still have them)."""
    to: dt.datetime | None
    detail: str


class LateStore(Database):
    def late_posts(self, fresh: dt.datetime, channels: Sequence[str] | None = None
                   ) -> list[tuple[QueuedPost, dt.datetime | None]]:
        """Approved posts whose moment is before ``fresh``, with their retry time, oldest moment first."""
        query = select_queued(posts.c.next_attempt_at).where(posts.c.state == "approved",
                                                              posts.c.scheduled_at < fresh, fresh > MOMENT,
                                                              NOT_A_LATER_PART)  # parts follow their head
        if channels is not None:
            query = query.where(posts.c.channel.in_(list(channels)))
        with self.reading() as conn:
            rows = conn.execute(query.order_by(MOMENT, posts.c.id)).all()
        out = []
        for row in rows:
            values = row._asdict()
            retry = values.pop("next_attempt_at")
            out.append((queued(values), retry))
        return out

    def taken_slots(self, channel: str, start: dt.datetime) -> list[dt.datetime]:
        """Instants at or after ``start`` where ``channel`` already has a post that may go out."""
        query = sa.select(posts.c.scheduled_at).where(
            posts.c.channel == channel, posts.c.scheduled_at >= start,
            posts.c.state.in_(("proposed", "approved", "sending", "published", "unconfirmed")))
        with self.reading() as conn:
            return list(conn.execute(query.order_by(posts.c.scheduled_at)).scalars())

    def upcoming(self, fresh: dt.datetime, limit: int = 10, channels: Sequence[str] | None = None) -> list[QueuedPost]:
        """The next approved posts to go out (none late), in the order they will."""
        query = select_queued().where(posts.c.state == "approved", fresh <= MOMENT)
        if channels is not None:
            query = query.where(posts.c.channel.in_(list(channels)))
        with self.reading() as conn:
            rows = conn.execute(query.order_by(MOMENT, posts.c.id).limit(limit)).all()
        return [queued(row._asdict()) for row in rows]

    def move_late(self, moves: Sequence[LateMove], now: dt.datetime, actor: str) -> list[LateMove]:
        """Apply ``moves`` in one transaction; returns those applied (a post claimed, edited or moved
        meanwhile is no longer approved at the same slot and retry time, and is left alone)."""
        done = []
        with self.transaction() as conn:
            for move in moves:
                retry = (posts.c.next_attempt_at.is_(None) if move.next_attempt_at is None
                         else posts.c.next_attempt_at == move.next_attempt_at)
                guard = sa.and_(posts.c.scheduled_at == move.scheduled_at, retry)
                if move.to is not None:
                    moved = transition(conn, move.post_id, "approved", "approved", now, detail=move.detail,
                                       actor=actor, guard=guard, scheduled_at=move.to, next_attempt_at=None)
                else:
                    moved = transition(conn, move.post_id, "approved", "proposed", now, detail=move.detail,
                                       actor=actor, guard=guard, next_attempt_at=None)
                if moved:
                    done.append(move)
        return done


__all__ = ["MOMENT", "LateMove", "LateStore"]
