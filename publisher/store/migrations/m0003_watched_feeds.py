"""Watched feeds: their conditional-GET validators, every entry ever seen, and curated posts kept proposed.

The trigger is the store's own guarantee that a curated share is never inserted already approved,
whatever code inserts it (the watcher, a planner with auto_approve: all, a CSV import): a person
approves curated shares, nothing else does.
"""

from __future__ import annotations

import sqlalchemy as sa

from publisher.store.types import UTCDateTime

NAME = "0003_watched_feeds"
CURATED_MESSAGE = "curated shares start proposed: a person approves them"

_SQLITE_TRIGGER = f"""
CREATE TRIGGER curated_posts_start_proposed BEFORE INSERT ON posts
FOR EACH ROW WHEN NEW.excerpt_kind = 'curated' AND NEW.state <> 'proposed'
BEGIN SELECT RAISE(ABORT, '{CURATED_MESSAGE}'); END
"""
_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION curated_posts_start_proposed() RETURNS trigger AS $$
BEGIN
  IF NEW.excerpt_kind = 'curated' AND NEW.state <> 'proposed' THEN
    RAISE EXCEPTION '{CURATED_MESSAGE}';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql
"""
_PG_TRIGGER = """
CREATE TRIGGER curated_posts_start_proposed BEFORE INSERT ON posts
FOR EACH ROW EXECUTE FUNCTION curated_posts_start_proposed()
"""


def apply(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    sa.Table(
        "watched_feeds", meta,
        sa.Column("url", sa.String(1000), primary_key=True),
        sa.Column("etag", sa.String(1000)),
        sa.Column("last_modified", sa.String(200)),
        sa.Column("checked_at", UTCDateTime),
        sa.Column("status", sa.String(1000), nullable=False, default=""),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    sa.Table(
        "watched_entries", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("feed_url", sa.String(1000), nullable=False),
        # sha256 of the entry id: entry ids are free text of any length; the digest indexes well.
        sa.Column("entry_key", sa.String(64), nullable=False),
        sa.Column("entry_id", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False, default=""),
        sa.Column("link", sa.Text, nullable=False, default=""),
        sa.Column("seen_at", UTCDateTime, nullable=False),
        sa.Column("proposed", sa.Integer, nullable=False, default=0),
        sa.UniqueConstraint("feed_url", "entry_key", name="uq_watched_entries_feed_entry"),
    )
    meta.create_all(conn)
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql(_SQLITE_TRIGGER)
    else:
        conn.exec_driver_sql(_PG_FUNCTION)
        conn.exec_driver_sql(_PG_TRIGGER)
