"""Report speed with a million metric snapshots, on SQLite and PostgreSQL, through the real CLI.

    .venv/bin/python bench/report.py [--posts 28000] [--per-post 36] [--repeat 3] [--pg URL | --no-pg]

Builds a project (this repository's mkdocs.yml and content/) whose store holds N posts published
over the past year through the real dispatcher (dry-run outbox), then ingests posts x per-post
snapshots with the metrics store's bulk insert (timed: goal <= 60 s for 1,000,000), imports a
Plausible export with a row per post and day, and times `publisher report --since 90d` as a fresh
process (goal <= 2 s), for the terminal tables, JSON and the HTML page. The snapshot schedule
follows the metrics pull: 6 in the first day, then daily for a month.
Results go in docs/benchmarks.md ("Reports").
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from publisher.posts.model import Outcome, PlannedPost, Published, QueuedPost, Snapshot  # noqa: E402
from publisher.sending.channels.outbox import OutboxChannel  # noqa: E402
from publisher.sending.dispatcher import Dispatcher  # noqa: E402
from publisher.store import Store, open_store  # noqa: E402
from publisher.store.metrics import StoredSnapshot, add_snapshots, count  # noqa: E402

NOW = dt.datetime(2026, 11, 22, 12, tzinfo=dt.UTC)
NETWORKS = {"x": 9, "mastodon": 5, "bluesky": 7, "linkedin": 16}
KINDS = ("quote", "takeaway", "summary", "hand-written", "title", "sentence")
PIECES = [f"articles/piece-{i}" for i in range(400)]
FIRST_DAY = (0.5, 1, 2, 4, 8, 16)  # hours after publication
PG_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def planned_posts(count: int, rng: random.Random) -> list[PlannedPost]:
    posts = []
    for i in range(count):
        network = rng.choice(sorted(NETWORKS))
        piece = rng.choice(PIECES)
        at = NOW - dt.timedelta(seconds=rng.randint(3600, 365 * 86400))
        excerpt = f"{rng.randrange(16 ** 10):010x}"
        posts.append(PlannedPost(
            key=f"{piece}:{network}:bench-{i}", piece=piece, channel=network, network=network, role=f"bench-{i}",
            excerpt_id=excerpt, excerpt_kind=rng.choice(KINDS), text=f"Bench post {i} about {piece}",
            link=f"https://newsroom.clairval.example/{piece}/?utm_source={network}&utm_content={excerpt}",
            scheduled_at=at, lang="en", campaign=rng.choice([None, "sovereign-cloud-2026", "low-carbon-it-2026"]),
            state="approved"))
    return posts


class StandInNetwork(OutboxChannel):
    """The outbox standing in for a network: posts get the network's kind of id, so the report counts
    them (it leaves out posts that only reached the dry-run outbox)."""

    def send(self, post: QueuedPost) -> Outcome:
        outcome = super().send(post)
        return dataclasses.replace(outcome, remote_id=f"{self.network}-{post.id}") if isinstance(outcome, Published) \
            else outcome


def publish(store: Store, posts: list[PlannedPost], outbox: Path) -> list[tuple[int, str, str, dt.datetime]]:
    store.apply_plan(posts, NOW - dt.timedelta(days=366))
    channels = {n: StandInNetwork(n, folder=outbox, network=n, fsync="never") for n in NETWORKS}
    dispatcher = Dispatcher(store, channels, clock=lambda: NOW)
    try:
        dispatcher.run_once(reconcile=False)
    finally:
        dispatcher.close()
    return [(r.post.id, r.post.channel, r.post.excerpt_id, r.post.scheduled_at)
            for r in store.records(states=["published"])]


def snapshot_rows(published: list[tuple[int, str, str, dt.datetime]], per_post: int,
                  seed: int) -> Iterator[StoredSnapshot]:
    rng = random.Random(seed)
    # The schedule, built once: the timed ingest should measure the store, not this generator.
    offsets = ([dt.timedelta(hours=h) for h in FIRST_DAY] + [dt.timedelta(days=d) for d in range(1, 400)])[:per_post]
    for post_id, channel, _excerpt, at in published:
        final = max(0, round(rng.gauss(NETWORKS[channel] * 2, 4)))
        impressions = channel in ("x", "linkedin")
        for k, offset in enumerate(offsets):
            share = min(1.0, (k + 1) / 8)
            likes = round(final * share)
            yield StoredSnapshot(post_id, channel, Snapshot(
                f"remote-{post_id}", at + offset, likes, likes // 5, likes // 9, likes // 20,
                likes * 60 if impressions else None, likes // 3 if channel == "linkedin" else None))


def analytics_export(published: list[tuple[int, str, str, dt.datetime]], path: Path, seed: int) -> int:
    rng = random.Random(seed)
    lines = ["date,source,referrer,utm_source,utm_medium,utm_campaign,utm_content,utm_term,pageviews,visitors,"
             "visits,visit_duration,bounces"]
    for _post_id, channel, excerpt, at in published:
        if at < NOW - dt.timedelta(days=200):
            continue
        visits = rng.randint(0, 30)
        lines.append(f"{at.date()},{channel},,{channel},social,bench,{excerpt},,{visits},{visits},{visits},60,1")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def cli(project: Path, store_url: str, *args: str) -> tuple[float, float]:
    """Run the real `publisher` in a fresh process: (wall seconds, CPU seconds of that process)."""
    env = {**os.environ, "PUBLISHER_STORE": store_url, "NO_MKDOCS_2_WARNING": "1", "COLUMNS": "140"}
    # Measure an installation as people have it: Python caches compiled modules (__pycache__) after
    # the first run. A shell with PYTHONDONTWRITEBYTECODE=1 would recompile every module every time.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "publisher"), "-f", str(project / "mkdocs.yml"), *args],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"publisher {' '.join(args)} failed:\n{done.stderr}")
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def timed(project: Path, store_url: str, repeat: int, *args: str) -> tuple[float, float]:
    """Median wall and CPU seconds over ``repeat`` runs."""
    runs = [cli(project, store_url, *args) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def run_engine(name: str, store_url: str, project: Path, args: argparse.Namespace) -> dict[str, float]:
    rng = random.Random(11)
    store = open_store(store_url)
    now = NOW.isoformat()
    results: dict[str, float] = {}
    if count(store) == 0:  # a kept --work folder is measured again without seeding it again
        t = time.perf_counter()
        published = publish(store, planned_posts(args.posts, rng), project / ".publisher" / "outbox")
        results["publish_s"] = time.perf_counter() - t
        t, cpu = time.perf_counter(), time.process_time()
        results["snapshots"] = add_snapshots(store, snapshot_rows(published, args.per_post, seed=5))
        results["ingest_s"] = time.perf_counter() - t
        results["ingest_cpu"] = time.process_time() - cpu  # this process only (PostgreSQL's server not included)
        assert count(store) == results["snapshots"]
        results["posts"] = len(published)
        export = project / f"imported_sources_{name}.csv"
        results["analytics_rows"] = analytics_export(published, export, seed=9)
        results["import_s"] = cli(project, store_url, "analytics", "import", str(export), "--now", now)[0]
    store.close()
    cli(project, store_url, "report", "--since", "90d", "--now", now)  # warm the OS cache once
    for label, extra in (("table", ()), ("json", ("--format", "json")),
                         ("html", ("--format", "json", "--html", str(project / f"report-{name}.html")))):
        results[f"report_{label}_s"], results[f"report_{label}_cpu"] = timed(
            project, store_url, args.repeat, "report", "--since", "90d", "--now", now, *extra)
    results["version_s"], results["version_cpu"] = timed(project, store_url, args.repeat, "--version")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=28_000)
    parser.add_argument("--per-post", type=int, default=36)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg", default=os.environ.get("PUBLISHER_TEST_PG", PG_DEFAULT))
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--work", type=Path, help="Keep the project and SQLite file here; a second run "
                        "with the same folder measures the reports again without seeding (e.g. bench/out/report).")
    args = parser.parse_args()

    work = args.work.resolve() if args.work else Path(tempfile.mkdtemp(prefix="bench-report-"))
    project = work / "project"
    if not project.exists():
        project.mkdir(parents=True)
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copytree(ROOT / "content", project / "content")
        shutil.copytree(ROOT / "theme", project / "theme")
    engines = [("sqlite", f"sqlite:///{work / 'publisher.db'}")]
    schema = f"bench_report_{uuid.uuid4().hex[:8]}"
    admin = None
    if not args.no_pg:
        admin = sa.create_engine(args.pg)
        with admin.begin() as conn:
            conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
        url = sa.engine.make_url(args.pg).update_query_dict({"options": f"-csearch_path={schema}"})
        engines.append(("postgresql", url.render_as_string(hide_password=False)))
    try:
        print(f"{args.posts} posts x {args.per_post} snapshots, report over 90 days, {os.cpu_count()} cores, "
              f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        for name, url in engines:
            r = run_engine(name, url, project, args)
            print(f"\n[{name}]")
            if "posts" in r:
                print(f"  published {r['posts']:.0f} posts through the outbox in {r['publish_s']:.1f} s")
                print(f"  ingested {r['snapshots']:,.0f} snapshots in {r['ingest_s']:.1f} s wall, "
                      f"{r['ingest_cpu']:.1f} s CPU ({r['snapshots'] / r['ingest_s']:,.0f}/s; goal <= 60 s: "
                      f"{r['ingest_s'] / 60:.2f} of budget)")
                print(f"  analytics import of {r['analytics_rows']:,.0f} rows (CLI process): {r['import_s']:.2f} s")
            for label in ("table", "json", "html"):
                value, cpu = r[f"report_{label}_s"], r[f"report_{label}_cpu"]
                print(f"  publisher report --since 90d ({label}): {value:.2f} s wall, {cpu:.2f} s CPU "
                      f"(goal <= 2 s: {value / 2:.2f} of budget)")
            print(f"  publisher --version (process start-up alone): {r['version_s']:.2f} s wall, "
                  f"{r['version_cpu']:.2f} s CPU")
            print(f"  load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    finally:
        if admin is not None:
            with admin.begin() as conn:
                conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
            admin.dispose()
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
