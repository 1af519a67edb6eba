"""A big plan fits its pieces in two processes (planner/fitting.py): the plan must be exactly the one
fitted in one process, whether the helper process finishes or fails."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.social.planner import fitting, make_plan, rules_from

PIECE = """
title: {title}
date: {date}
lang: {lang}
summary: {title}, in one sentence about sovereignty and costs ({n} %).
tags: [cloud, sovereignty, green it]
{campaign}
takeaways:
  - Know where your data lives, {title}, and write it down where the whole team can read it.
  - Contracts matter as much as code (clause {n}), {title}.
quotes:
  - text: {quote}
    by: Camille Martin
social:
  x: ["Hand-written for X about {title} #Cloud"]
"""


@pytest.fixture
def library_and_rules(project: ProjectDir) -> tuple[object, object]:
    project.config(textwrap.dedent("""
        timezone: Europe/Paris
        calendar: {cap_per_day: 12, horizon_days: 200}
        rules: {follow_ups: [3, 10], evergreen: {after_days: 20, every_days: 20, end_after_days: 400, max_times: 5}}
        campaigns: {spring: {hashtag: "#Spring2026"}}
    """).strip())
    start = dt.date(2026, 1, 5)
    for n in range(24):
        long_quote = " ".join(["A quote long enough to be too long for X but fine on Mastodon,"] * (1 + n % 4))
        project.piece(f"articles/piece-{n}.md", PIECE.format(
            title=f"Piece {n}", date=start + dt.timedelta(days=3 * n), lang="fr" if n % 3 == 0 else "en", n=n,
            campaign="campaign: spring" if n % 5 == 0 else "", quote=long_quote))
    settings = load_settings(project.config_file)
    library = load_library(settings)
    return library, rules_from(settings, library)


def test_two_processes_give_the_plan_of_one(library_and_rules: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    library, rules = library_and_rules
    now = dt.datetime(2026, 3, 20, 7, 0, tzinfo=dt.UTC)
    alone = make_plan(library.pieces, rules, now, parallel=False)
    assert len(alone.posts) > 200 and alone.dropped  # candidates too long for X are dropped there
    forks: list[int] = []
    real_helper = fitting._Helper

    def counted(*args: object) -> object:
        forks.append(1)
        return real_helper(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(fitting, "PARALLEL_FROM", 2)
    monkeypatch.setattr(fitting, "_Helper", counted)
    assert make_plan(library.pieces, rules, now) == alone
    assert forks == ([1] if fitting._can_fork() else [])


def test_a_failing_helper_changes_nothing(library_and_rules: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    library, rules = library_and_rules
    now = dt.datetime(2026, 3, 20, 7, 0, tzinfo=dt.UTC)
    alone = make_plan(library.pieces, rules, now, parallel=False)

    def broken(fits: object) -> object:  # runs in the helper only: it exits with status 1, nothing sent
        raise RuntimeError("helper failed")

    monkeypatch.setattr(fitting, "PARALLEL_FROM", 2)
    monkeypatch.setattr(fitting, "_flat", broken)
    assert make_plan(library.pieces, rules, now) == alone
