"""Aggregation: totals, engagement rate, breakdowns, trend, series, heatmap and advocacy from rows."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from publisher.reports.aggregate import AmbassadorInfo, Context, ExcerptRef, PieceInfo, build_report
from publisher.reports.model import PostNumbers, Report, VisitTotal
from publisher.reports.period import period_from

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
PERIOD = period_from(NOW, PARIS, since="30d")


def post(i: int, network: str, piece: str, excerpt: str, kind: str, at: dt.datetime, likes: int = 0,
         reposts: int = 0, impressions: int | None = None, campaign: str | None = None,
         measured: bool = True) -> PostNumbers:
    return PostNumbers(post_id=i, piece=piece, channel=network, network=network, excerpt_id=excerpt,
                       excerpt_kind=kind, campaign=campaign, text=f"text of {excerpt}", at=at, likes=likes,
                       reposts=reposts, impressions=impressions, measured=measured)


# 9:10 in Paris on Tuesday 17 November 2026 (UTC+1) is 08:10 UTC.
TUESDAY_0910 = dt.datetime(2026, 11, 17, 8, 10, tzinfo=dt.UTC)
POSTS = [
    post(1, "x", "articles/a", "e1", "quote", TUESDAY_0910, likes=30, reposts=10, impressions=2000,
         campaign="launch"),
    post(2, "linkedin", "articles/a", "e1", "quote", TUESDAY_0910 + dt.timedelta(hours=1), likes=50,
         impressions=3000, campaign="launch"),
    post(3, "mastodon", "articles/b", "e2", "title", TUESDAY_0910 + dt.timedelta(days=1), likes=6, reposts=2),
    post(4, "mastodon", "articles/b", "e3", "sentence", TUESDAY_0910 + dt.timedelta(days=2), measured=False),
]
BEFORE = [post(9, "x", "articles/a", "e0", "summary", PERIOD.start - dt.timedelta(days=3), likes=20,
               impressions=1000)]
VISITS = [
    VisitTotal("x", "social", "launch", "e1", 12),
    VisitTotal("mastodon", "social", "b", "e2", 5),
    VisitTotal("x", "social", "launch", "unknown-id", 4),
    VisitTotal("newsletter", "email", "digest", "", 7),
    VisitTotal("linkedin", "advocacy", "a", "jdupont", 9),
    VisitTotal("x", "advocacy", "a", "jdupont", 1),
    VisitTotal("linkedin", "advocacy", "a", "akone", 6),
    VisitTotal("linkedin", "advocacy", "a", "ghost", 2),
    VisitTotal("bluesky", "share-button", "a", "", 3),
]
CTX = Context(
    pieces={"articles/a": PieceInfo("Piece A", ("camille", "sam")), "articles/b": PieceInfo("Piece B", ())},
    authors={"camille": "Camille Martin", "sam": "Sam Lee"},
    ambassadors={"jdupont": AmbassadorInfo("Julie Dupont", "Sales West"),
                 "akone": AmbassadorInfo("Awa Koné", "Sales West")},
    excerpts={("x", "e1"): ExcerptRef("articles/a", "quote", "launch", "text of e1"),
              ("mastodon", "e2"): ExcerptRef("articles/b", "title", None, "text of e2")},
    site_name="Clairval Newsroom",
)


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(PERIOD, POSTS, VISITS, BEFORE, [], CTX, NOW)


def test_totals_and_engagement_rate(report: Report) -> None:
    t = report.totals
    assert (t.posts, t.measured, t.interactions) == (4, 3, 30 + 10 + 50 + 6 + 2)
    assert t.impressions == 5000
    # The rate only divides interactions of the posts that have impressions (X, LinkedIn here).
    assert t.rate == pytest.approx((40 + 50) / 5000)
    assert t.per_post == pytest.approx(98 / 4)
    assert t.visits == 12 + 5  # only visits that matched one of our excerpts on its network
    assert report.unmatched_visits == 4 + 7
    assert "1 of 4 posts have no engagement snapshot" in report.notes[0]


def test_breakdowns(report: Report) -> None:
    by = {name: {ln.key: ln for ln in lines} for name, lines in report.breakdowns.items()}
    assert [ln.key for ln in report.breakdowns["network"]] == ["linkedin", "x", "mastodon"]
    assert by["network"]["mastodon"].now.rate is None and by["network"]["mastodon"].now.per_post == 4.0
    assert by["network"]["x"].now.visits == 12
    assert [ln.key for ln in report.breakdowns["excerpt_kind"]] == ["quote", "automatic"]
    assert by["excerpt_kind"]["automatic"].now.posts == 2  # title and sentence are both automatic
    assert by["campaign"]["launch"].now.interactions == 90
    assert by["campaign"]["(no campaign)"].now.posts == 2
    # A piece with two authors counts for each; a piece without authors goes to "(no author)".
    assert by["author"]["camille"].now.interactions == by["author"]["sam"].now.interactions == 90
    assert by["author"]["camille"].label == "Camille Martin"
    assert by["author"]["(no author)"].now.posts == 2
    assert by["piece"]["articles/a"].label == "Piece A"


def test_trend_against_the_previous_period(report: Report) -> None:
    assert report.before.interactions == 20 and report.before.posts == 1
    x = next(ln for ln in report.breakdowns["network"] if ln.key == "x")
    assert (x.now.interactions, x.before.interactions) == (40, 20)
    assert "summary" not in {ln.key for ln in report.breakdowns["excerpt_kind"]}  # only seen before


def test_top_excerpts_rank_interactions_plus_visits(report: Report) -> None:
    top = report.top_excerpts
    assert [e.excerpt_id for e in top] == ["e1", "e2"]  # e3 has nothing yet: not a "top" excerpt
    assert top[0].networks == ["x", "linkedin"] and top[0].numbers.interactions == 90
    assert top[0].numbers.visits == 12


def test_timeline_and_heatmap_are_in_the_team_zone(report: Report) -> None:
    assert report.timeline_unit == "day"
    x_series = dict((day, (posts, n)) for day, posts, n in report.timeline["x"])
    assert x_series[dt.date(2026, 11, 17)] == (1, 40)
    assert len(report.timeline["x"]) == len(PERIOD.days())
    assert report.heatmap[1][9] == (1, 40)   # Tuesday 09:xx Paris, not 08:xx UTC
    assert report.heatmap[1][10] == (1, 50)


def test_advocacy_leaderboard_per_person_and_team(report: Report) -> None:
    people = [(a.key, a.visits, a.team, a.known) for a in report.ambassadors]
    assert people == [("jdupont", 10, "Sales West", True), ("akone", 6, "Sales West", True),
                      ("ghost", 2, "(no team)", False)]
    assert report.ambassadors[0].networks == {"linkedin": 9, "x": 1}
    assert [(t.name, t.visits) for t in report.teams] == [("Sales West", 16), ("(no team)", 2)]
    assert report.share_buttons == {"bluesky": 3}


def test_an_empty_period_is_a_report_not_an_error() -> None:
    empty = build_report(PERIOD, [], [], [], [], CTX, NOW)
    assert empty.totals.posts == 0 and empty.totals.rate is None and empty.top_excerpts == []
    assert all(not lines for lines in empty.breakdowns.values())


def test_top_excerpts_show_words_not_links() -> None:
    linked = post(1, "x", "articles/a", "e1", "quote", TUESDAY_0910, likes=3)._replace(
        text="Where does your data live?\nhttps://news.example.org/articles/a/?utm_source=x&utm_content=e1 #cloud")
    report = build_report(PERIOD, [linked], [], [], [], CTX, NOW)
    assert report.top_excerpts[0].text == "Where does your data live? #cloud"
