"""Load and validate every piece under content/, collecting all problems before reporting once."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from publisher import urls
from publisher.config.options import collect, shown
from publisher.content import language
from publisher.content import text as textlib
from publisher.content.authors import load_authors
from publisher.content.body_check import body_problems
from publisher.content.frontmatter import MATERIAL_SOCIAL_KEYS, PASS_THROUGH, SLUG_PATTERN, FrontMatter
from publisher.content.model import Author, CallToAction, Event, Guest, Library, Piece, Quote
from publisher.content.piece_text import read_meta, split_front_matter
from publisher.errors import ContentError, Problem

_SLUG = re.compile(SLUG_PATTERN)
_KNOWN = {k for k, _ in FrontMatter._schema}
SKIPPED_NAMES = {"index.md", "readme.md"}


@dataclass
class TypeInfo:
    key: str
    folder: str
    evergreen: bool = True
    """Pieces of this type are recycled as evergreen posts unless they say otherwise."""


@dataclass
class LoadContext:
    """What validating a piece needs to know about the project."""

    docs_dir: Path
    types: dict[str, TypeInfo]
    languages: list[str]
    default_lang: str
    zone: ZoneInfo
    authors: dict[str, Author] = field(default_factory=dict)
    words_per_minute: int = 220
    root: Path | None = None
    teams: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per language, name -> role of every author (`team_in`)."""

    def team_in(self, lang: str) -> dict[str, str]:
        """Every author's name and role in ``lang``, built once per language and shared by its pieces."""
        team = self.teams.get(lang)
        if team is None:
            team = self.teams[lang] = {a.name: a.role_in(lang) for a in self.authors.values() if a.name and a.role_in(lang)}
        return team

    def shown(self, path: Path) -> str:
        """A path as the user knows it: relative to the project when possible."""
        for base in (self.root, self.docs_dir.parent):
            if base is not None:
                try:
                    return path.relative_to(base).as_posix()
                except ValueError:
                    pass
        return str(path)

    def type_key(self, value: str) -> str | None:
        wanted = re.sub(r"[\s-]+", "_", value.strip().lower())
        if wanted in self.types:
            return wanted
        for key, info in self.types.items():
            if info.folder == value.strip().strip("/"):
                return key
        return None


def to_instant(value: dt.date | dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A front matter date as an aware instant: midnight in the team's zone for a plain date."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    return dt.datetime.combine(value, dt.time(0, 0), tzinfo=zone)


def _normalize_material(meta: dict[str, Any], body: str) -> dict[str, Any]:
    """Accept Material blog conventions: date {created, updated}, description, categories, image."""
    meta = dict(meta)
    social = meta.get("social")
    if isinstance(social, dict) and MATERIAL_SOCIAL_KEYS & set(social):
        meta["social"] = {k: v for k, v in social.items() if k not in MATERIAL_SOCIAL_KEYS}
    date = meta.get("date")
    if isinstance(date, dict):
        if "created" in date:
            meta["date"] = date.get("created")
        if date.get("updated") and "updated" not in meta:
            meta["updated"] = date["updated"]
    if "summary" not in meta and isinstance(meta.get("description"), str):
        meta["summary"] = meta["description"]
    if "cover" not in meta and isinstance(meta.get("image"), str):
        meta["cover"] = meta["image"]
    cats = meta.get("categories")
    if cats:
        tags = meta.get("tags") or []
        tags = tags if isinstance(tags, list) else [tags]
        meta["tags"] = tags + [c for c in (cats if isinstance(cats, list) else [cats]) if c not in tags]
    if not meta.get("title"):
        heading = textlib.first_heading(body)
        if heading:
            meta["title"] = heading
    return meta


def _local_asset(ctx: LoadContext, piece_path: Path, ref: str) -> tuple[str | None, bool]:
    """Resolve an image or PDF reference; returns (path relative to content/ or URL, exists)."""
    if urls.scheme_of(ref):  # validation let only http(s) and mailto through
        return ref, True
    target = (ctx.docs_dir / ref.lstrip("/")) if ref.startswith("/") else (piece_path.parent / ref)
    target = target.resolve()
    try:
        rel = target.relative_to(ctx.docs_dir.resolve()).as_posix()
    except ValueError:
        return None, False
    try:
        return rel, target.is_file()
    except OSError:  # a name longer than the file system allows: reported as not found, with its field
        return rel, False


def load_piece(path: Path, folder: str, ctx: LoadContext) -> tuple[Piece | None, list[Problem], list[str]]:
    """Read one file; return the piece (or None) with its problems and warnings."""
    where = ctx.shown(path)
    try:
        raw = path.read_bytes()
        source = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        return None, [Problem(where, "", f"expected UTF-8 text, found byte {raw[e.start]:#04x} that is not UTF-8 "
                              f"at line {line} (save the file as UTF-8)")], []
    except OSError as e:
        return None, [Problem(where, "", f"cannot be read: {e.strerror}")], []
    front, body, first_line = split_front_matter(source.replace("\r\n", "\n"))
    if front is None:
        return None, [Problem(where, "", "expected front matter between '---' lines at the top of the file, found none")], []
    try:
        meta = read_meta(front) or {}
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + first_line}" if mark else ""
        said = " ".join(str(getattr(e, "problem", None) or e).split())  # PyYAML's reader errors span two lines
        return None, [Problem(where, "", f"front matter is not valid YAML{line}: {said}")], []
    if not isinstance(meta, dict):
        return None, [Problem(where, "", f"expected front matter as 'key: value' lines, found {shown(meta)}")], []
    meta = _normalize_material({str(k): v for k, v in meta.items()}, body)

    fm = FrontMatter(config_file_path=str(path))
    fm.load_dict(meta)
    found = collect(fm, strict=False)
    problems = [Problem(where, k, m) for k, m in found]
    body_line = first_line + front.count("\n") + 1
    problems += [Problem(f"{where}:{line}", "body", message) for line, message in body_problems(body, body_line)]
    failed = {k.split(".")[0].split("[")[0] for k, _ in found}
    warnings = [f"{where}: '{k}': unknown field, ignored" for k in meta if k not in _KNOWN and k not in PASS_THROUGH]
    return _build(path, folder, fm, meta, body, where, ctx, problems, warnings, failed)


def _build(path: Path, folder: str, fm: FrontMatter, meta: dict[str, Any], body: str, where: str,
           ctx: LoadContext, problems: list[Problem], warnings: list[str],
           failed: set[str]) -> tuple[Piece | None, list[Problem], list[str]]:
    """Checks that need the project (types, languages, authors, files), then the Piece itself."""
    folder_type = next((k for k, t in ctx.types.items() if t.folder == folder), None)
    type_key = folder_type
    if fm.type and "type" not in failed:
        type_key = ctx.type_key(fm.type)
        if type_key is None:
            problems.append(Problem(where, "type", f"expected one of the configured types ({', '.join(ctx.types)}), got {fm.type!r}"))
        elif folder_type and type_key != folder_type:
            problems.append(Problem(where, "type", f"expected {folder_type!r} for a file in {folder}/, got {fm.type!r} "
                                    f"(move the file to {ctx.types[type_key].folder}/ or fix the type)"))
    lang = (fm.lang if "lang" not in failed else None) or ctx.default_lang
    if not meta.get("lang") and "lang" not in failed:
        guessed = language.guess(f"{fm.title}\n{body}", ctx.languages)
        if guessed and guessed != lang:
            warnings.append(f"{where}: 'lang': missing, and the piece reads as {guessed!r}, not the site's {lang!r}: "
                            f"treated as {guessed!r}; add 'lang: {guessed}' to its front matter to say so")
            lang = guessed
    if lang not in ctx.languages:
        problems.append(Problem(where, "lang", f"expected one of the configured languages ({', '.join(ctx.languages)}), got {lang!r}"))
    for key in fm.authors if "authors" not in failed else []:
        if key not in ctx.authors:
            known = ", ".join(sorted(ctx.authors)) or "none: the authors file is missing or empty"
            problems.append(Problem(where, "authors", f"expected author keys from the authors file ({known}), got {key!r}"))
    slug = (fm.slug if "slug" not in failed else None) or textlib.slugify(path.stem)
    if fm.slug and "slug" not in failed and not _SLUG.fullmatch(fm.slug):
        problems.append(Problem(where, "slug", f"expected lowercase letters and digits joined by hyphens (like my-piece), got {fm.slug!r}"))
    assets: dict[str, str | None] = {}
    for name in ("cover", "pdf"):
        ref = fm[name] if name not in failed else None
        if not ref:
            assets[name] = None
            continue
        resolved, exists = _local_asset(ctx, path, ref)
        if not exists:
            problems.append(Problem(where, name, f"expected an existing file under content/ or a URL, got {ref!r} (no such file)"))
        assets[name] = resolved
    if problems:
        return None, problems, warnings

    words = textlib.word_count(body)
    extra = {k: v for k, v in meta.items() if k not in _KNOWN}
    piece = Piece(
        path=path,
        src_uri=path.relative_to(ctx.docs_dir).as_posix(),
        type=type_key or "",
        folder=folder,
        slug=slug,
        title=fm.title,
        date=to_instant(fm.date, ctx.zone),
        updated=to_instant(fm.updated, ctx.zone) if fm.updated else None,
        lang=lang,
        body=body,
        authors=tuple(fm.authors),
        byline=_byline(fm.authors, ctx.authors, lang),
        team=ctx.team_in(lang),
        summary=fm.summary or textlib.first_paragraph(body),
        summary_from_body=not fm.summary,
        tags=tuple(dict.fromkeys(fm.tags)),
        translation=fm.translation,
        draft=fm.draft,
        cover=assets["cover"],
        cover_alt=fm.cover_alt,
        canonical_url=fm.canonical_url,
        takeaways=tuple(fm.takeaways),
        quotes=tuple(Quote(q.text, q.by, q.role) for q in fm.quotes),
        campaign=fm.campaign,
        evergreen=fm.evergreen if fm.evergreen is not None else (
            None if type_key not in ctx.types or ctx.types[type_key].evergreen else False),
        thread=fm.thread,
        social={k: tuple(v) for k, v in fm.social.items()},
        pdf=assets["pdf"],
        cta=CallToAction(fm.cta.label, fm.cta.url) if fm.cta else None,
        guest=Guest(fm.guest.name, fm.guest.role, fm.guest.organization) if fm.guest else None,
        event=Event(fm.event.name, fm.event.location, _as_date(fm.event.date)) if fm.event else None,
        source_id=fm.source_id,
        source_url=fm.source_url,
        word_count=words,
        reading_minutes=textlib.reading_minutes(words, ctx.words_per_minute),
        extra=extra,
    )
    return piece, [], warnings


def _byline(keys: list[str], authors: dict[str, Author], lang: str) -> str:
    """"Mathieu Gerbaud, chauffeur-collecteur": the one author's name and the first part of their role
    (lowercase in French, as a title after a name is written), or nothing."""
    if len(keys) != 1 or keys[0] not in authors:
        return ""
    author = authors[keys[0]]
    role = author.role_in(lang).split(",", 1)[0].strip()
    if role and lang.split("-")[0] == "fr" and not role[1:2].isupper():
        role = role[:1].lower() + role[1:]
    return f"{author.name}, {role}" if role else author.name


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _resolve_translation(piece: Piece, by_key: dict[str, Piece], by_src: dict[str, Piece]) -> str | None:
    ref = (piece.translation or "").strip().lstrip("/")
    candidates = [ref, ref.removesuffix(".md"), f"{piece.folder}/{ref.removesuffix('.md')}"]
    for cand in candidates:
        if cand in by_key:
            return by_key[cand].key
        if cand in by_src:
            return by_src[cand].key
        if cand + ".md" in by_src:
            return by_src[cand + ".md"].key
    return None


def cross_check(pieces: list[Piece], ctx: LoadContext) -> tuple[list[Piece], list[Problem]]:
    """Checks across pieces: unique slugs per type, translations that exist and point back."""
    problems: list[Problem] = []
    seen: dict[str, Piece] = {}
    for piece in sorted(pieces, key=lambda p: p.src_uri):
        other = seen.get(piece.key)
        if other is not None:
            problems.append(Problem(ctx.shown(piece.path), "slug", f"expected a slug unique within {piece.folder}/, "
                                    f"got {piece.slug!r}, already used by {ctx.shown(other.path)}"))
        else:
            seen[piece.key] = piece
    by_src = {p.src_uri: p for p in pieces}
    resolved: dict[str, str] = {}
    for piece in pieces:
        if not piece.translation:
            continue
        target = _resolve_translation(piece, seen, by_src)
        if target is None:
            problems.append(Problem(ctx.shown(piece.path), "translation",
                                    f"expected the path of an existing piece (e.g. {piece.folder}/other-slug.md), "
                                    f"got {piece.translation!r} (no such piece)"))
        elif target == piece.key:
            problems.append(Problem(ctx.shown(piece.path), "translation", "expected another piece, got the piece itself"))
        elif seen[target].lang == piece.lang:
            problems.append(Problem(ctx.shown(piece.path), "translation",
                                    f"expected a piece in another language, got {target!r} which is also {piece.lang!r}"))
        else:
            resolved[piece.key] = target
    for src, dst in list(resolved.items()):
        back = resolved.get(dst)
        if back is None:
            resolved[dst] = src  # a one-sided link is made mutual
        elif back != src:
            problems.append(Problem(ctx.shown(seen[dst].path), "translation",
                                    f"expected {src!r} (which names this piece as its translation), got {back!r}"))
    out = [p if resolved.get(p.key) == p.translation else _with(p, translation=resolved.get(p.key))
           for p in seen.values()]
    return out, problems


def _with(piece: Piece, **changes: Any) -> Piece:
    from dataclasses import replace

    return replace(piece, **changes)


def piece_files(docs_dir: Path, folders: Iterable[str]) -> list[tuple[Path, str]]:
    """Every Markdown file under each type folder (sub-folders included), with its type folder."""
    out: list[tuple[Path, str]] = []
    for folder in folders:
        base = docs_dir / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.md")):
            if path.name.lower() in SKIPPED_NAMES or any(part.startswith(".") for part in path.relative_to(base).parts):
                continue
            out.append((path, folder))
    return out


def load_pieces(files: Iterable[tuple[Path, str]], ctx: LoadContext) -> Library:
    """Load the given files; raise ContentError with every problem of every file."""
    pieces: list[Piece] = []
    problems: list[Problem] = []
    warnings: list[str] = []
    for path, folder in files:
        piece, found, warned = load_piece(path, folder, ctx)
        problems.extend(found)
        warnings.extend(warned)
        if piece is not None:
            pieces.append(piece)
    pieces, crossed = cross_check(pieces, ctx)
    problems.extend(crossed)
    if problems:
        raise ContentError(problems)
    pieces.sort(key=lambda p: (p.date, p.key), reverse=True)
    return Library(tuple(pieces), dict(ctx.authors), tuple(warnings))


def context_for(settings: Any) -> tuple[LoadContext, list[Problem]]:
    """Build the load context (types, languages, authors) from Settings."""
    plugin = settings.plugin
    ctx = LoadContext(
        docs_dir=settings.docs_dir,
        types={k: TypeInfo(k, t.folder.strip("/"), t.evergreen if t.evergreen is not None else k != "event_report")
               for k, t in plugin.types.items()},
        languages=list(plugin.languages),
        default_lang=plugin.lang,
        zone=ZoneInfo(plugin.timezone),
        words_per_minute=plugin.site.words_per_minute,
        root=settings.root,
    )
    authors_path = settings.docs_dir / plugin.authors_file
    ctx.authors, problems = load_authors(authors_path, ctx.shown(authors_path), tuple(plugin.languages), plugin.lang)
    return ctx, problems


def load_library(settings: Any) -> Library:
    """Load every piece of the project; raise ContentError listing every problem in every file."""
    ctx, problems = context_for(settings)
    if problems:
        raise ContentError(problems)
    files = piece_files(settings.docs_dir, [t.folder for t in ctx.types.values()])
    return load_pieces(files, ctx)


def load_material_blog(blog_dir: Path, *, languages: list[str] | None = None, lang: str = "en",
                       zone: str = "UTC") -> Library:
    """Load a Material for MkDocs blog (posts/ and .authors.yml) as articles."""
    ctx = LoadContext(
        docs_dir=blog_dir,
        types={"article": TypeInfo("article", "posts")},
        languages=languages or [lang],
        default_lang=lang,
        zone=ZoneInfo(zone),
        root=blog_dir.parent,
    )
    authors_path = blog_dir / ".authors.yml"
    ctx.authors, problems = load_authors(authors_path, ctx.shown(authors_path))
    if problems:
        raise ContentError(problems)
    return load_pieces(piece_files(blog_dir, ["posts"]), ctx)
