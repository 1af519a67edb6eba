"""The WordPress export (WXR 1.0, 1.1, 1.2) reader: XML in, plain records out.

Elements are matched by namespace URI, never by prefix, as WordPress's newest parser does: the
wp namespace is http(s)://wordpress.org/export/1.x/ whatever it is called in the file, and an
element whose prefix was rebound to another URI (the importer's namespace-edge-cases file) is
ignored. When a field occurs twice, the last one wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from publisher.errors import ImportProblems, Problem
from publisher.feeds.xml_tree import Node, parse_xml

_WP_NS = re.compile(r"https?://wordpress\.org/export/\d+\.\d+/")
_EXCERPT_NS = re.compile(r"https?://wordpress\.org/export/\d+\.\d+/excerpt/")
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
SUPPORTED_VERSIONS = ("1.0", "1.1", "1.2")


def is_wp(ns: str) -> bool:
    return bool(_WP_NS.fullmatch(ns))


def is_excerpt(ns: str) -> bool:
    return bool(_EXCERPT_NS.fullmatch(ns))


@dataclass(frozen=True, slots=True)
class WxrAuthor:
    login: str
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""

    @property
    def name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return self.display_name.strip() or full or self.login


@dataclass(frozen=True, slots=True)
class WxrTerm:
    """A <category> of an item: its taxonomy (domain), slug (nicename) and name."""

    domain: str
    nicename: str
    name: str


@dataclass
class WxrPost:
    """One <item>: every field as written in the export (strings), plus where it was."""

    index: int
    line: int
    title: str = ""
    link: str = ""
    pub_date: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_id: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_modified: str = ""
    post_modified_gmt: str = ""
    post_name: str = ""
    status: str = ""
    post_parent: str = ""
    menu_order: str = ""
    post_type: str = ""
    post_password: str = ""
    attachment_url: str = ""
    terms: list[WxrTerm] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        return f"item {self.index} (line {self.line})"


@dataclass
class WxrExport:
    """The channel of an export: the site, its authors and every item."""

    version: str
    title: str = ""
    link: str = ""
    language: str = ""
    pub_date: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""
    authors: dict[str, WxrAuthor] = field(default_factory=dict)
    posts: list[WxrPost] = field(default_factory=list)


_PLAIN = {"title": "title", "link": "link", "pubDate": "pub_date", "guid": "guid"}
_WP_FIELDS = {
    "post_id", "post_date", "post_date_gmt", "post_modified", "post_modified_gmt", "post_name", "status",
    "post_parent", "menu_order", "post_type", "post_password", "attachment_url",
}


def read_export(path: Path, shown_as: str | None = None) -> WxrExport:
    """Read a WordPress export file; raise ImportProblems (with the line) when it cannot be read."""
    shown = shown_as or str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ImportProblems([Problem(shown, "", f"cannot be read: {e.strerror or e}")]) from None
    return parse_export(data, shown)


def parse_export(data: bytes, shown_as: str) -> WxrExport:
    """Parse the bytes of a WordPress export."""
    root = parse_xml(data, shown_as)
    channel = next(root.iter("channel", ""), None) if root.name == "rss" and not root.ns else None
    if channel is None:
        raise ImportProblems([Problem(shown_as, "", f"expected a WordPress export (<rss> with a <channel>), "
                                      f"found <{root.name}> at line {root.line}")])
    version = _wp_value(channel, "wxr_version")
    if not re.fullmatch(r"\d+\.\d+", version):
        found = f"{version!r}" if version else "none"
        raise ImportProblems([Problem(shown_as, "wp:wxr_version", f"expected a WordPress export version "
                                      f"({', '.join(SUPPORTED_VERSIONS)}), found {found}")])
    export = WxrExport(version=version)
    for child in channel.children:
        if not child.ns:
            if child.name == "title":
                export.title = child.text.strip()
            elif child.name == "link":
                export.link = child.text.strip()
            elif child.name == "language":
                export.language = child.text.strip()
            elif child.name == "pubDate":
                export.pub_date = child.text.strip()
            elif child.name == "item":
                export.posts.append(_read_item(child, len(export.posts) + 1))
        elif is_wp(child.ns):
            if child.name == "base_site_url":
                export.base_site_url = child.text.strip()
            elif child.name == "base_blog_url":
                export.base_blog_url = child.text.strip()
            elif child.name == "author":
                author = _read_author(child)
                if author.login:
                    export.authors.setdefault(author.login, author)
    return export


def _wp_value(node: Node, name: str) -> str:
    value = ""
    for child in node.children:
        if child.name == name and is_wp(child.ns):
            value = child.text.strip()
    return value


def _read_author(node: Node) -> WxrAuthor:
    values = {c.name: c.text.strip() for c in node.children if is_wp(c.ns)}
    return WxrAuthor(
        login=values.get("author_login", ""),
        display_name=values.get("author_display_name", ""),
        first_name=values.get("author_first_name", ""),
        last_name=values.get("author_last_name", ""),
    )


def _read_item(node: Node, index: int) -> WxrPost:
    post = WxrPost(index=index, line=node.line)
    for child in node.children:
        if not child.ns:
            if child.name in _PLAIN:
                setattr(post, _PLAIN[child.name], child.text.strip())
            elif child.name == "category":
                name = child.text.strip()
                if name:
                    post.terms.append(WxrTerm(child.attrs.get("domain", ""), child.attrs.get("nicename", ""), name))
        elif child.ns == CONTENT_NS and child.name == "encoded":
            post.content = child.text
        elif is_excerpt(child.ns) and child.name == "encoded":
            post.excerpt = child.text
        elif child.ns == DC_NS and child.name == "creator":
            post.creator = child.text.strip()
        elif is_wp(child.ns):
            if child.name in _WP_FIELDS:
                setattr(post, child.name, child.text.strip())
            elif child.name == "author" and not post.creator:
                post.creator = child.text.strip()  # some hand-made exports name the author here
            elif child.name == "postmeta":
                key = _wp_value(child, "meta_key")
                if key:
                    post.meta[key] = next((c.text for c in child.children if c.name == "meta_value" and is_wp(c.ns)), "")
    return post


__all__ = ["CONTENT_NS", "DC_NS", "SUPPORTED_VERSIONS", "WxrAuthor", "WxrExport", "WxrPost", "WxrTerm",
           "is_excerpt", "is_wp", "parse_export", "read_export"]
