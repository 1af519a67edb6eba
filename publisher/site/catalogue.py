"""What one build publishes: the visible pieces, grouped by type, tag and author, computed once.

Pure: the build instant and whether drafts show are arguments, never read from the clock here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from publisher.content import Library, Piece
from publisher.site.related import TagIndex, index_tags


@dataclass
class Catalogue:
    """Pieces of one build, each list newest first."""

    now: dt.datetime
    serving: bool
    pieces: list[Piece]
    """Everything shown: published pieces, plus drafts and scheduled ones when serving."""
    by_src: dict[str, Piece]
    """src_uri (relative to content/) -> visible piece."""
    hidden_src: set[str]
    """src_uri of pieces left out of this build (drafts, scheduled)."""
    by_type: dict[str, list[Piece]]
    by_author: dict[str, list[Piece]]
    tags: TagIndex
    feed_pieces: list[Piece] = field(default_factory=list)
    """Pieces feeds may list: published ones only, even when serving."""

    def is_published(self, piece: Piece) -> bool:
        """Would this piece be in a real build (not a draft, not in the future)?"""
        return piece.is_visible(self.now)

    def status(self, piece: Piece) -> str:
        """'' when published, else 'draft' or 'scheduled' (only possible when serving)."""
        if piece.draft:
            return "draft"
        return "" if piece.date <= self.now else "scheduled"


def build_catalogue(library: Library, *, now: dt.datetime, serving: bool, types: list[str]) -> Catalogue:
    """Select what a build at ``now`` shows; drafts and future pieces only when ``serving``."""
    visible = library.visible(now, drafts=serving)
    shown = {p.src_uri for p in visible}
    by_type: dict[str, list[Piece]] = {key: [] for key in types}
    by_author: dict[str, list[Piece]] = {}
    for piece in visible:
        by_type.setdefault(piece.type, []).append(piece)
        for author in piece.authors:
            by_author.setdefault(author, []).append(piece)
    return Catalogue(
        now=now,
        serving=serving,
        pieces=visible,
        by_src={p.src_uri: p for p in visible},
        hidden_src={p.src_uri for p in library.pieces if p.src_uri not in shown},
        by_type=by_type,
        by_author=by_author,
        tags=index_tags(visible),
        feed_pieces=[p for p in visible if p.is_visible(now)] if serving else visible,
    )


__all__ = ["Catalogue", "build_catalogue"]
