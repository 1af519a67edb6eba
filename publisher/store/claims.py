"""Claims: the transaction before every send, and the one ending each attempt.

A claim is one transaction: check the pauses, the channel's state and its rate window, pick the
next due post and mark it ``sending`` (SQLite: BEGIN IMMEDIATE serialises claimers; PostgreSQL:
FOR UPDATE SKIP LOCKED lets workers take different posts at once). Every write that ends an
attempt is guarded by ``claimed_by``: a worker that lost its claim can never overwrite the truth.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from publisher.posts.model import QueuedPost
from publisher.store import threads
from publisher.store.database import upsert_insert
from publisher.store.pauses import PausesStore, active_pause
from publisher.store.prepared import Prepared, instant_from_db, instant_to_db
from publisher.store.rows import QUEUED_COLUMNS, queued, select_queued
from publisher.store.tables import channel_state, pauses, post_events, posts, sends


@dataclass(frozen=True)
class RateWindow:
    """At most ``posts`` sends per ``seconds`` for one account, shared by every worker."""

    posts: int
    seconds: int


@dataclass(frozen=True)
class Settlement:
    """How one attempt ended and what that changes: the post's next state (and maybe its channel's).

    Decided by publisher.sending.settlement, written here by the worker holding the claim (guarded
    by ``claimed_by``): the one record of an attempt's end.
    """

    post_id: int
    kind: str
    """published, retry, rate-limited, failed, channel-disabled or unconfirmed."""
    state: str
    detail: str
    values: dict[str, Any] = field(default_factory=dict)
    """Post columns to set: remote_id, remote_url, last_error, next_attempt_at."""
    refund_attempt: bool = False
    """The attempt never reached the network (429, disabled account, proven absent): do not count it."""
    disable_channel: str | None = None
    """Disable the post's channel with this reason (401, expired token)."""
    block_channel_until: dt.datetime | None = None
    """Rest the post's channel until then (a 429 with a reset time)."""


@dataclass(frozen=True)
class Claim:
    """The result of trying to claim a channel's next due post."""

    post: QueuedPost | None = None
    held: str = ""
    """Why nothing could be claimed although posts may be due (paused, disabled, rate limit)."""
    retry_at: dt.datetime | None = None
    """When trying again makes sense (end of a pause, of a rate window, of a 429 block)."""
    finished: bool | None = None
    """Whether the Settlement handed in was written (False: the claim had been taken over); None: none given."""


_B = sa.bindparam
_DUE = sa.and_(posts.c.channel == _B("channel"), posts.c.state == "approved", posts.c.scheduled_at <= _B("now"),
               sa.or_(posts.c.next_attempt_at.is_(None), posts.c.next_attempt_at <= _B("now")),
               # a post later than the grace window is never taken (publisher.social.late moves it); a
               # thread's later part goes when the part before it went, whatever its own slot says
               sa.or_(sa.func.coalesce(posts.c.next_attempt_at, posts.c.scheduled_at) >= _B("fresh"),
                      posts.c.part > 1),
               threads.READY)
NEVER_LATE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_NEXT = select_queued().where(_DUE).order_by(posts.c.scheduled_at, posts.c.id).limit(1)
_QUEUED_NAMES = tuple(c.name for c in QUEUED_COLUMNS)
_PAUSED = (sa.select(pauses.c.id).where(
    pauses.c.lifted_at.is_(None), sa.or_(pauses.c.until.is_(None), pauses.c.until > _B("now")),
    sa.or_(pauses.c.channel.is_(None), pauses.c.channel == _B("channel"))).limit(1).scalar_subquery())
_IN_WINDOW = sa.and_(sends.c.channel == _B("channel"), sends.c.at > _B("start"))
_USED = sa.select(sa.func.count()).where(_IN_WINDOW).scalar_subquery()


def _state(column: sa.Column[Any]) -> sa.ScalarSelect[Any]:
    """One column of the channel's state row (NULL when it has none)."""
    return sa.select(column).where(channel_state.c.channel == _B("channel")).scalar_subquery()


# Everything that may hold a channel, in one statement: (pause id, disabled, reason, blocked_until[, used]).
GATE = Prepared(sa.select(_PAUSED, _state(channel_state.c.disabled), _state(channel_state.c.disabled_reason),
                          _state(channel_state.c.blocked_until)))
GATE_WINDOW = Prepared(sa.select(_PAUSED, _state(channel_state.c.disabled), _state(channel_state.c.disabled_reason),
                                 _state(channel_state.c.blocked_until), _USED))
# PostgreSQL with a rate limit: lock the account's row first, so one claimer at a time counts its window
# (in a statement of its own: a statement that waited for the lock still reads its older snapshot).
GATE_LOCKED = Prepared(sa.select(_PAUSED, channel_state.c.disabled, channel_state.c.disabled_reason,
                                 channel_state.c.blocked_until).where(channel_state.c.channel == _B("channel"))
                       .with_for_update(of=channel_state))
USED = Prepared(sa.select(_USED))
OLDEST = Prepared(sa.select(sa.func.min(sends.c.at)).where(_IN_WINDOW))
PRUNE_WINDOW = Prepared(sends.delete().where(sends.c.channel == _B("channel"), sends.c.at <= _B("start")))
NEXT_DUE = Prepared(_NEXT)
NEXT_DUE_SKIP_LOCKED = Prepared(_NEXT.with_for_update(skip_locked=True, of=posts))
COUNT_SEND = Prepared(sends.insert().values(channel=_B("channel"), at=_B("now"), post_id=_B("post_id")))
TAKE = Prepared(posts.update().where(posts.c.id == _B("post_id")).values(
    state="sending", claimed_by=_B("worker"), claimed_at=_B("now"), attempts=posts.c.attempts + 1,
    updated_at=_B("now")))
EVENT = Prepared(post_events.insert().values(post_id=_B("post_id"), at=_B("now"), from_state=_B("from_state"),
                                             to_state=_B("to_state"), detail=_B("detail"), actor=_B("actor")))
_SETTLE: dict[tuple[tuple[str, ...], bool, bool], Prepared] = {}


def _settle_statement(columns: tuple[str, ...], refund: bool, sqlite: bool) -> Prepared:
    """The guarded UPDATE ending an attempt, one per shape of outcome (cached)."""
    key = (columns, refund, sqlite)
    if key not in _SETTLE:
        values: dict[str, Any] = {name: _B(f"set_{name}") for name in columns}
        if refund:  # the attempt never reached the network: it does not count
            values["attempts"] = (sa.func.max if sqlite else sa.func.greatest)(posts.c.attempts - 1, 0)
        _SETTLE[key] = Prepared(posts.update().where(
            posts.c.id == _B("post_id"), posts.c.state == "sending", posts.c.claimed_by == _B("worker"),
        ).values(state=_B("to_state"), updated_at=_B("now"), claimed_by=None, **values))
    return _SETTLE[key]


def _queued_from_driver(row: tuple[Any, ...]) -> QueuedPost:
    values = dict(zip(_QUEUED_NAMES, row, strict=True))
    values["scheduled_at"] = instant_from_db(values["scheduled_at"])
    return queued(values)


class ClaimsStore(PausesStore):
    """Claims and the outcomes of attempts, as the dispatcher needs them."""

    def ensure_channels(self, names: list[str], now: dt.datetime) -> None:
        """Give every channel its state row (claims lock it to share rate windows across workers)."""
        insert = upsert_insert(self.dialect, channel_state)
        rows = [{"channel": n, "disabled": False, "disabled_reason": "", "updated_at": now} for n in names]
        if rows:
            with self.transaction() as conn:
                conn.execute(insert.on_conflict_do_nothing(index_elements=["channel"]), rows)

    def claim_next(self, channel: str, now: dt.datetime, worker: str, rate: RateWindow | None = None, *,
                   finish: Settlement | None = None, fresh: dt.datetime = NEVER_LATE) -> Claim:
        """Claim the channel's next due post for one attempt, unless a pause or a limit holds it.

        ``finish`` (the end of this worker's previous attempt) is written in the same transaction:
        one commit per send instead of two. SQLite's single writer waits for this transaction, so it
        is kept to a few statements: one reads everything that may hold the channel, and both events
        (the previous attempt's end, this one's start) go in one driver call. A post whose moment is
        before ``fresh`` is late: it is left for publisher.social.late, never sent.
        """
        with self.transaction() as conn:
            events: list[dict[str, Any]] = []
            finished = self._finish(conn, worker, now, finish, events) if finish is not None else None
            claim = self._claim(conn, channel, now, worker, rate, events, fresh)
            if events:
                EVENT.run_many(conn, events)
            return dataclasses.replace(claim, finished=finished)

    def _claim(self, conn: sa.Connection, channel: str, now: dt.datetime, worker: str, rate: RateWindow | None,
               events: list[dict[str, Any]], fresh: dt.datetime = NEVER_LATE) -> Claim:
        sqlite = self.is_sqlite
        at = instant_to_db(now, sqlite)
        start = instant_to_db(now - dt.timedelta(seconds=rate.seconds), sqlite) if rate is not None else None
        if rate is None or sqlite:
            if rate is None:
                (paused, disabled, reason, blocked), used = GATE.run(conn, channel=channel, now=at).fetchone(), 0
            else:
                paused, disabled, reason, blocked, used = GATE_WINDOW.run(conn, channel=channel, now=at,
                                                                          start=start).fetchone()
        else:
            row = GATE_LOCKED.run(conn, channel=channel, now=at).fetchone()
            # No state row (ensure_channels was not called): nothing to lock; look for a pause below.
            paused, disabled, reason, blocked = row if row is not None else (-1, False, "", None)
            used = USED.run(conn, channel=channel, start=start).fetchone()[0]
        if paused is not None:
            pause = active_pause(conn, channel, now)  # the details (or none: the channel had no state row)
            if pause is not None:
                return Claim(held=pause.describe(), retry_at=pause.until)
        if disabled:
            return Claim(held=f"disabled: {reason}")
        blocked = instant_from_db(blocked)
        if blocked is not None and blocked > now:
            return Claim(held="rate limited by the network", retry_at=blocked)
        if rate is not None:
            self._prune(conn, channel, now, rate)
            if used >= rate.posts:
                oldest = instant_from_db(OLDEST.run(conn, channel=channel, start=start).fetchone()[0])
                assert oldest is not None
                return Claim(held=f"rate limit: {rate.posts} posts per {rate.seconds} s",
                             retry_at=oldest + dt.timedelta(seconds=rate.seconds))
        row = (NEXT_DUE if sqlite else NEXT_DUE_SKIP_LOCKED).run(conn, channel=channel, now=at,
                                                                 fresh=instant_to_db(fresh, sqlite)).fetchone()
        if row is None:
            return Claim()
        post = _queued_from_driver(row)
        if post.thread_id is not None:  # a later part answers the part before it
            post = threads.with_replies(conn, post)
        TAKE.run(conn, post_id=post.id, worker=worker, now=at)
        events.append({"post_id": post.id, "now": at, "from_state": "approved", "to_state": "sending",
                       "detail": f"attempt {post.attempts + 1}", "actor": worker})
        if rate is not None:
            COUNT_SEND.run(conn, channel=channel, now=at, post_id=post.id)
        return Claim(post=dataclasses.replace(post, state="sending", attempts=post.attempts + 1))

    def _prune(self, conn: sa.Connection, channel: str, now: dt.datetime, rate: RateWindow) -> None:
        """Forget the sends before the window, once per window and channel: they are never counted, so
        deleting them on every claim only lengthened the transaction every other claimer waits for."""
        pruned: dict[str, dt.datetime] = self.__dict__.setdefault("_window_pruned", {})
        last = pruned.get(channel)
        if last is None or not dt.timedelta(0) <= now - last < dt.timedelta(seconds=rate.seconds):
            PRUNE_WINDOW.run(conn, channel=channel, start=instant_to_db(now - dt.timedelta(seconds=rate.seconds),
                                                                         self.is_sqlite))
            pruned[channel] = now

    def settle(self, post_id: int, worker: str, now: dt.datetime, state: str, detail: str, *,
               refund_attempt: bool = False, disable_channel: str | None = None,
               block_channel_until: dt.datetime | None = None, **values: Any) -> bool:
        """End one attempt of a post this worker holds, in its own transaction.

        ``values`` are post columns (remote_id, remote_url, last_error, next_attempt_at); see Settlement.
        Returns False when the claim is no longer this worker's (nothing is written then).
        """
        return self.finish(worker, now, Settlement(post_id, state, state, detail, values, refund_attempt,
                                                   disable_channel, block_channel_until))

    def finish(self, worker: str, now: dt.datetime, finish: Settlement) -> bool:
        """Write the end of one attempt of a post this worker holds, in its own transaction."""
        with self.transaction() as conn:
            events: list[dict[str, Any]] = []
            done = self._finish(conn, worker, now, finish, events)
            if events:
                EVENT.run_many(conn, events)
            return done

    def _finish(self, conn: sa.Connection, worker: str, now: dt.datetime, finish: Settlement,
                events: list[dict[str, Any]]) -> bool:
        """Write the end of an attempt; its event goes to ``events`` (the caller writes them together)."""
        sqlite = self.is_sqlite
        at = instant_to_db(now, sqlite)
        statement = _settle_statement(tuple(sorted(finish.values)), finish.refund_attempt, sqlite)
        params = {f"set_{k}": instant_to_db(v, sqlite) if isinstance(v, dt.datetime) else v
                  for k, v in finish.values.items()}
        done = statement.run(conn, post_id=finish.post_id, worker=worker, to_state=finish.state, now=at, **params)
        if done.rowcount != 1:
            return False
        events.append({"post_id": finish.post_id, "now": at, "from_state": "sending", "to_state": finish.state,
                       "detail": finish.detail[:2000], "actor": worker})
        if finish.state == "failed":  # the rest of its thread, if it has one, is not sent alone
            thread = conn.execute(sa.select(posts.c.thread_id).where(posts.c.id == finish.post_id)).scalar()
            if thread is not None:
                threads.orphans(conn, now, worker, [thread])
        if finish.disable_channel is not None or finish.block_channel_until is not None:
            channel = conn.execute(sa.select(posts.c.channel).where(posts.c.id == finish.post_id)).scalar_one()
            if finish.disable_channel is not None:
                self._update_channel(conn, channel, now, disabled=True, disabled_reason=finish.disable_channel)
            if finish.block_channel_until is not None:
                self._update_channel(conn, channel, now, blocked_until=finish.block_channel_until)
        return True

    def _update_channel(self, conn: sa.Connection, channel: str, now: dt.datetime, **values: Any) -> None:
        found = conn.execute(channel_state.update().where(channel_state.c.channel == channel)
                             .values(updated_at=now, **values))
        if found.rowcount == 0:
            defaults = {"disabled": False, "disabled_reason": "", "blocked_until": None}
            conn.execute(channel_state.insert().values(channel=channel, updated_at=now, **{**defaults, **values}))


__all__ = ["Claim", "ClaimsStore", "RateWindow", "Settlement"]
