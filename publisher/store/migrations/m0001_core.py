"""The queue: posts, their state changes, pauses, per-channel state and the send window."""

from __future__ import annotations

import sqlalchemy as sa

from publisher.store.types import UTCDateTime

NAME = "0001_core"


def apply(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    posts = sa.Table(
        "posts", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("key", sa.String(400), nullable=False, unique=True),
        sa.Column("piece", sa.String(300), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("network", sa.String(32), nullable=False),
        sa.Column("role", sa.String(64), nullable=False),
        sa.Column("excerpt_id", sa.String(64), nullable=False, default=""),
        sa.Column("excerpt_kind", sa.String(32), nullable=False, default=""),
        sa.Column("lang", sa.String(16), nullable=False, default=""),
        sa.Column("campaign", sa.String(100)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("link", sa.Text, nullable=False, default=""),
        sa.Column("card", sa.JSON),
        sa.Column("scheduled_at", UTCDateTime, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, default=0),
        sa.Column("next_attempt_at", UTCDateTime),
        sa.Column("claimed_by", sa.String(200)),
        sa.Column("claimed_at", UTCDateTime),
        sa.Column("remote_id", sa.String(400)),
        sa.Column("remote_url", sa.Text),
        sa.Column("last_error", sa.Text),
        # Set when a person edits the post (CSV import): replanning then leaves it alone.
        sa.Column("edited_at", UTCDateTime),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )
    # Claims read (channel, state='approved', scheduled_at <= now); the calendar reads by state and time.
    sa.Index("ix_posts_channel_state_time", posts.c.channel, posts.c.state, posts.c.scheduled_at)
    sa.Index("ix_posts_state_time", posts.c.state, posts.c.scheduled_at)
    sa.Index("ix_posts_piece", posts.c.piece)

    events = sa.Table(
        "post_events", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("post_id", sa.Integer, sa.ForeignKey("posts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("from_state", sa.String(16)),
        sa.Column("to_state", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text, nullable=False, default=""),
        sa.Column("actor", sa.String(200), nullable=False, default=""),
    )
    sa.Index("ix_post_events_post", events.c.post_id, events.c.at)

    sa.Table(
        "pauses", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(64)),  # NULL: everything
        sa.Column("since", UTCDateTime, nullable=False),
        sa.Column("until", UTCDateTime),  # NULL: until resumed
        sa.Column("reason", sa.Text, nullable=False, default=""),
        sa.Column("actor", sa.String(200), nullable=False, default=""),
        sa.Column("lifted_at", UTCDateTime),
    )

    sa.Table(
        "channel_state", meta,
        sa.Column("channel", sa.String(64), primary_key=True),
        sa.Column("disabled", sa.Boolean, nullable=False, default=False),
        sa.Column("disabled_reason", sa.Text, nullable=False, default=""),
        sa.Column("blocked_until", UTCDateTime),  # after a 429: the account rests until then
        sa.Column("updated_at", UTCDateTime, nullable=False),
    )

    sends = sa.Table(
        "sends", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("at", UTCDateTime, nullable=False),
        sa.Column("post_id", sa.Integer, nullable=False),
    )
    sa.Index("ix_sends_channel_at", sends.c.channel, sends.c.at)

    meta.create_all(conn)
