"""Ingest and read a million engagement snapshots (the reports feature's targets).

    .venv/bin/python bench/metrics_snapshots.py [--rows 1000000] [--store URL]

Targets: ingest 1,000,000 snapshots in <= 60 s; read the 1,000,000 snapshots of a 90-day period
in <= 2 s. Ingest goes through publisher.store.metrics.add_snapshots (driver executemany, one
transaction); the read through iter_period (the taken_at index, plain tuples).
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
import time

from publisher.posts.model import PlannedPost, Snapshot
from publisher.store import metrics, open_store
from publisher.store.metrics import StoredSnapshot


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--posts", type=int, default=2_000)
    args = parser.parse_args()
    store = open_store(f"sqlite:///{tempfile.mkdtemp(prefix='bench-metrics-')}/publisher.db")
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    store.apply_plan([PlannedPost(key=f"p{i}:x:launch", piece=f"articles/p{i}", channel="x", network="x",
                                  role="launch", excerpt_id="e", excerpt_kind="title", text=f"post {i}", link="",
                                  scheduled_at=start, lang="en") for i in range(args.posts)], start)
    ids = [r.post.id for r in store.records()]
    per_post = args.rows // len(ids)
    step = dt.timedelta(days=89) / per_post

    def rows() -> object:
        raw = {"public_metrics": {"like_count": 1}}
        for n in range(per_post):
            at = start + n * step
            for post_id in ids:
                yield StoredSnapshot(post_id, "x", Snapshot(str(post_id), at, n, n // 2, n // 3, n // 4, n * 10, n,
                                                            raw))

    # CPU time beside wall time: on a shared machine the wall clock also counts other people's work.
    t0, c0 = time.perf_counter(), time.process_time()
    stored = metrics.add_snapshots(store, rows())  # type: ignore[arg-type]
    ingest, ingest_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    read = sum(len(batch) for batch in metrics.iter_period(store, start, start + dt.timedelta(days=90)))
    reading, reading_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    latest = metrics.latest_in_period(store, start, start + dt.timedelta(days=90))
    summing, summing_cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"ingest: {stored} snapshots in {ingest:.1f} s wall, {ingest_cpu:.1f} s CPU "
          f"({stored / ingest:,.0f}/s; target <= 60 s)")
    print(f"read a 90-day period: {read} snapshots in {reading:.2f} s wall, {reading_cpu:.2f} s CPU (target <= 2 s)")
    print(f"a 90-day report's SQL (latest snapshot per post over the {read} rows): {len(latest)} posts in "
          f"{summing:.2f} s wall, {summing_cpu:.2f} s CPU")
    store.close()


if __name__ == "__main__":
    main()
