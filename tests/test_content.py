"""Content validation: good files load; every bad file is reported at once, located and explained."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ProjectDir, corpus

from publisher.config import load_settings
from publisher.content import load_library, load_material_blog
from publisher.errors import ConfigError, ContentError

GOOD = """
title: Digital sovereignty, explained
date: 2026-03-02
authors: [camille]
summary: What sovereignty means for a mid-size company's data.
tags: [cloud, sovereignty]
lang: en
takeaways:
  - Know where your data lives.
  - Contracts matter as much as code.
quotes:
  - text: Sovereignty is a design choice, not a label.
    by: Camille Martin
    role: Head of Communications
social:
  x: ["Where does your data live? Our guide to digital sovereignty."]
"""


def _problems(project: ProjectDir) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_library(load_settings(project.config_file))
    return [str(p) for p in info.value.problems]


def test_good_piece_loads_with_derived_fields(project: ProjectDir) -> None:
    project.piece("articles/digital-sovereignty.md", GOOD, "Body. " * 500)
    lib = load_library(load_settings(project.config_file))
    (piece,) = lib.pieces
    assert piece.key == "articles/digital-sovereignty"
    assert piece.type == "article"
    assert piece.date == dt.datetime(2026, 3, 2, tzinfo=dt.UTC)
    assert piece.takeaways == ("Know where your data lives.", "Contracts matter as much as code.")
    assert piece.quotes[0].by == "Camille Martin"
    assert piece.social == {"x": ("Where does your data live? Our guide to digital sovereignty.",)}
    assert piece.word_count == 500
    assert piece.reading_minutes == 3
    assert lib.get("digital-sovereignty") is piece
    assert lib.get("articles/digital-sovereignty.md") is piece


def test_date_only_is_midnight_in_team_zone(project: ProjectDir) -> None:
    project.config("timezone: Europe/Paris")
    project.piece("articles/a.md", "title: A\ndate: 2026-07-01")
    (piece,) = load_library(load_settings(project.config_file)).pieces
    assert piece.date.utcoffset() == dt.timedelta(hours=2)
    assert piece.date.astimezone(dt.UTC) == dt.datetime(2026, 6, 30, 22, 0, tzinfo=dt.UTC)


def test_future_and_draft_pieces_are_not_visible(project: ProjectDir) -> None:
    project.piece("articles/now.md", "title: Now\ndate: 2026-01-01")
    project.piece("articles/later.md", "title: Later\ndate: 2026-06-01")
    project.piece("articles/draft.md", "title: Draft\ndate: 2026-01-01\ndraft: true")
    lib = load_library(load_settings(project.config_file))
    jan = dt.datetime(2026, 2, 1, tzinfo=dt.UTC)
    assert [p.slug for p in lib.visible(jan)] == ["now"]
    assert {p.slug for p in lib.visible(dt.datetime(2026, 6, 1, tzinfo=dt.UTC))} == {"now", "later"}
    assert {p.slug for p in lib.visible(jan, drafts=True)} == {"now", "later", "draft"}


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("title: [unclosed\ndate: 2026-01-01", "front matter is not valid YAML at line"),
        ("title: A\ndate: 2026-01-01\ntype: press_release", "'type': expected one of the configured types"),
        ("title: A\ndate: 2026-01-01\nauthors: [nobody]", "'authors': expected author keys from the authors file"),
        ("date: 2026-01-01", "'title': is required but missing"),
        ("title: A", "'date': is required but missing"),
        ("title: A\ndate: tomorrow", "'date': expected a date like 2026-03-01 (or 2026-03-01 09:30), got 'tomorrow'"),
        ("title: A\ndate: 2026-01-01\ncover: img/missing.png", "'cover': expected an existing file under content/ or a URL"),
        ("title: A\ndate: 2026-01-01\ntranslation: articles/ghost.md", "'translation': expected the path of an existing piece"),
        ("title: A\ndate: 2026-01-01\nlang: de", "'lang': expected one of the configured languages (en, fr), got 'de'"),
        ("title: A\ndate: 2026-01-01\ntakeaways: just one string\nquotes: [{by: x}]", "'quotes[0].text': is required"),
        ("title: A\ndate: 2026-01-01\nsocial: {tiktok: [hi]}", "'social.tiktok': expected a name matching"),
        ("title: A\ndate: 2026-01-01\nslug: Not A Slug", "'slug': expected lowercase letters and digits"),
    ],
)
def test_bad_front_matter_names_file_and_field(project: ProjectDir, front: str, expected: str) -> None:
    project.piece("articles/bad.md", front)
    problems = _problems(project)
    assert any(p.startswith("content/articles/bad.md: ") and expected in p for p in problems), problems


def test_not_utf8_is_reported_with_line(project: ProjectDir) -> None:
    project.write("content/articles/latin1.md", "---\ntitle: Caf\xe9\ndate: 2026-01-01\n---\n".encode("latin-1"))
    (problem,) = _problems(project)
    assert problem.startswith("content/articles/latin1.md: expected UTF-8 text")
    assert "line 2" in problem


def test_missing_front_matter(project: ProjectDir) -> None:
    project.write("content/articles/plain.md", "# Just a heading\n\nNo front matter.\n")
    (problem,) = _problems(project)
    assert "expected front matter between '---' lines" in problem


def test_duplicate_slug_in_one_type(project: ProjectDir) -> None:
    project.piece("articles/one.md", "title: One\ndate: 2026-01-01\nslug: same")
    project.piece("articles/two.md", "title: Two\ndate: 2026-01-02\nslug: same")
    project.piece("interviews/same.md", "title: Other type\ndate: 2026-01-02")
    (problem,) = _problems(project)
    assert problem.startswith("content/articles/two.md: 'slug': expected a slug unique within articles/")
    assert "already used by content/articles/one.md" in problem


def test_every_problem_of_every_file_is_reported_at_once(project: ProjectDir) -> None:
    project.piece("articles/a.md", "title: A\ndate: tomorrow\nauthors: [ghost]")
    project.piece("articles/b.md", "date: 2026-01-01")
    project.write("content/articles/c.md", b"---\ntitle: \xff\n---\n")
    problems = _problems(project)
    assert len(problems) == 4
    assert {p.split(":")[0] for p in problems} == {
        "content/articles/a.md", "content/articles/b.md", "content/articles/c.md"}


def test_translations_link_both_ways(project: ProjectDir) -> None:
    project.piece("articles/sovereignty.md", "title: Sovereignty\ndate: 2026-01-01\nlang: en\n"
                  "translation: articles/souverainete.md")
    project.piece("articles/souverainete.md", "title: Souveraineté\ndate: 2026-01-01\nlang: fr")
    lib = load_library(load_settings(project.config_file))
    fr = lib.get("souverainete")
    en = lib.get("sovereignty")
    assert en.translation == fr.key and fr.translation == en.key
    assert lib.translation_of(fr) is en


def test_translation_in_same_language_is_refused(project: ProjectDir) -> None:
    project.piece("articles/a.md", "title: A\ndate: 2026-01-01\ntranslation: b")
    project.piece("articles/b.md", "title: B\ndate: 2026-01-01")
    (problem,) = _problems(project)
    assert "'translation': expected a piece in another language" in problem


def test_types_are_configuration(project: ProjectDir) -> None:
    project.config("""
        types:
          article: {folder: articles}
          press_release: {folder: press, name: {en: Press releases, fr: Communiqués}}
    """)
    project.piece("press/launch.md", "title: Launch\ndate: 2026-01-01\ntype: press release")
    (piece,) = load_library(load_settings(project.config_file)).pieces
    assert piece.type == "press_release" and piece.url == "press/launch/"


def test_existing_cover_and_unknown_field_warning(project: ProjectDir) -> None:
    project.write("content/articles/img/cover.png", b"\x89PNG\r\n\x1a\n")
    project.piece("articles/a.md", "title: A\ndate: 2026-01-01\ncover: img/cover.png\ncover_alt: A chart\ntitel: typo")
    lib = load_library(load_settings(project.config_file))
    assert lib.pieces[0].cover == "articles/img/cover.png"
    assert lib.warnings == ("content/articles/a.md: 'titel': unknown field, ignored",)


@pytest.mark.parametrize(
    ("block", "expected"),
    [
        ("channels: {tiktok: {}}", "plugins.publisher.channels.tiktok': unknown channel"),
        ("timezone: Mars/Olympus", "'plugins.publisher.timezone': expected an IANA time zone"),
        ("calendar: {slots: {mon: ['9h', '25:00']}}", "'plugins.publisher.calendar.slots.mon[0]': expected a time like 09:30"),
        ("languages: [en]\nlang: fr", "'plugins.publisher.lang': expected one of the languages"),
        ("per_pag: 3", "'plugins.publisher.per_pag': unknown setting (found 'per_pag')"),
    ],
)
def test_config_problems_are_located(project: ProjectDir, block: str, expected: str) -> None:
    project.config(block)
    with pytest.raises(ConfigError) as info:
        load_settings(project.config_file)
    assert any(str(p).startswith("mkdocs.yml: ") and expected in str(p) for p in info.value.problems), info.value.render()


def test_config_collects_every_problem(project: ProjectDir) -> None:
    project.config("timezone: Nowhere\ncalendar: {slots: {mon: ['x'], tue: ['y']}}\nchannels: {tiktok: {}}")
    with pytest.raises(ConfigError) as info:
        load_settings(project.config_file)
    fields = {p.field for p in info.value.problems}
    assert {"plugins.publisher.timezone", "plugins.publisher.calendar.slots.mon[0]",
            "plugins.publisher.calendar.slots.tue[0]"} <= fields


def test_unquoted_yaml_times_are_read_as_times(project: ProjectDir) -> None:
    # YAML 1.1 reads 09:10 unquoted as the integer 550; it must still mean 09:10.
    project.config("calendar:\n  slots:\n    mon: [09:10, '12:30']")
    settings = load_settings(project.config_file)
    assert [t.isoformat() for t in settings.plugin.calendar.slots.mon] == ["09:10:00", "12:30:00"]


def test_material_blog_corpus_loads() -> None:
    blog = corpus("mkdocs-material-blog", "docs", "blog")
    lib = load_material_blog(blog)
    assert len(lib) == len(list((blog / "posts").glob("*.md")))
    assert {a for p in lib for a in p.authors} <= set(lib.authors)
    assert lib.authors["squidfunk"].name == "Martin Donath"
    badge = lib.get("adding-a-badge-to-your-project")
    assert badge.tags == ("General",)
    assert badge.summary.startswith("Share the love")
    assert all(p.title and p.date.tzinfo for p in lib)
