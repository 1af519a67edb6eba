"""Analytics exports from Plausible, GA4 and Matomo: columns, encodings, bad rows, fingerprints."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from publisher.errors import ImportProblems
from publisher.reports.analytics import read_export
from publisher.reports.analytics.parse import Utm, parse_count, parse_date

DATA = Path(__file__).parent / "data" / "analytics"
PLAUSIBLE = DATA / "imported_sources_20261101_20261121.csv"
GA4 = DATA / "ga4-traffic-acquisition-20261101-20261121.csv"
MATOMO = DATA / "matomo-campaigns-source-medium-name-content.csv"
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 21))


@pytest.mark.parametrize(
    ("path", "tool", "encoding", "metric", "read", "no_utm", "utm_rows", "visits"),
    [
        # 12 rows: 2 organic (no UTM); 10 tagged rows; visits of tagged rows only.
        (PLAUSIBLE, "plausible", "utf-8", "visits", 12, 2, 10, 47 + 6 + 74 + 31 + 22 + 35 + 15 + 10 + 124 + 4),
        # 7 data rows (the Grand total row and the second table are not data): 3 untagged.
        (GA4, "ga4", "utf-8", "Sessions", 7, 3, 4, 52 + 70 + 30 + 33),
        # Matomo: UTF-16LE with BOM; "Others" is not a campaign.
        (MATOMO, "matomo", "utf-16-le with BOM", "nb_visits", 6, 1, 5, 44 + 66 + 19 + 12 + 101),
    ],
)
def test_each_tool_export_is_read(path: Path, tool: str, encoding: str, metric: str, read: int, no_utm: int,
                                  utm_rows: int, visits: int) -> None:
    export = read_export(path.read_bytes(), path.name, period=NOVEMBER if path == MATOMO else None)
    assert (export.tool, export.encoding, export.metric) == (tool, encoding, metric)
    assert export.rows_read == read
    assert export.skipped_no_utm == no_utm
    assert len(export.source_rows) == utm_rows
    assert not export.bad_rows
    assert sum(r.visits for r in export.source_rows) == visits
    # Spreading over days keeps every visit: nothing lost, nothing invented.
    assert sum(r.visits for r in export.daily_rows()) == visits


def test_plausible_rows_with_same_utm_on_same_day_are_summed() -> None:
    export = read_export(PLAUSIBLE.read_bytes(), PLAUSIBLE.name)
    key = Utm("x", "social", "sovereign-cloud-2026", "3f9a1c2b7d")
    rows = [r for r in export.daily_rows() if r.utm == key]
    assert [(r.day, r.visits) for r in rows] == [(dt.date(2026, 11, 3), 47 + 6)]
    assert export.days == (dt.date(2026, 11, 3), dt.date(2026, 11, 7))


def test_ga4_reads_dates_and_skips_inferred_sources() -> None:
    export = read_export(GA4.read_bytes(), GA4.name)
    assert {r.utm.source for r in export.source_rows} == {"x", "linkedin", "mastodon"}
    assert {r.first_day for r in export.source_rows} == {dt.date(2026, 11, 3), dt.date(2026, 11, 4),
                                                        dt.date(2026, 11, 5)}


def test_matomo_label_is_split_and_a_period_is_spread_over_its_days() -> None:
    export = read_export(MATOMO.read_bytes(), MATOMO.name, period=NOVEMBER)
    first = export.source_rows[0]
    assert first.utm == Utm("x", "social", "sovereign-cloud-2026", "3f9a1c2b7d")
    rows = [r for r in export.daily_rows() if r.utm == first.utm]
    assert len(rows) == 21  # 1 to 21 November
    assert sum(r.visits for r in rows) == 44
    assert max(r.visits for r in rows) - min(r.visits for r in rows) <= 1


def test_matomo_without_dates_or_period_is_refused_with_a_way_out() -> None:
    with pytest.raises(ImportProblems) as info:
        read_export(MATOMO.read_bytes(), MATOMO.name)
    text = info.value.render()
    assert MATOMO.name in text and "pass --from and --to" in text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_the_same_export_in_another_encoding_reads_the_same_and_has_the_same_fingerprint(encoding: str) -> None:
    text = GA4.read_text(encoding="utf-8")
    if encoding.startswith("utf-16"):
        text = text.replace("\n", "\r\n")  # Excel's "Unicode text" also writes CRLF
    original = read_export(GA4.read_bytes(), GA4.name)
    again = read_export(text.encode(encoding), GA4.name)
    assert again.daily_rows() == original.daily_rows()
    assert again.fingerprint == original.fingerprint


def test_latin1_semicolon_export_keeps_accents() -> None:
    text = ("utm_source;utm_medium;utm_campaign;utm_content;visitors;visits\n"
            "x;social;souveraineté-numérique;3f9a1c2b7d;12;14\n"
            "linkedin;social;souveraineté-numérique;3f9a1c2b7d;30;\u00a0\n")
    export = read_export(text.encode("latin-1"), "export.csv", period=NOVEMBER)
    assert export.encoding == "cp1252"
    assert export.source_rows[0].utm.campaign == "souveraineté-numérique"
    assert export.source_rows[0].visits == 14
    assert export.source_rows[1].visits == 0  # an empty cell is no visit, not an error


def test_tab_separated_export_is_read() -> None:
    text = "Date\tutm_source\tutm_medium\tutm_campaign\tutm_content\tvisits\n2026-11-02\tx\tsocial\tc\t3f9a1c2b7d\t7\n"
    export = read_export(text.encode("utf-16"), "export.tsv")
    assert [(r.day, r.visits) for r in export.daily_rows()] == [(dt.date(2026, 11, 2), 7)]


def test_bad_rows_are_counted_and_located_never_fatal() -> None:
    text = ("date,utm_source,utm_medium,utm_campaign,utm_content,visits,mystery\n"
            "2026-11-02,x,social,c,3f9a1c2b7d,7,1\n"
            "31/11/2026,x,social,c,3f9a1c2b7d,7,1\n"
            "2026-11-03,x,social,c,3f9a1c2b7d,lots,1\n"
            "2026-11-04,x,social\n"
            ",,,,,,\n")
    export = read_export(text.encode(), "export.csv")
    assert len(export.source_rows) == 1
    assert export.rows_read == 4  # the blank row is not a row
    problems = [str(p) for p in export.bad_rows]
    assert problems == [
        "export.csv:3: 'date': expected a date like 2026-10-01 or 20261001, got '31/11/2026'",
        "export.csv:4: 'visits': expected a whole number of visits, got 'lots'",
        "export.csv:5: 'visits': expected a whole number of visits, got 'nothing (the row is too short)'",
    ]
    assert export.ignored_columns == ["mystery"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "found no data"),
        (b"page,visitors,bounce_rate\n/,10,0.5\n", "expected UTM and visit columns"),
        (b"utm_source,utm_medium,utm_campaign\nx,social,c\n", "found: 'utm_source', 'utm_medium', 'utm_campaign'"),
        (b"\x00\x01\x02garbage\xff\xfe\xfd", "expected UTM and visit columns"),
    ],
)
def test_unusable_files_are_refused_with_what_was_expected_and_found(data: bytes, expected: str) -> None:
    with pytest.raises(ImportProblems) as info:
        read_export(data, "mystery.csv")
    assert "mystery.csv" in info.value.render()
    assert expected in info.value.render()


@pytest.mark.parametrize(
    ("text", "count"),
    [("1234", 1234), ("1,234", 1234), ("1 234", 1234), ("1\u202f234", 1234), ("12.0", 12), ("", 0),
     ("-3", None), ("abc", None), ("nan", None)],
)
def test_counts_as_spreadsheets_write_them(text: str, count: int | None) -> None:
    assert parse_count(text) == count


def test_dates_as_the_tools_write_them() -> None:
    assert parse_date("20261103") == (dt.date(2026, 11, 3), 1)
    assert parse_date("2026-11-03") == (dt.date(2026, 11, 3), 1)
    assert parse_date("2026-11-01,2026-11-30") == (dt.date(2026, 11, 1), 30)
    assert parse_date("Nov 3") is None


def test_ga4_source_medium_in_one_column() -> None:
    text = ("# Start date: 20261101\n# End date: 20261107\n"
            "Session source / medium,Sessions,Engaged sessions\n"
            "x / social,41,30\nlinkedin.com / referral,12,9\n(direct) / (none),96,40\n")
    export = read_export(text.encode(), "ga4.csv")
    assert [r.utm for r in export.source_rows] == [Utm("x", "social")]
    assert export.skipped_no_utm == 2  # a referral and direct traffic carry no UTM tags
    assert export.source_rows[0].days == 7  # no date column: the header's period


def test_matomo_visits_log_columns() -> None:
    text = ("serverDate,campaignSource,campaignMedium,campaignName,campaignContent,nb_visits\n"
            "2026-11-03,linkedin,advocacy,sovereign-cloud-guide,jdupont,1\n"
            "2026-11-03,,,,,1\n")
    export = read_export(text.encode(), "matomo-log.csv")
    assert export.tool == "matomo"
    assert export.source_rows[0].utm == Utm("linkedin", "advocacy", "sovereign-cloud-guide", "jdupont")
    assert export.skipped_no_utm == 1
