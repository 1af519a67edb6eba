"""RSS 2.0, Atom and JSON Feed, written with real serialisers (ElementTree, json) so escaping is right.

Each item reuses the HTML the build already rendered for the piece's page (captured in
on_page_content), with its relative links made absolute: a feed reader has no page to resolve
them against.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from urllib.parse import urljoin

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"

# Standard prefixes, so readers (and people) see atom:link, not ns0:link.
ET.register_namespace("atom", ATOM)
ET.register_namespace("content", CONTENT)
ET.register_namespace("dc", DC)

FEED_FILES = {"rss": "feed.xml", "atom": "atom.xml", "json": "feed.json"}
MEDIA_TYPES = {"rss": "application/rss+xml", "atom": "application/atom+xml", "json": "application/feed+json"}

_URL_ATTR = re.compile(r'(\s(?:href|src|poster)=")([^"]*)(")')
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
# XML 1.0 forbids most control characters; a stray one in a piece would make the feed unreadable.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class FeedItem:
    url: str
    title: str
    summary: str
    published: dt.datetime
    updated: dt.datetime
    lang: str
    content_html: str = ""
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    image: str = ""


@dataclass(frozen=True, slots=True)
class FeedInfo:
    title: str
    description: str
    home_url: str
    """Absolute URL of the page the feed mirrors (the site, or a type's index)."""
    base_url: str
    """Absolute URL of the folder holding the feed files."""
    lang: str
    publisher: str

    def file_url(self, kind: str) -> str:
        return urljoin(self.base_url, FEED_FILES[kind])


def absolute_html(html: str, page_url: str) -> str:
    """The page's HTML with every href/src made absolute and Material's heading permalinks dropped."""
    html = _HEADERLINK.sub("", html)
    return _URL_ATTR.sub(lambda m: m.group(1) + urljoin(page_url, m.group(2)) + m.group(3), html)


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", text)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    el = ET.SubElement(parent, tag, attrs)
    if text is not None:
        el.text = _clean(text)
    return el


def _updated(items: Sequence[FeedItem], fallback: dt.datetime) -> dt.datetime:
    return max((i.updated for i in items), default=fallback)


def _xml(root: ET.Element) -> bytes:
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def rss(info: FeedInfo, items: Sequence[FeedItem], *, now: dt.datetime) -> bytes:
    """RSS 2.0 with atom:link rel=self, content:encoded for full text and dc:creator for authors."""
    root = ET.Element("rss", {"version": "2.0"})
    channel = _sub(root, "channel")
    _sub(channel, "title", info.title)
    _sub(channel, "link", info.home_url)
    # RSS readers render <description> as HTML: plain text from content goes in escaped once more.
    _sub(channel, "description", html.escape(info.description or info.title, quote=False))
    _sub(channel, "language", info.lang)
    _sub(channel, "lastBuildDate", format_datetime(_updated(items, now).astimezone(dt.UTC), usegmt=True))
    _sub(channel, "generator", "publisher")
    _sub(channel, f"{{{ATOM}}}link", href=info.file_url("rss"), rel="self", type=MEDIA_TYPES["rss"])
    for item in items:
        node = _sub(channel, "item")
        _sub(node, "title", item.title)
        _sub(node, "link", item.url)
        _sub(node, "guid", item.url, isPermaLink="true")
        _sub(node, "pubDate", format_datetime(item.published.astimezone(dt.UTC), usegmt=True))
        _sub(node, "description", html.escape(item.summary, quote=False))
        if item.content_html:
            _sub(node, f"{{{CONTENT}}}encoded", item.content_html)
        for author in item.authors:
            _sub(node, f"{{{DC}}}creator", author)
        for tag in item.tags:
            _sub(node, "category", tag)
    return _xml(root)


def atom(info: FeedInfo, items: Sequence[FeedItem], *, now: dt.datetime) -> bytes:
    """Atom 1.0; the feed-level author covers entries without one, as the spec requires."""
    root = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: info.lang})
    _sub(root, f"{{{ATOM}}}id", info.file_url("atom"))
    _sub(root, f"{{{ATOM}}}title", info.title)
    if info.description:
        _sub(root, f"{{{ATOM}}}subtitle", info.description)
    _sub(root, f"{{{ATOM}}}updated", _updated(items, now).isoformat())
    _sub(root, f"{{{ATOM}}}link", href=info.home_url, rel="alternate", type="text/html")
    _sub(root, f"{{{ATOM}}}link", href=info.file_url("atom"), rel="self", type=MEDIA_TYPES["atom"])
    _sub(_sub(root, f"{{{ATOM}}}author"), f"{{{ATOM}}}name", info.publisher)
    _sub(root, f"{{{ATOM}}}generator", "publisher")
    for item in items:
        entry = _sub(root, f"{{{ATOM}}}entry", **{XML_LANG: item.lang})
        _sub(entry, f"{{{ATOM}}}id", item.url)
        _sub(entry, f"{{{ATOM}}}title", item.title)
        _sub(entry, f"{{{ATOM}}}link", href=item.url, rel="alternate", type="text/html")
        _sub(entry, f"{{{ATOM}}}published", item.published.isoformat())
        _sub(entry, f"{{{ATOM}}}updated", item.updated.isoformat())
        for author in item.authors:
            _sub(_sub(entry, f"{{{ATOM}}}author"), f"{{{ATOM}}}name", author)
        for tag in item.tags:
            _sub(entry, f"{{{ATOM}}}category", term=tag)
        _sub(entry, f"{{{ATOM}}}summary", item.summary, type="text")
        if item.content_html:
            _sub(entry, f"{{{ATOM}}}content", item.content_html, type="html")
    return _xml(root)


def json_feed(info: FeedInfo, items: Sequence[FeedItem]) -> bytes:
    """JSON Feed 1.1."""
    data: dict[str, object] = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.file_url("json"),
        "language": info.lang,
        "authors": [{"name": info.publisher}],
        "items": [_json_item(item) for item in items],
    }
    if info.description:
        data["description"] = info.description
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def _json_item(item: FeedItem) -> dict[str, object]:
    out: dict[str, object] = {
        "id": item.url,
        "url": item.url,
        "title": item.title,
        "summary": item.summary,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
        "language": item.lang,
    }
    out["content_html" if item.content_html else "content_text"] = item.content_html or item.summary
    if item.image:
        out["image"] = item.image
    if item.authors:
        out["authors"] = [{"name": a} for a in item.authors]
    if item.tags:
        out["tags"] = list(item.tags)
    return out


def write_feeds(info: FeedInfo, items: Sequence[FeedItem], *, now: dt.datetime) -> dict[str, bytes]:
    """File name -> bytes, for the three formats."""
    return {
        FEED_FILES["rss"]: rss(info, items, now=now),
        FEED_FILES["atom"]: atom(info, items, now=now),
        FEED_FILES["json"]: json_feed(info, items),
    }


__all__ = ["FEED_FILES", "MEDIA_TYPES", "FeedInfo", "FeedItem", "absolute_html", "atom", "json_feed", "rss",
           "write_feeds"]
