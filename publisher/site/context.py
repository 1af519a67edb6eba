"""What the plugin hands each template as ``publisher``: the page's language, head tags and view.

The templates in theme/ read only this object (and MkDocs' own ``page``/``config``), so the same
data could feed another engine later.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from publisher.content import Piece
from publisher.site.catalogue import Catalogue
from publisher.site.feeds import FEED_FILES, MEDIA_TYPES
from publisher.site.i18n import labels
from publisher.site.indexes import ListingView, listing_view
from publisher.site.meta import Head, piece_head, website_head
from publisher.site.pages import TYPE, Listing
from publisher.site.related import related
from publisher.site.views import PieceView, SiteInfo, piece_view

FEED_NAMES = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}


@dataclass(frozen=True, slots=True)
class FeedLink:
    title: str
    url: str
    """Site-relative."""
    media_type: str
    format: str
    """RSS, Atom or JSON Feed."""
    scope: str
    """'site' or 'type'."""


@dataclass(frozen=True)
class PageData:
    """The ``publisher`` variable of every page's template context."""

    lang: str
    labels: dict[str, str]
    head: Head
    feeds: list[FeedLink] = field(default_factory=list)
    piece: PieceView | None = None
    listing: ListingView | None = None
    banner: str = ""
    kit: object | None = None
    """A share kit page's KitView (publisher.site.kits)."""


@dataclass
class Options:
    """The few settings the views need besides SiteInfo."""

    organization: str
    twitter_site: str = ""
    default_image: str = ""
    home_per_type: int = 3
    feeds: bool = True
    site_description: str = ""


def feed_links(site: SiteInfo, type_key: str | None, options: Options, folders: dict[str, str]) -> list[FeedLink]:
    """The site's feeds, then the type's own when the page belongs to a type."""
    if not options.feeds:
        return []
    out = [FeedLink(f"{site.site_name} ({FEED_NAMES[k]})", name, MEDIA_TYPES[k], FEED_NAMES[k], "site")
           for k, name in FEED_FILES.items()]
    if type_key and type_key in folders:
        title = site.type_label(type_key, site.lang)
        out += [FeedLink(f"{title} ({FEED_NAMES[k]})", f"{folders[type_key]}/{name}", MEDIA_TYPES[k], FEED_NAMES[k],
                         "type") for k, name in FEED_FILES.items()]
    return out


def image_url(piece: Piece | None, site: SiteInfo, options: Options) -> str:
    ref = (piece.cover if piece else None) or options.default_image
    return site.absolute(ref) if ref else ""


def piece_page(piece: Piece, catalogue: Catalogue, site: SiteInfo, options: Options, folders: dict[str, str],
               library_translation: Piece | None) -> PageData:
    """Everything a piece page shows; the translation is offered only when it is shown too."""
    translation = library_translation if library_translation and library_translation.src_uri in catalogue.by_src else None
    view = piece_view(piece, site, status=catalogue.status(piece),
                      related=related(catalogue.tags, piece, site.related_count), translation=translation)
    url = site.absolute(site.piece_url(piece))
    authors = [site.authors[k] for k in piece.authors if k in site.authors]
    head = piece_head(
        piece, url=url, image=image_url(piece, site, options), site_name=site.site_name,
        organization=options.organization, authors=authors,
        author_urls=[site.absolute(site.author_urls[a.key]) if a.key in site.author_urls else "" for a in authors],
        twitter_site=options.twitter_site,
        translation_lang=translation.lang if translation else "",
    )
    return PageData(lang=piece.lang, labels=labels(piece.lang), head=head,
                    feeds=feed_links(site, piece.type, options, folders), piece=view, banner=view.banner)


def listing_page(listing: Listing, catalogue: Catalogue, site: SiteInfo, options: Options,
                 folders: dict[str, str], title: str) -> PageData:
    feeds = feed_links(site, listing.key if listing.kind == TYPE else None, options, folders)
    view = listing_view(listing, catalogue, site, home_per_type=options.home_per_type)
    head = website_head(title=title or site.site_name, description=options.site_description,
                        url=site.absolute(listing.url), site_name=site.site_name, lang=site.lang,
                        image=image_url(None, site, options), twitter_site=options.twitter_site)
    return PageData(lang=site.lang, labels=labels(site.lang), head=head, feeds=feeds, listing=view)


def plain_page(url: str, title: str, description: str, site: SiteInfo, options: Options,
               folders: dict[str, str]) -> PageData:
    """A page the writer made by hand (about.md, say): social tags, feeds, nothing else."""
    head = website_head(title=title or site.site_name, description=description or options.site_description,
                        url=site.absolute(url), site_name=site.site_name, lang=site.lang,
                        image=image_url(None, site, options), twitter_site=options.twitter_site)
    return PageData(lang=site.lang, labels=labels(site.lang), head=head, feeds=feed_links(site, None, options, folders))


__all__ = ["FeedLink", "Options", "PageData", "feed_links", "listing_page", "piece_page", "plain_page"]
