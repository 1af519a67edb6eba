"""Engagement snapshots: bulk insert, what each published post last measured, and history reads.

Snapshots are append-only (history is the point: Postiz keeps none and its users miss it).
Writes go in one transaction through PostgreSQL's COPY or SQLite's executemany (`Bulk`), so a
million rows are ingested in seconds; reads of a period use the taken_at index and stream plain tuples.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

import sqlalchemy as sa

from publisher.posts.model import Snapshot
from publisher.store.bulk import Bulk
from publisher.store.database import Database
from publisher.store.prepared import instant_to_db
from publisher.store.tables import metric_snapshots, post_events, posts

COLUMNS = ("post_id", "channel", "remote_id", "taken_at", "likes", "reposts", "replies", "quotes",
           "impressions", "clicks", "raw")
BATCH = 50_000  # rows per executemany: bounded memory for a million-row ingest


@dataclass(frozen=True, slots=True)
class Measured:
    """A published post the pull may measure: where it lives, when it went out, when last measured."""

    post_id: int
    channel: str
    network: str
    remote_id: str
    published_at: dt.datetime
    last_taken_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class StoredSnapshot:
    post_id: int
    channel: str
    snapshot: Snapshot


def add_snapshots(store: Database, rows: Iterable[StoredSnapshot]) -> int:
    """Append snapshots (taken_at = snapshot.at) in one transaction; returns how many.

    PostgreSQL receives them through COPY (one stream, no statement per row); SQLite through the
    driver's executemany. Both store the same values: naive UTC instants, raw as JSON text with
    sorted keys (an empty raw as NULL)."""
    with store.transaction() as conn:
        if conn.dialect.name == "postgresql":
            return _copy_rows(conn, _values(rows))
        bulk = Bulk(conn)
        count = 0
        for batch in _batches(_values(rows), BATCH):
            bulk.insert(metric_snapshots, COLUMNS, batch)
            count += len(batch)
        return count


def _values(rows: Iterable[StoredSnapshot]) -> Iterator[tuple[object, ...]]:
    """Each snapshot as the driver-ready tuple of COLUMNS, the same for both engines."""
    last_at: dt.datetime | None = None
    taken = ""
    for row in rows:
        s = row.snapshot
        at = s.at
        if at is not last_at:  # a pull stamps all its snapshots with one instant: convert it once
            last_at, taken = at, _instant_text(at)
        raw = s.raw
        yield (row.post_id, row.channel, s.remote_id, taken, s.likes, s.reposts, s.replies, s.quotes,
               s.impressions, s.clicks, Bulk.json(raw) if raw else None)


def _instant_text(at: dt.datetime) -> str:
    """An instant as naive UTC text, 'YYYY-MM-DD HH:MM:SS.ffffff': what UTCDateTime stores on SQLite,
    and what PostgreSQL's COPY reads into a timestamp (cheaper for psycopg than a datetime)."""
    if at.tzinfo is dt.UTC:  # the usual case: drop the '+00:00' instead of converting
        return at.isoformat(" ", "microseconds")[:26]
    return str(instant_to_db(at, sqlite=True))


def _batches(values: Iterator[tuple[object, ...]], size: int) -> Iterator[list[tuple[object, ...]]]:
    while batch := list(islice(values, size)):
        yield batch


def _copy_rows(conn: sa.Connection, values: Iterator[tuple[object, ...]]) -> int:
    """COPY ... FROM STDIN, text format: the server reads each value with its column's input
    function, exactly as it reads an INSERT's parameters (range, length, NOT NULL and foreign key
    checks included). Binary COPY would save another ~15 % of CPU, but psycopg's int4 binary
    dumper wraps numbers above 2**31 silently instead of failing (tests/test_metrics_ingest.py)."""
    import psycopg  # PostgreSQL only: SQLite stores never load the driver

    quote = conn.dialect.identifier_preparer.quote
    sql = f"COPY {quote(metric_snapshots.name)} ({', '.join(quote(c) for c in COLUMNS)}) FROM STDIN"
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    count = 0
    try:
        with cursor.copy(sql) as copy:
            write = copy.write_row
            for value in values:
                write(value)
                count += 1
    except psycopg.Error as e:  # the transaction rolls back; Database reports it as a StoreError
        raise sa.exc.DBAPIError.instance(sql, None, e, psycopg.Error) from e
    finally:
        cursor.close()
    return count


def measurable(store: Database, published_since: dt.datetime, channels: Sequence[str] | None = None) -> list[Measured]:
    """Published posts with a remote id, published at or after ``published_since``, with their last pull."""
    published = (sa.select(post_events.c.post_id, sa.func.max(post_events.c.at).label("at"))
                 .where(post_events.c.to_state == "published").group_by(post_events.c.post_id).subquery("pub"))
    query = (sa.select(posts.c.id, posts.c.channel, posts.c.network, posts.c.remote_id,
                       published.c.at.label("published_at"))
             .join(published, published.c.post_id == posts.c.id)
             .where(posts.c.state == "published", posts.c.remote_id.is_not(None), published.c.at >= published_since))
    if channels:
        query = query.where(posts.c.channel.in_(list(channels)))
    with store.reading() as conn:
        found = conn.execute(query).all()
        last = _last_taken(conn, [r.id for r in found])
    return [Measured(r.id, r.channel, r.network, r.remote_id, r.published_at, last.get(r.id)) for r in found]


def _last_taken(conn: sa.Connection, post_ids: list[int]) -> dict[int, dt.datetime]:
    out: dict[int, dt.datetime] = {}
    for start in range(0, len(post_ids), 500):  # bounded IN lists, each answered from the (post_id, taken_at) index
        chunk = post_ids[start:start + 500]
        query = (sa.select(metric_snapshots.c.post_id, sa.func.max(metric_snapshots.c.taken_at))
                 .where(metric_snapshots.c.post_id.in_(chunk)).group_by(metric_snapshots.c.post_id))
        for post_id, taken in conn.execute(query):
            out[post_id] = taken  # max() keeps the column's type: an aware UTC datetime
    return out


def history(store: Database, post_id: int) -> list[Snapshot]:
    """Every snapshot of one post, oldest first."""
    s = metric_snapshots.c
    with store.reading() as conn:
        rows = conn.execute(sa.select(s.remote_id, s.taken_at, s.likes, s.reposts, s.replies, s.quotes,
                                      s.impressions, s.clicks, s.raw)
                            .where(s.post_id == post_id).order_by(s.taken_at, s.id)).all()
    return [Snapshot(r.remote_id, r.taken_at, r.likes, r.reposts, r.replies, r.quotes, r.impressions, r.clicks,
                     r.raw or {}) for r in rows]


def count(store: Database) -> int:
    with store.reading() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(metric_snapshots)).scalar_one())


def latest_in_period(store: Database, start: dt.datetime, end: dt.datetime) -> list[sa.Row[Any]]:
    """Per post, its latest snapshot taken in [start, end): what a period report sums. The
    million rows are read by SQL on the (post_id, taken_at) index; Python gets one row per post."""
    s = metric_snapshots.c
    last = (sa.select(s.post_id, sa.func.max(s.taken_at).label("taken_at"))
            .where(s.taken_at >= start, s.taken_at < end).group_by(s.post_id).subquery("last"))
    query = (sa.select(s.post_id, s.channel, s.taken_at, s.likes, s.reposts, s.replies, s.quotes, s.impressions,
                       s.clicks)
             .join(last, sa.and_(s.post_id == last.c.post_id, s.taken_at == last.c.taken_at)))
    with store.reading() as conn:
        return list(conn.execute(query).all())


def iter_period(store: Database, start: dt.datetime, end: dt.datetime,
                batch: int = 20_000) -> Iterator[list[tuple[object, ...]]]:
    """Snapshots taken in [start, end) as plain tuples (post_id, channel, taken_at, likes, reposts,
    replies, quotes, impressions, clicks), in batches: the raw read a period report starts from."""
    with store.reading() as conn:
        bulk = Bulk(conn)
        names = ", ".join(bulk.column(c) for c in ("post_id", "channel", "taken_at", "likes", "reposts",
                                                     "replies", "quotes", "impressions", "clicks"))
        mark = "?" if bulk.sqlite else "%s"
        # The driver's own cursor: a million rows without a Row object each.
        bounds = (bulk.instant(start), bulk.instant(end))
        # Rows are appended in time order, so a period is (almost) one id range: find it on the
        # taken_at index, then read the table sequentially instead of one index lookup per row.
        low, high = conn.exec_driver_sql(
            f"SELECT min(id), max(id) FROM metric_snapshots WHERE taken_at >= {mark} AND taken_at < {mark}",
            bounds).one()
        if low is None:
            return
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(f"SELECT {names} FROM metric_snapshots WHERE id >= {mark} AND id <= {mark} "
                           f"AND taken_at >= {mark} AND taken_at < {mark}", (low, high, *bounds))
            while chunk := cursor.fetchmany(batch):
                yield chunk
        finally:
            cursor.close()


__all__ = ["COLUMNS", "Measured", "StoredSnapshot", "add_snapshots", "count", "history", "iter_period", "latest_in_period",
           "measurable"]
