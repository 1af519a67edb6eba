"""Reliability: real `publisher` processes killed with SIGKILL mid-run, several workers on one store, and
bad input that must stop `publisher plan` with a located message before the store is touched."""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from conftest import ProjectDir
from stores import planned_post

import publisher.cli.commands  # noqa: F401  (registers every command)
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.networks import keys as network_keys
from publisher.secrets import SECRET_VARIABLES
from publisher.sending.channels.outbox import read_outbox
from publisher.store import Store, open_store
from publisher.store.tables import post_events, posts

PUBLISHER = str(Path(sys.executable).parent / "publisher")
CHANNELS = ("x", "mastodon")
DUE = dt.datetime.now(dt.UTC).replace(microsecond=0) - dt.timedelta(minutes=30)  # due, within the late_posts grace


def env_without_credentials(store_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in SECRET_VARIABLES and not k.startswith(("X_", "MASTODON_"))}
    env.pop("PUBLISHER_STORE", None)
    if store_url:
        env["PUBLISHER_STORE"] = store_url
    return env


def queue_posts(store: Store, count: int) -> None:
    """`count` approved posts, all due, spread over the channels."""
    per = count // len(CHANNELS)
    store.apply_plan([planned_post(n, ch, at=DUE + dt.timedelta(seconds=n), state="approved")
                      for n in range(per) for ch in CHANNELS], DUE)


def outbox_ids(project: ProjectDir) -> list[int]:
    return [line["id"] for ch in CHANNELS for line in read_outbox(project.root / ".publisher" / "outbox" / f"{ch}.jsonl")]


def check_truthful(store: Store, project: ProjectDir, count: int) -> None:
    """Each post in the outbox exactly once, and published in the store with that outbox line as its proof."""
    lines = {ch: read_outbox(project.root / ".publisher" / "outbox" / f"{ch}.jsonl") for ch in CHANNELS}
    ids = [line["id"] for ch in CHANNELS for line in lines[ch]]
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    assert not duplicates, f"sent twice: {duplicates[:10]}"
    with store.reading() as conn:
        rows = conn.execute(sa.select(posts.c.id, posts.c.channel, posts.c.state, posts.c.remote_id)).all()
    assert len(rows) == count
    assert Counter(r.state for r in rows) == {"published": count}
    where = {line["id"]: ch for ch in CHANNELS for line in lines[ch]}
    for row in rows:
        assert where.get(row.id) == row.channel, f"post {row.id} is published but not in the {row.channel} outbox"
        assert row.remote_id == f"outbox:{row.id}"


def lines_written(project: ProjectDir) -> int:
    total = 0
    for ch in CHANNELS:
        path = project.root / ".publisher" / "outbox" / f"{ch}.jsonl"
        if path.exists():
            with open(path, "rb") as fd:
                total += fd.read().count(b"\n")
    return total


@pytest.fixture
def crowd(project: ProjectDir) -> ProjectDir:
    project.config("channels: {x: {}, mastodon: {}}\noutbox_fsync: never")
    return project


@pytest.mark.slow
def test_kill_9_at_random_points_loses_nothing_and_sends_nothing_twice(crowd: ProjectDir) -> None:
    settings = load_settings(crowd.config_file)
    store = open_store(settings.store_url)
    queue_posts(store, 1000)
    env = env_without_credentials()
    rng = random.Random(20260302)
    kills, started = 0, time.monotonic()
    while kills < 24 and lines_written(crowd) < 1000:
        command = "worker" if kills % 4 == 3 else "run"  # the loop and the one-shot both die cleanly
        before = lines_written(crowd)
        proc = subprocess.Popen([PUBLISHER, "-f", str(crowd.config_file), command], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        # Wait for sending to start (or for an early kill during start-up, now and then), then a random delay.
        if rng.random() < 0.85:
            while lines_written(crowd) == before and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.02))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        assert proc.returncode in (0, -signal.SIGKILL), proc.stderr.read().decode() if proc.stderr else ""
        proc.stderr.close() if proc.stderr else None
        assert time.monotonic() - started < 150
    assert kills >= 20
    final = subprocess.run([PUBLISHER, "-f", str(crowd.config_file), "run"], env=env, capture_output=True, text=True,
                           timeout=120)
    assert final.returncode == 0, final.stderr
    check_truthful(store, crowd, 1000)
    with store.reading() as conn:
        recovered = conn.execute(sa.select(sa.func.count()).where(post_events.c.detail.like("%died mid-send%"))).scalar()
    assert recovered > 0  # the kills did land between claim and record, and were reconciled
    store.close()


def run_two(project: ProjectDir, env: dict[str, str]) -> None:
    procs = [subprocess.Popen([PUBLISHER, "-f", str(project.config_file), "run"], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert proc.returncode == 0, err


def senders(store: Store) -> Counter[str]:
    with store.reading() as conn:
        rows = conn.execute(sa.select(post_events.c.actor).where(post_events.c.to_state == "published")).scalars()
        return Counter(rows)


@pytest.mark.slow
def test_two_workers_on_one_sqlite_file_never_send_twice(crowd: ProjectDir) -> None:
    store = open_store(load_settings(crowd.config_file).store_url)
    queue_posts(store, 1000)
    run_two(crowd, env_without_credentials())
    check_truthful(store, crowd, 1000)
    assert len(senders(store)) == 2  # both really worked
    store.close()


@pytest.mark.slow
@pytest.mark.postgres
def test_two_workers_on_postgresql_never_send_twice(crowd: ProjectDir, pg_url: str) -> None:
    store = open_store(pg_url)
    queue_posts(store, 400)  # each PostgreSQL commit waits for its WAL flush: fewer posts keep the test short
    run_two(crowd, env_without_credentials(pg_url))
    check_truthful(store, crowd, 400)
    assert len(senders(store)) == 2
    store.close()


# Bad input: located messages, and the store as it was -------------------------------------------

GOOD = "timezone: Europe/Paris\nchannels: {x: {}, mastodon: {}}"
BAD_INPUT = [
    ("timezone: Europe/Paris\nchannels: {x: {}, tiktok: {}}",
     "mkdocs.yml: 'plugins.publisher.channels.tiktok': unknown channel; expected a network among "
     f"{', '.join(network_keys())} (or set 'network:'), got 'tiktok'"),
    (GOOD + "\ncalendar: {slots: {mon: ['09:10', '9h30']}}",
     "mkdocs.yml: 'plugins.publisher.calendar.slots.mon[1]': expected a time like 09:30 (24-hour HH:MM), got '9h30'"),
    ("timezone: Mars/Olympus_Mons\nchannels: {x: {}}",
     "mkdocs.yml: 'plugins.publisher.timezone': expected an IANA time zone such as Europe/Paris or UTC, "
     "got 'Mars/Olympus_Mons'"),
    (GOOD + "\ncampaigns: {launch: {pieces: [articles/alpha, white-papers/missing-guide]}}",
     "mkdocs.yml: 'plugins.publisher.campaigns.launch.pieces[1]': expected an existing piece such as "),
]


def snapshot(store: Store) -> tuple[list[tuple], int]:
    with store.reading() as conn:
        rows = [tuple(r) for r in conn.execute(sa.select(posts).order_by(posts.c.id))]
        events = conn.execute(sa.select(sa.func.count()).select_from(post_events)).scalar()
    return rows, events


@pytest.mark.parametrize(("block", "message"), BAD_INPUT, ids=["unknown-channel", "slot", "time-zone", "campaign"])
def test_bad_input_stops_plan_with_a_located_message_and_leaves_the_store_alone(
        project: ProjectDir, block: str, message: str) -> None:
    project.config(GOOD)
    project.piece("articles/alpha.md", "title: Alpha\ndate: 2026-03-02\nsummary: A summary of alpha.")
    runner = CliRunner()
    args = ["-f", str(project.config_file), "plan", "--now", "2026-03-02T07:00"]
    db = project.root / ".publisher" / "publisher.db"

    project.config(block)
    fresh = runner.invoke(cli, args)
    assert (fresh.exit_code, db.exists()) == (1, False), fresh.output  # nothing created on a fresh machine
    assert message in fresh.output and "Traceback" not in fresh.output

    project.config(GOOD)
    assert runner.invoke(cli, args).exit_code == 0
    store = open_store(f"sqlite:///{db}")
    before = snapshot(store)
    assert before[0]
    project.config(block)
    broken = runner.invoke(cli, args)
    assert broken.exit_code == 1 and message in broken.output, broken.output
    assert snapshot(store) == before
    store.close()
