"""A quote of the front matter as the body has its speaker say it (issue 13).

Authors copy a speaker's words into ``quotes:`` and edit them on the way: a sentence reworded ("I opened the
hive in March" for "In March I opened the smallest one"), one added that the body never gives them, two
passages joined over the sentence between ("…trouver sa voix. Je livre un clavecin…" where the body has a
sentence in between). Readers compare a quote with the piece word for word and failed such quotes in sets 14,
57, 75, 93, 102, 108 and 116. A quote the body never gives at all is the author's own pick and stays: the
front matter is the piece too (sets 3-110 have 56 such quotes; their readers passed them).
"""

from __future__ import annotations

import re

from publisher.social.excerpting import lexicon, units
from publisher.social.excerpting.questions import letters

GAP = 12
"""Words the body may have between two parts of one quote without a verb of saying among its first five: a
sentence the quote skipped is usually longer."""


def as_said(text: str, body: str) -> str | None:
    """``text`` when the body says it (whole, or cut only by incises); its first sentences when only they follow
    each other in the body; ``text`` when the body has none of its sentences (the author's own quote); None when
    its first sentence is not what the body says while others are (reworded: nothing of it can be posted)."""
    said = letters(body)
    if not said or letters(text) in said:
        return text
    sentences = units.split_sentences(text)
    if len(sentences) < 2:
        return text  # one sentence the body words otherwise: nothing of it is the body's
    spans: list[tuple[int, int] | None] = []
    start = 0
    for sentence in sentences:
        found = _found(sentence, said, start)
        spans.append(found)
        if found:
            start = found[1]
    if not any(spans):
        return text  # none of it is in the body: the author's own quote
    first = spans[0]
    if first is None:
        return None  # "I opened the hive in March…": reworded, and what follows leans on it
    kept = 1
    while kept < len(spans):
        here = spans[kept]
        if here is None or not _an_incise(said[first[1]:here[0]]):
            break
        first = (first[0], here[1])
        kept += 1
    if kept == len(sentences):
        return text
    cut = " ".join(sentences[:kept])
    if len(letters(cut).split()) < MIN_WORDS or _SETS_UP.search(cut):
        return None  # "The forecast suggests.", "We used to count pillowcases…" without its "Now…"
    return cut


MIN_WORDS = 6
"""A quote cut to its first sentences keeps at least this many words ("The forecast suggests." says nothing)."""
_SETS_UP = re.compile(r"\b(?:used to|for years|years ago|at first|the first (?:summer|winter|year|day|time)|I thought|we thought"
                      r"|I was told|we were told|avant|autrefois|pendant des années|au début|il y a \w+ ans|je pensais"
                      r"|nous pensions|on pensait|on croyait|je croyais)\b", re.I)
"""What a quote sets up for the sentence after it ("We used to…" → "Now…"): cut there, it has lost its point."""


def _found(sentence: str, said: str, start: int) -> tuple[int, int] | None:
    """Where ``sentence`` is in ``said`` (the body's words) from ``start``: whole, or in parts cut at its commas
    by an incise, at most GAP words apart; None when it is not."""
    words = letters(sentence)
    if not words:
        return None
    at = said.find(words, start)
    if at >= 0:
        return at, at + len(words)
    parts = [letters(part) for part in re.split(r"[,;:–—]", sentence)]
    parts = [part for part in parts if part]
    if len(parts) < 2:
        return None
    first = said.find(parts[0], start)
    while first >= 0:
        end = first + len(parts[0])
        for part in parts[1:]:
            at = said.find(part, end)
            if at < 0 or not _an_incise(said[end:at]):
                break
            end = at + len(part)
        else:
            return first, end
        first = said.find(parts[0], first + 1)
    return None


def _an_incise(between: str) -> bool:
    """What the body has between two parts of a quote is who says it ("says Aisha Greenwood, who co-founded
    Freewheel ten years ago and still does most of our assessments"), or a few words: not a sentence of the
    speech the quote skipped ("Le bois se détend, la table d’harmonie vibre…", set 116)."""
    words = between.split()
    return len(words) <= GAP or any(word in _SAYS for word in words[:5])


_SAYS = lexicon.SPEECH_VERBS["fr"] | lexicon.SPEECH_VERBS["en"]


__all__ = ["GAP", "as_said"]
