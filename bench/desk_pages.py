"""The desk's queue and calendar with 10,000 posts in the store: each page must answer in under 1 s.

    .venv/bin/python bench/desk_pages.py [--posts 10000] [--repeat 7] [--pg URL]

Builds a project (this repository's mkdocs.yml, its own store) whose store holds N posts for N/4
pieces on four channels over 90 days (60 % proposed, the rest approved and a tenth of all published, each
with a link card), then times GET requests through the real app in process (Starlette's TestClient: routing,
the Guard, the store queries, the previews and the Jinja templates; no network hop). Each page is
asked once cold, then --repeat times; the median and the slowest are reported. Results go in
docs/benchmarks.md ("Desk").
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from publisher.config import load_settings  # noqa: E402
from publisher.desk.app import make_app  # noqa: E402
from publisher.posts.model import LinkCard, PlannedPost  # noqa: E402
from publisher.store import open_store, tables  # noqa: E402

START = dt.datetime(2026, 12, 7, 8, 10, tzinfo=dt.UTC)
CHANNELS = ("x", "mastodon", "bluesky", "linkedin")
PAGES = ("/queue", "/queue?view=approved", "/queue?view=all&page=40", "/calendar?start=2026-12-14",
         "/calendar?view=month&start=2027-01-01", "/calendar?view=week&start=2027-01-11&channel=x")


def posts(count: int, rng: random.Random) -> list[PlannedPost]:
    out = []
    for n in range(count):
        piece = f"articles/piece-{n // len(CHANNELS)}"
        channel = CHANNELS[n % len(CHANNELS)]
        at = START + dt.timedelta(minutes=rng.randrange(0, 90 * 24 * 60))
        link = f"https://news.example.org/{piece}/?utm_source={channel}&utm_medium=social"
        text = (f"« Piece {n // 4} » : what the results mean for a mid-size company, and what to do "
                f"next (week {n % 13}).\n\nRead more: {link}\n#Cloud #Sovereignty")
        state = rng.choices(("proposed", "approved"), (6, 4))[0]
        out.append(PlannedPost(key=f"{piece}:{channel}:launch", piece=piece, channel=channel, network=channel,
                               role="launch", excerpt_id=f"ex{n}", excerpt_kind="summary", text=text, link=link,
                               scheduled_at=at, lang="en", card=LinkCard(f"https://news.example.org/{piece}/",
                               f"Piece {n // 4}: a title of ordinary length", "A description of two lines."),
                               state=state))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--pg", default=None, help="a PostgreSQL URL (its schema is filled; use a scratch one)")
    args = parser.parse_args()
    from starlette.testclient import TestClient

    work = Path(tempfile.mkdtemp(prefix="desk-bench-"))
    try:
        shutil.copy(ROOT / "mkdocs.yml", work / "mkdocs.yml")
        shutil.copytree(ROOT / "content", work / "content")
        shutil.copytree(ROOT / "theme", work / "theme")
        os.environ.pop("PUBLISHER_STORE", None)
        if args.pg:
            os.environ["PUBLISHER_STORE"] = args.pg
        settings = load_settings(work / "mkdocs.yml")
        store = open_store(args.pg or settings.store_url)
        store.apply_plan(posts(args.posts, random.Random(7)), START - dt.timedelta(days=1))
        with store.transaction() as conn:  # a tenth went out already
            conn.execute(tables.posts.update().where(tables.posts.c.id % 10 == 0, tables.posts.c.state == "approved")
                         .values(state="published", remote_id="r"))
        app = make_app(settings, store, clock=lambda: START)
        load = os.getloadavg()
        print(f"{args.posts} posts on {'PostgreSQL' if args.pg else 'SQLite'}; load average {load[0]:.2f} "
              f"{load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs")
        t = time.perf_counter()
        with TestClient(app, base_url="http://127.0.0.1") as client:
            print(f"start-up (counting libraries, templates): {(time.perf_counter() - t) * 1000:.0f} ms")
            for path in PAGES:
                t = time.perf_counter()
                first = client.get(path)
                cold = time.perf_counter() - t
                assert first.status_code == 200, (path, first.status_code)
                times = []
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    client.get(path)
                    times.append(time.perf_counter() - t)
                print(f"{path:48} cold {cold * 1000:6.0f} ms  median {statistics.median(times) * 1000:6.0f} ms  "
                      f"slowest {max(times) * 1000:6.0f} ms  ({len(first.content) // 1024} KiB)")
        store.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
