"""Gather a report's rows from the store and its names from the content library, then aggregate.

This is the one place that knows both sides: the store (posts, snapshots, visits) and the project
(pieces and their authors, ambassadors, the team's time zone).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from publisher.reports.aggregate import AmbassadorInfo, Context, ExcerptRef, PieceInfo, build_report
from publisher.reports.model import PostNumbers, Report, VisitTotal
from publisher.reports.period import Period
from publisher.store import analytics as analytics_store
from publisher.store import reports as report_store
from publisher.store.database import Database


def visits_in(store: Database, period: Period, *, before: dt.date | None = None) -> list[VisitTotal]:
    """Visits on the local days the period touches (analytics count whole days), stopping the day
    before ``before`` so two adjacent periods never share a day."""
    last = period.last_day if before is None else min(period.last_day, before - dt.timedelta(days=1))
    return list(map(VisitTotal._make, analytics_store.visit_totals(store, period.first_day, last)))


def excerpt_context(store: Database, visits: Iterable[VisitTotal],
                    posts: Iterable[PostNumbers]) -> dict[tuple[str, str], ExcerptRef]:
    """Where each visited excerpt came from: from the posts already read, else from the store."""
    wanted = {(v.source, v.content) for v in visits if v.medium == "social" and v.content}
    refs: dict[tuple[str, str], ExcerptRef] = {}
    for p in posts:
        key = (p.network, p.excerpt_id)
        if key in wanted and key not in refs:
            refs[key] = ExcerptRef(p.piece, p.excerpt_kind, p.campaign, p.text)
    missing = {content for _, content in wanted - refs.keys()}
    refs.update({key: ExcerptRef(*ref) for key, ref in report_store.excerpt_refs(store, missing).items()})
    return refs


def make_report(store: Database, period: Period, *, pieces: Mapping[str, PieceInfo], authors: Mapping[str, str],
                ambassadors: Mapping[str, AmbassadorInfo], site_name: str, now: dt.datetime) -> Report:
    """The report for ``period`` compared with the period just before it."""
    previous = period.previous()
    posts = report_store.post_numbers(store, period.start, period.end)
    before = report_store.post_numbers(store, previous.start, previous.end)
    visits = visits_in(store, period)
    before_visits = visits_in(store, previous, before=period.first_day)
    ctx = Context(pieces=pieces, authors=authors, ambassadors=ambassadors,
                  excerpts=excerpt_context(store, [*visits, *before_visits], [*posts, *before]),
                  site_name=site_name)
    result = build_report(period, posts, visits, before, before_visits, ctx, now)
    rehearsed = report_store.outbox_sends(store, period.start, period.end)
    if rehearsed:
        result.notes.append(f"{rehearsed} post{'s' if rehearsed != 1 else ''} of this period went to the dry-run "
                            f"outbox (a rehearsal with --now, or a channel without credentials): no network saw "
                            f"{'them' if rehearsed != 1 else 'it'}, so {'they are' if rehearsed != 1 else 'it is'} "
                            f"not counted; publisher status shows them as 'outbox'.")
    return result
