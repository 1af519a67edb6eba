"""Reported speech in a body, as a quote with who said it.

    « Nous achetons moins de serveurs », a-t-elle résumé.   -> « Nous achetons… » — Hélène Fabre
    “We buy fewer servers,” says Hélène Fabre.               -> “We buy fewer servers.” — Hélène Fabre
    Hélène Fabre résume : « Nous achetons moins de serveurs. »

A pronoun speaker (elle, he…) is resolved to the one person named in the paragraphs just before (or
the interview's guest when nobody is); when that is not clear the sentence is `UNRESOLVED` and dropped:
a quote without its speaker, or with the wrong one, is worse than none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from publisher.social.excerpting import lexicon

UNRESOLVED = ("", "")
"""Reported speech whose speaker cannot be told from the text."""
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zà-öø-ÿ"
NAME = (rf"[{_UPPER}][{_LOWER}]+(?:-[{_UPPER}][{_LOWER}]+)?"
        rf"(?:\s+(?:de\s+|du\s+|van\s+|von\s+|da\s+|le\s+|la\s+)?[{_UPPER}][\w’-]+){{1,2}}")
_NAME = re.compile(rf"(?<![\w’]){NAME}")
_S = r"[\s\u00a0\u202f]"
_QUOTE_FIRST = re.compile(rf"^[«“]{_S}*(?P<q>.+?)[,.]?{_S}*[»”][,.]?{_S}*(?P<tail>[^«“»”]+)$")
_SPEAKER_FIRST = re.compile(rf"^(?P<lead>[^«“»”]{{3,80}}?){_S}*[:,]{_S}*[«“]{_S}*(?P<q>[^«“»”]+?){_S}*[»”]{_S}*\.?$")
_TAIL = {
    "fr": (re.compile(r"^(?:a|avait|aura)-t-(?P<pro>il|elle)\s+(?P<verb>[\w’]+)"),
           re.compile(r"^(?P<verb>[\w’]+)(?:-t)?-(?P<pro>il|elle|ils|elles)\b"),
           re.compile(rf"^(?:a\s+)?(?P<verb>[\w’]+)\s+(?P<name>{NAME})")),
    "en": (re.compile(r"^(?P<pro>she|he|they)\s+(?P<verb>\w+)", re.I),
           re.compile(rf"^(?P<verb>\w+)\s+(?P<name>{NAME})"),
           re.compile(rf"^(?P<name>{NAME})\s+(?P<verb>\w+)")),
}
_LEAD = {
    "fr": (re.compile(rf"^(?:selon|pour|d’après|comme le dit|comme le résume)\s+(?P<name>{NAME})$", re.I),
           re.compile(rf"^(?P<name>{NAME})\s+(?:le\s+|l’)?(?P<verb>[\w’]+)(?:\s+[\w’]+)?$"),
           re.compile(r"^(?P<pro>il|elle)\s+(?:le\s+|l’)?(?P<verb>[\w’]+)(?:\s+[\w’]+)?$", re.I)),
    "en": (re.compile(rf"^(?:according to|for|as)\s+(?P<name>{NAME})(?:\s+puts it)?$", re.I),
           re.compile(rf"^(?P<name>{NAME})\s+(?P<verb>\w+)(?:\s+\w+)?$"),
           re.compile(r"^(?P<pro>she|he)\s+(?P<verb>\w+)(?:\s+\w+)?$", re.I)),
}
_HAS_QUOTE = re.compile(r"[«“][^«“»”]{12,}[»”]")


def reported(text: str, lang: str, names_before: Sequence[str], guest: str = "") -> tuple[str, str] | None:
    """(quote, speaker) when ``text`` is reported speech whose speaker is known; `UNRESOLVED` when it is
    reported speech whose speaker is not; None when it is not reported speech. ``names_before`` are the
    people named in the paragraphs before, nearest last."""
    language = lexicon.lang_of(lang)
    if not language or not _HAS_QUOTE.search(text):
        return None
    found = _quote_first(text, language) or _speaker_first(text, language)
    if found is None:
        return UNRESOLVED  # words in quotation marks inside a sentence of the story: not ours to post
    quote, speaker, pronoun = found
    if pronoun:
        speaker = resolve(names_before, guest)
    if not speaker or len(quote.split()) < 5:
        return UNRESOLVED
    quote = quote.strip().rstrip(",")
    if quote[-1:] not in ".!?…":
        quote += "."
    return quote[0].upper() + quote[1:], speaker


def _quote_first(text: str, language: str) -> tuple[str, str, bool] | None:
    match = _QUOTE_FIRST.match(text)
    if not match:
        return None
    tail = match.group("tail").strip()
    for pattern in _TAIL[language]:
        found = pattern.match(tail)
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("name"):
            if groups["verb"].lower() not in lexicon.SPEECH_VERBS[language]:
                continue
            return match.group("q"), _clean(groups["name"]), False
        return match.group("q"), "", True
    return None


def _speaker_first(text: str, language: str) -> tuple[str, str, bool] | None:
    match = _SPEAKER_FIRST.match(text)
    if not match:
        return None
    lead = match.group("lead").strip()
    for pattern in _LEAD[language]:
        found = pattern.match(lead)
        if found is None:
            continue
        groups = found.groupdict()
        if groups.get("verb") and groups["verb"].lower() not in lexicon.SPEECH_VERBS[language]:
            continue
        if groups.get("pro"):
            return match.group("q"), "", True
        return match.group("q"), _clean(groups["name"]), False
    return None


def names_in(text: str) -> list[str]:
    """People (and organisations) named in ``text`` by at least two capitalised words, in order."""
    out = []
    for match in _NAME.finditer(text):
        name = _clean(match.group())
        if name:
            out.append(name)
    return out


def _clean(name: str) -> str:
    """The name without a leading word that is not part of it ("Pour Hélène Fabre" -> "Hélène Fabre")."""
    words = name.split()
    while words and words[0].lower() in lexicon.NAME_STOPWORDS:
        words = words[1:]
    if len(words) < 2 or words[-1].lower() in lexicon.NAME_STOPWORDS:
        return ""
    return " ".join(words)


def resolve(names_before: Sequence[str], guest: str) -> str:
    """The one person a pronoun can point at: the only name in the paragraphs before, else the guest."""
    distinct = [name for name in dict.fromkeys(names_before)
                if not any(word.lower() in lexicon.ORGANISATION_WORDS for word in name.split())]
    if len(distinct) == 1:
        return distinct[0]
    if not distinct and guest:
        return guest
    if guest and distinct and distinct[-1] == guest:
        return guest
    return ""


__all__ = ["NAME", "UNRESOLVED", "names_in", "reported", "resolve"]
