"""French and English typography, done once for the site (the Markdown extension in
site/typography.py) and for the posts and share kits (social/render.py, kits/voice.py).

One convention, the Imprimerie nationale's as most French newsrooms apply it:

- a narrow no-break space (U+202F) before ``; ! ?`` and ``%``;
- a no-break space (U+00A0) before ``:`` and inside ``« »``;
- in French numbers, a narrow no-break space between groups of thousands (``46 000``, ``1 200,50``) and a
  no-break space before a currency (``310 000 €``, ``1,6 M€``), so a number never breaks across lines;
- curly apostrophes (’) in both languages; straight double quotes become « » in French, “ ” in English;
- English drops the space a French keyboard habit puts before ``; : ! ?``.

Obvious glitches of a source are repaired: a sentence glued to the previous one (``».Cette``,
``fin.Puis``), ``...`` for an ellipsis, and runs of spaces. URLs, e-mail addresses, hashtags and
@handles are left exactly as written. Every function is idempotent: typesetting twice changes
nothing, so a text may pass through it at every step that shows it.
"""

from __future__ import annotations

import re

from publisher.content.language import NBSP, NNBSP

_SPACE = f"[ {NBSP}{NNBSP}]"
_KEEP = re.compile(r"(?:https?://|www\.)[^\s<>«»“”]+[^\s<>«»“”.,;:!?)\]]|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w&])[#@]\w+")
_GLUE = re.compile(r"[»”.!?][.,;:!?…]?(?=[^\W\d_])")  # a sign, then a letter with no space: checked in _unglued
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_RUNS = re.compile(r"  +")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=[sS])'(?=\s|$|[.,;:!?])")
_APOSTROPHE_FR = re.compile(r"(?<=\w)'(?=\w)")  # no plural possessive in French: "'nous sommes prêts'" closes
_ELIDED_START = re.compile(r"(?<![\w’])'(?=n'(?!\w)|(?:tis|twas|em|cause|til|round)\b)", re.I)
"""English words that lose their start ("rock 'n' roll", "'tis", "'em"): an apostrophe, never a quotation mark."""
_DOUBLE = re.compile(r'"')
_SINGLES = re.compile(r"(?<![\w’])'(?=\S)([^'\n]{1,200}?)(?<=\S)'(?![\w’])")
"""A pair of straight single quotes around words ('Most of our callouts…'): quotation marks, not
apostrophes (those between letters or after a plural's s are taken first). Set 21's reader failed
eleven English texts whose title quoted its guest so."""
_LEFT_SINGLE = re.compile(r"(?<![\w’])'(?=[^\W\d])")  # not "the '90s"
# French
_FR_SIGN = re.compile(r"[;!?%:«»]")
_SPACES = frozenset(" \u00a0\u202f")
# a number's groups of thousands typed with a space (not a year beside a number: "1972 120" is left alone)
_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0]\d{3})+(?![\d]|[.,]\d{3}\b)")
_DIGIT_SPACE_DIGIT = re.compile(r"\d[ \u00a0]\d")
_UNIT_AFTER_NUMBER = re.compile(r"(?<=\d) (?=(?:m²|m³|km²|km|kg|cm|mm|ha|kWh|MWh|GWh|TWh|kWc|MWc|Wc|kW|MW|GW|°C|t|m|l|L"
                                r"|g|mg|cl|ml|dl|hl|h|min|km/h|ppm|dB|Mo|Go|To|ko"
                                # and the units written out ("612 kilos", set 58's reader: a line may not
                                # break between a number and what it counts in)
                                r"|kilos?|kilogrammes?|grammes?|tonnes?|litres?|mètres?|kilomètres?|centimètres?"
                                r"|hectares?|euros?|centimes?|degrés?)"
                                r"(?![\w²³’']))")
_CURRENCY = re.compile(r"(?<=\d)[ \u202f](?=(?:[kM]|Md|Mds)?€|\$|£)")
# English
_EN_SPACE_BEFORE = re.compile(rf"(?<=[\w”)»]){_SPACE}+([;:!?])(?=\s|$)")


def base(lang: str) -> str:
    """'fr' for fr, fr-CA, fr_BE..."""
    return lang.split("-")[0].split("_")[0].lower()


def typeset(text: str, lang: str, *, after: str = "") -> str:
    """``text`` with its language's typography. ``after`` is the character shown just before it
    (the Markdown extension typesets text node by text node), so a quotation mark at its start
    knows whether it opens or closes."""
    language = base(lang)
    if language not in ("fr", "en") or not text:
        return repaired(text) if text else text
    if "http" in text or "www." in text or "@" in text or "#" in text:
        return _around_kept(text, language, after)
    return _typeset(text, language, after)


def _around_kept(text: str, language: str, after: str) -> str:
    out: list[str] = []
    last = 0
    for m in _KEEP.finditer(text):
        if m.start() > last:
            out.append(_typeset(text[last:m.start()], language, (out[-1][-1:] if out else after)))
        out.append(m.group())
        last = m.end()
    if last < len(text):
        out.append(_typeset(text[last:], language, out[-1][-1:] if out else after))
    return "".join(out)


def _typeset(text: str, language: str, after: str) -> str:
    if "'" in text:
        if language == "en":
            text = _ELIDED_START.sub("’", text).replace("’n'", "’n’")
        text = (_APOSTROPHE if language == "en" else _APOSTROPHE_FR).sub("’", text)
        if "'" in text:  # quotation marks: ‘…’ in English, “…” (the second level) in French
            text = _SINGLES.sub("“\\1”" if language == "fr" else "‘\\1’", text)
            if language == "en":
                text = _LEFT_SINGLE.sub("‘", text)
                if text.startswith("'") and (not after or after.isspace() or after in "([{"):
                    text = "‘" + text[1:]  # a quotation that opens in this Markdown text node ('**the best** day')
                if text.endswith("'") and (len(text) == 1 or text[-2].isspace() or text[-2] in "([{"):
                    text = text[:-1] + "‘"  # … or opens at its end, before emphasis
            text = text.replace("'", "’")
    if '"' in text:
        text = _curly_doubles(text, language, after)
    text = repaired(text)
    if language == "fr":
        return french_spacing(french_numbers(text))
    if " ;" in text or " :" in text or " !" in text or " ?" in text or NBSP in text or NNBSP in text:
        text = _EN_SPACE_BEFORE.sub(r"\1", text)
    return text


def repaired(text: str) -> str:
    """Glitches of a source that no language wants: ``».Cette`` (a missing space after a sentence),
    three dots for an ellipsis, runs of spaces."""
    if "..." in text:
        text = _ELLIPSIS.sub("…", text)
    if "  " in text:
        text = _RUNS.sub(" ", text)
    return _GLUE.sub(_unglued, text)


def _unglued(m: re.Match[str]) -> str:
    """A space after a closing quotation mark glued to the next word (``».Cette``), or after a full stop
    glued to a capitalised word (``fin.Puis``, but not ``example.com``, ``U.S.`` or ``Node.js``)."""
    found, text, start, end = m.group(), m.string, m.start(), m.end()
    if found[0] in "»”":
        return found + " "
    before, after = text[max(0, start - 2):start], text[end:end + 2]
    if len(found) == 1 and len(before) == 2 and before.isalpha() and before.islower() and len(after) == 2 \
            and after[0].isupper() and after[1].islower():
        return found + " "
    return found


def _curly_doubles(text: str, language: str, after: str) -> str:
    """Straight double quotes as the language's: one opens after a space, an opening bracket or the
    start, otherwise it closes."""
    opening, closing = ("«" + NBSP, NBSP + "»") if language == "fr" else ("“", "”")
    parts = _DOUBLE.split(text)
    out = [parts[0]]
    for part in parts[1:]:
        before = out[-1][-1:] if out[-1] else after
        opens = not before or before.isspace() or before in "([{–—-/\u00a0\u202f"
        out.append(opening if opens else closing)
        out.append(part)
    return "".join(out)


def french_numbers(text: str) -> str:
    """Groups of thousands joined by a narrow no-break space, a no-break space before a currency.
    Each substitution runs only when a quick search says it can match: every rendered post goes through
    here, and most have no grouped number and no currency (a plan of 10,000 pieces typesets 100,000 texts)."""
    if _DIGIT_SPACE_DIGIT.search(text):
        text = _GROUPS.sub(_grouped, text)
    if "€" in text or "$" in text or "£" in text:
        text = _CURRENCY.sub(NBSP, text)
    if _UNIT_AFTER_NUMBER.search(text):
        text = _UNIT_AFTER_NUMBER.sub(NBSP, text)  # "36 m²", "40 km", "2,5 GWh": the unit stays with its number
    return text


def _grouped(m: re.Match[str]) -> str:
    return m.group().replace(" ", NNBSP).replace(NBSP, NNBSP)


def french_spacing(text: str) -> str:
    """The no-break spaces of French punctuation, added where missing and made the right kind where
    a plain or wrong one was typed: narrow before ; ! ? %, normal before : and inside « ». One pass
    over the signs (a plan typesets every candidate)."""
    out: list[str] = []
    last = 0
    for m in _FR_SIGN.finditer(text):
        at, sign = m.start(), m.group()
        if sign == "«":
            end = at + 1
            while end < len(text) and text[end] in _SPACES:
                end += 1
            out.append(text[last:at] + "«" + NBSP)
            last = end
            continue
        begin = at
        while begin > last and text[begin - 1] in _SPACES:
            begin -= 1
        space = NBSP if sign in ":»" else NNBSP
        before = text[begin - 1] if begin else ""
        if begin < at:  # a space was typed: the right one
            keep = True
        elif sign == "%":
            keep = before.isdigit()
        elif sign == "»":
            keep = bool(before)
        else:  # ; ! ? : glued to a word get their space when a space or the end follows (not a URL's ?)
            following = text[at + 1:at + 2]
            keep = (before.isalnum() or (before in "»”)’…€$£%" and before != "")) and (
                not following or following.isspace() or following in "»”)]…!?")
            if sign == ":" and (before.isdigit() or not following.isspace()):
                keep = False
        out.append(text[last:begin] + (space if keep else text[begin:at]) + sign)
        last = at + 1
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


__all__ = ["NBSP", "NNBSP", "base", "french_numbers", "french_spacing", "repaired", "typeset"]
