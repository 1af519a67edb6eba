"""Deciding what an import does to content/, then doing it (or, with --dry-run, only saying so).

For every item: a piece with the same source_id already exists -> compare. Same text: nothing to
do. Text differs and the piece is exactly as last imported (its fingerprint matches): update it.
Text differs and someone edited the piece: leave it, and report it when the source changed too.
No such piece -> a new file content/<type folder>/<slug>.md, the slug made unique in its folder
with -2, -3... in the order of the source, so the same export always gives the same names.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from publisher.config.options import parse_when
from publisher.content.loader import LoadContext
from publisher.content.text import slugify
from publisher.errors import ImportProblems, Problem
from publisher.feeds.authors_file import AuthorsPlan, plan_authors
from publisher.feeds.model import SourceBatch, SourceItem
from publisher.feeds.piece_file import (
    PieceFields,
    fingerprint,
    front_matter,
    is_untouched,
    render,
    stored_fingerprint,
)
from publisher.feeds.writer import (
    ContentIndex,
    Staged,
    read_authors,
    scan_content,
    unique_slug,
    validate,
    write_atomically,
)

ACTIONS = ("create", "update", "unchanged", "kept", "conflict")


@dataclass(frozen=True, slots=True)
class FileChange:
    """What the import does with one item."""

    item: SourceItem
    path: Path
    folder: str
    action: str
    """create | update | unchanged | kept (edited here, source unchanged) | conflict (both changed)."""
    text: str


@dataclass
class ImportResult:
    """The whole import: every change, the authors added, and what the user should read."""

    source: str
    changes: list[FileChange]
    authors: AuthorsPlan
    authors_path: Path
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unknown_shortcodes: dict[str, list[str]] = field(default_factory=dict)
    written: bool = False

    def of(self, action: str) -> list[FileChange]:
        return [c for c in self.changes if c.action == action]

    @property
    def to_write(self) -> list[FileChange]:
        return [c for c in self.changes if c.action in ("create", "update")]


def plan_import(batch: SourceBatch, ctx: LoadContext, *, folder_for: dict[str, str], authors_file: str,
                index: ContentIndex | None = None) -> ImportResult:
    """Decide every change without writing anything. ``folder_for`` maps 'post'/'page' to type folders."""
    index = index if index is not None else scan_content(ctx.docs_dir, [t.folder for t in ctx.types.values()])
    authors_path = ctx.docs_dir / authors_file
    existing_authors, authors_text = read_authors(authors_path, ctx.shown(authors_path))
    people = [a for item in batch.items for a in item.authors]
    authors = plan_authors(people, existing_authors, authors_text, shown_as=ctx.shown(authors_path),
                           source=Path(batch.name).name if "://" not in batch.name else batch.name)
    result = ImportResult(batch.name, [], authors, authors_path, list(batch.skipped), list(batch.notes))
    lang, lang_note = _language(batch.lang, ctx)
    if lang_note:
        result.notes.append(lang_note)
    seen: set[str] = set()
    shortcodes: dict[str, list[str]] = defaultdict(list)
    for item in batch.items:
        if item.source_id in seen:
            result.skipped.append(f'{item.where} "{item.title}": same source id as an earlier item ({item.source_id})')
            continue
        seen.add(item.source_id)
        for name in item.unknown_shortcodes:
            shortcodes[name].append(item.where)
        item_lang, _ = _language(item.lang, ctx) if item.lang else (lang, None)
        keys = tuple(dict.fromkeys(authors.keys[a] for a in item.authors if a in authors.keys))
        result.changes.append(_change(item, index, ctx, folder_for.get(item.kind, folder_for["post"]),
                                      PieceFields(keys, item_lang)))
    result.unknown_shortcodes = dict(shortcodes)
    return result


def _language(code: str | None, ctx: LoadContext) -> tuple[str | None, str | None]:
    """The piece language for a source language: written only when it is a configured one and not the default."""
    if not code:
        return None, None
    short = code.replace("_", "-").split("-")[0].strip().lower()
    if short == ctx.default_lang:
        return None, None
    if short in ctx.languages:
        return short, None
    return None, (f"the source's language {code!r} is not among the configured languages "
                  f"({', '.join(ctx.languages)}); pieces use the default {ctx.default_lang!r}")


def _change(item: SourceItem, index: ContentIndex, ctx: LoadContext, folder: str, fields: PieceFields) -> FileChange:
    existing = index.by_source.get(item.source_id)
    if existing is None:
        slug = unique_slug(index, folder, item.slug_hint or slugify(item.title))
        path = ctx.docs_dir / folder / f"{slug}.md"
        return FileChange(item, path, folder, "create", render(front_matter(item, fields, ctx.zone), item.body))
    if item.date_guessed:
        fields = PieceFields(fields.authors, fields.lang, _existing_date(existing.meta) or item.date)
    text = render(front_matter(item, fields, ctx.zone), item.body)
    current = existing.text
    if current == text:
        action = "unchanged"
    elif is_untouched(current):
        action = "update"
    elif stored_fingerprint(current) == fingerprint(text):
        action = "kept"  # edited here since the import, and the source has not changed
    else:
        action = "conflict"
    return FileChange(item, existing.path, existing.folder, action, text)


def _existing_date(meta: dict[str, Any]) -> dt.datetime | None:
    value = parse_when(meta.get("date"))  # front matter dates are read as text (config.yaml_text)
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    return None


def apply_import(result: ImportResult, ctx: LoadContext, *, authors_file: str, dry_run: bool = False) -> ImportResult:
    """Validate every file the import would write, then write them all (unless ``dry_run``)."""
    staged = [Staged(c.path, c.folder, c.text) for c in result.to_write]
    validate(staged, result.authors.text, ctx, authors_file)
    if dry_run:
        return result
    if result.authors.text is not None:
        write_atomically(result.authors_path, result.authors.text)
    for change in result.to_write:
        write_atomically(change.path, change.text)
    result.written = True
    return result


def check_folder(type_or_folder: str, ctx: LoadContext, *, option: str) -> str:
    """The type folder for a --type/--pages value (a type key such as white_paper, or its folder)."""
    key = ctx.type_key(type_or_folder)
    if key is None:
        raise ImportProblems([Problem(option, "", f"expected one of the configured types "
                                      f"({', '.join(ctx.types)}), got {type_or_folder!r}")])
    return ctx.types[key].folder


__all__ = ["ACTIONS", "FileChange", "ImportResult", "apply_import", "check_folder", "plan_import"]
