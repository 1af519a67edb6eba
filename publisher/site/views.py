"""Plain views of pieces for the templates: everything pre-formatted, so templates stay dumb.

Views are built from the Piece (title, summary, dates, cover, reading time), never by rendering
Markdown again: an index showing a piece costs a few string operations, not a Markdown render.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from publisher.content import Author, Piece
from publisher.content.authors import HANDLE_NETWORKS
from publisher.networks.sharing import label as network_label
from publisher.networks.sharing import profile_url
from publisher.site.i18n import READ_IN, format_date, label, labels, reading_time
from publisher.site.related import tag_slug
from publisher.site.share import ShareLink, share_links


@dataclass
class SiteInfo:
    """What views need to know about the site: URLs of pages, labels, the share settings."""

    site_url: str
    """Absolute base URL with a trailing slash, or '' when mkdocs.yml has no site_url."""
    site_name: str
    lang: str
    zone: ZoneInfo
    type_names: dict[str, dict[str, str]]
    """Type key -> label per language."""
    landing_types: set[str]
    authors: dict[str, Author]
    piece_urls: dict[str, str] = field(default_factory=dict)
    """Piece key -> site-relative URL."""
    type_urls: dict[str, str] = field(default_factory=dict)
    tag_urls: dict[str, str] = field(default_factory=dict)
    author_urls: dict[str, str] = field(default_factory=dict)
    share_networks: list[str] = field(default_factory=list)
    share_medium: str = "share-button"
    mastodon_instance: str = "mastodon.social"
    cta_labels: dict[str, str] = field(default_factory=dict)
    cta_url: str = ""
    related_count: int = 3

    def absolute(self, url: str) -> str:
        """A site-relative URL (or a content/ path) made absolute; URLs with a scheme pass through."""
        if "://" in url or url.startswith("mailto:"):
            return url
        return f"{self.site_url}{url.lstrip('/')}" if self.site_url else f"/{url.lstrip('/')}"

    def type_label(self, type_key: str, lang: str) -> str:
        names = self.type_names.get(type_key, {})
        return names.get(lang) or names.get(self.lang) or type_key.replace("_", " ").capitalize()

    def piece_url(self, piece: Piece) -> str:
        return self.piece_urls.get(piece.key, piece.url)


@dataclass(frozen=True, slots=True)
class Card:
    """A piece as shown in a list: home, indexes, tag and author pages, related pieces."""

    key: str
    title: str
    url: str
    summary: str
    lang: str
    date_iso: str
    date_text: str
    reading: str
    cover: str | None
    cover_alt: str
    type_key: str
    type_label: str
    status: str = ""
    """'' when published; 'draft' or 'scheduled' in the preview."""
    status_text: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    url: str
    lang: str = ""


@dataclass(frozen=True, slots=True)
class AuthorView:
    key: str
    name: str
    role: str
    avatar: str
    bio: str
    url: str
    handles: tuple[Link, ...] = ()


@dataclass(frozen=True)
class PieceView:
    """Everything a piece page shows besides its body."""

    card: Card
    labels: dict[str, str]
    type_url: str
    authors: list[AuthorView]
    tags: list[Link]
    takeaways: tuple[str, ...]
    share: list[ShareLink]
    related: list[Card]
    translation: Link | None
    reading_text: str = ""
    updated_text: str = ""
    banner: str = ""
    landing: bool = False
    cta: Link | None = None
    pdf: str | None = None
    context_line: str = ""
    """'With Jane Doe, CIO, Acme' for interviews and case studies; the event's name and place for reports."""


def local_day(when: dt.datetime, zone: ZoneInfo) -> dt.date:
    return when.astimezone(zone).date()


def status_text(status: str, piece: Piece, site: SiteInfo) -> str:
    if status == "draft":
        return label(piece.lang, "draft")
    if status == "scheduled":
        return label(piece.lang, "scheduled", date=format_date(local_day(piece.date, site.zone), piece.lang))
    return ""


def card(piece: Piece, site: SiteInfo, status: str = "") -> Card:
    day = local_day(piece.date, site.zone)
    badge = {"draft": "draft_badge", "scheduled": "scheduled_badge"}.get(status)
    return Card(
        key=piece.key,
        title=piece.title,
        url=site.piece_url(piece),
        summary=piece.summary,
        lang=piece.lang,
        date_iso=piece.date.isoformat(),
        date_text=format_date(day, piece.lang),
        reading=reading_time(piece.reading_minutes, piece.lang),
        cover=piece.cover,
        cover_alt=piece.cover_alt,
        type_key=piece.type,
        type_label=site.type_label(piece.type, piece.lang),
        status=status,
        status_text=label(piece.lang, badge) if badge else "",
    )


def author_view(author: Author, site: SiteInfo, lang: str = "") -> AuthorView:
    """The author as a page in ``lang`` shows them (the site's language by default)."""
    handles: list[Link] = []
    for network in HANDLE_NETWORKS:
        url = profile_url(network, author.handles.get(network, ""))
        if url:
            handles.append(Link(network_label(network), url))
    lang = lang or site.lang
    return AuthorView(author.key, author.name, author.role_in(lang), author.avatar, author.bio_in(lang),
                      site.author_urls.get(author.key, ""), tuple(handles))


def tag_links(piece: Piece, site: SiteInfo) -> list[Link]:
    return [Link(tag, site.tag_urls[tag_slug(tag)]) for tag in piece.tags if tag_slug(tag) in site.tag_urls]


def context_line(piece: Piece, site: SiteInfo) -> str:
    if piece.guest:
        who = ", ".join(x for x in (piece.guest.name, piece.guest.role, piece.guest.organization) if x)
        return label(piece.lang, "guest", name=who)
    if piece.event:
        when = format_date(piece.event.date, piece.lang) if piece.event.date else ""
        return " · ".join(x for x in (piece.event.name, piece.event.location, when) if x)
    return ""


def piece_view(piece: Piece, site: SiteInfo, *, status: str, related: list[Piece],
               translation: Piece | None) -> PieceView:
    """The view of one piece page; ``related`` and ``translation`` are already chosen and visible."""
    url = site.absolute(site.piece_url(piece))
    campaign = piece.campaign or piece.slug
    landing = piece.type in site.landing_types
    cta = None
    if landing:
        cta = (Link(piece.cta.label, piece.cta.url) if piece.cta else
               Link(site.cta_labels.get(piece.lang) or site.cta_labels.get(site.lang, ""), site.cta_url))
        if not cta.text or not cta.url:
            cta = None
    updated = ""
    if piece.updated and local_day(piece.updated, site.zone) > local_day(piece.date, site.zone):
        updated = label(piece.lang, "updated", date=format_date(local_day(piece.updated, site.zone), piece.lang))
    return PieceView(
        card=card(piece, site, status),
        labels=labels(piece.lang),
        type_url=site.type_urls.get(piece.type, ""),
        authors=[author_view(site.authors[k], site, piece.lang) for k in piece.authors if k in site.authors],
        tags=tag_links(piece, site),
        takeaways=piece.takeaways,
        share=share_links(url, title=piece.title, summary=piece.summary, lang=piece.lang, campaign=campaign,
                          networks=site.share_networks, medium=site.share_medium,
                          mastodon_instance=site.mastodon_instance),
        related=[card(p, site) for p in related],
        translation=(Link(READ_IN.get(translation.lang, translation.lang), site.piece_url(translation),
                          translation.lang) if translation else None),
        reading_text=label(piece.lang, "reading_time_value", n=piece.reading_minutes),
        updated_text=updated,
        banner=status_text(status, piece, site),
        landing=landing,
        cta=cta,
        pdf=piece.pdf,
        context_line=context_line(piece, site),
    )


__all__ = ["AuthorView", "Card", "Link", "PieceView", "SiteInfo", "author_view", "card", "local_day",
           "piece_view", "status_text", "tag_links"]
