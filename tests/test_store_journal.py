"""A first plan loaded in bulk into a SQLite file nobody else has open goes through a rollback journal
(pages written once, no WAL copy at the checkpoint) and the file is back in WAL mode after; with
another connection open it stays in WAL, at once. Killed at any point of such a load, the file holds
the whole plan or none of it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from stores import T0, planned_post

from publisher.store import Store, open_store

TESTS = Path(__file__).resolve().parent


@pytest.fixture
def commit_modes(sqlite_store: Store) -> Iterator[list[str]]:
    """The journal mode each commit of the store's connections ran under, read by SQLite itself."""
    modes: list[str] = []

    def on_commit(conn: sa.Connection) -> None:
        raw = conn.connection.dbapi_connection
        modes.append(raw.execute("PRAGMA journal_mode").fetchone()[0])  # type: ignore[union-attr]

    event.listen(sqlite_store.engine, "commit", on_commit)
    yield modes
    event.remove(sqlite_store.engine, "commit", on_commit)


def file_of(store: Store) -> str:
    return store.engine.url.database or ""


def plan(count: int) -> list:
    return [planned_post(n) for n in range(count)]


def test_a_first_bulk_plan_commits_under_a_rollback_journal_and_wal_comes_back(
        sqlite_store: Store, commit_modes: list[str]) -> None:
    assert sqlite_store.apply_plan(plan(30), T0, bulk_load=10).added == 30
    assert commit_modes[-1] == "delete"  # the load's own commit (a read that looked for posts came first)
    other = sqlite3.connect(file_of(sqlite_store))
    assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    other.close()
    with sqlite_store.reading() as conn:  # the pooled connection is back at its usual durability
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    commit_modes.clear()
    sqlite_store.apply_plan(plan(31), T0, bulk_load=10)  # a replan: the table is not empty
    assert set(commit_modes) == {"wal"}


def test_small_plans_never_leave_wal(sqlite_store: Store, commit_modes: list[str]) -> None:
    sqlite_store.apply_plan(plan(5), T0, bulk_load=10)
    assert set(commit_modes) == {"wal"}


def test_with_another_connection_open_the_load_stays_in_wal_without_waiting(
        sqlite_store: Store, commit_modes: list[str]) -> None:
    worker = sqlite3.connect(file_of(sqlite_store))  # a worker's idle connection keeps the file in WAL
    assert worker.execute("SELECT count(*) FROM posts").fetchone() == (0,)
    started = time.monotonic()
    assert sqlite_store.apply_plan(plan(30), T0, bulk_load=10).added == 30
    assert time.monotonic() - started < 5  # refused at once, not after the 60 s busy timeout
    assert set(commit_modes) == {"wal"}
    assert worker.execute("SELECT count(*) FROM posts").fetchone() == (30,)
    worker.close()


LOADER = """
import sys
sys.path.insert(0, {tests!r})
from stores import T0, planned_post
from publisher.store import open_store
store = open_store({url!r})
posts = [planned_post(n, ch) for n in range({pieces}) for ch in ("x", "bluesky", "mastodon", "linkedin")]
print("loading", flush=True)
store.apply_plan(posts, T0)
print("done", flush=True)
"""


def start_load(url: str, pieces: int) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, "-c", LOADER.format(tests=str(TESTS), url=url, pieces=pieces)],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None and process.stdout.readline() == "loading\n"
    return process


def test_a_bulk_load_killed_at_any_point_leaves_all_of_the_plan_or_none(tmp_path: Path) -> None:
    pieces = 15_000  # 60,000 posts: a bulk load that takes a few tenths of a second
    timing = start_load(f"sqlite:///{tmp_path / 'timing.db'}", pieces)
    started = time.monotonic()
    assert timing.wait(timeout=120) == 0
    duration = time.monotonic() - started
    hot = 0
    for n, share in enumerate((0.15, 0.3, 0.45, 0.6, 0.75, 0.9)):
        path = tmp_path / f"killed-{n}.db"
        process = start_load(f"sqlite:///{path}", pieces)
        time.sleep(duration * share)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
        hot += Path(f"{path}-journal").exists()  # killed inside the load's transaction
        raw = sqlite3.connect(path)  # the hot journal, if any, is rolled back on this first read
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",), share
        found = raw.execute("SELECT count(*) FROM posts").fetchone()[0]
        assert found in (0, 4 * pieces), share
        raw.close()
        store = open_store(f"sqlite:///{path}")
        store.apply_plan([planned_post(n, ch) for n in range(pieces) for ch in ("x", "bluesky", "mastodon", "linkedin")],
                         T0)
        with store.reading() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM posts").scalar() == 4 * pieces
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        store.close()
    assert hot, "no kill landed inside a load's transaction: the test did not test what it says"
