"""The bar for lines lifted from a body (set 15 and the judged texts of sets 9 to 14): a brand's sentence
states a finding and names nothing its post does not (quotes are not held to it); a title
that speaks from its day is posted at its launch only; occasion and house-news tags are no hashtags."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import ProjectDir
from test_planner import at

from publisher.config import load_settings
from publisher.content import load_library
from publisher.content.typography import typeset
from publisher.social import hashtags
from publisher.social.excerpting import anchored, background, speech
from publisher.social.excerpting.body import analysed
from publisher.social.planner import make_plan, rules_from
from publisher.social.titles import _as_said


@pytest.mark.parametrize(("text", "lang", "title", "expected"), [
    ("The system can locate most mobile phones automatically.", "en", "A night in the control room", ["system"]),
    ("The system can locate most mobile phones automatically.", "en", "How our dispatch system works", []),
    ("La cave s’était engagée à réduire ses traitements de 20 %.", "fr", "Mildiou : une saison sous contrôle",
     ["cave"]),
    ("La cave s’était engagée à réduire ses traitements de 20 %.", "fr", "À la cave de Saint-Aurèle", []),
    # what says which: a complement, a name, a generic or mass noun, the phrase itself earlier
    ("Éteindre la nuit réduit la facture d’électricité de 40 %.", "fr", "Éclairage public", []),
    ("The last bus now waits for the Parkway train.", "en", "Winter timetable", []),
    ("Entries in Welsh are accepted on the same terms as entries in English.", "en", "The Kestrel Prize", []),
    ("A new squad starts in January, and the squad trains on Tuesdays.", "en", "Club plans", []),
    # a superlative with no noun
    ("La plus petite compte 212 habitants ; la plus grande, un peu plus de 1 300.", "fr", "Douze villages",
     ["la plus petite"]),
    ("La plus grande partie du budget va aux salaires.", "fr", "Notre budget", []),
])
def test_what_a_line_points_at_must_be_in_its_post(text: str, lang: str, title: str, expected: list[str]) -> None:
    assert anchored.unanchored(typeset(text, lang), lang, title) == expected


@pytest.mark.parametrize(("text", "lang", "finding"), [
    ("Trams spent 14 percent of their running time stopped at red signals.", "en", True),
    ("Drop-offs mean two car journeys instead of one.", "en", True),
    ("A shared loading bay saves each shop 40 minutes a day.", "en", True),
    ("Missed visits fell by half in 2025.", "en", True),
    ("Le CO2 dépassait 1 500 ppm pendant 38 % du temps de classe.", "fr", True),
    ("Nos équipes couvrent deux fois plus de foyers qu’en 2019.", "fr", True),
    # a count of activity, a method, an hour: how busy, not what was found
    ("En 2025, nous avons accompagné 341 personnes, dont 187 à domicile.", "fr", False),
    ("Au printemps 2026, nous avons interrogé 212 familles.", "fr", False),
    ("Getting to a 6:30 a.m. flight without a car has meant a taxi.", "en", False),
    ("We hosted 41 programmers and festival directors over two days.", "en", False),
])
def test_a_lifted_sentence_must_state_a_finding(text: str, lang: str, finding: bool) -> None:
    assert background.states_a_finding(typeset(text, lang), lang) is finding


BODY_EN = """Carrow Valley Tramways measured every signal stop on its network in 2026.

Trams spent 14 percent of their running time stopped at red signals.

In 2025 we ran 212,000 tram journeys on three lines.

The system then logged each stop, and the new loop added 4 percent to journey times.

Is 14 percent the right level to accept, given the cost of new signals?
"""


def test_only_anchored_findings_are_lifted_and_no_question() -> None:
    analysed.cache_clear()
    offered = [text for kind, text, _ in analysed(typeset(BODY_EN, "en"), "en", "Tram signal priority")
               if kind == "sentence"]
    assert any(text.startswith("Trams spent 14") for text in offered), offered
    assert not any(text.startswith("In 2025 we ran") for text in offered), offered  # a count, no finding
    assert not any(text.startswith("The system") for text in offered), offered  # "the system", "the new loop"
    assert not any(text.endswith("?") for text in offered), offered  # a consultation's question


QUOTED = """Erwan Kerdoncuff, the reserve manager at Marsh End, has counted birds since 2019.

“The birds still use the marsh, but they have stopped roosting on the central mudflats,” says Erwan Kerdoncuff.

The birds still use the marsh, but they have stopped roosting on the central mudflats, by 40 percent.
"""


def test_someones_words_are_not_held_to_the_brands_bar() -> None:
    # the quotes such a rule would have dropped passed as often as those it kept (anchored.py)
    analysed.cache_clear()
    said = [(kind, text) for kind, text, _ in analysed(typeset(QUOTED, "en"), "en", "Why we closed the causeway")]
    assert any(kind == "quote" and text.startswith("The birds") for kind, text in said), said
    assert not any(kind == "sentence" and text.startswith("The birds") for kind, text in said), said


def test_an_attribution_says_no_night_of_the_story() -> None:
    assert speech.timeless("Sam Okoro, the dispatcher covering Gloucestershire that night") == \
        "Sam Okoro, the dispatcher covering Gloucestershire"
    assert speech.timeless("Marie Roy, infirmière de garde cette nuit-là") == "Marie Roy, infirmière de garde"
    assert speech.timeless("Jo Bell, Head of Night Services") == "Jo Bell, Head of Night Services"


def test_a_title_quote_shortened_from_the_guests_words_is_posted_as_said() -> None:
    body = "« Monter un théâtre en deux heures dans une salle des fêtes, c’est de la chorégraphie », sourit-il."
    title = "Monter un théâtre en deux heures, c’est de la chorégraphie"
    assert _as_said(title, body) == "Monter un théâtre en deux heures dans une salle des fêtes, c’est de la chorégraphie"
    assert _as_said(title, "Rien de tel ici.") == title
    assert _as_said(title, f"{title}, dit-il.") == title


@pytest.mark.parametrize(("tag", "kept"), [
    ("vie de la cave", False), ("fête du vin nouveau", False), ("Black Friday", False), ("open day", False),
    ("journée portes ouvertes", False), ("life at the club", False),
    ("vin nouveau", True), ("night shift", True), ("journalisme", True), ("life sciences", True),
])
def test_a_house_news_section_or_an_occasion_is_no_hashtag(tag: str, kept: bool) -> None:
    assert (hashtags.tag_hashtag(tag, hashtags.ALL_TAGS) is not None) is kept, tag


@pytest.mark.parametrize(("title", "lang"), [
    ("This Black Friday, the best bike deal is probably in your shed", "en"),
    ("Cette rentrée, les tandems de langues reprennent", "fr"),
])
def test_a_title_that_speaks_from_its_day_is_posted_at_its_launch_only(
        project: ProjectDir, title: str, lang: str) -> None:
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [3, 10], evergreen: {after_days: 20, every_days: 10, max_times: 2}}")
    body = (f"title: \"{title}\"\ndate: 2026-11-10\nlang: {lang}\nsummary: Eight in ten bikes need under £120.\n"
            "takeaways:\n  - Most bikes need a tyre, brake pads or a chain.\n  - A check takes ten minutes.\n"
            "  - Repairs cost a quarter of a new bike.\n")
    project.piece("articles/day.md", body)
    project.piece("articles/opted.md", body + "evergreen: true\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-11-10T07:00"))
    roles = Counter((p.piece, p.role.split("-")[0]) for p in plan.posts)
    assert roles[("articles/day", "launch")] == 1 and roles[("articles/day", "follow")] == 0, roles
    assert roles[("articles/day", "evergreen")] == 0, roles
    assert roles[("articles/opted", "follow")] > 0, roles
    assert any(note.startswith("articles/day.md: its title speaks from its day") for note in plan.notes), plan.notes


def test_a_hand_written_post_that_names_its_moment_is_not_recycled(project: ProjectDir) -> None:
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [], evergreen: {after_days: 20, every_days: 10, max_times: 8}}")
    project.piece("articles/shed.md", "title: The best bike deal is probably in your shed\ndate: 2026-11-10\n"
                  "summary: Eight in ten bikes need under £120 of work.\nsocial:\n  x:\n"
                  "    - \"This weekend, you will be offered 30 percent off a new bike. Look in your shed first.\"\n"
                  "    - \"Eight in ten bikes we are asked to scrap need under £120 of work.\"\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-11-10T07:00"))
    recycled = [p.text for p in plan.posts if p.role.startswith("evergreen")]
    launched = [p.text for p in plan.posts if p.role == "launch"]
    assert recycled and not any("This weekend" in text for text in recycled), recycled
    assert len(recycled) >= 4, recycled  # every other text came round again
    assert any("This weekend" in text for text in launched), launched  # written for its launch: posted then


def test_a_text_that_counts_time_up_to_its_day_goes_out_at_launch_and_follow_ups_never_as_a_recycle(
        project: ProjectDir) -> None:
    # Set 35: "… on ne regarde plus la météo de la même façon depuis un an" went out two months later.
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [3], evergreen: {after_days: 20, every_days: 10, max_times: 8}}")
    head = "date: 2026-11-10\nlang: fr\n"
    takeaways = ("takeaways:\n  - Le séchoir en grange a réduit de 40 % le foin perdu à la pluie depuis un an.\n"
                 "  - Un séchoir coûte 180 000 € à une ferme de 60 vaches.\n"
                 "  - Le foin séché en grange garde deux fois plus de protéines.\n")
    project.piece("articles/foin.md", f"title: Sécher le foin sous un toit\n{head}{takeaways}")
    project.piece("articles/opted.md", f"title: Sécher le foin à l’abri\n{head}evergreen: true\n{takeaways}")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-11-10T07:00"))
    def texts(piece: str, role: str) -> list[str]:
        return [p.text for p in plan.posts if p.piece == piece and p.role.startswith(role)]
    assert texts("articles/foin", "evergreen") and not any("depuis un an" in t for t in texts("articles/foin", "evergreen"))
    assert any("depuis un an" in t for t in texts("articles/foin", "launch") + texts("articles/foin", "follow"))
    assert any("depuis un an" in t for t in texts("articles/opted", "evergreen"))  # opted in: timeless


def test_a_summary_or_takeaway_that_takes_the_reader_to_know_something_is_not_posted(project: ProjectDir) -> None:
    # Set 36: "… après la fameuse panne de Charensat" in a summary; nobody outside the story knows it.
    from publisher.social.excerpts import excerpts_for
    project.piece("interviews/regie.md", "title: La régie en tournée\ndate: 2026-11-10\nlang: fr\n"
                  "summary: Régisseuse depuis 2014, Sandrine Bouchet prépare chaque date après la fameuse panne de"
                  " Charensat.\n", "Nous avons rencontré Sandrine Bouchet, régisseuse générale.\n")
    project.piece("articles/pies.md", "title: Pies for the road\ndate: 2026-11-10\nsummary: Our famous pies now"
                  " travel on the night train, from Inverness to London.\ntakeaways:\n  - The dreaded Tuesday"
                  " queue is gone.\n  - Pies are baked in Inverness at 4 a.m.\n")
    pieces = {p.key: p for p in load_library(load_settings(project.config_file)).pieces}
    assert [e.kind for e in excerpts_for(pieces["interviews/regie"])] == ["title"]
    texts = [e.text for e in excerpts_for(pieces["articles/pies"])]
    assert "Our famous pies now travel on the night train, from Inverness to London." in texts  # the brand's own
    assert not any("dreaded" in t for t in texts) and any("4 a.m." in t for t in texts)


def test_a_unit_stays_with_its_number_in_french() -> None:
    from publisher.content.typography import typeset
    assert typeset("Le pain de 500 g coûte 4,20 €, cuit en 45 min à 250 °C.", "fr") == \
        "Le pain de 500\u00a0g coûte 4,20\u00a0€, cuit en 45\u00a0min à 250\u00a0°C."
    assert typeset("Elle a 3 grands enfants et 2 gros chiens.", "fr") == "Elle a 3 grands enfants et 2 gros chiens."


def test_an_incise_that_ends_on_a_place_keeps_the_place_in_the_attribution() -> None:
    words = ("Nous voyons arriver en CM2 des élèves qui ont peur de l’eau, raconte Olivier Lamarque, directeur "
             "de l’école Paul-Bert, aux Tilleuls. Ce n’est pas un problème de motivation.")
    assert speech.incise(words, "fr") == (
        "Nous voyons arriver en CM2 des élèves qui ont peur de l’eau. Ce n’est pas un problème de motivation.",
        "Olivier Lamarque, directeur de l’école Paul-Bert, aux Tilleuls")
    # a clause after the role is the quote's, not a place: it stays in the words
    assert speech.incise("Nous savions, explique Ana Lima, maire de Berzac, qu’il fallait agir.", "fr") == (
        "Nous savions qu’il fallait agir.", "Ana Lima, maire de Berzac")


INTERVIEW = """title: "Karim Benali : « Le levain ne se presse pas, et nous non plus »"
date: 2026-11-20
lang: fr
summary: Notre chef boulanger raconte le levain et les blés de pays.
guest: {name: Karim Benali, role: chef boulanger, organization: Pains de Garonne}
takeaways:
  - Nos fournils commencent désormais la nuit à 2 h, deux heures plus tard qu’en 2024.
"""


def test_the_title_line_under_an_interview_says_who_its_guest_is(project: ProjectDir) -> None:
    from publisher.networks.counting import bluesky_segments
    from publisher.social.excerpts import placed_title
    project.config("timezone: Europe/Paris\nchannels: {bluesky: {}, x: {}}\nrules: {follow_ups: [3]}")
    said = "« Le levain ne se presse pas, et nous non plus », dit Karim Benali.\n"
    project.piece("interviews/karim.md", INTERVIEW, body=said)
    settings = load_settings(project.config_file)
    library = load_library(settings)
    (piece,) = list(library)
    placed = placed_title(piece)
    assert placed == "Karim Benali, chef boulanger de Pains de Garonne\u00a0: «\u00a0Le levain ne se presse pas, et nous " \
                     "non plus\u00a0»", placed  # as a headline says it, not a list of labels (sets 117, 118)
    project.piece("interviews/josiane.md", INTERVIEW.replace("Karim Benali", "Josiane Perrault").replace(
        "organization: Pains de Garonne", "organization: \"Cantine de l'école des Tilleuls\""),
        body=said.replace("Karim Benali", "Josiane Perrault"))
    josiane = load_library(load_settings(project.config_file)).get("interviews/josiane")
    assert "Cantine de l’école des Tilleuls" in placed_title(josiane)  # typeset like the title (set 41)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-11-20T07:00"))
    takeaway = [p for p in plan.posts if p.excerpt_kind == "takeaway"]
    assert takeaway and all(placed in p.text for p in takeaway), [p.text for p in takeaway]
    for post in takeaway:
        if post.network == "bluesky" and post.card:  # the facet still makes the title line the link
            assert ("link", placed) in bluesky_segments(post.text, post.link, post.card.title)


def test_the_next_name_of_a_list_is_no_role_in_french() -> None:
    text = ("La table ronde réunissait Annick Lecoq, Jean-Yves Hamelin, rédacteur en chef de la Voix du Bocage, "
            "et la maire.")
    roles = speech.roles_in(text, "fr")
    assert "Annick Lecoq" not in roles, roles  # not "jean-Yves Hamelin" (set 17)
    assert roles.get("Jean-Yves Hamelin") == "rédacteur en chef de la Voix du Bocage", roles


@pytest.mark.parametrize("scored", [False, True])
def test_recycles_step_over_a_dated_post_and_keep_their_turn(project: ProjectDir, scored: bool) -> None:
    # Scored recycles (metrics pulled back) go through Placer.place, the others through the fast path:
    # both take the other texts in turn, neither brings back the dated post nor sticks to one text.
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [], cooldown_days: 30, evergreen: {after_days: 30, every_days: 30, max_times: 4}}")
    project.piece("articles/a.md", "title: Bike sheds of Leeds\ndate: 2026-03-02\nlang: en\n"
                  "social: {x: ['This weekend, you will be offered 30 percent off every bike.']}\n"
                  "takeaways:\n  - Know where your bike lives, always.\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-03-02T07:00"),
                     scores={("x", "none"): 1.0} if scored else None, parallel=False)
    kinds = [p.excerpt_kind for p in sorted(plan.posts, key=lambda p: p.scheduled_at) if p.role != "launch"]
    assert "hand-written" not in kinds, kinds
    assert set(kinds) == {"title", "takeaway"} and kinds.count("title") <= kinds.count("takeaway") + 1, kinds


@pytest.mark.parametrize(("text", "lang"), [
    ("Soulagement, parce que personne ne savait quand ça finirait.", "fr"),
    ("Auditions remain, because players need to be placed in the right section.", "en"),
    ("Concrètement, nous passons une fois par semaine chez chaque locataire.", "fr"),
])
def test_an_answer_that_needs_its_question_is_not_lifted(text: str, lang: str) -> None:
    from publisher.social.excerpting import standalone
    assert standalone.why_not(typeset(text, lang), lang, speaker=True)
    assert not standalone.why_not(typeset("Les gens viennent, parce que le lieu est beau et la soupe chaude.", "fr"),
                                  "fr", speaker=True)


@pytest.mark.parametrize(("title", "lang", "teases"), [
    ("Parc des Combes : ce que 212 habitants nous ont dit à Saint-Aubin", "fr", True),
    ("Visiter la Hêtraie en hiver : horaires, tarifs et nouveautés", "fr", True),
    ("Everything you need to know about the new bins", "en", True),
    ("Ce que contient le prix de notre pain de campagne, centime par centime", "fr", False),
    ("Why we stopped promising a tech job in twelve weeks", "en", False),
    ("Residential snow clearing, winter 2026–27: what changes and what doesn’t", "en", True),  # set 54
    ("Réseau 2027 : ce qui change et ce qui reste", "fr", True),
    ("Donner son sang et reprendre le guidon : ce que tout motard doit savoir", "fr", True),  # set 59
    ("What every volunteer driver should know about ice", "en", True),
    ("Ce que tout conducteur d’engin doit savoir", "fr", True),
    ("What everyone should know about ticks", "en", True),
    ("Winter timetable: what changes on your bus from Sunday 13 December", "en", False),  # says when
])
def test_a_title_that_only_announces_is_no_post_of_its_own(title: str, lang: str, teases: bool) -> None:
    assert background.announces_only(title, lang) is teases
