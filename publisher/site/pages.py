"""Generated pages: the home page, an index per type, tag and author pages, all paginated.

Each listing page holds only the pieces it shows (``per_page`` of them), so the output grows
linearly with the number of pieces. Pages are virtual files (``File.generated``) marked
``generated_by``; a writer's own file at the same place (content/index.md, say) is kept and
becomes the intro of that listing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from publisher.content import Author, Piece
from publisher.site.catalogue import Catalogue
from publisher.site.i18n import label

GENERATED_BY = "publisher"
TAGS_DIR = "tags"
AUTHORS_DIR = "authors"

# Kinds of listing; the template shown for each lives in theme/.
HOME, TYPE, TAG, AUTHOR, TAG_INDEX, AUTHOR_INDEX = "home", "type", "tag", "author", "tags", "authors"


@dataclass(eq=False)
class Listing:
    """One page of a list of pieces (or of tags, or of authors)."""

    kind: str
    key: str
    """Type key, tag slug or author key; '' for the home page and the indexes."""
    title: str
    src_uri: str
    pieces: Sequence[Piece] = ()
    number: int = 1
    series: list[Listing] = field(default_factory=list)
    """Every page of this listing, in order (shared by all of them)."""
    url: str = ""
    """Site-relative URL, known once the file exists."""

    @property
    def total(self) -> int:
        return len(self.series) or 1


def page_src(base: str, number: int) -> str:
    """articles -> articles/index.md, then articles/page/2/index.md ..."""
    prefix = f"{base}/" if base else ""
    return f"{prefix}index.md" if number == 1 else f"{prefix}page/{number}/index.md"


def paginate(kind: str, key: str, title: str, base: str, pieces: Sequence[Piece], per_page: int) -> list[Listing]:
    """Split ``pieces`` into pages of ``per_page``; an empty list still gets its first page."""
    count = max(1, math.ceil(len(pieces) / per_page))
    series: list[Listing] = []
    for i in range(count):
        chunk = pieces[i * per_page:(i + 1) * per_page]
        series.append(Listing(kind, key, title, page_src(base, i + 1), chunk, i + 1, series))
    return series


def plan_listings(catalogue: Catalogue, *, types: dict[str, tuple[str, str]], authors: dict[str, Author],
                  lang: str, per_page: int) -> list[Listing]:
    """Every listing page of the site. ``types`` maps a type key to (folder, label)."""
    out: list[Listing] = [Listing(HOME, "", "", "index.md")]
    out[0].series.append(out[0])
    for key, (folder, name) in types.items():
        out.extend(paginate(TYPE, key, name, folder, catalogue.by_type.get(key, []), per_page))
    index = catalogue.tags
    if index.by_tag:
        tags_page = Listing(TAG_INDEX, "", label(lang, "tags"), page_src(TAGS_DIR, 1))
        tags_page.series.append(tags_page)
        out.append(tags_page)
        for slug in sorted(index.by_tag, key=lambda s: index.names[s].casefold()):
            tagged = [index.pieces[pos] for pos in index.by_tag[slug]]
            title = label(lang, "tag_title", tag=index.names[slug])
            out.extend(paginate(TAG, slug, title, f"{TAGS_DIR}/{slug}", tagged, per_page))
    writers = [key for key in authors if catalogue.by_author.get(key)]
    if writers:
        authors_page = Listing(AUTHOR_INDEX, "", label(lang, "authors"), page_src(AUTHORS_DIR, 1))
        authors_page.series.append(authors_page)
        out.append(authors_page)
        for key in writers:
            title = authors[key].name
            out.extend(paginate(AUTHOR, key, title, f"{AUTHORS_DIR}/{key}", catalogue.by_author[key], per_page))
    return out


def add_listing_files(listings: list[Listing], files: Files, config: MkDocsConfig) -> dict[str, Listing]:
    """Create the virtual file of each listing (or adopt the writer's own); return them by src_uri.

    Listing pages stay out of the automatic navigation: the plugin adds the few that belong there.
    """
    by_src: dict[str, Listing] = {}
    for listing in listings:
        existing = files.get_file_from_path(listing.src_uri)
        if existing is not None and existing.is_documentation_page():
            file = existing
        else:
            if existing is not None:
                files.remove(existing)
            file = File.generated(config, listing.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            file.generated_by = GENERATED_BY
            files.append(file)
        listing.url = file.url
        by_src[listing.src_uri] = listing
    return by_src


def first_pages(listings: list[Listing], kind: str) -> dict[str, Listing]:
    """key -> the first page of each listing of one kind (to link to a type, tag or author)."""
    return {item.key: item for item in listings if item.kind == kind and item.number == 1}


__all__ = ["AUTHOR", "AUTHOR_INDEX", "GENERATED_BY", "HOME", "TAG", "TAG_INDEX", "TYPE", "Listing",
           "add_listing_files", "first_pages", "page_src", "paginate", "plan_listings"]
