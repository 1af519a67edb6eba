"""French and English typography, done once for the site (the Markdown extension in
site/typography.py) and for the posts and share kits (social/render.py, kits/voice.py).

One convention, the Imprimerie nationale's as most French newsrooms apply it:

- a narrow no-break space (U+202F) before ``; ! ?`` and ``%``;
- a no-break space (U+00A0) before ``:`` and inside ``« »``;
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
_GLUED = re.compile(r"([»”])([.,;:!?…]?)(?=[A-ZÀ-ÖØ-Þa-zà-öø-ÿ])|(?<=[a-zà-öø-ÿ]{2})([.!?])(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ])")
_ELLIPSIS = re.compile(r"(?<!\.)\.\.\.(?!\.)")
_RUNS = re.compile(r"  +")
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)|(?<=[sS])'(?=\s|$|[.,;:!?])")
_DOUBLE = re.compile(r'"')
# French
_FR_NARROW = re.compile(rf"{_SPACE}+([;!?%])")
# A sign glued to a word gets its space when a space or the end follows (a URL's ? is left alone).
_FR_GLUED = re.compile(r"((?<=[\w»”)’…])[;!?](?=\s|$|[»”)\]…!?])|(?<=\d)%)")
_FR_COLON = re.compile(rf"{_SPACE}+:|(?<=[^\W\d_]):(?=\s)")
_FR_OPEN = re.compile(rf"«{_SPACE}*")
_FR_CLOSE = re.compile(rf"{_SPACE}*»")
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
        text = _APOSTROPHE.sub("’", text)
    if '"' in text:
        text = _curly_doubles(text, language, after)
    text = repaired(text)
    if language == "fr":
        return french_spacing(text)
    if " " in text or NBSP in text or NNBSP in text:
        text = _EN_SPACE_BEFORE.sub(r"\1", text)
    return text


def repaired(text: str) -> str:
    """Glitches of a source that no language wants: ``».Cette`` (a missing space after a sentence),
    three dots for an ellipsis, runs of spaces."""
    if "..." in text:
        text = _ELLIPSIS.sub("…", text)
    if "  " in text:
        text = _RUNS.sub(" ", text)
    return _GLUED.sub(_unglued, text)


def _unglued(m: re.Match[str]) -> str:
    if m.group(1) is not None:
        return f"{m.group(1)}{m.group(2)} "
    return f"{m.group(3)} "


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


def french_spacing(text: str) -> str:
    """The no-break spaces of French punctuation, added where missing and made the right kind where
    a plain or wrong one was typed: narrow before ; ! ? %, normal before : and inside « »."""
    if ";" in text or "!" in text or "?" in text or "%" in text:
        text = _FR_NARROW.sub(NNBSP + r"\1", text)
        text = _FR_GLUED.sub(NNBSP + r"\1", text)
    if ":" in text:
        text = _FR_COLON.sub(NBSP + ":", text)
    if "«" in text:
        text = _FR_OPEN.sub("«" + NBSP, text)
    if "»" in text:
        text = _FR_CLOSE.sub(NBSP + "»", text)
    return text


__all__ = ["NBSP", "NNBSP", "base", "french_spacing", "repaired", "typeset"]
