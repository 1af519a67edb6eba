"""Plan 10,000 pieces x 4 networks and store the plan in SQLite: the issue's <= 10 s target.

    .venv/bin/python bench/plan_store.py [--pieces 10000] [--store URL] [--posts-only] [--no-stream]

Builds the planner benchmark's synthetic pieces and configuration (bench/plan.py: 4 channels, 96
slots a day, follow-ups, evergreen recycling: >= 200,000 posts), runs make_plan, then stores the
plan with Store.apply_plan into a fresh database (one transaction, bulk inserts, the indexes of
migration 0001), as `publisher plan` does: on a SQLite file, a writer process stores the posts while
make_plan places them (store/first_load.py) and apply_plan waits for it to commit; ``--no-stream``
stores the plan after it is made instead. Then it stores the plan again unchanged and once more with
10 % of the texts edited (the replans a team runs every day). Reports wall and CPU seconds for each
step (CPU includes the planner's helper process, which fits half the pieces on the second core, and
the writer, counted in apply_plan once it is done); CPU time is the fairer number when other work
shares the 2 cores, wall time the one the target is about.

``--posts-only`` skips the planner and stores the same number of synthetic PlannedPosts, to time
the store alone. Results go in docs/benchmarks.md ("Queue and dispatch").
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from plan import NOW, bench_settings, synthetic_pieces  # noqa: E402

from publisher.content.model import Library  # noqa: E402
from publisher.posts.model import LinkCard, Plan, PlannedPost  # noqa: E402
from publisher.social.planner import make_plan, rules_from  # noqa: E402
from publisher.store import open_store  # noqa: E402


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the planner's helper process)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(label: str, action: Callable[[], Any]) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), _cpu()
    result = action()
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    print(f"{label:<34} {wall:7.2f} s wall {cpu:7.2f} s cpu")
    return result, wall, cpu


def synthetic_plan(count: int) -> Plan:
    posts = []
    for n in range(count // 4 + 1):
        piece = f"articles/piece-{n // 26}"
        card = LinkCard(f"https://news.example.org/{piece}/", f"Piece {n // 26}", "A description.", f"{piece}.jpg")
        for channel in ("x", "mastodon", "bluesky", "linkedin"):
            posts.append(PlannedPost(
                key=f"{piece}:{channel}:evergreen-{n % 26}", piece=piece, channel=channel, network=channel,
                role=f"evergreen-{n % 26}", excerpt_id=f"{n:010x}", excerpt_kind="takeaway",
                text=f"Takeaway number {n} about sovereignty and data, with a link https://news.example.org/{piece}/",
                link=f"https://news.example.org/{piece}/?utm_source={channel}&utm_medium=social",
                scheduled_at=NOW + dt.timedelta(minutes=15 * n), lang="en", card=card))
    return Plan(tuple(posts[:count]))


def edited(plan: Plan, share: int = 10) -> Plan:
    return Plan(tuple(dataclasses.replace(p, text=p.text + " (edited)") if i % share == 0 else p
                      for i, p in enumerate(plan.posts)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=10_000)
    parser.add_argument("--store", default=None, help="A database URL (default: a fresh SQLite file).")
    parser.add_argument("--posts-only", action="store_true", help="Time the store alone on synthetic posts.")
    parser.add_argument("--no-stream", action="store_true",
                        help="Store the plan after it is made, as before store/first_load.py (for comparison).")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    folder = tempfile.mkdtemp(prefix="plan_store_")
    store = open_store(args.store or f"sqlite:///{folder}/publisher.db")
    sink = None
    if args.posts_only:
        plan, plan_wall, plan_cpu = synthetic_plan(26 * args.pieces), 0.0, 0.0
    else:
        pieces = synthetic_pieces(args.pieces)
        settings = bench_settings()
        rules = rules_from(settings, Library(tuple(pieces), {}))
        make_plan(pieces[:20], rules, NOW)  # import the counting libraries outside the timing
        # as `publisher plan` does: a big first plan is written while it is made (store/first_load.py)
        sink = None if args.no_stream else store.first_load(NOW)
        plan, plan_wall, plan_cpu = timed(f"make_plan ({args.pieces} pieces){'' if sink is None else ', told'}",
                                          lambda: make_plan(pieces, rules, NOW, sink=sink))
    print(f"posts={len(plan.posts)} networks={len({p.network for p in plan.posts})}")
    counts, store_wall, store_cpu = timed("apply_plan into a fresh store",
                                          lambda: store.apply_plan(plan, NOW, first_load=sink))
    print(f"  {counts}")
    timed("apply_plan again, unchanged", lambda: store.apply_plan(plan, NOW))
    later = edited(plan)
    counts, _, _ = timed("apply_plan with 10% texts edited", lambda: store.apply_plan(later, NOW))
    print(f"  {counts}")
    store.close()
    if not args.store:
        shutil.rmtree(folder)
    total_wall, total_cpu = plan_wall + store_wall, plan_cpu + store_cpu
    print(f"plan + store: {total_wall:.2f} s wall, {total_cpu:.2f} s cpu (target <= 10 s); "
          f"load average now {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
