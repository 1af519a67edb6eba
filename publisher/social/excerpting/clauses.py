"""What a sentence's clauses say about whether it stands alone, beyond its first word.

    a connector inside it        "Pas vraiment du papier, d’ailleurs, puisque…", "The gains, however, are…"
    no finite verb in its main   "Un apport trop faible.", "The technology, at first."
    clause (a fragment)
    a set-up without its payoff  "Margaret Oyelaran is careful with her answer.", "Nous lui avons demandé…",
                                 "X was sceptical at the start." (of what?)
    a count with no noun         "Several had been close to leaving." (several of whom?)

Rules on words, not a parser: `dependent` runs on every body sentence of every piece at each plan.
"""

from __future__ import annotations

import re
from functools import lru_cache

from publisher.social.excerpting import lexicon

_WORD = re.compile(r"[\w’-]+")
SHORT = 8
"""A first sentence of at most this many words with no verb is a fragment."""
_FIRST_SENTENCE = re.compile(r"(?<=[.!?…])\s+")
_PARENTHESES = re.compile(r"\([^)]*\)")
_NOT_VERBS_FR = lexicon.words("""
    client clients agent agents argent parent parents accident accidents président présidents talent talents cent
    dent vent lent lente urgent récent différent excellent intelligent permanent absent présent patient patients
    souvent comment moment moments équivalent pertinent événement événements content contents
""")
_FRAGMENT_START = {"fr": ("pas ", "plus de ", "jamais ", "surtout ", "même pas", "de ne "),
                   "en": ("not ", "no more ", "never ", "mostly ", "hardly ", "only ")}
_NOT_VERB_STARTS = lexicon.words("""
    the a an this that these those my our your his her their its not no mostly only just even in on at for with
    without from by of to as after before every each some many most all both one two three four five six ten
    more less much very so such what which how why where when
""")
_DETERMINERS_EN = lexicon.words("the a an my our your their its every each")
"""Before an -ed word, these make it an adjective ("a shared harbour"); "that"/"this" are often pronouns ("the
boiler that failed") and "his"/"her" objects ("we thanked her"), so they do not."""
_NOT_BEFORE_ADVERB_FR = lexicon.words("""
    de du des le la les un une au aux en par pour sans son sa ses leur leurs notre nos votre vos ce cet cette ces
    mon ma mes et ou très plus moins
""")
_NOT_AFTER_NE = frozenset(("pas", "plus", "jamais", "rien", "guère", "point", "not", "never"))
_ELIDED_SUBJECTS = ("j’", "n’", "s’", "l’", "c’", "qu’")


def dependent(text: str, language: str, whole: str = "") -> str | None:
    """Why ``text`` (lowercase, typeset, quotations blanked) leans on what came before, or None.
    ``whole`` is the same sentence with its quotations (a quotation has its own verbs)."""
    found = _connector(text, language)
    if found:
        return f"'{found}' ties it to the sentence before"
    if _patterns(language)[0].search(text):
        return "it announces a question or an answer it does not give"
    stance = _stance_without_object(text, language)
    if stance:
        return f"'{stance}' of what? it needs the sentence before"
    if _patterns(language)[1].match(text.lstrip("«“\"( \u00a0")):
        return "a count with no noun: it counts someone named before"
    if verbless(whole or text, language):
        return "a fragment: no verb in its main clause"
    return None


def verbless(text: str, language: str) -> bool:
    """A fragment: a first sentence of a few words with no finite verb ("Un apport trop faible. Il…",
    "The technology, at first."), or an opening negation or adverb with no verb before its first comma
    ("Pas vraiment du papier, …", "Not the devices themselves, but…"). Longer sentences get the benefit
    of the doubt: these word lists do not know every verb."""
    start = text.lstrip("«“\"( \u00a0")
    if start.startswith(_FRAGMENT_START[language]):
        head = _WORD.findall(start.split(",", 1)[0])
        if not any(_is_verb(w, head, i, language) for i, w in enumerate(head)):
            return True
    first = _WORD.findall(_PARENTHESES.sub(" ", _FIRST_SENTENCE.split(start, 1)[0]))
    return len(first) <= SHORT and not any(_is_verb(w, first, i, language) for i, w in enumerate(first))


def has_verb(text: str, language: str, *, sentence: bool = True) -> bool:
    """Any word of ``text`` these lists take for a finite verb (they do not know every verb: a False
    is a hint, not a proof). ``sentence=False``: ``text`` is a phrase after a name ("head of purchasing
    at Calder Foods"), whose first word is no imperative."""
    words = _WORD.findall(text.lower())
    return any(_is_verb(w, words, i if sentence or i else -1, language) for i, w in enumerate(words))


def _is_verb(word: str, words: list[str], i: int, language: str) -> bool:
    if word in lexicon.FINITE_VERBS[language]:
        return True
    previous = words[i - 1] if i > 0 else ""
    if word in _NOT_AFTER_NE:
        return False  # "De ne pas tout changer": the negation, not a verb
    if previous in lexicon.SUBJECT_PRONOUNS[language] or (language == "fr" and previous.startswith(_ELIDED_SUBJECTS)):
        return True
    if language == "fr":
        stem = word.split("-", 1)[0]  # demandez-lui
        if word.startswith(_ELIDED_SUBJECTS[:4]) and len(word) > 2:
            return True  # n’existe, s’agit, j’ai
        if stem.endswith("ez") and stem not in ("chez", "nez", "assez", "rez"):
            return True  # imperative or vous: "Dressez l’inventaire"
        if i == 0 and stem.endswith("ons") and not stem.endswith("ions"):
            return True  # "Prenons un exemple"
        if word.endswith(("ait", "aient")) and len(word) > 4:
            return True  # imperfect: "venait"
        if word.endswith("ent") and len(word) > 4 and not word.endswith("ment") and word not in _NOT_VERBS_FR:
            return True
        following = words[i + 1] if i + 1 < len(words) else ""  # "finance rarement": a verb, then its adverb
        return (following.endswith("ment") and following not in ("comment", "moment") and i > 0
                and word not in _NOT_BEFORE_ADVERB_FR and not word.startswith(("d’", "l’")))
    if "’" in word and word.split("’", 1)[1] in ("s", "re", "ve", "d", "ll", "t"):
        return True  # it’s, they’re, don’t
    if word.endswith("ed") and len(word) > 4:
        return previous not in _DETERMINERS_EN  # "a shared harbour": an adjective
    # The first word of a sentence that is no determiner, preposition or adverb: an imperative ("Budget
    # egress fees…") or a subject whose verb these lists do not know.
    return i == 0 and len(words) > 1 and word not in _NOT_VERB_STARTS and not word[:1].isdigit()


def _connector(text: str, language: str) -> str | None:
    match = _patterns(language)[2].search(text)
    return (match.group("c") or match.group("c2")) if match else None


def _stance_without_object(text: str, language: str) -> str | None:
    if not _patterns(language)[3].search(text):
        return None  # most sentences name no attitude: one search instead of a word list
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        if word in lexicon.STANCES[language] and i and (
                words[i - 1] in lexicon.COPULAS[language] or (i > 1 and words[i - 2] in lexicon.COPULAS[language])):
            following = words[i + 1:i + 3]
            if not any(w in lexicon.STANCE_OBJECTS[language] or w.startswith(("d’", "qu’")) for w in following):
                return word
    return None


@lru_cache(maxsize=8)
def _patterns(language: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    sets_up = re.compile(r"(?<![\w’])(?:" + "|".join(lexicon.SETS_UP[language]) + r")")
    counts = re.compile(lexicon.QUANTIFIER_SUBJECTS[language])
    inside = "|".join(re.escape(c) for c in sorted(lexicon.CONNECTORS_INSIDE[language], key=len, reverse=True))
    set_off = "|".join(re.escape(c) for c in sorted(lexicon.CONNECTORS_SET_OFF[language], key=len, reverse=True))
    connectors = re.compile(rf"(?<![\w’])(?P<c>{inside})(?![\w’])|,\s*(?P<c2>{set_off})(?=\s*[,.;:!?…]|$)")
    stances = re.compile(r"(?<![\w’])(?:" + "|".join(lexicon.STANCES[language]) + r")(?![\w’])")
    return sets_up, counts, connectors, stances


__all__ = ["dependent", "has_verb", "verbless"]
