"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser, turned into neutral items.

feedparser's own HTML sanitiser is turned off on purpose: every body goes through our nh3
sanitiser (publisher.feeds.sanitize) whatever its source, so there is one allow-list to trust
and test. feedparser still detects encodings and resolves relative links.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import re
import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

import feedparser

from publisher.content.text import ascii_fold, shorten, slugify
from publisher.content.text import plain_text as markdown_text
from publisher.errors import ImportProblems, Problem
from publisher.feeds.fetch import Fetched
from publisher.feeds.html_to_markdown import text_to_markdown, wordpress_to_markdown
from publisher.feeds.model import SourceAuthor, SourceBatch, SourceItem
from publisher.feeds.sanitize import plain_text, safe_url
from publisher.feeds.shortcodes import ShortcodeContext
from publisher.feeds.xml_tree import refuse_entities

SUMMARY_LIMIT = 300
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


@dataclass(frozen=True)
class ParsedFeed:
    """A feed as feedparser read it, with where it came from."""

    name: str
    parsed: Any
    notes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        return plain_text(self.parsed.feed.get("title", "")) or self.name

    @property
    def lang(self) -> str | None:
        return self.parsed.feed.get("language") or None

    @property
    def entries(self) -> list[Any]:
        return list(self.parsed.entries)


def parse_feed(fetched: Fetched) -> ParsedFeed:
    """Parse fetched bytes; raise ImportProblems (with the line when known) if they are not a feed."""
    # A file has no content type; say it is XML so feedparser judges the bytes, not a missing header.
    headers = {"content-location": fetched.url or "", "content-type": fetched.content_type or "application/xml"}
    refuse_entities(fetched.data, fetched.source)
    parsed = feedparser.parse(fetched.data, response_headers=headers, sanitize_html=False)
    error = parsed.get("bozo_exception")
    where = _line_of(error)
    if not parsed.get("version") and not parsed.entries:
        found = f"an XML error{where}: {_message(error)}" if error else "no RSS or Atom elements"
        raise ImportProblems([Problem(fetched.source, "", f"expected an RSS or Atom feed, found {found} "
                                      "(nothing was imported)")])
    notes: list[str] = []
    if isinstance(error, feedparser.CharacterEncodingOverride):
        notes.append(f"the feed's declared encoding was wrong; read as {parsed.get('encoding')}")
    elif isinstance(error, feedparser.NonXMLContentType):
        notes.append(f"the server called the feed {fetched.content_type!r}, not XML; it was read anyway")
    elif parsed.get("bozo") and error is not None:
        notes.append(f"the feed is not well-formed XML{where} ({_message(error)}); "
                     "it was read with feedparser's lenient parser")
    return ParsedFeed(fetched.source, parsed, tuple(notes))


def _line_of(error: object) -> str:
    line = getattr(error, "getLineNumber", None)
    return f" at line {line()}" if callable(line) and line() else ""


def _message(error: object) -> str:
    message = getattr(error, "getMessage", None)
    return str(message() if callable(message) else error)


def items_from_feed(feed: ParsedFeed, *, fallback_date: dt.datetime, fallback_source: str) -> SourceBatch:
    """Turn every entry into an item; entries without a date get ``fallback_date`` (noted)."""
    parsed = feed.parsed
    feed_date = _struct(parsed.feed.get("updated_parsed") or parsed.feed.get("published_parsed"))
    site = safe_url(parsed.feed.get("link")) or feed.name
    items: list[SourceItem] = []
    for index, entry in enumerate(parsed.entries, start=1):
        items.append(_item(entry, index, site, feed_date or fallback_date,
                           "the feed's date" if feed_date else fallback_source, feed.lang))
    return SourceBatch(name=feed.name, items=tuple(items), notes=feed.notes, lang=feed.lang)


def _struct(value: time.struct_time | None) -> dt.datetime | None:
    if not value:
        return None
    return dt.datetime.fromtimestamp(calendar.timegm(value), dt.UTC)


def _body(entry: Any) -> tuple[str, str, str]:
    """(value, type, base) of the richest body the entry has: content, else summary."""
    contents = [c for c in entry.get("content", []) if c.get("value")]
    if contents:
        best = max(contents, key=lambda c: (c.get("type", "") in _HTML_TYPES, len(c["value"])))
        return best["value"], best.get("type", "text/html"), best.get("base", "")
    detail = entry.get("summary_detail") or {}
    return entry.get("summary", ""), detail.get("type", "text/html"), detail.get("base", "")


def _text(value: str, kind: str) -> str:
    return plain_text(value) if kind in _HTML_TYPES else " ".join(value.split())


def _item(entry: Any, index: int, site: str, fallback: dt.datetime, fallback_source: str,
          feed_lang: str | None) -> SourceItem:
    notes: list[str] = []
    link = safe_url(entry.get("link"))
    value, kind, base = _body(entry)
    unknown: tuple[str, ...] = ()
    if kind in _HTML_TYPES:
        conversion = wordpress_to_markdown(value, ShortcodeContext(), base_url=safe_url(base) or link or safe_url(site),
                                           rendered=True)
        body, unknown = conversion.markdown, conversion.unknown_shortcodes
    else:
        body = text_to_markdown(value)
    if not body.strip() and link:
        body = f"<{link}>\n"  # a title-only entry: the page still leads to the original
    title_detail = entry.get("title_detail") or {}
    title = _text(entry.get("title", ""), title_detail.get("type", "text/plain"))
    if not title:
        words = " ".join(markdown_text(body).split())
        title = shorten(words, 60) if words else f"Untitled entry {index}"
        notes.append(f"no title in the feed; using {title!r}")
    published = _struct(entry.get("published_parsed"))
    updated = _struct(entry.get("updated_parsed"))
    date = published or updated
    guessed = date is None
    if date is None:
        date = fallback
        notes.append(f"no date in the feed; using {fallback_source} ({date:%Y-%m-%d})")
    summary = ""
    if entry.get("content") and entry.get("summary"):
        summary_type = (entry.get("summary_detail") or {}).get("type", "text/html")
        summary = shorten(_text(entry["summary"], summary_type), SUMMARY_LIMIT)
    content = entry.get("content") or [{}]
    return SourceItem(
        source_id=_source_id(entry, site, title, value),
        where=f"entry {index}",
        title=title,
        body=body,
        date=date,
        date_guessed=guessed,
        updated=updated if updated and updated > date else None,
        slug_hint=_slug(title, link, value),
        authors=_authors(entry),
        tags=tuple(dict.fromkeys(t for t in (_tag(x) for x in entry.get("tags", [])) if t)),
        summary=summary,
        link=link if link and link.startswith("http") else None,
        cover=_cover(entry),
        lang=content[0].get("language") or entry.get("language") or feed_lang,
        unknown_shortcodes=unknown,
        notes=tuple(notes),
    )


@dataclass(frozen=True, slots=True)
class EntryFacts:
    """What a curated share needs from an entry (no body conversion: shares only link to it)."""

    entry_id: str
    title: str
    link: str | None
    summary: str
    cover: str | None
    published: dt.datetime | None
    lang: str | None


def entry_facts(entry: Any, site: str) -> EntryFacts:
    """The id, title, link, short summary, picture and date of a feedparser entry."""
    value, kind, _ = _body(entry)
    link = safe_url(entry.get("link"))
    title = _text(entry.get("title", ""), (entry.get("title_detail") or {}).get("type", "text/plain"))
    content = entry.get("content") or [{}]
    return EntryFacts(
        entry_id=_source_id(entry, site, title, value),
        title=title or shorten(_text(value, kind), 80),
        link=link if link and link.startswith("http") else None,
        summary=shorten(_text(entry.get("summary", "") or value, kind), SUMMARY_LIMIT),
        cover=_cover(entry),
        published=_struct(entry.get("published_parsed") or entry.get("updated_parsed")),
        lang=content[0].get("language") or entry.get("language"),
    )


def _slug(title: str, link: str | None, body: str) -> str:
    """A readable slug: the title's, unless folding it to ASCII would lose most of it (a Cyrillic title
    keeps only 'nokia-5800'); then the link's last segment, often the site's own ASCII slug, first, and
    the transliterated title after it; else a digest."""
    segment = PurePosixPath(unquote(urlsplit(link).path)).stem if link else ""
    from_title = slugify(title) if title else ""
    letters = sum(c.isalpha() for c in title)
    kept = len(re.findall(r"[a-z]", ascii_fold(title)))
    candidates = (from_title, segment) if kept * 2 >= letters else (segment, from_title)
    for candidate in candidates:
        slug = slugify(candidate) if candidate else ""
        if re.search(r"[a-z]{2}", slug) and slug != "piece":
            return slug[:80].rstrip("-")
    return "entry-" + hashlib.sha256(f"{title}\n{link}\n{body}".encode()).hexdigest()[:8]


def _source_id(entry: Any, site: str, title: str, body: str) -> str:
    ident = (entry.get("id") or "").strip() or (entry.get("link") or "").strip()
    if ident:
        return ident
    digest = hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()[:16]
    return f"{site}#sha256-{digest}"


def _tag(tag: Any) -> str:
    return " ".join(str(tag.get("label") or tag.get("term") or "").split())


def _authors(entry: Any) -> tuple[SourceAuthor, ...]:
    people = entry.get("authors") or ([entry["author_detail"]] if entry.get("author_detail") else [])
    out: list[SourceAuthor] = []
    for person in people:
        name = " ".join(str(person.get("name") or "").split())
        if not name or "@" in name or slugify(name) == "piece":
            continue  # an e-mail address alone is not a name to publish
        out.append(SourceAuthor(name, name, safe_url(person.get("href")) or ""))
    return tuple(dict.fromkeys(out))


_IMAGE_PATH = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)$", re.I)


def _is_image(media: Any) -> bool:
    kind = str(media.get("type", ""))
    if media.get("medium") == "image" or kind.startswith("image/"):
        return True
    return not kind and not media.get("medium") and bool(_IMAGE_PATH.search(urlsplit(media.get("url", "")).path))


def _cover(entry: Any) -> str | None:
    """The entry's picture: the widest media:content image, else a thumbnail, else an image enclosure."""
    images = sorted((m for m in entry.get("media_content", []) if _is_image(m)),
                    key=lambda m: -int(m.get("width") or 0) if str(m.get("width") or "").isdigit() else 0)
    candidates = [m.get("url") for m in images]
    candidates += [t.get("url") for t in entry.get("media_thumbnail", [])]
    candidates += [e.get("href") for e in entry.get("enclosures", []) if str(e.get("type", "")).startswith("image/")]
    for url in candidates:
        safe = safe_url(url)
        if safe and safe.startswith("http"):
            return safe
    return None


__all__ = ["EntryFacts", "ParsedFeed", "entry_facts", "items_from_feed", "parse_feed"]
