"""What the comms lead decides on the desk beyond approving: reject with a reason, cancel.

Both end a post not sent yet (proposed or approved) in ``cancelled`` and mark it edited by hand,
so the next `publisher plan` keeps the decision instead of restoring the post.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from publisher.errors import NotFound
from publisher.store import threads
from publisher.store.database import Database
from publisher.store.rows import transition
from publisher.store.tables import link_cards, posts

DECIDABLE = ("proposed", "approved")


class ReviewStore(Database):
    def set_aside(self, ids: Sequence[int], now: dt.datetime, *, detail: str, actor: str
                  ) -> tuple[list[int], list[tuple[int, str]]]:
        """Cancel the posts ``ids`` that are not sent yet, recording ``detail`` (the reason); returns
        (cancelled, [(id, state)] of those that could not be, being sent or gone already).

        A thread is decided as one unit: cancelling any of its posts cancels every part not sent yet
        (the parts already out stay, and are listed as skipped)."""
        done: list[int] = []
        skipped: list[tuple[int, str]] = []
        with self.transaction() as conn:
            found = dict(conn.execute(sa.select(posts.c.id, posts.c.state).where(posts.c.id.in_(list(ids)))).all())
            missing = [i for i in ids if i not in found]
            if missing:
                raise NotFound(f"no post with id {', '.join(map(str, missing))} in the store")
            named = set(ids)
            ids = threads.whole_threads(conn, ids)
            if len(ids) > len(named):
                found = dict(conn.execute(sa.select(posts.c.id, posts.c.state).where(posts.c.id.in_(ids))).all())
            for post_id in ids:
                state = found[post_id]
                if state in DECIDABLE and transition(conn, post_id, state, "cancelled", now, detail=detail,
                                                     actor=actor, edited_at=now):
                    done.append(post_id)
                elif post_id in named:
                    skipped.append((post_id, state))
        return done, skipped

    def piece_post_ids(self, piece: str, states: Sequence[str]) -> list[int]:
        query = sa.select(posts.c.id).where(posts.c.piece == piece, posts.c.state.in_(list(states)))
        with self.reading() as conn:
            return list(conn.execute(query.order_by(posts.c.scheduled_at, posts.c.id)).scalars())

    def calendar_rows(self, start: dt.datetime, end: dt.datetime, states: Sequence[str],
                      channel: str | None = None) -> list[sa.Row[Any]]:
        """What a calendar shows of each post between ``start`` and ``end`` (end excluded), in time order:
        id, piece, channel, network, role, state, scheduled_at, its card's title and, for a thread, how many
        parts it has; no text, no card. A thread is one slot: its first part stands for it."""
        query = (sa.select(posts.c.id, posts.c.piece, posts.c.channel, posts.c.network, posts.c.role, posts.c.state,
                           posts.c.scheduled_at, link_cards.c.title, posts.c.parts)
                 .select_from(posts.outerjoin(link_cards, posts.c.card_id == link_cards.c.id))
                 .where(posts.c.scheduled_at >= start, posts.c.scheduled_at < end, posts.c.state.in_(list(states)),
                        threads.NOT_A_LATER_PART))
        if channel:
            query = query.where(posts.c.channel == channel)
        with self.reading() as conn:
            return list(conn.execute(query.order_by(posts.c.scheduled_at, posts.c.id)).all())

    def piece_counts(self, states: Sequence[str], channel: str | None = None) -> dict[str, int]:
        """Posts per piece in ``states`` (the queue's groups)."""
        query = sa.select(posts.c.piece, sa.func.count()).where(posts.c.state.in_(list(states)))
        if channel:
            query = query.where(posts.c.channel == channel)
        with self.reading() as conn:
            return dict(conn.execute(query.group_by(posts.c.piece)).all())


__all__ = ["DECIDABLE", "ReviewStore"]
