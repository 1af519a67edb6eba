"""Related pieces by shared tags, through a tag index so the cost stays linear in the number of pieces.

Comparing every piece with every other is O(N²); instead each piece looks only at its neighbours
in date order within each of its tags (a bounded window), which also favours pieces of its time.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from publisher.content import Piece
from publisher.content.text import slugify

WINDOW = 40
"""How many neighbours on each side a piece looks at in each of its tags."""


@dataclass
class TagIndex:
    """Pieces (newest first) and, per tag slug, the positions of the pieces carrying it."""

    pieces: Sequence[Piece]
    by_tag: dict[str, list[int]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    """Tag slug -> the tag as first written."""
    position: dict[str, int] = field(default_factory=dict)
    """Piece key -> its position in ``pieces``."""
    keys: list[str] = field(default_factory=list)
    """Piece keys by position (Piece.key is computed on each access)."""


@lru_cache(maxsize=4096)
def tag_slug(tag: str) -> str:
    """The URL name of a tag; cached, as every page asks for the same few tags again and again."""
    return slugify(tag)


def index_tags(pieces: Sequence[Piece]) -> TagIndex:
    """Build the index in one pass; ``pieces`` must be sorted newest first."""
    index = TagIndex(pieces)
    for pos, piece in enumerate(pieces):
        index.position[piece.key] = pos
        index.keys.append(piece.key)
        for tag in piece.tags:
            slug = tag_slug(tag)
            index.names.setdefault(slug, tag)
            positions = index.by_tag.setdefault(slug, [])
            if not positions or positions[-1] != pos:  # two spellings of one tag count once
                positions.append(pos)
    return index


def related(index: TagIndex, piece: Piece, limit: int, *, window: int = WINDOW) -> list[Piece]:
    """Up to ``limit`` pieces sharing the most tags with ``piece``.

    Ties go to pieces in the same language, then to the closest in date. The piece's own
    translation is left out: it is offered by the language switch already.
    """
    pos = index.position.get(piece.key)
    if pos is None or limit <= 0:
        return []
    scores: dict[int, int] = {}
    for slug in {tag_slug(t) for t in piece.tags}:
        positions = index.by_tag.get(slug, [])
        at = bisect_left(positions, pos)
        for other in positions[max(0, at - window): at + window + 1]:
            if other != pos:
                scores[other] = scores.get(other, 0) + 1
    candidates = [
        (-score, index.pieces[other].lang != piece.lang, abs(other - pos), other)
        for other, score in scores.items()
        if index.keys[other] != piece.translation and index.pieces[other].translation != piece.key
    ]
    candidates.sort()
    return [index.pieces[other] for *_, other in candidates[:limit]]


__all__ = ["WINDOW", "TagIndex", "index_tags", "related", "tag_slug"]
