"""A call the piece makes, and the day it closes: "L’atelier … recrute huit personnes" in the summary,
"Les candidatures … sont reçues jusqu’au vendredi 11 décembre" in the body. Every post of the piece carries
its title and most carry its summary, so once the call has closed a recycle invites people to something
that is over: set 116's reader failed every recycle of such a recruitment that went out in January. The
planner (planner.lifetime) ends the piece's recycles on that day, as it does on a retirement day.

A call is a request to act ("recrute", "inscrivez-vous", "applications are open", "volunteers needed"), not the
noun in a report ("Enrolment fell by 12%", « La billetterie a vendu 12 000 places »). Its closing day is the
earliest day a closing cue names ("date limite", "applications close on", "jusqu’au" in a sentence that
speaks of applying); with none, the earliest day after a weaker cue ("until", "avant le").
"""

from __future__ import annotations

import datetime as dt
import re

from publisher.social.excerpting import lexicon
from publisher.social.excerpting.dated import VERBS_TOO

_CALLS = {
    # The title or the summary asks readers to do something before a day: apply, register, order, volunteer.
    "fr": re.compile(r"(?<![\w’])(?:recrute|recrutent|recrutons|recrutement\s+(?:est\s+)?ouvert|campagne\s+de\s+recrutement"
                     r"|embauche|embauchent|embauchons|candidatez|candidater|postulez|postuler|appel\s+(?:à|aux)\s+\w+"
                     r"|candidatures?\s+(?:sont\s+|est\s+)?ouvertes?|dépôt\s+des\s+(?:candidatures|dossiers)"
                     r"|inscrivez-vous|s’inscrire|inscriptions?\s+(?:sont\s+|est\s+)?ouvertes?|inscriptions\s+(?:\d{4}|$)"
                     r"|ouvre\s+(?:ses|les)\s+(?:inscriptions|candidatures|réservations)|inscription\s+obligatoire"
                     r"|précommandez|précommandes?\s+(?:sont\s+)?ouvertes|réservez|réservations?\s+(?:sont\s+|est\s+)?ouvertes?"
                     r"|ouvre\s+sa\s+billetterie|billetterie\s+(?:est\s+)?ouverte|devenez\s+bénévoles?"
                     r"|(?:re)?cherch(?:e|ent|ons)\s+(?:encore\s+)?(?:des\s+|quelques\s+|\d+\s+|[a-zà-ÿ-]+\s+)?bénévoles"
                     r"|bénévoles\s+recherchés|déposez\s+(?:un|votre|vos)\s+(?:dossiers?|candidatures?))(?![\w’])", re.I | re.M),
    "en": re.compile(r"(?<![\w’])(?:(?:is|are|we’re|we\s+are|now)\s+hiring|recruits|(?:is|are|now)\s+recruiting"
                     r"|apply\s+(?:now|by|before|for|online|today)|applications?\s+(?:are\s+|is\s+|now\s+)?(?:open|close)"
                     r"|calls?\s+for\s+(?:applications|volunteers|entries|nominations|submissions|proposals|papers|artists)"
                     r"|register\s+(?:now|by|before|for|online|today|your)|registrations?\s+(?:is\s+|are\s+|now\s+)?open"
                     r"|sign\s+up\s+(?:now|by|before|for|online|today)|sign-ups?\s+(?:are\s+|now\s+)?open"
                     r"|enrol(?:l)?\s+(?:now|by|before|today)|enrol(?:l)?ment\s+(?:is\s+|now\s+)?open|volunteers\s+(?:wanted|needed)"
                     r"|(?:looking|seeking)\s+(?:for\s+)?(?:\w+\s+)?volunteers|seeks\s+(?:\w+\s+)?volunteers|pre-?order\s+(?:now|by)"
                     r"|order\s+by|book\s+(?:now|by|before|(?:a|your)\s+(?:place|seat|slot|tickets?))"
                     r"|(?:nominations|submissions|entries)\s+(?:are\s+|now\s+)?open|tickets?\s+(?:are\s+)?(?:now\s+)?"
                     r"(?:on\s+sale|available)|taking\s+on\s+(?:\w+\s+)?(?:apprentices|trainees|volunteers)|job\s+opening)"
                     r"(?![\w’])", re.I),
}

_WEEKDAYS = {"fr": "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
             "en": "monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun"}
_EN_MONTHS = "|".join(lexicon.MONTHS["en"]) + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
_CLOSES = {
    # A closing day: "jusqu’au vendredi 11 décembre", "date limite : 8 décembre", "clôture des inscriptions :
    # 4 décembre", "applications close at noon on 11 December", "the closing date for applications is 8 January",
    # "apply by 5pm on Friday 4 December", "from 10 November to 4 December". The text has single spaces.
    "fr": re.compile(rf"(?<![\w’])(?:(?P<strong>date[ -]limite(?: (?:de|d’) ?[\w’]+(?: des? [\w’]+)?)?(?: est)? ?:?(?: le)?"
                     rf"|clôture(?: des [\w’]+)? ?:?(?: le)?|(?:se )?clôtur\w+ le|(?:sont )?(?:closes?|fermées?) le"
                     rf"|(?:ferment|s’achèvent|s’achève|se terminent|se termine|prennent fin|prend fin) le)"
                     rf"|(?P<weak>jusqu’au|avant le|au plus tard le|d’ici le|(?<=\d )(?:{'|'.join(lexicon.MONTHS['fr'])}) au))"
                     rf"(?: (?:{_WEEKDAYS['fr']}),?)? (?=\d)", re.I),
    "en": re.compile(rf"(?<![\w’])(?:(?P<strong>(?:applications|registrations?|entries|nominations|submissions|bookings)"
                     rf" close(?: at [\w.:]+)?(?: on)?|closes?(?: at [\w.:]+)? on|closing (?:date|day)(?: for \w+)?(?: is)? ?:?"
                     rf"|deadline(?: for \w+)?(?: is)? ?:?|(?:apply|register|enrol|sign up|book|order) (?:by|before)"
                     rf"(?: (?:\d{{1,2}}(?:[.:]\d\d)? ?(?:am|pm)|noon|midday|midnight)(?: on)?)?)"
                     rf"|(?P<weak>closes?|by|before|until|no later than|ends? on|(?<=\d )(?:{_EN_MONTHS}) to))"
                     rf"(?: (?:{_WEEKDAYS['en']}),?)?(?: the)? (?=\d|(?:{_EN_MONTHS})\b)", re.I),
}
_DAY = {
    "fr": re.compile(rf"(\d{{1,2}})(?:er)? ({'|'.join(lexicon.MONTHS['fr'])})(?: ((?:19|20)\d\d))?(?![\w’])", re.I),
    "en": re.compile(rf"(?:(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?({_EN_MONTHS})\.?|({_EN_MONTHS})\.? (\d{{1,2}})(?:st|nd|rd|th)?)"
                     rf"(?:,? ((?:19|20)\d\d))?(?![\w’])", re.I),
}
_SPEAKS_OF_A_CALL = {
    # A sentence about applying or registering makes its "jusqu’au" or "until" a closing day.
    "fr": re.compile(r"candidat|inscri|dossier|réserv|précommand|postul|bénévol", re.I),
    "en": re.compile(r"appl(?:y|ica)|regist|enrol|sign[ -]?up|nominat|submi|entries|book|order|volunteer", re.I),
}
_MARKUP = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)|\]\([^)\s]*\)|\[|&nbsp;|&#160;")
AHEAD_DAYS = 180
"""How far after the piece a closing day may be: further off, it is not this call's."""
NEXT_YEAR_DAYS = 120
"""A day with no year that would be past is next year's only this close ("avant le 15 janvier" in December),
not "until 15 April" written in November about last spring."""


_STEMS = {
    # Every call of _CALLS holds one of these: most titles and summaries hold none and skip the big pattern.
    "fr": ("recrut", "embauch", "candidat", "postul", "appel", "inscri", "commande", "réserv", "billetterie",
           "bénévol", "dossier"),
    "en": ("hiring", "recruit", "appl", "call", "regist", "sign", "enrol", "volunteer", "order", "book", "nominat",
           "submission", "entries", "ticket", "taking on", "job"),
}


def makes_a_call(text: str, lang: str) -> bool:
    """Does ``text`` (a title or a summary) ask readers to apply, register, order or volunteer?"""
    language = lexicon.lang_of(lang)
    if not language or not text:
        return False
    low = text.lower()
    return any(stem in low for stem in _STEMS[language]) and bool(_CALLS[language].search(_plain(text)))


def closing_day(text: str, lang: str, written: dt.date) -> dt.date | None:
    """The day the call in ``text`` closes, after ``written`` and within AHEAD_DAYS, or None: the earliest a
    closing cue names ("date limite", "applications close on", or "jusqu’au"/"until" in a sentence about
    applying), else the earliest after a weaker cue ("jusqu’au vendredi 11 décembre" alone)."""
    language = lexicon.lang_of(lang)
    if not language:
        return None
    text = _plain(text)
    found: dict[bool, list[dt.date]] = {True: [], False: []}
    for cue in _CLOSES[language].finditer(text):
        day = _day_at(text, cue.end(), language, written)
        if day is None:
            continue
        start = max(text.rfind(". ", 0, cue.start()), text.rfind("\n", 0, cue.start())) + 1
        sentence = text[start:text.find(".", cue.end()) if "." in text[cue.end():] else len(text)]
        strong = cue.group("strong") is not None or bool(_SPEAKS_OF_A_CALL[language].search(sentence))
        found[strong].append(day)
    return min(found[True] or found[False], default=None)


def _plain(text: str) -> str:
    """Without Markdown emphasis and link targets, with curly apostrophes and single spaces (no regex here
    backtracks over a run of blanks)."""
    text = _MARKUP.sub(lambda m: " " if m.group().startswith("&") else "", text).replace("'", "’")
    return re.sub(r"[ \t\u00a0\u202f]+", " ", text)


def _day_at(text: str, at: int, language: str, written: dt.date) -> dt.date | None:
    found = _DAY[language].match(text, at)
    if found is None:
        return None
    if language == "fr":
        day, month, year = found.group(1), found.group(2), found.group(3)
    else:
        day, month, year = found.group(1) or found.group(4), found.group(2) or found.group(3), found.group(5)
        named = found.start(2) if found.group(2) else found.start(3)
        if month.lower() in VERBS_TOO and not text[named:named + 1].isupper():
            return None  # "by 12 may" is not a day
    months, month = lexicon.MONTHS[language], month.lower()
    number = months.index(month) + 1 if month in months else next(
        i for i, name in enumerate(months, 1) if name.startswith(month[:3]))  # "Dec", "Sept"
    when = _day_of(int(day), number, year, written)
    if when is None or not 0 <= (when - written).days <= AHEAD_DAYS:
        return None
    return when


def _day_of(day: int, month: int, year: str | None, written: dt.date) -> dt.date | None:
    """The day, in ``year`` or else this year, or next year's when this year's is long past and next year's
    near (NEXT_YEAR_DAYS). None when there is no such day ("31 février")."""
    if year:
        try:
            return dt.date(int(year), month, day)
        except ValueError:
            return None
    try:
        when: dt.date | None = dt.date(written.year, month, day)
    except ValueError:
        when = None  # a 29 February of a year that has none: next year's may
    if when is not None and when >= written - dt.timedelta(days=60):
        return when
    try:
        later = dt.date(written.year + 1, month, day)
    except ValueError:
        return when
    return later if (later - written).days <= NEXT_YEAR_DAYS else when


__all__ = ["AHEAD_DAYS", "closing_day", "makes_a_call"]
