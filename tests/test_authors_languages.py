"""Authors' role and bio per language: read, validated with located errors, shown in a page's language."""

from __future__ import annotations

import pytest
from conftest import ProjectDir
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.config import load_settings
from publisher.content import load_library
from publisher.errors import ContentError


def test_role_and_bio_per_language(project: ProjectDir) -> None:
    project.write("content/authors.yml", """
        camille:
          name: Camille Martin
          role: {en: Head of Communications, fr: Directrice de la communication}
          bio:
            en: Camille runs communications.
            fr: Camille dirige la communication.
        sam:
          name: Sam Lee
          role: Solutions Engineer
    """)
    authors = load_library(load_settings(project.config_file)).authors
    camille, sam = authors["camille"], authors["sam"]
    assert (camille.role, camille.role_in("fr"), camille.role_in("fr-CA")) == (
        "Head of Communications", "Directrice de la communication", "Directrice de la communication")
    assert (camille.bio, camille.bio_in("fr")) == ("Camille runs communications.", "Camille dirige la communication.")
    assert sam.role_in("fr") == sam.role == "Solutions Engineer"  # one text serves every language


@pytest.mark.parametrize(("entry", "message"), [
    ("role: {en: Head, de: Leiterin}",
     "content/authors.yml: 'camille.role.de': expected a language of the site (en, fr), got 'de'"),
    ("role: {english: Head}",
     "content/authors.yml: 'camille.role.english': expected a language code such as en or fr, got 'english'"),
    ("role: [Head, Lead]",
     "content/authors.yml: 'camille.role': expected a role such as Head of Communications, or one per language "
     "such as {en: ..., fr: ...}, got a list (2 items)"),
    ("bio: {fr: ''}", "content/authors.yml: 'camille.bio.fr': expected a short biography, got ''"),
])
def test_bad_per_language_fields_are_located(project: ProjectDir, entry: str, message: str) -> None:
    project.write("content/authors.yml", f"camille:\n  name: Camille Martin\n  {entry}\n")
    with pytest.raises(ContentError) as caught:
        load_library(load_settings(project.config_file))
    assert [str(p) for p in caught.value.problems] == [message]


FRENCH = ("Le marché couvert ferme ses portes pour trois mois. Les commerçants s’installent sur la place, et nous"
          " avons prévu des navettes pour les clients qui ne peuvent pas marcher jusqu’au parking. La verrière"
          " date de 1911 : elle sera démontée, nettoyée et remontée par une entreprise de la région.")
ENGLISH = ("The market hall closes for three months. Traders move to the square, and we have laid on a shuttle for"
           " customers who cannot walk to the car park. The glass roof dates from 1911: it will be taken down,"
           " cleaned and put back by a firm from the region.")


def test_a_piece_without_lang_that_reads_as_another_language_is_treated_as_it(project: ProjectDir) -> None:
    # Set 52: four French pieces without `lang:` on an English site got English typography and labels.
    project.piece("articles/halles.md", "title: Travaux de la verrière\ndate: 2026-11-10\n", FRENCH)
    project.piece("articles/hall.md", "title: Glass roof works\ndate: 2026-11-10\n", ENGLISH)
    project.piece("articles/said.md", "title: Travaux\ndate: 2026-11-10\nlang: en\n", FRENCH)  # the writer said so
    library = load_library(load_settings(project.config_file))
    langs = {p.key: p.lang for p in library.pieces}
    assert langs == {"articles/halles": "fr", "articles/hall": "en", "articles/said": "en"}
    assert [w for w in library.warnings if "'lang'" in w] == [
        "content/articles/halles.md: 'lang': missing, and the piece reads as 'fr', not the site's 'en': treated as"
        " 'fr'; add 'lang: fr' to its front matter to say so"]


@pytest.mark.parametrize(("text", "languages", "expected"), [
    (FRENCH, ["en", "fr"], "fr"),
    (ENGLISH, ["en", "fr"], "en"),
    (FRENCH, ["en"], None),  # one language: nothing to choose
    ("Le marché ferme.", ["en", "fr"], None),  # too short to tell
    (FRENCH + " " + ENGLISH, ["en", "fr"], None),  # both, side by side
    (FRENCH, ["fr-CA", "en-GB"], "fr-CA"),  # the configured code, region kept
    (FRENCH, ["fr-FR", "fr-CA", "en"], "fr-FR"),  # two Frenches: the first configured
    (FRENCH, ["en", "fr", "es"], None),  # a language without a word list: no guess
])
def test_guessing_a_language_needs_clear_evidence(text: str, languages: list[str], expected: str | None) -> None:
    from publisher.content.language import guess
    assert guess(text, languages) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.lists(st.sampled_from(["en", "fr", "de", "fr-CA"]), min_size=1, max_size=3, unique=True))
def test_a_guess_is_a_configured_language_or_none(text: str, languages: list[str]) -> None:
    from publisher.content.language import guess
    assert guess(text, languages) in (*languages, None)
