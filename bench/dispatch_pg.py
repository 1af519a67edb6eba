"""Dispatch to the outbox from 4 worker processes sharing one PostgreSQL store: throughput, and zero
duplicates (each worker claims with FOR UPDATE SKIP LOCKED).

    .venv/bin/python bench/dispatch_pg.py [--posts 4000] [--workers 4] [--channels 4]
                                          [--url postgresql+psycopg://postgres@127.0.0.1:5432/test]

Runs bench/dispatch_outbox.py's measurement in a fresh schema (dropped afterwards) and prints the
same lines, including 'sent twice=0'. Results go in docs/benchmarks.md ("Queue and dispatch").
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import uuid
from pathlib import Path

import sqlalchemy as sa

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--channels", type=int, default=4)
    parser.add_argument("--fsync", default="second")
    parser.add_argument("--url", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(args.url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = sa.engine.make_url(args.url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        subprocess.run([sys.executable, str(HERE / "dispatch_outbox.py"), "--store",
                        url.render_as_string(hide_password=False), "--posts", str(args.posts),
                        "--workers", str(args.workers), "--channels", str(args.channels), "--fsync", args.fsync],
                       check=True)
    finally:
        with admin.begin() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


if __name__ == "__main__":
    main()
