"""Reports against real stores (SQLite file and PostgreSQL): latest snapshot per post, analytics
imports that never count twice, and the whole report, from posts sent through the real dispatcher."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from report_data import planned, publish, snap

from publisher.reports.aggregate import AmbassadorInfo, PieceInfo
from publisher.reports.analytics.importer import import_file, known_keys
from publisher.reports.collect import make_report
from publisher.reports.export import as_dict
from publisher.reports.period import period_from
from publisher.reports.scores import excerpt_scores
from publisher.store import Store
from publisher.store import analytics as analytics_store
from publisher.store.reports import post_numbers

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
DATA = Path(__file__).parent / "data" / "analytics"
PLAUSIBLE = DATA / "imported_sources_20261101_20261121.csv"
E1, E2 = "3f9a1c2b7d", "a81c44e0b2"  # excerpt ids the sample exports carry


def utc(month: int, day: int, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, minute, tzinfo=dt.UTC)


@pytest.fixture
def store(any_store: Store) -> Store:
    """The shared fixture: each test runs on a SQLite file and on a PostgreSQL schema."""
    return any_store


@pytest.fixture
def ids(store: Store, tmp_path: Path) -> dict[str, int]:
    """Five published posts and one proposed, with snapshots before, inside and after the period."""
    posts = [
        planned(1, "white-papers/sovereign-cloud-guide", "x", E1, "quote", utc(11, 10, 8, 10), "sovereign-cloud-2026"),
        planned(2, "white-papers/sovereign-cloud-guide", "linkedin", E1, "quote", utc(11, 11), "sovereign-cloud-2026"),
        planned(3, "articles/server-carbon-footprint", "mastodon", E2, "title", utc(11, 12)),
        planned(4, "articles/server-carbon-footprint", "x", "e3e3e3e3e3", "summary", utc(10, 10)),
        planned(5, "articles/server-carbon-footprint", "x", "e5e5e5e5e5", "summary", utc(9, 1)),
    ]
    found = publish(store, posts, tmp_path / "outbox", sent_at=utc(11, 12, 10))
    store.apply_plan([planned(6, "articles/later", "x", "e6e6e6e6e6", "quote", utc(11, 13))], utc(11, 1))
    a, b, c, d, e = (found[p.key] for p in posts)
    snap(store, a, "x", utc(11, 10, 9), likes=5)
    snap(store, a, "x", utc(11, 12), likes=20, reposts=4, replies=1, impressions=1000, clicks=7)
    snap(store, a, "x", utc(11, 25), likes=99)  # after the period: not in this report
    snap(store, b, "linkedin", utc(11, 11, 10), likes=10)
    snap(store, b, "linkedin", utc(11, 15), likes=30, quotes=2, impressions=2000, clicks=12)
    snap(store, d, "x", utc(10, 12), likes=8, replies=1)
    snap(store, e, "x", utc(11, 15), likes=1000)  # published before both periods
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


def test_each_post_counts_its_latest_snapshot_in_the_period(store: Store, ids: dict[str, int]) -> None:
    period = period_from(NOW, PARIS, since="30d")
    rows = {r.post_id: r for r in post_numbers(store, period.start, period.end)}
    assert set(rows) == {ids["a"], ids["b"], ids["c"]}  # published and scheduled in the period only
    a, b, c = rows[ids["a"]], rows[ids["b"]], rows[ids["c"]]
    assert (a.likes, a.reposts, a.replies, a.impressions, a.clicks) == (20, 4, 1, 1000, 7)
    assert (b.likes, b.quotes, b.impressions, b.clicks) == (30, 2, 2000, 12)
    assert (c.measured, c.interactions, c.impressions) == (False, 0, None)
    assert a.at == utc(11, 10, 8, 10) and a.at.tzinfo is not None
    # Later in time, the same post shows its newer numbers.
    later = {r.post_id: r for r in post_numbers(store, period.start, utc(11, 26))}
    assert later[ids["a"]].likes == 99


def test_of_two_snapshots_at_one_instant_the_last_written_counts(store: Store, ids: dict[str, int]) -> None:
    period = period_from(NOW, PARIS, since="30d")
    snap(store, ids["c"], "mastodon", utc(11, 13), likes=3)
    snap(store, ids["c"], "mastodon", utc(11, 13), likes=4)
    snap(store, ids["c"], "mastodon", period.end, likes=50)  # taken as the period ends: not in it
    rows = {r.post_id: r for r in post_numbers(store, period.start, period.end)}
    assert (rows[ids["c"]].measured, rows[ids["c"]].likes) == (True, 4)
    assert ids["e"] not in rows and rows[ids["a"]].likes == 20


def test_report_totals_trend_and_authors(store: Store, ids: dict[str, int]) -> None:
    period = period_from(NOW, PARIS, since="30d")
    report = make_report(
        store, period, now=NOW, site_name="Clairval Newsroom",
        pieces={"white-papers/sovereign-cloud-guide": PieceInfo("Sovereign cloud guide", ("camille",))},
        authors={"camille": "Camille Martin"}, ambassadors={})
    data = as_dict(report)
    assert data["totals"]["posts"] == 3 and data["totals"]["measured_posts"] == 2
    assert data["totals"]["interactions"] == (20 + 4 + 1) + (30 + 2)
    assert data["totals"]["engagement_rate"] == pytest.approx(57 / 3000)
    assert data["previous_totals"]["interactions"] == 9  # post d: Oct 10, in the previous 30 days
    authors = {row["key"]: row for row in data["breakdowns"]["author"]}
    assert authors["camille"]["interactions"] == 57 and authors["(no author)"]["posts"] == 1
    networks = [row["key"] for row in data["breakdowns"]["network"]]
    assert networks == ["linkedin", "x", "mastodon"]
    assert report.heatmap[1][9] == (1, 25)  # Tuesday 10 Nov, 09:10 in Paris


def test_analytics_import_matches_utm_and_never_counts_twice(store: Store, ids: dict[str, int]) -> None:
    known = known_keys(["white-papers/sovereign-cloud-guide"], ["sovereign-cloud-2026"], ["jdupont", "mlefevre"])
    first = import_file(store, PLAUSIBLE.read_bytes(), PLAUSIBLE.name, known=known, now=NOW)
    assert first.line() == "12 rows read, 7 matched, 3 matched no post, 2 skipped: no UTM"
    assert (first.added, first.replaced, first.already_imported) == (9, 0, None)
    stored = analytics_store.stored_visits(store)

    # The same file again, and the same export re-saved by Excel in UTF-16: recognised, nothing stored.
    again = import_file(store, PLAUSIBLE.read_bytes(), PLAUSIBLE.name, known=known, now=NOW)
    assert again.already_imported is not None
    utf16 = PLAUSIBLE.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-16")
    assert import_file(store, utf16, "copy.csv", known=known, now=NOW).already_imported is not None
    assert analytics_store.stored_visits(store) == stored

    # A newer export of the same days replaces the numbers it carries instead of adding to them.
    newer = PLAUSIBLE.read_text(encoding="utf-8").replace(",61,44,47,", ",70,50,60,") + (
        "2026-11-08,Twitter,t.co,x,social,sovereign-cloud-2026,3f9a1c2b7d,,3,3,3,60,1\n")
    result = import_file(store, newer.encode(), "imported_sources_20261101_20261122.csv", known=known, now=NOW)
    assert (result.added, result.replaced) == (1, 9)
    x_e1 = {v.day: v.visits for v in analytics_store.stored_visits(store) if (v.source, v.content) == ("x", E1)}
    assert x_e1 == {dt.date(2026, 11, 3): 60 + 6, dt.date(2026, 11, 8): 3}

    report = make_report(store, period_from(NOW, PARIS, since="30d"), now=NOW, site_name="",
                         pieces={}, authors={}, ambassadors={"jdupont": AmbassadorInfo("Julie Dupont", "Sales West")})
    assert report.totals.visits == (66 + 3) + 74 + 31  # x and LinkedIn for E1, Mastodon for E2
    assert [(a.key, a.visits, a.known) for a in report.ambassadors] == [("jdupont", 35, True), ("mlefevre", 15, False)]
    assert report.share_buttons == {"x": 10}
    assert report.unmatched_visits == 22 + 124 + 4


def test_dry_run_stores_nothing(store: Store, ids: dict[str, int]) -> None:
    summary = import_file(store, PLAUSIBLE.read_bytes(), PLAUSIBLE.name, known=known_keys([], [], []), now=NOW,
                          dry_run=True)
    assert summary.rows_read == 12 and analytics_store.stored_visits(store) == []


def test_excerpt_scores_from_the_store(store: Store, ids: dict[str, int]) -> None:
    scores = excerpt_scores(store, NOW)
    # Settled (older than 3 days), measured posts of the last year: a, b, d and e; c has no snapshot.
    assert set(scores) == {("x", E1), ("linkedin", E1), ("x", "e3e3e3e3e3"), ("x", "e5e5e5e5e5")}
    assert scores[("x", "e5e5e5e5e5")] > scores[("x", E1)] > scores[("x", "e3e3e3e3e3")]
