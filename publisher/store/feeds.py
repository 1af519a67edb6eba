"""Watched feeds in the store: conditional-GET validators, every entry seen, curated posts proposed.

An entry is remembered and its posts are inserted in one transaction, so a watcher killed in the
middle of a run either proposed an entry completely or not at all; the unique (feed, entry) key
makes a second watcher (or a re-run) skip what the first one already proposed.

Curated posts are inserted as `proposed`, whatever the caller asks (migration 0003 adds a trigger
that refuses anything else), and with `edited_at` set: like a post a person edited, a curated share
is not the planner's, so `publisher plan` never cancels or rewrites it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from publisher.errors import StoreError
from publisher.posts.model import PlannedPost
from publisher.store.database import Database, upsert_insert
from publisher.store.rows import add_card, record_event
from publisher.store.tables import posts
from publisher.store.types import UTCDateTime

_meta = sa.MetaData()
watched_feeds = sa.Table(
    "watched_feeds", _meta,
    sa.Column("url", sa.String(1000), primary_key=True),
    sa.Column("etag", sa.String(1000)),
    sa.Column("last_modified", sa.String(200)),
    sa.Column("checked_at", UTCDateTime),
    sa.Column("status", sa.String(1000), nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)
watched_entries = sa.Table(
    "watched_entries", _meta,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("feed_url", sa.String(1000), nullable=False),
    sa.Column("entry_key", sa.String(64), nullable=False),
    sa.Column("entry_id", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("link", sa.Text, nullable=False),
    sa.Column("seen_at", UTCDateTime, nullable=False),
    sa.Column("proposed", sa.Integer, nullable=False),
)
ACTOR = "watch"


@dataclass(frozen=True, slots=True)
class FeedCheck:
    """What the store remembers of a feed's last fetch."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    checked_at: dt.datetime | None = None
    status: str = ""


@dataclass(frozen=True, slots=True)
class SeenEntry:
    entry_id: str
    title: str = ""
    link: str = ""


def entry_key(entry_id: str) -> str:
    """The digest an entry is indexed by (ids are free text of any length)."""
    return hashlib.sha256(entry_id.encode("utf-8")).hexdigest()


def _insert(store: Database, table: sa.Table) -> Any:
    return upsert_insert(store.dialect, table)


def last_check(store: Database, url: str) -> FeedCheck:
    """The validators (ETag, Last-Modified) and status of the feed's last fetch."""
    with store.reading() as conn:
        row = conn.execute(sa.select(watched_feeds).where(watched_feeds.c.url == url)).first()
    if row is None:
        return FeedCheck(url)
    return FeedCheck(url, row.etag, row.last_modified, row.checked_at, row.status)


def record_check(store: Database, check: FeedCheck) -> None:
    """Remember a fetch: its validators (only after every entry was handled) and how it went."""
    values = {"etag": check.etag, "last_modified": check.last_modified, "checked_at": check.checked_at,
              "status": check.status[:1000], "updated_at": check.checked_at or dt.datetime.now(dt.UTC)}
    statement = _insert(store, watched_feeds).values(url=check.url, **values)
    statement = statement.on_conflict_do_update(index_elements=["url"], set_=values)
    with store.transaction() as conn:
        conn.execute(statement)


def known_entries(store: Database, url: str, entry_ids: Iterable[str]) -> set[str]:
    """Which of these entry ids the store has already seen for this feed."""
    wanted = {entry_key(i): i for i in entry_ids}
    found: set[str] = set()
    keys = list(wanted)
    with store.reading() as conn:
        for start in range(0, len(keys), 500):
            query = sa.select(watched_entries.c.entry_key).where(
                watched_entries.c.feed_url == url, watched_entries.c.entry_key.in_(keys[start:start + 500]))
            found.update(wanted[k] for k in conn.execute(query).scalars())
    return found


def remember_entry(store: Database, url: str, entry: SeenEntry, proposals: Sequence[PlannedPost],
                   at: dt.datetime) -> int | None:
    """Remember ``entry`` and insert its proposed posts, in one transaction.

    Returns how many posts were inserted, or None when the entry was already remembered (by an
    earlier run or another watcher): then nothing is written.
    """
    for post in proposals:
        if post.excerpt_kind != "curated" or post.role != "curated":
            raise StoreError(f"post {post.key!r}: expected a curated share (role and excerpt_kind 'curated'), "
                             f"got {post.role!r}/{post.excerpt_kind!r}")
    with store.transaction() as conn:
        claimed = conn.execute(_insert(store, watched_entries).values(
            feed_url=url, entry_key=entry_key(entry.entry_id), entry_id=entry.entry_id, title=entry.title,
            link=entry.link, seen_at=at, proposed=len(proposals),
        ).on_conflict_do_nothing(index_elements=["feed_url", "entry_key"]).returning(watched_entries.c.id)).first()
        if claimed is None:
            return None
        for post in proposals:
            post_id = conn.execute(posts.insert().values(
                key=post.key, piece=post.piece, channel=post.channel, network=post.network, role=post.role,
                excerpt_id=post.excerpt_id, excerpt_kind=post.excerpt_kind, lang=post.lang, campaign=post.campaign,
                text=post.text, link=post.link, card_id=add_card(conn, post.card, post.link), scheduled_at=post.scheduled_at,
                state="proposed", attempts=0, edited_at=at, created_at=at, updated_at=at,
            ).returning(posts.c.id)).scalar_one()
            record_event(conn, post_id, at, None, "proposed", f"curated share from {url}", ACTOR)
    return len(proposals)


def entries_seen(store: Database, url: str | None = None) -> list[sa.Row[Any]]:
    """Every remembered entry (of one feed), oldest first: for `publisher watch --list` and tests."""
    query = sa.select(watched_entries).order_by(watched_entries.c.id)
    if url is not None:
        query = query.where(watched_entries.c.feed_url == url)
    with store.reading() as conn:
        return list(conn.execute(query).all())


__all__ = ["ACTOR", "FeedCheck", "SeenEntry", "entries_seen", "entry_key", "known_entries", "last_check",
           "record_check", "remember_entry", "watched_entries", "watched_feeds"]
