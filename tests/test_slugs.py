"""Slugs through python-slugify: French ligatures, German ß and non-Latin titles transliterated, while
every slug an ASCII title or file name ever had stays the same (its URL is published)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, ProjectDir
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.cli import cli
from publisher.cli import commands as _commands  # noqa: F401  (registers every command)
from publisher.config import load_settings
from publisher.content import load_library
from publisher.content.text import slugify
from publisher.site.related import tag_slug


def ascii_slug_before(text: str) -> str:
    """The slug rule before python-slugify, for the texts whose slugs must not move."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return re.sub(r"-{2,}", "-", slug) or "piece"


@pytest.mark.parametrize(("text", "slug"), [
    ("Le cœur du sujet : l’œuvre collective", "le-coeur-du-sujet-loeuvre-collective"),
    ("Straße", "strasse"),
    ("Æsthetik und Œuvre", "aesthetik-und-oeuvre"),
    ("Цифровой суверенитет", "tsifrovoi-suverenitet"),
    ("Ελληνικά", "ellenika"),
    ("数字主权", "shu-zi-zhu-quan"),
    ("retours d’expérience", "retours-dexperience"),
    ("L’IA « frugale » : 30 % d’énergie en moins", "lia-frugale-30-denergie-en-moins"),
    ("Digital sovereignty, explained", "digital-sovereignty-explained"),
    ("1,000 words", "1-000-words"),
    ("🚀 !!!", "piece"),
    ("", "piece"),
])
def test_slugs_keep_letters_a_reader_would_type(text: str, slug: str) -> None:
    assert slugify(text) == slug


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F) | st.sampled_from("éèàçùÉ’\u00a0\u202f"), max_size=40))
def test_a_latin_text_keeps_the_slug_it_always_had(text: str) -> None:
    """ASCII, accents, the curly apostrophe and French spaces: slugs made before python-slugify stay."""
    assert slugify(text) == ascii_slug_before(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_text_makes_a_valid_slug(text: str) -> None:
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slugify(text))


def test_the_sample_keeps_every_url_it_published() -> None:
    """Files, tags and authors of the sample: nothing ASCII moved (their URLs are out)."""
    library = load_library(load_settings(ROOT / "mkdocs.yml"))
    for piece in library:
        assert piece.slug == ascii_slug_before(piece.path.stem) or piece.slug == piece.extra.get("slug", piece.slug)
        for tag in piece.tags:
            assert tag_slug(tag) == ascii_slug_before(tag), tag


def test_a_french_file_name_and_tag_keep_their_ligatures(project: ProjectDir) -> None:
    project.piece("articles/le-cœur-du-sujet.md", "title: Le cœur du sujet\ndate: 2026-01-01\nlang: en\n"
                  "tags: [Œuvre collective, Straße]")
    library = load_library(load_settings(project.config_file))
    piece = library.pieces[0]
    assert piece.url == "articles/le-coeur-du-sujet/"
    assert [tag_slug(t) for t in piece.tags] == ["oeuvre-collective", "strasse"]


def test_an_imported_title_is_transliterated(project: ProjectDir, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text("""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Blog</title><link>https://blog.example.org/</link><description>d</description>
<item><title>Le cœur du sujet : l’œuvre collective</title><guid>urn:1</guid>
<pubDate>Mon, 05 Jan 2026 09:00:00 GMT</pubDate><description>Un texte assez long pour faire un paragraphe.</description></item>
<item><title>Цифровой суверенитет</title><guid>urn:2</guid>
<pubDate>Tue, 06 Jan 2026 09:00:00 GMT</pubDate><description>Another paragraph long enough to count here.</description></item>
</channel></rss>""", encoding="utf-8")
    result = CliRunner().invoke(cli, ["-f", str(project.config_file), "import", "feed", str(feed)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (project.content / "articles").glob("*.md"))
    assert names == ["le-coeur-du-sujet-loeuvre-collective.md", "tsifrovoi-suverenitet.md"], names
