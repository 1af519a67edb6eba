"""What the readers hand to the importer: neutral items, whatever the source (WXR or RSS/Atom).

    wxr.read_export ──items_from_export──┐
                                         ├──> SourceItem ──importer.plan_import──> FileChange ──writer──> content/
    feed.read_feed  ──items_from_feed────┘

Bodies are already converted to safe Markdown when an item is made, so the importer only decides
where each item goes and whether a file may be written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SourceAuthor:
    """A person named by the source: a WordPress user or a feed entry's author."""

    login: str
    """What the source calls them (author_login, or the name when a feed gives nothing else)."""
    name: str
    url: str = ""


@dataclass(frozen=True, slots=True)
class Conversion:
    """An HTML body turned into Markdown, with what the conversion could not handle."""

    markdown: str
    unknown_shortcodes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One post or entry, ready to become a piece."""

    source_id: str
    """Stable id of the original (WordPress guid, feed entry id): re-imports match on it."""
    where: str
    """How to find it in the source, for messages: 'item 12 (line 340)' or 'entry 3'."""
    title: str
    body: str
    """Markdown, converted from sanitised HTML."""
    date: dt.datetime
    """Aware UTC instant."""
    kind: str = "post"
    """post or page (WordPress pages may go to another type, or be skipped)."""
    date_guessed: bool = False
    """True when the source gave no date of its own (a re-import then keeps the piece's date)."""
    updated: dt.datetime | None = None
    slug_hint: str = ""
    authors: tuple[SourceAuthor, ...] = ()
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    summary: str = ""
    link: str | None = None
    """The original's public URL (canonical_url and source_url)."""
    cover: str | None = None
    cover_alt: str = ""
    draft: bool = False
    lang: str | None = None
    unknown_shortcodes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    """Things the user should know about this item (password-protected, title made up...)."""


@dataclass(frozen=True)
class SourceBatch:
    """Everything one source gave: the items to import, and what was left out and why."""

    name: str
    """The export or feed as the user named it (a path or a URL)."""
    items: tuple[SourceItem, ...]
    skipped: tuple[str, ...] = ()
    """One line per item left out ('item 7 "Menu": nav_menu_item, not content')."""
    notes: tuple[str, ...] = ()
    lang: str | None = None
    authors: tuple[SourceAuthor, ...] = field(default_factory=tuple)
    """Authors declared by the source (WordPress wp:author), in order."""


__all__ = ["Conversion", "SourceAuthor", "SourceBatch", "SourceItem"]
