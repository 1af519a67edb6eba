"""A big first plan is written by a second process while the planner places it (store/first_load.py): the
store must then hold what apply_plan writes for the same plan, and nothing at all when the writer or the
planner stops half-way (the plan is then stored as before)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ProjectDir

import publisher.cli.commands  # noqa: F401 - registers every command
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.content import load_library
from publisher.performance import can_fork
from publisher.posts.model import Plan
from publisher.social.planner import make_plan, plan, rules_from
from publisher.store import Store, first_load, open_store
from publisher.store.first_load import FirstLoad

NOW = dt.datetime(2026, 3, 20, 7, 0, tzinfo=dt.UTC)
PIECE = """
title: {title}
date: {date}
lang: {lang}
summary: {title}, in one sentence about sovereignty and costs ({n} %).
tags: [cloud, sovereignty]
takeaways:
  - Know where your data lives, {title}, and write it down where the whole team can read it.
  - Contracts matter as much as code (clause {n}), {title}.
quotes:
  - text: A quote about {title} that is long enough to stand on its own in a post.
    by: Camille Martin
"""


@pytest.fixture
def planned(project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> tuple[list, object]:
    """30 pieces, rules with recycles, and the planner told to stream from 2 pieces on."""
    project.config(textwrap.dedent("""
        timezone: Europe/Paris
        calendar: {cap_per_day: 12, horizon_days: 200}
        rules: {follow_ups: [3, 10], evergreen: {after_days: 20, every_days: 20, end_after_days: 400, max_times: 5}}
    """).strip())
    start = dt.date(2026, 1, 5)
    for n in range(30):
        project.piece(f"articles/piece-{n}.md", PIECE.format(
            title=f"Piece {n}", date=start + dt.timedelta(days=3 * n), lang="fr" if n % 3 == 0 else "en", n=n))
    # its launch long past and never recycled: its lanes exist, none of its candidates is posted, its card is
    # stored by nobody (the writer reads its candidates ahead all the same)
    project.piece("articles/old-news.md", PIECE.format(title="Old news", date="2025-01-05", lang="en", n=99)
                  + "evergreen: false\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    monkeypatch.setattr(plan, "STREAM_FROM", 2)
    monkeypatch.setattr(plan, "TELL_EVERY", 16)  # several batches a round
    deadline = time.monotonic() + 5  # a loopback double stopped by the test before may still be ending
    while threading.active_count() > 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert can_fork(), f"the writer process needs fork, two CPUs and this thread alone: {threading.enumerate()}"
    return list(library.pieces), rules_from(settings, library)


def contents(path: Path) -> tuple[set[tuple], list[str], str]:
    """Every post with its card's values (not ids), the posts table's indexes and triggers, the journal mode."""
    db = sqlite3.connect(path)
    try:
        rows = db.execute("""
            SELECT p.key, p.piece, p.channel, p.network, p.role, p.excerpt_id, p.excerpt_kind, p.lang, p.campaign,
                   p.text, p.link, p.scheduled_at, p.state, p.attempts, p.created_at, p.updated_at,
                   c.url, c.title, c.description, c.image, c.image_alt
            FROM posts p LEFT JOIN link_cards c ON c.id = p.card_id""").fetchall()
        schema = sorted(name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE tbl_name = 'posts' AND type IN ('index', 'trigger')"))
        cards = db.execute("SELECT count(*) FROM link_cards").fetchone()[0]
        mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        db.close()
    return set(rows), [*schema, f"{cards} cards"], mode


def told_store(path: Path) -> tuple[Store, FirstLoad]:
    """A fresh store at ``path`` and the sink of its first load."""
    store = open_store(f"sqlite:///{path}")
    sink = store.first_load(NOW)
    assert sink is not None
    return store, sink


def after_each_batch(monkeypatch: pytest.MonkeyPatch, then: Callable[[FirstLoad, int], None]) -> list[int]:
    """``then(sink, n)`` after the n-th batch the planner tells (from 1); returns the sizes of the batches."""
    real_add = FirstLoad.add
    batches: list[int] = []

    def add(self: FirstLoad, placed: list) -> None:
        real_add(self, placed)
        batches.append(len(placed))
        then(self, len(batches))

    monkeypatch.setattr(FirstLoad, "add", add)
    return batches


def test_the_writer_stores_what_apply_plan_stores(planned: tuple, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    pieces, rules = planned
    alone = make_plan(pieces, rules, NOW)
    before = open_store(f"sqlite:///{tmp_path}/before.db")
    assert before.apply_plan(alone, NOW).added == len(alone.posts)

    store, sink = told_store(tmp_path / "told.db")
    # the writer reads every candidate ahead while it waits for the second batch, the unposted ones too
    after_each_batch(monkeypatch, lambda sink, n: time.sleep(0.3) if n == 1 else None)
    told = make_plan(pieces, rules, NOW, sink=sink)
    assert told == alone, "the plan is the same, told or not"
    assert sink.pid, "the writer runs"
    counts = store.apply_plan(told, NOW, first_load=sink)
    assert counts.added == len(told.posts) > 300 and not sink.pid

    rows, schema, mode = contents(tmp_path / "told.db")
    assert (rows, schema, mode) == contents(tmp_path / "before.db")
    assert mode == "wal" and "ix_posts_state_time" in schema and "curated_posts_start_proposed" in schema
    again = store.apply_plan(told, NOW)  # a replan reads the rows back as it wrote them
    assert again.unchanged == len(told.posts) and again.added == again.updated == 0


def test_a_writer_that_dies_leaves_nothing_and_the_plan_is_stored_as_before(
        planned: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pieces, rules = planned
    store, sink = told_store(tmp_path / "told.db")
    batches = after_each_batch(monkeypatch, lambda sink, n: os.kill(sink.pid, 9) if n == 3 else None)  # kill -9
    told = make_plan(pieces, rules, NOW, sink=sink)
    assert len(batches) > 3
    counts = store.apply_plan(told, NOW, first_load=sink)
    assert counts.added == len(told.posts) and not sink.pid  # stored by apply_plan itself, after the rollback
    before = open_store(f"sqlite:///{tmp_path}/before.db")
    before.apply_plan(make_plan(pieces, rules, NOW), NOW)
    assert contents(tmp_path / "told.db") == contents(tmp_path / "before.db")


def test_a_plan_given_up_leaves_the_store_empty(planned: tuple, tmp_path: Path) -> None:
    """A sink closed without `finish` (what `publisher plan` does after an error): the writer rolls back."""
    pieces, rules = planned
    store, sink = told_store(tmp_path / "told.db")
    make_plan(pieces, rules, NOW, sink=sink)
    pid = sink.pid
    assert pid
    sink.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # gone, and reaped
    rows, schema, mode = contents(tmp_path / "told.db")
    assert not rows and mode == "wal" and "ix_posts_state_time" in schema and "0 cards" in schema
    assert store.first_load(NOW) is not None, "still a first load"


def test_the_writer_commits_only_the_plan_it_wrote(planned: tuple, tmp_path: Path) -> None:
    pieces, rules = planned
    store, sink = told_store(tmp_path / "told.db")
    told = make_plan(pieces, rules, NOW, sink=sink)
    other = Plan(told.posts[:-1])  # not the plan it was told: it rolls back, apply_plan stores this one
    assert store.apply_plan(other, NOW, first_load=sink).added == len(other.posts)
    assert len(contents(tmp_path / "told.db")[0]) == len(other.posts)


def test_no_writer_for_a_plan_with_threads_nor_for_a_store_with_posts(
        planned: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pieces, rules = planned
    store, sink = told_store(tmp_path / "told.db")
    threaded = [dataclasses.replace(pieces[0], thread=True), *pieces[1:]]  # threads rewrite posts once placed
    monkeypatch.setattr(FirstLoad, "start", lambda self, lanes: pytest.fail("a plan with threads is not told"))
    made = make_plan(threaded, rules, NOW, sink=sink)
    assert store.apply_plan(made, NOW, first_load=sink).added == len(made.posts)
    assert store.first_load(NOW) is None, "a replan is no first load"
    assert open_store("sqlite:///:memory:").first_load(NOW) is None


def test_publisher_plan_writes_a_big_first_plan_while_it_is_made(
        planned: tuple, project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command's path: the sink made from the project's store, given to make_plan, then to apply_plan."""
    told: list[int] = []
    real_finish = FirstLoad.finish

    def finish(self: FirstLoad, plan: Plan) -> int | None:
        stored = real_finish(self, plan)
        told.append(stored or 0)
        return stored

    monkeypatch.setattr(FirstLoad, "finish", finish)
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "plan", "--now", "2026-03-20T08:00"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    stored = int(re.search(r"Stored: (\d+) new", result.output).group(1))  # type: ignore[union-attr]
    assert told == [stored] and stored > 300
    again = CliRunner().invoke(cli, ["-f", str(project.config_file), "plan", "--now", "2026-03-20T08:00"],
                               catch_exceptions=False)
    assert f"{stored} unchanged" in again.output and told == [stored], "a replan is no first load"


def test_ctrl_c_while_planning_leaves_the_store_empty(
        planned: tuple, project: ProjectDir, monkeypatch: pytest.MonkeyPatch) -> None:
    pids: list[int] = []

    def interrupt(sink: FirstLoad, n: int) -> None:
        pids.append(sink.pid)
        if n == 3:
            raise KeyboardInterrupt  # Ctrl-C half-way through the recycles

    after_each_batch(monkeypatch, interrupt)
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "plan", "--now", "2026-03-20T08:00"])
    assert result.exit_code == 1 and "Aborted" in result.output and len(pids) == 3
    with pytest.raises(ChildProcessError):
        os.waitpid(pids[0], 0)  # the writer is gone, and reaped
    rows, _, mode = contents(project.root / ".publisher" / "publisher.db")
    assert not rows and mode == "wal"


def test_a_store_another_writer_holds_is_left_to_apply_plan(
        planned: tuple, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer waits LOCK_WAIT for the write lock, then gives the plan back: apply_plan waits as usual."""
    pieces, rules = planned
    store = open_store(f"sqlite:///{tmp_path}/told.db")
    monkeypatch.setattr(first_load, "LOCK_WAIT", 0.2)
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sqlite3, sys, time
        db = sqlite3.connect({str(tmp_path / "told.db")!r}, isolation_level=None)
        db.execute("BEGIN IMMEDIATE"); print("locked", flush=True); time.sleep(1.5); db.execute("COMMIT")
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        sink = store.first_load(NOW)
        assert sink is not None
        told = make_plan(pieces, rules, NOW, sink=sink)
        assert sink.finish(told) is None, "the writer gave up on the lock"
        assert store.apply_plan(told, NOW, first_load=sink).added == len(told.posts)
    finally:
        holder.wait(timeout=10)
