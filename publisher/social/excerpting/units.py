"""A piece's body as units a post could be made of: the sentences of its prose paragraphs, each with
its place (lede, first sentence of a paragraph), and the items of its lists with the heading above them.

Code, tables, HTML, admonitions and images are left out. Texts are plain (no Markdown) and typeset in
the piece's language (content/typography.py), so the rules after this read one kind of apostrophe and
quotation mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.content import text as textlib
from publisher.content.typography import typeset

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_BLOCKS = re.compile(r"\n[ \t]*\n")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+")
_ORDERED = re.compile(r"^\s{0,3}\d+[.)]\s+")
# A paragraph that opens on a numbered bold label: "**1. Clean up first.** Before adding…", "**Étape 2 :** …".
_STEP = re.compile(r"^\s*(?:\*\*|__)\s*(?:(?:step|stage|phase|étape)\s+)?\d{1,2}\s*(?:[.):—–-]|\*\*|__)", re.I)
_ABBREVIATION = re.compile(r"(?:^|\s)(?:M|Mme|Mlle|Dr|Mr|Mrs|Ms|St|Pr|Me|etc|cf|vs|p|ex|e\.g|i\.e|[A-Z])\.$")
_SPACES = re.compile(r"\s+")
_LABEL = re.compile(r"^\s*(?:\*\*|__)(?P<label>[^*_]+?)(?:\*\*|__)")
# A paragraph set wholly in italics: an editor's note, a caption, a disclaimer ("*Acme runs free
# workshops… Details on our website.*"), neither the piece's point nor an interviewee's words.
_NOTE = re.compile(r"^(?:\*(?!\*)[^*]+\*|_(?!_)[^_]+_)[.!?]?$")
_QUESTION = re.compile(r"^\s*(?:\*\*|__)[^*_\n]+\?[\s\u00a0\u202f]*(?:\*\*|__)\s*$|^\s*(?:Q|Question)\s*[:.]", re.I)


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence or list item of the body."""

    text: str
    kind: str
    """"sentence" (from a prose paragraph) or "item" (a list item)."""
    paragraph: int
    """Index of its block in the body (prose paragraphs and lists count alike)."""
    first: bool
    """The first sentence of its paragraph (a topic sentence), or a list item."""
    lede: bool
    """In the body's first prose paragraph."""
    heading: str = ""
    """The nearest heading above it."""
    label: str = ""
    """A list item's bold label ("**Un apport trop faible**. Il n’existe pas…"), typeset."""
    quotation: int = -1
    """The quotation it belongs to when that quotation runs over several sentences ("…," she said.
    "First. Second."), or the answer paragraph of a Q&A interview: someone's words, never the brand's."""
    answer: bool = False
    """In the answer to a question of a Q&A interview (a bold question, then its answer)."""
    step: bool = False
    """An item of a numbered list, or a sentence of a paragraph that opens on a numbered label
    ("**1. Clean up first.** Before adding…"): a step of a method or of what was done."""


def units_of(markdown: str, lang: str) -> list[Unit]:
    """Every sentence and list item of ``markdown``, in reading order."""
    out: list[Unit] = []
    heading = ""
    seen_prose = False
    answering = False  # after a Q&A question, until the next heading
    quotations = 0
    body = _FENCE.sub("\n\n", markdown)
    for index, block in enumerate(_BLOCKS.split(body)):
        stripped = block.strip()
        if not stripped:
            continue
        heading_match = _HEADING.match(stripped)
        if heading_match and "\n" not in stripped:
            heading = _plain(heading_match.group(2), lang)
            answering = False
            continue
        if _ITEM.match(stripped):
            ordered = bool(_ORDERED.match(stripped))
            out.extend(Unit(item, "item", index, True, False, heading, label, step=ordered)
                       for item, label in _items(stripped, lang))
            continue
        if stripped[0] in "#|<!`:[>" or stripped.startswith(("???", "    ", "\t")) or block.startswith(("    ", "\t")):
            continue
        if _NOTE.match(stripped):
            answering = False
            continue
        if _QUESTION.match(stripped):
            answering = True  # the interviewer's question: the paragraphs after it are the guest's words
            continue
        text = _plain(stripped, lang)
        if len(text) < 20:
            continue
        lede = not seen_prose
        seen_prose = True
        sentences = split_sentences(text)
        spans = _quotations(sentences) if ("«" in text or "“" in text) else [-1] * len(sentences)
        if answering:
            spans = [0] * len(sentences)
        step = bool(_STEP.match(stripped))
        numbered: dict[int, int] = {}
        for n, sentence in enumerate(sentences):
            quotation = -1
            if spans[n] >= 0:
                if spans[n] not in numbered:
                    numbered[spans[n]] = quotations
                    quotations += 1
                quotation = numbered[spans[n]]
            out.append(Unit(sentence, "sentence", index, n == 0, lede, heading, "", quotation, answering, step))
    return out


def _quotations(sentences: list[str]) -> list[int]:
    """For each sentence, the index of the quotation running over several sentences that it is part
    of, or -1: a quotation mark opened in one sentence and closed in a later one."""
    out = [-1] * len(sentences)
    depth, current = 0, -1
    for n, sentence in enumerate(sentences):
        before = depth
        opened = sentence.count("«") + sentence.count("“")
        closed = sentence.count("»") + sentence.count("”")
        depth = max(0, depth + opened - closed)
        if before == 0 and depth > 0:
            current = n
        if before > 0 or depth > 0:
            out[n] = current
    if depth > 0:  # never closed: a typo, not a quotation we can read
        out = [-1 if q == current else q for q in out]
    return out


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph; an abbreviation (M., Dr., e.g., an initial) does not end one."""
    out: list[str] = []
    for part in textlib.sentences(text):
        if out and _ABBREVIATION.search(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return out


def _items(block: str, lang: str) -> list[tuple[str, str]]:
    """(text, bold label) of each item of a list."""
    items: list[str] = []
    for line in block.splitlines():
        if _ITEM.match(line):
            items.append(_ITEM.sub("", line, count=1))
        elif items and line.strip():
            items[-1] += " " + line.strip()  # a wrapped or nested line continues the item
    out = []
    for item in items:
        text = _plain(item, lang)
        if text:
            label = _LABEL.match(item)
            out.append((text, _plain(label.group("label"), lang) if label else ""))
    return out


def _plain(markdown: str, lang: str) -> str:
    return typeset(_SPACES.sub(" ", textlib.plain_text(markdown)).strip(), lang)


__all__ = ["Unit", "split_sentences", "units_of"]
