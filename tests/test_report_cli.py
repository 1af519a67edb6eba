"""`publisher report` and `publisher analytics import` through the real CLI, on a real project and store."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import ProjectDir
from report_data import planned, publish, snap

import publisher.cli.commands  # noqa: F401  (registers every command)
from publisher.cli import cli
from publisher.config import load_settings
from publisher.reports.export import CSV_COLUMNS
from publisher.store import open_store

DATA = Path(__file__).parent / "data" / "analytics"
NOW = "2026-11-22T13:00"
E1 = "3f9a1c2b7d"
GUIDE = """
title: The sovereign cloud guide
date: 2026-11-02
authors: [camille]
campaign: sovereign-cloud-2026
summary: Where your data lives, who can reach it, and how to leave.
"""
AMBASSADORS = """
jdupont:
  name: Julie Dupont
  team: Sales West
  networks: [linkedin]
mlefevre: {name: Marc Lefèvre, team: Sales East}
"""


def utc(month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=dt.UTC)


@pytest.fixture
def reporting(project: ProjectDir) -> ProjectDir:
    """A project whose store holds two published, measured posts of one piece."""
    project.piece("white-papers/sovereign-cloud-guide.md", GUIDE, "The guide's body. " * 40)
    project.write("ambassadors.yml", AMBASSADORS)
    store = open_store(load_settings(project.config_file).store_url)
    key = "white-papers/sovereign-cloud-guide"
    posts = [planned(1, key, "x", E1, "quote", utc(11, 10), "sovereign-cloud-2026", "“Where does your data live?”"),
             planned(2, key, "linkedin", E1, "quote", utc(11, 11), "sovereign-cloud-2026")]
    ids = publish(store, posts, project.root / ".publisher" / "outbox", utc(11, 12))
    snap(store, ids[posts[0].key], "x", utc(11, 14), likes=12, reposts=3, impressions=900)
    snap(store, ids[posts[1].key], "linkedin", utc(11, 14), likes=40, replies=5, impressions=2500, clicks=9)
    store.close()
    return project


def run(project: ProjectDir, *args: str) -> Result:
    return CliRunner().invoke(cli, ["-f", str(project.config_file), *args], catch_exceptions=False)


def test_report_tables(reporting: ProjectDir) -> None:
    result = run(reporting, "report", "--now", NOW)
    assert result.exit_code == 0, result.output
    out = result.output
    for heading in ("By network", "By excerpt kind", "By campaign", "By author", "By piece", "Top 10 excerpts"):
        assert heading in out
    assert "Camille Martin" in out and "The sovereign cloud guide" in out and "LinkedIn" in out
    assert re.search(r"Interactions.*\n.*\b60\b", out)  # 12 + 3 + 40 + 5


def test_report_json_and_csv_have_stable_columns(reporting: ProjectDir, tmp_path: Path) -> None:
    data = json.loads(run(reporting, "report", "--now", NOW, "--format", "json").output)
    assert data["schema"] == "publisher.report/1"
    assert data["totals"]["interactions"] == 60 and data["totals"]["impressions"] == 3400
    assert data["breakdowns"]["campaign"][0]["key"] == "sovereign-cloud-2026"
    target = tmp_path / "out" / "report.csv"
    result = run(reporting, "report", "--now", NOW, "--since", "90d", "--format", "csv", "-o", str(target))
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    sections = {r["section"] for r in rows}
    assert {"total", "network", "piece", "excerpt_kind", "campaign", "author", "top_excerpt"} <= sections
    linkedin = next(r for r in rows if r["section"] == "network" and r["key"] == "linkedin")
    assert (linkedin["interactions"], linkedin["impressions"], linkedin["clicks"]) == ("45", "2500", "9")


def test_report_html_is_self_contained(reporting: ProjectDir, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    result = run(reporting, "report", "--now", NOW, "--html", str(page))
    assert result.exit_code == 0 and f"HTML report written to {page}" in result.output
    html = page.read_text(encoding="utf-8")
    assert html.count("<svg") == 4
    assert "<script" not in html
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "the page must load nothing from the network"


def test_analytics_import_prints_counts_and_never_counts_twice(reporting: ProjectDir) -> None:
    sample = DATA / "imported_sources_20261101_20261121.csv"
    first = run(reporting, "analytics", "import", str(sample), "--now", NOW)
    assert first.exit_code == 0, first.output
    # x and LinkedIn posts of E1 (3 rows), two ambassadors, a share button for the piece's slug.
    assert "12 rows read, 6 matched, 4 matched no post, 2 skipped: no UTM" in first.output
    assert "stored 9 new day rows" in first.output
    second = run(reporting, "analytics", "import", str(sample), "--now", NOW)
    assert "already imported on" in second.output and "nothing counted twice" in second.output
    data = json.loads(run(reporting, "report", "--now", NOW, "--format", "json").output)
    assert data["totals"]["visits"] == 47 + 6 + 74
    assert [a["key"] for a in data["advocacy"]["ambassadors"]] == ["jdupont", "mlefevre"]
    assert data["advocacy"]["teams"][0] == {"rank": 1, "key": "Sales West", "name": "Sales West", "visits": 35,
                                            "by_network": {"linkedin": 35}}


def test_matomo_export_needs_its_period(reporting: ProjectDir) -> None:
    sample = DATA / "matomo-campaigns-source-medium-name-content.csv"
    refused = run(reporting, "analytics", "import", str(sample))
    assert refused.exit_code == 1 and "pass --from and --to" in refused.output
    accepted = run(reporting, "analytics", "import", str(sample), "--from", "2026-11-01", "--to", "2026-11-21")
    assert accepted.exit_code == 0 and "utf-16-le with BOM" in accepted.output
    assert "6 rows read, 2 matched, 3 matched no post, 1 skipped: no UTM" in accepted.output


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["report", "--since", "forever"], "--since: expected a length like 30d, 12w or 48h, got 'forever'"),
        (["report", "--from", "2026-13-01"], "--from: expected a date like 2026-03-01, got '2026-13-01'"),
        (["report", "--format", "xml"], "Invalid value for '--format'"),
        (["analytics", "import", "missing.csv"], "does not exist"),
        (["analytics", "import", "{garbage}"], "expected UTM and visit columns"),
        (["analytics", "import", "{sample}", "--from", "2026-11-01"], "--from and --to go together"),
    ],
)
def test_bad_input_gets_a_message_not_a_traceback(reporting: ProjectDir, args: list[str], expected: str) -> None:
    garbage = reporting.write("garbage.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    sample = DATA / "imported_sources_20261101_20261121.csv"
    args = [a.format(garbage=garbage, sample=sample) for a in args]
    result = CliRunner().invoke(cli, ["-f", str(reporting.config_file), *args])
    assert result.exit_code in (1, 2)
    assert expected in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_broken_ambassadors_file_is_located(reporting: ProjectDir) -> None:
    reporting.write("ambassadors.yml", "jdupont:\n  team: Sales West\n")
    result = CliRunner().invoke(cli, ["-f", str(reporting.config_file), "report", "--now", NOW])
    assert result.exit_code == 1
    assert "ambassadors.yml: 'jdupont.name': is required but missing" in result.output


@pytest.mark.parametrize("command", [["report"], ["analytics"], ["analytics", "import"]])
def test_commands_have_help_with_an_example(command: list[str]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output
