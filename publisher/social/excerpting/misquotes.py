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
import unicodedata

from publisher.social.excerpting import lexicon, units
from publisher.social.excerpting.questions import letters

GAP = 12
"""Words the body may have between two parts of one quote without a verb of saying among its first five: a
sentence the quote skipped is usually longer."""


def as_said(text: str, body: str) -> str | None:
    """``text`` when the body says it (whole, or cut only by incises); its first sentences when only they follow
    each other in the body; ``text`` when the body has none of its sentences (the author's own quote); None when
    its first sentence is not what the body says while others are (reworded: nothing of it can be posted)."""
    said = _words(body)
    if not said.strip() or _words(text) in said:
        return text
    sentences = units.split_sentences(text)
    if len(sentences) < 2:
        return text  # one sentence the body words otherwise: nothing of it is the body's
    kept, any_found = 0, False
    for start in _starts(sentences[0], said):  # "C’est simple" may come earlier in other words: try each
        any_found = True
        end, count = start[1], 1
        for sentence in sentences[1:]:
            here = _found(sentence, said, end)
            if here is None or not _an_incise(said[end:here[0]]):
                break
            end, count = here[1], count + 1
        kept = max(kept, count)
        if kept == len(sentences):
            return text
    if not any_found:
        return text if not any(_found(s, said, 0) for s in sentences[1:]) else None  # the author's own, or reworded
    cut = " ".join(sentences[:kept])
    if len(letters(cut).split()) < MIN_WORDS or _SETS_UP.search(cut):
        return None  # "The forecast suggests.", "We used to count pillowcases…" without its "Now…"
    return cut


def _words(text: str) -> str:
    """`letters`, padded with spaces so a search matches whole words, without the link targets of Markdown, with
    "1 500" and "1500" alike, and with a writer's elision marks ("[…]") as a cut."""
    text = re.sub(r"\]\([^)\s]*\)", "]", text)
    text = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}(?!\d))", "", text).replace("\u00ad", "")
    return f" {letters(text)} "


MIN_WORDS = 6
"""A quote cut to its first sentences keeps at least this many words ("The forecast suggests." says nothing)."""
_SETS_UP = re.compile(r"\b(?:used to|for years|years ago|at first|the first (?:summer|winter|year|day|time)|I thought|we thought"
                      r"|I was told|we were told|avant|autrefois|pendant des années|au début|il y a \w+ ans|je pensais"
                      r"|nous pensions|on pensait|on croyait|je croyais)\b", re.I)
"""What a quote sets up for the sentence after it ("We used to…" → "Now…"): cut there, it has lost its point."""


def _found(sentence: str, said: str, start: int) -> tuple[int, int] | None:
    """Where ``sentence`` is in ``said`` (the body's `_words`) from ``start``: whole, or in parts cut by incises
    (at its commas, at its elision marks, or at one place between two words: "« Most bikes », says Aisha
    Greenwood, « don’t die. »"); None when it is not."""
    return next(iter(_starts(sentence, said, start)), None)


def _starts(sentence: str, said: str, start: int = 0) -> list[tuple[int, int]]:
    """Every place ``sentence`` is in ``said`` from ``start`` (see `_found`), in order."""
    whole = _words(sentence).strip()
    if not whole:
        return []
    out = []
    at = said.find(f" {whole} ", start)
    while at >= 0:
        out.append((at + 1, at + 1 + len(whole)))
        at = said.find(f" {whole} ", at + 1)
    if out:
        return out
    parts = [_words(part).strip() for part in re.split(r"[,;:–—]|\[…\]|\(…\)|\.\.\.|…", sentence)]
    parts = [part for part in parts if part]
    tries = [parts] if len(parts) > 1 else []
    words = whole.split()
    tries += [[" ".join(words[:k]), " ".join(words[k:])] for k in range(1, len(words))]
    for n, pieces in enumerate(tries):
        found = _in_order(pieces, said, start, says=n >= len(tries) - len(words) + 1)
        if found:
            return [found]
    return []


def _in_order(pieces: list[str], said: str, start: int, *, says: bool = False) -> tuple[int, int] | None:
    """``pieces`` one after the other from ``start``, what is between them an incise (``says``: one that says who
    speaks, for a cut the quote does not mark: "that most kindness" is no incise before "most kindness")."""
    first = said.find(f" {pieces[0]} ", start)
    while first >= 0:
        end = first + 1 + len(pieces[0])
        for piece in pieces[1:]:
            at = said.find(f" {piece} ", end)
            between = said[end:at + 1]
            if at < 0 or not (_says(between) if says else _an_incise(between)):
                break
            end = at + 1 + len(piece)
        else:
            return first + 1, end
        first = said.find(f" {pieces[0]} ", first + 1)
    return None


def _an_incise(between: str) -> bool:
    """What the body has between two parts of a quote is who says it ("says Aisha Greenwood, who co-founded
    Freewheel ten years ago and still does most of our assessments"), or a few words: not a sentence of the
    speech the quote skipped ("Le bois se détend, la table d’harmonie vibre…", set 116)."""
    return len(between.split()) <= GAP or _says(between)


def _says(between: str) -> bool:
    return any(word in _SAYS for word in between.split()[:5])


_SAYS = lexicon.SPEECH_VERBS["fr"] | lexicon.SPEECH_VERBS["en"]


def said_in(text: str, body: str) -> bool:
    """Does ``body`` give ``text`` word for word, whole or sentence after sentence across incises ("« Un accordéon,
    dit Odile Varenne, ça ne meurt pas »"), whatever its links, accents ("A Paris" for "À Paris") or soft hyphens?"""
    said = _bare(_words(body))
    if _bare(_words(text)) in said:
        return True
    end = 0
    for sentence in units.split_sentences(text):
        here = _found(_bare(sentence), said, end)
        if here is None:
            return False
        end = here[1]
    return end > 0


def _bare(text: str) -> str:
    """Without accents: a capital typed without its accent ("Ecole") is the same word."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


__all__ = ["GAP", "as_said", "said_in"]
