"""Does an excerpt say what the title under it says? Then the post reads "Read more:" instead of repeating the
title (social.render's `Fitter.lead`), and the card shows the title once.

Readers of unseen pieces failed posts both ways: a "the pool" the post never named when the title was left out,
and a standfirst over its own headline ("…costs €48,000…" over "Where the money goes in a €48,000 harpsichord",
sets 113, 114, 116, 119) when it was not. The title stays unless the excerpt says it: nearly all its words, or
half of them and its names; a summary, unless the title names what it does not (a standfirst over its own
headline repeats it); the title's figures with its names. A plan compares 70,000 excerpts: substring tests, no tokenising.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

from publisher.social.excerpting import lexicon

_ANNOUNCES_ITS_PAGE = re.compile(r"(?:Récit|Retour sur|Portrait|Reportage|Enquête|Rencontre avec|Visite|Bilan d|A look back"
                                 r"|The story of|Inside|Portrait of|Report from)\b")
"""A standfirst that announces its page ("Récit d’une panne de climatisation…", set 119's « Récit d’une journée…»):
without the headline under it, it says what the page is, not what happened."""


@dataclass(frozen=True, slots=True)
class Headline:
    """A title's words, names and figures, worked out once per piece."""

    words: frozenset[str]
    names: tuple[str, ...]
    figures: frozenset[str]
    counts: frozenset[str] = frozenset()
    """Its figures and the numbers it spells ("Eleven hours", « cinquante-deux harpes »)."""

    @classmethod
    def of(cls, title: str) -> Headline:
        found = figures(title)
        return cls(content_words(title), names(title), found, found | spelled(title))

    def said_by(self, kind: str, text: str) -> bool:
        """Does ``text`` (an excerpt of ``kind``) say this title already?"""
        if kind == "summary" and not _ANNOUNCES_ITS_PAGE.match(text) and (
                not self.names or any(name in text for name in self.names)):
            return True  # the standfirst is written to stand under the title, never above it: over its own headline
            # it tells the story, then announces it (sets 111, 116, 119, 133: 26 such texts failed as repetition);
            # one that leans on the title is no post (summaries.leans), and the card shows the title. Kept when the
            # title names what the summary does not ("A drainage board…" under "Levelmoor Drainage Board: …"); one
            # that gives the title's count too is no post (`repeated_by`, excerpts.py)
        titled, named = self.words, self.names
        if not titled:
            return False
        low = text.casefold()
        said = sum(map(low.__contains__, titled))  # `word in low` for each, counted in C: no generator
        if said * 5 >= len(titled) * 4 or (said * 2 >= len(titled) and all(name in text for name in named)):
            return True  # nearly all its words, or half and its names ("A drainage board on the edge of the
            # estuary…" says much of "Levelmoor Drainage Board: …", not which)
        if not said:
            return False
        return bool(self.figures) and any(name in text for name in named) and \
            self.figures <= figures(text)  # "Each meal costs €2.34…" keeps the title that says whose meal


    def repeated_by(self, text: str) -> bool:
        """Does ``text`` give this title's count without its names ("…la conciergerie a traité plus de 4 200
        demandes" under "Conciergerie du Pré-Rond : un an, 4 212 demandes…", "nearly 11 hours" under "Eleven hours")?
        Over the headline it says the count twice (sets 141, 142, 144 failed five such summaries as repetition);
        without it, not whose count."""
        return bool(self.counts and self.names) and not any(name in text for name in self.names) and \
            shared_count(self.counts, figures(text) | spelled(text))  # a title naming nobody: "Read more:" after it


_NUMBERS = {
    "en": dict(zip(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
                   [*range(2, 21), 30, 40, 50, 60, 70, 80, 90], strict=True)),
    "fr": dict(zip(["deux", "trois", "quatre", "cinq", "six", "huit", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "vingt", "trente", "quarante", "cinquante", "soixante"], [2, 3, 4, 5, 6, 8, *range(10, 17), 20, 30, 40, 50, 60], strict=True)),
}
_SPELLED_VALUES = {**_NUMBERS["fr"], **_NUMBERS["en"]}
_SPELLED_SET = frozenset(_SPELLED_VALUES)
_SPELLED_WORDS = re.compile(r"(?<![\w’-])(?:{})(?:-(?:{}))?(?![\w’-])".format(
    "|".join(sorted(_SPELLED_VALUES, key=len, reverse=True)), "|".join(sorted(_SPELLED_VALUES, key=len, reverse=True))),
    re.I)


def spelled(text: str) -> frozenset[str]:
    """The numbers ``text`` writes in words, from two to ninety-nine ("Eleven", « cinquante-deux »), as figures."""
    words = text.lower().replace("-", " ").replace(",", " ").replace(".", " ").split()
    if _SPELLED_SET.isdisjoint(words):
        return frozenset()  # most texts: a set look-up, not the long pattern
    out = set()
    for found in _SPELLED_WORDS.finditer(text):
        parts = found.group().lower().split("-")
        out.add(str(sum(_SPELLED_VALUES[part] for part in parts)))
    return frozenset(out)


def shared_count(ours: frozenset[str], theirs: frozenset[str]) -> bool:
    """Do two texts give the same count: one figure of ten or more in both, or two of a hundred or more within 3 %
    ("plus de 4 200" and "4 212")? Years are no count."""
    if any(_at_least(f, 10) for f in ours & theirs):
        return True  # "quatre jours et trois nuits" and "trois concerts", "six parcours" and "six niveaux": no count said
        # twice; small numbers share by chance. Years are not among figures (`figures`: "en 1899", "2026")
    big = [float(f) for f in ours if _at_least(f, 100)]
    return any(abs(a - float(b)) <= 0.03 * max(a, float(b)) for b in theirs if _at_least(b, 100) for a in big)


def _at_least(figure: str, least: int) -> bool:
    try:
        return float(figure) >= least
    except ValueError:
        return False


_WORD = re.compile(r"[^\W_]{5,}")


def content_words(text: str) -> frozenset[str]:
    """The title's words of five letters or more (not "with", "dans", "pour"), lower-cased: what an
    excerpt is compared with."""
    return frozenset(_WORD.findall(text.casefold()))


_FIGURE = re.compile(r"\d(?P<rest>\d{0,2}(?P<groups>(?:[\u00a0\u202f ,.]\d{3}(?!\d))+)|\d*)(?:[.,](?P<decimals>\d+))?(?!\d)")
"""A figure: "4 212", "48,000" (groups of three), "12,5" (decimals), "2026". It starts on a digit so that the regex
engine skips to the digits in C (a look-behind first made it scan every character: 9 µs a text instead of 2); a digit
right after another, a point or a comma is checked by hand (`figures`)."""
_YEAR = re.compile(r"(?:19|20)\d\d")
_DIGIT = re.compile(r"\d")
_YEAR_CUE = re.compile(r"(?<![\w’])(?:en|in|since|depuis|from|until|till|années?|year|siècle|vers|circa|c\.|datant de|date de"
                       r"|dated|built in|fondée? en|founded in)"
                       r"[\s\u00a0\u202f]+$", re.I)
_MONTHS = tuple(name for names in lexicon.MONTHS.values() for name in names)
_SPACES = " \u00a0\u202f"
_SHORT_MONTHS = ("jan", "janv", "feb", "fév", "févr", "mar", "apr", "avr", "jun", "jul", "juil", "aug", "sep", "sept",
                 "oct", "nov", "dec", "déc")
_RANGE = re.compile(r"(?:et|au|à|and|to|–|-)[ \u00a0\u202f]+\d{1,2}(?:er|st|nd|rd|th|e)?(?=[ \u00a0\u202f])")


def _a_date(text: str, start: int, end: int) -> bool:
    """Is the figure at ``start:end`` a date's day or a time ("12 janvier", "1er mars", "January 12", "12th Dec",
    "les 12 et 13 décembre", "du 12 au 14 décembre", "10:30", « 10 h 30 », "12/12/2025")? String tests in C (the
    two month patterns cost a figure 3 µs). A reviewer found "12 ateliers" under "les 12 et 13 décembre" held back."""
    before, following = text[max(0, start - 1):start], text[end:end + 1]
    if (following and following in ":/-" and text[end + 1:end + 2].isdigit()) or (
            before and before in ":/-" and text[start - 2:start - 1].isdigit()):
        return True  # "10:30", "12/12/2025", "2025-12-12", "12-14 December"
    head = text[max(0, start - 6):start].rstrip(_SPACES)
    if head.endswith("h") and head[:-1].rstrip(_SPACES)[-1:].isdigit():
        return True  # the minutes of « 10 h 30 »
    after = text[end:end + 24].lstrip(_SPACES).lower()
    if after[:1] == "h" and after[1:].lstrip(_SPACES)[:1].isdigit():
        return True  # « 10 h 30 »
    for suffix in ("er", "st", "nd", "rd", "th", "e"):
        if after.startswith(suffix) and (after[len(suffix):len(suffix) + 1] in _SPACES or not after[len(suffix):]):
            after = after[len(suffix):].lstrip(_SPACES)
            break
    joined = _RANGE.match(after)
    if joined:  # "12 et 13 décembre", "12 au 14 décembre", "12 and 13 December": the next day's month
        after = after[joined.end():].lstrip(_SPACES)
    if after.startswith(_MONTHS) and not any(after[len(m):len(m) + 1].isalnum() or after[len(m):len(m) + 1] == "’"
                                             for m in _MONTHS if after.startswith(m)):
        return True
    if after.startswith(_SHORT_MONTHS) and any(after[len(m):len(m) + 1] in ". \u00a0\u202f,;" or not after[len(m):]
                                               for m in _SHORT_MONTHS if after.startswith(m)):
        return True  # "12 Dec", « le 12 déc. »
    return text[max(0, start - 12):start].rstrip(_SPACES).lower().endswith(_MONTHS)


def figures(text: str) -> frozenset[str]:
    """The figures ``text`` gives, written alike ("€48,000", "48 000 €" and "48000" are "48000"; "12,5" and
    "12.5" are "12.5", not "125"), but years ("2026") and a date's day ("on 12 January"), which a title and its
    excerpt share without repeating each other."""
    if not _DIGIT.search(text):
        return frozenset()  # most texts: one search in C
    out = set()
    for m in _FIGURE.finditer(text):
        start = m.start()
        if start and text[start - 1] in "0123456789.,":
            continue  # the middle of a figure ("v1.2.3"), as the look-behind would have skipped it
        grouped = m.group("groups")
        digits = m.group()[:m.end("rest") - start]
        whole = re.sub(r"[\u00a0\u202f ,.]", "", digits) if grouped else digits
        if not grouped and not m.group("decimals") and (_YEAR.fullmatch(whole) or (
                len(whole) == 4 and whole < "1900" and _YEAR_CUE.search(text, max(0, start - 12), start))):
            continue  # "2026"; "peint en 1783", « un numéro de 1899 », "les années 1883"
        if _a_date(text, start, m.end()):
            continue
        out.add(f"{whole}.{m.group('decimals')}" if m.group("decimals") else whole)
    return frozenset(out)


@lru_cache(maxsize=16384)
def title_counts(title: str) -> frozenset[str]:
    """`figures` and `spelled` numbers of a title, once: each of its piece's takeaways is compared with it (a plan of
    10,000 pieces asks for 10,000 titles: the cache holds them)."""
    return figures(title) | spelled(title)


def might_share(counted: frozenset[str], text: str) -> bool:
    """Could ``text`` give one of these counts (a title's)? The cheap half of `shared_count`, on the text as it is:
    each count of ten or more as it may be written ("4212", "4 212", "4,212"), the numbers it spells, or a rounded
    one after a hedge ("plus de 4 200", "nearly 11 hours"). Substring tests in C (`_probe`, once per title; a
    pattern compiled per title cost more than it saved)."""
    forms, big = _probe(counted)
    for form in forms:
        if form in text:
            return True
    if not counted.isdisjoint(spelled(text)):
        return True
    if not big:
        return False
    low = f" {text.lower()} "
    return any(hedge in low for hedge in _HEDGES)


_HEDGES = tuple(f" {hedge} " for hedge in (
    "plus de", "près de", "environ", "quelque", "presque", "moins de", "about", "nearly", "almost", "more than", "over",
    "around", "some", "fewer than", "less than", "roughly", "approximately", "upwards of", "under"))
"""What a rounded count follows ("plus de 4 200 demandes" under "4 212 demandes"): substrings, a gate only ("cover"
whole words: "sovereignty" holds "over"; a pattern with a look-behind scanned every character, 10 µs a text)."""


@lru_cache(maxsize=16384)
def _probe(counted: frozenset[str]) -> tuple[tuple[str, ...], bool]:
    """The written forms of a title's counts of ten or more, and whether one is big enough to be rounded."""
    forms = tuple({written for count in counted if _at_least(count, 10) for written in _written(count)})
    return forms, any(_at_least(count, 100) for count in counted)


@lru_cache(maxsize=4096)
def _written(count: str) -> tuple[str, ...]:
    """How a figure may be written: "4212" as "4212", "4 212", "4,212", "4.212" and with no-break spaces."""
    whole, _, decimals = count.partition(".")
    if len(whole) <= 3:
        return (count, count.replace(".", ",")) if decimals else (count,)
    head = len(whole) % 3 or 3
    groups = [whole[:head], *(whole[i:i + 3] for i in range(head, len(whole), 3))]
    tail = f".{decimals}" if decimals else ""
    return (count, *(sep.join(groups) + tail for sep in (" ", ",", ".", "\u00a0", "\u202f")))


@lru_cache(maxsize=16384)
def headline_of(title: str) -> Headline:
    """`Headline.of`, once per title: a piece's takeaways are each compared with it."""
    return Headline.of(title)


_NAME = re.compile(r"[A-ZÀ-Ö][\w’&-]{2,}")


def names(title: str) -> tuple[str, ...]:
    """The title's names: its capitalised words but the first, and the first too when a capitalised word
    follows it ("Levelmoor Drainage Board: …", "Pwll Glan Teifi: …") or when it is a word no dictionary
    has before a colon ("Oberwihr : un séchoir…"; not "Gel : six gestes…")."""
    found = [m.group().removesuffix("’s").removesuffix("'s") for m in _NAME.finditer(title)]  # "Saint-Aubin’s"
    if not found:
        return ()
    head = title.lstrip("«“\"' ")
    words = head.split(" ", 2)
    return tuple(name for i, name in enumerate(found) if i or not head.startswith(name) or _named_first(words))


def _named_first(words: list[str]) -> bool:
    if len(words) < 2:
        return False
    if words[1][:1].isupper():
        return True
    first = words[0].rstrip(":").lower()
    before_colon = words[0].endswith(":") or words[1].startswith(":")
    return before_colon and first.isalpha() and max(zipf_frequency(first, "fr"), zipf_frequency(first, "en")) < 2


def unsupported(text: str, body: str) -> tuple[str, ...]:
    """The counts of ten or more (and decimals) that ``text`` (an author's takeaway or summary) gives and ``body`` never
    writes, in any of its ways ("4 212", "4,212", "4212"), as ``text`` writes them: for `publisher doctor` to ask the
    author to check them. Strict readers failed takeaways whose figure the body contradicts (set 163: "$38,000 a year,
    less than a tenth of one rebuild"); the tool cannot tell a sum the author made from a slip, so it says, and posts
    them as written."""
    text = _PHONE.sub(" ", text)
    given = figures(text)
    if not given or not body:
        return ()
    written = figures(body) | spelled(body)
    missing = [f for f in given - written if ("." in f or _at_least(f, 10))
               and not re.search(rf"(?<![\d.,]){re.escape(f)}(?![\d])", body)]  # "2000 visiteurs", a year to `figures`
    if not missing:
        return ()
    values = sorted({float(f) for f in written if f.replace(".", "", 1).isdigit()})
    shown = {}
    for found in _FIGURE.finditer(text):
        shown.setdefault(re.sub(r"[\u00a0\u202f ,.]", "", found.group()[:found.end("rest") - found.start()])
                         if found.group("groups") else found.group(), found.group())
    return tuple(shown.get(f, shown.get(f.replace(".", ","), f)) for f in sorted(missing)
                 if not _derived(float(f), values, scaled="million" in text.lower() or "m€" in text.lower()))


_PHONE = re.compile(r"(?<!\d)(?:\+\d{2}[\s\u00a0.]?)?\d{2,4}(?:[\s\u00a0.-]\d{2,4}){2,4}(?!\d)"
                    r"(?=[^%€$£]|$)(?<=\d{2}[\s\u00a0.-]\d{2})")
"""A phone number ("05 23 45 67 89", "555-0142"): no count."""
_HALF = 0.5 + 1e-9
"""A percentage rounded to the unit, half-way included (23 of 40 is 57.5 %: "58 percent"), float error aside."""
_PAIRS_UP_TO = 200
"""Body figures past which sums, changes and shares are not tried (pairs grow with the square: a 3,000-row table)."""


def _derived(figure: float, values: list[float], scaled: bool = False) -> bool:
    """Does the body give ``figure`` another way: rounded ("about 60 percent" over a table's 62 %), in millions ("€1.2
    million" over "1 200 000 €"), as a sum of two of its figures (318 TB and 92 TB: "410 TB"), a change between two (412
    and 243 MWh: "−41 %"; 200 and 300: "up 50 percent"), a share of one in the other ("23 of 40 pupils": "58 percent")
    or a ratio ("divided by 1.7")? Authors' takeaways say such things; a figure none of these explains is worth a
    look."""
    if any(abs(figure - v) <= 0.05 * max(figure, v) for v in values):
        return True
    if scaled and any(abs(figure * scale - v) <= 0.05 * v for v in values for scale in (1e6, 1e3)):
        return True
    if len(values) > _PAIRS_UP_TO:
        return False
    for i, a in enumerate(values):
        for b in values[i + 1:]:  # a < b
            if (a >= 10 and abs(a + b - figure) < 0.5) or (b and abs((b - a) / b * 100 - figure) <= _HALF) or (
                    a and abs((b - a) / a * 100 - figure) <= _HALF) or (b and abs(a / b * 100 - figure) <= _HALF) or (
                    a >= 1 and figure < 10 and abs(b / a - figure) < 0.02 * figure):
                return True
    return False


__all__ = ["Headline", "content_words", "figures", "headline_of", "might_share", "names", "shared_count", "spelled",
           "title_counts", "unsupported"]
