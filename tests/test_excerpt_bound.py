"""Sentences bound to their piece (excerpting/bound.py): background, anaphora, the event's programme,
labels and timetables, demonstratives with nothing to point at. Each is refused as a body excerpt,
while whole sentences on the same subjects still pass."""

from __future__ import annotations

import pytest

from publisher.social.excerpting.body import analysed
from publisher.social.excerpting.bound import why_bound


def _offered(body: str, lang: str, headline: str = "") -> list[str]:
    return [text for kind, text, _ in analysed(body, lang, headline) if kind == "sentence"]


@pytest.mark.parametrize(("text", "lang"), [
    # 1. Background and housekeeping: no hook.
    ("La Fondation Orvalis soutient les aidants familiaux depuis 2011, surtout par des permanences en mairie.", "fr"),
    ("Hélène Barbier, directrice de l’agence, pilote le service des eaux depuis 2017.", "fr"),
    ("Créée en 1998, l’association Pas à Pas accompagne les familles de la vallée de la Sérène.", "fr"),
    ("Entre 2022 et 2025, le cabinet Ormeaux Conseil a suivi la ville dans la refonte de ses tarifs.", "fr"),
    ("Les présentations des intervenants sont téléchargeables sur la page de la conférence.", "fr"),
    ("Kestrel Housing has managed homes for older tenants in the valley since 2004.", "en"),
    ("Founded in 1987, the Tarnside Trust runs three community kitchens in the borough.", "en"),
    ("The slides from every talk can be downloaded from the conference website.", "en"),
    # 2. Anaphora.
    ("Plus de 1 200 tonnes de compost y sont produites chaque année pour les maraîchers du canton.", "fr"),
    ("Le conseil syndical l’a adopté sans débat lors de sa dernière réunion de printemps.", "fr"),
    ("Le directeur technique, lui, préfère attendre les résultats de la deuxième campagne de mesure.", "fr"),
    ("Nous en avons vendu près de 4 000 exemplaires pendant les six premiers mois de l’année.", "fr"),
    # 3. The event's own programme.
    ("En fin de journée, les élus ont répondu aux questions écrites déposées dans une urne à l’entrée.", "fr"),
    ("Lors de la table ronde, plusieurs bailleurs ont demandé un calendrier plus souple pour les travaux.", "fr"),
    ("During the workshops, delegates ranked twelve proposals for the new riverside path.", "en"),
    ("Les riverains présents ont surtout parlé du bruit des camions de livraison avant 7 heures.", "fr"),
    ("The delegates agreed to publish a shared map of flood defences before the spring.", "en"),
    # 4. Labels, timetables, list lines, verbless enumerations.
    ("But : mesurer l’usage réel des pistes avant de décider de leur prolongement vers la zone d’activités.", "fr"),
    ("Septembre 2027 : ouverture des candidatures pour le deuxième appel à projets du quartier.", "fr"),
    ("Jusqu’au 15 mars : dépôt des dossiers de subvention auprès du guichet unique de la communauté.", "fr"),
    ("Isolation des combles seule : 42 000 €, pour une économie estimée à 18 % sur la facture.", "fr"),
    ("Une soirée de projection, deux tables rondes, et beaucoup de questions, parfois vives.", "fr"),
    ("March 2027: a first draft of the route goes to the transport committee for comment.", "en"),
    # 5. Demonstratives with nothing in the sentence to point at.
    ("Bring that figure to the next budget meeting and ask what it would cost to halve it.", "en"),
    ("Présentez ce tableau au bureau avant l’assemblée générale pour éviter les mauvaises surprises.", "fr"),
])
def test_a_sentence_bound_to_its_piece_is_refused(text: str, lang: str) -> None:
    assert why_bound(text, lang), text


@pytest.mark.parametrize(("text", "lang"), [
    ("Depuis 2019, le nombre de fuites signalées par les abonnés a baissé de 35 % dans la vallée.", "fr"),
    ("Il y a aujourd’hui 38 points de collecte dans la commune et trois nouveaux ouvriront en juin.", "fr"),
    ("Avec une machine de six tonnes, il faut anticiper chaque voiture garée en double file.", "fr"),
    ("La ventilation n’est pas une option dans un logement bien isolé.", "fr"),
    ("Notre constat est simple : le premier frein à la rénovation n’est pas technique, il est financier.", "fr"),
    ("En 2027, les abonnés pourront suivre leur consommation d’eau heure par heure sur leur téléphone.", "fr"),
    ("Since 2019, missed collections have fallen by 40 % across the district.", "en"),
    ("Ask your landlord for the energy certificate before you sign: it is a legal right.", "en"),
])
def test_whole_sentences_on_the_same_subjects_still_pass(text: str, lang: str) -> None:
    assert why_bound(text, lang) is None, why_bound(text, lang)


BODY_FR = """La commune de Brévanne a lancé en mai une consultation sur l’éclairage public de ses quartiers.

Plus de 600 habitants ont répondu au questionnaire en ligne, et 80 sont venus aux réunions de quartier.

La commune prévoit désormais d’éteindre l’éclairage entre 1 heure et 5 heures, soit 40 % d’heures d’éclairage en moins.

Les habitants ont surtout demandé que les passages piétons restent éclairés toute la nuit.

Éteindre l’éclairage la nuit réduit la facture d’électricité d’une petite ville d’environ 40 % par an.
"""


def test_a_definite_subject_the_piece_described_before_is_refused_in_a_body() -> None:
    offered = _offered(BODY_FR, "fr", "Éclairage public : ce que la consultation a montré")
    assert not any(text.startswith(("La commune prévoit", "Les habitants ont")) for text in offered), offered
    assert any(text.startswith("Éteindre l’éclairage") for text in offered), offered


def test_a_definite_subject_the_title_announces_is_the_pieces_subject() -> None:
    offered = _offered(BODY_FR, "fr", "Ce que les habitants de Brévanne demandent pour l’éclairage de leur commune")
    assert any(text.startswith("La commune prévoit") for text in offered), offered


@pytest.mark.parametrize(("text", "lang", "earlier"), [
    ("Aucun autre terrain de la commune ne pouvait recevoir un bassin de 50 mètres.", "fr",
     "La commune de Brévanne a lancé un appel d’offres pour sa piscine."),
    ("No other site of the council could take a 50-metre pool before 2030.", "en",
     "Brevan District Council opened a tender for its new pool."),
])
def test_a_subject_whose_complement_the_piece_described_before_is_refused(text: str, lang: str, earlier: str) -> None:
    assert why_bound(text, lang, earlier=earlier), text
    assert why_bound(text, lang, earlier=earlier, headline="Une piscine pour la commune, a pool for the council") is None


def test_a_clitic_after_qu_a_before_an_infinitive_points_back() -> None:
    # set 43: « on n’a plus qu’à le suivre » (follow what?); the lookbehind read "qu’à" as no word start
    from publisher.social.excerpting.bound import anaphor
    assert anaphor("le jour où il neige, on n’a plus qu’à le suivre.", "fr")
    assert anaphor("le jour où il neige, on n’a plus qu’à suivre le plan.", "fr") is None
