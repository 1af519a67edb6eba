"""Whose words a body sentence is, and what it leans on (the held-out judgement of 2026-12-03,
docs/post-quality.md): quotations over several sentences, Q&A answers, set-ups, labelled list items,
connectors inside a sentence, fragments, and pieces told in the first person. French and English,
with words of our own, not the held-out pieces'."""

from __future__ import annotations

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.content.typography import typeset
from publisher.social.excerpting import standalone
from publisher.social.excerpting.body import body_candidates
from publisher.social.excerpts import excerpts_for


def _why(text: str, lang: str, **kw: object) -> str | None:
    return standalone.why_not(typeset(text, lang), lang, **kw)  # type: ignore[arg-type]


def _texts(candidates: tuple[tuple[str, str, str], ...], kind: str) -> list[str]:
    return [text for k, text, _ in candidates if k == kind]


# 1. Someone's words over several sentences are that person's quote, whole enough, or nothing.

QUOTED_EN = """Tomás Ferreira runs the night shift at the depot. We asked him what changed.

"I had seen too many dashboards arrive with promises and no thought about who would read them," he said.
"Most drivers lose an hour a day at the gate. For the right load, with the right slot, booking is faster.
For the wrong load, it is not. The whole job is telling them apart."
"""

QUOTED_FR = """Inès Roche dirige l’entrepôt de Vénissieux depuis 2019.

« J’avais vu trop de tableaux de bord arriver sans que personne ne sache qui les lirait », a-t-elle expliqué.
« Un chauffeur perd une heure par jour au portail. Pour le bon chargement, avec le bon créneau, la
réservation est plus rapide. Pour le mauvais, elle ne l’est pas. Tout le métier consiste à les distinguer. »
"""


@pytest.mark.parametrize(("body", "lang", "speaker", "claim", "counterweight"), [
    (QUOTED_EN, "en", "Tomás Ferreira", "booking is faster", "For the wrong load"),
    (QUOTED_FR, "fr", "Inès Roche", "la réservation est plus rapide", "Pour le mauvais"),
])
def test_a_sentence_inside_a_quotation_is_a_quote_with_its_speaker_and_counterweight(
        body: str, lang: str, speaker: str, claim: str, counterweight: str) -> None:
    candidates = body_candidates(body, lang)
    assert not any(claim in text for text in _texts(candidates, "sentence")), candidates
    quoted = [(text, who) for kind, text, who in candidates if kind == "quote" and claim in text]
    assert quoted, candidates
    for text, who in quoted:
        assert who == speaker and counterweight in text, (text, who)


def test_a_quotation_whose_speaker_is_unclear_is_not_offered() -> None:
    body = ("Tomás Ferreira and Ana Lopes run the depot.\n\n"
            "\"Most drivers lose an hour a day at the gate. For the right load, with the right slot, booking is "
            "faster. For the wrong load, it is not.\"\n")
    assert not any("booking is faster" in text for _, text, _ in body_candidates(body, "en"))


@pytest.mark.parametrize(("text", "lang"), [
    ("Tomás Ferreira is careful with his answer when the subject comes up.", "en"),
    ("Tomás Ferreira, our head of operations, was sceptical at the start.", "en"),
    ("We asked him what changed after the first six months of the pilot.", "en"),
    ("Inès Roche, notre directrice des opérations, était sceptique au début.", "fr"),
    ("Nous lui avons demandé ce qui avait changé après six mois de pilote.", "fr"),
    ("Inès Roche pèse sa réponse avant de parler des six premiers mois.", "fr"),
    ("Several had been close to leaving the company before the pilot started.", "en"),
    ("Plusieurs ont failli quitter l’entreprise avant le début du pilote.", "fr"),
    ("Nous l’avons rencontrée dans son atelier de Saint-Julien, un matin de novembre.", "fr"),
    ("We met her at the depot on a cold morning, between two deliveries.", "en"),
    ("De ne pas tout changer la première année, et d’écouter les anciens.", "fr"),
])
def test_sentences_that_set_up_a_question_or_an_answer_are_refused(text: str, lang: str) -> None:
    assert _why(text, lang), text


@pytest.mark.parametrize(("body", "lang", "guest", "answer"), [
    ("**Why did you start?**\n\nWe had three warehouses and no shared stock count. I wanted one number that "
     "everyone trusted, and a spreadsheet was never going to give us one.\n", "en", "Tomás Ferreira",
     "I wanted one number that everyone trusted"),
    ("**Pourquoi avoir lancé l’inventaire partagé ?**\n\nNous avions trois entrepôts et aucun inventaire partagé. Je voulais un "
     "seul chiffre auquel tout le monde se fie, et un tableur ne nous l’aurait jamais donné.\n", "fr", "Inès Roche",
     "Je voulais un seul chiffre"),
])
def test_a_qa_answer_is_the_guests_quote_never_the_brands_sentence(body: str, lang: str, guest: str,
                                                                  answer: str) -> None:
    candidates = body_candidates(body, lang, "", guest)
    assert not any(answer in text for text in _texts(candidates, "sentence")), candidates
    assert [(t, who) for k, t, who in candidates if k == "quote" and answer in t and who == guest], candidates
    assert not any(answer in text for _, text, _ in body_candidates(body, lang)), "no guest: nobody to quote"


@pytest.mark.parametrize(("body", "lang", "guest", "note"), [
    ("**What should a small charity do first?**\n\nWrite down who you would call at three in the morning, and "
     "check that the number still works every six months.\n\n*Northgate Consulting runs free planning sessions "
     "for charities with fewer than fifty staff. Details are on our website.*\n", "en", "Amara Okafor",
     "Northgate Consulting runs free planning sessions"),
    ("Nous avons ouvert trois ateliers de réparation en deux ans, et chacun a trouvé son public dès la première "
     "semaine d’ouverture.\n\n_La coopérative Réparons propose des ateliers gratuits aux associations du "
     "département. Inscriptions sur notre site._\n", "fr", "", "La coopérative Réparons propose des ateliers"),
])
def test_a_paragraph_in_italics_is_an_editors_note_never_a_quote_or_a_post(body: str, lang: str, guest: str,
                                                                           note: str) -> None:
    """An editor's note, caption or disclaimer set in italics is nobody's words and no post's point."""
    assert not any(note in text for _, text, _ in body_candidates(body, lang, "", guest))


# 2. A list item that starts with a bold label carries its heading's sense, or is not offered.

@pytest.mark.parametrize(("body", "lang", "expected"), [
    ("## Ce qu’il faut retenir\n\n- **La main-d’œuvre manque partout**. Un tiers des entreprises présentes ont un "
     "poste vacant depuis plus de six mois.\n", "fr",
     "La main-d’œuvre manque partout. Un tiers des entreprises présentes ont un poste vacant depuis plus de six mois."),
    ("## What we learned\n\n- **Start where it hurts.** The busiest clinics had the most to gain and the most "
     "patience for early bugs.\n", "en",
     "Start where it hurts. The busiest clinics had the most to gain and the most patience for early bugs."),
])
def test_a_label_that_is_a_sentence_needs_no_heading(body: str, lang: str, expected: str) -> None:
    assert typeset(expected, lang) in [text for _, text, _ in body_candidates(body, lang, "Main-d’œuvre, clinics")]


@pytest.mark.parametrize(("body", "lang", "absent"), [
    ("## Les erreurs fréquentes\n\n- **Un stock de sécurité oublié**. Sans réserve, une seule livraison en retard "
     "arrête la chaîne de production pendant plusieurs jours.\n\n## Vos chiffres\n\n- **Le budget initial** : ce "
     "dont vous avez besoin pour démarrer (matériel, travaux, stock) et comment vous le financez.\n", "fr",
     ("stock de sécurité", "budget initial")),
    ("## Common mistakes\n\n- **A forgotten safety stock.** Without a reserve, one late delivery stops the "
     "production line for several days.\n\n## Your numbers\n\n- **The starting budget**: what you need to get "
     "started (equipment, works, stock) and how you will pay for it.\n", "en", ("safety stock", "starting budget")),
])
def test_an_item_whose_label_needs_its_heading_is_not_offered(body: str, lang: str, absent: tuple[str, ...]) -> None:
    """Stitching the heading on ("Parmi les erreurs fréquentes, un stock de sécurité oublié. …", "Among common
    mistakes, …") was tried and failed two unseen readings (heldout-3, heldout-8): the item is left out."""
    texts = [text for _, text, _ in body_candidates(body, lang, "Stock et budget\nStock and budget")]
    assert not any(word in text.lower() for text in texts for word in absent), texts


# 3. Connectors anywhere in the sentence, and fragments without a verb.

@pytest.mark.parametrize(("text", "lang"), [
    ("Pas vraiment du papier, d’ailleurs, puisque tout passe par la tablette du camion.", "fr"),
    ("C’est pourtant la partie qui rassure le plus votre conseiller quand elle est bien faite.", "fr"),
    ("Il faut donc prévoir une marge de sécurité de trois mois de charges fixes.", "fr"),
    ("Les taux se sont en effet détendus depuis le début de l’année dans la plupart des banques.", "fr"),
    ("The gains, however, are smaller than the brochures of every vendor claim.", "en"),
    ("Budgets should therefore include a line for egress fees from the first year.", "en"),
    ("It was the hardest part of the whole migration project, though.", "en"),
    ("Not the devices themselves, but the way they talked to each other and to the records.", "en"),
    ("Pas seulement le prix, mais aussi la durée de garantie et la disponibilité des pièces.", "fr"),
    ("Un apport trop faible. Il n’existe pas de règle, mais sous 20 % le prêt devient difficile.", "fr"),
    ("A forgotten safety stock. Without it, one late delivery stops the whole line.", "en"),
])
def test_connectors_inside_the_sentence_and_fragments_are_refused(text: str, lang: str) -> None:
    assert _why(text, lang, item=True), text


@pytest.mark.parametrize(("text", "lang"), [
    ("Une banque finance rarement un projet de création seule, sans garantie publique.", "fr"),
    ("Un conseiller ne cherche pas un projet sans risque : il cherche un porteur qui connaît ses risques.", "fr"),
    ("Dressez l’inventaire des applications, avec leurs dépendances et leurs données sensibles.", "fr"),
    ("A cloud bill shrinks when every resource has a name next to it.", "en"),
    ("Budget egress fees as a line of their own, not as a rounding error.", "en"),
])
def test_whole_sentences_with_a_verb_still_pass(text: str, lang: str) -> None:
    assert _why(text, lang) is None, _why(text, lang)


# 4. A piece told in the first person by one author: its sentences are that author's quotes.

STORY_FR = """Mon réveil sonne à 4 heures, et je pars avant tout le monde. Je conduis la balayeuse de la ville
depuis huit ans, et je connais chaque trottoir du centre.

Un trottoir propre à 7 heures, c’est un commerçant qui ouvre sans râler et un piéton qui ne glisse pas.

Avec une machine de six tonnes, il faut anticiper chaque voiture garée en double file devant la boulangerie.
"""
STORY_EN = """My alarm goes off at four, and I am out before anyone else. I have driven the city's street
sweeper for eight years, and I know every kerb in the centre.

A clean pavement at seven means a shopkeeper who opens without grumbling and a walker who does not slip.

With a six-tonne machine, you have to expect every car parked on the double line outside the bakery.
"""


@pytest.mark.parametrize(("lang", "body", "role", "byline", "line"), [
    # signed with the role of authors.yml in full: who she is and where (set 38)
    ("fr", STORY_FR, "Conductrice de balayeuse, Ville de Lorvan", "Camille Martin, conductrice de balayeuse, Ville de Lorvan",
     "Avec une machine de six tonnes"),
    ("en", STORY_EN, "Street sweeper driver, City of Lorvan", "Camille Martin, Street sweeper driver, City of Lorvan",
     "A clean pavement at seven"),
])
def test_a_first_person_piece_offers_its_narrators_quotes_never_the_brands_sentences(
        project: ProjectDir, lang: str, body: str, role: str, byline: str, line: str) -> None:
    project.write("content/authors.yml", f"camille:\n  name: Camille Martin\n  role: {role}\n"
                                         "sam:\n  name: Sam Roy\n")
    project.config(f"lang: {lang}")
    project.piece("articles/tour.md", f"title: Une tournée\ndate: 2026-03-01\nlang: {lang}\nauthors: [camille]", body)
    project.piece("articles/duo.md", f"title: Une tournée\ndate: 2026-03-01\nlang: {lang}\nauthors: [camille, sam]",
                  body)
    library = load_library(load_settings(project.config_file))
    solo = [e for e in excerpts_for(library.get("articles/tour")) if e.kind not in ("title", "summary")]  # type: ignore[arg-type]
    assert solo and all(e.kind == "quote" and e.attribution == byline for e in solo), solo
    assert any(e.text.startswith(line) for e in solo), solo
    duo = [e for e in excerpts_for(library.get("articles/duo")) if e.kind not in ("title", "summary")]  # type: ignore[arg-type]
    assert duo == [], "two authors: nobody can be quoted, and the brand must not speak for them"



FAQ = {
    "en": """From 4 January, the allotment society charges its water by the plot instead of by the season.

## Questions members ask

**Do I need my old meter card?** No. The plot number is enough at the tap.

**Can I share my plot's allowance with a neighbour?** Only on the same row, and the treasurer must know.

The society's treasurer will answer other questions at the hut on Saturday mornings until the end of January.

A plot of fifty square metres now pays a flat £18 a year, whatever the summer.
""",
    "fr": """À partir du 4 janvier, la société des jardins familiaux facture l’eau à la parcelle et non plus à la saison.

## Les questions des adhérents

**Dois-je garder ma vieille carte de compteur ?** Non. Le numéro de parcelle suffit au robinet.

**Puis-je partager mon quota avec un voisin ?** Seulement sur la même allée, et la trésorière doit le savoir.

La trésorière de la société répond aux autres questions à la cabane le samedi matin jusqu’à la fin de janvier.

Une parcelle de cinquante mètres carrés paie désormais un forfait de 18 € par an, quel que soit l’été.
""",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_faqs_questions_are_the_readers_voice_not_a_narrators(project: ProjectDir, lang: str) -> None:
    """Set 163: two "Do I need my receipt?" made a deposit notice "told in the first person", and its plain
    sentences went out as quotes signed by its writer."""
    project.write("content/authors.yml", "camille:\n  name: Camille Martin\n  role: Editor, Jardins du Lez\n")
    project.config(f"lang: {lang}")
    project.piece("articles/water.md", f"title: Water by the plot\ndate: 2026-03-01\nlang: {lang}\nauthors: [camille]",
                  FAQ[lang])
    piece = load_library(load_settings(project.config_file)).get("articles/water")
    assert piece is not None
    assert not [e for e in excerpts_for(piece) if e.attribution.startswith("Camille Martin")]
    candidates = body_candidates(typeset(FAQ[lang], lang), lang, "Water by the plot", "", "Camille Martin, Editor", "")
    assert not [c for c in candidates if c[2].startswith("Camille Martin")], candidates

# 5. The link card leaves for the networks too: typeset, and not a narrator's opening as the brand's words.

@pytest.mark.parametrize(("lang", "title", "summary_line", "title_out", "description_out"), [
    ("fr", "Créer son entreprise : ce qu'il faut préparer", "summary: Ce qu'il faut apporter au \"premier\" rendez-vous.",
     "Créer son entreprise\u00a0: ce qu’il faut préparer", "Ce qu’il faut apporter au «\u00a0premier\u00a0» rendez-vous."),
    ("en", "The growers' co-operative", "summary: The growers' plan, step by step.",
     "The growers’ co-operative", "The growers’ plan, step by step."),
    # The opening is the narrator's "je": a whole sentence of the piece that does not say "je" instead.
    ("fr", "Une tournée à l'aube", "", "Une tournée à l’aube",
     "Avec une machine de six tonnes, il faut anticiper chaque voiture garée en double file devant la boulangerie."),
    ("en", "A round at dawn", "", "A round at dawn",
     "A clean pavement at seven means a shopkeeper who opens without grumbling and a walker who does not slip."),
])
def test_link_cards_are_typeset_and_never_a_narrators_opening(project: ProjectDir, lang: str, title: str,
                                                              summary_line: str, title_out: str,
                                                              description_out: str) -> None:
    from publisher.social.render import PieceContext, card_for

    project.config(f"lang: {lang}")
    project.piece("articles/a.md", f"title: \"{title}\"\ndate: 2026-03-01\nlang: {lang}\n{summary_line}",
                  STORY_FR if lang == "fr" else STORY_EN)
    piece = load_library(load_settings(project.config_file)).get("articles/a")
    card = card_for(piece, "https://x.example/a/", PieceContext("https://x.example/a/", "a"))  # type: ignore[arg-type]
    assert (card.title, card.description) == (title_out, typeset(description_out, lang))
    assert not card.description.startswith(("Mon réveil", "My alarm"))


@pytest.mark.parametrize(("body", "lang", "scene", "character"), [
    (STORY_FR + "\nÀ 5 heures, Gérard, le gardien du dépôt, m’ouvre la grille avec son café.\n\n"
     "Dans la cour du dépôt, je vérifie les brosses, les niveaux et les gyrophares de la machine.\n\n"
     "Gérard me demande chaque matin si la pluie va tomber avant midi sur le centre.\n", "fr",
     "Dans la cour du dépôt", "Gérard me demande"),
    (STORY_EN + "\nAt five, Gerald, the depot's keeper, opens the gate for me with his coffee.\n\n"
     "In the depot yard, I check the brushes, the levels and the warning lights of the machine.\n\n"
     "Gerald asks me every morning whether the rain will come before noon in the centre.\n", "en",
     "In the depot yard", "Gerald asks me"),
])
def test_a_storys_scenes_and_characters_are_not_offered(body: str, lang: str, scene: str, character: str) -> None:
    texts = [text for _, text, _ in body_candidates(body, lang, "", "", "Camille Martin, conductrice")]
    assert not any(t.startswith((scene, character)) for t in texts), texts
    # Told as it happened (the gate opened for me, the morning's questions): no line is its narrator's quote.
    assert texts == [], texts


@pytest.mark.parametrize(("lang", "body"), [
    ("fr", "Inès Roche dirige trois entrepôts de la région lyonnaise depuis 2019.\n\n"
           "### Pourquoi un inventaire partagé dans vos entrepôts ?\n\nJe voulais un seul chiffre auquel tout le monde se fie dans nos trois "
           "entrepôts. Je crois qu’un inventaire partagé vaut mieux que dix tableurs bien tenus.\n"),
    ("en", "Inès Roche has run three warehouses around Lyon since 2019.\n\n"
           "### Why a shared stock count for your warehouses?\n\nI wanted one number that everyone in our three warehouses trusted. I believe a "
           "shared stock count is worth more than ten tidy spreadsheets.\n"),
])
def test_an_interviews_first_person_is_its_guests(project: ProjectDir, lang: str, body: str) -> None:
    project.config(f"lang: {lang}")
    project.piece("interviews/q.md", f"title: Entretien\ndate: 2026-03-01\nlang: {lang}\nauthors: [camille]\n"
                                     "guest: {name: Inès Roche, role: Directrice}", body)
    piece = load_library(load_settings(project.config_file)).get("interviews/q")
    texts = [e for e in excerpts_for(piece) if e.kind not in ("title", "summary")]  # type: ignore[arg-type]
    assert texts and all(e.kind == "quote" and e.attribution == ("Inès Roche, directrice" if lang == "fr" else "Inès Roche, Directrice") for e in texts), texts
