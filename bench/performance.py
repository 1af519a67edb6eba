"""Each performance trick of publisher/performance.py switched off in turn: what make_plan costs without it.

    .venv/bin/python bench/performance.py [--pieces 10000] [--repeat 2]

Plans the planner benchmark's synthetic pieces (bench/plan.py) with every trick, then without the
collector paused (gc_paused replaced by nothing), without the forked fitting helper (parallel=False),
and with PlannedPosts built by the dataclass's own __init__ instead of fast_constructor. Every run
must give the same plan; the wall and CPU seconds (helper included) of the best run of each are
printed. Results go in docs/benchmarks.md ("Plan 10,000 pieces").
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from plan import NOW, bench_settings, synthetic_pieces  # noqa: E402

from publisher.content.model import Library  # noqa: E402
from publisher.posts.model import Plan, PlannedPost  # noqa: E402
from publisher.social.planner import make_plan, placement, rules_from  # noqa: E402
from publisher.social.planner import plan as plan_module  # noqa: E402


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@contextlib.contextmanager
def nothing() -> Iterator[None]:
    yield


def slow_post() -> Callable[..., PlannedPost]:
    """PlannedPost(...) through its own __init__, taking new_post's arguments."""
    names = ["key", "role", "scheduled_at", *(f.name for f in dataclasses.fields(PlannedPost)
                                              if f.name not in ("key", "role", "scheduled_at"))]

    def make(*values: object) -> PlannedPost:
        return PlannedPost(**dict(zip(names, values, strict=True)))  # type: ignore[arg-type]
    return make


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    pieces = synthetic_pieces(args.pieces)
    rules = rules_from(bench_settings(), Library(tuple(pieces), {}))
    make_plan(pieces[:20], rules, NOW)
    reference: Plan | None = None
    variants: list[tuple[str, Callable[[], contextlib.AbstractContextManager[None]], bool]] = [
        ("every trick", nothing, True),
        ("collector not paused", lambda: _patched(plan_module, "gc_paused", nothing), True),
        ("no forked fitting helper", nothing, False),
        ("PlannedPost.__init__", lambda: _patched(placement, "new_post", slow_post()), True),
    ]
    for label, switch, parallel in variants:
        best: tuple[float, float] | None = None
        for _ in range(args.repeat):
            with switch():
                wall, cpu = time.perf_counter(), _cpu()
                made = make_plan(pieces, rules, NOW, parallel=parallel)
                wall, cpu = time.perf_counter() - wall, _cpu() - cpu
            if reference is None:
                reference = made
            elif made != reference:
                raise SystemExit(f"{label}: not the same plan")
            del made
            if best is None or wall < best[0]:
                best = (wall, cpu)
        assert best is not None
        print(f"{label:<28} make_plan {best[0]:6.2f} s wall {best[1]:6.2f} s cpu")
    print(f"load average now {os.getloadavg()[0]:.1f}")


@contextlib.contextmanager
def _patched(module: object, name: str, value: object) -> Iterator[None]:
    saved = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, saved)


if __name__ == "__main__":
    main()
