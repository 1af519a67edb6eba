"""`Placer.recycle` is `Placer.place` written out for speed (most of a plan's posts are recycles): pinned
to it here. On several dates (daylight-saving changes among them) and configurations (cap, cooldown,
campaigns ending, history, channels with their own hours, zones and languages, translations kept
apart), the plan made with the fast path is the plan the general path makes, post for post, drop for
drop."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.posts.model import SentPost
from publisher.social.planner import make_plan, rules_from
from publisher.social.planner.placement import Lane, Placer

PIECE = """
title: Piece {n}
date: {date}
lang: {lang}
summary: Piece {n}, in one sentence about sovereignty and costs.
tags: [cloud, sovereignty]
{campaign}
{translation}
takeaways:
{takeaways}
quotes:
  - text: Sovereignty is a design choice, piece {n}.
    by: Camille Martin
"""

CONFIGURATIONS = {
    "defaults": "",
    "tight": """
        calendar: {cap_per_day: 1}
        rules: {follow_ups: [2], cooldown_days: 0, evergreen: {after_days: 7, every_days: 7, max_times: 9}}
    """,
    "long cooldown": """
        calendar: {cap_per_day: 6, horizon_days: 150}
        rules: {cooldown_days: 60, evergreen: {after_days: 10, every_days: 12, end_after_days: 200, max_times: 8}}
    """,
    "campaign ends": """
        calendar:
          slots: {sat: ['10:00'], sun: ['02:30', '11:00']}
          blackout: [{from: 2026-04-06, to: 2026-04-12}]
        rules: {evergreen: {after_days: 5, every_days: 9, max_times: 6}}
        campaigns: {spring: {hashtag: "#Spring", end: 2026-05-15, rules: {cooldown_days: 5}}}
    """,
    "own hours, languages, translations": """
        languages: [en, fr]
        channels:
          x: {languages: [en]}
          x-fr: {network: x, env_prefix: FR_, languages: [fr], shift_minutes: 25}
          mastodon: {shift_minutes: 20}
          bluesky: {timezone: America/Toronto}
          linkedin: {slots: {mon: ['08:30'], wed: ['08:30', '11:50'], fri: ['16:35']}}
        calendar: {spread_days: 4}
        rules: {translation_gap_days: 3, evergreen: {after_days: 6, every_days: 8, max_times: 7}}
    """,
}
NOWS = ["2026-03-27T06:00", "2026-04-20T13:05", "2026-10-23T19:00"]


@pytest.fixture(params=sorted(CONFIGURATIONS))
def library_and_rules(request: pytest.FixtureRequest, project: ProjectDir) -> tuple[object, object]:
    project.config("timezone: Europe/Paris\n" + textwrap.dedent(CONFIGURATIONS[request.param]).strip())
    start = dt.date(2025, 12, 1)
    for n in range(30):
        takeaways = "\n".join(f"  - Takeaway {k} of piece {n}, know where your data lives." for k in range(n % 5))
        project.piece(f"articles/piece-{n}.md", PIECE.format(
            n=n, date=start + dt.timedelta(days=11 * (n - n % 3 % 2)), lang="fr" if n % 3 == 0 else "en",
            campaign="campaign: spring" if n % 4 == 0 else "", takeaways=takeaways or "  []",
            translation=f"translation: articles/piece-{n + 1 if n % 3 == 0 else n - 1}.md" if n % 3 < 2 else ""))
    settings = load_settings(project.config_file)
    library = load_library(settings)
    return library, rules_from(settings, library)


def general_path(self: Placer, lane: Lane, role: str, earliest: int, end: int, spread: int = 1) -> int | None:
    if spread > 1:  # the quietest day, as ChannelBook.quietest gives it (recycle finds it from its slot)
        earliest = lane.book.quietest(earliest, spread, end)
    return self.place(lane, role, earliest, 0, end)


@pytest.mark.parametrize("now", NOWS)
def test_recycle_plans_what_place_plans(library_and_rules: tuple, now: str, monkeypatch: pytest.MonkeyPatch) -> None:
    library, rules = library_and_rules
    moment = dt.datetime.fromisoformat(now).replace(tzinfo=dt.UTC)
    fast = make_plan(library.pieces, rules, moment, parallel=False)
    with monkeypatch.context() as patch:
        patch.setattr(Placer, "recycle", general_path)
        general = make_plan(library.pieces, rules, moment, parallel=False)
    recycled = [p for p in fast.posts if p.role.startswith("evergreen")]
    assert len(recycled) >= 40  # the fast path did most of the work
    assert fast.posts == general.posts
    assert fast.dropped == general.dropped and fast.notes == general.notes


def test_recycle_plans_what_place_plans_after_a_history(library_and_rules: tuple,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    library, rules = library_and_rules
    first = make_plan(library.pieces, rules, dt.datetime(2026, 2, 2, 7, tzinfo=dt.UTC), parallel=False)
    history = tuple(SentPost(p.key, p.piece, p.channel, p.network, p.excerpt_id, p.text, p.scheduled_at, "published")
                    for p in first.posts[::2] if p.scheduled_at < dt.datetime(2026, 3, 20, tzinfo=dt.UTC))
    assert len(history) > 10
    later = dt.datetime(2026, 3, 20, 7, tzinfo=dt.UTC)
    fast = make_plan(library.pieces, rules, later, history, parallel=False)
    with monkeypatch.context() as patch:
        patch.setattr(Placer, "recycle", general_path)
        general = make_plan(library.pieces, rules, later, history, parallel=False)
    assert sum(p.role.startswith("evergreen") for p in fast.posts) >= 40
    assert fast == general
