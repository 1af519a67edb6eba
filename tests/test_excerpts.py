"""Excerpts: every candidate post of a real piece, with its source, a stable id, and never a cut text."""

from __future__ import annotations

import random
import re

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.content.model import Piece
from publisher.content.text import plain_text
from publisher.content.typography import typeset
from publisher.social import excerpts
from publisher.social.excerpting.units import split_sentences, units_of
from publisher.social.excerpts import body_candidates, excerpt_id, excerpts_for

EN = """
title: Digital sovereignty, explained
date: 2026-03-02
authors: [camille]
lang: en
summary: What sovereignty means for a mid-size company's data.
tags: [cloud, digital sovereignty]
takeaways:
  - Know where your data lives.
  - Contracts matter as much as code.
quotes:
  - text: "“Sovereignty is a design choice, not a label.”"
    by: Camille Martin
    role: Head of Communications
social:
  x: ["Where does your data live? Our guide to digital sovereignty."]
  linkedin: ["Sovereignty, in four questions you can ask any provider."]
"""

FR = """
title: La souveraineté numérique expliquée
date: 2026-03-02
lang: fr
summary: Ce que la souveraineté change pour les données d'une ETI.
tags: [cloud souverain]
quotes:
  - text: La souveraineté est un choix de conception, pas une étiquette.
    by: Camille Martin
"""

BODY = """\
Il y a trois ans, nos clients parlaient de souveraineté une fois par trimestre. Aujourd'hui, le sujet
surgit dans presque chaque projet, et la question a changé.

Comme le dit une DSI : « La souveraineté se prouve sur pièces, jamais sur promesse. » Elle a raison.
Seules 15 à 25 % des applications exigent le niveau le plus strict. Le reste peut vivre ailleurs.

## Une section

Un fournisseur a répondu “we keep every backup inside the European Union, always” sans preuve. Il ne
s'agit pas de
"""


def _load(project: ProjectDir) -> dict[str, Piece]:
    return {p.slug: p for p in load_library(load_settings(project.config_file))}


@pytest.fixture
def pieces(project: ProjectDir) -> dict[str, Piece]:
    project.piece("articles/sovereignty.md", EN, "Body text of the piece.\n")
    project.piece("articles/souverainete.md", FR, "Corps du texte.\n")
    project.piece("articles/sans-extraits.md", "title: Sans extraits\ndate: 2026-03-02\nlang: fr", BODY)
    return _load(project)


def test_candidates_in_order_of_preference_with_their_sources(pieces: dict[str, Piece]) -> None:
    found = excerpts_for(pieces["sovereignty"])
    assert [(e.kind, e.network) for e in found] == [
        ("hand-written", "x"), ("hand-written", "linkedin"), ("quote", None), ("takeaway", None),
        ("takeaway", None), ("summary", None), ("title", None)]
    quote = found[2]
    assert quote.text == "Sovereignty is a design choice, not a label."  # the typed quotation marks go
    assert quote.attribution == "Camille Martin, Head of Communications"  # the role the front matter gives
    assert {e.piece for e in found} == {"articles/sovereignty"}
    assert {e.lang for e in found} == {"en"}
    assert len({e.id for e in found}) == len(found)
    assert all(re.fullmatch(r"[0-9a-f]{10}", e.id) for e in found)


def test_body_sentences_only_when_the_author_gave_no_material(pieces: dict[str, Piece],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert [e.kind for e in excerpts_for(pieces["sans-extraits"])] == ["title"]  # excerpts.BODY_FILL: none lifted
    monkeypatch.setattr(excerpts, "BODY_FILL", 4)  # a team that wants them back
    assert not any(e.kind == "sentence" for e in excerpts_for(pieces["souverainete"]))
    kinds = [e.kind for e in excerpts_for(pieces["sans-extraits"])]
    assert kinds[-1] == "title" and set(kinds[:-1]) == {"sentence"}
    # No summary: the one taken from the first paragraph says "Il y a trois ans", true only this year.


def test_body_sentences_stand_alone_and_are_taken_whole(pieces: dict[str, Piece],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(excerpts, "BODY_FILL", 4)
    picked = [e.text for e in excerpts_for(pieces["sans-extraits"]) if e.kind == "sentence"]
    assert "Seules 15 à 25 % des applications exigent le niveau le plus strict." in [
        s.replace("\u202f", " ") for s in picked]
    text = typeset(" ".join(plain_text(BODY).split()), "fr")
    for sentence in picked:
        assert sentence in text  # taken whole from the body
        assert re.search(r"[.!?…]\s?[»”\"]?$", sentence)
    assert not any("Il ne s’agit pas de" in s for s in picked)  # unfinished: no final punctuation
    assert not any(s.startswith(("Le reste", "Elle a raison")) for s in picked)  # they point back
    # Reported speech whose speaker has no name ("une DSI") is not posted: neither as a quote nor whole.
    assert not any("se prouve sur pièces" in e.text for e in excerpts_for(pieces["sans-extraits"]))
    assert not any("Aujourd’hui" in s for s in picked), "a relative date is not recycled as evergreen"


def test_ids_are_stable_and_ignore_unrelated_edits(project: ProjectDir) -> None:
    project.piece("articles/sovereignty.md", EN, "Body text of the piece.\n")
    before = {e.kind + e.text: e.id for e in excerpts_for(_load(project)["sovereignty"])}
    edited = EN.replace("Contracts matter as much as code.", "Contracts matter more than code.")
    edited = edited.replace("tags: [cloud, digital sovereignty]", "tags: [cloud]")
    project.piece("articles/sovereignty.md", edited, "A completely different body.\n")
    after = {e.kind + e.text: e.id for e in excerpts_for(_load(project)["sovereignty"])}
    kept = set(before) & set(after)
    assert len(kept) == len(before) - 1
    assert all(before[k] == after[k] for k in kept)
    assert after["takeawayContracts matter more than code."] not in before.values()
    # Whitespace and Unicode normal form do not make a new text; another piece does.
    assert excerpt_id("articles/a", "Caf\u00e9  au lait") == excerpt_id("articles/a", "Cafe\u0301 au lait")
    assert excerpt_id("articles/a", "Same text") != excerpt_id("articles/b", "Same text")


def test_duplicate_texts_are_offered_once(project: ProjectDir) -> None:
    project.piece("articles/dup.md", "title: Know where your data lives.\ndate: 2026-03-02\n"
                  "summary: Know where your data lives.\ntakeaways: [Know where your data lives.]")
    found = excerpts_for(_load(project)["dup"])
    assert [e.kind for e in found] == ["takeaway"]


def test_body_candidates_never_cut_anything_property() -> None:
    """Over many generated bodies, every picked sentence is one of the body's whole sentences."""
    rng = random.Random(3)
    words = ["données", "cloud", "équipe", "contrat", "serveur", "region", "team", "backup", "15 %", "2026",
             "«", "»", "“", "”", "l'audit", "CO₂", "coûts"]
    for _ in range(300):
        body = "\n\n".join(
            " ".join(
                (rng.choice(words).capitalize() + " " + " ".join(rng.choice(words) for _ in range(rng.randint(3, 30)))
                 + rng.choice([".", "!", "?", "", ","]))
                for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 4)))
        whole = {u.text for u in units_of(body, "fr")}
        for kind, text, _ in body_candidates(body, "fr"):
            if kind == "sentence":
                assert text in whole


def test_sentences_do_not_end_at_an_abbreviation() -> None:
    assert split_sentences("M. Dupont est arrivé. Il a vu Mme. Martin.") == ["M. Dupont est arrivé.",
                                                                            "Il a vu Mme. Martin."]


def test_a_year_that_wraps_to_the_start_of_a_line_is_not_a_list_marker() -> None:
    body = "Anne still has the helmet she was given on her first day, in September\n1985. It never fitted.\n"
    assert "in September 1985. It never fitted." in plain_text(body).replace("\n", " ")
    assert plain_text("1. Map the backlog\n2. Fix the booking\n") == "Map the backlog\nFix the booking"
