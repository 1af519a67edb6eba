"""What a piece's language asks of any text written for it: its base language, spaces, dates.

Shared by the site, the kits and the digest (the site's labels stay in publisher.site.i18n).
"""

from __future__ import annotations

import datetime as dt

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


__all__ = ["NBSP", "NNBSP", "base_lang", "format_date"]
