"""The sending side of the queue: atomic claims, attempt outcomes, stale claims, rate windows.

A claim is one transaction: check the pauses, the channel's state and its rate window, pick the
next due post and mark it ``sending`` (SQLite: BEGIN IMMEDIATE serialises claimers; PostgreSQL:
FOR UPDATE SKIP LOCKED lets workers take different posts at once). Every write that ends an
attempt is guarded by ``claimed_by``: a worker that lost its claim can never overwrite the truth.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from publisher.social.model import QueuedPost
from publisher.store.pauses import PausesStore, active_pause
from publisher.store.rows import QUEUED_COLUMNS, queued, record_event, transition
from publisher.store.tables import channel_state, posts, sends


@dataclass(frozen=True)
class RateWindow:
    """At most ``posts`` sends per ``seconds`` for one account, shared by every worker."""

    posts: int
    seconds: int


@dataclass(frozen=True)
class Claim:
    """The result of trying to claim a channel's next due post."""

    post: QueuedPost | None = None
    held: str = ""
    """Why nothing could be claimed although posts may be due (paused, disabled, rate limit)."""
    retry_at: dt.datetime | None = None
    """When trying again makes sense (end of a pause, of a rate window, of a 429 block)."""


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


def _due(channel: str, now: dt.datetime) -> Any:
    return sa.and_(posts.c.channel == channel, posts.c.state == "approved", posts.c.scheduled_at <= now,
                   sa.or_(posts.c.next_attempt_at.is_(None), posts.c.next_attempt_at <= now))


class QueueStore(PausesStore):
    """Claims and outcomes, as the dispatcher needs them."""

    def ensure_channels(self, names: list[str], now: dt.datetime) -> None:
        """Give every channel its state row (claims lock it to share rate windows across workers)."""
        insert = (sqlite.insert if self.is_sqlite else postgresql.insert)(channel_state)
        rows = [{"channel": n, "disabled": False, "disabled_reason": "", "updated_at": now} for n in names]
        if rows:
            with self.transaction() as conn:
                conn.execute(insert.on_conflict_do_nothing(index_elements=["channel"]), rows)

    def claim_next(self, channel: str, now: dt.datetime, worker: str, rate: RateWindow | None = None) -> Claim:
        """Claim the channel's next due post for one attempt, unless a pause or a limit holds it."""
        with self.transaction() as conn:
            pause = active_pause(conn, channel, now)
            if pause is not None:
                return Claim(held=pause.describe(), retry_at=pause.until)
            state_query = sa.select(channel_state).where(channel_state.c.channel == channel)
            if rate is not None and not self.is_sqlite:
                state_query = state_query.with_for_update()  # one claimer per account counts the window
            state = conn.execute(state_query).first()
            if state is not None and state.disabled:
                return Claim(held=f"disabled: {state.disabled_reason}")
            if state is not None and state.blocked_until is not None and state.blocked_until > now:
                return Claim(held="rate limited by the network", retry_at=state.blocked_until)
            if rate is not None:
                start = now - dt.timedelta(seconds=rate.seconds)
                conn.execute(sends.delete().where(sends.c.channel == channel, sends.c.at <= start))
                used, oldest = conn.execute(sa.select(sa.func.count(), sa.func.min(sends.c.at))
                                            .where(sends.c.channel == channel, sends.c.at > start)).one()
                if used >= rate.posts:
                    free_at = oldest + dt.timedelta(seconds=rate.seconds)
                    return Claim(held=f"rate limit: {rate.posts} posts per {rate.seconds} s", retry_at=free_at)
            query = (sa.select(*QUEUED_COLUMNS).where(_due(channel, now))
                     .order_by(posts.c.scheduled_at, posts.c.id).limit(1))
            if not self.is_sqlite:
                query = query.with_for_update(skip_locked=True, of=posts)
            row = conn.execute(query).first()
            if row is None:
                return Claim()
            conn.execute(posts.update().where(posts.c.id == row.id).values(
                state="sending", claimed_by=worker, claimed_at=now, attempts=posts.c.attempts + 1,
                updated_at=now))
            record_event(conn, row.id, now, "approved", "sending", f"attempt {row.attempts + 1}", worker)
            if rate is not None:
                conn.execute(sends.insert().values(channel=channel, at=now, post_id=row.id))
            values = row._asdict()
            values.update(state="sending", attempts=row.attempts + 1)
            return Claim(post=queued(values))

    def settle(self, post_id: int, worker: str, now: dt.datetime, state: str, detail: str, *,
               refund_attempt: bool = False, disable_channel: str | None = None,
               block_channel_until: dt.datetime | None = None, **values: Any) -> bool:
        """End one attempt of a post this worker holds: its new state and what we learnt, in one transaction.

        ``values`` are post columns (remote_id, remote_url, last_error, next_attempt_at).
        Returns False when the claim is no longer this worker's (nothing is written then).
        """
        if refund_attempt:
            values["attempts"] = sa.func.max(posts.c.attempts - 1, 0) if self.is_sqlite else sa.func.greatest(
                posts.c.attempts - 1, 0)
        if state != "sending":
            values.setdefault("claimed_by", None)
        with self.transaction() as conn:
            channel = conn.execute(sa.select(posts.c.channel).where(posts.c.id == post_id)).scalar()
            if not transition(conn, post_id, "sending", state, now, detail=detail, actor=worker,
                              guard=posts.c.claimed_by == worker, **values):
                return False
            if disable_channel is not None:
                self._update_channel(conn, channel, now, disabled=True, disabled_reason=disable_channel)
            if block_channel_until is not None:
                self._update_channel(conn, channel, now, blocked_until=block_channel_until)
            return True

    def _update_channel(self, conn: sa.Connection, channel: str, now: dt.datetime, **values: Any) -> None:
        found = conn.execute(channel_state.update().where(channel_state.c.channel == channel)
                             .values(updated_at=now, **values))
        if found.rowcount == 0:
            defaults = {"disabled": False, "disabled_reason": "", "blocked_until": None}
            conn.execute(channel_state.insert().values(channel=channel, updated_at=now, **{**defaults, **values}))

    def in_flight(self, channels: list[str] | None = None) -> list[InFlight]:
        """Posts in ``sending``, oldest claim first."""
        query = sa.select(*QUEUED_COLUMNS, posts.c.claimed_by, posts.c.claimed_at).where(posts.c.state == "sending")
        if channels is not None:
            query = query.where(posts.c.channel.in_(channels))
        with self.reading() as conn:
            rows = conn.execute(query.order_by(posts.c.claimed_at, posts.c.id)).all()
        out = []
        for row in rows:
            values = row._asdict()
            by, at = values.pop("claimed_by"), values.pop("claimed_at")
            out.append(InFlight(queued(values), by or "", at))
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
        query = sa.select(*QUEUED_COLUMNS, posts.c.updated_at).where(posts.c.state == "unconfirmed")
        if channels is not None:
            query = query.where(posts.c.channel.in_(channels))
        with self.reading() as conn:
            rows = conn.execute(query.order_by(posts.c.id)).all()
        out = []
        for row in rows:
            values = row._asdict()
            out.append((queued(values), values.pop("updated_at")))
        return out

    def settle_unconfirmed(self, post_id: int, seen_at: dt.datetime, now: dt.datetime, state: str, detail: str,
                           actor: str, **values: Any) -> bool:
        """Settle an unconfirmed post, unless it changed since ``seen_at`` (someone settled it first)."""
        with self.transaction() as conn:
            return transition(conn, post_id, "unconfirmed", state, now, detail=detail, actor=actor,
                              guard=posts.c.updated_at == seen_at, **values)

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

    def due_count(self, now: dt.datetime, channels: list[str] | None = None) -> dict[str, int]:
        """How many approved posts are due now, per channel."""
        query = sa.select(posts.c.channel, sa.func.count()).where(
            posts.c.state == "approved", posts.c.scheduled_at <= now,
            sa.or_(posts.c.next_attempt_at.is_(None), posts.c.next_attempt_at <= now))
        if channels is not None:
            query = query.where(posts.c.channel.in_(channels))
        with self.reading() as conn:
            return dict(conn.execute(query.group_by(posts.c.channel)).tuples().all())

    def next_due(self, now: dt.datetime, states: tuple[str, ...] = ("approved",)) -> QueuedPost | None:
        """The first post in ``states`` due after ``now`` (or a retry waiting for its time)."""
        when = sa.func.coalesce(posts.c.next_attempt_at, posts.c.scheduled_at)
        query = (sa.select(*QUEUED_COLUMNS).where(posts.c.state.in_(states), sa.or_(
            posts.c.scheduled_at > now, posts.c.next_attempt_at > now)).order_by(when, posts.c.id).limit(1))
        with self.reading() as conn:
            row = conn.execute(query).first()
        return queued(row._asdict()) if row else None


__all__ = ["ChannelState", "Claim", "InFlight", "QueueStore", "RateWindow"]
