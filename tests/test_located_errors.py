"""A user's mistake is a located message, never a traceback: impossible dates, dates out of range,
huge numbers, a bad store URL, in front matter and in mkdocs.yml, through check, plan and build."""

from __future__ import annotations

import subprocess
import sys

import pytest
from click.testing import CliRunner
from conftest import ProjectDir

from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)


def run(project: ProjectDir, *args: str) -> tuple[int, str]:
    """A publisher command in-process; an exception other than the exit is re-raised (a traceback)."""
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def mkdocs_build(project: ProjectDir) -> tuple[int, str]:
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project.root, capture_output=True,
                          text=True, timeout=180)
    return done.returncode, done.stdout + done.stderr


BAD_DATES = [
    ("date", "date: 2026-02-30", "got '2026-02-30' (day is out of range for month)"),
    ("date", "date: 2026-13-45", "got '2026-13-45' (month must be in 1..12)"),
    ("date", "date: 2026-03-01 25:00:00", "(hour must be in 0..23)"),
    ("date", "date: 0001-01-01", "expected a date between 1900-01-01 and 2199-12-31, got '0001-01-01'"),
    ("date", "date: 9999-12-31 23:59:59", "expected a date between 1900-01-01 and 2199-12-31"),
    ("updated", "date: 2026-01-01\nupdated: 2026-02-30", "got '2026-02-30' (day is out of range for month)"),
    ("event.date", "date: 2026-01-01\nevent: {name: Summit, date: 2026-02-30}", "got '2026-02-30'"),
]


@pytest.mark.parametrize(("field", "front", "message"), BAD_DATES)
def test_impossible_and_out_of_range_dates_are_located_by_check_and_plan(project: ProjectDir, field: str,
                                                                         front: str, message: str) -> None:
    project.piece("articles/a.md", f"title: A\n{front}")
    for command in ("check", "plan"):
        code, out = run(project, command)
        assert code != 0, out
        assert f"content/articles/a.md: '{field}': " in out and message in out, out


def test_impossible_dates_are_located_by_mkdocs_build(project: ProjectDir) -> None:
    project.piece("articles/a.md", "title: A\ndate: 2026-02-30")
    project.piece("articles/b.md", "title: B\ndate: 0001-01-01")
    code, out = mkdocs_build(project)
    assert code != 0
    assert "content/articles/a.md: 'date': expected a date like 2026-03-01" in out, out
    assert "content/articles/b.md: 'date': expected a date between 1900-01-01 and 2199-12-31" in out, out
    assert "Traceback" not in out


def test_dates_as_yaml_wrote_them_still_load(project: ProjectDir) -> None:
    """Dates are read from their text now; every form YAML accepted as a date still is one."""
    forms = ["2026-03-01", "2026-03-01 09:30", "2026-03-01 09:30:00", "2026-03-01T09:30:00Z",
             "2026-03-01 09:30:00 +01:00", "2026-03-01t09:30:00.25-05:00", '"2026-03-01"']
    for i, form in enumerate(forms):
        project.piece(f"articles/p{i}.md", f"title: P{i}\ndate: {form}")
    code, out = run(project, "check")
    assert code == 0, out


def test_a_five_thousand_digit_title_is_text(project: ProjectDir) -> None:
    project.piece("articles/a.md", f"title: {'7' * 5000}\ndate: 2026-01-01\nslug: long")
    project.piece("articles/b.md", f"title: B\ndate: 2026-01-01\nsummary: {'9' * 5000}")
    code, out = run(project, "check")
    assert code == 0, out
    code, out = run(project, "plan")
    assert code == 0, out


def test_a_huge_number_where_a_number_is_expected_is_located(project: ProjectDir) -> None:
    project.config(f"site: {{per_page: {'1' * 5000}}}")
    code, out = run(project, "check")
    assert code != 0
    assert "mkdocs.yml: 'plugins.publisher.site.per_page': expected a whole number" in out, out


@pytest.mark.parametrize(("block", "field", "message"), [
    ("calendar: {blackout: [{from: 2026-02-30, to: 2026-03-02}]}", "calendar.blackout[0].from",
     "got '2026-02-30' (day is out of range for month)"),
    ("calendar: {blackout: [{from: 2026-03-01, to: 2026-13-45}]}", "calendar.blackout[0].to", "got '2026-13-45'"),
    ("calendar: {blackout: [{from: null}]}", "calendar.blackout[0].from", "is required but missing"),
    ("calendar: {blackout: [0001-01-01]}", "calendar.blackout[0]", "expected a date between 1900-01-01"),
    ("campaigns: {spring: {hashtag: '#Spring', end: 2027-02-30}}", "campaigns.spring.end",
     "got '2027-02-30' (day is out of range for month)"),
    ("store: postgresql://me:hunter2@db.example.org:5432x/news", "store", "(the port is not a number)"),
    ("store: postgresql://me:hunter2@db.example.org:99999/news", "store", "(ports go from 1 to 65535)"),
    ("store: mysql://db.example.org/news", "store", "(a mysql database)"),
])
def test_mkdocs_yml_mistakes_are_located_by_check_and_plan(project: ProjectDir, block: str, field: str,
                                                          message: str) -> None:
    project.config(block)
    for command in ("check", "plan"):
        code, out = run(project, command)
        assert code != 0, out
        assert f"mkdocs.yml: 'plugins.publisher.{field}': " in out and message in out, out
        assert "hunter2" not in out


def test_a_bad_store_url_from_the_environment_is_a_message(project: ProjectDir,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    project.piece("articles/a.md", "title: A\ndate: 2026-01-01")
    monkeypatch.setenv("PUBLISHER_STORE", "postgresql://me:hunter2@db.example.org:5432x/news")
    code, out = run(project, "plan")
    assert code != 0
    assert "expected a database URL" in out and "hunter2" not in out, out


# -- front matter types ----------------------------------------------------------------------------

WRONG_TYPES = [
    ("tags: 5", "tags", "expected a list of tags, got 5 (a number)"),
    ("tags: green it, costs", "tags", "expected a list of tags written as a list like [green it, costs], "
                                      "got 'green it, costs'"),
    ("tags: [cloud, 20.26]", "tags[1]", "expected a list of tags, got 20.26 (a number); put it in quotes if it is text"),
    ("tags: [cloud, {a: b}]", "tags[1]", "expected a list of tags, got a mapping"),
    ("authors: camille, sam", "authors", "written as a list like [camille, sam]"),
    ("authors: [camille, 7]", "authors", "expected author keys from the authors file (camille, sam), got '7'"),
    ("title: 1984", "title", "expected a title, got 1984 (a number); put it in quotes if it is text"),
    ("title: [a, b]", "title", "expected a title, got a list (2 items)"),
    ("summary: 3.10", "summary", "got 3.1 (a number); put it in quotes if it is text"),
    ("summary: {a: b}", "summary", "expected a one- or two-sentence summary, got a mapping"),
    ("draft: yes please", "draft", "expected true or false, got 'yes please'"),
    ("takeaways: [One, 2]", "takeaways[1]", "expected one takeaway sentence, got 2 (a number)"),
    ("cta: https://example.org/", "cta", "expected a mapping of settings, got 'https://example.org/'"),
    ("guest: Jane", "guest", "expected a mapping of settings, got 'Jane'"),
    ("quotes: [{text: 42}]", "quotes[0].text", "expected the quoted words, got 42 (a number)"),
    ("social: {x: [1]}", "social.x[0]", "expected a post, got 1 (a number)"),
    ("social: [a post]", "social", "expected a mapping of names to settings, got a list (1 items)"),
]


@pytest.mark.parametrize(("front", "field", "message"), WRONG_TYPES)
def test_front_matter_types_are_enforced_with_located_errors(project: ProjectDir, front: str, field: str,
                                                             message: str) -> None:
    text = f"title: A\ndate: 2026-01-01\n{front}" if not front.startswith("title:") else f"{front}\ndate: 2026-01-01"
    project.piece("articles/a.md", text)
    code, out = run(project, "check")
    assert code != 0, out
    assert f"content/articles/a.md: '{field}': expected " in out and message in out, out


def test_a_wrongly_typed_tag_builds_no_tag_page(project: ProjectDir) -> None:
    project.piece("articles/a.md", "title: A\ndate: 2026-01-01\ntags: 5")
    code, out = mkdocs_build(project)
    assert code != 0 and "content/articles/a.md: 'tags': expected a list of tags, got 5" in out, out
    assert not (project.root / "site" / "tags" / "5").exists()


def test_one_word_is_still_a_list_of_one_and_a_year_in_a_list_a_tag(project: ProjectDir) -> None:
    project.piece("articles/a.md", "title: A\ndate: 2026-01-01\ntags: cloud\nauthors: camille")
    project.piece("articles/b.md", "title: B\ndate: 2026-01-01\ntags: [cloud, 2026]")
    code, out = run(project, "check")
    assert code == 0, out
