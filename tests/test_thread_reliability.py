"""Threads under SIGKILL: real `publisher run` processes killed at random points while they send threads
to the dry-run outbox. Every part goes out once, never before the part it answers, and answers it."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections import Counter

import pytest
from conftest import ProjectDir
from stores import planned_post
from test_reliability import DUE, PUBLISHER, env_without_credentials, lines_written

from publisher.config import load_settings
from publisher.posts.model import Plan, ThreadLink
from publisher.sending.channels.outbox import read_outbox
from publisher.store import open_store

CHANNELS = ("x", "mastodon")
THREADS, PARTS = 60, 4


@pytest.mark.slow
def test_kill_9_between_parts_sends_each_part_once_and_in_order(project: ProjectDir) -> None:
    project.config("channels: {x: {}, mastodon: {}}\noutbox_fsync: never")
    store = open_store(load_settings(project.config_file).store_url)
    posts, links = [], []
    for n in range(THREADS):
        for channel in CHANNELS:
            head = planned_post(n, channel, at=DUE, state="approved", text=f"thread {n} on {channel}, part 1")
            posts.append(head)
            links.append(ThreadLink(head.key, head.key, 1, PARTS))
            for k in range(2, PARTS + 1):
                part = planned_post(n, channel, at=DUE, state="approved", role=f"launch#{k}",
                                    text=f"thread {n} on {channel}, part {k}")
                posts.append(part)
                links.append(ThreadLink(part.key, head.key, k, PARTS))
    store.apply_plan(Plan(tuple(posts), threads=tuple(links)), DUE)
    total = len(posts)
    env = env_without_credentials()
    rng = random.Random(20261204)
    kills, started = 0, time.monotonic()
    while kills < 16 and lines_written(project) < total:
        before = lines_written(project)
        proc = subprocess.Popen([PUBLISHER, "-f", str(project.config_file), "run"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 20
        while lines_written(project) == before and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.02))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait()
        assert proc.returncode in (0, -signal.SIGKILL), proc.stderr.read().decode() if proc.stderr else ""
        proc.stderr.close() if proc.stderr else None
        assert time.monotonic() - started < 150
    assert kills >= 5
    final = subprocess.run([PUBLISHER, "-f", str(project.config_file), "run"], env=env, capture_output=True,
                           text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    stored = {r.post.id: r.post for r in store.records()}
    assert Counter(p.state for p in stored.values()) == {"published": total}
    for channel in CHANNELS:
        lines = read_outbox(project.root / ".publisher" / "outbox" / f"{channel}.jsonl")
        ids = [line["id"] for line in lines]
        assert len(ids) == len(set(ids)) == total // len(CHANNELS), "a part was sent twice or never"
        at = {post_id: i for i, post_id in enumerate(ids)}
        for line in lines:
            post = stored[line["id"]]
            if post.part == 1:
                assert "reply_to" not in line or line["reply_to"] is None
                continue
            before = next(p for p in stored.values() if p.thread_id == post.thread_id and p.part == post.part - 1)
            assert at[before.id] < at[post.id], f"part {post.part} of thread {post.thread_id} went out first"
            assert line["reply_to"] == before.remote_id == f"outbox:{before.id}"
    store.close()
