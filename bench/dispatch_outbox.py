"""Dispatch to the dry-run outbox with one worker: the issue's >= 500 posts/s target.

    .venv/bin/python bench/dispatch_outbox.py [--posts 10000] [--channels 1] [--fsync second]
                                              [--store URL] [--workers 1]

Stores N approved, due posts in a fresh store, then times one Dispatcher.run_once (the work of
`publisher run`): for each post one claim transaction (pause, channel state and due post read in
it, the previous attempt's end written in it), one JSON line appended to
.publisher/outbox/<network>.jsonl, and the outcome. With --workers N, N processes share the store
(the PostgreSQL case: bench/dispatch_pg.py). Checks afterwards that every post is in the outbox
exactly once and published in the store. Results go in docs/benchmarks.md ("Queue and dispatch").
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa

from publisher.posts.model import LinkCard, PlannedPost
from publisher.sending.channels.outbox import OutboxChannel, read_outbox
from publisher.sending.dispatcher import Dispatcher
from publisher.store import Store, open_store
from publisher.store.tables import posts

NETWORKS = ("x", "mastodon", "bluesky", "linkedin")
NOW = dt.datetime(2026, 3, 2, 12, 0, tzinfo=dt.UTC)


def fill(store: Store, count: int, channels: tuple[str, ...]) -> None:
    plan = []
    for n in range(count):
        channel = channels[n % len(channels)]
        piece = f"articles/piece-{n // len(channels)}"
        plan.append(PlannedPost(
            key=f"{piece}:{channel}:launch", piece=piece, channel=channel, network=channel, role="launch",
            excerpt_id=f"{n:08x}", excerpt_kind="summary",
            text=f"Post {n}: what sovereignty means for your data https://news.example.org/{piece}/",
            link=f"https://news.example.org/{piece}/?utm_source={channel}&utm_medium=social",
            scheduled_at=NOW - dt.timedelta(seconds=count - n), lang="en", state="approved",
            card=LinkCard(f"https://news.example.org/{piece}/", f"Piece {n}", "A description.")))
    store.apply_plan(plan, NOW)


def work(url: str, folder: str, channels: tuple[str, ...], fsync: str, ready: object, go: object,
         cpu: object) -> None:
    store = Store(url)
    outboxes = {ch: OutboxChannel(ch, None, folder=Path(folder), network=ch, clock=lambda: NOW, fsync=fsync)
                for ch in channels}
    dispatcher = Dispatcher(store, outboxes, clock=lambda: NOW)
    store.ensure_channels(list(channels), NOW)  # warm the connection outside the timing
    ready.release()  # type: ignore[attr-defined]
    go.wait()  # type: ignore[attr-defined]
    started = time.process_time()
    dispatcher.run_once()
    cpu.put(time.process_time() - started)  # type: ignore[attr-defined]
    dispatcher.close()
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--channels", type=int, default=1, choices=range(1, 5))
    parser.add_argument("--fsync", default="second", choices=("always", "second", "never"))
    parser.add_argument("--store", default=None, help="A database URL (default: a fresh SQLite file).")
    parser.add_argument("--workers", type=int, default=1, help="Worker processes sharing the store.")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="dispatch_outbox_")
    url = args.store or f"sqlite:///{folder}/publisher.db"
    channels = NETWORKS[: args.channels]
    store = open_store(url)
    fill(store, args.posts, channels)
    ctx = multiprocessing.get_context("spawn")
    ready, go, cpu = ctx.Semaphore(0), ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=work, args=(url, f"{folder}/outbox", channels, args.fsync, ready, go, cpu))
             for _ in range(args.workers)]
    for p in procs:
        p.start()
    for _ in procs:
        ready.acquire()
    start = time.perf_counter()
    go.set()
    cpu_seconds = sum(cpu.get() for _ in procs)
    for p in procs:
        p.join()
    elapsed = time.perf_counter() - start
    ids = [line["id"] for ch in channels for line in read_outbox(Path(folder) / "outbox" / f"{ch}.jsonl")]
    twice = sum(1 for n in Counter(ids).values() if n > 1)
    with store.reading() as conn:
        published = conn.execute(sa.select(sa.func.count()).where(posts.c.state == "published")).scalar()
    store.close()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"store={url.split(':')[0]} workers={args.workers} channels={args.channels} fsync={args.fsync}")
    print(f"posts={args.posts} published={published} outbox lines={len(ids)} sent twice={twice}")
    print(f"{elapsed:.2f} s: {args.posts / elapsed:.0f} posts/s "
          f"(workers' CPU {cpu_seconds:.2f} s: {args.posts / cpu_seconds:.0f} posts per CPU second)")
    assert published == len(ids) == args.posts and twice == 0


if __name__ == "__main__":
    main()
