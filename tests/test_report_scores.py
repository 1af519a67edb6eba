"""The feedback loop: excerpt scores (an upper confidence bound) and the planner's evergreen choice."""

from __future__ import annotations

import datetime as dt

from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.reports.model import PostNumbers
from publisher.reports.scores import score_excerpts
from publisher.social.excerpts import excerpts_for
from publisher.social.planner import make_plan, rules_from

T0 = dt.datetime(2026, 6, 1, 9, tzinfo=dt.UTC)


def _post(i: int, network: str, excerpt: str, likes: int, measured: bool = True) -> PostNumbers:
    return PostNumbers(post_id=i, piece="articles/a", channel=network, network=network, excerpt_id=excerpt,
                       excerpt_kind="quote", campaign=None, text=excerpt, at=T0 + dt.timedelta(days=i),
                       likes=likes, measured=measured)


def test_proven_excerpts_score_above_untried_and_tired_ones_below() -> None:
    posts = [_post(1, "x", "star", 40), _post(2, "x", "star", 36), _post(3, "x", "star", 44)]
    posts += [_post(10 + i, "x", "plain", 10) for i in range(8)]
    scores = score_excerpts(posts, {})
    assert scores[("x", "star")] > 0.0  # an untried excerpt is 0.0: the planner's default
    assert scores[("x", "plain")] < 0.0  # average, tried 8 times: let new ones have a go first


def test_one_lucky_post_is_not_a_proof() -> None:
    posts = [_post(1, "x", "lucky", 60)] + [_post(10 + i, "x", "steady", 30) for i in range(6)]
    scores = score_excerpts(posts, {})
    steady_many = scores[("x", "steady")]
    lucky_once = scores[("x", "lucky")]
    # Twice the average once is good, but the prior of one average post tempers it.
    assert lucky_once < 2.0 and steady_many < lucky_once


def test_networks_are_judged_against_their_own_average_and_visits_count() -> None:
    posts = [_post(1, "linkedin", "a", 100), _post(2, "linkedin", "b", 100), _post(3, "mastodon", "a", 2),
             _post(4, "mastodon", "b", 2)]
    plain = score_excerpts(posts, {})
    assert plain[("linkedin", "a")] == plain[("mastodon", "a")]  # same standing on each network
    boosted = score_excerpts(posts, {("mastodon", "b"): 20})
    assert boosted[("mastodon", "b")] > boosted[("mastodon", "a")]


def test_unmeasured_posts_do_not_count_and_scores_are_deterministic() -> None:
    posts = [_post(1, "x", "a", 10), _post(2, "x", "b", 0, measured=False), _post(3, "x", "c", 5)]
    assert ("x", "b") not in score_excerpts(posts, {})
    assert score_excerpts(posts, {}) == score_excerpts(list(reversed(posts)), {})


EVERGREEN = """
title: Old but gold
date: 2026-03-02
summary: Why the oldest servers are often the greenest ones you own.
takeaways:
  - Extending server life by two years cuts the footprint by a third.
  - Most emissions come from manufacturing, not from running.
  - Refurbished parts are tested like new ones.
quotes:
  - text: The greenest server is the one you already own.
    by: Camille Martin
"""


def test_the_planner_recycles_the_best_scored_excerpt_first(project: ProjectDir) -> None:
    project.config("""
        timezone: Europe/Paris
        channels: {mastodon: {}}
        rules: {launch: false, follow_ups: [], evergreen: {after_days: 30, every_days: 30, max_times: 2}}
    """)
    project.piece("articles/old.md", EVERGREEN, "Body of the piece with enough words to read. " * 30)
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules = rules_from(settings, library)
    now = dt.datetime(2026, 11, 2, 8, tzinfo=dt.UTC)

    def first_evergreen(scores: dict[tuple[str, str], float] | None) -> str:
        plan = make_plan(library.pieces, rules, now, scores=scores)
        recycled = sorted((p for p in plan.posts if p.role.startswith("evergreen")), key=lambda p: p.scheduled_at)
        assert recycled, plan.dropped
        return recycled[0].excerpt_id

    default = first_evergreen(None)
    ids = [e.id for e in excerpts_for(library.pieces[0])]
    favourite = next(i for i in reversed(ids) if i != default)
    scores = score_excerpts([_post(1, "mastodon", favourite, 50), _post(2, "mastodon", favourite, 45),
                             _post(3, "mastodon", default, 5), _post(4, "mastodon", default, 4)], {})
    assert scores[("mastodon", favourite)] > 0 > scores[("mastodon", default)]
    assert first_evergreen(scores) == favourite


def test_publisher_plan_passes_the_scores_to_the_planner(project: ProjectDir) -> None:
    from click.testing import CliRunner
    from report_data import planned, publish, snap

    import publisher.cli.commands  # noqa: F401  (registers every command)
    from publisher.cli import cli
    from publisher.store import open_store

    project.config("""
        timezone: Europe/Paris
        channels: {mastodon: {}}
        rules: {launch: false, follow_ups: [], evergreen: {after_days: 30, every_days: 30, max_times: 1}}
    """)
    project.piece("articles/old.md", EVERGREEN, "Body of the piece with enough words to read. " * 30)
    settings = load_settings(project.config_file)
    piece = load_library(settings).pieces[0]
    ids = [e.id for e in excerpts_for(piece)]
    store = open_store(settings.store_url)
    favourite, plain = ids[-1], ids[0]
    posts = [planned(i, piece.key, "mastodon", excerpt, "takeaway", dt.datetime(2026, 4, 1 + i, 9, tzinfo=dt.UTC))
             for i, excerpt in enumerate([favourite, favourite, plain, plain])]
    sent = publish(store, posts, project.root / ".publisher" / "outbox", dt.datetime(2026, 4, 10, tzinfo=dt.UTC))
    for post, likes in zip(posts, (50, 45, 5, 4), strict=True):
        snap(store, sent[post.key], "mastodon", post.scheduled_at + dt.timedelta(days=2), likes=likes)
    store.close()
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "plan", "--now", "2026-11-02T09:00"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    store = open_store(settings.store_url)
    recycled = [r.post for r in store.records() if r.post.role.startswith("evergreen")]
    store.close()
    assert [p.excerpt_id for p in recycled] == [favourite]
