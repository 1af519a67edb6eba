"""A call the piece makes, and the day it closes: "L’atelier … recrute huit personnes" in the summary,
"Les candidatures … sont reçues jusqu’au vendredi 11 décembre" in the body. Every post of the piece carries
its title and most carry its summary, so once the call has closed a recycle invites people to something
that is over: set 116's reader failed every recycle of such a recruitment that went out in January. The
planner (planner.plan) ends the piece's recycles on that day, as it does on a retirement day.
"""

from __future__ import annotations

import datetime as dt
import re

from publisher.social.excerpting import lexicon
from publisher.social.excerpting.dated import VERBS_TOO

_CALLS = {
    # The title or the summary asks readers to do something before a day: apply, register, order, volunteer.
    "fr": re.compile(r"(?<![\w’])(?:recrut\w*|embauch\w*|candidat(?:e|ez|er|ures?)|appel\s+à\s+\w+|inscri(?:vez|re|ptions?)"
                     r"|précommand\w*|souscription|billetterie|réserv(?:ez|ations?)|cherch\w*\s+(?:des\s+|\w+\s+)?bénévoles"
                     r"|bénévoles\s+recherchés|postulez|postuler|dépose[rz]?\s+(?:un|votre|vos|leur)\s+(?:dossier|candidature))"
                     r"(?![\w’])", re.I),
    "en": re.compile(r"(?<![\w’])(?:hiring|recruits|recruiting|recruitment|apply|applications?\s+(?:are\s+|is\s+|now\s+)?"
                     r"(?:open|close|for)|calls?\s+for\s+\w+|register|registration\s+(?:is\s+)?open\w*|registrations"
                     r"|sign[\s-]?ups?|enrol\w*|volunteers\s+wanted|(?:looking|seeking)\s+for\s+volunteers"
                     r"|seeks\s+(?:\w+\s+)?volunteers|pre-?orders?|order\s+by|book\s+(?:a|your)\s+(?:place|seat|slot)"
                     r"|(?:nominations|submissions|entries)\s+(?:are\s+|now\s+)?open|tickets?\s+(?:are\s+|now\s+)?on\s+sale)"
                     r"(?![\w’])", re.I),
}

_WEEKDAYS = {"fr": "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
             "en": "monday|tuesday|wednesday|thursday|friday|saturday|sunday"}
_SPACE = r"[\s\u00a0\u202f]+"
_CLOSES = {
    # A closing day: "jusqu’au vendredi 11 décembre", "avant le 15 janvier", "date limite : 8 décembre",
    # "applications close on 11 December", "register by Friday 4 December", "deadline: December 8".
    "fr": re.compile(rf"(?<![\w’])(?:jusqu’au|jusqu'au|avant\s+le|au\s+plus\s+tard\s+le|d’ici\s+le|date[\s-]limite"
                     rf"(?:\s+(?:de|d’)\s*\w+)?\s*:?(?:\s+le)?|(?:se\s+)?(?:clôtur\w*|ferm\w*|termin\w*|achèv\w*)\s+le)"
                     rf"(?:{_SPACE}(?:{_WEEKDAYS['fr']}))?{_SPACE}(?=\d)", re.I),
    "en": re.compile(rf"(?<![\w’])(?:closes?(?:\s+on)?|closed\s+on|closing\s+(?:date|day)\s*:?(?:\s+is)?|deadline\s*"
                     rf"(?::|is)?|by|before|until|no\s+later\s+than|ends?\s+on)(?:{_SPACE}(?:{_WEEKDAYS['en']}),?)?"
                     rf"(?:{_SPACE}the)?{_SPACE}(?=\d|(?:{'|'.join(lexicon.MONTHS['en'])})\b)", re.I),
}
_DAY = {
    "fr": re.compile(rf"(\d{{1,2}})(?:er)?{_SPACE}({'|'.join(lexicon.MONTHS['fr'])})(?:{_SPACE}((?:19|20)\d\d))?(?![\w’])",
                     re.I),
    "en": re.compile(rf"(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({'|'.join(lexicon.MONTHS['en'])})"
                     rf"|({'|'.join(lexicon.MONTHS['en'])})\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s+((?:19|20)\d\d))?(?![\w’])",
                     re.I),
}
_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
AHEAD_DAYS = 180
"""How far after the piece a closing day may be: further off, it is not this call's."""


def makes_a_call(text: str, lang: str) -> bool:
    """Does ``text`` (a title or a summary) ask readers to apply, register, order or volunteer?"""
    language = lexicon.lang_of(lang)
    return bool(language and text and _CALLS[language].search(text))


def closing_day(text: str, lang: str, written: dt.date) -> dt.date | None:
    """The last closing day ``text`` names after ``written`` and within AHEAD_DAYS ("jusqu’au vendredi
    11 décembre", "applications close on 11 December"), or None. A day with no year is in the year of
    writing, or the next when it would be months before it ("avant le 15 janvier" written in December)."""
    language = lexicon.lang_of(lang)
    if not language:
        return None
    text = _EMPHASIS.sub("", text)  # "jusqu’au **vendredi 11 décembre**"
    last = None
    for cue in _CLOSES[language].finditer(text):
        found = _DAY[language].match(text, cue.end())
        if found is None:
            continue
        if language == "fr":
            day, month, year = found.group(1), found.group(2), found.group(3)
        else:
            day, month, year = found.group(1) or found.group(4), found.group(2) or found.group(3), found.group(5)
            named = found.start(2) if found.group(2) else found.start(3)
            if month.lower() in VERBS_TOO and not text[named:named + 1].isupper():
                continue  # "by 12 may" is not a day
        when = _day_of(int(day), lexicon.MONTHS[language].index(month.lower()) + 1, year, written)
        if when is not None and 0 <= (when - written).days <= AHEAD_DAYS and (last is None or when > last):
            last = when
    return last


def _day_of(day: int, month: int, year: str | None, written: dt.date) -> dt.date | None:
    try:
        when = dt.date(int(year) if year else written.year, month, day)
        if not year and (written - when).days > 60:
            when = when.replace(year=written.year + 1)  # "le 10 janvier" written in December
    except ValueError:
        return None  # "31 février", or a 29 February whose next year has none
    return when


__all__ = ["AHEAD_DAYS", "closing_day", "makes_a_call"]
