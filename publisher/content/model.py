"""The content model: what a piece is once its file has been read and validated."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Author:
    """A person who writes pieces, from the authors file."""

    key: str
    name: str
    role: str = ""
    avatar: str = ""
    url: str = ""
    bio: str = ""
    handles: dict[str, str] = field(default_factory=dict)
    """Network -> handle: x (@name), linkedin (profile URL or vanity name), mastodon (@me@host), bluesky."""
    roles: dict[str, str] = field(default_factory=dict)
    """Language -> role, when the authors file gives one per language (``role`` is the site's)."""
    bios: dict[str, str] = field(default_factory=dict)
    """Language -> biography, likewise."""

    def role_in(self, lang: str) -> str:
        """The role a page in ``lang`` shows: in that language (or its base language), else ``role``."""
        return self.roles.get(lang) or self.roles.get(lang.split("-")[0]) or self.role

    def bio_in(self, lang: str) -> str:
        return self.bios.get(lang) or self.bios.get(lang.split("-")[0]) or self.bio


@dataclass(frozen=True, slots=True)
class Quote:
    """A pull quote: the words and who said them."""

    text: str
    by: str = ""
    role: str = ""


@dataclass(frozen=True, slots=True)
class CallToAction:
    label: str
    url: str


@dataclass(frozen=True, slots=True)
class Guest:
    """The person interviewed, or the customer of a case study."""

    name: str
    role: str = ""
    organization: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """Where and when an event took place (event reports)."""

    name: str
    location: str = ""
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Piece:
    """One piece of content: a file under content/<type folder>/ with valid front matter."""

    path: Path
    """Absolute path of the Markdown file."""
    src_uri: str
    """Path relative to content/, with forward slashes (articles/digital-sovereignty.md)."""
    type: str
    """Key of the piece's type (article, white_paper...)."""
    folder: str
    """The type's folder under content/ (articles, white-papers...)."""
    slug: str
    title: str
    date: dt.datetime
    """Publication instant, time-zone aware. A date without a time is midnight in the team's zone."""
    lang: str
    body: str
    """The Markdown body without front matter."""
    updated: dt.datetime | None = None
    authors: tuple[str, ...] = ()
    byline: str = ""
    """"Name, role" of the piece's one author (empty when it has none or several): who speaks when
    the piece is told in the first person."""
    team: dict[str, str] = field(default_factory=dict)
    """Name -> role in the piece's language of everyone in the authors file (one dict shared by the pieces
    of a language): a quote of a colleague is signed as authors.yml presents them."""
    summary: str = ""
    summary_from_body: bool = False
    """The front matter gave no summary: the loader took the body's first paragraph."""
    tags: tuple[str, ...] = ()
    translation: str | None = None
    """Key (folder/slug) of the same piece in another language."""
    draft: bool = False
    cover: str | None = None
    """Cover image: a path relative to content/ (articles/img/x.jpg) or an absolute URL."""
    cover_alt: str = ""
    canonical_url: str | None = None
    takeaways: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    campaign: str | None = None
    evergreen: bool | None = None
    """True: recycled, dated sentences included (opted in); False: never recycled (front matter, or its
    type, such as event reports); None: recycled without its dated sentences."""
    thread: bool | None = None
    """The front matter's `thread:` (None: its type's `thread` setting decides)."""
    social: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Hand-written posts per network (x, mastodon, bluesky, linkedin)."""
    pdf: str | None = None
    """A downloadable PDF, path relative to content/ or absolute URL (landing pages)."""
    cta: CallToAction | None = None
    guest: Guest | None = None
    event: Event | None = None
    source_id: str | None = None
    """Identifier of the original when the piece was imported (WordPress guid, feed entry id)."""
    source_url: str | None = None
    word_count: int = 0
    reading_minutes: int = 1
    extra: dict[str, object] = field(default_factory=dict)
    """Front matter keys the publisher does not use (Material's hide, icon...), kept for the theme."""

    @property
    def key(self) -> str:
        """Stable identifier of the piece: <type folder>/<slug>."""
        return f"{self.folder}/{self.slug}"

    @property
    def url(self) -> str:
        """Site-relative URL of the piece's page, with a trailing slash."""
        return f"{self.folder}/{self.slug}/"

    def is_visible(self, now: dt.datetime, *, drafts: bool = False) -> bool:
        """Published at ``now``: not a draft (unless ``drafts``) and not dated in the future."""
        if self.draft and not drafts:
            return False
        return drafts or self.date <= now


@dataclass(frozen=True)
class Library:
    """Every piece and author, valid and cross-checked. Pieces are sorted newest first."""

    pieces: tuple[Piece, ...]
    authors: dict[str, Author]
    warnings: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Piece]:
        return iter(self.pieces)

    def __len__(self) -> int:
        return len(self.pieces)

    def get(self, ref: str) -> Piece | None:
        """Find a piece by key (folder/slug), slug, or src path (folder/slug.md)."""
        ref = ref.strip().strip("/")
        if ref.endswith(".md"):
            for p in self.pieces:
                if p.src_uri == ref or p.src_uri.endswith("/" + ref) or str(p.path).endswith(ref):
                    return p
            ref = ref[:-3]
        by_key = self._by_key()
        if ref in by_key:
            return by_key[ref]
        matches = [p for p in self.pieces if p.slug == ref]
        return matches[0] if len(matches) == 1 else None

    def _by_key(self) -> dict[str, Piece]:
        cache = self.__dict__.get("_key_cache")
        if cache is None:
            cache = {p.key: p for p in self.pieces}
            object.__setattr__(self, "_key_cache", cache)
        return cache

    def visible(self, now: dt.datetime, *, drafts: bool = False) -> list[Piece]:
        return [p for p in self.pieces if p.is_visible(now, drafts=drafts)]

    def of_type(self, type_key: str, pieces: Iterable[Piece] | None = None) -> list[Piece]:
        return [p for p in (self.pieces if pieces is None else pieces) if p.type == type_key]

    def translation_of(self, piece: Piece) -> Piece | None:
        return self._by_key().get(piece.translation) if piece.translation else None
