"""Engagement history: one row per post per pull, never updated, never overwritten."""

from __future__ import annotations

import sqlalchemy as sa

from publisher.store.types import UTCDateTime

NAME = "0002_metrics"


def apply(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    sa.Table("posts", meta, sa.Column("id", sa.Integer, primary_key=True))  # only for the foreign key
    snapshots = sa.Table(
        "metric_snapshots", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("post_id", sa.Integer, sa.ForeignKey("posts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
        sa.Column("remote_id", sa.String(400), nullable=False),
        sa.Column("taken_at", UTCDateTime, nullable=False),
        sa.Column("likes", sa.Integer, nullable=False, default=0),
        sa.Column("reposts", sa.Integer, nullable=False, default=0),
        sa.Column("replies", sa.Integer, nullable=False, default=0),
        sa.Column("quotes", sa.Integer, nullable=False, default=0),
        sa.Column("impressions", sa.Integer),  # NULL: the network does not say
        sa.Column("clicks", sa.Integer),
        sa.Column("raw", sa.JSON),
    )
    # The latest snapshot per post (pull schedule, reports) and a period's snapshots (reports).
    sa.Index("ix_metric_snapshots_post_taken", snapshots.c.post_id, snapshots.c.taken_at)
    sa.Index("ix_metric_snapshots_taken", snapshots.c.taken_at)
    snapshots.create(conn)
