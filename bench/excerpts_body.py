"""What reading a body costs: excerpts_for on pieces whose author gave no takeaways or quotes.

    .venv/bin/python bench/excerpts_body.py [--pieces 2000]

The plan benchmark (bench/plan.py) uses pieces with takeaways and quotes and an empty body, so it never
reads a body. This one takes the French and English bodies of the post-quality corpus (tests/corpus),
makes each piece's text unique (the analysis is cached per content), and times excerpts_for: sentence
split, the stand-alone rules, reported speech, key terms (wordfreq) and ranking, once per piece.
Results go in docs/benchmarks.md ("Excerpts: reading a body").
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from publisher.config import load_settings  # noqa: E402
from publisher.content import load_library  # noqa: E402
from publisher.social.excerpts import excerpts_for  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=2000)
    args = parser.parse_args()
    corpus = [p for p in load_library(load_settings(HERE.parent / "tests" / "corpus" / "mkdocs.yml"))
              if not (p.takeaways or p.quotes or p.social)]
    pieces = [dataclasses.replace(piece, slug=f"{piece.slug}-{n}", body=f"{piece.body}\n\nPiece {n}.\n")
              for n in range(args.pieces // len(corpus) + 1) for piece in corpus][:args.pieces]
    excerpts_for(pieces[0])  # imports wordfreq and loads its word lists once, as a plan does
    wall, cpu = time.perf_counter(), time.process_time()
    count = sum(len(excerpts_for(piece)) for piece in pieces)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    print(f"{len(pieces)} pieces read ({count} candidates): {wall:.2f} s wall, {cpu:.2f} s cpu, "
          f"{1000 * cpu / len(pieces):.2f} ms cpu per piece")
    wall, cpu = time.perf_counter(), time.process_time()
    for piece in pieces:
        excerpts_for(piece)
    print(f"again, cached per content: {time.perf_counter() - wall:.2f} s wall, {time.process_time() - cpu:.2f} s cpu")


if __name__ == "__main__":
    main()
