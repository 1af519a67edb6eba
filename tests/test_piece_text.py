"""Pieces are read and written through python-frontmatter (publisher.content.piece_text): the same
files, byte for byte, as before, with YAML errors still located by the line of the file."""

from __future__ import annotations

import datetime as dt

import frontmatter
import yaml
from conftest import ProjectDir
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.config import load_settings
from publisher.content.loader import context_for, load_piece
from publisher.content.piece_text import FORMAT, piece_text, read_meta, split_front_matter


def written_before(meta: dict, body: str) -> str:
    """How importers wrote a piece before python-frontmatter (an f-string around yaml.safe_dump)."""
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, default_flow_style=False, width=100)
    return f"---\n{text}---\n\n{body.strip()}\n" if body.strip() else f"---\n{text}---\n"


texts = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=120)
metas = st.fixed_dictionaries({"title": texts}, optional={
    "date": st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1),
                         timezones=st.just(dt.timezone(dt.timedelta(hours=1)))).map(lambda d: d.replace(microsecond=0)),
    "summary": texts, "tags": st.lists(texts, max_size=4), "draft": st.booleans(), "source_id": texts})


@settings(max_examples=300, deadline=None)
@given(meta=metas, body=st.text(max_size=300))
def test_a_piece_is_written_byte_for_byte_as_before(meta: dict, body: str) -> None:
    """The import fingerprint hashes the file: a format change would mark every imported piece edited."""
    assert piece_text(meta, body) == written_before(meta, body)


@settings(max_examples=200, deadline=None)
@given(meta=metas, body=st.text(max_size=300).filter(lambda b: b.strip()))
def test_what_is_written_reads_back(meta: dict, body: str) -> None:
    front, read_body, line = split_front_matter(piece_text(meta, body))
    assert front is not None and line == 2
    assert read_body.strip() == body.strip()
    back = read_meta(front)
    assert back["title"] == meta["title"]
    assert frontmatter.checks(piece_text(meta, body))  # python-frontmatter recognises the file too


def test_the_handler_is_python_frontmatter_s_with_the_c_loader() -> None:
    assert isinstance(FORMAT, frontmatter.YAMLHandler)
    assert "CSafeLoader" in {c.__name__ for c in FORMAT.load.__globals__["LOADER"].__mro__} or not hasattr(
        yaml, "CSafeLoader")


def test_the_body_is_kept_as_written_and_dots_close_the_front_matter() -> None:
    front, body, _ = split_front_matter("\ufeff---\ntitle: A\n...\n    indented code\n\n---\n\nA rule above.\n")
    assert front == "title: A\n"
    assert body == "    indented code\n\n---\n\nA rule above.\n"
    assert split_front_matter("Text first\n---\ntitle: A\n---\n")[0] is None


def test_yaml_errors_are_located_by_the_line_of_the_file(project: ProjectDir) -> None:
    path = project.piece("articles/a.md", "title: A\ndate: 2026-01-01\nsummary: [unclosed\ntags: [x]")
    ctx, _ = context_for(load_settings(project.config_file))
    piece, problems, _ = load_piece(path, "articles", ctx)
    assert piece is None
    assert str(problems[0]).startswith("content/articles/a.md: front matter is not valid YAML at line 5")
