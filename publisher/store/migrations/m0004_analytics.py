"""Site analytics imported from Plausible, Matomo or GA4: visits per day and UTM tuple.

One row per (day, utm_source, utm_medium, utm_campaign, utm_content): importing the same numbers
again replaces them instead of adding (the natural key is unique), and each imported file is
remembered by the sha256 of its text so a second import of the same export says so and stops.
"""

from __future__ import annotations

import sqlalchemy as sa

from publisher.store.types import UTCDateTime

NAME = "0004_analytics"


def apply(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    imports = sa.Table(
        "analytics_imports", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("fingerprint", sa.String(64), nullable=False, unique=True),
        sa.Column("file_name", sa.String(400), nullable=False),
        sa.Column("tool", sa.String(32), nullable=False),
        sa.Column("encoding", sa.String(32), nullable=False),
        sa.Column("imported_at", UTCDateTime, nullable=False),
        sa.Column("rows_read", sa.Integer, nullable=False),
        sa.Column("rows_matched", sa.Integer, nullable=False),
        sa.Column("first_day", sa.Date),
        sa.Column("last_day", sa.Date),
    )
    visits = sa.Table(
        "analytics_visits", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("utm_source", sa.String(200), nullable=False),
        sa.Column("utm_medium", sa.String(200), nullable=False),
        sa.Column("utm_campaign", sa.String(300), nullable=False),
        sa.Column("utm_content", sa.String(300), nullable=False),
        sa.Column("visits", sa.Integer, nullable=False),
        sa.Column("import_id", sa.Integer, sa.ForeignKey(imports.c.id), nullable=False),
        sa.UniqueConstraint("day", "utm_source", "utm_medium", "utm_campaign", "utm_content",
                            name="uq_analytics_visits_key"),
    )
    # Reports read one period of days, grouped by UTM tuple.
    sa.Index("ix_analytics_visits_medium_day", visits.c.utm_medium, visits.c.day)
    meta.create_all(conn)
