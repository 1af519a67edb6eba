"""Hashtags from a piece's tags and its campaign, the same spelling on every network."""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
_IN_TEXT = re.compile(r"(?<!\S)#(\w+)")


@lru_cache(maxsize=4096)
def hashtag_for(tag: str) -> str | None:
    """``cloud souverain`` -> ``#CloudSouverain``: words joined, each capitalised (easier to read,
    and screen readers say the words). None when nothing is left or only digits (not a hashtag)."""
    words = _WORD.findall(tag)
    joined = "".join(w[:1].upper() + w[1:] for w in words)
    if not joined or joined.isdigit():
        return None
    return "#" + joined


def campaign_hashtag(key: str, configured: str | None = None) -> str | None:
    """The campaign's hashtag: the configured one as written (a '#' added if missing; joined into one
    word if it has spaces or hyphens), else one made from the key."""
    if configured:
        word = configured.strip().lstrip("#")
        return "#" + word if re.fullmatch(r"\w+", word) else hashtag_for(word)
    return hashtag_for(re.sub(r"[-_]+", " ", key))


def already_in(text: str) -> set[str]:
    """Hashtags written in ``text``, lowercased, with their '#'."""
    return {"#" + m.lower() for m in _IN_TEXT.findall(text)} if "#" in text else set()


def pick(tags: tuple[str, ...], campaign: str | None, text: str, limit: int) -> tuple[str, ...]:
    """Hashtags to add to ``text``: the campaign's first (kept on every network), then the tags',
    skipping those already in the text or repeated, at most ``limit`` in all (the campaign's is
    kept even when ``limit`` is 0: it is what ties the campaign together)."""
    seen = already_in(text)
    out: list[str] = []
    used = 0
    if campaign:
        used = 1
        if campaign.lower() not in seen:
            out.append(campaign)
            seen.add(campaign.lower())
    for tag in tags:
        if used >= limit:
            break
        tagged = hashtag_for(tag)
        if tagged and tagged.lower() not in seen:
            out.append(tagged)
            seen.add(tagged.lower())
            used += 1
    return tuple(out)


__all__ = ["already_in", "campaign_hashtag", "hashtag_for", "pick"]
