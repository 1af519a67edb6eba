"""What a piece's language asks of any text written for it: its base language, spaces, dates.

Shared by the site, the kits and the digest (the site's labels stay in publisher.site.i18n).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

NBSP = "\u00a0"  # before « : » and inside « », as French typography asks
NNBSP = "\u202f"  # the narrow one, before ; ! ? and % (content/typography.py)

_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}


def base_lang(lang: str) -> str:
    """en-GB -> en: labels exist per language, not per region."""
    return lang.split("-", 1)[0].lower()


def format_date(day: dt.date, lang: str) -> str:
    """'March 2, 2026' in English, '2 mars 2026' (and '1er mars 2026') in French."""
    lang = base_lang(lang)
    if lang == "fr":
        number = "1er" if day.day == 1 else str(day.day)
        return f"{number} {_MONTHS['fr'][day.month - 1]} {day.year}"
    return f"{_MONTHS['en'][day.month - 1]} {day.day}, {day.year}"


_FUNCTION_WORDS = {
    # Words every paragraph of the language has and the other language's paragraphs almost never do.
    "en": frozenset(["the", "and", "of", "to", "is", "in", "that", "for", "with", "was", "on", "are", "we", "it", "this", "from", "at", "our", "they", "have", "has"]),
    "fr": frozenset(["le", "la", "les", "des", "est", "et", "une", "du", "pour", "que", "qui", "dans", "pas", "sur", "au", "nous", "vous", "aux", "ils", "elle", "sont"]),
}
_WORDS = re.compile(r"[a-zà-ÿ]+")
GUESS_CHARS = 2000
"""Enough of a piece to tell French from English; the rest would only cost time."""


def guess(text: str, languages: Sequence[str]) -> str | None:
    """The configured language ``text`` is written in, when its common words say so clearly (three times
    as many of one language's as of any other's, and at least twelve), else None. A writer who leaves out
    `lang:` on a French piece of an English site gets French typography and labels, not English ones
    (set 52: four French pieces without `lang:`)."""
    known = [lang for lang in languages if base_lang(lang) in _FUNCTION_WORDS]
    if len(known) < 2:
        return None
    words = _WORDS.findall(text[:GUESS_CHARS].lower())
    counts = sorted(((sum(w in _FUNCTION_WORDS[base_lang(lang)] for w in words), lang) for lang in known), reverse=True)
    (best, lang), (second, _) = counts[0], counts[1]
    return lang if best >= 12 and best >= 3 * second else None


__all__ = ["GUESS_CHARS", "NBSP", "NNBSP", "base_lang", "format_date", "guess"]
