"""Dispatch N posts across the four network doubles with realistic latency, through the real libraries.

    .venv/bin/python bench/dispatch_networks.py [--posts 2000] [--latency 0.05] [--sends-at-once 1]
                                                [--rate POSTS_PER_SECOND] [--workers 1] [--store URL]

The four doubles (X, Mastodon, Bluesky, LinkedIn) run in this process and answer every call after
``latency`` seconds; the worker runs in its own process(es), as `publisher worker` would, with its
own store connection and the real clients (tweepy, Mastodon.py, atproto, httpx).

Every account is configured the way a user would write it in mkdocs.yml, validated by the real
schema and read by the dispatcher's own helpers:

    channels: {x: {sends_at_once: K, rate_limit: {posts: P, per_seconds: W}}, mastodon: ..., ...}

What is "allowed": an account with K sends in flight, each answered after ``latency``, can send at
most K / latency posts per second; its rate limit caps that at P / W. sends_at_once is per worker
process, so with --workers N an account has K = N x sends_at_once sends in flight. So

    allowed = sum over accounts of min(K / latency, P / W)

and the ratio printed is measured / allowed, with nothing of our own per-call cost in the bound.
(A sliding window lets its first P posts go at once, so a run limited by the rate can end slightly
above P / W on average.) Without --rate the limit is configured but cannot bind (twice the
account's posts per 900 s). We also print how many calls were in flight at once across the doubles
(1 would mean one call at a time) and the duplicates the networks received (must be 0).
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from fractions import Fraction
from pathlib import Path
from types import SimpleNamespace
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from doubles import DOUBLES, channel_spec, environment

from publisher.posts.model import PlannedPost, Published, QueuedPost
from publisher.sending.channels.registry import adapter_class
from publisher.sending.dispatcher import Dispatcher, rates_from, sends_at_once_from
from publisher.store import open_store

NETWORKS = ("x", "mastodon", "bluesky", "linkedin")


def planned(n: int, at: dt.datetime) -> list[PlannedPost]:
    posts = []
    for i in range(n):
        network = NETWORKS[i % len(NETWORKS)]
        link = f"https://newsroom.clairval.example/articles/p{i}?utm_source={network}"
        text = f"Bench post {i} on {network}"
        text = text + (" newsroom.clairval.example/articles/p" + str(i) if network == "bluesky" else " " + link)
        posts.append(PlannedPost(key=f"articles/p{i}:{network}:launch", piece=f"articles/p{i}", channel=network,
                                 network=network, role="launch", excerpt_id=f"e{i}", excerpt_kind="title",
                                 text=text, link=link, scheduled_at=at, lang="en", state="approved"))
    return posts


def channel_settings(posts: int, sends_at_once: int, rate: float | None) -> dict[str, dict[str, Any]]:
    """What a user writes under `channels:` for each account."""
    if rate is None:  # configured, counted on every claim, but never binding in this run
        limit = {"posts": 2 * math.ceil(posts / len(NETWORKS)), "per_seconds": 900}
    else:
        fraction = Fraction(rate).limit_denominator(3600)
        limit = {"posts": fraction.numerator, "per_seconds": fraction.denominator}
    return {n: {"sends_at_once": sends_at_once, "rate_limit": limit} for n in NETWORKS}


def max_overlap(spans: list[tuple[float, float]]) -> int:
    events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    best = current = 0
    for _, step in events:
        current += step
        best = max(best, current)
    return best


def call_cost(latency: float) -> float:
    """Seconds one send takes end to end for one X account alone (library + latency), measured."""
    from doubles import XDouble

    double = XDouble(latency=latency).start()
    channel = adapter_class("x")("x", channel_spec("x"), environment(double))  # type: ignore[misc]
    posts = planned(40, dt.datetime.now(dt.UTC))
    start = time.perf_counter()
    for i, p in enumerate(posts):
        channel.send(QueuedPost(id=i, key=p.key, piece=p.piece, channel="x", network="x", text=p.text + f" {i}",
                                link=p.link, scheduled_at=p.scheduled_at, lang="en", state="sending"))
    cost = (time.perf_counter() - start) / len(posts)
    double.stop()
    return cost


def worker(urls: dict[str, dict[str, str]], settings: dict[str, dict[str, Any]], store_url: str, poll: float,
           index: int, ready: Any, go: Any, results: Any, bare_posts: int = 0) -> None:
    """One `publisher worker` process: its own store connection and clients; stops when nothing is due.

    It loads the libraries and builds its channels first (what a worker does once, when it starts),
    says it is ready, and starts sending when every worker is ready: the clock runs from there.
    """
    try:
        if bare_posts:
            counts, cpu, startup = _bare(urls, settings, bare_posts, index, ready, go)
        else:
            counts, cpu, startup = _work(urls, settings, store_url, poll, index, ready, go)
    except BaseException as e:  # the parent waits for an answer: give it one, then show the traceback
        ready.put(index)
        results.put(({f"worker crashed: {type(e).__name__}: {e}": 1}, 0.0, (0.0, 0.0)))
        raise
    results.put((counts, cpu, startup))


def _work(urls: dict[str, dict[str, str]], settings: dict[str, dict[str, Any]], store_url: str, poll: float,
          index: int, ready: Any, go: Any) -> tuple[dict[str, int], float, tuple[float, float]]:
    began, cpu = time.perf_counter(), time.process_time()
    specs = {n: channel_spec(n, **settings[n]) for n in urls}
    project = SimpleNamespace(plugin=SimpleNamespace(channels=specs))  # what rates_from reads from mkdocs.yml
    channels = {n: adapter_class(n)(n, specs[n], env) for n, env in urls.items()}  # type: ignore[misc]
    store = open_store(store_url, migrate=False)
    dispatcher = Dispatcher(store, channels, rates=rates_from(project), sends_at_once=sends_at_once_from(project),
                            worker=f"bench-{index}")
    counts: dict[str, int] = {}
    stop = threading.Event()

    def on_pass(report: Any) -> None:
        for k, v in report.counts.items():
            counts[k] = counts.get(k, 0) + v
        if report.error or not sum(store.due_count(dt.datetime.now(dt.UTC), sorted(channels)).values()):
            stop.set()

    startup = (time.perf_counter() - began, time.process_time() - cpu)
    ready.put(index)
    go.wait()
    cpu = time.process_time()
    dispatcher.run_forever(stop, poll=poll, on_pass=on_pass)
    dispatcher.close()
    return counts, time.process_time() - cpu, startup


def _bare(urls: dict[str, dict[str, str]], settings: dict[str, dict[str, Any]], posts: int, index: int, ready: Any,
          go: Any) -> tuple[dict[str, int], float, tuple[float, float]]:
    """The libraries alone: the same threads (sends_at_once per account) send straight from a list in
    memory, with no store, no claim and no record; the ceiling of any dispatcher in one process."""
    began, cpu = time.perf_counter(), time.process_time()
    channels = {n: adapter_class(n)(n, channel_spec(n, **settings[n]), env)  # type: ignore[misc]
                for n, env in urls.items()}
    due = {n: [QueuedPost(id=i, key=p.key, piece=p.piece, channel=n, network=n, text=p.text, link=p.link,
                          scheduled_at=p.scheduled_at, lang="en", state="sending")
               for i, p in enumerate(planned(posts, dt.datetime.now(dt.UTC))) if p.network == n] for n in urls}
    counts: dict[str, int] = {}
    lock = threading.Lock()

    def lane(name: str) -> None:
        while True:
            with lock:
                if not due[name]:
                    return
                post = due[name].pop(0)
            kind = "published" if isinstance(channels[name].send(post), Published) else "not published"
            with lock:
                counts[kind] = counts.get(kind, 0) + 1

    startup = (time.perf_counter() - began, time.process_time() - cpu)
    ready.put(index)
    go.wait()
    cpu = time.process_time()
    lanes = [threading.Thread(target=lane, args=(n,)) for n in urls for _ in range(settings[n]["sends_at_once"])]
    for thread in lanes:
        thread.start()
    for thread in lanes:
        thread.join()
    return counts, time.process_time() - cpu, startup


def fresh_store(url: str | None, folder: str) -> tuple[str, str | None]:
    """A temporary SQLite file, or a fresh PostgreSQL schema (dropped after) so the database is untouched."""
    if not url:
        return f"sqlite:///{folder}/publisher.db", None
    if not url.startswith("postgres"):
        return url, None
    import sqlalchemy as sa

    schema = f"bench_{os.getpid()}_{int(time.time())}"
    with sa.create_engine(url).begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    return url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}", schema


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds each double takes to answer")
    parser.add_argument("--sends-at-once", type=int, default=1, help="channels.<name>.sends_at_once")
    parser.add_argument("--rate", type=float, default=None,
                        help="posts per second per account, as channels.<name>.rate_limit (default: not binding)")
    parser.add_argument("--poll", type=float, default=5.0, help="the worker's --poll")
    parser.add_argument("--store", default=None, help="store URL (default: a temporary SQLite file)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes sharing the store")
    parser.add_argument("--bare", action="store_true",
                        help="the libraries alone: the same threads send from memory, no store, no dispatcher")
    args = parser.parse_args()
    if args.bare and (args.workers != 1 or args.rate is not None):
        parser.error("--bare runs one process and knows no rate limit")

    load_before = os.getloadavg()
    doubles = {n: DOUBLES[n](latency=args.latency).start() for n in NETWORKS}
    envs = {n: environment(d) for n, d in doubles.items()}
    settings = channel_settings(args.posts, args.sends_at_once, args.rate)
    store_url, schema = fresh_store(args.store, tempfile.mkdtemp(prefix="bench-dispatch-"))
    store = open_store(store_url)
    now = dt.datetime.now(dt.UTC)
    store.apply_plan(planned(args.posts, now - dt.timedelta(minutes=1)), now)
    store.approve(now, everything=True)

    context = multiprocessing.get_context("fork")
    ready, go, results = context.Queue(), context.Event(), context.Queue()
    processes = [context.Process(target=worker, args=(envs, settings, store_url, args.poll, i, ready, go, results,
                                                      args.posts if args.bare else 0))
                 for i in range(args.workers)]
    for process in processes:
        process.start()
    for _ in processes:
        ready.get()
    start, parent_cpu = time.perf_counter(), time.process_time()
    go.set()
    done = [results.get() for _ in processes]
    elapsed, parent_cpu = time.perf_counter() - start, time.process_time() - parent_cpu
    for process in processes:
        process.join()
    load_after = os.getloadavg()
    counts: dict[str, int] = {}
    for result, _, _ in done:
        for k, v in result.items():
            counts[k] = counts.get(k, 0) + v
    worker_cpu = sum(cpu for _, cpu, _ in done)
    startup = max(wall for _, _, (wall, _) in done), sum(cpu for _, _, (_, cpu) in done)

    published = counts.get("published", 0)
    limit = settings["x"]["rate_limit"]
    in_flight = args.sends_at_once * args.workers  # sends_at_once is per worker process
    per_account = in_flight / max(args.latency, 1e-9)
    rate_cap = limit["posts"] / limit["per_seconds"] if args.rate is not None else math.inf
    allowed = len(NETWORKS) * min(per_account, rate_cap)
    binding = "latency" if per_account <= rate_cap else "rate limit"
    throughput = published / elapsed
    print(f"posts: {args.posts}  published: {published}  other outcomes: "
          f"{ {k: v for k, v in counts.items() if k != 'published'} }  workers: {args.workers}  "
          f"store: {'none (--bare)' if args.bare else store_url.split(':', 1)[0]}")
    print(f"configured per account: sends_at_once {args.sends_at_once}, rate_limit {limit['posts']} posts per "
          f"{limit['per_seconds']} s{'' if args.rate is not None else ' (not binding)'}; latency "
          f"{args.latency * 1000:.0f} ms per call")
    print(f"elapsed: {elapsed:.1f} s  throughput: {throughput:.1f} posts/s")
    if args.latency > 0 or args.rate is not None:
        print(f"allowed: {len(NETWORKS)} accounts x min({in_flight} / {args.latency:g} s"
              f"{f', {rate_cap:g}/s' if args.rate is not None else ''}) = {allowed:.1f} posts/s ({binding} binds); "
              f"ratio {throughput / allowed:.0%}")
    else:
        print("allowed: no latency and no rate limit bind, so this is what the CPU allows")
    for name, double in doubles.items():
        spans = [(s, e) for s, e in double.spans if s >= start]
        sent = len(double.received("create"))
        if spans:
            first, last = min(s for s, _ in spans) - start, max(e for _, e in spans) - start
            answer = sum(e - s for s, e in spans) / len(spans)
            print(f"  {name:9} {sent} posts, calls from {first:.2f} s to {last:.1f} s ({sent / last:.1f} posts/s), "
                  f"the double answered in {answer * 1000:.1f} ms on average")
    print(f"CPU while sending: worker process(es) {worker_cpu:.1f} s, doubles' process {parent_cpu:.1f} s "
          f"(2 cores x {elapsed:.1f} s = {2 * elapsed:.0f} s available)")
    print(f"worker start (libraries loaded, channels built; not in the elapsed time): {startup[0]:.2f} s, "
          f"CPU {startup[1]:.2f} s")
    print(f"load average: {load_before[0]:.2f} before, {load_after[0]:.2f} after")
    spans = [s for d in doubles.values() for s in d.spans if s[0] >= start]
    print(f"network calls in flight at once (max, across the four doubles): {max_overlap(spans)}")
    per_call = call_cost(args.latency)
    print(f"one X account alone, one call at a time: {per_call * 1000:.1f} ms per send "
          f"({args.latency * 1000:.0f} ms latency + library); {args.posts} posts that way would take "
          f"{args.posts * per_call:.1f} s")
    states = "not used (--bare)" if args.bare else dict(store.state_counts())
    print(f"store states: {states}  duplicates on the networks: "
          f"{sum(len(d.received('create')) for d in doubles.values()) - published}")
    for d in doubles.values():
        d.stop()
    store.close()
    if schema:
        import sqlalchemy as sa

        with sa.create_engine(args.store).begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))


if __name__ == "__main__":
    main()
