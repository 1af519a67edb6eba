"""A speaker's role says where they work (issue 13): "cofondatrice du cabinet", "chef ouvreur de la salle",
"Interprète LSF-français, cofondatrice" name a place the post never names (sets 103, 106, 110 failed them)."""

from __future__ import annotations

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.social.excerpting.signatures import where_named, with_organization
from publisher.social.excerpts import excerpts_for


@pytest.mark.parametrize(("role", "text", "signed"), [
    # the kind, then its name
    ("sage-femme et cofondatrice du cabinet",
     "Vers 36 semaines, l’une des sages-femmes du cabinet Sages-femmes de la Clairière vient à la maison.",
     "sage-femme et cofondatrice du cabinet Sages-femmes de la Clairière"),
    ("responsable de l’offre du réseau", "Le 4 janvier, le réseau Ondine change ses lignes.",
     "responsable de l’offre du réseau Ondine"),
    # a name that holds the kind
    ("coordinator of the collective", "Saturday, the Harbridge Orchard Collective plants forty trees.",
     "coordinator of the Harbridge Orchard Collective"),
    # a name that holds the kind and goes on after a "de" (set 118: "directrice du Centre Clé")
    ("directrice du centre", "Le Centre Clé de Voûte, à Saint-Aignan, forme chaque année 96 personnes.",
     "directrice du Centre Clé de Voûte"),
    # a short capitalised kind, and a name with a lowercase adjective (set 120: "président du Cercle")
    ("président du Cercle", "Le Cercle philatélique de Valmont cherche des lettres. Le Cercle n’en a reçu que 40.",
     "président du Cercle philatélique de Valmont"),
    ("président du Cercle", "Le Cercle accueille des Valmontais chaque mardi.", "président du Cercle"),  # a verb
    # the name, then the kind in apposition
    ("cofondateur et chef ouvreur de la salle",
     "Le contest a lieu à La Prise Commune. La Prise Commune, la salle d’escalade de Saint-Jorand, a 380 adhérents.",
     "cofondateur et chef ouvreur, La Prise Commune"),
    # nothing names it, or two things do: as it was (a headline or the sender often says which)
    ("responsable technique de l’association", "L’association attendait 400 personnes.",
     "responsable technique de l’association"),
    ("présidente de la commission", "La commission municipale de dénomination des voies compte neuf membres.",
     "présidente de la commission"),
    ("chef ouvreur de la salle", "Samedi, la salle a accueilli 70 grimpeurs.", "chef ouvreur de la salle"),
    ("président du club", "Le club Curling Vaux et le club Curling Morges jouent.", "président du club"),
    # a heading or a paragraph ends the name: "## La commission" then "La commission compte…"
    ("présidente de la commission", "## La commission\n\nLa commission compte neuf membres.",
     "présidente de la commission"),
    # a capital says the author named it; no place at the end, nothing to do
    ("Deputy Leader of the Council", "The Council meets on Monday.", "Deputy Leader of the Council"),
    ("sage-femme", "Le cabinet Sages-femmes de la Clairière.", "sage-femme"),
])
def test_a_role_that_names_its_workplace_by_kind_takes_the_name_the_piece_gives(role: str, text: str,
                                                                             signed: str) -> None:
    assert where_named(role, text) == signed


def test_a_guests_role_ending_on_a_bare_title_says_where() -> None:
    # set 106: "— Séverine Lachaud, interprète LSF-français, cofondatrice": cofounder of what?
    assert with_organization("interprète LSF-français, cofondatrice", "Signes Communs") == \
        "interprète LSF-français, cofondatrice, Signes Communs"
    assert with_organization("Tower Captain, St Aldhelm’s, Chedcombe", "Chedcombe Ringers") == \
        "Tower Captain, St Aldhelm’s, Chedcombe"  # a name: the author said where
    assert with_organization("technicienne, fédération départementale de pêche",
                             "Fédération départementale pour la pêche de l’Ain") == \
        "technicienne, fédération départementale de pêche"  # said in its own words: not twice
    # its kind then its name: once ("directrice du musée, Musée des Beaux-Arts…" read as a stutter, set 38)
    assert with_organization("directrice du musée", "Musée des Beaux-Arts de Vireval") == \
        "directrice du Musée des Beaux-Arts de Vireval"
    assert with_organization("responsable de l’atelier", "Atelier Terre Basse") == "responsable de l’Atelier Terre Basse"
    assert with_organization("directrice", "Musée des Beaux-Arts de Vireval") == \
        "directrice, Musée des Beaux-Arts de Vireval"


def test_a_quote_from_the_body_is_signed_with_the_workplace_the_piece_names(project: ProjectDir) -> None:
    project.piece("articles/naitre.md", "title: Naître à la maison\ndate: 2026-11-13\nlang: fr\n",
                  body="Le cabinet Sages-femmes de la Clairière suit 40 naissances à domicile par an.\n\n"
                       "« Je demande toujours aux familles où elles se voient pendant le travail, explique Aurore "
                       "Bellanger, sage-femme et cofondatrice du cabinet. La pièce compte plus que le matériel. »\n")
    piece = load_library(load_settings(project.config_file)).pieces[0]
    signed = [e.attribution for e in excerpts_for(piece) if e.kind == "quote"]
    assert signed and all(who == "Aurore Bellanger, sage-femme et cofondatrice du cabinet Sages-femmes de la "
                                 "Clairière" for who in signed), signed


def test_a_front_matter_quote_is_signed_with_the_workplace_the_piece_names(project: ProjectDir) -> None:
    project.piece("event-reports/contest.md",
                  "title: Contest des Quatre Prises\ndate: 2026-11-23\nlang: fr\nquotes:\n"
                  "  - text: Un problème facile pour un grimpeur amputé peut être infaisable pour un autre.\n"
                  "    by: Karim Benslimane, cofondateur et chef ouvreur de la salle\n",
                  body="Le contest a eu lieu à La Prise Commune. La Prise Commune, la salle d’escalade de "
                       "Saint-Jorand, accueillait 74 grimpeurs.\n")
    piece = load_library(load_settings(project.config_file)).pieces[0]
    signed = [e.attribution for e in excerpts_for(piece) if e.kind == "quote"]
    assert signed == ["Karim Benslimane, cofondateur et chef ouvreur, La Prise Commune"], signed


def test_a_groups_possessive_or_a_named_organisation_is_placed_once() -> None:
    from publisher.social.excerpting.signatures import whose_named
    # set 113: "— Aïssatou Diène, director" (the school’s) and "…de l’École Mèche Commune, École Mèche Commune"
    body = ("The salon of École Mèche Commune is still. This is the school’s quiet hour. Mèche Commune, an inclusive "
            "hairdressing school in Roubaix, trains 36.")
    assert whose_named("school’s director", body) == "director, Mèche Commune"
    assert with_organization("directrice de l’École Mèche Commune", "École Mèche Commune, Roubaix") == \
        "directrice de l’École Mèche Commune"
    # a person in apposition is no workplace: "Hélène Casterot, la vétérinaire du refuge"
    assert where_named("vétérinaire du refuge", "a résumé Hélène Casterot, la vétérinaire du refuge, après.") == \
        "vétérinaire du refuge"


@pytest.mark.parametrize(("role", "text"), [
    # a fresh reviewer: a pronoun, a first name, a title, a person, a Title Case headline or heading is no workplace
    ("founder of the workshop", "Intro\n\nI started the workshop I now run in a garage in 2015."),
    ("founder of the gallery", "Intro\n\nThis is the gallery Maria opened in 2019."),
    ("chair of the committee", "Intro\n\nThe committee Chair Jane Doe opened the meeting."),
    ("treasurer of the club", "Intro\n\n“We need players,” said Tom Reed, the club treasurer. Ask Tom Reed."),
    ("founder of the workshop", "How The Community Workshop Keeps Bikes Rolling\n\nWe met the founder of the workshop."),
    ("directrice du musée", "Titre\n\n## Le Musée Aujourd’hui\n\nLe musée accueille des classes."),
])
def test_what_follows_or_precedes_the_kind_must_be_its_name(role: str, text: str) -> None:
    assert where_named(role, text) == role


def test_a_role_merges_with_its_organisation_only_when_the_role_names_it_with_an_article() -> None:
    assert with_organization("professeure de danse", "Danse Plurielle") == "professeure de danse, Danse Plurielle"
    assert with_organization("collaboratrice", "Lab, Lyon") == "collaboratrice, Lab, Lyon"
    assert where_named("cofondatrice du cabinet", " ".join(["WORD"] * 5000)) == "cofondatrice du cabinet"  # no blow-up


INTERVIEW = """title: "{name} : « Un accordéon, ça ne meurt pas, ça attend qu’on l’ouvre »"
date: 2026-11-20
lang: {lang}
summary: Trente ans d’établi.
guest: {{name: {name}, role: "{role}", organization: "{org}"}}
"""


@pytest.mark.parametrize(("lang", "role", "org", "headline"), [
    # sets 117, 118: « Léa Marchadier, tatoueuse, fondatrice, Atelier Peau Neuve : « … » » read as a list of labels
    ("fr", "Tatoueuse, fondatrice", "Atelier Peau Neuve", "Odile Varenne, tatoueuse et fondatrice de l’Atelier Peau Neuve"),
    ("fr", "Directrice", "École des Lettres de Lauzerac", "Odile Varenne, directrice de l’École des Lettres de Lauzerac"),
    ("fr", "Directrice", "Centre Clé de Voûte", "Odile Varenne, directrice du Centre Clé de Voûte"),
    ("fr", "Gérante", "Maison du Vélo", "Odile Varenne, gérante de la Maison du Vélo"),
    ("fr", "Fondatrice", "Tambours Battants", "Odile Varenne, fondatrice de Tambours Battants"),
    ("fr", "Artisane réparatrice, dirigeante", "L’Atelier du Soufflet",
     "Odile Varenne, artisane réparatrice et dirigeante de l’Atelier du Soufflet"),
    ("fr", "Gérante", "Le Tambour", "Odile Varenne, gérante du Tambour"),
    ("en", "Founder and head teacher", "Tambours Battants", "Odile Varenne, Founder and head teacher at Tambours Battants"),
    ("en", "Volunteer archivist", "The Holloway Library", "Odile Varenne, Volunteer archivist at the Holloway Library"),
    ("fr", "Directrice", "Ecole de Musique", "Odile Varenne, directrice de l’Ecole de Musique"),  # no accent typed
    ("fr", "Directrice", "Atelier-école du Cuir", "Odile Varenne, directrice de l’Atelier-école du Cuir"),
    ("fr", "Présidente", "Amis du Vieux Moulin", "Odile Varenne, présidente des Amis du Vieux Moulin"),
    ("fr", "Directeur", "Haras du Pin", "Odile Varenne, directeur du Haras du Pin"),  # an aspirated h
    ("fr", "Directrice des achats", "Groupe Cavalier", "Odile Varenne, directrice des achats du Groupe Cavalier"),
    ("fr", "Directrice", "CHU de Rennes", "Odile Varenne, directrice, CHU de Rennes"),  # an acronym: no article
    # a role that says its place itself, or labels that are not posts: the signature's comma
    ("fr", "Responsable du tir adapté", "Compagnie d’arc", "Odile Varenne, responsable du tir adapté de la Compagnie d’arc"),
    ("fr", "Responsable du tir adapté", "Tir Libre", "Odile Varenne, responsable du tir adapté, Tir Libre"),
    ("en", "Volunteer, imaging team", "Ardleigh Herbarium", "Odile Varenne, Volunteer, imaging team, Ardleigh Herbarium"),
])
def test_an_interview_headline_says_who_its_guest_is_as_a_headline_would(
        project: ProjectDir, lang: str, role: str, org: str, headline: str) -> None:
    from publisher.social.excerpts import placed_title
    project.piece("interviews/odile.md", INTERVIEW.format(name="Odile Varenne", lang=lang, role=role, org=org),
                  body="« Un accordéon, ça ne meurt pas, ça attend qu’on l’ouvre », dit Odile Varenne.\n")
    (piece,) = list(load_library(load_settings(project.config_file)))
    placed = placed_title(piece)
    assert placed.startswith(headline + ("\u00a0: «" if lang == "fr" else ": «")), placed


def test_a_quote_the_title_already_quotes_is_not_posted_again(project: ProjectDir) -> None:
    # sets 117, 118, 121, 122: « Un accordéon, ça ne meurt pas… » — Odile Varenne, over a card that quotes her the same
    body = ("« Un accordéon, ça ne meurt pas. Ça attend qu’on l’ouvre, parfois pendant quarante ans dans un "
            "grenier », dit Odile Varenne.\n")
    front = ("title: \"Odile Varenne : « Un accordéon, ça ne meurt pas, ça attend qu’on l’ouvre »\"\ndate: 2026-11-20\n"
             "lang: fr\nsummary: Trente ans d’établi.\n"
             "guest: {name: Odile Varenne, role: Dirigeante, organization: L’Atelier du Soufflet}\n")
    project.piece("interviews/odile.md", front + "takeaways:\n  - L’atelier répare 310 accordéons par an.\n", body=body)
    project.piece("interviews/seule.md", front.replace("summary: Trente ans d’établi.\n", ""), body="Rien d’autre.\n"
                  "\n" + body)
    pieces = {p.key: p for p in load_library(load_settings(project.config_file))}
    kinds = [e.kind for e in excerpts_for(pieces["interviews/odile"])]
    assert "quote" not in kinds and "takeaway" in kinds, kinds  # the title line under the others and the card say it
    alone = [e.kind for e in excerpts_for(pieces["interviews/seule"])]
    assert alone == ["quote"], alone  # all the piece has: kept


def test_a_title_that_quotes_words_nobody_says_is_not_carried_by_the_posts(project: ProjectDir) -> None:
    # sets 126, 127: every post under "…: “The pager doesn’t care that it’s Christmas”" failed; the interview
    # never has her say it
    from publisher.social.excerpts import misquoted_by_title, placed_title
    project.piece("interviews/hamel.md", """title: "Armelle Hamel, Port-Vauquelin coastguard station: “The pager doesn’t care that it’s Christmas”"
date: 2026-11-20
lang: en
summary: Twelve years of callouts on the Cotentin coast.
guest: {name: Armelle Hamel, role: Station Chief, organization: Port-Vauquelin Volunteer Coastguard Station}
takeaways:
  - "The station answered 71 callouts in 2026, a record."
""", body="“The sea doesn’t get more dangerous at Christmas. People just get more confident after lunch,” says Armelle Hamel.\n")
    project.piece("articles/green.md", "title: \"Green Week: “Every small step counts”\"\ndate: 2026-11-20\nlang: en\n"
                  "summary: Five days of repairs, swaps and walks.\n")
    pieces = {p.key: p for p in load_library(load_settings(project.config_file))}
    hamel = pieces["interviews/hamel"]
    assert placed_title(hamel) == "Armelle Hamel, Station Chief at Port-Vauquelin Volunteer Coastguard Station"
    assert "title" not in [e.kind for e in excerpts_for(hamel)]
    assert not any("pager" in e.text for e in excerpts_for(hamel))
    assert misquoted_by_title(pieces["articles/green"]) == ""  # a slogan quotes nobody: the title as it was
    assert placed_title(pieces["articles/green"]).startswith("Green Week")



def test_a_title_quote_given_across_an_incise_or_without_accents_is_no_misquote(project: ProjectDir) -> None:
    from publisher.social.excerpts import misquoted_by_title
    front = ("title: \"Odile Varenne : « A Paris, un accordéon ne meurt pas »\"\ndate: 2026-11-20\nlang: fr\n"
             "guest: {name: Odile Varenne, role: Dirigeante, organization: L’Atelier du Soufflet}\n")
    project.piece("interviews/a.md", front, body="« À Paris, dit Odile Varenne, un accordéon ne meurt pas. »\n")
    project.piece("interviews/b.md", front + "summary: \"« À Paris, un accordéon ne meurt pas », dit-elle.\"\n",
                  body="Trente ans d’établi.\n")
    project.piece("interviews/c.md", front, body="Trente ans d’établi.\n")
    pieces = {p.key: p for p in load_library(load_settings(project.config_file))}
    assert misquoted_by_title(pieces["interviews/a"]) == ""  # across an incise, "A" for "À"
    assert misquoted_by_title(pieces["interviews/b"]) == ""  # in the summary
    assert misquoted_by_title(pieces["interviews/c"]).startswith("Odile Varenne, dirigeante")


def test_only_the_speaker_s_quote_that_adds_little_to_the_title_is_left_out(project: ProjectDir) -> None:
    said = ("Sur la sécurité des apprentis, on ne lâche rien, même quand les budgets baissent de 30 % et que les "
            "commandes manquent.")
    project.piece("interviews/o.md", "title: \"Odile Varenne : « On ne lâche rien »\"\ndate: 2026-11-20\nlang: fr\n"
                  "guest: {name: Odile Varenne, role: Dirigeante, organization: L’Atelier du Soufflet}\n"
                  f"quotes:\n  - text: \"{said}\"\n    by: Odile Varenne\n"
                  "takeaways:\n  - L’atelier répare 310 accordéons par an.\n", body=f"« {said} », dit-elle.\n")
    (piece,) = list(load_library(load_settings(project.config_file)))
    quotes = [e.text for e in excerpts_for(piece) if e.kind == "quote"]
    assert any("budgets" in q for q in quotes), quotes  # much more than the title: kept
