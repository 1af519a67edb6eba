"""Reading what content/ already holds, validating an import before it is written, writing it safely.

All-or-nothing, in two steps. Every file the import would write is first staged in a temporary
folder and loaded with the real content loader (publisher.content): if any would be invalid,
nothing is written and every problem is reported. Then each file is written atomically (a temp
file beside it, fsync, os.replace), the authors file first so no piece ever names an author that
is not there. A crash between two files leaves whole files only, and running the same import again
finishes the job: it matches pieces on their source id and skips what is already written.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from publisher.content.authors import load_authors
from publisher.content.loader import SKIPPED_NAMES, LoadContext, load_piece, piece_files
from publisher.content.model import Author
from publisher.content.piece_text import read_meta, split_front_matter
from publisher.content.text import slugify
from publisher.errors import ImportProblems, Problem

RESERVED_SLUGS = frozenset(name.removesuffix(".md") for name in SKIPPED_NAMES)


@dataclass(frozen=True, slots=True)
class ExistingPiece:
    path: Path
    folder: str
    text: str
    meta: dict[str, Any]


@dataclass
class ContentIndex:
    """Pieces already under content/: by source id (for matching) and the slugs taken per folder."""

    by_source: dict[str, ExistingPiece] = field(default_factory=dict)
    taken: dict[str, set[str]] = field(default_factory=dict)

    def slug_taken(self, folder: str, slug: str) -> bool:
        return slug in RESERVED_SLUGS or slug in self.taken.get(folder, set())

    def take(self, folder: str, slug: str) -> None:
        self.taken.setdefault(folder, set()).add(slug)


def scan_content(docs_dir: Path, folders: Iterable[str]) -> ContentIndex:
    """Index every piece of the given type folders by its source_id and its slug."""
    index = ContentIndex()
    for path, folder in piece_files(docs_dir, folders):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            index.take(folder, slugify(path.stem))
            continue
        front, _, _ = split_front_matter(text.replace("\r\n", "\n"))
        meta: Any = {}
        if front:
            try:
                meta = read_meta(front) or {}
            except yaml.YAMLError:
                meta = {}
        meta = meta if isinstance(meta, dict) else {}
        slug = meta.get("slug") if isinstance(meta.get("slug"), str) else None
        index.take(folder, slug or slugify(path.stem))
        source_id = meta.get("source_id")
        if isinstance(source_id, str | int) and str(source_id).strip():
            index.by_source.setdefault(str(source_id).strip(), ExistingPiece(path, folder, text, meta))
    return index


def read_authors(path: Path, shown_as: str) -> tuple[dict[str, Author], str | None]:
    """The authors already in the file and its text (None when it does not exist)."""
    authors, problems = load_authors(path, shown_as)
    if problems:
        raise ImportProblems(problems)
    text = path.read_text(encoding="utf-8") if path.exists() else None
    return authors, text


@dataclass(frozen=True, slots=True)
class Staged:
    """One file an import wants to write: where, as which type folder, and its full text."""

    path: Path
    folder: str
    text: str


def validate(files: list[Staged], authors_text: str | None, ctx: LoadContext, authors_file: str) -> None:
    """Load every staged file with the real content loader; raise ImportProblems if any is invalid."""
    root = Path(tempfile.mkdtemp(prefix="publisher-import-"))
    try:
        docs = root / ctx.docs_dir.name
        docs.mkdir()
        authors_path = docs / authors_file
        authors_path.parent.mkdir(parents=True, exist_ok=True)
        source_authors = ctx.docs_dir / authors_file
        if authors_text is not None:
            authors_path.write_text(authors_text, encoding="utf-8")
        elif source_authors.exists():
            shutil.copyfile(source_authors, authors_path)
        staged_ctx = LoadContext(docs_dir=docs, types=ctx.types, languages=ctx.languages,
                                 default_lang=ctx.default_lang, zone=ctx.zone,
                                 words_per_minute=ctx.words_per_minute, root=root)
        staged_ctx.authors, problems = load_authors(authors_path, staged_ctx.shown(authors_path))
        for item in files:
            target = docs / item.path.relative_to(ctx.docs_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(item.text, encoding="utf-8")
            _, found, warnings = load_piece(target, item.folder, staged_ctx)
            problems.extend(found)
            problems.extend(Problem(w.split(": ", 1)[0], "", w.split(": ", 1)[-1]) for w in warnings)
        if problems:
            raise ImportProblems(problems)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def write_atomically(path: Path, text: str) -> None:
    """Write the whole text or nothing: a temp file in the same folder, flushed, then renamed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def unique_slug(index: ContentIndex, folder: str, wanted: str) -> str:
    """``wanted``, or wanted-2, wanted-3... : the first one free in the folder (deterministic)."""
    base = re.sub(r"-{2,}", "-", wanted.strip("-")) or "piece"
    slug, n = base, 1
    while index.slug_taken(folder, slug):
        n += 1
        slug = f"{base}-{n}"
    index.take(folder, slug)
    return slug


__all__ = ["RESERVED_SLUGS", "ContentIndex", "ExistingPiece", "Staged", "read_authors", "scan_content",
           "unique_slug", "validate", "write_atomically"]
