"""Titles and summaries that announce a moment: "… lance son épicerie mobile", "… en décembre",
"Décembre à la cave", "Samedi 14 novembre, notre bourse revient". Such a piece is never recycled
(planner.plan.announces): every post carries its title, stale once the day or the month is past.
"""

from __future__ import annotations

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
    language: re.compile(rf"(?<![\w’])(?:{'en|fin|début|mi-|courant' if language == 'fr' else 'in|during|for|through'})"
                         rf"\s?(?:{'|'.join(lexicon.MONTHS[language])})(?![\w’])(?![\s\u00a0\u202f]+(?:19|20)\d\d)")
    for language in ("en", "fr")}


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
    start = title.lstrip("«“\"' ")
    first = _MONTH_FIRST[language].match(start) if language else None
    if first and not (language == "en" and re.match(r"\s+[A-Z]", start[first.end():])):
        return True  # "December at the cellar", not "April Ashley on forty years…" (a name)
    if language != "en":
        return bool(language and _IN_A_MONTH[language].search(title.lower()))
    return any(title[m.end() - 1:m.end()].isalpha() and title[m.end() - len(m.group().split()[-1]):][:1].isupper()
               and not re.match(r"\s+[A-Z]", title[m.end():]) for m in _IN_A_MONTH["en"].finditer(title.lower()))


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


__all__ = ["UPCOMING_DAYS", "announces_a_start", "names_a_day_to_come", "names_its_month"]
