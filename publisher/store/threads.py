"""Threads of posts in the store (migration 0007): how parts wait for each other and fall together.

    READY            the claim's condition: a post outside a thread, a thread's head, or a part whose
                     previous part is published (a part never goes out before the post it answers)
    with_replies()   a claimed part with the remote ids it answers (its previous part, the thread's head)
    orphans()        parts whose earlier part failed or was cancelled: they fail or are cancelled too,
                     never sent alone (run in the transaction that fails a post, and once per pass)
    whole_threads()  post ids grown to every unsent post of their threads: the comms lead approves and
                     cancels a thread as one unit
    link_threads()   a plan's Plan.threads written on its rows (thread_id, part, parts)

Every statement here reads ``thread_id IS NOT NULL`` through the partial index of migration 0007, so
a store without threads pays nothing for them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Container, Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from publisher.posts.model import OPEN_STATES, QueuedPost, ThreadLink
from publisher.store.rows import record_event
from publisher.store.tables import posts

_prev = posts.alias("thread_prev")
READY = sa.or_(posts.c.thread_id.is_(None), posts.c.part <= 1, sa.exists().where(
    _prev.c.thread_id == posts.c.thread_id, _prev.c.part == posts.c.part - 1, _prev.c.state == "published"))
"""A post the claim may take as far as its thread goes."""
NOT_A_LATER_PART = sa.or_(posts.c.thread_id.is_(None), posts.c.part <= 1)
"""Posts whose own moment counts (a later part goes when the part before it went, whatever its slot says)."""
ENDED = ("failed", "cancelled")


def with_replies(conn: sa.Connection, post: QueuedPost) -> QueuedPost:
    """``post`` with the remote ids of the part before it and of its thread's head (a later part only)."""
    if post.thread_id is None or not post.part or post.part <= 1:
        return post
    rows = conn.execute(sa.select(posts.c.part, posts.c.remote_id).where(
        posts.c.thread_id == post.thread_id, posts.c.part.in_((1, post.part - 1)))).all()
    found = dict(rows)
    return dataclasses.replace(post, reply_to=found.get(post.part - 1), thread_root=found.get(1))


def orphans(conn: sa.Connection, now: dt.datetime, actor: str, thread_ids: Iterable[int] | None = None) -> list[str]:
    """End every unsent part after a failed or cancelled part of its thread, as that part ended; returns
    one line per post moved. ``thread_ids`` narrows the search (None: every thread)."""
    earlier = posts.alias("thread_earlier")
    query = (sa.select(posts.c.id, posts.c.state, posts.c.part, posts.c.parts, earlier.c.part, earlier.c.state,
                       earlier.c.id)
             .join(earlier, sa.and_(earlier.c.thread_id == posts.c.thread_id, earlier.c.part < posts.c.part,
                                    earlier.c.state.in_(ENDED)))
             .where(posts.c.thread_id.is_not(None), posts.c.state.in_(OPEN_STATES))
             .order_by(posts.c.id, earlier.c.part))
    if thread_ids is not None:
        wanted = sorted(set(thread_ids))
        if not wanted:
            return []
        query = query.where(posts.c.thread_id.in_(wanted))
    notes: list[str] = []
    done: set[int] = set()
    for post_id, state, part, parts, bad_part, bad_state, bad_id in conn.execute(query).all():
        if post_id in done:
            continue
        done.add(post_id)
        to = "failed" if bad_state == "failed" else "cancelled"
        why = (f"part {bad_part}/{parts} of its thread (post {bad_id}) {'failed' if to == 'failed' else 'was cancelled'}"
               f": part {part}/{parts} is not sent alone")
        moved = conn.execute(posts.update().where(posts.c.id == post_id, posts.c.state == state).values(
            state=to, updated_at=now, last_error=why if to == "failed" else None, claimed_by=None))
        if moved.rowcount == 1:
            record_event(conn, post_id, now, state, to, why, actor)
            notes.append(f"post {post_id}: {to} ({why})")
    return notes


def whole_threads(conn: sa.Connection, ids: Sequence[int]) -> list[int]:
    """``ids`` and every other post of their threads, in order (posts outside threads stay as they are)."""
    threads = [t for t in conn.execute(sa.select(posts.c.thread_id).where(
        posts.c.id.in_(list(ids)), posts.c.thread_id.is_not(None))).scalars()]
    if not threads:
        return list(ids)
    members = conn.execute(sa.select(posts.c.id).where(posts.c.thread_id.in_(sorted(set(threads))))
                           .order_by(posts.c.thread_id, posts.c.part)).scalars()
    return list(dict.fromkeys([*ids, *members]))


def link_threads(conn: sa.Connection, links: Sequence[ThreadLink], planned: Container[str]) -> None:
    """Write a plan's threads on its rows not sent yet, and take the ``planned`` posts that left a thread
    (the piece stopped going out as one) out of it.

    The head's row carries its own id as thread_id, so one partial index finds heads and parts."""
    open_states = (*OPEN_STATES, "cancelled")
    linked = {link.key for link in links}
    stale = [{"post_id": i} for i, key in conn.execute(sa.select(posts.c.id, posts.c.key).where(
        posts.c.thread_id.is_not(None), posts.c.state.in_(open_states))) if key in planned and key not in linked]
    if stale:
        conn.execute(posts.update().where(posts.c.id == sa.bindparam("post_id"))
                     .values(thread_id=None, part=None, parts=None), stale)
    if not links:
        return
    head = posts.alias("thread_head")
    head_id = sa.select(head.c.id).where(head.c.key == sa.bindparam("head")).scalar_subquery()
    unsent = sa.or_(*(posts.c.state == state for state in open_states))  # no IN: executemany cannot expand it
    conn.execute(posts.update().where(posts.c.key == sa.bindparam("post_key"), unsent)
                 .values(thread_id=head_id, part=sa.bindparam("post_part"), parts=sa.bindparam("post_parts")),
                 [{"post_key": link.key, "head": link.head, "post_part": link.part, "post_parts": link.parts}
                  for link in links])


def parts_kept(conn: sa.Connection) -> set[int]:
    """Unsent parts of threads whose head went out (or is going): a plan that no longer makes the head's
    launch (it was sent) must not cancel the rest of its thread."""
    head = posts.alias("thread_head")
    query = (sa.select(posts.c.id).join(head, head.c.id == posts.c.thread_id)
             .where(posts.c.thread_id.is_not(None), posts.c.part > 1, posts.c.state.in_(OPEN_STATES),
                    head.c.state.not_in((*OPEN_STATES, "cancelled"))))
    return set(conn.execute(query).scalars())


def thread_marks(rows: Iterable[Any]) -> dict[int, str]:
    """post id -> "k/n" for the rows (with id, part, parts) in threads."""
    return {r.id: f"{r.part}/{r.parts}" for r in rows if getattr(r, "parts", None)}


__all__ = ["ENDED", "NOT_A_LATER_PART", "READY", "link_threads", "orphans", "parts_kept", "thread_marks",
           "whole_threads", "with_replies"]
