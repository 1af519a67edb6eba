"""A place or organisation the post calls "the rink" and never names (excerpting/placing.py; sets 135-140)."""

from __future__ import annotations

import pytest
from conftest import ProjectDir
from hypothesis import given
from hypothesis import strategies as st

from publisher.config import load_settings
from publisher.content.loader import load_library
from publisher.social.excerpting.placing import unplaced
from publisher.social.excerpts import excerpts_for, held_back
from publisher.social.planner import rules_from
from publisher.social.render import Rendered, render


@pytest.mark.parametrize(("text", "lang", "around"), [
    # the strict readers' own failures, word for word
    ("Sledge queues reached forty minutes; from January the rink will take bookings in 30-minute slots.", "en",
     "Glisse pour tous: 212 skaters, 31 sledges and a queue we should have seen coming"),
    ("L’atelier restaure depuis 2022 les registres d’état civil de la Ville, le plus ancien datant de 1793.", "fr",
     "Hélène Marzin, relieuse : « Un livre abîmé n’est presque jamais perdu »"),
    ("The charity pays for food, vet care, insurance and equipment.", "en", "Fostering a guide-dog puppy"),
    ("One in four juveniles on the bed was a Pacific oyster; the team is watching this closely.", "en",
     "From platter to reef"),
    ("Sans coordination salariée, le dispositif s’effondre : c’est la leçon de 2017.", "fr",
     "Garder un pré salé avec des bénévoles"),
    ("71 interventions en 2026, un record pour la station.", "fr", "Bilan de la saison"),
    ("The yard will take eight new apprentices in April 2027; applications close on 22 January.", "en",
     "The Marie-Gaëlle takes the water: eight apprentices, 2,140 hours and one launch"),  # set 163
    ("The dairy brought its own smear culture with it, so the cheese kept its taste.", "en",
     "Fruitière des Essarts-Hauts: from 7 percent of wheels downgraded to under 2"),  # set 57
    ("In Saint Malo, the club opened a second pitch.", "en", ""),  # a place is no name of the club
    ("Switching off street lighting darkened the sky above the observatory.", "en",
     "Open Domes 2026: what 58 people who run public observatories learned"),  # which of them?
    ("The observatory dims its lights at ten.", "en", "Observatories: what 58 people learned"),  # a capital of the
    # sentence, no name
    # a reviewer's: a person, a storm or a day in apposition names no club; "the yard" after an opening phrase
    ("Ada Rees, the club’s coach, says the pitch will reopen in May.", "en", ""),
    ("After Storm Ciarán, the club rebuilt its clubhouse.", "en", ""),
    ("Since New Year’s Day, the club has signed 40 members.", "en", ""),
    ("In April 2027, the yard will take eight new apprentices.", "en", ""),
])
def test_a_noun_nothing_in_the_post_names_is_unplaced(text: str, lang: str, around: str) -> None:
    assert unplaced(text, lang, around)


@pytest.mark.parametrize(("text", "lang", "around"), [
    ("In its first year the kitchen cooked 4,380 meals.", "en", "One year of the Fourth Trimester Kitchen"),
    ("The rink at Port-Maréchal opens in January.", "en", ""),  # a name after it
    ("L’atelier Dos Carré restaure les registres.", "fr", ""),
    ("La distillerie des Trois Bories a réduit sa consommation d’eau.", "fr", ""),  # a complement
    ("L’atelier de mesure carbone a affiché complet deux fois.", "fr", ""),  # « de » says which (the sample's)
    ("Le réseau national voit mal les fonds de vallée.", "fr", ""),  # an adjective
    ("We were the same team in 2019.", "en", ""),
    ("After seven months, she joined La Navette, a co-operative of 58 translators. The co-op chased it.", "en", ""),
    ("L’atelier restaure 310 instruments par an.", "fr", "Odile Varenne, dirigeante de l’Atelier du Soufflet"),
    ("In 2025-26 the company gave 1,140 performances.", "en", "Orla Fenwick, Lantern Theatre: “A show…”"),
    ("The group’s trap-loan scheme grows from 8 to 20 traps.", "en", "Bessin Moth Group annual meeting"),
    ("Les pharmacies livrent 14 EHPAD.", "fr", ""),  # no such noun
    ("Les Mailles du jeudi knit 1,300 hats at Orsanne hospital, in the only yarn the hygiene team allows.", "en", ""),
    ("Elle a rejoint La Navette en 2016. La coopérative compte 58 membres.", "fr", ""),
    ("The dairy paid £1,350 per learner.", "en", "Tarrow Valley Dairies: how 18 apprentices got to work"),
    ("Craies Vives, the homework club run by retired teachers in Dax, has 23 pupils waiting.", "en", ""),  # set 170
    ("The studio opened for a raku night in the yard.", "en", "Hensford Clayworks winter open studio"),  # a part
    ("Bookings open for a raku night in the yard on Friday.", "en", ""),  # "the yard" that does nothing: a part
    ("Tarrow Valley Dairies trained 18 apprentices; the dairy paid £1,350 per learner.", "en", ""),
    ("The costumes are stored in the loft above the village hall.", "en", ""),  # part of a building
])
def test_a_noun_the_post_names_is_placed(text: str, lang: str, around: str) -> None:
    assert unplaced(text, lang, around) is None


@given(st.text(max_size=200), st.sampled_from(["fr", "en", "de", ""]), st.text(max_size=80))
def test_any_text_gets_an_answer_never_an_error(text: str, lang: str, around: str) -> None:
    assert unplaced(text, lang, around) is None or "never named" in unplaced(text, lang, around)


def test_a_takeaway_about_the_rink_nobody_names_is_held_back_and_doctor_says_why(project: ProjectDir) -> None:
    project.piece("event-reports/glisse.md", """
title: "Glisse pour tous: 212 skaters and a queue we should have seen coming"
date: 2026-11-20
lang: en
summary: The Port-Maréchal rink’s first inclusive skating afternoon, what worked and the next dates.
takeaways:
  - "Sledge queues reached forty minutes; from January the rink will take bookings in 30-minute slots."
  - "The quiet first hour, with music off and lights lowered, was full within twenty minutes."
""")
    (piece,) = list(load_library(load_settings(project.config_file)))
    texts = [e.text for e in excerpts_for(piece)]
    assert not any("the rink will" in t for t in texts), texts
    assert any(t.startswith("The quiet first hour") for t in texts)
    assert any("'the rink' is never named" in why for _, why in held_back(piece))


def test_a_summary_naming_the_station_only_through_its_headline_keeps_the_headline(project: ProjectDir) -> None:
    project.config("channels: {bluesky: {}}")
    project.piece("interviews/aebi.md", """
title: "Sandrine Aebi, cheffe d’intervention de Sauvetage de Port-Valmont"
date: 2026-11-20
lang: fr
summary: "Sandrine Aebi revient sur 71 interventions en 2026, un record pour la station."
""", body="Une saison chargée.\n")
    project.piece("articles/record.md", """
title: "Une saison chargée"
date: 2026-11-20
lang: fr
summary: "71 interventions en 2026, un record pour la station."
""", body="Une saison chargée.\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules = rules_from(settings, library)
    aebi = library.get("interviews/aebi")
    (summary,) = [e for e in excerpts_for(aebi) if e.kind == "summary"]
    post = render(summary, aebi, rules.channels["bluesky"], rules.context(aebi))
    assert isinstance(post, Rendered)
    assert "Sauvetage de Port-Valmont" in post.text, post.text  # not "Lire la suite :" with "la station" alone
    assert not [e for e in excerpts_for(library.get("articles/record")) if e.kind == "summary"]  # which station?


def test_a_front_matter_quote_the_body_never_gives_its_named_speaker_is_not_posted(project: ProjectDir) -> None:
    # set 135: "We were about to pay someone to crush these bikes…" — Élodie Perret, whom the body quotes otherwise
    project.piece("case-studies/bikes.md", """
title: Retired bikes, rebuilt
date: 2026-11-20
lang: en
quotes:
  - text: We were about to pay someone to crush these bikes. Instead we paid someone to teach people to fix them.
    by: Élodie Perret, fleet manager at Vélo Dauphin
  - text: Paying to have them crushed felt like throwing money after good bikes.
    by: Élodie Perret, fleet manager at Vélo Dauphin
  - text: A bike is a promise you keep with a spanner.
    by: Marion Chabert, teacher at La Rustine
""", body="“Paying to have them crushed felt like throwing money after good bikes,” says Élodie Perret.\n")
    (piece,) = list(load_library(load_settings(project.config_file)))
    quotes = [e.text for e in excerpts_for(piece) if e.kind == "quote"]
    assert quotes == ["Paying to have them crushed felt like throwing money after good bikes.",
                      "A bike is a promise you keep with a spanner."], quotes  # the body names no Chabert: a pull quote
    from publisher.social.excerpts import quote_refused
    assert "never gives them these words" in (quote_refused(piece.quotes[0], piece) or "")


def test_a_title_quote_only_a_front_matter_quote_gives_is_a_misquote(project: ProjectDir) -> None:
    # set 146: title and front-matter quote « c’est 40 000 coups de marteau », the interview « c’est environ 40 000 »
    from publisher.social.excerpts import misquoted_by_title, placed_title
    project.piece("interviews/marchal.md", """
title: "Hélène Marchal : « Un gobelet en argent, c’est 40 000 coups de marteau, et aucun ne se rattrape »"
date: 2026-11-19
lang: fr
guest: {name: Hélène Marchal, role: Cheffe de l’atelier d’orfèvrerie, organization: École d’orfèvrerie Delaunay}
quotes:
  - text: "Un gobelet en argent, c’est 40 000 coups de marteau, et aucun ne se rattrape."
    by: Hélène Marchal
""", body="Hélène Marchal forme vingt élèves. « Un gobelet en argent, c’est environ 40 000 coups de marteau, et aucun "
          "ne se rattrape », dit-elle.\n")
    (piece,) = list(load_library(load_settings(project.config_file)))
    assert misquoted_by_title(piece).startswith("Hélène Marchal, cheffe de l’atelier")
    assert "40 000" not in placed_title(piece)
    assert not any("c’est 40 000" in e.text for e in excerpts_for(piece))


def test_a_quote_after_someone_the_paragraph_calls_by_a_first_name_is_not_the_guest_s() -> None:
    # set 145: « Quand une commande part à Lille… », Karim's words, went out signed by the guest, his supervisor
    from publisher.content.typography import typeset
    from publisher.social.excerpting.body import analysed
    body = ("Nadège Pérot a été libraire pendant vingt ans avant de rejoindre l’atelier. « Je ne vais pas prétendre que "
            "c’est un emploi comme les autres. Mais c’est un emploi, avec une fiche de paie et des horaires », dit-elle.\n\n"
            "Un salarié que nous appellerons Karim, 34 ans, travaille à la cotation depuis huit mois. Il n’avait, "
            "dit-il, « pas ouvert un livre depuis le collège ». Il a découvert les romans policiers scandinaves en "
            "cotant une caisse entière de la même collection, et tient désormais le rayon polar de la boutique en "
            "ligne. « Quand une commande part à Lille ou à Marseille, je me dis que quelqu’un va lire un livre que "
            "j’ai choisi. Ça fait drôle. »\n")
    analysed.cache_clear()
    said = [(text, who) for kind, text, who in analysed(typeset(body, "fr"), "fr", "", "Nadège Pérot")
            if kind == "quote"]
    assert any("fiche de paie" in text for text, _ in said), said  # hers
    assert not any("commande" in text for text, _ in said), said


def test_a_takeaway_that_names_the_person_of_a_misquoting_title_reads_more(project: ProjectDir) -> None:
    # set 151: a summary naming Odile Marchand, then "Odile Marchand, Founder and head mechanic at Café Frappe" as its
    # headline line: a signature under a text that is not hers
    project.config("channels: {bluesky: {}}")
    project.piece("interviews/marchand.md", """
title: "Odile Marchand: “A typewriter is never finished”"
date: 2026-11-19
lang: en
guest: {name: Odile Marchand, role: Founder and head mechanic, organization: Café Frappe}
takeaways:
  - Odile Marchand has brought 1,300 typewriters back to life in four years.
""", body="Odile Marchand opened the café in 2019. “A machine is never really finished,” she says.\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules, piece = rules_from(settings, library), library.get("interviews/marchand")
    (summary,) = [e for e in excerpts_for(piece) if e.kind == "takeaway"]
    post = render(summary, piece, rules.channels["bluesky"], rules.context(piece))
    assert isinstance(post, Rendered) and "Read more:" in post.text and "head mechanic" not in post.text, post


def test_a_title_naming_the_guest_and_her_organisation_is_hers(project: ProjectDir) -> None:
    # set 158: "Odile Kervella, L’Atelier des Lampes: “A radio is…”" over her quote that starts with the same words
    from publisher.social.excerpts import placed_title
    project.piece("interviews/kervella.md", """
title: "Odile Kervella, L’Atelier des Lampes: “A radio is the friendliest way to learn electronics”"
date: 2026-11-19
lang: en
guest: {name: Odile Kervella, role: Founder and head tutor, organization: L’Atelier des Lampes}
quotes:
  - text: A radio is the friendliest way to learn electronics. It tells you when you have fixed it, out loud.
    by: Odile Kervella
  - text: Nobody needs to repair a 1950s radio. That is exactly why people come.
    by: Odile Kervella
""", body="“A radio is the friendliest way to learn electronics. It tells you when you have fixed it, out loud.” "
          "“Nobody needs to repair a 1950s radio. That is exactly why people come.”\n")
    (piece,) = list(load_library(load_settings(project.config_file)))
    quotes = [e.text for e in excerpts_for(piece) if e.kind == "quote"]
    assert quotes == ["Nobody needs to repair a 1950s radio. That is exactly why people come."], quotes
    assert placed_title(piece) == piece.title  # her organisation is in it already: no role added after it


def test_a_takeaway_under_a_misquoting_title_reads_more(project: ProjectDir) -> None:
    # set 153: "Anouk Berthet, accompagnatrice…, Traces Blanches" under takeaways she never said
    project.config("channels: {bluesky: {}}")
    project.piece("interviews/berthet.md", """
title: "Anouk Berthet : « La neige ne se commande pas »"
date: 2026-11-19
lang: fr
guest: {name: Anouk Berthet, role: Accompagnatrice en montagne, organization: Traces Blanches}
takeaways:
  - "Traces Blanches a guidé 1 240 randonneurs en raquettes l’hiver dernier."
""", body="Anouk Berthet guide depuis vingt ans. « La neige, on ne la commande pas », dit-elle.\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    rules, piece = rules_from(settings, library), library.get("interviews/berthet")
    (takeaway,) = [e for e in excerpts_for(piece) if e.kind == "takeaway"]
    post = render(takeaway, piece, rules.channels["bluesky"], rules.context(piece))
    assert isinstance(post, Rendered) and "Lire la suite" in post.text and "Accompagnatrice" not in post.text \
        and "accompagnatrice" not in post.text, post


@pytest.mark.parametrize(("text", "lang"), [
    # a fresh reviewer's: a longer word holding the noun, a repeat, a preposition naming nothing, signs around it
    ("The pub opened its doors to the public.", "en"),
    ("L’équipe a reçu de nouveaux équipements.", "fr"),
    ("The rink opens in January; the rink will take bookings.", "en"),
    ("She has volunteered at the charity for 20 years.", "en"),
    ("Bookings at the rink on Saturdays doubled.", "en"),
    ("L’équipe, Marie en tête, a tout repeint.", "fr"),
    ("Where is the rink?", "en"),
    ("Rendez-vous à la patinoire!", "fr"),
])
def test_a_reviewers_unplaced_nouns(text: str, lang: str) -> None:
    assert unplaced(text, lang)


def test_figures_leave_out_dates_and_times() -> None:
    from publisher.social.headlines import figures
    for text in ("Les séances ont lieu les 12 et 13 décembre.", "Doors open every Saturday at 10:30.",
                 "du 12 au 14 décembre", "12th December", "le 12 déc.", "12/12/2025", "12-14 December", "à 10 h 30",
                 "peint en 1783"):
        assert figures(text) == frozenset(), text
    assert figures("plus de 1500 repas") == {"1500"}  # "de" is no year's cue
    assert figures("Table 14: a Saturday") == {"14"}
    assert figures("1 140 visiteurs et 12 ateliers") == {"1140", "12"}


def test_a_role_naming_its_place_after_an_elision_places_the_speaker() -> None:
    from publisher.social.excerpting.signatures import role_places
    assert role_places("directrice de la médiathèque d’Orsanne") and role_places("bénévole à l’Arche")
    assert role_places("head of our kitchen") and not role_places("responsable du service")


def test_doctor_says_why_a_summary_is_not_posted(project: ProjectDir) -> None:
    import datetime as dt

    from publisher.project.doctor import diagnose
    project.piece("articles/record.md", "title: Une saison chargée\ndate: 2026-11-20\nlang: fr\n"
                  "summary: \"71 interventions en 2026, un record pour la station.\"\n", body="Une saison chargée.\n")
    report = diagnose(project.config_file, dt.datetime(2026, 11, 21, tzinfo=dt.UTC))
    said = [f.message for f in report.findings]
    assert any("the summary is not posted: 'la station' is never named" in m for m in said), said


@given(st.text(alphabet="0123456789 ,.€%\u00a0\u202fabc", max_size=60), st.text(alphabet="0123456789 ,.€%abc\n", max_size=300))
def test_unsupported_figures_answer_any_text(text: str, body: str) -> None:
    from publisher.social.headlines import figures, unsupported

    found = unsupported(text, body)
    assert len(found) <= len(figures(text)) and all(any(c.isdigit() for c in f) for f in found)



@pytest.mark.parametrize(("takeaway", "body", "warned"), [
    ("Visitors rose by 50 percent.", "We had 200 visitors in 2025 and 300 in 2026.", ()),  # a rise
    ("Les cartons ont progressé de 12,5 %.", "De 400 cartons à 450 cartons.", ()),
    ("58 percent of pupils walk to school.", "23 of the school’s 40 pupils walk.", ()),  # a share
    ("€1.2 million raised.", "We raised €1,200,000 in all.", ()),  # in millions
    ("Running costs divided by 1.7.", "From 412 MWh to 243 MWh a year.", ()),  # a ratio
    ("Twelve new members joined: 12 in all.", "Twelve new members joined.", ()),  # spelled in the body
    ("2 000 visiteurs sont venus.", "Nous avons reçu 2000 visiteurs.", ()),  # a count a year's shape
    ("Call 05 23 45 67 89 before Friday.", "Call us before Friday.", ()),  # a phone number
    ("Le coût baisse de 12,5 % et 38 000 € sont économisés.", "Rien de chiffré ici.", ("12,5", "38 000")),  # as written
])
def test_unsupported_figures_are_those_the_body_gives_no_way(takeaway: str, body: str, warned: tuple[str, ...]) -> None:
    from publisher.social.headlines import unsupported
    assert unsupported(takeaway, body) == warned
