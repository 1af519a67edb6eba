"""The docs stay honest: every command has help with an example and is documented in the guide and the
README; the generated reference pages match the code; the guide builds without a warning."""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import click
import pytest
from click.testing import CliRunner
from conftest import ROOT

from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)

DOCS = ROOT / "docs"
GENERATED = ("reference/front-matter.md", "reference/configuration.md", "reference/credentials.md")


def command_paths(group: click.Group = cli, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and sub-group under ``group``, as the words typed after `publisher`."""
    out: list[tuple[str, ...]] = []
    for name, command in sorted(group.commands.items()):
        path = (*prefix, name)
        out.append(path)
        if isinstance(command, click.Group):
            out.extend(command_paths(command, path))
    return out


def _guide_text() -> str:
    """Every page of the guide written by people (generated reference pages excluded)."""
    guide = DOCS / "guide"
    pages = [p for p in guide.rglob("*.md") if p.relative_to(guide).as_posix() not in GENERATED]
    pages += DOCS.glob("*.md")
    return "\n".join(p.read_text(encoding="utf-8") for p in pages)


def _mentions(text: str, path: tuple[str, ...]) -> bool:
    return re.search(rf"\bpublisher {re.escape(' '.join(path))}\b", text) is not None


def _guide_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("guide_pages", DOCS / "guide_pages.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_walk_finds_sub_groups_and_their_commands() -> None:
    paths = command_paths()
    assert ("import",) in paths and ("import", "wordpress") in paths and ("import", "feed") in paths
    assert ("init",) in paths and ("doctor",) in paths
    assert len(paths) >= 20


def test_every_command_has_help_with_an_example_block() -> None:
    runner = CliRunner()
    offenders: list[str] = []
    for path in command_paths():
        result = runner.invoke(cli, [*path, "--help"], terminal_width=100)
        lines = result.output.splitlines()
        name = "publisher " + " ".join(path)
        if result.exit_code != 0:
            offenders.append(f"{name}: --help failed")
            continue
        summary = next((line for line in lines[1:] if line.strip()), "")
        if not summary.strip() or summary.strip().startswith("Options:"):
            offenders.append(f"{name}: no help text")
        # `\b` keeps the example lines as written: "Example:" alone, then indented commands.
        at = next((i for i, line in enumerate(lines) if line.strip() == "Example:"), None)
        if at is None or at + 1 >= len(lines) or not lines[at + 1].startswith("    publisher " + path[0]):
            offenders.append(f"{name}: no 'Example:' block (put \\b before it and indent the commands)")
    assert not offenders, "commands whose --help lacks text or an example:\n  " + "\n  ".join(offenders)


def test_every_command_is_documented_in_the_guide() -> None:
    text = _guide_text()
    missing = ["publisher " + " ".join(p) for p in command_paths() if not _mentions(text, p)]
    assert not missing, "commands the guide (docs/) never mentions:\n  " + "\n  ".join(missing)


def test_every_command_is_in_the_readme() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = ["publisher " + " ".join(p) for p in command_paths() if not _mentions(text, p)]
    assert not missing, "commands missing from README.md:\n  " + "\n  ".join(missing)


def test_the_docs_checks_can_fail() -> None:
    assert not _mentions("run `publisher plans` or `publisher planning`", ("plan",))
    assert _mentions("then `publisher import wordpress export.xml`", ("import", "wordpress"))


@pytest.mark.parametrize("rel", GENERATED)
def test_generated_reference_pages_match_the_code(rel: str) -> None:
    module = _guide_module()
    fresh = module.PAGES[rel]()
    committed = (DOCS / "guide" / rel).read_text(encoding="utf-8")
    assert committed == fresh, f"docs/guide/{rel} is stale: run python docs/guide_pages.py and commit it"


def test_generated_front_matter_reference_covers_every_field() -> None:
    from publisher.content.frontmatter import field_reference

    page = _guide_module().PAGES["reference/front-matter.md"]()
    assert all(f"| `{name}` |" in page for name, _ in field_reference())


@pytest.mark.slow
def test_the_guide_builds_strictly(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    result = subprocess.run([str(mkdocs), "build", "-f", str(DOCS / "mkdocs.yml"), "--site-dir", str(tmp_path / "g")],
                            capture_output=True, text=True, env=env, timeout=180)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "g"
    for page in ("guide/scheduling", "guide/reference/front-matter", "guide/reference/configuration", "reports"):
        assert (site / page / "index.html").is_file(), page
    assert (site / "index.html").is_file()
    scheduling = (site / "guide" / "scheduling" / "index.html").read_text(encoding="utf-8")
    assert "OnCalendar" in scheduling and "*/10 * * * *" in scheduling


# -- the scheduling page's unit files and crontab are real ------------------------------------------

def _code_blocks(page: Path) -> list[tuple[str, str]]:
    """(info string, body) of every fenced code block of a Markdown page."""
    text = page.read_text(encoding="utf-8")
    return [(m.group(1).strip(), m.group(2)) for m in re.finditer(r"^```([^\n]*)\n(.*?)^```", text, re.M | re.S)]


def test_scheduling_page_has_crontab_lines_with_valid_schedules() -> None:
    from test_init import _valid_cron

    blocks = [body for info, body in _code_blocks(DOCS / "guide" / "scheduling.md") if "m   h  dom" in body]
    assert len(blocks) == 1
    lines = [line for line in blocks[0].splitlines() if line.strip() and not line.startswith("#")]
    schedules = [" ".join(line.split()[:5]) for line in lines]
    assert "*/10 * * * *" in schedules
    assert all(_valid_cron(s) for s in schedules), schedules
    assert any("publisher run" in line for line in lines) and any("publisher metrics" in line for line in lines)


@pytest.mark.skipif(not Path("/usr/bin/systemd-analyze").exists(), reason="needs systemd-analyze")
def test_scheduling_page_systemd_units_verify(tmp_path: Path) -> None:
    units = {m.group(1).rsplit("/", 1)[-1]: body for info, body in _code_blocks(DOCS / "guide" / "scheduling.md")
             if (m := re.search(r'title="([^"]+)"', info))}
    assert {"publisher-send.service", "publisher-send.timer", "publisher-metrics.timer", "publisher-site.timer",
            "publisher-worker.service"} <= set(units)
    # The units name the server's paths; point them at this machine's so every command really exists.
    project = tmp_path / "srv" / "newsroom"
    (project / ".publisher").mkdir(parents=True)
    bin_dir = str(Path(sys.executable).parent)
    for name, body in units.items():
        text = (body.replace("/srv/newsroom/.venv/bin", bin_dir).replace("/srv/newsroom", str(project))
                .replace("/usr/bin/rsync", "/bin/cp").replace("/etc/publisher/newsroom.env", str(tmp_path / "env")))
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", *(str(tmp_path / n) for n in sorted(units))],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Unknown key" not in result.stderr and "ignoring" not in result.stderr, result.stderr
    for name, body in units.items():
        for spec in re.findall(r"^OnCalendar=(.+)$", body, re.M):
            check = subprocess.run(["systemd-analyze", "calendar", spec], capture_output=True, text=True, timeout=30)
            assert check.returncode == 0, (name, spec, check.stderr)
