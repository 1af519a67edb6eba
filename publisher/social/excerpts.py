"""Candidate posts drawn from a piece, each with where it came from.

In order of preference: the author's hand-written posts (per network), each pull quote (with who
said it), each takeaway, the summary, the title. A piece with no hand-written posts, quotes or
takeaways also offers strong sentences from its body: quoted ones (« », “ ”, "") and short ones that
carry a number. Texts are taken whole: a sentence is never cut, and a candidate too long for a
network is dropped there (render.py says why), never shortened.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from publisher.content import text as textlib
from publisher.content.model import Piece
from publisher.performance import fast_constructor
from publisher.posts.model import Excerpt

BODY_SENTENCES = 5
"""How many body sentences a piece without quotes, takeaways or hand-written posts offers."""
SENTENCE_MIN, SENTENCE_MAX = 40, 240
_SPACES = re.compile(r"[ \t\r\n\f\v]+")  # a no-break space the writer typed is meant
_QUOTED = re.compile(r"«\s*[^»]{15,}?\s*»|“[^”]{15,}?”|\"[^\"]{15,}?\"")
_FACT = re.compile(r"\d")
_ENDS = re.compile(r"[.!?…](?:[\s\u00a0\u202f]*[»”\"’)])?$")
_WRAPPING_QUOTES = (("«", "»"), ("“", "”"), ('"', '"'), ("‘", "’"), ("'", "'"))
_PAIRS = (("«", "»"), ("“", "”"), ("(", ")"))
_new_excerpt = fast_constructor(Excerpt)  # a plan draws 70,000 excerpts


def normalized(text: str) -> str:
    """Text as compared and hashed: NFC, whitespace collapsed."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text or "\v" in text:
        text = _SPACES.sub(" ", text)  # most texts are tidy already: `in` scans at C speed
    return text.strip()


def excerpt_id(piece_key: str, text: str, network: str | None = None) -> str:
    """Stable id of a candidate: the same text in the same piece always gets the same id, whatever
    else changes in the piece (hand-written posts also carry their network)."""
    return _hashed(piece_key, normalized(text), network)


def _hashed(piece_key: str, text: str, network: str | None) -> str:
    raw = f"{piece_key}\x1f{network or ''}\x1f{text}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:10]


def unquoted(text: str) -> str:
    """A quote's words without the quotation marks a writer may have typed around them."""
    text = normalized(text)
    for left, right in _WRAPPING_QUOTES:
        if len(text) > 2 and text.startswith(left) and text.endswith(right) and text.count(right) == (
                1 if left != right else 2):
            return text[1:-1].strip()
    return text


def excerpts_for(piece: Piece) -> list[Excerpt]:
    """Every candidate post of ``piece``, most preferred first, without duplicate texts."""
    out: list[Excerpt] = []
    seen: set[tuple[str | None, str]] = set()
    key = piece.key

    def add(kind: str, text: str, *, attribution: str = "", network: str | None = None) -> None:
        text = normalized(text)
        folded = text.lower()
        if not text or (network, folded) in seen:
            return
        seen.add((network, folded))
        out.append(_new_excerpt(_hashed(key, text, network), key, kind, text, piece.lang, attribution, network))

    for network, posts in piece.social.items():
        for post in posts:
            add("hand-written", post, network=network)
    for quote in piece.quotes:
        add("quote", unquoted(quote.text), attribution=quote.by)
    for takeaway in piece.takeaways:
        add("takeaway", takeaway)
    add("summary", piece.summary)
    add("title", piece.title)
    if not (piece.social or piece.quotes or piece.takeaways):
        for sentence in strong_sentences(piece.body):
            add("sentence", sentence)
    return out


def strong_sentences(markdown: str, count: int = BODY_SENTENCES) -> list[str]:
    """Whole sentences of the body worth posting: quoted ones first, then short ones with a number,
    returned in reading order."""
    ranked: list[tuple[int, int, str]] = []
    position = 0
    for paragraph in textlib.paragraphs(markdown):
        for sentence in textlib.sentences(paragraph):
            position += 1
            score = sentence_score(sentence)
            if score:
                ranked.append((-score, position, sentence))
    best = sorted(ranked)[:count]
    return [s for _, _, s in sorted(best, key=lambda r: r[1])]


def sentence_score(sentence: str) -> int:
    """2 for a quoted sentence, 1 for one carrying a number, 0 for one not worth posting alone."""
    if not (SENTENCE_MIN <= len(sentence) <= SENTENCE_MAX) or not _ENDS.search(sentence):
        return 0
    if any(sentence.count(a) != sentence.count(b) for a, b in _PAIRS) or sentence.count('"') % 2:
        return 0  # a quotation or parenthesis that opens in another sentence
    if not (sentence[0].isupper() or sentence[0].isdigit() or sentence[0] in "«“\""):
        return 0
    if _QUOTED.search(sentence):
        return 2
    return 1 if _FACT.search(sentence) else 0


__all__ = ["BODY_SENTENCES", "excerpt_id", "excerpts_for", "normalized", "sentence_score",
           "strong_sentences", "unquoted"]
