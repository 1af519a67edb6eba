"""What a piece's body offers as posts when its author gave no takeaways, quotes or posts of their own.

Reported speech whose speaker is named becomes a quote with its attribution; then the sentences and
list items that stand alone (standalone.py) and clear the quality bar (salience.py), best first. In
a narrative piece (told in the past, or by a narrator in the first person) a sentence in the past is
a moment of the story: it is offered only when it speaks of what the title and summary announce.
"""

from __future__ import annotations

import re
from functools import lru_cache

from publisher.social.excerpting import lexicon, salience, speech, standalone
from publisher.social.excerpting.units import Unit, units_of

BODY_SENTENCES = 5
"""How many body sentences a piece without quotes, takeaways or hand-written posts offers at most."""
BODY_QUOTES = 3
"""How many quotes (reported speech with a named speaker) its body offers at most."""
NARRATIVE_SHARE = 0.4
"""A piece with this share of its sentences in the past tense is a story."""
_DEFINITE = {"fr": re.compile(r"^(?:le|la|les|l’)\s*([\w-]+)"), "en": re.compile(r"^the\s+([\w-]+)")}
Candidate = tuple[str, str, str]
"""(kind, text, attribution)."""


@lru_cache(maxsize=4096)
def body_candidates(body: str, lang: str, headline: str = "", guest: str = "") -> tuple[Candidate, ...]:
    """(kind, text, attribution) of what ``body`` offers, best first. Cached per content: a plan, a
    preview and the doctor ask for the same pieces."""
    units = units_of(body, lang)
    if not units:
        return ()
    terms = salience.key_terms((u.text for u in units), headline, lang)
    announced = salience.headline_terms(headline, lang)
    narrative = _is_narrative(units, lang)
    quotes: list[Candidate] = []
    ranked: list[tuple[float, int, str]] = []
    names: list[tuple[int, str]] = []  # (paragraph, name) in reading order
    for position, unit in enumerate(units):
        before = [name for paragraph, name in names if paragraph >= unit.paragraph - 2]
        found = speech.reported(unit.text, lang, before, guest)
        seen = [name for _, name in names]
        names.extend((unit.paragraph, name) for name in speech.names_in(unit.text))
        if found is not None:
            if found is not speech.UNRESOLVED and not standalone.why_not(found[0], lang, item=True) \
                    and not standalone.dialogue(found[0], lang):
                quotes.append(("quote", found[0], found[1]))
            continue
        previous = units[position - 1] if position else None
        after = previous.text if previous and previous.paragraph == unit.paragraph and unit.kind == "sentence" else ""
        if standalone.why_not(unit.text, lang, item=unit.kind == "item", after=after) or _names_back(unit.text, lang, seen):
            continue
        past = unit.kind == "sentence" and salience.told_in_the_past(unit.text, lang)
        if narrative and past and not salience.carries(unit.text, announced):
            continue  # "Karim a d’abord cru à une sonde défectueuse": the story, not its point
        value = salience.score(unit.text, terms, lede=unit.lede, first=unit.first, item=unit.kind == "item",
                               heading=unit.heading, lang=lang)
        if value >= salience.BAR:
            ranked.append((-value, position, unit.text))
    best = [("sentence", text, "") for _, _, text in sorted(ranked)[:BODY_SENTENCES]]
    return tuple(quotes[:BODY_QUOTES] + best)


def _is_narrative(units: list[Unit], lang: str) -> bool:
    language = lexicon.lang_of(lang)
    prose = [u.text for u in units if u.kind == "sentence"]
    if not language or not prose:
        return False
    past = sum(salience.told_in_the_past(text, lang) for text in prose)
    first_person = sum(standalone.in_first_person(text, lang) for text in prose)
    return past >= NARRATIVE_SHARE * len(prose) or first_person >= 2


def _names_back(text: str, lang: str, names: list[str]) -> bool:
    """"The bank now restores…" after "Northway Bank": a definite noun that stands for a name given before."""
    pattern = _DEFINITE.get(lexicon.lang_of(lang))
    match = pattern.match(text.lower()) if pattern else None
    if not match:
        return False
    noun = salience.stem(match.group(1))
    return any(noun == salience.stem(word) for name in names for word in name.lower().split())


__all__ = ["BODY_QUOTES", "BODY_SENTENCES", "Candidate", "body_candidates"]
