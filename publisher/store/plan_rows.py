"""A plan as driver-ready rows: the checks, each card stored once, and the values a replan compares.

`apply_plan` (posts.py) handles hundreds of thousands of posts, so the per-post work here is kept
to C-level attribute reads (operator.attrgetter) and dictionary look-ups: an instant is converted
once per distinct minute, a card once per distinct card object.

Cards live in link_cards (migration 0005). A card whose URL is the post's own link (every card the
planner makes) is stored with url NULL, so the posts of a piece on every network share one row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from operator import attrgetter
from typing import Any

import sqlalchemy as sa

from publisher.errors import PlanError, StoreError
from publisher.posts.model import OPEN_STATES, LinkCard, Plan, PlannedPost
from publisher.store.bulk import Bulk
from publisher.store.database import SQLITE_CACHE_KIB
from publisher.store.migrations.m0003_watched_feeds import CURATED_MESSAGE
from publisher.store.rows import CARD_FIELDS, card_row
from publisher.store.tables import POSTS_SECONDARY_INDEXES, link_cards, posts

PLANNED_FIELDS = ("piece", "channel", "network", "role", "excerpt_id", "excerpt_kind", "lang", "campaign",
                  "text", "link", "card_id", "scheduled_at")
"""Columns a replan may change on a post that has not been sent yet (the order of `PlanRows.values`)."""
INSERTED = ("key", *PLANNED_FIELDS, "state", "attempts", "created_at", "updated_at")
"""Columns of a new post (the order of `PlanRows.new_rows`)."""
_TEXTS = attrgetter(*PLANNED_FIELDS[:10])  # the post's own strings, read in C
_KEYED_TEXTS = attrgetter("key", *PLANNED_FIELDS[:10])
_KEY = attrgetter("key")
_STATE = attrgetter("state")
_RESERVE = 1000  # card ids taken from PostgreSQL's sequence at a time
_BULK_CACHE_KIB = 1 << 20  # at most 1 GiB of SQLite page cache for a bulk load
CURATED_TRIGGER = "curated_posts_start_proposed"  # migration 0003

CardRow = tuple[str | None, str, str, str | None, str]


def checked_posts(plan: Plan | Iterable[PlannedPost]) -> dict[str, PlannedPost]:
    """The plan's posts by key; PlanError for two posts with one key or a state a plan cannot give."""
    posts: Sequence[PlannedPost] = plan.posts if isinstance(plan, Plan) else tuple(plan)
    planned = dict(zip(map(_KEY, posts), posts, strict=True))
    if len(planned) != len(posts):
        seen: set[str] = set()
        for post in posts:
            if post.key in seen:
                raise PlanError(f"the plan has two posts with the key {post.key!r}")
            seen.add(post.key)
    if not set(map(_STATE, posts)) <= set(OPEN_STATES):
        bad = next(p for p in posts if p.state not in OPEN_STATES)
        raise PlanError(f"post {bad.key!r}: expected a planned state ({', '.join(OPEN_STATES)}), got {bad.state!r}")
    return planned


class PlanRows:
    """Driver-ready values of planned posts, each card given a link_cards id (new cards are kept in
    ``new_cards`` until `store_cards` writes those that written rows use)."""

    def __init__(self, conn: sa.Connection, bulk: Bulk):
        self.conn, self.bulk = conn, bulk
        self.ids: dict[CardRow, int] = {tuple(r[1:]): r[0] for r in bulk.select(link_cards, ["id", *CARD_FIELDS])}
        self.new_cards: dict[int, CardRow] = {}
        self._by_object: dict[int, int] = {}
        self._spare: list[int] = []
        self._last: int | None = None
        self._instants: dict[dt.datetime, Any] = {}

    def values(self, posts: Sequence[PlannedPost]) -> list[tuple[Any, ...]]:
        """PLANNED_FIELDS of each post."""
        return self._rows(posts, None)

    def new_rows(self, posts: Sequence[PlannedPost], when: Any) -> list[tuple[Any, ...]]:
        """INSERTED of each post, created and updated ``when``."""
        return self._rows(posts, when)

    def _rows(self, posts: Sequence[PlannedPost], created: Any) -> list[tuple[Any, ...]]:
        # The loop runs once per post: look-ups inline, the slow paths (a new instant, a new card) in methods.
        instants, by_object, instant, card_id = self._instants, self._by_object, self._instant, self._card_id
        texts = _TEXTS if created is None else _KEYED_TEXTS
        out: list[tuple[Any, ...]] = []
        add = out.append
        for post in posts:
            at = post.scheduled_at
            when = instants.get(at)
            if when is None:
                when = instant(at)
            card = post.card
            if card is None:
                found = None
            else:
                found = by_object.get(id(card)) if card.url == post.link else None
                if found is None:
                    found = card_id(post)
            if created is None:
                add((*texts(post), found, when))
            else:
                add((*texts(post), found, when, post.state, 0, created, created))
        return out

    def store_cards(self, used: Iterable[int | None]) -> None:
        """Insert the new cards that rows written by this plan point at."""
        wanted = set(used)
        rows = [(card_id, *card) for card_id, card in self.new_cards.items() if card_id in wanted]
        self.bulk.insert(link_cards, ["id", *CARD_FIELDS], rows)

    def _instant(self, at: dt.datetime) -> Any:
        found = self._instants.get(at)
        if found is None:
            found = self._instants[at] = self.bulk.instant(at)
        return found

    def _card_id(self, post: PlannedPost) -> int | None:
        card: LinkCard | None = post.card
        if card is None:
            return None
        shared = card.url == post.link  # every card the planner makes: then one look-up per card object
        if shared:
            found = self._by_object.get(id(card))
            if found is not None:
                return found
        row = card_row(card, post.link)
        found = self.ids.get(row)
        if found is None:
            found = self.ids[row] = self._reserve()
            self.new_cards[found] = row
        if shared:  # the object lives as long as the plan, which outlives this PlanRows
            self._by_object[id(card)] = found
        return found

    def _reserve(self) -> int:
        """An id for a new card, taken _RESERVE at a time inside the write transaction (SQLite: after the
        largest id, no other writer can come in between; PostgreSQL: from the table's sequence)."""
        if not self._spare:
            if self.bulk.sqlite:
                if self._last is None:
                    self._last = self.conn.execute(sa.select(sa.func.max(link_cards.c.id))).scalar() or 0
                ids = range(self._last + 1, self._last + _RESERVE + 1)
                self._last += _RESERVE
            else:
                ids = [int(n) for (n,) in self.conn.exec_driver_sql(
                    "SELECT nextval(pg_get_serial_sequence('link_cards', 'id')) FROM generate_series(1, %(n)s)",
                    {"n": _RESERVE})]
            self._spare = sorted(ids, reverse=True)
        return self._spare.pop()


def drop_unused_cards(conn: sa.Connection, bulk: Bulk, candidates: set[int]) -> None:
    """Remove the cards among ``candidates`` (cards that posts stopped using) no post uses any more."""
    candidates.discard(None)  # type: ignore[arg-type]
    if not candidates:
        return
    used = {row[0] for row in bulk.select(link_cards, ["id"], "id IN (SELECT card_id FROM posts)")}
    bulk.delete(link_cards, "id", [(card_id,) for card_id in sorted(candidates - used)])


def load_first_plan(conn: sa.Connection, bulk: Bulk, planned: list[PlannedPost], when: Any) -> int:
    """A first plan into the empty posts table, its secondary indexes dropped and built again once the
    rows are in (sorting once beats growing an index row by row). Rows go in the plan's order, like
    later additions (ids follow the calendar): the time-ordered indexes then sort nearly sorted input,
    and the unique key index, small enough for the page cache, costs no more than in key order.
    SQLite's page cache may hold the whole load meanwhile (a post takes ~0.9 KiB of pages with its index
    entries; the limit is set at 2 KiB a post, since the cache counts its own overhead too), so pages
    are not spilled to the WAL and read back to build the indexes; the commit writes them once.

    The curated-shares trigger (migration 0003) is set aside for the load too: evaluated row by row it
    cost a third of the insert. Its rule is checked here on the plan instead, before anything is
    written; in the same transaction, no other writer sees the table without it. Creation writes no
    event: created_at records it."""
    curated = next((p for p in planned if p.excerpt_kind == "curated" and p.state != "proposed"), None)
    if curated is not None:
        raise StoreError(f"post {curated.key!r}: {CURATED_MESSAGE}")
    plan_rows = PlanRows(conn, bulk)
    rows = plan_rows.new_rows(planned, when)
    plan_rows.store_cards(plan_rows.new_cards)
    if bulk.sqlite:
        conn.exec_driver_sql(f"PRAGMA cache_size=-{min(max(SQLITE_CACHE_KIB, 2 * len(rows)), _BULK_CACHE_KIB)}")
        trigger = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                       (CURATED_TRIGGER,)).scalar()
    try:
        if bulk.sqlite:
            if trigger:
                conn.exec_driver_sql(f"DROP TRIGGER {CURATED_TRIGGER}")
        else:
            conn.exec_driver_sql(f"ALTER TABLE posts DISABLE TRIGGER {CURATED_TRIGGER}")
        for index in POSTS_SECONDARY_INDEXES:
            index.drop(conn)
        bulk.load(posts, INSERTED, rows)
        for index in POSTS_SECONDARY_INDEXES:
            index.create(conn)
        if not bulk.sqlite:
            conn.exec_driver_sql(f"ALTER TABLE posts ENABLE TRIGGER {CURATED_TRIGGER}")
        elif trigger:
            conn.exec_driver_sql(trigger)
    finally:
        if bulk.sqlite:  # back to the connection's usual size before it returns to the pool
            conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
    return len(rows)


__all__ = ["INSERTED", "PLANNED_FIELDS", "PlanRows", "checked_posts", "drop_unused_cards", "load_first_plan"]
