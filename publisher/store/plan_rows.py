"""A plan as driver-ready rows: the checks, each card stored once, and the values a replan compares.

`apply_plan` (posts.py) handles hundreds of thousands of posts, so the per-post work here is kept
to C-level attribute reads (operator.attrgetter) and dictionary look-ups: an instant is converted
once per distinct minute, a card once per distinct card object.

Cards live in link_cards (migration 0005). A card whose URL is the post's own link (every card the
planner makes) is stored with url NULL, so the posts of a piece on every network share one row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from operator import attrgetter
from typing import Any

import sqlalchemy as sa

from publisher.errors import PlanError, StoreError
from publisher.posts.model import OPEN_STATES, LinkCard, Plan, PlannedPost
from publisher.store.bulk import Bulk
from publisher.store.database import SQLITE_CACHE_KIB
from publisher.store.migrations.m0003_watched_feeds import CURATED_MESSAGE
from publisher.store.rows import CARD_FIELDS, card_row, card_values
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
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MINUTE = dt.timedelta(minutes=1)


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
        found = self.card_id(card_row(card, post.link))
        if shared:  # the object lives as long as the plan, which outlives this PlanRows
            self._by_object[id(card)] = found
        return found

    def card_id(self, row: CardRow) -> int:
        """The id of the card stored as ``row`` (`rows.card_row`), given one if it is new."""
        found = self.ids.get(row)
        if found is None:
            found = self.ids[row] = self._reserve()
            self.new_cards[found] = row
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
    (`FirstPlanLoad` does the work; store/first_load.py feeds it the posts of a plan still being made.)"""
    try:
        load = FirstPlanLoad(conn, bulk, when, len(planned))
        load.add(planned)
        return load.finish()
    finally:
        if bulk.sqlite:  # back to the connection's usual size before it returns to the pool, whatever happened
            conn.exec_driver_sql(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")


class FirstPlanLoad:
    """A first plan loaded into the empty posts table in parts: `add` each part's posts, then `finish`.

    SQLite's page cache may hold the whole load meanwhile (a post takes ~0.9 KiB of pages with its index
    entries; the limit is set at 2 KiB a post, since the cache counts its own overhead too, and at its
    most when the number of posts is not known yet: pages are only taken as they are used), so pages are
    not spilled to the WAL and read back to build the indexes; the commit writes them once.

    The curated-shares trigger (migration 0003) is set aside for the load too: evaluated row by row it
    cost a third of the insert. Its rule is checked here on each part instead, before it is written; in
    the same transaction, no other writer sees the table without it. Creation writes no event: created_at
    records it. The caller's transaction is rolled back on any error, which undoes all of it."""

    def __init__(self, conn: sa.Connection, bulk: Bulk, when: Any, expected: int | None = None):
        self.conn, self.bulk, self.when = conn, bulk, when
        self.rows = PlanRows(conn, bulk)
        self.count = 0
        self._parts: dict[tuple[int, int], tuple[str, tuple[Any, ...], tuple[Any, ...], str]] = {}
        self._minutes: dict[int, Any] = {}
        self._ahead: dict[tuple[int, int], tuple[str, tuple[Any, ...], tuple[Any, ...], str]] = {}
        self._cards: set[int | None] | None = None
        """The cards of the told posts (None: every card `rows` made, as `add` writes them all)."""
        self.trigger: str | None = None
        self._indexed = False
        if bulk.sqlite:
            cache = _BULK_CACHE_KIB if expected is None else min(max(SQLITE_CACHE_KIB, 2 * expected), _BULK_CACHE_KIB)
            conn.exec_driver_sql(f"PRAGMA cache_size=-{cache}")
            self.trigger = conn.exec_driver_sql("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                                (CURATED_TRIGGER,)).scalar()
            if self.trigger:
                conn.exec_driver_sql(f"DROP TRIGGER {CURATED_TRIGGER}")
        else:
            conn.exec_driver_sql(f"ALTER TABLE posts DISABLE TRIGGER {CURATED_TRIGGER}")
        for index in POSTS_SECONDARY_INDEXES:
            index.drop(conn)

    def add(self, planned: Sequence[PlannedPost]) -> None:
        """Write these posts (after the ones added before: ids follow the order of the parts)."""
        curated = next((p for p in planned if p.excerpt_kind == "curated" and p.state != "proposed"), None)
        if curated is not None:
            raise StoreError(f"post {curated.key!r}: {CURATED_MESSAGE}")
        self.bulk.load(posts, INSERTED, self.rows.new_rows(planned, self.when))
        self.count += len(planned)

    def add_told(self, placed: Sequence[tuple[int, int, str, int]],
                 shared: Callable[[int, int], tuple[Any, ...]]) -> None:
        """`add` for posts a planner tells as plain values (store/first_load.py, social/planner/streaming.py):
        each of ``placed`` is (lane, candidate, role, minute since the epoch), and ``shared`` gives what the
        posts of a candidate share, read once. The rows are those `add` writes for the same posts."""
        parts, minutes, when = self._parts, self._minutes, self.when
        cards = self._cards if self._cards is not None else set()
        self._cards = cards
        rows = []
        add = rows.append
        for lane, candidate, role, minute in placed:
            part = parts.get((lane, candidate))
            if part is None:  # its first post: read ahead, or now
                part = self._ahead.pop((lane, candidate), None) or self._part(*shared(lane, candidate))
                parts[lane, candidate] = part
                cards.add(part[2][6])
            at = minutes.get(minute)
            if at is None:
                at = minutes[minute] = self.bulk.instant(_EPOCH + _MINUTE * minute)
            start, head, middle, state = part
            add((start + role, *head, role, *middle, at, state, 0, when, when))
        self.bulk.load(posts, INSERTED, rows)
        self.count += len(rows)

    def read_ahead(self, candidates: Iterator[tuple[int, int]], shared: Callable[[int, int], tuple[Any, ...]],
                   count: int) -> bool:
        """Read what the next ``count`` of ``candidates`` share before their posts come; True when none is left.
        (Their cards are stored only if a post uses them.)"""
        parts, ahead = self._parts, self._ahead
        taken = 0
        for key in islice(candidates, count):
            taken += 1
            if key not in parts and key not in ahead:
                ahead[key] = self._part(*shared(*key))
        return taken < count

    def _part(self, start: str, piece: str, channel: str, network: str, excerpt_id: str, kind: str, text: str,
              link: str, lang: str, campaign: str | None, card: tuple[Any, ...] | None,
              state: str) -> tuple[str, tuple[Any, ...], tuple[Any, ...], str]:
        """(key start, (piece, channel, network), (excerpt_id ... card_id), state) of a told candidate's posts."""
        if kind == "curated" and state != "proposed":
            raise StoreError(f"post {start!r}: {CURATED_MESSAGE}")
        if state not in OPEN_STATES:
            raise PlanError(f"post {start!r}: expected a planned state ({', '.join(OPEN_STATES)}), got {state!r}")
        card_id = None if card is None else self.rows.card_id(card_values(*card, link))
        return start, (piece, channel, network), (excerpt_id, kind, lang, campaign, text, link, card_id), state

    def index(self) -> None:
        """Build the secondary indexes (once no more posts come; `finish` does it if not done)."""
        if not self._indexed:
            for index in POSTS_SECONDARY_INDEXES:
                index.create(self.conn)
            self._indexed = True

    def finish(self) -> int:
        """The cards the posts use, the indexes and the trigger back; returns how many posts were written."""
        self.rows.store_cards(self.rows.new_cards if self._cards is None else self._cards)
        self.index()
        if not self.bulk.sqlite:
            self.conn.exec_driver_sql(f"ALTER TABLE posts ENABLE TRIGGER {CURATED_TRIGGER}")
        elif self.trigger:
            self.conn.exec_driver_sql(self.trigger)
        return self.count


__all__ = ["INSERTED", "PLANNED_FIELDS", "FirstPlanLoad", "PlanRows", "checked_posts", "drop_unused_cards",
           "load_first_plan"]
