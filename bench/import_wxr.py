"""Import the WordPress theme unit test export (186 items) into a fresh project; goal: at most 5 s.

    .venv/bin/python bench/import_wxr.py [--runs 3] [--export PATH]

Each run makes a new temporary project (mkdocs.yml, content/, an authors file) and runs the real
`publisher import wordpress` command in-process (parse with defusedxml, shortcodes, wpautop, nh3,
markdownify, validation of every file with the content loader, atomic writes), pages imported
too. Then the same export is imported again into that project (every piece matched and compared,
nothing written): the cost of a routine re-sync. One more run goes through a real subprocess,
interpreter start-up included, as a user would see it. We print wall times, the CPU time of the
in-process runs (the work is single-threaded, so on a shared, busy machine CPU time is what the
same run costs on an idle core), the pieces written and the ratio to the 5 s goal (below 1.0 is
within it).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from click.testing import CliRunner

from publisher.cli import commands  # noqa: F401  (registers every command)
from publisher.cli.app import cli

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_EXPORT = ROOT.parent / "shared" / "corpora" / "wxr" / "theme-test-data" / "themeunittestdata.wordpress.xml"
GOAL_SECONDS = 5.0
MKDOCS_YML = """\
site_name: Bench
site_url: https://bench.example.org/
docs_dir: content
theme: {name: material}
plugins:
  - publisher:
      lang: en
"""


def make_project(base: Path) -> Path:
    (base / "content").mkdir(parents=True)
    (base / "content" / "index.md").write_text("# Home\n")
    (base / "content" / "authors.yml").write_text("# Team\ncamille:\n  name: Camille Martin\n")
    config = base / "mkdocs.yml"
    config.write_text(MKDOCS_YML)
    return config


def timed_import(config: Path, export: Path) -> tuple[float, float, str]:
    """(wall seconds, CPU seconds of this process, the command's output)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = CliRunner().invoke(cli, ["-f", str(config), "import", "wordpress", str(export), "--pages", "article"])
    elapsed, used = time.perf_counter() - start, time.process_time() - cpu
    if result.exit_code != 0:
        raise SystemExit(f"import failed:\n{result.output}")
    return elapsed, used, result.output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--export", type=Path, default=DEFAULT_EXPORT)
    args = parser.parse_args()
    if not args.export.is_file():
        raise SystemExit(f"export not found: {args.export} (expected ../shared/corpora beside the project)")
    items = args.export.read_text(encoding="utf-8").count("<item>")
    first: list[float] = []
    first_cpu: list[float] = []
    again: list[float] = []
    written = 0
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            config = make_project(Path(tmp) / f"run{run}")
            seconds, cpu, _ = timed_import(config, args.export)
            first.append(seconds)
            first_cpu.append(cpu)
            written = len(list((config.parent / "content" / "articles").glob("*.md")))
            seconds, _, output = timed_import(config, args.export)
            again.append(seconds)
            if " 0 new, 0 updated" not in output:
                raise SystemExit(f"re-import changed something:\n{output}")
        config = make_project(Path(tmp) / "subprocess")
        start, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", "from publisher.cli import main; main()", "-f", str(config),
                        "import", "wordpress", str(args.export), "--pages", "article"],
                       check=True, capture_output=True)
        cold = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cold_cpu = (after.ru_utime + after.ru_stime) - (children.ru_utime + children.ru_stime)
    best, median = min(first), statistics.median(first)
    print(f"export: {args.export.name} ({items} items, {written} pieces written, the rest attachments/menus)")
    print(f"first import, in-process: best {best:.2f} s, median {median:.2f} s over {args.runs} runs "
          f"(CPU time: best {min(first_cpu):.2f} s, median {statistics.median(first_cpu):.2f} s)")
    print(f"re-import (nothing to write): best {min(again):.2f} s, median {statistics.median(again):.2f} s")
    print(f"first import as a subprocess (interpreter start-up included): {cold:.2f} s (CPU time {cold_cpu:.2f} s)")
    print(f"ratio to the {GOAL_SECONDS:.0f} s goal: {median / GOAL_SECONDS:.2f} (in-process median), "
          f"{cold / GOAL_SECONDS:.2f} (subprocess); by CPU time {statistics.median(first_cpu) / GOAL_SECONDS:.2f} "
          f"and {cold_cpu / GOAL_SECONDS:.2f}")


if __name__ == "__main__":
    main()
