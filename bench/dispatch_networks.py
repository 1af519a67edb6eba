"""Dispatch N posts across the four network doubles with realistic latency, through the real libraries.

    .venv/bin/python bench/dispatch_networks.py [--posts 2000] [--latency 0.05] [--store URL]

Each double answers every call after ``latency`` seconds. The worker (publisher.social.dispatcher)
sends one post at a time per account, with one thread per account, so the throughput allowed by
the latency is accounts / (latency + the library's own time per call); configured rate limits
are generous here so that latency is what binds (the rate-limited case is the dispatcher's own
benchmark). We report the throughput, the ratio to what latency allows, and how many calls were
in flight at once across the four networks (1 would mean one call at a time).
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from doubles import DOUBLES, channel_spec, environment

from publisher.social.channels.registry import adapter_class
from publisher.social.dispatcher import Dispatcher
from publisher.social.model import PlannedPost
from publisher.store import RateWindow, open_store

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


def max_overlap(spans: list[tuple[float, float]]) -> int:
    events = sorted([(s, 1) for s, _ in spans] + [(e, -1) for _, e in spans])
    best = current = 0
    for _, step in events:
        current += step
        best = max(best, current)
    return best


def call_cost(latency: float) -> float:
    """Seconds one send takes end to end for one account alone (library + latency), measured."""
    from doubles import XDouble

    double = XDouble(latency=latency).start()
    channel = adapter_class("x")("x", channel_spec("x"), environment(double))  # type: ignore[misc]
    posts = planned(40, dt.datetime.now(dt.UTC))
    from publisher.social.model import QueuedPost

    start = time.perf_counter()
    for i, p in enumerate(posts):
        channel.send(QueuedPost(id=i, key=p.key, piece=p.piece, channel="x", network="x", text=p.text + f" {i}",
                                link=p.link, scheduled_at=p.scheduled_at, lang="en", state="sending"))
    cost = (time.perf_counter() - start) / len(posts)
    double.stop()
    return cost


def worker(urls: dict[str, dict[str, str]], store_url: str, posts: int, index: int) -> dict[str, int]:
    """One `publisher worker` process: its own store connection and its own clients."""
    channels = {n: adapter_class(n)(n, channel_spec(n), env) for n, env in urls.items()}  # type: ignore[misc]
    rates = {n: RateWindow(posts=10 * posts, seconds=900) for n in NETWORKS}  # configured, not binding
    dispatcher = Dispatcher(open_store(store_url, migrate=False), channels, rates=rates, worker=f"bench-{index}")
    report = dispatcher.run_once()
    dispatcher.close()
    return dict(report.counts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--store", default=None, help="store URL (default: a temporary SQLite file)")
    parser.add_argument("--workers", type=int, default=1, help="worker processes sharing the store")
    args = parser.parse_args()

    doubles = {n: DOUBLES[n](latency=args.latency).start() for n in NETWORKS}
    envs = {n: environment(d) for n, d in doubles.items()}
    folder = tempfile.mkdtemp(prefix="bench-dispatch-")
    store_url = args.store or f"sqlite:///{folder}/publisher.db"
    schema = None
    if store_url.startswith("postgres"):  # never touch the database's own schema: a fresh one, dropped after
        import sqlalchemy as sa

        schema = f"bench_{int(time.time())}"
        with sa.create_engine(store_url).begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
        store_url += ("&" if "?" in store_url else "?") + f"options=-csearch_path%3D{schema}"
    store = open_store(store_url)
    now = dt.datetime.now(dt.UTC)
    store.apply_plan(planned(args.posts, now - dt.timedelta(minutes=1)), now)
    store.approve(now, everything=True)

    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(args.workers) as pool:
        results = pool.starmap(worker, [(envs, store_url, args.posts, i) for i in range(args.workers)])
    elapsed = time.perf_counter() - start
    counts: dict[str, int] = {}
    for result in results:
        for k, v in result.items():
            counts[k] = counts.get(k, 0) + v

    published = counts.get("published", 0)
    spans = [s for d in doubles.values() for s in d.spans]
    per_call = call_cost(args.latency)
    allowed = len(NETWORKS) / per_call
    latency_only = len(NETWORKS) / max(args.latency, 1e-9)
    print(f"posts: {args.posts}  published: {published}  other outcomes: "
          f"{ {k: v for k, v in counts.items() if k != 'published'} }  workers: {args.workers}")
    print(f"elapsed: {elapsed:.1f} s  throughput: {published / elapsed:.1f} posts/s")
    print(f"one account alone: {per_call * 1000:.1f} ms per send ({args.latency * 1000:.0f} ms latency + library)")
    print(f"allowed by latency: {latency_only:.1f} posts/s (pure latency), {allowed:.1f} posts/s "
          f"(latency + measured per-call cost); ratio {published / elapsed / allowed:.0%} "
          f"(vs pure latency {published / elapsed / latency_only:.0%})")
    print(f"network calls in flight at once (max, across the four doubles): {max_overlap(spans)}")
    print(f"one call at a time would take {args.posts * per_call:.1f} s")
    states = store.state_counts()
    print(f"store states: {dict(states)}  duplicates on the networks: "
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
