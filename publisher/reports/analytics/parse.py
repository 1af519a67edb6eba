"""Parse one analytics export into daily visit rows keyed by UTM tuple, counting what was skipped.

Rows come out one per local day and UTM tuple (source, medium, campaign, content). An export with a
date column gives days directly; an export for a whole period (GA4's "Start date / End date" header,
Plausible's file name, or --from/--to) is spread evenly over the period's days (the remainder on the
first days), so that every stored row has the same grain and a later daily export of the same days
replaces it instead of adding to it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from publisher.errors import ImportProblems, Problem
from publisher.networks import all_networks
from publisher.reports.analytics.columns import ColumnMap, guess_tool, map_columns, normalise
from publisher.reports.analytics.decode import decode

EMPTY_VALUES = frozenset({"", "-", "(not set)", "not set", "(none)", "(direct)", "(not provided)", "others",
                          "(other)", "null", "none", "(organic)", "(referral)", "(data not available)"})
# Mediums GA4 infers for sessions that carried no UTM tags at all (search, referrals, direct).
INFERRED_MEDIUMS = frozenset({"organic", "referral"})
TOTAL_LABELS = frozenset({"total", "totals", "grand total", "totaux", "total général"})
# Every network's key and aliases (twitter for X), and a source we do not post to but teams see often.
KNOWN_SOURCES = frozenset({*(k for n in all_networks() for k in (n.key, *n.utm_aliases)), "facebook"})
KNOWN_MEDIUMS = frozenset({"social", "share-button", "advocacy", "email", "newsletter", "referral", "cpc"})
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_PLAUSIBLE_NAME = re.compile(r"_(\d{8})_(\d{8})\.csv$", re.IGNORECASE)
_GA4_DATE = re.compile(r"#\s*(start|end) date:\s*(\d{8})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Utm:
    """The UTM tuple of a row, case-folded (Matomo lower-cases campaign values; ours compare equal)."""

    source: str = ""
    medium: str = ""
    campaign: str = ""
    content: str = ""

    @property
    def empty(self) -> bool:
        return not (self.source or self.medium or self.campaign or self.content)


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One data row of the file as read (before spreading over days)."""

    line: int
    utm: Utm
    first_day: dt.date
    days: int
    visits: int


@dataclass(frozen=True, slots=True)
class VisitRow:
    """Visits on one day for one UTM tuple: the grain the store keeps."""

    day: dt.date
    utm: Utm
    visits: int


@dataclass
class AnalyticsExport:
    """Everything read from one file, with the counts the import summary shows."""

    file_name: str
    tool: str
    encoding: str
    metric: str
    fingerprint: str
    """sha256 of the decoded text (line endings normalised): the same export re-saved in UTF-16 or
    with a BOM has the same fingerprint."""
    source_rows: list[SourceRow] = field(default_factory=list)
    skipped_no_utm: int = 0
    bad_rows: list[Problem] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rows_read(self) -> int:
        return len(self.source_rows) + self.skipped_no_utm + len(self.bad_rows)

    def daily_rows(self) -> list[VisitRow]:
        """Rows spread over days and summed per (day, UTM tuple), sorted."""
        totals: dict[tuple[dt.date, Utm], int] = {}
        for row in self.source_rows:
            base, extra = divmod(row.visits, row.days)
            for i in range(row.days):
                share = base + (1 if i < extra else 0)
                key = (row.first_day + dt.timedelta(days=i), row.utm)
                totals[key] = totals.get(key, 0) + share
        return [VisitRow(day, utm, n) for (day, utm), n in sorted(totals.items(), key=_row_order)]

    @property
    def days(self) -> tuple[dt.date, dt.date] | None:
        if not self.source_rows:
            return None
        first = min(r.first_day for r in self.source_rows)
        last = max(r.first_day + dt.timedelta(days=r.days - 1) for r in self.source_rows)
        return first, last


def _row_order(item: tuple[tuple[dt.date, Utm], int]) -> tuple:
    (day, utm), _ = item
    return (day, utm.source, utm.medium, utm.campaign, utm.content)


def clean_value(value: str | None) -> str:
    text = (value or "").replace("\u00a0", " ").strip()
    return "" if text.casefold() in EMPTY_VALUES else text.casefold()


def parse_count(value: str) -> int | None:
    """1234, "1,234", "1 234", 1234.0 -> 1234; anything else -> None."""
    text = (value or "").strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    if not text:
        return 0
    if re.fullmatch(r"\d{1,3}([,.]\d{3})+", text):
        text = re.sub(r"[,.]", "", text)
    text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    if number < 0 or number != number or number == float("inf"):
        return None
    return round(number)


def parse_date(value: str) -> tuple[dt.date, int] | None:
    """A day (2026-10-01 or GA4's 20261001), or a Matomo range 2026-10-01,2026-10-31 -> (first, days)."""
    text = (value or "").strip()
    if "," in text:
        parts = [p.strip() for p in text.split(",")]
        if len(parts) == 2:
            first, last = parse_date(parts[0]), parse_date(parts[1])
            if first and last and last[0] >= first[0]:
                return first[0], (last[0] - first[0]).days + 1
        return None
    m = _COMPACT_DATE.fullmatch(text)
    if m:
        text = f"{m.group(1)}-{m.group(2)}-{m.group(3)}"
    try:
        return dt.date.fromisoformat(text[:10]), 1
    except ValueError:
        return None


def _label_utm(label: str) -> Utm:
    """Matomo puts the dimensions in `label`, flattened levels joined with " - ". We read them in the
    order of the MarketingCampaignsReporting "Source - Medium" report expanded down to name and
    content: "x - social - sovereign-cloud - 3f9a1c2b7d" (a "medium - source" order is recognised too)."""
    parts = [clean_value(p) for p in label.split(" - ")] + ["", "", "", ""]
    if parts[0] in KNOWN_MEDIUMS and parts[1] in KNOWN_SOURCES:
        parts[0], parts[1] = parts[1], parts[0]
    return Utm(parts[0], parts[1], parts[2], " - ".join(p for p in parts[3:] if p))


def _utm_of(row: list[str], cols: ColumnMap) -> Utm:
    def cell(name: str) -> str:
        i = cols.index.get(name)
        return clean_value(row[i]) if i is not None and i < len(row) else ""

    source, medium = cell("source"), cell("medium")
    if not (source or medium) and cols.has("source_medium"):
        combined = row[cols.index["source_medium"]] if cols.index["source_medium"] < len(row) else ""
        left, _, right = combined.rpartition(" / ")
        source, medium = clean_value(left or combined), clean_value(right if left else "")
    utm = Utm(source, medium, cell("campaign"), cell("content"))
    if utm.empty and cols.has("label"):
        return _label_utm(row[cols.index["label"]] if cols.index["label"] < len(row) else "")
    return utm


def _comments_and_table(text: str) -> tuple[list[str], list[str], int]:
    """Split GA4-style `#` comment lines from the first table; return (comments, table lines, offset)."""
    lines = text.splitlines()
    comments: list[str] = []
    start = 0
    while start < len(lines) and (lines[start].lstrip().startswith("#") or not lines[start].strip()):
        if lines[start].strip():
            comments.append(lines[start])
        start += 1
    end = start
    while end < len(lines) and lines[end].strip() and not lines[end].lstrip().startswith("#"):
        end += 1  # GA4 files may hold further tables after a blank line: the first one is the report
    return comments, lines[start:end], start


def _file_period(comments: Iterable[str], file_name: str) -> tuple[dt.date, dt.date] | None:
    found: dict[str, dt.date] = {}
    for line in comments:
        m = _GA4_DATE.search(line)
        if m:
            parsed = parse_date(m.group(2))
            if parsed:
                found[m.group(1).lower()] = parsed[0]
    if "start" in found and "end" in found:
        return found["start"], found["end"]
    m = _PLAUSIBLE_NAME.search(file_name)
    if m:
        first, last = parse_date(m.group(1)), parse_date(m.group(2))
        if first and last:
            return first[0], last[0]
    return None


def read_export(data: bytes, file_name: str, *, period: tuple[dt.date, dt.date] | None = None,
                tool: str | None = None) -> AnalyticsExport:
    """Read an export; raise ImportProblems when the file cannot be used at all (no header, no UTM
    or visits column, no dates anywhere). Bad rows are counted and reported, never fatal."""
    text, encoding = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    fingerprint = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()
    comments, table, offset = _comments_and_table(text)
    if not table:
        raise ImportProblems([Problem(file_name, "", "expected a CSV export with a header row, found no data")])
    try:
        dialect = csv.Sniffer().sniff(table[0], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = list(csv.reader(io.StringIO("\n".join(table)), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    cols = map_columns(header)
    shown = ", ".join(repr(h.strip()) for h in header[:12]) + (", ..." if len(header) > 12 else "")
    if not cols.has_utm or not cols.metric:
        raise ImportProblems([Problem(file_name, "", (
            "expected UTM and visit columns (Plausible: utm_source, utm_medium, utm_campaign, utm_content, "
            "visits; GA4: Session source, Session medium, Session campaign, Session manual ad content, "
            f"Sessions; Matomo: Label, nb_visits), found: {shown}"))])
    whole = period or _file_period(comments, file_name)
    if not cols.has("date") and whole is None:
        raise ImportProblems([Problem(file_name, "", (
            "expected a date column or the export's period (GA4 'Start date'/'End date' lines, a Plausible "
            "file name such as imported_sources_20261001_20261031.csv), found neither: pass --from and --to"))])
    export = AnalyticsExport(file_name=file_name, tool=tool or guess_tool(header, comments, file_name),
                             encoding=encoding, metric=cols.metric, fingerprint=fingerprint,
                             ignored_columns=cols.unknown)
    metric_at = cols.index[cols.metric_field]
    for number, row in enumerate(body, start=offset + 2):
        if not any(cell.strip() for cell in row):
            continue
        if row and normalise(row[0]) in TOTAL_LABELS:
            continue
        visits = parse_count(row[metric_at]) if metric_at < len(row) else None
        if visits is None:
            found = row[metric_at] if metric_at < len(row) else "nothing (the row is too short)"
            export.bad_rows.append(Problem(f"{file_name}:{number}", cols.metric,
                                           f"expected a whole number of visits, got {found!r}"))
            continue
        utm = _utm_of(row, cols)
        if utm.empty or (utm.medium in INFERRED_MEDIUMS and not utm.campaign and not utm.content):
            export.skipped_no_utm += 1
            continue
        if cols.has("date"):
            cell = row[cols.index["date"]] if cols.index["date"] < len(row) else ""
            when = parse_date(cell)
            if when is None:
                export.bad_rows.append(Problem(f"{file_name}:{number}", header[cols.index["date"]].strip(),
                                               f"expected a date like 2026-10-01 or 20261001, got {cell!r}"))
                continue
        elif whole is not None:
            when = (whole[0], max(1, (whole[1] - whole[0]).days + 1))
        export.source_rows.append(SourceRow(number, utm, when[0], when[1], visits))
    return export
