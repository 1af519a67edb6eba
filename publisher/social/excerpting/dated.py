"""Sentences that carry a moment: relative time (aujourd'hui, hier, this week) is true only on the day
it was written; a calendar date (le 12 novembre, on the 12th) reads as news only around that date.

A piece recycled as evergreen offers neither (unless it opts in with ``evergreen: true``); a piece that
is not recycled (an event report, by default) keeps its dated sentences for its launch and follow-ups,
but never its relative ones: "hier" is wrong three days later.
"""

from __future__ import annotations

import re
from functools import lru_cache

from publisher.social.excerpting import lexicon

RELATIVE, DATE = "relative", "date"
_TOKENS = re.compile(r"[\w’-]+")
_AGO = {"fr": re.compile(r"il y a (?:\d+|un|une|deux|trois|quatre|cinq|six|dix|quelques) (?:ans?|mois|semaines?|jours?)"),
        "en": re.compile(r"(?:\d+|a|one|two|three|four|five|six|ten|a few) (?:years?|months?|weeks?|days?) ago")}
_WEEKDAYS = {"fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
             "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}


@lru_cache(maxsize=8)
def _lexicon(language: str) -> tuple[dict[str, tuple[tuple[str, ...], ...]], tuple[str, ...], re.Pattern[str],
                                     tuple[str, ...]]:
    """Relative phrases by their first word, the words a date needs, the date pattern, and the longest
    word of each phrase (a substring test that clears most texts before they are split into words)."""
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for phrase in lexicon.RELATIVE_TIME[language]:
        words = tuple(_TOKENS.findall(phrase))
        phrases.setdefault(words[0], []).append(words)
    telling = tuple(sorted({max(_TOKENS.findall(p), key=len) for p in lexicon.RELATIVE_TIME[language]}))
    months = "|".join(lexicon.MONTHS[language])
    days = "|".join(_WEEKDAYS[language])
    if language == "fr":
        date = rf"(?<!\w)\d{{1,2}}(?:er)?[\s\u00a0\u202f]+(?:{months})(?!\w)|(?<!\w)(?:le|du|au|ce)\s+(?:{days})(?!\w)"
    else:
        date = (rf"(?<!\w)(?:{months})\s+\d{{1,2}}(?:st|nd|rd|th)?(?!\w)|(?<!\w)\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{months})(?!\w)"
                rf"|(?<!\w)on\s+(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)(?!\w)|(?<!\w)on\s+(?:{days})(?!\w)")
    cues = (*lexicon.MONTHS[language], *_WEEKDAYS[language], *(("on the ",) if language == "en" else ()))
    return {k: tuple(v) for k, v in phrases.items()}, cues, re.compile(date, re.I), telling


def moment_in(text: str, lang: str) -> str | None:
    """`RELATIVE`, `DATE` or None: the kind of moment ``text`` is tied to. Word look-ups first: a plan
    asks this of every candidate, and most have no time word at all."""
    language = lexicon.lang_of(lang)
    if not language:
        return None
    phrases, cues, date, telling = _lexicon(language)
    low = text.lower().replace("'", "’")  # summaries and takeaways are matched as written, before typesetting
    if any(word in low for word in telling):
        words = _TOKENS.findall(low)
        for i, word in enumerate(words):
            for phrase in phrases.get(word, ()):
                if len(phrase) == 1 or tuple(words[i:i + len(phrase)]) == phrase:
                    return RELATIVE
    if ("ago" in low or "il y a" in low) and _AGO[language].search(low):
        return RELATIVE
    if any(cue in low for cue in cues) and date.search(low):
        return DATE
    return None


__all__ = ["DATE", "RELATIVE", "moment_in"]
