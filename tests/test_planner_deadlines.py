"""A piece that makes a call (recruits, opens registrations) stops being recycled on the day the call closes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from conftest import ProjectDir

from publisher.config import load_settings
from publisher.content import load_library
from publisher.content.typography import typeset
from publisher.social.excerpting import announcing, deadlines
from publisher.social.planner import make_plan, rules_from

PARIS = ZoneInfo("Europe/Paris")


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=PARIS).astimezone(dt.UTC)


@pytest.mark.parametrize(("text", "lang", "day"), [
    # set 116: the day is in bold in the body
    ("Les candidatures sont reçues jusqu’au **vendredi 11 décembre**, pour des prises de poste à partir du "
     "4 janvier 2027.", "fr", "2026-12-11"),
    ("Date limite d’inscription : vendredi 15 janvier.", "fr", "2027-01-15"),  # next year's January
    ("Inscriptions avant le 1er décembre à l’accueil.", "fr", "2026-12-01"),
    ("Applications close on Friday, 11 December.", "en", "2026-12-11"),
    ("Register by 20 January 2027 at the desk.", "en", "2027-01-20"),
    ("Deadline: December 8.", "en", "2026-12-08"),
    ("Book before 3 December; the second session runs until 19 December.", "en", "2026-12-03"),  # the earliest
    # a fresh reviewer's: the closing cue wins over a later "until", a past spring is not next year's
    ("Applications close on 11 December. The apprenticeship runs from 4 January until 30 April.", "en", "2026-12-11"),
    ("Candidatures jusqu’au 11 décembre. Le contrat court jusqu’au 30 avril.", "fr", "2026-12-11"),
    ("Last year the pilot line ran until 15 April.", "en", None),
    # as writers write them: raw apostrophes, links, &nbsp;, ranges, times, abbreviations
    ("Date limite d'inscription : 4 décembre", "fr", "2026-12-04"),
    ("Clôture des inscriptions : 4 décembre", "fr", "2026-12-04"),
    ("Les inscriptions prennent fin le 4 décembre", "fr", "2026-12-04"),
    ("Inscriptions du 10 novembre au 4 décembre", "fr", "2026-12-04"),
    ("jusqu’au [11 décembre](https://example.org/agenda)", "fr", "2026-12-11"),
    ("jusqu’au 4&nbsp;décembre", "fr", "2026-12-04"),
    ("The closing date for applications is 8 January", "en", "2027-01-08"),
    ("Applications close at noon on 4 December", "en", "2026-12-04"),
    ("Apply by 5pm on Friday 4 December", "en", "2026-12-04"),
    ("Register by Fri 4 Dec", "en", "2026-12-04"),
    ("The bridge was opened by 12 volunteers in May.", "en", None),  # a count, not a day
    ("Il était là jusqu’au 2 novembre.", "fr", None),  # before the piece
    ("Groups may register by 12 may.", "en", None),  # the verb, not the month
    ("Inscriptions jusqu’au 31 février.", "fr", None),  # no such day: no crash
    ("The waiting list stays open until 30 September 2027.", "en", None),  # beyond the horizon
])
def test_the_day_a_call_closes(text: str, lang: str, day: str | None) -> None:
    found = deadlines.closing_day(typeset(text, lang), lang, dt.date(2026, 11, 10))
    assert (found.isoformat() if found else None) == day


def test_a_run_of_blanks_is_no_slower_than_prose() -> None:
    import time
    started = time.perf_counter()
    deadlines.closing_day("deadline" + " " * 100_000 + "date limite" + "\u00a0" * 100_000, "fr", dt.date(2026, 11, 10))
    assert time.perf_counter() - started < 1.0  # 3 s for 4,000 blanks before they were collapsed


def test_a_29_february_is_next_year_s() -> None:
    assert deadlines.closing_day("jusqu’au 29 février", "fr", dt.date(2027, 12, 10)) == dt.date(2028, 2, 29)


@pytest.mark.parametrize(("text", "lang", "call"), [
    ("L’atelier ouvre une deuxième ligne de démontage et recrute huit personnes.", "fr", True),
    ("Nager à tout âge : inscriptions 2027", "fr", True),
    ("Appel à bénévoles pour le comptage des chouettes", "fr", True),
    ("The ropewalk is hiring two apprentices for spring.", "en", True),
    ("Applications are open for the 2027 apprenticeship.", "en", True),
    ("Our head of lending on the applications she turns down.", "en", False),  # a noun, not a call
    # a fresh reviewer's: nouns and reports are no calls; requests said otherwise are
    ("Enrolment fell by 12% this year", "en", False),
    ("How to apply a lime render", "en", False),
    ("Hiring freeze: the council stops recruiting", "en", False),
    ("La billetterie du festival a vendu 12 000 places", "fr", False),
    ("Comment nous avons recruté 40 bénévoles en 2019", "fr", False),
    ("L'association recherche 25 bénévoles", "fr", True),
    ("Devenez bénévole", "fr", True),
    ("Volunteers needed", "en", True),
    ("The ropewalk is taking on two apprentices", "en", True),
    ("Trente ans de corderie, racontés par ceux qui la font.", "fr", False),
])
def test_a_title_or_summary_that_makes_a_call(text: str, lang: str, call: bool) -> None:
    assert deadlines.makes_a_call(typeset(text, lang), lang) is call


@pytest.mark.parametrize(("summary", "body", "lang", "last"), [
    ("L’atelier ouvre une deuxième ligne et recrute huit personnes.",
     "Les candidatures sont reçues jusqu’au **vendredi 11 décembre**.", "fr", "2026-12-11"),
    ("The ropewalk is hiring two apprentices.", "Applications close on 15 January.", "en", "2027-01-15"),
])
def test_a_call_is_not_recycled_after_it_closes(
        project: ProjectDir, summary: str, body: str, lang: str, last: str) -> None:
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [], evergreen: {after_days: 10, every_days: 10, max_times: 30}}")
    front = f"date: 2026-11-10\nlang: {lang}\nsummary: \"{summary}\"\n"
    project.piece("articles/call.md", f"title: Une deuxième ligne\n{front}", body=f"{body}\n")
    project.piece("articles/story.md", f"title: Une deuxième ligne, racontée\n{front}",
                  body="Les premiers matelas sont passés sur la ligne le 2 novembre.\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-11-10T07:00"))
    recycles = {key: [p.scheduled_at for p in plan.posts if p.piece == key and p.role.startswith("evergreen")]
                for key in ("articles/call", "articles/story")}
    assert recycles["articles/call"] and max(recycles["articles/call"]) < at(f"{last}T00:00"), recycles
    assert max(recycles["articles/story"]) > at(f"{last}T00:00"), recycles  # the same summary, no closing day
    assert any(note.startswith("articles/call.md: the call it makes closes on " + last) for note in plan.notes), \
        plan.notes  # `publisher plan` says so


def test_a_call_a_takeaway_makes_ends_the_recycles_too(project: ProjectDir) -> None:
    # set 141: "The service is recruiting twelve listening volunteers for 2027." went out after the 15 January deadline
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [], evergreen: {after_days: 10, every_days: 10, max_times: 30}}")
    front = ("date: 2026-11-10\nlang: en\nsummary: Twenty years of listening at the bedside.\n"
             "takeaways:\n  - The service is recruiting twelve listening volunteers for 2027.\n"
             "  - Most patients never asked for a chaplain.\n")
    project.piece("interviews/call.md", f"title: Listening at the bedside\n{front}",
                  body="Applications close on 15 January.\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-11-10T07:00"))
    assert max(p.scheduled_at for p in plan.posts if p.role.startswith("evergreen")) < at("2027-01-15T00:00")


def test_a_call_that_says_evergreen_is_recycled(project: ProjectDir) -> None:
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [], evergreen: {after_days: 10, every_days: 10, max_times: 30}}")
    project.piece("articles/call.md", "title: Apprentices\ndate: 2026-11-10\nlang: en\nevergreen: true\n"
                  "summary: The ropewalk is hiring two apprentices.\n", body="Applications close on 15 December.\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-11-10T07:00"))
    assert max(p.scheduled_at for p in plan.posts if p.role.startswith("evergreen")) > at("2026-12-15T00:00")


@pytest.mark.parametrize(("title", "lang", "seasonal"), [
    ("Before the January loan lands: a seven-step money check for students", "en", True),  # set 116
    ("Portage de livres : nous cherchons 25 bénévoles avant janvier", "fr", True),
    ("Before the storm: how the ropewalk kept its hemp dry", "en", False),
    # a fresh reviewer's: history, not a countdown
    ("Avant Mai 68 : la France des usines", "fr", False),
    ("Before the March: how the 1913 strikers organised", "en", False),
    ("Before June: the last months of the mill, in photos", "en", False),
    ("Until May, I had never built a boat", "en", False),
    ("Nous cherchons 25 bénévoles d'ici janvier", "fr", True),  # a straight apostrophe, as typed
])
def test_a_title_that_counts_down_to_a_month(title: str, lang: str, seasonal: bool) -> None:
    assert announcing.names_its_month(title, lang) is seasonal


@pytest.mark.parametrize(("summary", "lang", "written", "soon"), [
    # set 121: a round for this month and the next, a diary full for next month
    ("L’Œil nomade publishes its round for December and January. Where it stops, and how to book.", "en",
     dt.date(2026, 12, 3), True),
    ("Chez Ramonage Thibault Frères, l’agenda de décembre est déjà rempli aux trois quarts.", "fr",
     dt.date(2026, 11, 26), True),
    ("What worked, what didn't, and what changes in January.", "en", dt.date(2026, 12, 3), True),
    # a past month, a habit, a span a season's advice names every year, a year, a day (another rule's)
    ("Depuis janvier, 37 habitants sont venus nous montrer un appel frauduleux.", "fr", dt.date(2026, 11, 13), False),
    ("Every December the market draws twice the crowd.", "en", dt.date(2026, 11, 13), False),
    ("De décembre à février, le compost ralentit et les bacs se remplissent.", "fr", dt.date(2026, 11, 13), False),
    ("Between January and October 2026 our ambassadors visited 412 homes.", "en", dt.date(2026, 12, 10), False),
    ("Since December 2025, the Tinkerhouse has opened early on Saturdays.", "en", dt.date(2026, 12, 3), False),
    ("What the seeds will give in April, and how to sow them.", "en", dt.date(2026, 11, 13), False),  # months off
    ("Groups may book the hall for free.", "en", dt.date(2026, 4, 10), False),  # the verb
    # a fresh reviewer's: months to come said with by, until, from, of, a possessive, a year further on
    ("The roof will be finished by December.", "en", dt.date(2026, 11, 20), True),
    ("L'exposition est prolongée jusqu'en janvier.", "fr", dt.date(2026, 12, 5), True),
    ("From January, bins are collected on Tuesdays.", "en", dt.date(2026, 12, 5), True),
    ("What January's new rules mean for tenants.", "en", dt.date(2026, 12, 5), True),
    ("Our December round, the 20th since 2006.", "en", dt.date(2026, 12, 5), True),
    # …and habits said after the month, names, a planet, spans without "from", a past month next month
    ("In December, as every year, the market doubles.", "en", dt.date(2026, 11, 20), False),
    ("Tous les ans en décembre, le marché double.", "fr", dt.date(2026, 11, 20), False),
    ("May Ellis has run the café for years.", "en", dt.date(2026, 4, 20), False),
    ("March with us on Saturday.", "en", dt.date(2026, 3, 2), False),
    ("Nous préparons la mission vers Mars.", "fr", dt.date(2026, 3, 2), False),
    ("Décembre-janvier : le compost ralentit.", "fr", dt.date(2026, 11, 20), False),
    ("Depuis janvier, 37 habitants sont venus.", "fr", dt.date(2026, 12, 20), False),  # next month, but since
    ("What the seeds will give in February.", "en", dt.date(2026, 12, 5), False),  # two months on: not this rule's
])
def test_a_summary_that_names_this_month_or_the_next(summary: str, lang: str, written: dt.date, soon: bool) -> None:
    assert announcing.names_a_month_to_come(typeset(summary, lang), lang, written) is soon


def test_a_piece_whose_summary_names_next_month_is_not_recycled(project: ProjectDir) -> None:
    project.config("timezone: Europe/Paris\nchannels: {x: {}}\n"
                   "rules: {follow_ups: [], evergreen: {after_days: 10, every_days: 10, max_times: 3}}")
    project.piece("articles/round.md", "title: The eye van’s winter round\ndate: 2026-12-03\nlang: en\n"
                  "summary: The van publishes its round for December and January.\n")
    project.piece("articles/van.md", "title: The eye van’s first year\ndate: 2026-12-03\nlang: en\n"
                  "summary: The van has visited 24 villages since it first set out.\n")
    settings = load_settings(project.config_file)
    library = load_library(settings)
    plan = make_plan(library.pieces, rules_from(settings, library), at("2026-12-03T07:00"))
    recycled = {p.piece for p in plan.posts if p.role.startswith("evergreen")}
    assert recycled == {"articles/van"}, recycled
