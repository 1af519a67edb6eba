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
    bases = list(dict.fromkeys(base_lang(lang) for lang in languages))  # fr-FR and fr-CA read alike
    if len(bases) < 2 or any(base not in _FUNCTION_WORDS for base in bases):
        return None  # a language without a word list (Spanish's "la", "que" read as French): no guess
    words = _WORDS.findall(text[:GUESS_CHARS].lower())
    counts = sorted(((sum(w in _FUNCTION_WORDS[base] for w in words), base) for base in bases), reverse=True)
    (best, base), (second, _) = counts[0], counts[1]
    if best < 12 or best < 3 * second:
        return None
    return next(lang for lang in languages if base_lang(lang) == base)  # the first configured code of it


__all__ = ["GUESS_CHARS", "NBSP", "NNBSP", "base_lang", "format_date", "guess"]
