"""The tables as the queries see them today (the migrations create and change them)."""

from __future__ import annotations

import sqlalchemy as sa

from publisher.store.types import UTCDateTime

metadata = sa.MetaData()

schema_migrations = sa.Table(
    "schema_migrations", metadata,
    sa.Column("name", sa.String(200), primary_key=True),
    sa.Column("applied_at", UTCDateTime, nullable=False),
)

posts = sa.Table(
    "posts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("key", sa.String(400), nullable=False, unique=True),
    sa.Column("piece", sa.String(300), nullable=False),
    sa.Column("channel", sa.String(64), nullable=False),
    sa.Column("network", sa.String(32), nullable=False),
    sa.Column("role", sa.String(64), nullable=False),
    sa.Column("excerpt_id", sa.String(64), nullable=False),
    sa.Column("excerpt_kind", sa.String(32), nullable=False),
    sa.Column("lang", sa.String(16), nullable=False),
    sa.Column("campaign", sa.String(100)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("link", sa.Text, nullable=False),
    sa.Column("scheduled_at", UTCDateTime, nullable=False),
    sa.Column("state", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False),
    sa.Column("next_attempt_at", UTCDateTime),
    sa.Column("claimed_by", sa.String(200)),
    sa.Column("claimed_at", UTCDateTime),
    sa.Column("remote_id", sa.String(400)),
    sa.Column("remote_url", sa.Text),
    sa.Column("last_error", sa.Text),
    sa.Column("edited_at", UTCDateTime),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("card_id", sa.Integer),  # its link card in link_cards, or NULL (migration 0005: no foreign key)
    # migration 0007: the thread it belongs to (its first post's id), its place and the thread's length
    sa.Column("thread_id", sa.Integer),
    sa.Column("part", sa.Integer),
    sa.Column("parts", sa.Integer),
)

link_cards = sa.Table(
    "link_cards", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("url", sa.Text),  # NULL: the link of the post showing it (the planner's), so posts share the row
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("image", sa.Text),
    sa.Column("image_alt", sa.Text, nullable=False),
)

# Created by migration 0001. A bulk load into an empty table drops and rebuilds these (see posts.py):
# building an index from sorted rows costs a fraction of updating it row by row.
POSTS_SECONDARY_INDEXES = (
    sa.Index("ix_posts_channel_state_time", posts.c.channel, posts.c.state, posts.c.scheduled_at),
    sa.Index("ix_posts_state_time", posts.c.state, posts.c.scheduled_at),
    sa.Index("ix_posts_piece", posts.c.piece),
)

post_events = sa.Table(
    "post_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("post_id", sa.Integer, sa.ForeignKey("posts.id"), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("from_state", sa.String(16)),
    sa.Column("to_state", sa.String(16), nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
)

pauses = sa.Table(
    "pauses", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("channel", sa.String(64)),
    sa.Column("since", UTCDateTime, nullable=False),
    sa.Column("until", UTCDateTime),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("actor", sa.String(200), nullable=False),
    sa.Column("lifted_at", UTCDateTime),
)

channel_state = sa.Table(
    "channel_state", metadata,
    sa.Column("channel", sa.String(64), primary_key=True),
    sa.Column("disabled", sa.Boolean, nullable=False),
    sa.Column("disabled_reason", sa.Text, nullable=False),
    sa.Column("blocked_until", UTCDateTime),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

store_ledger = sa.Table(  # migration 0006: the store's identity, and when each channel learned what went out
    "store_ledger", metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
)

sends = sa.Table(
    "sends", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("channel", sa.String(64), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("post_id", sa.Integer, nullable=False),
)

metric_snapshots = sa.Table(
    "metric_snapshots", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("post_id", sa.Integer, nullable=False),
    sa.Column("channel", sa.String(64), nullable=False),
    sa.Column("remote_id", sa.String(400), nullable=False),
    sa.Column("taken_at", UTCDateTime, nullable=False),
    sa.Column("likes", sa.Integer, nullable=False),
    sa.Column("reposts", sa.Integer, nullable=False),
    sa.Column("replies", sa.Integer, nullable=False),
    sa.Column("quotes", sa.Integer, nullable=False),
    sa.Column("impressions", sa.Integer),
    sa.Column("clicks", sa.Integer),
    sa.Column("raw", sa.JSON),
)


OUTBOX_ID_LIKE = "outbox:%"
"""posts.remote_id of a post the dry-run outbox took (rehearsals, channels without credentials): it
is "published" for the queue, but no network saw it, so counts and reports keep it apart."""

__all__ = ["OUTBOX_ID_LIKE", "POSTS_SECONDARY_INDEXES", "channel_state", "link_cards", "metadata", "metric_snapshots", "pauses", "post_events",
           "posts", "schema_migrations", "sends"]
