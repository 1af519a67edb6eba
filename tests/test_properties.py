"""Property-based: no front matter, no publisher block of mkdocs.yml and no calendar CSV makes check,
plan, mkdocs build or calendar --import raise a traceback, and every refusal is located (the file,
the field, what was expected, what was found).

The loaders and validators run on many generated inputs; the commands that cost a second or more
(plan, mkdocs build) on a few. Hypothesis settings: bounded examples, no deadline (the machine is
shared), too_slow suppressed.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import shutil
import tempfile
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import MINIMAL_MKDOCS, ROOT, ProjectDir
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import MkDocsException

from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)
from publisher.config import load_settings
from publisher.content.frontmatter import FrontMatter
from publisher.content.loader import context_for, load_piece
from publisher.errors import ConfigError, Problem

FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])
SLOW = settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                HealthCheck.function_scoped_fixture, HealthCheck.data_too_large])

# What a refusal says when it is about the whole file rather than one field.
WHOLE_FILE = ("expected UTF-8", "expected front matter", "front matter is not valid YAML", "not valid YAML",
              "expected front matter as 'key: value' lines", "cannot be read", "expected a mapping",
              "expected a header row", "expected the columns")
FIELDS = [name for name, _ in FrontMatter._schema]

# -- what writers (and feeds) type ------------------------------------------------------------------

hostile = st.sampled_from(["<script>alert(1)</script>", "javascript:alert(1)", "file:///etc/passwd", "\u202e",
                           "data:text/html,<b>", "{{ config }}", "{% raw %}", "'", '"', "\\", "#", ": ", "- ",
                           "&amp;", "\x00", "\x1b[31m", "🚀", "cœur", "Straße", "—", "\t", "\r\n"])
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
date_like = st.from_regex(r"\A[0-9]{1,5}-[0-9]{1,2}-[0-9]{1,2}([ T][0-9]{1,2}:[0-9]{1,2}(:[0-9]{1,2})?"
                          r"( ?(Z|[+-][0-9]{1,2}(:?[0-9]{2})?))?)?\Z")
scalar = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**30, max_value=10**30),
                   st.floats(allow_nan=True), words, hostile, date_like,
                   # digits past Python's int-string limit, typed raw they are a YAML integer
                   st.integers(min_value=4301, max_value=4400).map(lambda n: "7" * n))
value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(["text", "by", "role", "label", "url", "name", "date", "location", "organization", "x",
                     "created", "updated", "from", "to", "cards", "zz"]) | words, inner, max_size=4), max_leaves=8)


def yaml_line(key: str, item: object, raw: bool) -> str:
    """One front matter entry: dumped by PyYAML (always valid YAML), or raw text (any scalar as typed)."""
    if raw and isinstance(item, str | int):
        return f"{key}: {item}"
    dumped = yaml.safe_dump({key: item}, allow_unicode=True, default_flow_style=True, width=10**6).strip()
    return dumped[1:-1] if dumped.startswith("{") and dumped.endswith("}") else dumped


front_matter = st.lists(st.tuples(st.sampled_from([*FIELDS, "image", "description", "categories", "zz"]),
                                  value, st.booleans()), max_size=8)


def located(problem: Problem, where: str) -> list[str]:
    """What is missing from a refusal, if anything."""
    missing = []
    if problem.where != where and not problem.where.startswith(where + ":"):
        missing.append(f"the file ({problem.where!r})")
    if not problem.field and not problem.message.startswith(WHOLE_FILE):
        missing.append("the field")
    if problem.message.startswith(("front matter is not valid YAML", "not valid YAML")):
        return missing  # PyYAML's own words say what it found where, and valid YAML was expected
    if "expected" not in problem.message:
        missing.append("what was expected")
    if not any(w in problem.message for w in ("got", "found", "missing", "no such")):
        missing.append("what was found")
    return missing


# -- projects -----------------------------------------------------------------------------------------

@contextmanager
def fresh_project(block: str = "lang: en") -> Iterator[ProjectDir]:
    """A throwaway project (Hypothesis runs many examples in one test: no pytest tmp_path per example)."""
    root = Path(tempfile.mkdtemp(prefix="publisher-prop-"))
    try:
        project = ProjectDir(root / "proj")
        project.content.mkdir(parents=True)
        shutil.copytree(ROOT / "theme", project.root / "theme")
        project.config(block)
        project.write("content/index.md", "# Home\n")
        project.write("content/authors.yml", "camille:\n  name: Camille Martin\nsam:\n  name: Sam Lee\n")
        yield project
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(project: ProjectDir, *args: str) -> tuple[int, str]:
    """A command in-process: any exception but the exit is a traceback the user would have seen."""
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), *args])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"publisher {' '.join(args)} raised {result.exception!r}") from result.exception
    return result.exit_code, result.output


def reported(output: str) -> list[str]:
    """The located lines of a '<n> problems found:' report."""
    return [line.strip() for line in output.splitlines() if line.startswith("  ")]


# -- front matter ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def loading() -> Iterator[tuple[ProjectDir, object]]:
    with fresh_project() as project:
        ctx, problems = context_for(load_settings(project.config_file))
        assert not problems
        yield project, ctx


@FAST
@given(entries=front_matter, body=st.text(max_size=200))
def test_any_front_matter_loads_or_is_refused_with_located_problems(loading, entries, body) -> None:
    project, ctx = loading
    text = "---\n" + "\n".join(yaml_line(k, v, raw) for k, v, raw in entries) + "\n---\n" + body
    path = project.content / "articles" / "generated.md"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8", newline="")
    piece, problems, _ = load_piece(path, "articles", ctx)
    where = "content/articles/generated.md"
    for problem in problems:
        assert not located(problem, where), f"{problem} lacks {located(problem, where)}"
    if piece is not None:
        assert dt.datetime(1899, 12, 31, tzinfo=dt.UTC) < piece.date < dt.datetime(2200, 1, 2, tzinfo=dt.UTC)
        assert all(isinstance(t, str) and t for t in piece.tags)


@FAST
@given(raw=st.binary(max_size=300))
def test_any_bytes_load_or_are_refused_with_located_problems(loading, raw) -> None:
    project, ctx = loading
    path = project.content / "articles" / "bytes.md"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"---\n" + raw)
    _, problems, _ = load_piece(path, "articles", ctx)
    for problem in problems:
        assert not located(problem, "content/articles/bytes.md"), str(problem)


@SLOW
@given(entries=front_matter)
def test_check_plan_and_build_never_raise_on_any_front_matter(entries) -> None:
    from test_site import run_build

    with fresh_project() as project:
        front = "\n".join(yaml_line(k, v, raw) for k, v, raw in entries)
        project.write("content/articles/a.md", f"---\n{front}\n---\n\nA paragraph long enough to be a summary.\n")
        project.write("content/articles/b.md", "---\ntitle: B\ndate: 2026-01-02\n---\n\nBody text.\n")
        for command in ("check", "plan"):
            _, out = run(project, command)
            for line in reported(out):
                where, _, rest = line.partition(": ")
                field, _, message = rest.partition(": ") if rest.startswith("'") else ("", "", rest)
                problem = Problem(where, field.strip("'"), message)
                assert not located(problem, "content/articles/a.md"), line
        # The plugin's located report is logged by MkDocs, then its Abort: no traceback. Anything else raises.
        with contextlib.suppress(MkDocsException):
            run_build(project)


# -- the publisher block of mkdocs.yml --------------------------------------------------------------------

block_keys = st.sampled_from(["lang", "languages", "timezone", "store", "outbox", "authors_file", "types",
                              "site", "channels", "calendar", "rules", "campaigns", "watch", "enabled", "zz"])
nested = st.fixed_dictionaries({}, optional={
    "calendar": st.fixed_dictionaries({}, optional={
        "slots": st.dictionaries(st.sampled_from(["mon", "tue", "sun", "xyz"]), st.lists(scalar, max_size=3)),
        "blackout": st.lists(scalar | st.dictionaries(st.sampled_from(["from", "to"]), scalar), max_size=3),
        "quiet_hours": st.lists(st.dictionaries(st.sampled_from(["start", "end"]), scalar), max_size=2),
        "cap_per_day": scalar}),
    "campaigns": st.dictionaries(st.sampled_from(["spring", "a b", "x"]), st.dictionaries(
        st.sampled_from(["hashtag", "start", "end", "utm_campaign", "pieces"]), scalar), max_size=2),
    "site": st.dictionaries(st.sampled_from(["per_page", "cta", "default_image", "feeds", "related"]), value),
    "store": scalar,
    "timezone": scalar,
})


@FAST
@given(block=nested, extra=st.dictionaries(block_keys, value, max_size=3), raw=st.lists(
    st.tuples(st.sampled_from(["end", "start", "from"]), date_like), max_size=2))
def test_any_publisher_block_is_valid_or_refused_with_located_problems(block, extra, raw) -> None:
    with fresh_project() as project:
        data = {**extra, **block}
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False) if data else "enabled: true\n"
        if raw:  # dates as a writer types them, unquoted, in a campaign and a blackout
            text += "campaigns:\n  typed:\n" + "".join(f"    {k}: {v}\n" for k, v in raw if k != "from")
        project.write("mkdocs.yml", MINIMAL_MKDOCS.format(block=textwrap.indent(text, " " * 6)))
        try:
            load_settings(project.config_file)
        except ConfigError as e:
            for problem in e.problems:
                assert problem.where == "mkdocs.yml" and not located(problem, "mkdocs.yml"), str(problem)
                assert problem.field.startswith("plugins.publisher"), str(problem)
            return
        code, out = run(project, "check")
        assert code == 0, out


@SLOW
@given(block=nested)
def test_plan_and_build_never_raise_on_any_publisher_block(block) -> None:
    from test_site import run_build

    with fresh_project() as project:
        text = yaml.safe_dump(block, allow_unicode=True, sort_keys=False) if block else "enabled: true\n"
        project.write("mkdocs.yml", MINIMAL_MKDOCS.format(block=textwrap.indent(text, " " * 6)))
        project.write("content/articles/a.md", "---\ntitle: A\ndate: 2026-01-02\n---\n\nBody text.\n")
        _, out = run(project, "plan")
        for line in reported(out):
            assert line.startswith("mkdocs.yml: 'plugins.publisher"), line
        with contextlib.suppress(MkDocsException):  # MkDocs logs the located problems, then aborts
            run_build(project)


# -- calendar --import --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def planned() -> Iterator[tuple[ProjectDir, list[list[str]]]]:
    with fresh_project("lang: en\ntimezone: Europe/Paris") as project:
        project.write("content/articles/a.md", textwrap.dedent("""\
            ---
            title: Sovereign cloud, explained for the board
            date: 2026-01-02
            summary: What changes when the data stays in the country, and what it costs.
            takeaways: [Know where your data lives., Contracts matter as much as code.]
            ---

            A paragraph long enough to be quoted as an excerpt by the planner, with a few more words.
            """))
        code, out = run(project, "plan")
        assert code == 0, out
        exported = project.root / "posts.csv"
        code, out = run(project, "calendar", "--from", "2020-01-01", "--days", "3000", "--export", str(exported))
        assert code == 0, out
        rows = list(csv.reader(io.StringIO(exported.read_text(encoding="utf-8"))))
        assert len(rows) > 1, "the plan made posts to edit"
        yield project, rows


cell = st.one_of(words, hostile, date_like, st.sampled_from(["proposed", "approved", "cancelled", "published",
                                                              "", " ", "0", "-1", "99999999999999999999"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_calendar_csv_is_applied_or_refused_with_located_problems(planned, data) -> None:
    project, rows = planned
    header, body = rows[0], [list(r) for r in rows[1:3]]
    for row in body:
        for _ in range(data.draw(st.integers(0, 3))):
            row[data.draw(st.integers(0, len(row) - 1))] = data.draw(cell)
        if data.draw(st.booleans()):
            row.append(data.draw(cell))
    if data.draw(st.booleans()):
        header = data.draw(st.permutations(header))
    out = io.StringIO()
    csv.writer(out, lineterminator=data.draw(st.sampled_from(["\n", "\r\n"]))).writerows([header, *body])
    raw = out.getvalue().encode("utf-8")
    if data.draw(st.booleans()):
        raw = data.draw(st.binary(max_size=200)) + raw
    path = project.root / "edits.csv"
    path.write_bytes(raw)
    code, output = run(project, "calendar", "--import", str(path))
    if code != 0:
        lines = reported(output)
        assert lines, output
        for line in lines:
            assert line.startswith("edits.csv") and "expected" in line, line


def test_a_calendar_csv_that_is_not_utf8_or_has_a_huge_cell_is_refused(planned) -> None:
    project, rows = planned
    path = project.root / "bad.csv"
    path.write_bytes(b"id,when,state,text\n1,\xff\xfe,approved,x\n")
    code, output = run(project, "calendar", "--import", str(path))
    assert code != 0 and "bad.csv" in output and "UTF-8" in output, output
    path.write_text("id,when,state,text\n1,2026-01-01,approved," + "x" * 200_000 + "\n", encoding="utf-8")
    code, output = run(project, "calendar", "--import", str(path))
    assert code != 0 and "bad.csv" in output, output
    path.write_text("id,when,state,text\n" + f"{rows[1][0]},0001-01-01 00:00+05:00,approved,x\n", encoding="utf-8")
    code, output = run(project, "calendar", "--import", str(path))
    assert code != 0 and "bad.csv:2: 'when': expected" in output, output


def test_the_strategies_reach_the_edges() -> None:
    """The generated inputs include what broke before: impossible dates, huge numbers, hostile text."""
    assert json.dumps(yaml_line("date", "2026-02-30", True)) == json.dumps("date: 2026-02-30")
    assert yaml_line("title", "7" * 5000, True) == "title: " + "7" * 5000


def test_a_path_the_file_system_refuses_is_a_located_problem() -> None:
    # Found by the block property on a clean clone: authors_file of 4,301 characters raised OSError.
    for key in ("authors_file", "ambassadors_file", "outbox"):
        with fresh_project() as project:
            project.config(f"{key}: '{'7' * 4301}'")
            code, out = run(project, "check")
            assert code != 0 and f"'plugins.publisher.{key}': expected" in out and "255 bytes" in out, out
