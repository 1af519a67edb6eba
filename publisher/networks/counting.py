"""How each network counts a post (the rule its descriptor names in ``counts``) and the shapes its API wants.

    rule            networks         counted with
    twitter-text    x                twitter-text-parser (parse_tweet().weightedLength): URL = 23, CJK/emoji 2
    mastodon        mastodon         Mastodon.get_status_length: graphemes, URL = 23
    graphemes       bluesky          graphemeu; links count as their shown label (plus a byte limit)
    characters      linkedin, ...    plain length (LinkedIn: of the escaped "little text")
    utf8-emoji      threads          one per character, an emoji as many as its UTF-8 bytes

The libraries are the authority, but twitter-text takes ~4 ms a call and graphemeu ~0.5 ms: a plan
of 200,000 posts cannot afford them for every text. Most texts are plain Latin prose, where every
code point is one grapheme and its X weight is known from twitter-text's own ranges, so `measure`
counts those directly and hands anything else (emoji, CJK, combining marks, bare domains, odd URLs)
to the library. tests/test_render.py checks the shortcut against the libraries on many texts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from publisher.networks.registry import network as descriptor

URL_WEIGHT = 23
"""What a URL counts on X and Mastodon, whatever its length."""
RULES = ("twitter-text", "mastodon", "graphemes", "characters", "utf8-emoji")
NO_BYTE_LIMIT = 1 << 62

# Code points that are each one grapheme, unchanged by NFC, never part of an emoji, and whose X weight
# is known: Latin letters and punctuation, typographic quotes, dashes, NBSP and narrow NBSP, ellipsis,
# the euro sign (a title's "2 M€" is under every excerpt of its piece), and the arrow between a piece's
# title and its link (U+2192, not an emoji: U+2194-2199 are).
_SIMPLE = re.compile(r"[\n\x20-\x7e\xa0-\xa8\xaa-\xad\xaf-\u024f\u2010-\u2027\u202f-\u203b\u20ac\u2192]*")
# Among those, the ones outside twitter-text's weight-1 ranges (0-4351, 8192-8205, 8208-8223, 8242-8247).
_X_HEAVY = re.compile(r"[\u2020-\u2027\u202f\u2030\u2031\u2038-\u203b\u20ac\u2192]")
# A whitespace-delimited URL made of plain characters, ending on a character no network trims.
_URL_TOKEN = re.compile(r"(?<!\S)https?://([A-Za-z0-9.-]+)(?::\d{1,5})?(?:[/?#][A-Za-z0-9\-._~/?#&=%+]*)?"
                        r"(?<=[A-Za-z0-9/=_])(?!\S)")
# Something twitter-text might link without a scheme (example.com) or a URL the token did not take.


@lru_cache(maxsize=256)
def rule(network: str) -> str:
    """The counting rule of ``network`` (UnknownNetwork for a network no descriptor describes)."""
    found = descriptor(network).counts
    if found not in RULES:
        raise ValueError(f"network {network!r} counts by {found!r}; expected one of {', '.join(RULES)}")
    return found


def limit_for(network: str, spec: Any = None) -> int:
    """The length limit of ``network``, or the channel's ``max_characters`` when it sets one."""
    override = getattr(spec, "max_characters", None) if spec is not None else None
    if override:
        return int(override)
    return descriptor(network).limit


def unit(network: str) -> str:
    """What the limit of ``network`` counts, as a message says it."""
    return descriptor(network).unit


@lru_cache(maxsize=256)
def max_bytes(network: str) -> int:
    """The network's second limit in UTF-8 bytes (Bluesky: 3000); a huge number when it has none."""
    return descriptor(network).max_bytes or NO_BYTE_LIMIT


def fits(network: str, length: int, limit: int, size: int) -> bool:
    """A post of ``length`` (as the network counts) and ``size`` UTF-8 bytes within both limits."""
    return length <= limit and size <= max_bytes(network)


def too_long(network: str, length: int, limit: int, size: int) -> str:
    """Why a post does not fit, in the network's own unit."""
    if length > limit:
        return f"too long for {network}: {length} {unit(network)}, limit {limit} (with the link)"
    return f"too long for {network}: {size} bytes, limit {max_bytes(network)}"


def measure(network: str, text: str) -> int:
    """Length of ``text`` as ``network`` counts it (Bluesky: graphemes; its byte limit is `fits`'s)."""
    fast = quick_length(network, text)
    return fast if fast is not None else _library_length(network, text)


def measure_post(network: str, head: str, tail: str) -> int:
    """``measure(network, head + "\n\n" + tail)``, from the lengths of the two parts when both are
    plain (the shortcut adds up exactly across a line break), so a body shared by many posts and a
    tail shared by many bodies are each counted once."""
    if not tail:
        return measure(network, head)
    a, b = quick_length(network, head), quick_length(network, tail)
    if a is not None and b is not None:
        return a + 2 + b
    return measure(network, f"{head}\n\n{tail}")


def utf8_size(text: str) -> int:
    """UTF-8 size of a post text (Bluesky's second limit)."""
    return len(text.encode("utf-8"))


def is_plain(text: str) -> bool:
    """True when every character is one grapheme with a known X weight (the shortcut applies)."""
    if text.isascii():  # a flag CPython keeps on every string: free
        # Only controls are not printable in ASCII, and the only plain one is the line break.
        return text.isprintable() or text.replace("\n", "").isprintable()
    return _SIMPLE.fullmatch(text) is not None


def _x_heavy(text: str) -> int:
    """How many characters of a plain text weigh 2 on X (typographic signs past U+201F)."""
    return 0 if text.isascii() else len(_X_HEAVY.findall(text))


def _maybe_link(text: str) -> bool:
    """Might twitter-text see a link here (a scheme, or a dot before a letter as in example.com)?"""
    if "://" in text:
        return True
    dot = text.find(".")
    while dot != -1:
        if text[dot + 1:dot + 2].isalpha():
            return True
        dot = text.find(".", dot + 1)
    return False


def plain_lengths(text: str) -> dict[str, int] | None:
    """The length of a link-free plain text by every counting rule in one pass, keyed by rule (None
    when the shortcut does not apply; ``mastodon`` is left out when the text has an @)."""
    if not is_plain(text) or _maybe_link(text):
        return None
    n = len(text)
    found = {"twitter-text": n + _x_heavy(text), "graphemes": n, "characters": n, "utf8-emoji": n}
    if "@" not in text:
        found["mastodon"] = n
    return found


@lru_cache(maxsize=65536)
def quick_length(network: str, text: str) -> int | None:
    """The length by the shortcut, or None when only the network's library can tell."""
    how = rule(network)
    if how == "twitter-text":
        fast = _plain_length(text, _x_links_host, _maybe_link)
        return None if fast is None else len(fast[0]) + _x_heavy(fast[0]) + fast[1]
    if how == "mastodon":
        if "@" in text:  # mentions of remote accounts count without their domain
            return None
        fast = _plain_length(text, _mastodon_links_host, _has_scheme)
        return None if fast is None else len(fast[0]) + fast[1]
    if how == "graphemes":
        return len(text) if is_plain(text) else None
    if how == "utf8-emoji":
        return len(text) if text.isascii() else utf8_emoji_length(text)
    return len(text)


@lru_cache(maxsize=4096)
def _library_length(network: str, text: str) -> int:
    how = rule(network)
    if how == "twitter-text":
        return _parse_tweet(text)
    if how == "mastodon":
        from mastodon import Mastodon

        return int(Mastodon.get_status_length(text))
    if how == "graphemes":
        import grapheme

        return int(grapheme.length(text))
    if how == "utf8-emoji":
        return utf8_emoji_length(text)
    return len(text)


# Emoji and the code points that build them (skin tones, joiners, variation selectors, tags, keycaps).
_EMOJI = re.compile("[\u00a9\u00ae\u203c\u2049\u20e3\u2122\u2139\u2194-\u21aa\u231a-\u23ff"
                    "\u24c2\u25aa-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299"
                    "\u200d\ufe0e\ufe0f\U0001f000-\U0001faff\U000e0020-\U000e007f]")


def utf8_emoji_length(text: str) -> int:
    """Threads' count: one per character, but an emoji (with its joiners and modifiers) as its UTF-8 bytes.

    Meta's documentation: "Text posts are limited to 500 characters. Emojis are counted as the number
    of UTF-8 bytes". 👍 counts 4, ❤️ (U+2764 U+FE0F) 6, a family joined by ZWJ every byte of it.
    """
    extra = 0
    for m in _EMOJI.finditer(text):
        extra += len(m.group().encode("utf-8")) - 1
    return len(text) + extra


def _has_scheme(text: str) -> bool:
    return "://" in text  # Mastodon links only URLs with a scheme


def _plain_length(text: str, links: Any, maybe_link: Any) -> tuple[str, int] | None:
    """(text without its URLs, weight of its URLs) when the shortcut is exact, else None."""
    if not is_plain(text):
        return None
    if "://" not in text:
        return None if maybe_link(text) else (text, 0)
    parts: list[str] = []
    pos = weight = 0
    for m in _URL_TOKEN.finditer(text):
        linked = links(m.group(1).lower())
        if linked is None:
            return None
        if not linked and _maybe_link(m.group()[m.end(1) - m.start():]):
            return None  # a path such as /x.com that twitter-text might link on its own
        parts.append(text[pos:m.start()])
        # A linked URL weighs 23; on a host the network does not link (unknown TLD such as
        # .example) it counts as written, one per (ASCII) character.
        pos, weight = m.end(), weight + (URL_WEIGHT if linked else len(m.group()))
    parts.append(text[pos:])
    remainder = "".join(parts)
    if maybe_link(remainder):
        return None
    return remainder, weight


def _parse_tweet(text: str) -> int:
    import twitter_text

    return int(twitter_text.parse_tweet(text).weightedLength)


@lru_cache(maxsize=1024)
def _x_links_host(host: str) -> bool | None:
    """Does X make a URL on this host a 23-weight link (True), leave it as text (False, an unknown
    TLD such as .example), or something else (None: let the library count)?"""
    return _host_kind(host, _parse_tweet)


@lru_cache(maxsize=1024)
def _mastodon_links_host(host: str) -> bool | None:
    from mastodon import Mastodon

    return _host_kind(host, Mastodon.get_status_length)


def _host_kind(host: str, count: Any) -> bool | None:
    probe = f"https://{host}/a"
    found = int(count(probe))
    return True if found == URL_WEIGHT else (False if found == len(probe) else None)


# Shapes ------------------------------------------------------------------------------------------


def display_url(url: str) -> str:
    """A URL as a reader wants to see it: no scheme, no www., no query or fragment, no final slash."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    return (host + parts.path).rstrip("/")


_SEGMENT = re.compile(r"(?P<url>https?://[^\s]+)|(?<!\S)#(?P<tag>\w*[^\W\d]\w*)")
_URL_TRAILING = ".,;:!?)]}»”'\""


def shown_title(text: str, title: str) -> str:
    """The title as the text shows it: an interview's "Karim Benali : « … »" is shown with his role
    after his name ("Karim Benali, chef boulanger, Pains de Garonne : « … »", social.excerpts.placed_title)."""
    if f"\n{title}\n" in f"{text}\n":
        return title
    cut = title.find(":")
    head = title[:cut].rstrip(" \u00a0\u202f") if cut > 0 else ""
    if head:
        tail = title[len(head):]
        for line in text.split("\n"):
            if line.startswith(f"{head}, ") and line.endswith(tail):
                return line
    return title


def bluesky_segments(text: str, link: str | None, title: str = "") -> list[tuple[str, str]]:
    """Cut a rendered Bluesky text into the calls atproto's TextBuilder needs to rebuild it exactly.

    Returns ``(kind, value)`` pairs, in order; joining the shown text of every pair gives ``text``:

    - ``("text", s)``: plain text, shown as ``s`` -> ``builder.text(s)``.
    - ``("link", label)``: a link facet over ``label``, shown as ``label``. When ``label`` starts with
      ``http://`` or ``https://`` it is a URL the author wrote and the facet points at ``label`` itself;
      otherwise ``label`` is `display_url(link)` (the piece URL without scheme or UTM) and the facet
      points at ``link``, the full UTM URL -> ``builder.link(label, uri)``. A text that does not show
      that display URL but ends with the piece's ``title`` on a line of its own (an excerpt followed
      by the title, its card carrying the link: social.tails) has its facet over that title instead.
    - ``("tag", tag)``: a hashtag shown as ``"#" + tag``; the facet's tag is ``tag`` (no ``#``)
      -> ``builder.tag("#" + tag, tag)``.
    """
    label = display_url(link) if link else ""
    fixed = -1  # where the title stands on its own line, when it is the link
    if label and title and _label_at(text, label, 0) < 0:
        title = shown_title(text, title)
        fixed = f"{text}\n".rfind(f"\n{title}\n")
        label, fixed = (title, fixed + 1) if fixed >= 0 else ("", -1)
    out: list[tuple[str, str]] = []
    pos = scan = 0
    while True:
        # The label wins over a URL or a tag starting at the same place (it is found by str.find: every
        # post has its own link, and a pattern compiled per post cost more than the rest of this).
        if fixed >= 0:
            shown = fixed if fixed >= scan else -1
        else:
            shown = _label_at(text, label, scan) if label else -1
        m = _SEGMENT.search(text, scan)
        if m is None and shown < 0:
            break
        if shown >= 0 and (m is None or shown <= m.start()):
            start, end, seg = shown, shown + len(label), ("link", label)
            scan = end
        else:
            assert m is not None
            scan = m.end()
            url, tag = m.group("url"), m.group("tag")
            if url:
                url = url.rstrip(_URL_TRAILING)
                if "." not in url.split("//", 1)[1]:  # not a link Bluesky would make (no domain)
                    continue
                start, end, seg = m.start(), m.start() + len(url), ("link", url)
            else:
                if len(tag) > 64:  # longer tags are not tags on Bluesky
                    continue
                start, end, seg = m.start(), m.end(), ("tag", tag)
        if start > pos:
            out.append(("text", text[pos:start]))
        out.append(seg)
        pos = end
    if pos < len(text):
        out.append(("text", text[pos:]))
    return out


def _label_at(text: str, label: str, start: int) -> int:
    """Where ``label`` next stands on its own at or after ``start`` (not inside a longer word or URL); -1: nowhere."""
    at = text.find(label, start)
    while at >= 0:
        before = text[at - 1] if at else " "
        after = text[at + len(label)] if at + len(label) < len(text) else " "
        if not (before.isalnum() or before in "_/.") and not (after.isalnum() or after in "_/"):
            return at
        at = text.find(label, at + 1)
    return -1


def segment_text(kind: str, value: str) -> str:
    """The text a segment shows (the inverse of `bluesky_segments`, one pair at a time)."""
    return "#" + value if kind == "tag" else value


_LITTLE_RESERVED = re.compile(r"([\\|{}@\[\]()<>#*_~])")
_LITTLE_KEEP = re.compile(r"https?://[^\s]+|(?<!\S)#\w*[^\W\d]\w*")


def _backslashed(m: re.Match[str]) -> str:
    """The reserved character with a backslash before it: what the template r"\\\1" gave. A function is
    cheaper here: with a template, each sub() call goes through re's Python-level _subx and each match
    through its expand_template (Python 3.11), and a plan escapes every LinkedIn candidate and tail
    (~65,000 calls, linkedin_escape 30 % faster on 127,000 corpus texts, the same output)."""
    return "\\" + m.group()


def linkedin_escape(text: str) -> str:
    """Escape LinkedIn "little text": a backslash before \\ | { } @ [ ] ( ) < > # * _ ~.

    Unescaped, LinkedIn silently cuts the post at the first reserved character. Real hashtags
    (``#word`` at the start of a word) and URLs stay as they are, so they keep working.
    """
    if not _LITTLE_RESERVED.search(text):
        return text
    out: list[str] = []
    pos = 0
    for m in _LITTLE_KEEP.finditer(text):
        kept = m.group()
        if kept[0] != "#":
            kept = kept.rstrip(_URL_TRAILING)
        end = m.start() + len(kept)
        out.append(_LITTLE_RESERVED.sub(_backslashed, text[pos:m.start()]))
        out.append(kept)
        pos = end
    out.append(_LITTLE_RESERVED.sub(_backslashed, text[pos:]))
    return "".join(out)


def normalize(text: str) -> str:
    """NFC with Windows line ends made plain, as every network stores a post."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


__all__ = [
    "RULES",
    "URL_WEIGHT",
    "bluesky_segments",
    "display_url",
    "fits",
    "is_plain",
    "limit_for",
    "linkedin_escape",
    "max_bytes",
    "measure",
    "measure_post",
    "normalize",
    "plain_lengths",
    "quick_length",
    "rule",
    "segment_text",
    "shown_title",
    "too_long",
    "unit",
    "utf8_emoji_length",
    "utf8_size",
]
