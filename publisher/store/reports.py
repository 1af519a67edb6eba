"""The report's queries: each published post of a period with its latest snapshot, and excerpt lookups.

Snapshots hold cumulative counters, so a post's numbers for a period are those of its LATEST
snapshot taken before the period ends; adding snapshots up would count one like many times. The
query finds that snapshot per post on the (post_id, taken_at) index,
for the posts scheduled in the period (the (state, scheduled_at) index): the database reduces a
million snapshots to one row per post, and Python only groups those. The latest snapshot is found
by one backward seek on the (post_id, taken_at) index per post on both engines: written as a
correlated "newest id for this post" subquery for SQLite and as a LATERAL join for PostgreSQL
(each engine's planner turns the other's form into something slower).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

import sqlalchemy as sa

from publisher.store.analytics import chunks
from publisher.store.database import Database
from publisher.store.prepared import Prepared, instant_from_db, instant_to_db
from publisher.store.tables import OUTBOX_ID_LIKE, posts
from publisher.store.tables import metric_snapshots as snapshots


class PostNumbers(NamedTuple):
    """One published post and its latest snapshot in the period (zeros when it has none yet).

    A named tuple, not a dataclass: a quarter's report builds tens of thousands of them and a
    tuple is the cheapest immutable record Python makes.
    """

    post_id: int
    piece: str
    channel: str
    network: str
    excerpt_id: str
    excerpt_kind: str
    campaign: str | None
    text: str
    at: dt.datetime
    """When the post was due to go out (UTC): it decides which period the post belongs to."""
    likes: int = 0
    reposts: int = 0
    replies: int = 0
    quotes: int = 0
    impressions: int | None = None
    clicks: int | None = None
    measured: bool = False
    """True when at least one snapshot exists for the post within the period."""

    @property
    def interactions(self) -> int:
        return self.likes + self.reposts + self.replies + self.quotes


PUBLISHED = "published"
# Reports read pages scattered over a large file; memory-mapped reads skip a read() system call and
# a copy per page (a third of a cold quarter's query). Address space only: nothing is allocated.
SQLITE_MMAP_BYTES = 1 << 30


def map_file(conn: sa.Connection) -> None:
    """Let SQLite read this connection's pages through mmap (no-op on PostgreSQL)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")


def _latest_per_post(dialect: str) -> Prepared:
    """One index seek per post for its newest snapshot before ``until`` (ties on taken_at: the last
    written wins). SQLite joins the snapshot whose id a correlated subquery finds; PostgreSQL gets
    a LATERAL join instead, because for that form its planner hashes the whole snapshots table
    (1,000,000 rows, 0.45 s a period) rather than looking up ~7,000 ids."""
    newest = (sa.select(snapshots).where(snapshots.c.post_id == posts.c.id, snapshots.c.taken_at < sa.bindparam("until"))
              .order_by(snapshots.c.taken_at.desc(), snapshots.c.id.desc()).limit(1))
    if dialect == "postgresql":
        found = newest.lateral("newest")
        source = posts.outerjoin(found, sa.true())
        s = found.c
    else:
        newer = snapshots.alias("newer")
        latest_id = (sa.select(newer.c.id).where(newer.c.post_id == posts.c.id, newer.c.taken_at < sa.bindparam("until"))
                     .order_by(newer.c.taken_at.desc(), newer.c.id.desc()).limit(1)
                     .correlate(posts).scalar_subquery())
        source = posts.outerjoin(snapshots, snapshots.c.id == latest_id)
        s = snapshots.c
    return Prepared(
        # Columns in PostNumbers' field order, so rows become PostNumbers without a lookup per field.
        sa.select(posts.c.id, posts.c.piece, posts.c.channel, posts.c.network, posts.c.excerpt_id,
                  posts.c.excerpt_kind, posts.c.campaign, posts.c.text, posts.c.scheduled_at,
                  sa.func.coalesce(s.likes, 0), sa.func.coalesce(s.reposts, 0),
                  sa.func.coalesce(s.replies, 0), sa.func.coalesce(s.quotes, 0),
                  s.impressions, s.clicks, s.id.is_not(None))
        .select_from(source)
        .where(posts.c.state == PUBLISHED, posts.c.scheduled_at >= sa.bindparam("start"),
               posts.c.scheduled_at < sa.bindparam("end"),
               sa.or_(posts.c.remote_id.is_(None), sa.not_(posts.c.remote_id.like(OUTBOX_ID_LIKE)))))


LATEST_PER_POST = {dialect: _latest_per_post(dialect) for dialect in ("sqlite", "postgresql")}


def post_numbers(store: Database, start: dt.datetime, end: dt.datetime, *,
                 measured_until: dt.datetime | None = None) -> list[PostNumbers]:
    """Published posts scheduled in [start, end), each with its latest snapshot taken before
    ``measured_until`` (default: ``end``). Posts without a snapshot come with zeros.

    Run on the driver's cursor (publisher.store.prepared): SQLAlchemy's per-row processing would
    cost more than the query itself for a quarter's posts."""
    sqlite = store.is_sqlite
    with store.reading() as conn:
        map_file(conn)
        rows = LATEST_PER_POST[store.dialect].run(conn, start=instant_to_db(start, sqlite), end=instant_to_db(end, sqlite),
                                   until=instant_to_db(measured_until or end, sqlite)).fetchall()
    out = [PostNumbers(*row[:8], instant_from_db(row[8]), *row[9:15], bool(row[15])) for row in rows]
    out.sort(key=lambda p: (p.at, p.post_id))  # sorted here: an ORDER BY there can cost the planner its index
    return out


def outbox_sends(store: Database, start: dt.datetime, end: dt.datetime) -> int:
    """Posts of [start, end) that went to the dry-run outbox: the report leaves them out and says so."""
    query = sa.select(sa.func.count()).select_from(posts).where(
        posts.c.state == PUBLISHED, posts.c.remote_id.like(OUTBOX_ID_LIKE),
        posts.c.scheduled_at >= start, posts.c.scheduled_at < end)
    with store.reading() as conn:
        return int(conn.execute(query).scalar_one())


def excerpt_refs(store: Database, excerpt_ids: Iterable[str]) -> dict[tuple[str, str], tuple[str, str, str | None, str]]:
    """(network, excerpt id) -> (piece, excerpt kind, campaign, text) for every post carrying those ids.

    Excerpt ids are lower-case hex (publisher.social.excerpts), and UTM values arrive case-folded, so
    a plain comparison matches.
    """
    wanted = sorted({e.casefold() for e in excerpt_ids if e})
    found: dict[tuple[str, str], tuple[str, str, str | None, str]] = {}
    with store.reading() as conn:
        for batch in chunks(wanted):
            query = (sa.select(posts.c.network, posts.c.excerpt_id, posts.c.piece, posts.c.excerpt_kind,
                               posts.c.campaign, posts.c.text)
                     .where(posts.c.excerpt_id.in_(batch)).order_by(posts.c.id))
            for network, excerpt, piece, kind, campaign, text in conn.execute(query):
                found.setdefault((network.casefold(), excerpt.casefold()), (piece, kind, campaign, text))
    return found


def campaigns_in_store(store: Database) -> set[str]:
    """Campaign keys posts carry (case-folded), to recognise utm_campaign values of ours."""
    with store.reading() as conn:
        return {c.casefold() for c in conn.execute(sa.select(posts.c.campaign).distinct()).scalars() if c}


__all__ = ["PostNumbers", "campaigns_in_store", "excerpt_refs", "outbox_sends", "post_numbers", "snapshots"]
