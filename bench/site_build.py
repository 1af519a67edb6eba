"""Site build benchmark (issue 2): our plugin against Material's own blog plugin on the same posts.

Generates N synthetic posts (about 600 words, a code block, tags, one author; deterministic with a
seed) into two throwaway projects:

* ours:     content/articles/*.md with our front matter, content/authors.yml, plugins search + publisher
            (home, type index, tag and author pages, RSS/Atom/JSON feeds, meta tags, sitemap);
* baseline: docs/blog/posts/*.md with Material's front matter, docs/blog/.authors.yml, plugins
            search + blog (index, archive, category pages, author profiles) + tags (tags index).

Both use the same Markdown extensions, theme features and page size (10 per index page); Material's
free blog has no RSS, so our feeds stay on and are extra work on our side. Each build runs in a fresh
`python -m mkdocs build -q` subprocess; its wall time, its own CPU time and peak RSS (os.wait4; CPU time
is steadier than wall time on a shared machine) and the size of the built site are recorded, and the
median of --repeat runs is reported.

    .venv/bin/python bench/site_build.py --n 200 1000 --repeat 3
    .venv/bin/python bench/site_build.py --n 1000 --profile      # where our build spends its time
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PER_PAGE = 10
TAG_POOL = 40
TAGS_PER_POST = 3

AUTHORS = {
    "camille": ("Camille Martin", "Head of Communications"),
    "sam": ("Sam Lee", "Solutions Engineer"),
    "ines": ("Inès Moreau", "Cloud Architect"),
    "noah": ("Noah Petit", "Sustainability Analyst"),
    "lea": ("Léa Garnier", "Customer Success"),
}

_WORD_TEXT = """
infrastructure platform storage network cluster capacity workload migration backup restore latency
throughput budget contract provider region datacentre energy carbon hardware server rack cooling
measure report audit owner team policy access key encryption export format archive release schedule
review incident recovery failover monitoring alert dashboard metric baseline target estimate forecast
procurement licence support lifecycle upgrade firmware kernel container image registry pipeline
deployment rollback change request ticket runbook drill exercise evidence compliance auditor board
customer supplier tender questionnaire invoice cost saving discount commitment reservation usage peak
median percentile growth trend season quarter month week weekday night weekend shift operator engineer
architect analyst director manager volunteer reader writer editor newsroom article paper study
"""
_WORDS = _WORD_TEXT.split()
_VERBS = ("measures", "reduces", "moves", "protects", "explains", "tracks", "limits", "improves",
          "documents", "shares", "tests", "replaces", "keeps", "plans", "reviews", "supports")
_CODE = '''\
```python
def monthly_cost(hours: float, rate: float, discount: float = 0.0) -> float:
    """Cost of one resource for a month, after a commitment discount."""
    gross = hours * rate
    return round(gross * (1 - discount), 2)


for name, hours, rate in [("web", 720, 0.052), ("db", 720, 0.41), ("batch", {h}, 0.19)]:
    print(name, monthly_cost(hours, rate, discount=0.{d}))
```'''


@dataclass(frozen=True)
class Post:
    slug: str
    title: str
    date: dt.date
    author: str
    tags: tuple[str, ...]
    summary: str
    body: str


def _sentence(rnd: random.Random) -> str:
    words = [rnd.choice(_WORDS) for _ in range(rnd.randint(9, 16))]
    words.insert(rnd.randint(2, 4), rnd.choice(_VERBS))
    return " ".join(words).capitalize() + "."


def _paragraph(rnd: random.Random, sentences: int) -> str:
    return textwrap.fill(" ".join(_sentence(rnd) for _ in range(sentences)), 100)


def synthetic_posts(n: int, seed: int = 2026) -> list[Post]:
    """N posts of about 600 words each, with headings, a list, a code block and three tags."""
    rnd = random.Random(seed)
    tags = [f"topic {chr(97 + i % 26)}{i // 26 or ''}" for i in range(TAG_POOL)]
    start = dt.date(2023, 1, 2)
    posts: list[Post] = []
    for i in range(n):
        title = f"{_sentence(rnd)[:-1].title()[:60].rstrip()} {i}"
        summary = _paragraph(rnd, 2).replace("\n", " ")
        parts = [summary]
        for _ in range(3):
            parts.append(f"## {rnd.choice(_WORDS).capitalize()} and {rnd.choice(_WORDS)}")
            parts.append(_paragraph(rnd, 5))
            parts.append(_paragraph(rnd, 5))
        parts.append("\n".join(f"- {_sentence(rnd)}" for _ in range(4)))
        parts.append(_CODE.format(h=rnd.randint(40, 700), d=rnd.randint(10, 40)))
        parts.append(_paragraph(rnd, 4))
        posts.append(Post(
            slug=f"post-{i:05d}",
            title=title,
            date=start + dt.timedelta(days=(i * 1300) // max(n, 1)),
            author=list(AUTHORS)[i % len(AUTHORS)],
            tags=tuple(rnd.sample(tags, TAGS_PER_POST)),
            summary=summary,
            body="\n\n".join(parts) + "\n",
        ))
    return posts


def _yaml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(f'"{i}"' for i in items) + "]"


_COMMON = """\
theme:
  name: material
  features: [navigation.instant, search.suggest, content.code.copy]
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.highlight
  - pymdownx.superfences
"""


def write_ours(root: Path, posts: Sequence[Post]) -> Path:
    """A project for our plugin; returns its mkdocs.yml."""
    content = root / "content"
    (content / "articles").mkdir(parents=True)
    (content / "index.md").write_text("# Newsroom\n", encoding="utf-8")
    (content / "authors.yml").write_text("".join(
        f"{key}:\n  name: {name}\n  role: {role}\n  avatar: https://example.org/{key}.png\n"
        for key, (name, role) in AUTHORS.items()), encoding="utf-8")
    for p in posts:
        (content / "articles" / f"{p.slug}.md").write_text(
            f"---\ntitle: \"{p.title}\"\ndate: {p.date.isoformat()}\nauthors: [{p.author}]\n"
            f"tags: {_yaml_list(p.tags)}\nsummary: \"{p.summary}\"\n---\n\n{p.body}", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Bench (ours)\nsite_url: https://bench.example.org/\ndocs_dir: content\n"
        + _COMMON.replace("  name: material\n", f"  name: material\n  custom_dir: {ROOT / 'theme'}\n")
        + f"plugins:\n  - search\n  - publisher:\n      lang: en\n      site:\n        per_page: {PER_PAGE}\n",
        encoding="utf-8")
    return config


def write_material(root: Path, posts: Sequence[Post]) -> Path:
    """The same posts for Material's blog plugin (with the <!-- more --> excerpt marker it expects)."""
    docs = root / "docs"
    (docs / "blog" / "posts").mkdir(parents=True)
    (docs / "index.md").write_text("# Newsroom\n", encoding="utf-8")
    (docs / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    (docs / "tags.md").write_text("# Tags\n\n<!-- material/tags -->\n", encoding="utf-8")
    (docs / "blog" / ".authors.yml").write_text("authors:\n" + "".join(
        f"  {key}:\n    name: {name}\n    description: {role}\n    avatar: https://example.org/{key}.png\n"
        for key, (name, role) in AUTHORS.items()), encoding="utf-8")
    for p in posts:
        summary, rest = p.body.split("\n\n", 1)
        (docs / "blog" / "posts" / f"{p.slug}.md").write_text(
            f"---\ntitle: \"{p.title}\"\ndate: {p.date.isoformat()}\nauthors: [{p.author}]\n"
            f"categories: {_yaml_list(p.tags)}\ntags: {_yaml_list(p.tags)}\ndescription: \"{p.summary}\"\n"
            f"---\n\n{summary}\n\n<!-- more -->\n\n{rest}", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(
        "site_name: Bench (Material blog)\nsite_url: https://bench.example.org/\ndocs_dir: docs\n" + _COMMON
        + "plugins:\n  - search\n  - tags\n  - blog:\n      post_url_format: \"{slug}\"\n"
        f"      authors_profiles: true\n      pagination_per_page: {PER_PAGE}\n",
        encoding="utf-8")
    return config


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    """User + system CPU time of the build process: far less disturbed by other load than wall time."""
    peak_rss: int
    """Peak resident set size of the build process, in bytes."""
    site_bytes: int
    site_files: int


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}


def build_once(config: Path, *, python: str = sys.executable) -> Run:
    """One `mkdocs build` in a fresh process: wall time, the child's own peak RSS, output size."""
    site = config.parent / "site"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    proc = subprocess.Popen([python, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
                            cwd=config.parent, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # wait4 gives this child's rusage; RUSAGE_CHILDREN would be the max over every child so far.
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"build failed ({config}):\n{stderr.decode(errors='replace')[-3000:]}")
    files = [p for p in site.rglob("*") if p.is_file()]
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024,
               sum(p.stat().st_size for p in files), len(files))


def profile_ours(config: Path, top: int = 30) -> None:
    """Run our build under cProfile and print where the time goes (cumulative, then own time)."""
    import pstats

    out = config.parent / "build.prof"
    site = config.parent / "site"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "mkdocs", "build", "-q",
                    "-f", str(config), "-d", str(site)], cwd=config.parent, env=_env(), check=True,
                   stdout=subprocess.DEVNULL)
    stats = pstats.Stats(str(out))
    print(f"\n--- cProfile of our build ({config}), by cumulative time ---")
    stats.sort_stats("cumulative").print_stats(top)
    print("--- our own modules (publisher/), by cumulative time ---")
    stats.sort_stats("cumulative").print_stats(r"publisher/", top)
    print("--- by own time ---")
    stats.sort_stats("tottime").print_stats(top)


def _mib(n: float) -> str:
    return f"{n / 2**20:.1f}"


def run(ns: Sequence[int], repeat: int, workdir: Path, seed: int) -> list[tuple[int, Run, Run]]:
    results: list[tuple[int, Run, Run]] = []
    for n in ns:
        posts = synthetic_posts(n, seed)
        ours_cfg = write_ours(workdir / f"ours-{n}", posts)
        base_cfg = write_material(workdir / f"material-{n}", posts)
        # One untimed build each: checks both work and warms the OS file cache equally.
        build_once(ours_cfg)
        build_once(base_cfg)
        ours_runs, base_runs = [], []
        for _ in range(repeat):  # alternate, so drift on the machine hits both sides alike
            ours_runs.append(build_once(ours_cfg))
            base_runs.append(build_once(base_cfg))
        results.append((n, _median(ours_runs), _median(base_runs)))
        words = sum(len(p.body.split()) for p in posts) // n
        print(f"N={n}: {words} words per post on average; wall (CPU) seconds: "
              f"ours {[f'{r.seconds:.1f} ({r.cpu_seconds:.1f})' for r in ours_runs]}, "
              f"Material {[f'{r.seconds:.1f} ({r.cpu_seconds:.1f})' for r in base_runs]}", flush=True)
    return results


def _median(runs: list[Run]) -> Run:
    return Run(statistics.median(r.seconds for r in runs), statistics.median(r.cpu_seconds for r in runs),
               int(statistics.median(r.peak_rss for r in runs)), runs[-1].site_bytes, runs[-1].site_files)


def report(results: list[tuple[int, Run, Run]]) -> str:
    lines = ["| N | build | wall time (s) | CPU time (s) | peak RSS (MiB) | site size (MiB) | files "
             "| wall ratio | CPU ratio | RSS ratio |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for n, ours, base in results:
        lines.append(f"| {n} | Material blog (baseline) | {base.seconds:.2f} | {base.cpu_seconds:.2f} | "
                     f"{_mib(base.peak_rss)} | {_mib(base.site_bytes)} | {base.site_files} | 1.00 | 1.00 | 1.00 |")
        lines.append(f"| {n} | ours | {ours.seconds:.2f} | {ours.cpu_seconds:.2f} | {_mib(ours.peak_rss)} | "
                     f"{_mib(ours.site_bytes)} | {ours.site_files} | {ours.seconds / base.seconds:.2f} | "
                     f"{ours.cpu_seconds / base.cpu_seconds:.2f} | {ours.peak_rss / base.peak_rss:.2f} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[200, 1000], help="numbers of posts (default: 200 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="timed builds per side and N (default: 3)")
    parser.add_argument("--seed", type=int, default=2026, help="seed of the synthetic posts")
    parser.add_argument("--keep", type=Path, default=None, help="build the projects here and keep them")
    parser.add_argument("--profile", action="store_true", help="also profile our build at the largest N")
    args = parser.parse_args(argv)

    workdir = args.keep or Path(tempfile.mkdtemp(prefix="site-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, projects in {workdir}", flush=True)
        results = run(args.n, args.repeat, workdir, args.seed)
        print()
        print(report(results))
        for n, ours, base in results:
            print(f"N={n}: ours/baseline wall time {ours.seconds / base.seconds:.2f}, "
                  f"CPU time {ours.cpu_seconds / base.cpu_seconds:.2f} (goal at 1000: <= 0.80), "
                  f"peak RSS {ours.peak_rss / base.peak_rss:.2f} (goal: <= 1.00), "
                  f"bytes per post ours {ours.site_bytes // n:,} / baseline {base.site_bytes // n:,}")
        if args.profile:
            profile_ours(workdir / f"ours-{max(args.n)}" / "mkdocs.yml")
    finally:
        if args.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
