"""Reading and validating N piece files (front matter + body), as `publisher plan` and `mkdocs build` do first.

    .venv/bin/python bench/load_pieces.py [--pieces 10000] [--repeat 3]

Writes N synthetic pieces (front matter with dates, tags, takeaways, quotes; a 600-word body; seeded)
into a throwaway content/ folder, then times load_pieces (publisher.content.loader: python-frontmatter's
handler, the C YAML loader, the schema, the cross checks) --repeat times in this process and reports the
median wall and CPU seconds. Results go in docs/benchmarks.md ("Reading pieces").
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publisher.content.loader import LoadContext, TypeInfo, load_pieces, piece_files

WORDS = ["cloud", "sovereignty", "data", "contract", "carbon", "hardware", "lifecycle", "team", "budget", "migration", "audit", "souveraineté", "données", "contrat", "matériel", "équipe", "budget", "réversibilité"]


def write_pieces(docs: Path, count: int, seed: int) -> None:
    rng = random.Random(seed)
    folder = docs / "articles"
    folder.mkdir(parents=True)
    for i in range(count):
        tags = ", ".join(rng.sample(WORDS, 3))
        body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(100)).capitalize() + "." for _ in range(6))
        (folder / f"piece-{i:05d}.md").write_text(
            f"---\ntitle: Piece {i} {' '.join(rng.sample(WORDS, 5))}\ndate: 2026-{1 + i % 12:02d}-{1 + i % 28:02d}"
            f" 09:30\nsummary: {' '.join(rng.sample(WORDS, 12))}.\ntags: [{tags}]\n"
            f"takeaways:\n  - {' '.join(rng.sample(WORDS, 8))}.\n  - {' '.join(rng.sample(WORDS, 8))}.\n"
            f"quotes:\n  - {{text: {' '.join(rng.sample(WORDS, 9))}, by: Camille Martin, role: CTO}}\n---\n\n"
            f"{body}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="publisher-load-"))
    try:
        docs = root / "content"
        write_pieces(docs, args.pieces, args.seed)
        ctx = LoadContext(docs_dir=docs, types={"article": TypeInfo("article", "articles")}, languages=["en", "fr"],
                          default_lang="en", zone=ZoneInfo("Europe/Paris"), root=root)
        walls, cpus = [], []
        for _ in range(args.repeat):
            wall, cpu = time.perf_counter(), time.process_time()
            library = load_pieces(piece_files(docs, ["articles"]), ctx)
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            assert len(library) == args.pieces
        print(f"load_pieces, {args.pieces} pieces: wall {statistics.median(walls):.2f} s, "
              f"CPU {statistics.median(cpus):.2f} s (median of {args.repeat}; runs {', '.join(f'{w:.2f}' for w in walls)})")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
