"""Whose words a quote from the body is (sets 147-149: three quotes went out under the wrong name or with the
narrator's incise inside them)."""

from __future__ import annotations

import pytest

from publisher.content.typography import typeset
from publisher.social.excerpting import speech
from publisher.social.excerpting.body import analysed


def _quotes(body: str, lang: str, guest: str = "") -> list[tuple[str, str]]:
    analysed.cache_clear()
    return [(text, who) for kind, text, who in analysed(typeset(body, lang), lang, "", guest) if kind == "quote"]


def test_a_name_after_a_preposition_keeps_its_particle() -> None:
    # set 147: « Pour Yvonne Le Meur, maire de… » was read as "Yvonne Le", and her words went to the guest
    assert speech.names_in("Pour Yvonne Le Meur, maire de Saint-Connec, l’effet dépasse la boulangerie.") == [
        "Yvonne Le Meur"]
    assert speech.full_name("Le Goff", ["Maryvonne Le Goff", "Erwan Gouriou"]) == "Maryvonne Le Goff"  # set 149


def test_the_mayors_words_are_not_the_guests() -> None:
    body = ("Mathilde Rivoal a fondé le Fournil en 2019. « On cuit à quatre heures, et le camion part à sept », "
            "dit-elle.\n\n"
            "Pour Yvonne Le Meur, maire de Saint-Connec-les-Bois, l’effet dépasse la boulangerie. « Le camion, c’est "
            "le seul moment de la journée où tout le monde se croise sur la place. Des gens de quatre-vingt-dix ans "
            "attendent le pain avec les parents qui sortent de l’école. »\n")
    said = _quotes(body, "fr", "Mathilde Rivoal")
    assert not any("quatre-vingt-dix" in text and who.startswith("Mathilde") for text, who in said), said


def test_a_quotation_reopened_after_its_incise_is_one_quote_without_it() -> None:
    # set 148: "“The walnut cake,’ she says, ‘is going in last…”" went out with the incise and odd marks inside
    body = ("Bernadette Lacaze has run the tea room since 2019. Will the walnut cake be in the book? She puts down the "
            "knife.\n\n"
            "“The walnut cake,” she says, “is going in last. Once people have bought the book.”\n")
    said = _quotes(body, "en", "Bernadette Lacaze")
    assert ("The walnut cake is going in last. Once people have bought the book.", "Bernadette Lacaze") in said, said
    assert not any("she says" in text for text, _ in said)


def test_a_titled_incise_is_cut_out_of_the_words() -> None:
    # set 158: « …tous les mercredis, sourit la coordinatrice. Elle dit… » kept the journalist's incise inside
    cut = speech.incise("Une dame de 79 ans fait encore le petit déjeuner tous les mercredis, sourit la coordinatrice. "
                        "Elle dit que le café est meilleur ici.", "fr")
    assert cut == ("Une dame de 79 ans fait encore le petit déjeuner tous les mercredis. Elle dit que le café est "
                   "meilleur ici.", "")


def test_a_french_quotation_reopened_after_its_incise_is_one_quote() -> None:
    # a fresh reviewer's: typesetting puts a no-break space before » and the incise stayed inside
    body = ("Bernadette Lacaze tient le salon de thé depuis 2019.\n\n"
            "« Le gâteau aux noix, » explique Bernadette Lacaze, « arrivera en dernier. Une fois le livre vendu. »\n")
    said = _quotes(body, "fr", "Bernadette Lacaze")
    assert not any("explique" in text for text, _ in said), said


def test_a_gesture_after_the_incise_is_cut_out_with_it() -> None:
    # set 165: « …presque plus, dit-elle en enlevant son masque. Mais… » went out with the gesture in her words
    cut = speech.incise("L’hiver, on ne navigue presque plus, dit-elle en enlevant son masque. Mais c’est l’hiver "
                        "qui décide si on naviguera bien l’été.", "fr")
    assert cut == ("L’hiver, on ne navigue presque plus. Mais c’est l’hiver qui décide si on naviguera bien l’été.", "")
    # a reviewer's: the gesture's phrase runs to the sentence's end, commas and all
    cut = speech.incise("L’hiver, on ne navigue presque plus, dit-elle en montrant la coque, fendue sur deux mètres. "
                        "Mais c’est l’hiver qui décide.", "fr")
    assert cut == ("L’hiver, on ne navigue presque plus. Mais c’est l’hiver qui décide.", "")


@pytest.mark.parametrize(("body", "lang", "question"), [
    ("Rachid Benali spent an hour at the stand with the compost team.\n\n"
     "- **“What happens to the horses when they retire?”** They stay with the association, in a field at its "
     "stables in Le Vallon.\n", "en", "What happens to the horses"),
    ("Rachid Benali a tenu le stand une heure avec l’équipe du compost.\n\n"
     "- **« Que deviennent les chevaux à la retraite ? »** Ils restent à l’association, dans un pré de ses "
     "écuries du Vallon.\n", "fr", "Que deviennent les chevaux"),
])
def test_a_question_someone_asked_is_no_quote(body: str, lang: str, question: str) -> None:
    # set 165 signed a visitor's question with the reporter named before it
    said = _quotes(body, lang, "")
    assert not any(question in text for text, _ in said), said


def test_a_guests_question_in_the_prose_stays_hers() -> None:
    # a reviewer's: only a list item's lone question is a visitor's; her own question, with her incise, is a quote
    body = ("Odile Brun conduit La Liseuse depuis 2021, sur le canal de l’Ardelle.\n\n"
            "« Qui va conduire un enfant à quarante minutes d’ici, deux fois par semaine, quand le car s’arrête à "
            "dix-huit heures ? » demande-t-elle.\n")
    said = _quotes(body, "fr", "Odile Brun")
    assert any(text.startswith("Qui va conduire") for text, _ in said), said
