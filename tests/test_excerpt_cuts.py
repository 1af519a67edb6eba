"""Someone's words posted from a later sentence on (the first ones cut) must not lean on what was cut
(publisher/social/excerpting/cut.py). The cases are the held-out sets' (4-98) that readers failed or passed."""

from __future__ import annotations

import pytest

from publisher.content.typography import typeset
from publisher.social.excerpting.body import analysed
from publisher.social.excerpting.cut import leans_on_the_cut


@pytest.mark.parametrize(("text", "lang"), [
    ("Nous allons graver leurs noms sur un panneau dans la salle basse. Il faudra un grand panneau.", "fr"),  # set 92
    ("Maintenant c’est fait, et ma femme sait.", "fr"),  # set 95
    ("We just want people to have a go somewhere a bit gentler first.", "en"),  # set 95
    ("Ce qui reste est beaucoup moins problématique, et beaucoup moins cher à faire éliminer.", "fr"),  # set 98
    ("Parfois parce qu’ils ne savent pas nager eux-mêmes, parfois parce qu’ils ont peur de l’eau.", "fr"),  # set 98
    ("Certains repartent en sachant que ce n’est pas pour eux, et c’est très bien aussi.", "fr"),  # set 96
    ("You cannot get that with a machine.", "en"),  # set 90
    ("On avait l’impression d’avoir payé pour un chiffre moins bon.", "fr"),  # set 86
    ("Nous avons parlé de cadrage. Eux ont parlé de sincérité, et ils avaient raison.", "fr"),  # set 79
    ("Après, il faut juste ne pas regarder et continuer à reculer.", "fr"),  # set 74
    ("On a dit oui. Il est parti à 4 euros.", "fr"),  # set 69
    ("Après ça, je n’avais plus besoin qu’on me convainque. Un bébé de 1,2 kilo, on ne prend aucun risque.", "fr"),
    ("Oak does what oak does. When she’s back on in the spring, I’ll be there.", "en"),  # set 45
    ("Now when I meet a man who’s left his glasses at home, I just say hello.", "en"),  # set 40
    ("Tansy went straight up to him and put her head on his lap.", "en"),  # set 68: who is "him"?
    ("Tansy went straight up to him.", "en"),  # "him" alone
    ("Ce qui reste part aux écoles du quartier.", "fr"),  # the opener alone, no comparison
    ("Ce qu’il reste à faire, personne ne le sait encore vraiment.", "fr"),
    # a fresh reviewer's: clitics are no determiners, "qu’il" is a pointer, a comparison with a capital
    ("Nous cherchons à les aider sans les juger, et à leur confier de vraies responsabilités.", "fr"),
    ("On les a tous gardés dans la grange.", "fr"),
    ("Je pense qu’il reviendra l’an prochain.", "fr"),
    ("Beaucoup plus lent, mais on ne casse plus rien.", "fr"),
    ("C’est bien plus grand, parce que la commune a racheté le terrain.", "fr"),
])
def test_words_that_lean_on_the_sentences_cut(text: str, lang: str) -> None:
    assert leans_on_the_cut(typeset(text, lang), lang)


@pytest.mark.parametrize(("text", "lang"), [
    ("Pipes don’t know anything. But after eleven weeks, you start talking to them.", "en"),  # set 57
    ("Ce qui me manquait, c’était une ferme, et quelqu’un qui accepte de la confier à un inconnu.", "fr"),  # set 19
    ("Quand on voit partir le camion plein plutôt que de repasser le broyeur, on rentre chez soi plus tranquille.",
     "fr"),  # set 7: an implicit comparison that reads well
    ("Quand quelqu’un ne peut plus venir jusqu’à nous, c’est à nous d’aller jusqu’à lui.", "fr"),  # set 94
    ("Depuis la première Nuit des gardiens, en 2024, deux de nos témoins nous ont quittés.", "fr"),  # set 81
    ("On nous annonçait des économies, mais la troisième ligne sur la quittance, elle, était certaine.", "fr"),
    ("Un bénévole qui tombe sur une panne peut voir si quelqu’un l’a déjà rencontrée ailleurs.", "fr"),  # set 89
    ("Il est difficile de dire non à un voisin.", "fr"),  # impersonal "il"
    ("Every child we can scan awake is a child who doesn’t need an anaesthetic.", "en"),  # set 93
    ("On ne creuse pas pour les morts, on creuse pour ceux qui restent.", "fr"),  # set 56
    ("Les cartons, je les ai descendus à la cave.", "fr"),  # its noun comes first
    # a fresh reviewer's counter-examples
    ("Quand il pleut, on ouvre désormais la salle aux randonneurs de passage.", "fr"),
    ("Il existe une solution simple pour les familles.", "fr"),
    ("Certains soirs, on accueille maintenant trente randonneurs dans la salle du haut.", "fr"),
    ("Ceux qui viennent une fois reviennent presque toujours.", "fr"),
    ("Ça fait dix ans que je fais ce métier.", "fr"),
    ("Ce que je retiens : la patience des bénévoles.", "fr"),
    ("Le moins cher reste le vélo, et de loin.", "fr"),
    ("It is hard to overstate what the volunteers gave.", "en"),
    ("We knew from day one that with a bit of luck we could save the whole roof.", "en"),
    ("We learned that in the first year most volunteers stay.", "en"),
    ("I can’t even remember the last time we had to close the doors early.", "en"),
    ("Even after twenty years, the view still stops me.", "en"),
    ("We came in way under budget on the roof.", "en"),
])
def test_words_that_stand_after_a_cut(text: str, lang: str) -> None:
    assert leans_on_the_cut(typeset(text, lang), lang) is None


def test_a_quotation_is_not_posted_from_a_sentence_that_leans_on_the_one_cut() -> None:
    body = typeset(
        "La souscription a réuni 74 000 euros auprès de 1 130 donateurs, dont près de la moitié habitent à moins "
        "de trente kilomètres du chantier de la tour.\n\n"
        "« Ce toit appartient un peu à chacun de ceux qui ont donné dix ou vingt euros, souligne Monique Delpech, "
        "présidente des Compagnons de Roquenoire. Nous allons graver leurs noms sur un panneau dans la salle "
        "basse. Il faudra un grand panneau. »\n", "fr")
    analysed.cache_clear()
    quotes = [text for kind, text, _ in analysed(body, "fr", "La tour Saint-Jean retrouve son toit") if kind == "quote"]
    assert not any("leurs noms" in text for text in quotes)


def test_a_quotation_cut_to_words_that_stand_is_still_posted() -> None:
    # The first sentence opens on "That" (refused alone), the rest names what it speaks of: posted from there.
    body = typeset(
        "The workshop voices every pipe of the new organ by hand, one note at a time, over eleven weeks.\n\n"
        "“That’s not true, obviously,” says Salomé Aubertin, the workshop’s head voicer. “Pipes don’t know anything. "
        "But after eleven weeks, you start talking to them.”\n", "en")
    analysed.cache_clear()
    quotes = [text for kind, text, _ in analysed(body, "en", "Eleven weeks of voicing") if kind == "quote"]
    assert any(text.startswith("Pipes don’t know anything") for text in quotes)
