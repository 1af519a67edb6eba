"""Imported site analytics: remember each file, upsert visits per day and UTM tuple, read totals.

Rows are keyed by (day, utm_source, utm_medium, utm_campaign, utm_content). An import replaces the
numbers of keys it carries (analytics tools report absolute counts per day, so the newest export is
the truth) and never adds to them: importing the same data twice, or an overlapping export, counts
nothing twice. Whole files are also fingerprinted, so a repeated import is recognised and skipped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sqlalchemy as sa

from publisher.store.database import Database, upsert_insert
from publisher.store.prepared import Prepared
from publisher.store.types import UTCDateTime

imports = sa.Table(
    "analytics_imports", sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("fingerprint", sa.String(64)),
    sa.Column("file_name", sa.String(400)),
    sa.Column("tool", sa.String(32)),
    sa.Column("encoding", sa.String(32)),
    sa.Column("imported_at", UTCDateTime),
    sa.Column("rows_read", sa.Integer),
    sa.Column("rows_matched", sa.Integer),
    sa.Column("first_day", sa.Date),
    sa.Column("last_day", sa.Date),
)
visits = sa.Table(
    "analytics_visits", sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("day", sa.Date),
    sa.Column("utm_source", sa.String(200)),
    sa.Column("utm_medium", sa.String(200)),
    sa.Column("utm_campaign", sa.String(300)),
    sa.Column("utm_content", sa.String(300)),
    sa.Column("visits", sa.Integer),
    sa.Column("import_id", sa.Integer),
)
_KEY = ("day", "utm_source", "utm_medium", "utm_campaign", "utm_content")
_BATCH = 500


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """A file imported before."""

    id: int
    file_name: str
    tool: str
    imported_at: dt.datetime
    rows_read: int


@dataclass(frozen=True, slots=True)
class DailyVisits:
    """One stored row: visits on a day for a UTM tuple (values case-folded)."""

    day: dt.date
    source: str
    medium: str
    campaign: str
    content: str
    visits: int


@dataclass(frozen=True, slots=True)
class SavedVisits:
    added: int
    replaced: int
    """Keys already stored (from an earlier, overlapping export) whose numbers this import replaced."""


def find_import(store: Database, fingerprint: str) -> ImportRecord | None:
    with store.reading() as conn:
        row = conn.execute(sa.select(imports.c.id, imports.c.file_name, imports.c.tool, imports.c.imported_at,
                                     imports.c.rows_read).where(imports.c.fingerprint == fingerprint)).first()
    return ImportRecord(*row) if row else None


def _upsert(dialect: str) -> sa.Insert:
    insert = upsert_insert(dialect, visits)
    return insert.on_conflict_do_update(
        index_elements=list(_KEY), set_={"visits": insert.excluded.visits, "import_id": insert.excluded.import_id})


def save_import(store: Database, *, fingerprint: str, file_name: str, tool: str, encoding: str,
                now: dt.datetime, rows_read: int, rows_matched: int, rows: Sequence[DailyVisits]) -> SavedVisits:
    """Record the file and upsert its rows, in one transaction: all of it or nothing."""
    days = [r.day for r in rows]
    with store.transaction() as conn:
        import_id = conn.execute(imports.insert().values(
            fingerprint=fingerprint, file_name=file_name[:400], tool=tool, encoding=encoding, imported_at=now,
            rows_read=rows_read, rows_matched=rows_matched, first_day=min(days, default=None),
            last_day=max(days, default=None)).returning(imports.c.id)).scalar_one()
        existing: set[tuple] = set()
        if rows:
            stored = conn.execute(sa.select(*(visits.c[k] for k in _KEY)).where(
                visits.c.day.between(min(days), max(days))))
            existing = {tuple(r) for r in stored}
        statement = _upsert(conn.dialect.name)
        values = [{"day": r.day, "utm_source": r.source, "utm_medium": r.medium, "utm_campaign": r.campaign,
                   "utm_content": r.content, "visits": r.visits, "import_id": import_id} for r in rows]
        for start in range(0, len(values), _BATCH):
            conn.execute(statement, values[start:start + _BATCH])
    replaced = sum(1 for r in rows if (r.day, r.source, r.medium, r.campaign, r.content) in existing)
    return SavedVisits(added=len(rows) - replaced, replaced=replaced)


VISIT_TOTALS = Prepared(
    sa.select(visits.c.utm_source, visits.c.utm_medium, visits.c.utm_campaign, visits.c.utm_content,
              sa.func.sum(visits.c.visits))
    .where(visits.c.day >= sa.bindparam("first"), visits.c.day <= sa.bindparam("last"))
    .group_by(visits.c.utm_source, visits.c.utm_medium, visits.c.utm_campaign, visits.c.utm_content))


def visit_totals(store: Database, first_day: dt.date, last_day: dt.date) -> list[tuple[str, str, str, str, int]]:
    """Visits per UTM tuple over the days [first_day, last_day], summed in SQL (on the driver's
    cursor: a quarter has thousands of tuples)."""
    sqlite = store.is_sqlite
    with store.reading() as conn:
        rows = VISIT_TOTALS.run(conn, first=first_day.isoformat() if sqlite else first_day,
                                last=last_day.isoformat() if sqlite else last_day).fetchall()
    return [(s, m, c, t, int(n or 0)) for s, m, c, t, n in rows]


def stored_visits(store: Database, first_day: dt.date | None = None, last_day: dt.date | None = None) -> list[DailyVisits]:
    """Every stored row (for tests and `--format json` audits), oldest first."""
    query = sa.select(*(visits.c[k] for k in _KEY), visits.c.visits).order_by(*(visits.c[k] for k in _KEY))
    if first_day and last_day:
        query = query.where(visits.c.day.between(first_day, last_day))
    with store.reading() as conn:
        return [DailyVisits(*row) for row in conn.execute(query)]


def chunks(items: Iterable[str], size: int = _BATCH) -> Iterable[list[str]]:
    batch: list[str] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


__all__ = ["DailyVisits", "ImportRecord", "SavedVisits", "find_import", "save_import", "stored_visits",
           "visit_totals"]
