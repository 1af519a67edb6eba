"""What a newcomer reads in a terminal: tables that fit 80 columns, counts that agree between
status and report after a rehearsal, singular and plural right."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner, Result
from conftest import ProjectDir
from test_queue_cli import BEFORE, EVENING, team  # noqa: F401  (fixture)

import publisher.cli.commands  # noqa: F401  (registers every command)
from publisher.cli.app import cli
from publisher.config import load_settings
from publisher.store import open_store


def run80(project: ProjectDir, *args: str) -> Result:
    result = CliRunner(env={"COLUMNS": "80", "LINES": "50"}).invoke(cli, ["-f", str(project.config_file), *args],
                                                                   catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def test_queue_at_80_columns_shows_whole_words_of_every_text(team: ProjectDir) -> None:  # noqa: F811
    run80(team, "plan", "--now", BEFORE)
    output = run80(team, "queue", "--limit", "4").output
    lines = output.splitlines()
    assert all(len(line.rstrip()) <= 80 for line in lines), [line for line in lines if len(line.rstrip()) > 80]
    store = open_store(load_settings(team.config_file).store_url)
    try:
        shown = store.records(states=["proposed"])[:4]
    finally:
        store.close()
    flat = " ".join(" ".join(lines).split())
    for record in shown:
        start = " ".join(record.post.text.split())[:60]
        assert start in flat, f"{start!r} should be readable at 80 columns"
        assert f"{record.post.piece} · {record.post.role}" in flat


def test_status_and_report_agree_after_a_rehearsal(team: ProjectDir) -> None:  # noqa: F811
    run80(team, "plan", "--now", BEFORE)
    run80(team, "approve", "--all")
    ran = " ".join(run80(team, "run", "--now", EVENING).output.split())
    assert "Sent 4 posts" in ran and "Of these, 4 went to the dry-run outbox (a rehearsal: --now)" in ran
    status = json.loads(run80(team, "status", "--json", "--now", EVENING).output)
    assert status["totals"] == {"approved": 4, "outbox": 4}
    text = run80(team, "status", "--now", EVENING).output
    assert "outbox: 4 posts went to the dry-run outbox" in " ".join(text.split())
    store_url = load_settings(team.config_file).store_url
    assert f"Store: {store_url}" in text, "the store's path is printed whole, never folded"
    assert not re.search(r"\bpublished\b", text.split("Due now")[0]), "no post reached a network"
    report = run80(team, "report", "--now", "2026-03-03T12:00").output
    flat = " ".join(report.split())
    assert "4 posts of this period went to the dry-run outbox" in flat and "not counted" in flat
    data = json.loads(run80(team, "report", "--now", "2026-03-03T12:00", "--format", "json").output)
    assert data["totals"]["posts"] == 0
    assert any("dry-run outbox" in note for note in data["notes"])


@pytest.mark.parametrize(("args", "expected"), [
    (("check", "--now", "2026-03-03T12:00"), "OK: 2 pieces (2 published, 0 scheduled, 0 drafts), 2 authors."),
])
def test_counts_read_right(team: ProjectDir, args: tuple[str, ...], expected: str) -> None:  # noqa: F811
    assert expected in run80(team, *args).output
    team.write("content/authors.yml", "camille:\n  name: Camille Martin\n")
    team.piece("articles/gamma.md", "title: Gamma\ndate: 2026-03-01\ndraft: true\n")
    assert "OK: 3 pieces (2 published, 0 scheduled, 1 draft), 1 author." in run80(team, *args).output
