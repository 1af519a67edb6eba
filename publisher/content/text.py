"""Plain text from Markdown: word counts, reading time, a fallback summary, sentences.

Regex-based on purpose: it runs for every piece on every build and plan, and only needs to be
good enough to count words and pick sentences, not to render.
"""

from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache

from slugify import slugify as _slugify

_FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"</?[A-Za-z][^>]*>")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)|\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s*\[[^\]]+\]:\s+\S+.*$", re.M)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_EMPH = re.compile(r"(\*\*|__|\*|_|`|~~)(?=\S)((?:(?!\n\s*\n).)+?)(?<=\S)\1", re.S)
_ADMONITION = re.compile(r"^(!!!|\?\?\?\+?)\s.*$", re.M)
_ATTR_LIST = re.compile(r"\{[:#.][^}]*\}")
_ICON = re.compile(r":[a-z0-9]+(?:-[a-z0-9]+)+:")
_LIST_MARK = re.compile(r"^\s*[-*+]\s+", re.M)
_NUMBER_MARK = re.compile(r"^\s*\d+[.)]\s+")
_NUMBERED_LINE = re.compile(r"^\s*\d+[.)]\s", re.M)
_QUOTE_MARK = re.compile(r"^\s*>\s?", re.M)
_TABLE_RULE = re.compile(r"^\s*\|?[\s:|-]+\|[\s:|-]*$", re.M)
_WORD = re.compile(r"\w+(?:[’'-]\w+)*", re.UNICODE)
_SPACES = re.compile(r"[ \t]+")


def plain_text(markdown: str) -> str:
    """Readable text of a Markdown body: no code blocks, markup, links targets or HTML tags."""
    text = _FENCE.sub("\n", markdown)
    text = _HTML_COMMENT.sub("", text)
    text = _REF_DEF.sub("", text)
    text = _ADMONITION.sub("", text)
    text = _IMAGE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _TAG.sub("", text)
    text = _ATTR_LIST.sub("", text)
    text = _ICON.sub("", text)
    text = _HEADING.sub(r"\1", text)
    text = _TABLE_RULE.sub("", text)
    if _NUMBERED_LINE.search(text):
        text = _unnumbered(text)
    text = _LIST_MARK.sub("", text)
    text = _QUOTE_MARK.sub("", text)
    for _ in range(2):
        text = _EMPH.sub(r"\2", text)
    text = text.replace("|", " ")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())


def word_count(markdown: str) -> int:
    return len(_WORD.findall(plain_text(markdown)))


def reading_minutes(words: int, per_minute: int = 220) -> int:
    return max(1, math.ceil(words / per_minute))


def paragraphs(markdown: str) -> list[str]:
    """Prose paragraphs of the body (headings, lists, tables and code left out)."""
    body = _FENCE.sub("\n\n", markdown)
    out: list[str] = []
    for block in re.split(r"\n\s*\n", body):
        stripped = block.strip()
        if not stripped or stripped[0] in "#|<-*+!>`:[" or re.match(r"\d+[.)]\s", stripped):
            continue
        if stripped.startswith("!!!") or stripped.startswith("???"):
            continue
        text = plain_text(stripped).replace("\n", " ").strip()
        if len(text) > 40:
            out.append(text)
    return out


def _unnumbered(text: str) -> str:
    """Numbered-list markers dropped where a list can be: on a block's first line, or in a block that
    is a list. Inside a paragraph, "…in September\n1985. It was…" is a year ending a sentence (Markdown
    lets no numbered list interrupt a paragraph), never a list marker to throw away."""
    out = []
    first, in_list = True, False  # the block's first line; the block is a list
    for line in text.split("\n"):
        if not line.strip():
            first, in_list = True, False
            out.append(line)
            continue
        marker = _NUMBER_MARK.match(line)
        if marker and (first or in_list):
            line = line[marker.end():]
            in_list = True
        elif first and _LIST_MARK.match(line):
            in_list = True
        first = False
        out.append(line)
    return "\n".join(out)


def first_paragraph(markdown: str, limit: int = 300) -> str:
    """The first prose paragraph, shortened at a sentence or word boundary when longer than ``limit``."""
    for para in paragraphs(markdown):
        return shorten(para, limit)
    return ""


_SENTENCE_END = re.compile(r"(?<=[.!?…»”])\s+(?=[«“\"A-ZÀ-ÖØ-Þ0-9])")


def sentences(text: str) -> list[str]:
    """Split prose into sentences (French and English punctuation, « » and “ ” quotes)."""
    out: list[str] = []
    for part in _SENTENCE_END.split(text.strip()):
        part = part.strip()
        if part:
            out.append(part)
    return out


def shorten(text: str, limit: int) -> str:
    """Cut at the last whole sentence that fits, else the last whole word, adding an ellipsis."""
    text = text.strip()
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in sentences(text):
        candidate = f"{kept} {sentence}".strip()
        if len(candidate) > limit:
            break
        kept = candidate
    if kept:
        return kept
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—–- ")
    return cut + "…"


# The ASCII apostrophe and commas separate words, as they did before python-slugify (which drops the
# one and joins 1,000 into 1000); the curly apostrophe was dropped and still is (retours d’expérience
# -> retours-dexperience): a slug made before, hence a published URL, stays the same.
_SEPARATORS = [["'", "-"], [",", "-"]]


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """A URL name: lowercase ASCII words joined by hyphens, transliterated by python-slugify.

    "Le cœur du sujet : l’œuvre" -> le-coeur-du-sujet-loeuvre, "Straße" -> strasse, "Цифровой" ->
    tsifrovoi. 'piece' only when nothing at all is left (a title of punctuation or emoji).
    """
    slug = _slugify(text, replacements=_SEPARATORS, entities=False, decimal=False, hexadecimal=False)
    return slug or "piece"


def ascii_fold(text: str) -> str:
    """What is left of a text once folded to ASCII the plain way (accents kept as letters, every other
    non-ASCII letter dropped). Importers ask it, as they did before slugs were transliterated, whether a
    title reads well in ASCII or the source's own slug is better: so an import picks the slug it always did."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def first_heading(markdown: str) -> str | None:
    m = re.search(r"^#\s+(.+?)\s*#*\s*$", markdown, re.M)
    return plain_text(m.group(1)).strip() if m else None
