"""Sentences that carry on from the one before without an opener word: `why_continues` says why, or None.

- continuation: "also", "too", "as well", "aussi", "également" in a sentence whose subject is a pronoun
  ("We will also open…"), or early in one whose subject is "the X" ("La cave s’était aussi engagée…"):
  the first thing was said before;
- "there", "until/by/since then" for a place or a time named before (never the existential "there is/are",
  nor "then" in a sequence: "…, then hired two nurses");
- a quantifier over a set introduced before: "Together, …", "All six …", "Both the …", "Each of the …",
  "Ensemble, …", "Tous les trois …", "Pour chacun, …";
- a list stitched to its heading: "Among the results, …", "Parmi les résultats, …";
- a reformulation: "Autrement dit, …", "In other words, …".
"""

from __future__ import annotations

import re

from publisher.social.excerpting.lexicon import cardinals, words

_NUMBERS = {language: rf"(?:{cardinals(language, 2, 12)}|\d+)" for language in ("en", "fr")}
_PRONOUN_SUBJECT = {
    # "There is also a forum…": the existential "there" adds to what was said, like a pronoun.
    "en": re.compile(r"^(?:we|they|he|she|it|i|you|there)(?:’ll|’ve|’d|’re|’m|’s)?\s"),
    "fr": re.compile(r"^(?:nous|ils|elles|il|elle|on|je|j’|vous)\s?"),
}
_DEFINITE_SUBJECT = {
    # "La cave s’était aussi engagée…", "The pool also heats…": "the X" does "also" what was said before.
    "en": re.compile(r"^(?:the|this|that|these|those|its|their|our)\s"),
    "fr": re.compile(r"^(?:l’|(?:le|la|les|ce|cet|cette|ces|son|sa|ses|leur|leurs|notre|nos)\s)"),
}
_JOINED = re.compile(r"(?:\band|\bbut|\bet|\bmais|\bou|\bor)\s$")
_ALSO_NEAR = 50
_ALSO_WORD = {"en": re.compile(r"(?<![\w’])also(?![\w’])"),
              "fr": re.compile(r"(?<![\w’])(?:également|aussi(?!\s+[\w’-]+\s+qu))(?![\w’])")}
"""How far into a sentence whose subject is "the X" an "also" belongs to its first clause."""
_ALSO = {
    "en": re.compile(r"(?<![\w’])also(?![\w’])|(?<![\w’])(?:too|as well)[.!…]?$"),
    # "aussi grand que" compares; "aussi" alone adds.
    "fr": re.compile(r"(?<![\w’])(?:également|aussi(?!\s+[\w’-]+\s+qu))(?![\w’])"),
}
_TOO = re.compile(r"(?<![\w’])(?:too|as well)[.!…]?$")
_TOO_WORDS = 8
_LISTED = re.compile(r",|(?<![\w’])and(?![\w’])")
""""Parents use the stop too." (set 44): a short sentence that ends on "too" adds to the one before; "We
fixed the roof, and the windows too." adds inside itself."""
_BACK_ADVERB = {
    "en": re.compile(r"(?<![\w’])(?:there(?!\s+(?:is|are|was|were|will|would|may|might|could|can|has|have|had"
                     r"|must|should|seems?|remains?|appears?)\b)(?!’s)|(?:until|till|by|since|from|before|back"
                     r"|only|even) then)(?![\w’])"),
}
_CONDITIONAL = {"en": re.compile(r"^(?:if|when|once|whenever|unless)\s"), "fr": re.compile(r"(?!)")}
_QUANTIFIER = {
    "en": re.compile(rf"^(?:(?:in|for|among|at) (?:\d+|{_NUMBERS['en']}) of (?:them|these|those)\b"
                     rf"|together,?\s|(?:all|both|each|none|most|some|many|any|either|neither)"
                     rf"(?: {_NUMBERS['en']})? of (?:the|them|these|those)\s|all (?:the )?{_NUMBERS['en']}\s"
                     rf"|both (?:the )?[\w-]+)"),
    "fr": re.compile(rf"^(?:(?:dans|pour|chez|parmi) (?:\d+|{_NUMBERS['fr']}) d’entre (?:eux|elles)\b"
                     rf"|ensemble,|tou(?:te)?s (?:les )?{_NUMBERS['fr']}\s|(?:chacun|chacune|aucun|aucune"
                     rf"|la plupart|certains|certaines) d(?:es|e ces|’entre eux|’entre elles)\s"
                     r"|pour (?:chacun|chacune|chaque)(?:[\s,]))"),
}
_STITCHED = {
    # "Among the results, …": one bare noun that says neither what nor whose ("Among common mistakes, …"
    # and "Parmi les erreurs fréquentes, …" name their kind of list and pass).
    "en": re.compile(r"^(?:among|of) (?:the|these|those|its|our|their) [a-z-]+,"),
    "fr": re.compile(r"^parmi (?:les|ces|ses|nos|leurs) [\wà-ÿ’-]+,"),
}
_REFORMULATES = {
    "en": re.compile(r"^(?:in other words|put (?:another|differently)|that is to say|in short)\b"),
    "fr": re.compile(r"^(?:autrement dit|en d’autres termes|c’est-à-dire|en clair|en somme)\b"),
}


def why_continues(start: str, language: str) -> str | None:
    """Why the sentence whose lowercase, unquoted text is ``start`` carries on from the one before."""
    if _REFORMULATES[language].match(start):
        return "a reformulation of what the sentence before said"
    if _STITCHED[language].match(start):
        return "a list stitched to its heading ('among the …')"
    if _QUANTIFIER[language].match(start):
        return "counts or gathers a set the piece introduced before"
    if _PRONOUN_SUBJECT[language].match(start) and _ALSO[language].search(start):
        return "'also': it continues the sentence before"
    if language == "en" and _TOO.search(start) and len(start.split()) <= _TOO_WORDS and not _LISTED.search(start):
        return "'too': it adds to what the sentence before said"
    if _DEFINITE_SUBJECT[language].match(start):
        also = _ALSO_WORD[language].search(start, 0, _ALSO_NEAR)  # not "too" at the window's end
        if also and not _JOINED.search(start, 0, also.start()):  # "… and also the café": inside the sentence
            return "'also': it continues the sentence before"
    back = _BACK_ADVERB.get(language)
    if back and not _CONDITIONAL[language].match(start):
        match = back.search(start)
        if match:
            return f"'{match.group()}' points at a place or time named before"
    return None


_THIS_NOUN = {
    # "Les sirops de riz… échappent à ce test" (set 94): the test of the takeaway before. English "that" is
    # a conjunction as often, so only "this" and a preposition's "that" ("by that measure"). Not a pronoun
    # ("ce qui", "ce sont") nor a verb ("this will", "this was").
    "fr": re.compile(r"(?<![\w’])(?:ce|cet|cette)\s+(?!(?:qui|que|quoi|dont|sont|soit|serait|sera|fut|sont)\b)"
                     r"([a-zà-ÿ]{3,})(?![\w’-])", re.I),
    "en": re.compile(r"(?<![\w’])(?:this|(?:in|on|by|of|to|for|from|with|at)\s+that)\s+(?!(?:was|is|has|had|will|would"
                     r"|can|could|may|might|must|should|does|did|means|meant|year|week|month)\b)([a-z]{3,})(?![\w’-])",
                     re.I),
}
_TIME_NOUNS = words("année semaine saison mois fois hiver été printemps automne rentrée soirée journée matin soir nuit "
                    "week-end moment jour siècle époque year week month season time winter summer spring autumn morning "
                    "evening night weekend day century")


def names_the_one_before(text: str, others: tuple[str, ...] | list[str], language: str, *,
                         itself: str | None = None) -> str | None:
    """"…échappent à ce test" when another of the author's lines (the takeaway before) is what says which test:
    the demonstrative's noun is in one of ``others`` (as typed: ``itself``, ``text`` before typesetting, is
    skipped) and not earlier in ``text``. None otherwise."""
    for found in _THIS_NOUN[language].finditer(text):
        noun = found.group(1).lower()
        if noun in _TIME_NOUNS or noun in text[:found.start()].lower():
            continue
        said = re.compile(rf"(?<![\w’]){re.escape(noun)}[sx]?(?![\w’])")  # "ce test" after "les tests"
        if any(said.search(other.lower().replace("'", "’")) for other in others if other not in (text, itself)):
            return f"'{found.group()}' is the one another takeaway names"
    return None


__all__ = ["names_the_one_before", "why_continues"]
