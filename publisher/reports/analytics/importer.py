"""Import one analytics export: parse, match to our posts by UTM, store, and say what happened.

"Matched" means the row's UTM parameters are ones the publisher set: utm_medium=social with the
network and excerpt id of a post in the store; utm_medium=share-button with a piece's slug or a
campaign; utm_medium=advocacy with an ambassador's key. Every UTM row is stored, matched or not
(a post planned later may match it), and counted once whatever happens to the file later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from publisher.errors import Problem
from publisher.reports.analytics.parse import AnalyticsExport, Utm, read_export
from publisher.store import analytics as analytics_store
from publisher.store import reports as report_store
from publisher.store.database import Database

SOCIAL, SHARE_BUTTON, ADVOCACY = "social", "share-button", "advocacy"


@dataclass(frozen=True)
class KnownKeys:
    """What our own links carry, case-folded: piece slugs and keys, campaign names, ambassador keys."""

    pieces: frozenset[str] = frozenset()
    campaigns: frozenset[str] = frozenset()
    ambassadors: frozenset[str] = frozenset()


@dataclass
class ImportSummary:
    file_name: str
    tool: str = ""
    encoding: str = ""
    metric: str = ""
    rows_read: int = 0
    matched: int = 0
    unmatched: int = 0
    no_utm: int = 0
    bad_rows: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    days: tuple[dt.date, dt.date] | None = None
    added: int = 0
    replaced: int = 0
    already_imported: dt.datetime | None = None

    def line(self) -> str:
        """312 rows read, 280 matched, 25 matched no post, 7 skipped: no UTM."""
        text = (f"{self.rows_read} rows read, {self.matched} matched, {self.unmatched} matched no post, "
                f"{self.no_utm} skipped: no UTM")
        if self.bad_rows:
            text += f", {len(self.bad_rows)} skipped: unreadable"
        return text


def is_ours(utm: Utm, excerpts: set[tuple[str, str]], known: KnownKeys) -> bool:
    if utm.medium == SOCIAL:
        return (utm.source, utm.content) in excerpts
    if utm.medium == SHARE_BUTTON:
        return utm.campaign in known.pieces or utm.campaign in known.campaigns
    if utm.medium == ADVOCACY:
        return utm.content in known.ambassadors
    return False


def count_matches(export: AnalyticsExport, excerpts: set[tuple[str, str]], known: KnownKeys) -> tuple[int, int]:
    matched = sum(1 for row in export.source_rows if is_ours(row.utm, excerpts, known))
    return matched, len(export.source_rows) - matched


def known_excerpts(store: Database, export: AnalyticsExport) -> set[tuple[str, str]]:
    ids = {row.utm.content for row in export.source_rows if row.utm.medium == SOCIAL and row.utm.content}
    return set(report_store.excerpt_refs(store, ids))


def import_file(store: Database, data: bytes, file_name: str, *, known: KnownKeys, now: dt.datetime,
                period: tuple[dt.date, dt.date] | None = None, tool: str | None = None,
                dry_run: bool = False) -> ImportSummary:
    """Read, match and (unless ``dry_run`` or already imported) store one export."""
    export = read_export(data, file_name, period=period, tool=tool)
    campaigns = known.campaigns | report_store.campaigns_in_store(store)
    known = KnownKeys(known.pieces, frozenset(campaigns), known.ambassadors)
    matched, unmatched = count_matches(export, known_excerpts(store, export), known)
    summary = ImportSummary(file_name=file_name, tool=export.tool, encoding=export.encoding, metric=export.metric,
                            rows_read=export.rows_read, matched=matched, unmatched=unmatched,
                            no_utm=export.skipped_no_utm, bad_rows=export.bad_rows,
                            ignored_columns=export.ignored_columns, days=export.days)
    before = analytics_store.find_import(store, export.fingerprint)
    if before is not None:
        summary.already_imported = before.imported_at
        return summary
    if dry_run:
        return summary
    rows = [analytics_store.DailyVisits(r.day, r.utm.source, r.utm.medium, r.utm.campaign, r.utm.content, r.visits)
            for r in export.daily_rows()]
    saved = analytics_store.save_import(store, fingerprint=export.fingerprint, file_name=file_name,
                                        tool=export.tool, encoding=export.encoding, now=now,
                                        rows_read=export.rows_read, rows_matched=matched, rows=rows)
    summary.added, summary.replaced = saved.added, saved.replaced
    return summary


def known_keys(piece_keys: Iterable[str], campaigns: Iterable[str], ambassadors: Iterable[str]) -> KnownKeys:
    """Build KnownKeys from the library's piece keys (slug and key both count), campaign names
    (config keys and their utm_campaign), and ambassador keys."""
    pieces = set()
    for key in piece_keys:
        pieces.add(key.casefold())
        pieces.add(key.rsplit("/", 1)[-1].casefold())
    return KnownKeys(frozenset(pieces), frozenset(c.casefold() for c in campaigns if c),
                     frozenset(a.casefold() for a in ambassadors))
