"""Files under content/ that only unpublished pieces use: a build must not copy them into site/.

    hidden_only = assets_of_unpublished(shown, hidden, other_pages, exists)

MkDocs copies every file of docs_dir that is not a page. Taking a draft's Markdown out of the build
is not enough: its cover, its PDF and the images its body links to would still be published, at
URLs anyone can guess (articles/img/<slug>.jpg). An asset is left out when an unpublished piece uses
it and nothing published does (a published piece, or any other page of the site).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from urllib.parse import unquote, urlsplit

from publisher.content import Piece

_MARKDOWN_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_HTML_ATTR = re.compile(r"""\b(?:src|href|poster|data)\s*=\s*["']([^"']+)["']""", re.I)
_SRCSET = re.compile(r"""\bsrcset\s*=\s*["']([^"']+)["']""", re.I)


def links_in(markdown: str) -> set[str]:
    """Every link target a Markdown body holds: inline, reference-style and HTML attributes."""
    found = set(_MARKDOWN_LINK.findall(markdown)) | set(_REFERENCE.findall(markdown))
    found |= set(_HTML_ATTR.findall(markdown))
    for srcset in _SRCSET.findall(markdown):
        found |= {part.split()[0] for part in srcset.split(",") if part.strip()}
    return found


def resolve(target: str, page_src: str) -> str | None:
    """The src_uri (relative to content/) a link of the page ``page_src`` points to, or None for
    links that leave the docs folder (URLs, anchors, mailto:, site-absolute paths)."""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page_src), unquote(parts.path)))
    return None if joined.startswith("..") else joined


def piece_assets(piece: Piece) -> set[str]:
    """The files under content/ a piece uses: cover, PDF and what its body links to."""
    used = {ref for ref in (piece.cover, piece.pdf) if ref and "://" not in ref}
    used |= {src for target in links_in(piece.body) if (src := resolve(target, piece.src_uri))}
    return used


def assets_of_unpublished(shown: Iterable[Piece], hidden: Iterable[Piece], other_pages: Iterable[tuple[str, str]],
                          exists: Callable[[str], bool]) -> set[str]:
    """src_uris of the files only unpublished pieces use. ``other_pages`` are (src_uri, markdown)
    of the site's other pages (home, about...); ``exists`` says whether a src_uri is a file of the build."""
    private: set[str] = set()
    for piece in hidden:
        private |= piece_assets(piece)
    if not private:
        return set()
    public: set[str] = set()
    for piece in shown:
        public |= piece_assets(piece)
    for src, markdown in other_pages:
        public |= {s for target in links_in(markdown) if (s := resolve(target, src))}
    return {src for src in private - public if exists(src)}


__all__ = ["assets_of_unpublished", "links_in", "piece_assets", "resolve"]
