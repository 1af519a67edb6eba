"""A narrator's quote says something (a judgement, a lesson, a fact about the work); it never shows a
moment of the story, and a first-person title is never the brand's words. French and English, words
of our own."""

from __future__ import annotations

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.content.typography import typeset
from publisher.social.excerpting import scenes
from publisher.social.excerpting.body import analysed
from publisher.social.excerpts import excerpts_for

NIGHT_FR = """J’ai passé une nuit à la fromagerie de Valbonne avec l’équipe de fabrication.

Lucie, fromagère depuis douze ans, m’installe à côté d’elle devant la cuve, une charlotte sur la tête.

Je contrôle la température du caillé toutes les dix minutes avec elle.

À 3 h 40, le premier camion de lait arrive dans la cour.

Un chauffeur qui n’a pas dormi depuis la veille — la tournée a pris deux heures de retard à cause du verglas.

Le chef d’équipe, lui, décide de l’ordre des cuves et des moules pour toute la nuit de fabrication.

Un fromage raté coûte plus cher que toute une nuit de fabrication.

Le lait cru supporte mal d’attendre plus de quarante-huit heures avant d’être transformé.
"""

NIGHT_EN = """I spent a night at the Valbonne dairy with the cheesemaking team.

Lucy, a cheesemaker for twelve years, hands me a hairnet and sits me beside the vat.

I check the curd temperature every ten minutes with her.

At 3:40 a.m., the first milk truck pulls into the yard.

A driver who has not slept since the day before — the round ran two hours late because of ice.

The shift lead, for her part, decides the order of vats and moulds for the whole night.

A ruined cheese costs more than a whole night of making it.

Raw milk does not keep well for more than forty-eight hours before it is made into cheese.
"""


@pytest.mark.parametrize(("body", "lang"), [(NIGHT_FR, "fr"), (NIGHT_EN, "en")])
def test_a_night_told_as_it_happened_lends_its_narrator_no_quotes(body: str, lang: str) -> None:
    """A reportage told in the first person shows scenes ("Lucie… m’installe", "At 3:40 a.m."): its other
    lines, even a general truth ("A ruined cheese costs more…"), read as moments of the night when they
    are quoted, and the narrator is not the one who knows. Two held-out readings failed every such quote
    (0 of 3, 0 of 6) and passed a first-person column's."""
    analysed.cache_clear()
    assert [text for kind, text, _ in analysed(typeset(body, lang), lang, narrator="Léa Morin, rédactrice")
            if kind in ("quote", "sentence")] == []
    column = "\n\n".join(line for line in body.split("\n\n") if not scenes.shown(typeset(line, lang), lang)
                         and not line.startswith(("Lucie", "Lucy", "Je contrôle", "I check")))
    analysed.cache_clear()
    assert analysed(typeset(column, lang), lang, narrator="Léa Morin, rédactrice"), "without scenes it is not a story"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Ce métier m’a appris qu’on ne raccroche jamais le premier.", "fr", False),  # a lesson
    ("Pour moi, un bon fromage se juge à sa croûte.", "fr", False),
    ("Je crois qu’une nuit de fabrication ne s’improvise pas.", "fr", False),
    ("I think a good cheese is judged by its rind.", "en", False),
    ("The job taught me that you never hang up first.", "en", False),
    ("Elle nous montre les moules alignés sur la table.", "fr", True),
    ("She walks us through the cellar.", "en", True),
])
def test_lessons_and_judgements_are_no_scenes(text: str, lang: str, expected: bool) -> None:
    assert scenes.shown(typeset(text, lang), lang) is expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Le médecin, lui, décide de la réponse à donner.", "fr"),
    ("Pas pour faire des photos, mais pour comprendre le métier.", "fr"),
    ("The doctor, for his part, decides the response.", "en"),
    ("Not to take pictures, but to understand the job.", "en"),
])
def test_a_contrast_or_an_answer_to_the_sentence_before_is_refused_anywhere(text: str, lang: str) -> None:
    assert scenes.contrast(typeset(text, lang), lang)


@pytest.mark.parametrize(("lang", "title"), [
    ("fr", "Une nuit à la fromagerie : j’ai suivi l’équipe de fabrication"),
    ("en", "A night at the dairy: I followed the cheesemaking team"),
])
def test_a_first_person_title_is_never_offered_as_the_brands_words(project: ProjectDir, lang: str,
                                                                   title: str) -> None:
    project.config(f"lang: {lang}")
    project.piece("articles/nuit.md", f"title: \"{title}\"\ndate: 2026-03-01\nlang: {lang}\n"
                                      "summary: La fromagerie recrute deux fromagers en 2027.",
                  NIGHT_FR if lang == "fr" else NIGHT_EN)
    piece = load_library(load_settings(project.config_file)).get("articles/nuit")
    kinds = [e.kind for e in excerpts_for(piece)]  # type: ignore[arg-type]
    assert "title" not in kinds and "summary" in kinds, kinds


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Certains soirs, je me dis que ce métier ne ressemble à aucun autre.", "fr", False),  # a thought, reflexive
    ("Certains soirs, la vallée s’éteint d’un coup et je me dis que le métier me fait un signe.", "fr", False),
    ("Avant l’aube, je vérifie les cuves une par une.", "fr", True),  # acting, after an opening clause
    ("Before dawn, I check the vats one by one.", "en", True),
])
def test_a_reflexive_thought_is_no_scene_but_an_action_after_an_opening_is(text: str, lang: str,
                                                                           expected: bool) -> None:
    assert scenes.shown(typeset(text, lang), lang) is expected
