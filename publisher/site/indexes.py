"""Views of listing pages (home, type indexes, tags, authors) for the templates."""

from __future__ import annotations

from dataclasses import dataclass, field

from publisher.site.catalogue import Catalogue
from publisher.site.i18n import label, labels
from publisher.site.pages import AUTHOR, AUTHOR_INDEX, HOME, TAG_INDEX, Listing
from publisher.site.views import AuthorView, Card, SiteInfo, author_view, card

WINDOW = 2
"""Page numbers shown on each side of the current one; the rest collapse into an ellipsis."""


@dataclass(frozen=True, slots=True)
class PageLink:
    number: int
    url: str
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    number: int
    total: int
    text: str
    newer: str = ""
    older: str = ""
    pages: list[PageLink | None] = field(default_factory=list)
    """Page links in order; None where numbers are skipped."""


@dataclass(frozen=True)
class Section:
    """A block of the home page: the latest pieces of one type."""

    title: str
    url: str
    cards: list[Card]


@dataclass(frozen=True, slots=True)
class TagCount:
    name: str
    url: str
    count: int
    count_text: str


@dataclass(frozen=True)
class ListingView:
    kind: str
    title: str
    labels: dict[str, str]
    cards: list[Card] = field(default_factory=list)
    pagination: Pagination | None = None
    sections: list[Section] = field(default_factory=list)
    tags: list[TagCount] = field(default_factory=list)
    authors: list[AuthorView] = field(default_factory=list)
    author: AuthorView | None = None


def pagination(listing: Listing, lang: str) -> Pagination | None:
    total = listing.total
    if total <= 1:
        return None
    n = listing.number
    pages: list[PageLink | None] = []
    for i, item in enumerate(listing.series, start=1):
        if i in (1, total) or abs(i - n) <= WINDOW:
            pages.append(PageLink(i, item.url, i == n))
        elif pages and pages[-1] is not None:
            pages.append(None)
    return Pagination(
        number=n,
        total=total,
        text=label(lang, "page_of", n=n, total=total),
        newer=listing.series[n - 2].url if n > 1 else "",
        older=listing.series[n].url if n < total else "",
        pages=pages,
    )


def count_text(n: int, lang: str) -> str:
    return label(lang, "piece_count") if n == 1 else label(lang, "pieces_count", n=n)


def listing_view(listing: Listing, catalogue: Catalogue, site: SiteInfo, *, home_per_type: int) -> ListingView:
    """The view of one listing page; cards come from the pieces of that page only."""
    lang = site.lang
    cards = [card(p, site, catalogue.status(p)) for p in listing.pieces]
    common = {"kind": listing.kind, "title": listing.title, "labels": labels(lang),
              "pagination": pagination(listing, lang)}
    if listing.kind == HOME:
        sections = [
            Section(site.type_label(key, lang), site.type_urls.get(key, ""),
                    [card(p, site, catalogue.status(p)) for p in pieces[:home_per_type]])
            for key, pieces in catalogue.by_type.items() if pieces and home_per_type
        ]
        return ListingView(**common, sections=sections)
    if listing.kind == TAG_INDEX:
        index = catalogue.tags
        tags = [TagCount(index.names[slug], site.tag_urls.get(slug, ""), len(positions),
                         count_text(len(positions), lang))
                for slug, positions in sorted(index.by_tag.items(), key=lambda kv: index.names[kv[0]].casefold())]
        return ListingView(**common, tags=tags)
    if listing.kind == AUTHOR_INDEX:
        authors = [author_view(site.authors[key], site) for key in site.authors if key in catalogue.by_author]
        return ListingView(**common, authors=authors)
    if listing.kind == AUTHOR:
        return ListingView(**common, cards=cards, author=author_view(site.authors[listing.key], site))
    return ListingView(**common, cards=cards)


__all__ = ["ListingView", "PageLink", "Pagination", "Section", "TagCount", "listing_view", "pagination"]
