"""A big plan fits its pieces in two processes (planner/fitting.py): the plan must be exactly the one
fitted in one process, whether the helper process finishes or fails."""

from __future__ import annotations

import datetime as dt
import io
import textwrap
import threading

import pytest
from conftest import ProjectDir
from rich.console import Console

from publisher.cli.progress import plan_progress
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
    real_helper = fitting.Forked

    def counted(*args: object) -> object:
        forks.append(1)
        return real_helper(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(fitting, "PARALLEL_FROM", 2)
    monkeypatch.setattr(fitting, "Forked", counted)
    assert make_plan(library.pieces, rules, now) == alone
    assert forks == ([1] if fitting.can_fork() else [])


def test_a_failing_helper_changes_nothing(library_and_rules: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    library, rules = library_and_rules
    now = dt.datetime(2026, 3, 20, 7, 0, tzinfo=dt.UTC)
    alone = make_plan(library.pieces, rules, now, parallel=False)

    def broken(fits: object) -> object:  # runs in the helper only: it exits with status 1, nothing sent
        raise RuntimeError("helper failed")

    monkeypatch.setattr(fitting, "PARALLEL_FROM", 2)
    monkeypatch.setattr(fitting, "_flat", broken)
    assert make_plan(library.pieces, rules, now) == alone


def test_the_progress_bar_is_drawn_without_a_thread_and_changes_nothing(
        library_and_rules: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    library, rules = library_and_rules
    now = dt.datetime(2026, 3, 20, 7, 0, tzinfo=dt.UTC)
    alone = make_plan(library.pieces, rules, now, parallel=False)
    monkeypatch.setattr(fitting, "PARALLEL_FROM", 2)  # the helper process runs, as for a big plan
    monkeypatch.setattr(fitting, "REPORT_EVERY", 5)
    screen = io.StringIO()
    heard: list[tuple[str, int, int, int]] = []
    with plan_progress(Console(file=screen, force_terminal=True, width=100)) as told:
        def spy(step: str, done: int, total: int) -> None:
            heard.append((step, done, total, threading.active_count()))
            told(step, done, total)

        assert make_plan(library.pieces, rules, now, progress=spy) == alone
    assert {threads for *_, threads in heard} == {1}  # else fitting.py would not fork its helper
    fitted = [(done, total) for step, done, total, _ in heard if step == "fitting"]
    placed = [(done, total) for step, done, total, _ in heard if step == "placing"]
    assert [step for step, *_ in heard] == ["fitting"] * len(fitted) + ["placing"] * len(placed)
    assert fitted[-1] == (24, 24) and fitted == sorted(fitted) and len(fitted) >= 3
    assert placed[0][0] == 0 and placed[-1][0] == placed[-1][1] == 5 and placed == sorted(placed)
    drawn = screen.getvalue()
    assert "fitting candidates (pieces)" in drawn and "24/24" in drawn and "placing recycles (rounds)" in drawn


def test_fits_stream_out_before_the_helper_is_done(library_and_rules: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    """iter_fits gives this process's fits while the helper still works (the planner builds lanes
    meanwhile), then the helper's: the same list, in the same order, as fitting in one process."""
    library, rules = library_and_rules
    pieces = sorted(library.pieces, key=lambda p: p.key)
    alone = fitting.fit_pieces(pieces, rules, parallel=False)
    monkeypatch.setattr(fitting, "PARALLEL_FROM", 2)
    read: list[int] = []
    real_result = fitting.Forked.result

    def result(self: object) -> object:
        read.append(len(given))
        return real_result(self)  # type: ignore[arg-type]

    monkeypatch.setattr(fitting.Forked, "result", result)
    given: list[object] = []
    for fits in fitting.iter_fits(pieces, rules):
        given.append(fits)
    assert given == alone
    if fitting.can_fork():
        assert read == [len(pieces) - len(pieces) * fitting.HELPER_SHARE // 100] and 0 < read[0] < len(pieces)
