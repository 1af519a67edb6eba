"""Someone's points are never the organisation's claims: the items of a list that a named speaker
presents ("…, a rappelé Ana Lima :", "Dr Hale argued:") are not offered as the brand's sentences, while
a list the piece itself introduces still is. French and English, words of our own."""

from __future__ import annotations

import pytest

from publisher.content.typography import typeset
from publisher.social.excerpting.body import analysed

SPEAKER_FR = """Le forum de l’eau a réuni 200 élus à Berzac le 3 octobre.

En ouverture, la présidente du syndicat, Ana Lima, a rappelé les chiffres de l’étude réalisée cet été :

- Les nappes du département ont baissé de 40 centimètres en dix ans en moyenne ;
- Un litre sur cinq se perd dans les fuites du réseau avant d’arriver au robinet.
"""
SPEAKER_EN = """The water forum brought 200 councillors to Ashby on 3 October.

Opening the day, the utility's chair, Dr Jane Hale, argued three points:

- Groundwater in the county has fallen by 40 centimetres in ten years on average;
- One litre in five is lost to leaks in the network before it reaches a tap.
"""
OWN_FR = """Le forum de l’eau a réuni 200 élus à Berzac le 3 octobre.

Voici les chiffres de notre étude réalisée cet été :

- Les nappes du département ont baissé de 40 centimètres en dix ans en moyenne ;
- Un litre sur cinq se perd dans les fuites du réseau avant d’arriver au robinet.
"""
OWN_EN = """The water forum brought 200 councillors to Ashby on 3 October.

These are the findings of our study this summer:

- Groundwater in the county has fallen by 40 centimetres in ten years on average;
- One litre in five is lost to leaks before it reaches a tap.
"""


@pytest.mark.parametrize(("body", "lang", "claim"), [
    (SPEAKER_FR, "fr", "un litre sur cinq se perd"),
    (SPEAKER_EN, "en", "one litre in five is lost"),
])
def test_the_points_a_named_speaker_lists_are_not_the_brands_sentences(body: str, lang: str, claim: str) -> None:
    analysed.cache_clear()
    sentences = [text for kind, text, _ in analysed(typeset(body, lang), lang, "Forum de l’eau") if kind == "sentence"]
    assert not any(claim in text.lower() for text in sentences), sentences


@pytest.mark.parametrize(("body", "lang", "claim"), [
    (OWN_FR, "fr", "un litre sur cinq se perd"),
    (OWN_EN, "en", "one litre in five is lost"),
])
def test_a_list_the_piece_introduces_itself_is_still_offered(body: str, lang: str, claim: str) -> None:
    analysed.cache_clear()
    sentences = [text for kind, text, _ in analysed(typeset(body, lang), lang, "Forum de l’eau") if kind == "sentence"]
    assert any(claim in text.lower() for text in sentences), sentences
