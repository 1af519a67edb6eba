"""Start-up of the console script: a command imports its own module and what it needs, nothing else.

Every run is a real `publisher` process (the console entry point, main()); the modules it imported
are read from inside that process when it exits.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import ProjectDir

import publisher.cli.commands  # noqa: F401  (registers every command)
from publisher.cli import cli
from publisher.cli.app import COMMAND_MODULES

# Runs main() as the console script does, then writes the names of the imported modules to a file.
RUN = """
import atexit, json, os, sys
atexit.register(lambda: open(os.environ["MODULES_FILE"], "w").write(json.dumps(sorted(sys.modules))))
sys.argv = ["publisher", *sys.argv[1:]]
from publisher.cli import main
main()
"""
HEAVY = ("sqlalchemy", "rich", "mkdocs", "psycopg", "publisher.store", "publisher.config", "importlib.metadata")


def _run(tmp_path: Path, *args: str, cwd: Path | None = None) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    out = tmp_path / "modules.json"
    env = {**os.environ, "MODULES_FILE": str(out), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PUBLISHER_STORE", None)
    done = subprocess.run([sys.executable, "-c", RUN, *args], env=env, cwd=cwd or tmp_path, capture_output=True,
                          text=True, timeout=120)
    return done, set(json.loads(out.read_text()))


def test_every_command_is_mapped_to_the_module_that_registers_it() -> None:
    registered = {name: command.callback.__module__ for name, command in cli.commands.items()
                  if command.callback is not None}
    assert registered == COMMAND_MODULES


def test_version_imports_no_command_and_nothing_heavy(tmp_path: Path) -> None:
    done, modules = _run(tmp_path, "--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"publisher, version {importlib.metadata.version('comms-publisher')}\n"
    assert not {m for m in modules if m.startswith("publisher.cli.")} - {"publisher.cli.app"}
    assert not {m for m in modules if m.startswith(HEAVY)}


def test_report_imports_its_own_command_module_only(project: ProjectDir, tmp_path: Path) -> None:
    done, modules = _run(tmp_path, "-f", str(project.config_file), "report", "--format", "json",
                         "--now", "2026-11-22T13:00", cwd=project.root)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["posts"] == 0
    assert {m for m in modules if m.startswith("publisher.cli.")} == {"publisher.cli.app", "publisher.cli.reports"}
    # JSON needs neither rich nor the dispatcher, the social renderers or PostgreSQL's dialect.
    assert not {m for m in modules if m.startswith(("rich", "publisher.sending.dispatcher", "publisher.social.render",
                                                    "sqlalchemy.dialects.postgresql", "psycopg"))}


def test_help_still_lists_every_command(tmp_path: Path) -> None:
    done, modules = _run(tmp_path, "--help")
    assert done.returncode == 0, done.stderr
    listed = {line.split()[0] for line in done.stdout.split("Commands:")[1].splitlines() if line.strip()}
    assert listed == set(COMMAND_MODULES)
    assert set(COMMAND_MODULES.values()) <= modules


def test_an_unknown_command_is_still_refused_with_click_message(tmp_path: Path) -> None:
    done, _ = _run(tmp_path, "reprot")
    assert done.returncode == 2
    assert "No such command 'reprot'" in done.stderr
