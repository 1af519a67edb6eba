"""Posts as planned and edited by people: storing a plan, approving, listing, hand edits."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from publisher.errors import NotFound, PlanError, Problem, ProblemsError
from publisher.performance import gc_paused
from publisher.posts.model import OPEN_STATES, Plan, PlannedPost, QueuedPost, SentPost, ThreadLink
from publisher.store import threads
from publisher.store.bulk import Bulk
from publisher.store.database import Database
from publisher.store.first_load import FirstLoad
from publisher.store.plan_rows import (
    INSERTED,
    PLANNED_FIELDS,
    PlanRows,
    checked_posts,
    drop_unused_cards,
    load_first_plan,
)
from publisher.store.rows import queued, record_event, select_queued, transition
from publisher.store.tables import OUTBOX_ID_LIKE, post_events, posts
from publisher.store.types import UTCDateTime

_PG_PLAN_LOCK = 7_340_002  # one `publisher plan` at a time on a shared PostgreSQL store
BULK_LOAD = 20_000
"""A first plan this big goes into the empty posts table before its secondary indexes are built."""
SENT_STATES = ("sending", "published", "unconfirmed")  # what the planner must know went (or may have gone) out
_CARD = PLANNED_FIELDS.index("card_id")


@dataclass(frozen=True)
class PlanCounts:
    """What storing a plan did, for the CLI's summary."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0
    """Not sent yet and no longer in the plan."""
    restored: int = 0
    """Cancelled by an earlier plan and back in this one."""
    kept: int = 0
    """Sending, sent, failed, unconfirmed or edited by hand: never touched by a plan."""


@dataclass(frozen=True)
class PostRecord:
    """A post with what the queue knows about it beyond what a channel needs."""

    post: QueuedPost
    next_attempt_at: dt.datetime | None
    last_error: str | None
    claimed_by: str | None
    claimed_at: dt.datetime | None
    edited_at: dt.datetime | None
    updated_at: dt.datetime


@dataclass(frozen=True)
class PostEdit:
    """A person's change to one post (from a CSV import). None = leave as it is."""

    post_id: int
    where: str
    """Where the edit came from (file:line), for messages."""
    text: str | None = None
    scheduled_at: dt.datetime | None = None
    state: str | None = None
    why: str = ""
    """The person's reason, kept in the post's history."""


@dataclass(frozen=True)
class Approval:
    approved: tuple[int, ...]
    skipped: tuple[tuple[int, str], ...]
    """(post id, its state) for named posts that were not proposed."""


def _state_after_replan(old_state: str, planned: PlannedPost, words_changed: bool) -> str:
    """An approval covers the words and the link: it survives a move in time, not a new text."""
    if old_state == "cancelled" or planned.state == "approved":
        return planned.state
    if old_state == "approved" and not words_changed:
        return "approved"
    return "proposed"


class PostsStore(Database):
    """Plans in, posts out, and the changes people make by hand."""

    def first_load(self, now: dt.datetime) -> FirstLoad | None:
        """A sink for make_plan that writes a big first plan while it is made (first_load.py), or None when
        there is nothing to gain: the posts table has posts, or the store is not a SQLite file. Give it to
        `apply_plan` after the plan is made (``first_load=``), whatever happened."""
        if not self._sqlite_path or self._sqlite_path == ":memory:" or self._sqlite_path.startswith("file:"):
            return None
        return FirstLoad(self, now) if self._no_posts() else None

    def apply_plan(self, plan: Plan | Iterable[PlannedPost], now: dt.datetime, *, actor: str = "plan",
                   bulk_load: int = BULK_LOAD, first_load: FirstLoad | None = None) -> PlanCounts:
        """Store a plan in one transaction: add new posts, update those not sent yet, cancel vanished ones.

        A first plan of at least ``bulk_load`` posts goes into the empty table before its secondary
        indexes are built (same transaction: nobody sees the table without them). ``first_load``: the
        sink make_plan was given (`first_load`); when it stored this very plan, that is all.
        """
        if first_load is not None:
            stored = first_load.finish(plan) if isinstance(plan, Plan) else None
            first_load.close()
            if stored is not None:
                return PlanCounts(added=stored)
        planned = checked_posts(plan)
        links = plan.threads if isinstance(plan, Plan) else None
        with gc_paused(), contextlib.ExitStack() as stack:  # gc: rows by the hundred thousand, no cycles
            if self.is_sqlite and len(planned) >= bulk_load and self._no_posts():
                stack.enter_context(self.rollback_journal())
            return self._apply_plan(planned, now, actor, bulk_load, links)

    def _no_posts(self) -> bool:
        with self.reading() as conn:
            return conn.execute(sa.select(posts.c.id).limit(1)).first() is None

    def _apply_plan(self, planned: dict[str, PlannedPost], now: dt.datetime, actor: str,
                    bulk_load: int, links: Sequence[ThreadLink] | None = None) -> PlanCounts:
        counts = dict.fromkeys(("added", "updated", "unchanged", "cancelled", "restored", "kept"), 0)
        with self.transaction() as conn:
            if not self.is_sqlite:
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_PLAN_LOCK})
            bulk = Bulk(conn)
            when = bulk.instant(now)
            empty = conn.execute(sa.select(posts.c.id).limit(1)).first() is None
            if empty and len(planned) >= bulk_load:
                counts["added"] = load_first_plan(conn, bulk, list(planned.values()), when)
                if links:
                    threads.link_threads(conn, links, planned)
                return PlanCounts(**counts)
            kept_parts = set() if empty else threads.parts_kept(conn)
            rows = PlanRows(conn, bulk)
            wanted = dict(zip(planned, rows.values(list(planned.values())), strict=True))
            cols = ["id", "key", "state", "edited_at", *(bulk.column(n) for n in PLANNED_FIELDS)]
            changes: list[tuple[Any, ...]] = []
            cancels: list[tuple[Any, ...]] = []
            events: list[tuple[Any, ...]] = []
            old_cards: set[int] = set()
            seen: set[str] = set()
            for row in ([] if empty else bulk.select(posts, cols)):
                post_id, key, old_state, edited_at = row[:4]
                post = planned.get(key)
                if post is not None:
                    seen.add(key)
                if edited_at is not None or old_state not in (*OPEN_STATES, "cancelled"):
                    counts["kept"] += post is not None
                    continue
                if post is None:
                    if post_id in kept_parts:  # its thread's head went out: the rest follows it
                        counts["kept"] += 1
                        continue
                    if old_state != "cancelled":
                        cancels.append(("cancelled", when, post_id))
                        events.append((post_id, when, old_state, "cancelled", "no longer in the plan", actor))
                        counts["cancelled"] += 1
                    continue
                values = wanted[key]
                current = row[4:]
                same = current == values
                changed = [] if same else [n for n, old, new in zip(PLANNED_FIELDS, current, values, strict=True)
                                           if old != new]
                state = _state_after_replan(old_state, post, "text" in changed or "link" in changed)
                if same and state == old_state:
                    counts["unchanged"] += 1
                    continue
                restoring = old_state == "cancelled"
                counts["restored" if restoring else "updated"] += 1
                detail = "back in the plan" if restoring else f"replanned: {', '.join(changed) or 'approval'}"
                changes.append((*values, state, when, post_id))
                events.append((post_id, when, old_state, state, detail, actor))
                if current[_CARD] != values[_CARD]:
                    old_cards.add(current[_CARD])
            added = [key for key in planned if key not in seen]  # in plan order: ids follow the calendar
            rows.store_cards([wanted[key][_CARD] for key in added] + [c[_CARD] for c in changes])
            bulk.insert(posts, INSERTED, [(key, *wanted[key], planned[key].state, 0, when, when) for key in added])
            counts["added"] = len(added)
            bulk.update(posts, [*PLANNED_FIELDS, "state", "updated_at"], "id", changes)
            bulk.update(posts, ["state", "updated_at"], "id", cancels)
            bulk.insert(post_events, ["post_id", "at", "from_state", "to_state", "detail", "actor"], events)
            drop_unused_cards(conn, bulk, old_cards)
            if links is not None:
                threads.link_threads(conn, links, planned)
        return PlanCounts(**counts)

    def history(self) -> list[SentPost]:
        """Posts that went out or may have (sending, published, unconfirmed), for the planner's cooldown."""
        at = sa.func.coalesce(posts.c.claimed_at, posts.c.scheduled_at, type_=UTCDateTime).label("at")
        query = sa.select(posts.c.key, posts.c.piece, posts.c.channel, posts.c.network, posts.c.excerpt_id,
                          posts.c.text, at, posts.c.state).where(posts.c.state.in_(SENT_STATES))
        with self.reading() as conn:
            rows = conn.execute(query).all()
        return [SentPost(r.key, r.piece, r.channel, r.network, r.excerpt_id, r.text, r.at, r.state)
                for r in rows]

    # Reading -------------------------------------------------------------------------------------

    def records(self, *, states: Sequence[str] | None = None, channel: str | None = None,
                piece: str | None = None, start: dt.datetime | None = None, end: dt.datetime | None = None,
                ids: Sequence[int] | None = None, limit: int | None = None, offset: int = 0) -> list[PostRecord]:
        """Posts in time order, filtered; ``start``/``end`` bound scheduled_at (end excluded)."""
        query = select_queued(posts.c.next_attempt_at, posts.c.last_error, posts.c.claimed_by,
                          posts.c.claimed_at, posts.c.edited_at, posts.c.updated_at)
        if states:
            query = query.where(posts.c.state.in_(list(states)))
        if channel:
            query = query.where(posts.c.channel == channel)
        if piece:
            query = query.where(posts.c.piece == piece)
        if start:
            query = query.where(posts.c.scheduled_at >= start)
        if end:
            query = query.where(posts.c.scheduled_at < end)
        if ids is not None:
            query = query.where(posts.c.id.in_(list(ids)))
        query = query.order_by(posts.c.scheduled_at, posts.c.id).limit(limit).offset(offset or None)
        with self.reading() as conn:
            rows = conn.execute(query).all()
        extra = ("next_attempt_at", "last_error", "claimed_by", "claimed_at", "edited_at", "updated_at")
        out = []
        for row in rows:
            values = row._asdict()
            more = {name: values.pop(name) for name in extra}
            out.append(PostRecord(queued(values), **more))
        return out

    def post(self, post_id: int) -> PostRecord:
        found = self.records(ids=[post_id])
        if not found:
            raise NotFound(f"no post with id {post_id} in the store (see `publisher queue`)")
        return found[0]

    def pieces_in_store(self, ref: str) -> list[str]:
        """Piece keys matching a key (folder/slug) or a bare slug."""
        ref = ref.strip().strip("/").removesuffix(".md")
        query = sa.select(posts.c.piece).distinct().where(
            sa.or_(posts.c.piece == ref, posts.c.piece.like(f"%/{ref}")))
        with self.reading() as conn:
            return sorted(conn.execute(query).scalars())

    def state_counts(self) -> dict[tuple[str, str], int]:
        """(channel, state) -> how many posts. Posts "published" to the dry-run outbox (rehearsals,
        channels without credentials) count under the state ``outbox``, not ``published``."""
        state = sa.case((sa.and_(posts.c.state == "published", posts.c.remote_id.like(OUTBOX_ID_LIKE)), "outbox"),
                        else_=posts.c.state)
        query = sa.select(posts.c.channel, state, sa.func.count()).group_by(posts.c.channel, state)
        with self.reading() as conn:
            return {(c, s): n for c, s, n in conn.execute(query)}

    def events(self, post_id: int) -> list[sa.Row[Any]]:
        query = sa.select(post_events).where(post_events.c.post_id == post_id).order_by(post_events.c.id)
        with self.reading() as conn:
            return list(conn.execute(query).all())

    # People's decisions --------------------------------------------------------------------------

    def approve(self, now: dt.datetime, *, ids: Sequence[int] = (), piece: str | None = None,
                channel: str | None = None, everything: bool = False, actor: str = "") -> Approval:
        """Approve proposed posts: some by id, all of one piece, or all (optionally of one channel)."""
        query = sa.select(posts.c.id, posts.c.state)
        if ids:
            query = query.where(posts.c.id.in_(list(ids)))
        elif piece:
            query = query.where(posts.c.piece == piece)
        elif not everything:
            raise PlanError("say what to approve: post ids, --piece PIECE or --all")
        if channel:
            query = query.where(posts.c.channel == channel)
        if not ids:
            query = query.where(posts.c.state == "proposed")
        approved: list[int] = []
        skipped: list[tuple[int, str]] = []
        with self.transaction() as conn:
            found = dict(conn.execute(query).all())
            missing = [i for i in ids if i not in found]
            if missing:
                raise NotFound(f"no post with id {', '.join(map(str, missing))} in the store (see `publisher queue`)")
            named = set(found)
            if ids:  # a thread is approved as one unit: naming one of its posts approves its other parts
                grown = threads.whole_threads(conn, list(ids))
                if len(grown) > len(named):
                    found = dict(conn.execute(sa.select(posts.c.id, posts.c.state).where(posts.c.id.in_(grown))).all())
            for post_id, state in sorted(found.items()):
                if state == "proposed" and transition(conn, post_id, "proposed", "approved", now, actor=actor,
                                                      detail="approved"):
                    approved.append(post_id)
                elif post_id in named:
                    skipped.append((post_id, state))
        return Approval(tuple(approved), tuple(skipped))

    def apply_edits(self, edits: Sequence[PostEdit], now: dt.datetime, *, actor: str = "") -> int:
        """Apply people's edits all together, or none if any post has moved past editing meanwhile."""
        editable = ("proposed", "approved", "cancelled")
        with self.transaction() as conn:
            ids = [e.post_id for e in edits]
            states = dict(conn.execute(sa.select(posts.c.id, posts.c.state).where(posts.c.id.in_(ids))).all())
            problems = [Problem(e.where, "id", f"expected a post that is not sent yet, got post {e.post_id} "
                                f"in state {states.get(e.post_id, 'missing')!r}")
                        for e in edits if states.get(e.post_id) not in editable]
            if problems:
                raise ProblemsError(problems)
            changed = 0
            for edit in edits:
                values: dict[str, Any] = {"edited_at": now}
                what = []
                if edit.text is not None:
                    values["text"] = edit.text
                    what.append("text")
                if edit.scheduled_at is not None:
                    values["scheduled_at"] = edit.scheduled_at
                    values["next_attempt_at"] = None
                    what.append("time")
                old = states[edit.post_id]
                new = edit.state or old
                # An approval covers the words: new words go back to review, unless this very edit approves them.
                back = edit.text is not None and old == "approved" and edit.state in (None, "approved")
                if back:
                    new = "proposed"
                detail = f"edited by hand ({edit.where}): {', '.join(what) or 'state'}" + (
                    "; new text, back to review" if back else "") + (f"; why: {edit.why}" if edit.why else "")
                if new != old:
                    transition(conn, edit.post_id, old, new, now, detail=detail, actor=actor, **values)
                else:
                    conn.execute(posts.update().where(posts.c.id == edit.post_id).values(updated_at=now, **values))
                    record_event(conn, edit.post_id, now, old, old, detail, actor)
                if edit.scheduled_at is not None:  # a thread's head moved: its later parts keep its moment
                    conn.execute(posts.update().where(posts.c.thread_id == edit.post_id, posts.c.part > 1,
                                                      posts.c.state.in_(editable))
                                 .values(scheduled_at=edit.scheduled_at, next_attempt_at=None, updated_at=now,
                                         edited_at=now))  # and a replan leaves them there, as the head
                changed += 1
        return changed


__all__ = ["SENT_STATES", "Approval", "PlanCounts", "PostEdit", "PostRecord", "PostsStore"]
