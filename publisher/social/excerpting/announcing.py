"""Titles and summaries that announce a moment: "… lance son épicerie mobile", "… en décembre",
"Décembre à la cave", "Samedi 14 novembre, notre bourse revient". Such a piece is never recycled
(planner.plan.announces): every post carries its title, stale once the day or the month is past.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from publisher.social.excerpting import lexicon
from publisher.social.excerpting.dated import VERBS_TOO

_LAUNCHES = {
    # A title that is news of a start: "Le Grenier Commun lance son épicerie mobile", "Kestlow Airport opens
    # its link bus". True the week it is posted, stale as a recycle a month later (set 13).
    "fr": re.compile(r"(?<![\w’])(?:lance|lancent|ouvre|ouvrent|inaugure|inaugurent|démarre|démarrent|débarque"
                     r"|débarquent|arrive|arrivent|dévoile|dévoilent|rouvre|rouvrent|accueille désormais)(?![\w’])"),
    "en": re.compile(r"(?<![\w’])(?:launches|launch of|opens|unveils|introduces|kicks off|starts|begins"
                     r"|reopens|arrives|is coming|are coming|comes to|goes live|now open)(?![\w’])"),
}


_IN_A_MONTH = {
    # A title that names its month with no year: "Un hérisson dans le jardin en décembre : les bons gestes"
    # was recycled in January (set 35). "March" and "May" are words too, so English needs its preposition.
    # So does one that counts down to it: "Before the January loan lands: a seven-step money check" (set 116,
    # recycled in February), « … 25 bénévoles avant janvier » (not « Avant Mai 68 », a year's name).
    language: re.compile(rf"(?<![\w’])(?:{'en|fin|début|mi-|courant|avant|d’ici' if language == 'fr' else 'in|during|for|through'})"
                         rf"\s?(?:{'|'.join(lexicon.MONTHS[language])})(?![\w’])(?![\s\u00a0\u202f]+(?:(?:19|20)\d\d|\d\d\b))")
    for language in ("en", "fr")}
_COUNTDOWN = re.compile(rf"(?<![\w’])(?:before|ahead of|until) the (?:{'|'.join(lexicon.MONTHS['en'])}) [a-z]", re.I)
"""An English title that counts down to its month's event: "Before the January loan lands" (the month as an
adjective), not "Before June: the last months of the mill" nor "Until May, I had never built a boat"."""


_MONTH_FIRST = {
    # A title that opens on its month: "Décembre à la cave : 4 200 meules…" (set 57), "December at the
    # cellar". Not May or March in English (a name, a verb).
    language: re.compile(rf"^(?:{'|'.join(m for m in lexicon.MONTHS[language] if m not in ('may', 'march'))})"
                         rf"(?![\w’])(?![\s\u00a0\u202f]+(?:19|20)\d\d)", re.I)
    for language in ("en", "fr")}


def names_its_month(title: str, lang: str) -> bool:
    """Does ``title`` name a month of no year ("… en décembre", "in December", "Décembre à la cave")? Its
    advice is seasonal. In English the month is capitalised and no name follows it ("in march for
    climate", "for May Ellis")."""
    language = lexicon.lang_of(lang)
    title = title.replace("'", "’")  # as typed: « d'ici janvier »
    start = title.lstrip("«“\"' ")
    first = _MONTH_FIRST[language].match(start) if language else None
    if first and not (language == "en" and re.match(r"\s+[A-Z]", start[first.end():])):
        return True  # "December at the cellar", not "April Ashley on forty years…" (a name)
    if language != "en":
        return bool(language and _IN_A_MONTH[language].search(title.lower()))
    if any(re.search(r" the [A-Z]", m.group()) for m in _COUNTDOWN.finditer(title)):
        return True  # "the January loan", not "the march on Westminster"
    return any(title[m.end() - 1:m.end()].isalpha() and title[m.end() - len(m.group().split()[-1]):][:1].isupper()
               and not re.match(r"\s+[A-Z]", title[m.end():]) for m in _IN_A_MONTH["en"].finditer(title.lower()))


_HABIT = {"fr": re.compile(r"(?:chaque|tous les|toutes les|d’un|dès le mois d’?e?|un)\s*$"),
          "en": re.compile(r"(?:every|each|in a typical|a typical|any)\s*$", re.I)}
_SPAN = {"fr": re.compile(r"(?:depuis|entre|jours de)\s*$"),
         "en": re.compile(r"(?:since|between|last)\s*$", re.I)}
_HABIT_AFTER = re.compile(r"^[\s,]{0,3}(?:comme chaque année|comme tous les ans|as every year|as each year|like every year)")
_HABIT_BEFORE = re.compile(r"(?:each year|every year|tous les ans|chaque année),?\s+(?:in|en)\s*$")
_TO_A_MONTH = re.compile(r"\s*(?:[-–]|\s(?:à|au|et|to|and|until|through)\s)\s*")
_AFTER_A_WORD = re.compile(r"(?:in|by|until|from|for|of|this|next|early|late|mid|end of|since|during|through|before|after)"
                           r"[\s-]*$")
_ANY_MONTH = {language: re.compile("|".join(lexicon.MONTHS[language])) for language in ("en", "fr")}
NEAR_MONTHS = 1
"""A month of no year names this season’s moment when it is the piece’s month or the next."""


def names_a_month_to_come(text: str, lang: str, written: dt.date) -> bool:
    """Does ``text`` (a summary) name the month it was written in or the next, with no year and no
    day ("publishes its round for December and January" on 3 December, « l’agenda de décembre est déjà
    rempli » on 26 November: set 121's reader failed their recycles in January)? Not a month of habit
    ("every December", « chaque mois de janvier »), nor one of a past story ("In March, the club…" written
    in November)."""
    language = lexicon.lang_of(lang)
    if not language or not text:
        return False
    low = text.lower().replace("'", "’").replace("’s ", "   ")  # "January’s new rules": the month, same length
    if not _ANY_MONTH[language].search(low):
        return False  # most summaries name no month: one cheap pass
    for found in _MONTH_IN[language].finditer(low):
        month = found.group(2)
        after = low[found.end():]
        if found.group(1) or found.group(3) or re.match(r"[\s\u00a0\u202f,]+(?:19|20)\d\d", after):
            continue  # a day ("le 11 décembre", names_a_day_to_come) or a year: not this rule's
        at = found.start(2)
        if low[at - 1:at].isalpha():
            continue
        before = low[max(0, at - 30):at].replace("mois de ", "").replace("mois d’", "")
        capital = text[at:at + 1].isupper()
        if language == "en" and (not capital or (month in VERBS_TOO and not _AFTER_A_WORD.search(before))):
            continue  # "may", "March with us", "May Ellis": a verb or a name, not the month
        if language == "fr" and capital and not re.search(r"(?:^|[.!?:]\s*)$", low[:at]):
            continue  # « la mission vers Mars »: a French month has no capital inside a sentence
        if _HABIT[language].search(before) or _SPAN[language].search(before) or _HABIT_BEFORE.search(before) \
                or _HABIT_AFTER.match(after):
            continue  # "every December", "since January", « En décembre, comme chaque année »
        span = _TO_A_MONTH.match(after)
        if span and re.match(_MONTHS_OR_YEAR_END[language], after[span.end():]):
            continue  # a span, « de décembre à février », "December to February", which a season's advice repeats
        number = lexicon.MONTHS[language].index(month) + 1
        if (number - written.month) % 12 <= NEAR_MONTHS:
            return True
    return False


def announces_a_start(title: str, lang: str) -> bool:
    """Is ``title`` the news that something starts ("… lance son épicerie mobile", "… opens …")?"""
    language = lexicon.lang_of(lang)
    return bool(language and _LAUNCHES[language].search(title.lower()))


_DAY_MONTH = {
    "fr": re.compile(rf"(?<![\w’])(\d{{1,2}})(?:er)?[\s\u00a0\u202f]+({'|'.join(lexicon.MONTHS['fr'])})"
                     rf"(?:[\s\u00a0\u202f]+((?:19|20)\d\d))?(?![\w’])"),
    "en": re.compile(rf"(?<![\w’])(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({'|'.join(lexicon.MONTHS['en'])})"
                     rf"|({'|'.join(lexicon.MONTHS['en'])})\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s+((?:19|20)\d\d))?(?![\w’])"),
}
UPCOMING_DAYS = 180
"""How far ahead of a piece a day it names makes it an announcement."""


def names_a_day_to_come(text: str, lang: str, written: dt.date) -> bool:
    """Does ``text`` name a day after ``written`` ("Samedi 14 novembre, notre bourse revient" in a piece
    of 10 November, set 45)? Its piece announces that day: recycled after it, every post is stale. A day
    with no year is in the year of writing, or the next when it would be months before it."""
    language = lexicon.lang_of(lang)
    if not language:
        return False
    months = lexicon.MONTHS[language]
    for found in _DAY_MONTH[language].finditer(text.lower()):
        if language == "fr":
            day, month, year = found.group(1), found.group(2), found.group(3)
            at = found.start(2)
        else:
            day, month = found.group(1) or found.group(4), found.group(2) or found.group(3)
            year = found.group(5)
            at = found.start(2) if found.group(2) else found.start(3)
            if month in VERBS_TOO and not text[at:at + 1].isupper():
                continue  # "Groups of up to 12 may book the hall": the verb, not the month
        try:
            when = dt.date(int(year) if year else written.year, months.index(month) + 1, int(day))
            if not year and (written - when).days > 60:
                when = when.replace(year=written.year + 1)  # "le 10 janvier" written in December
        except ValueError:
            continue  # "31 février", or a 29 February whose next year has none
        if 0 < (when - written).days <= UPCOMING_DAYS:
            return True
    return False





_MONTHS_OR_YEAR_END = {language: "|".join(lexicon.MONTHS[language]) for language in ("en", "fr")}
_LEAVING = {
    # Someone the piece presents leaves their post on a coming date: "Elle part à la retraite en décembre" (set
    # 104: five posts still called her head of the workshop in February), "…prepares to retire at the end of
    # December" (set 49), « un départ à la retraite en mars » (set 14). What the piece says of them holds until then.
    # A subject before the verb, never a sentence's first word: "Retire your old bike in March" advises.
    "fr": re.compile(rf"(?<=[^\s.!?…]\s)(?:(?:part|partira|partir|va partir)\s+à\s+la\s+retraite|(?:prend|prendra|va prendre"
                     rf"|prendre)\s+(?:sa|leur|ma|notre)\s+retraite|départ à la retraite|(?:quitte|quittera|va quitter)\s+"
                     rf"(?:ses|leurs)\s+fonctions|(?:passe|passera|va passer)\s+la\s+main)[^.;!?]{{0,40}}?(?<![\w’])"
                     rf"(?:en|fin|début|le\s+\d{{1,2}}(?:er)?|à\s+la\s+fin\s+(?:de|du)|au\s+\d{{1,2}}(?:er)?|d’ici)"
                     rf"\s+(?:(?:{_MONTHS_OR_YEAR_END['fr']})(?![\w’])|l’année|l’été|la\s+saison)"),
    "en": re.compile(rf"(?<=[^\s.!?…]\s)(?:retires|retire|retiring|steps\s+down|step\s+down|stepping\s+down|hands\s+over"
                     rf"|hand\s+over|handing\s+over|leaves\s+(?:her|his|their)\s+post)(?![\w’])[^.;!?]{{0,40}}?(?<![\w’])"
                     rf"(?:in|on|at\s+the\s+end\s+of|by\s+the\s+end\s+of|this|next)\s+(?:(?:\d{{1,2}}\s+)?"
                     rf"(?:{_MONTHS_OR_YEAR_END['en']})(?![\w’])|the\s+(?:year|season))", re.I),
}
_MONTH_IN = {language: re.compile(rf"(?:(\d{{1,2}})(?:er)?\s+)?({_MONTHS_OR_YEAR_END[language]})(?:\s+(\d{{1,2}}))?"
                                  rf"(?![\w’])", re.I) for language in ("en", "fr")}


def leaving_date(text: str, lang: str, published: dt.date) -> dt.date | None:
    """The day someone the piece presents leaves their post (retires, steps down, hands over), when ``text``
    (summary and body) says so: the first of its month, or its day when given; the year's last day for "the
    end of the year"; ``published`` when it says only "the season". The piece's posts say who they are: its
    recycles stop there (planner.plan)."""
    language = lexicon.lang_of(lang)
    if not language or not any(cue in text for cue in _LEAVING_CUES):
        return None
    found = _LEAVING[language].search(text)
    if found is None:
        return None
    month = _MONTH_IN[language].search(found.group(), found.group().rfind(" ", 0, len(found.group()) - 9) + 1)
    if month is None:
        month = _MONTH_IN[language].search(found.group())
    if month is None:
        said = found.group().lower()
        return dt.date(published.year, 12, 31) if said.endswith(("year", "année")) else published
    number = lexicon.MONTHS[language].index(month.group(2).lower()) + 1
    at_its_end = re.search(r"(?:fin|end of)\s+(?:de\s+|d’|du\s+)?\S*$", found.group()[:month.start(2)].lower())
    day = int(month.group(1) or month.group(3) or (calendar.monthrange(published.year, number)[1] if at_its_end else 1))
    try:
        when = dt.date(published.year, number, day)
    except ValueError:
        return published
    return when if when >= published - dt.timedelta(days=31) else when.replace(year=published.year + 1)


_LEAVING_CUES = ("retir", "Retir", "retraite", "step", "main", "fonctions", "hand", "leaves")


__all__ = ["UPCOMING_DAYS", "announces_a_start", "leaving_date", "names_a_day_to_come", "names_its_month"]
