"""The rest of the sending side: posts in flight, stale claims, unconfirmed posts, channel states.

The claim itself (and the rate windows) is publisher.store.claims.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from publisher.posts.model import QueuedPost
from publisher.store import threads
from publisher.store.claims import Claim, ClaimsStore, RateWindow, Settlement
from publisher.store.rows import queued, record_event, select_queued, transition
from publisher.store.tables import channel_state, posts
from publisher.store.types import UTCDateTime


@dataclass(frozen=True)
class InFlight:
    """A post in ``sending``: who claimed it and when (for stale-claim recovery)."""

    post: QueuedPost
    claimed_by: str
    claimed_at: dt.datetime


@dataclass(frozen=True)
class ChannelState:
    channel: str
    disabled: bool
    disabled_reason: str
    blocked_until: dt.datetime | None


class QueueStore(ClaimsStore):
    """What the dispatcher needs around the claims: posts in flight, unconfirmed ones, channel states."""

    def in_flight(self, channels: list[str] | None = None) -> list[InFlight]:
        """Posts in ``sending``, oldest claim first."""
        query = select_queued(posts.c.claimed_by, posts.c.claimed_at).where(posts.c.state == "sending")
        if channels is not None:
            query = query.where(posts.c.channel.in_(channels))
        with self.reading() as conn:
            rows = conn.execute(query.order_by(posts.c.claimed_at, posts.c.id)).all()
            out = []
            for row in rows:
                values = row._asdict()
                by, at = values.pop("claimed_by"), values.pop("claimed_at")
                post = queued(values)
                if post.thread_id is not None:
                    post = threads.with_replies(conn, post)
                out.append(InFlight(post, by or "", at))
        return out

    def take_over(self, post_id: int, old_worker: str, worker: str, now: dt.datetime, why: str) -> bool:
        """Take a stale claim (its worker died or its lease ran out) to reconcile it; one taker wins."""
        with self.transaction() as conn:
            done = conn.execute(posts.update().where(
                posts.c.id == post_id, posts.c.state == "sending", posts.c.claimed_by == old_worker,
            ).values(claimed_by=worker, claimed_at=now, updated_at=now))
            if done.rowcount != 1:
                return False
            record_event(conn, post_id, now, "sending", "sending", f"claim of {old_worker} taken over: {why}", worker)
            return True

    def unconfirmed(self, channels: list[str] | None = None) -> list[tuple[QueuedPost, dt.datetime]]:
        """Unconfirmed posts with the time of their last change (the guard for settle_unconfirmed)."""
        query = select_queued(posts.c.updated_at).where(posts.c.state == "unconfirmed")
        if channels is not None:
            query = query.where(posts.c.channel.in_(channels))
        with self.reading() as conn:
            rows = conn.execute(query.order_by(posts.c.id)).all()
            out = []
            for row in rows:
                values = row._asdict()
                seen_at = values.pop("updated_at")
                post = queued(values)
                if post.thread_id is not None:  # a part is looked up where it answers (a LinkedIn comment)
                    post = threads.with_replies(conn, post)
                out.append((post, seen_at))
        return out

    def settle_unconfirmed(self, post_id: int, seen_at: dt.datetime, now: dt.datetime, state: str, detail: str,
                           actor: str, **values: Any) -> bool:
        """Settle an unconfirmed post, unless it changed since ``seen_at`` (someone settled it first)."""
        with self.transaction() as conn:
            return transition(conn, post_id, "unconfirmed", state, now, detail=detail, actor=actor,
                              guard=posts.c.updated_at == seen_at, **values)

    def settle_orphans(self, now: dt.datetime, actor: str) -> list[str]:
        """Fail or cancel the unsent parts of threads whose earlier part failed or was cancelled (by a
        person, a plan, a CSV edit...), so none waits forever or goes out alone (publisher.store.threads)."""
        with self.transaction() as conn:
            return threads.orphans(conn, now, actor)

    def channel_states(self) -> dict[str, ChannelState]:
        with self.reading() as conn:
            rows = conn.execute(sa.select(channel_state)).all()
        return {r.channel: ChannelState(r.channel, bool(r.disabled), r.disabled_reason, r.blocked_until)
                for r in rows}

    def enable_channels(self, now: dt.datetime, channel: str | None = None) -> list[str]:
        """Clear the disabled flag (set after a 401 or an expired token); returns the channels enabled."""
        where = channel_state.c.disabled.is_(True)
        if channel:
            where = sa.and_(where, channel_state.c.channel == channel)
        with self.transaction() as conn:
            names = list(conn.execute(sa.select(channel_state.c.channel).where(where)).scalars())
            if names:
                conn.execute(channel_state.update().where(channel_state.c.channel.in_(names))
                             .values(disabled=False, disabled_reason="", updated_at=now))
        return names

    def disable_channel(self, channel: str, reason: str, now: dt.datetime) -> None:
        """Disable a channel outside a send (its account refused the token while being read)."""
        with self.transaction() as conn:
            self._update_channel(conn, channel, now, disabled=True, disabled_reason=reason)

    def due_count(self, now: dt.datetime, channels: list[str] | None = None,
                  fresh: dt.datetime | None = None) -> dict[str, int]:
        """How many approved posts are due now, per channel (none before ``fresh``: late posts are not due)."""
        query = sa.select(posts.c.channel, sa.func.count()).where(
            posts.c.state == "approved", posts.c.scheduled_at <= now,
            sa.or_(posts.c.next_attempt_at.is_(None), posts.c.next_attempt_at <= now))
        if fresh is not None:
            query = query.where(sa.func.coalesce(posts.c.next_attempt_at, posts.c.scheduled_at,
                                                 type_=UTCDateTime) >= fresh)
        if channels is not None:
            query = query.where(posts.c.channel.in_(channels))
        with self.reading() as conn:
            return dict(conn.execute(query.group_by(posts.c.channel)).all())

    def next_due(self, now: dt.datetime, states: tuple[str, ...] = ("approved",)) -> QueuedPost | None:
        """The first post in ``states`` due after ``now`` (or a retry waiting for its time)."""
        when = sa.func.coalesce(posts.c.next_attempt_at, posts.c.scheduled_at)
        query = (select_queued().where(posts.c.state.in_(states), sa.or_(
            posts.c.scheduled_at > now, posts.c.next_attempt_at > now)).order_by(when, posts.c.id).limit(1))
        with self.reading() as conn:
            row = conn.execute(query).first()
        return queued(row._asdict()) if row else None


__all__ = ["ChannelState", "Claim", "InFlight", "QueueStore", "RateWindow", "Settlement"]
