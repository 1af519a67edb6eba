"""Planner-only speed: make_plan over synthetic pieces, no store.

    .venv/bin/python bench/plan.py [--pieces 10000] [--repeat 3]

Builds N pieces (half English, half French, each with a summary, 2 quotes, 3 takeaways and tags;
dated over the past year), a configuration with 4 channels, 96 slots a day, a cap of 96 posts per
channel per day, a two-year horizon, follow-ups at +3 and +10 days and evergreen recycling up to 10
times, then times `make_plan`. The store engineer's target is 10,000 pieces x 4 networks
(>= 200,000 posts) planned *and stored* in <= 10 s on 2 cores; the planner should take well under
half of that. Results go in docs/benchmarks.md ("Planner").
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from publisher.config import settings_from, validate_block
from publisher.content.model import Library, Piece, Quote
from publisher.social.planner import make_plan, rules_from

ZONE = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 3, 2, 7, 0, tzinfo=dt.UTC)
WORDS_EN = ["cloud", "data", "contract", "server", "energy", "team", "audit", "migration", "backup", "region",
            "cost", "risk", "plan", "sovereignty", "hosting", "network", "storage", "workload", "supplier", "budget"]
WORDS_FR = ["cloud", "données", "contrat", "serveur", "énergie", "équipe", "audit", "migration", "sauvegarde",
            "région", "coût", "risque", "plan", "souveraineté", "hébergement", "réseau", "stockage", "charge",
            "fournisseur", "budget"]
TAGS = ["cloud", "green it", "sovereignty", "réversibilité", "data centers", "security", "costs"]


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    text = " ".join(rng.choice(words) for _ in range(n))
    return text[0].upper() + text[1:] + f", {rng.randint(2, 95)} %."


def synthetic_pieces(count: int, seed: int = 7) -> list[Piece]:
    rng = random.Random(seed)
    pieces = []
    for i in range(count):
        fr = i % 2 == 1
        words = WORDS_FR if fr else WORDS_EN
        date = NOW - dt.timedelta(days=rng.randint(0, 365), hours=rng.randint(0, 23))
        pieces.append(Piece(
            path=Path(f"/bench/content/articles/piece-{i}.md"),
            src_uri=f"articles/piece-{i}.md",
            type="article",
            folder="articles",
            slug=f"piece-{i}",
            title=sentence(rng, words, 8).rstrip(".") + f" ({i})",
            date=date,
            lang="fr" if fr else "en",
            body="",
            summary=sentence(rng, words, 22) + " " + sentence(rng, words, 14),
            tags=tuple(rng.sample(TAGS, 3)),
            takeaways=tuple(sentence(rng, words, rng.randint(10, 30)) for _ in range(3)),
            quotes=(Quote(sentence(rng, words, 16), "Camille Martin"), Quote(sentence(rng, words, 40), "Sam Lee")),
            campaign="launch-2026" if i % 10 == 0 else None,
        ))
    return pieces


def bench_settings() -> object:
    slots = [f"{h:02d}:{m:02d}" for h in range(24) for m in (0, 15, 30, 45)]
    block = {
        "timezone": "Europe/Paris",
        "calendar": {"slots": dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), slots),
                     "cap_per_day": 96, "horizon_days": 730},
        "rules": {"follow_ups": [3, 10], "cooldown_days": 30,
                  "evergreen": {"after_days": 30, "every_days": 30, "end_after_days": 730, "max_times": 10}},
        "campaigns": {"launch-2026": {"hashtag": "#Launch2026"}},
        # every tag a hashtag, as before tags became the team's choice (hashtags.FROM_TAGS): the heavier
        # case, and the same work as the benchmarks recorded before it
        "hashtags": {"from_tags": True},
    }
    config_file = Path("/bench/mkdocs.yml")
    plugin = validate_block(block, config_file)
    return settings_from(plugin, config_file, {"site_url": "https://news.example.org/", "docs_dir": "content"})


def calibration() -> float:
    """CPU seconds for a fixed pure-Python loop: the shared machine is rarely idle, so results are
    also given in these units to compare runs made under different loads."""
    start = time.process_time()
    total = 0
    for i in range(5_000_000):
        total += i
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pieces", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pieces = synthetic_pieces(args.pieces)
    settings = bench_settings()
    rules = rules_from(settings, Library(tuple(pieces), {}))
    make_plan(pieces[:20], rules, NOW)  # import the counting libraries once, outside the timing
    walls, cpus, calibs = [], [], []
    plan = None
    for _ in range(args.repeat):
        calibs.append(calibration())
        plan = None  # free the previous plan before timing the next
        wall, cpu = time.perf_counter(), time.process_time()
        plan = make_plan(pieces, rules, NOW)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    calibs.append(calibration())
    assert plan is not None
    networks = sorted({p.network for p in plan.posts})
    unit = statistics.median(calibs)
    print(f"pieces={len(pieces)} networks={len(networks)} posts={len(plan.posts)} dropped={len(plan.dropped)}")
    print(f"make_plan: wall best {min(walls):.2f} s, median {statistics.median(walls):.2f} s; "
          f"cpu best {min(cpus):.2f} s, median {statistics.median(cpus):.2f} s over {len(walls)} runs")
    print(f"calibration loop (5M additions): median {unit:.3f} s cpu; make_plan = {min(cpus) / unit:.1f} loops")


if __name__ == "__main__":
    main()
