"""The text of an imported piece, and the fingerprint that tells a re-import whether it was edited.

Why a hash in the front matter rather than a state file under .publisher/: .publisher/ is
git-ignored and local to one machine, while the piece travels through git. A colleague on another
clone (or CI) re-importing the same blog must still know which pieces were edited by hand and
leave them alone. The fingerprint is the SHA-256 of the file as written (without its own line),
so any edit to the title, the body or any field, by anyone, is seen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from publisher.content.piece_text import piece_text
from publisher.feeds.model import SourceItem

HASH_FIELD = "import_hash"
_HASH_LINE = re.compile(rf"^{HASH_FIELD}:[ \t]*['\"]?([^\s'\"]*)['\"]?[ \t]*\n", re.M)
_FRONT_END = re.compile(r"\A---[ \t]*\n.*?\n(?=---[ \t]*\n)", re.S)


@dataclass(frozen=True, slots=True)
class PieceFields:
    """What the importer decided beyond the item itself: author keys, language, a kept date."""

    authors: tuple[str, ...] = ()
    lang: str | None = None
    date: dt.datetime | None = None
    """Overrides the item's date (a re-import keeps the piece's date when the source gave none)."""


def front_matter(item: SourceItem, fields: PieceFields, zone: ZoneInfo) -> dict[str, Any]:
    """The front matter of an imported piece, in a stable, readable order."""
    meta: dict[str, Any] = {"title": item.title, "date": _local(fields.date or item.date, zone)}
    if item.updated:
        meta["updated"] = _local(item.updated, zone)
    if fields.authors:
        meta["authors"] = list(fields.authors)
    if item.summary:
        meta["summary"] = item.summary
    if item.tags:
        meta["tags"] = list(item.tags)
    if item.categories:
        meta["categories"] = list(item.categories)
    if fields.lang:
        meta["lang"] = fields.lang
    if item.draft:
        meta["draft"] = True
    if item.cover:
        meta["cover"] = item.cover
        if item.cover_alt:
            meta["cover_alt"] = item.cover_alt
    if item.link:
        meta["canonical_url"] = item.link
        meta["source_url"] = item.link
    meta["source_id"] = item.source_id
    return meta


def _local(when: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """An instant shown in the team's zone with its offset: exact, and readable by the team."""
    return when.astimezone(zone).replace(microsecond=0)


def render(meta: dict[str, Any], body: str) -> str:
    """The whole file, fingerprint included."""
    text = piece_text(meta, body)
    return _insert_hash(text, fingerprint(text))


def fingerprint(text: str) -> str:
    """The fingerprint of a file's text, ignoring its own import_hash line and line-ending style."""
    text = text.replace("\r\n", "\n")
    m = _FRONT_END.match(text)
    if m:
        text = _HASH_LINE.sub("", m.group(0), count=1) + text[m.end():]
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def stored_fingerprint(text: str) -> str | None:
    """The import_hash written in a file's front matter, if any."""
    m = _FRONT_END.match(text.replace("\r\n", "\n"))
    if not m:
        return None
    found = _HASH_LINE.search(m.group(0))
    return found.group(1) if found else None


def is_untouched(text: str) -> bool:
    """True when the file is exactly as the importer wrote it (nobody edited it since)."""
    stored = stored_fingerprint(text)
    return stored is not None and stored == fingerprint(text)


def _insert_hash(text: str, value: str) -> str:
    m = _FRONT_END.match(text)
    if m is None:  # cannot happen: render() always writes front matter
        return text
    return f"{m.group(0)}{HASH_FIELD}: {value}\n{text[m.end():]}"


__all__ = ["HASH_FIELD", "PieceFields", "fingerprint", "front_matter", "is_untouched", "render",
           "stored_fingerprint"]
