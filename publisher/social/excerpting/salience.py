"""How much a sentence says what its piece is about, and the bar a sentence must clear to be posted.

A piece's *key terms* are the words it repeats (or puts in its title and summary), weighted by how
often it uses them and how rare they are in the language (wordfreq's Zipf scale: "serveur" is common in
French, "reconditionné" much less, "le" is noise). A sentence scores by the key terms it carries, its
place (the lede, a paragraph's first sentence, a list item under a heading), and the facts it states
(figures); questions and exclamations score lower.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from functools import lru_cache

from publisher.social.excerpting import lexicon

KEY_TERMS = 12
BAR = 0.7
"""The score a body sentence must reach to be offered (tests/corpus and docs/post-quality.md)."""
_TOKEN = re.compile(r"[^\W\d_][\w’-]*[^\W_]|\b[A-Z]{2,}\b")
_FIGURE = re.compile(r"\d")


def stem(word: str) -> str:
    """A crude stem, so "serveurs" and "serveur", "sauvegardes" and "sauvegardés" count as one term:
    plurals dropped, then long words cut at seven letters (truncation stemming, good enough to compare
    the words of one piece)."""
    word = word.lower()
    if len(word) > 4 and word[-1] in "sx" and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return word[:7]


@lru_cache(maxsize=65536)
def rarity(word: str, language: str) -> float:
    """0 for the commonest words of the language, up to ~5 for words it hardly uses."""
    if not language:
        return 1.0
    from wordfreq import zipf_frequency  # 0.2 s to import: only pieces whose body is read need it

    return max(0.0, 6.5 - zipf_frequency(word, language))


def key_terms(texts: Iterable[str], headline: str, lang: str) -> dict[str, float]:
    """The piece's key terms (stemmed) and their weights, the heaviest first."""
    language = lexicon.lang_of(lang)
    stop = lexicon.STOPWORDS.get(language, frozenset()) | lexicon.NAME_STOPWORDS
    counts: Counter[str] = Counter()
    originals: dict[str, str] = {}
    lowered: set[str] = set()  # terms seen in lowercase (or as an acronym) at least once
    for text in (*texts, headline):
        for token in _TOKEN.findall(text):
            if "’" in token:  # l’inventaire -> inventaire; don’t -> don
                token = token.rsplit("’", 1)[1] if language == "fr" else token.split("’", 1)[0]
            low = token.lower()
            if (len(low) < 4 and not token.isupper()) or low in stop:
                continue
            key = stem(low)
            counts[key] += 1
            originals.setdefault(key, low)
            if token == low or token.isupper():
                lowered.add(key)
    titled = {stem(t.rsplit("’", 1)[-1].lower()) for t in _TOKEN.findall(headline)}
    # A key term recurs (or is in the title): a rare word used once is colour, not subject. A name
    # (Karim, Priya), capitalised every time, is who a story is about, not what: left out unless titled.
    weights = {key: n * rarity(originals[key], language) for key, n in counts.items()
               if (n >= 2 or key in titled) and (key in lowered or key in titled)}
    best = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_TERMS]
    return dict(best)


def score(text: str, terms: Mapping[str, float], *, lede: bool = False, first: bool = False,
          item: bool = False, heading: str = "", lang: str = "") -> float:
    """How strongly ``text`` says what the piece is about (compare with `BAR`)."""
    carried = {stem(token.rsplit("’", 1)[-1]) for token in _TOKEN.findall(text)}
    # By rank, not raw weight: one very frequent term must not make every other one look irrelevant.
    value = min(2.0, sum(1.0 - rank / (2 * KEY_TERMS) for rank, term in enumerate(terms) if term in carried))
    value += 0.8 if lede else 0.0
    value += 0.4 if first and not lede else 0.0
    value += 0.6 if item and heading else (0.3 if item else 0.0)
    figures = bool(_FIGURE.search(text))
    value += 0.4 if figures else 0.0
    if told_in_the_past(text, lang):
        value -= 0.5  # a moment of the story rather than what it teaches
    elif lexicon.lang_of(lang):
        value += 0.4  # a statement in the present: what the piece argues or shows
    stripped = text.rstrip("»”\"’) \u00a0\u202f")
    if stripped.endswith("?"):
        value -= 0.6
    if stripped.endswith("!"):
        value -= 0.5
    return value


_PAST = {
    "fr": re.compile(r"\b(?:était|étaient|avait|avaient|fut|furent|eut)\b"
                     r"|\b(?:a|ont|avons|ai|as|avez|avait)\s+(?:\w+\s+)?(?:d’abord\s+)?[\w’]+(?:é|ée|és|ées|i|is|it|u|us|ert|int)\b"
                     r"|\b(?:est|sont)\s+[\w’]+(?:é|ée|és|ées|ue|ues|us)\b|\b\w{3,}(?:ait|aient)\b"),
    "en": re.compile(r"\b(?:was|were|had|did|came|went|took|told|said|got|made|found|felt|became|began|joined|asked"
                     r"|called|followed|worked|started|tried|turned|seemed|wanted|needed|decided)\b"),
}


def headline_terms(headline: str, lang: str) -> frozenset[str]:
    """The stemmed words of the title and summary that could be key terms."""
    language = lexicon.lang_of(lang)
    stop = lexicon.STOPWORDS.get(language, frozenset()) | lexicon.NAME_STOPWORDS
    out = set()
    for token in _TOKEN.findall(headline):
        low = token.rsplit("’", 1)[-1].lower()
        if len(low) >= 4 and low not in stop:
            out.add(stem(low))
    return frozenset(out)


def carries(text: str, terms: frozenset[str]) -> bool:
    """Does ``text`` use one of ``terms`` (stemmed)?"""
    return any(stem(token.rsplit("’", 1)[-1]) in terms for token in _TOKEN.findall(text))


def told_in_the_past(text: str, lang: str) -> bool:
    """A sentence in a past tense: "Karim a d’abord cru…", "The second incident was harder"."""
    pattern = _PAST.get(lexicon.lang_of(lang))
    return bool(pattern and pattern.search(text.lower()))


__all__ = ["BAR", "KEY_TERMS", "carries", "headline_terms", "key_terms", "rarity", "score", "stem", "told_in_the_past"]
