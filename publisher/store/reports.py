"""The report's queries: each published post of a period with its latest snapshot, and excerpt lookups.

Snapshots hold cumulative counters, so a post's numbers for a period are those of its LATEST
snapshot taken before the period ends; adding snapshots up would count one like many times. The
query finds that snapshot per post with a max(taken_at) join on the (post_id, taken_at) index,
for the posts scheduled in the period (the (state, scheduled_at) index): the database reduces a
million snapshots to one row per post, and Python only groups those.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import sqlalchemy as sa

from publisher.reports.model import PostNumbers
from publisher.store.analytics import chunks
from publisher.store.database import Database
from publisher.store.tables import posts
from publisher.store.types import UTCDateTime

# The metrics engineer's table (migration 0002), described here only with the columns read.
snapshots = sa.Table(
    "metric_snapshots", sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("post_id", sa.Integer),
    sa.Column("taken_at", UTCDateTime),
    sa.Column("likes", sa.Integer),
    sa.Column("reposts", sa.Integer),
    sa.Column("replies", sa.Integer),
    sa.Column("quotes", sa.Integer),
    sa.Column("impressions", sa.Integer),
    sa.Column("clicks", sa.Integer),
)
PUBLISHED = "published"


def post_numbers(store: Database, start: dt.datetime, end: dt.datetime, *,
                 measured_until: dt.datetime | None = None) -> list[PostNumbers]:
    """Published posts scheduled in [start, end), each with its latest snapshot taken before
    ``measured_until`` (default: ``end``). Posts without a snapshot come with zeros."""
    until = measured_until or end
    in_period = sa.and_(posts.c.state == PUBLISHED, posts.c.scheduled_at >= start, posts.c.scheduled_at < end)
    period_ids = sa.select(posts.c.id).where(in_period)
    latest = (sa.select(snapshots.c.post_id, sa.func.max(snapshots.c.taken_at).label("taken_at"))
              .where(snapshots.c.post_id.in_(period_ids), snapshots.c.taken_at < until)
              .group_by(snapshots.c.post_id).subquery("latest"))
    query = (
        sa.select(posts.c.id, posts.c.piece, posts.c.channel, posts.c.network, posts.c.excerpt_id,
                  posts.c.excerpt_kind, posts.c.campaign, posts.c.text, posts.c.scheduled_at,
                  snapshots.c.likes, snapshots.c.reposts, snapshots.c.replies, snapshots.c.quotes,
                  snapshots.c.impressions, snapshots.c.clicks, snapshots.c.id.label("snapshot_id"))
        .select_from(posts.outerjoin(latest, latest.c.post_id == posts.c.id)
                     .outerjoin(snapshots, sa.and_(snapshots.c.post_id == latest.c.post_id,
                                                   snapshots.c.taken_at == latest.c.taken_at)))
        .where(in_period)
        .order_by(posts.c.scheduled_at, posts.c.id, snapshots.c.id.desc())
    )
    out: list[PostNumbers] = []
    seen: set[int] = set()
    with store.reading() as conn:
        for row in conn.execute(query):
            if row.id in seen:  # two snapshots at the same instant: the later row wins
                continue
            seen.add(row.id)
            out.append(PostNumbers(
                post_id=row.id, piece=row.piece, channel=row.channel, network=row.network,
                excerpt_id=row.excerpt_id, excerpt_kind=row.excerpt_kind, campaign=row.campaign, text=row.text,
                at=row.scheduled_at, likes=row.likes or 0, reposts=row.reposts or 0, replies=row.replies or 0,
                quotes=row.quotes or 0, impressions=row.impressions, clicks=row.clicks,
                measured=row.snapshot_id is not None))
    return out


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


__all__ = ["campaigns_in_store", "excerpt_refs", "post_numbers", "snapshots"]
