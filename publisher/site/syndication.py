"""Which feeds a build writes (the whole site, then one per type) and which pieces each lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from publisher.content import Piece
from publisher.site.catalogue import Catalogue
from publisher.site.feeds import FeedInfo, FeedItem, absolute_html, write_feeds
from publisher.site.views import SiteInfo


@dataclass(frozen=True)
class FeedPlan:
    folder: str
    """'' for the site's feeds, else the type's folder."""
    info: FeedInfo
    pieces: list[Piece]


def plan_feeds(catalogue: Catalogue, site: SiteInfo, *, folders: dict[str, str], items: int, description: str,
               publisher: str, excluded: Collection[str] = ()) -> list[FeedPlan]:
    """The site feed and one feed per type, newest ``items`` published pieces each.

    ``excluded`` holds site-relative URLs kept out of feeds (pages marked unlisted).
    """
    pieces = [p for p in catalogue.feed_pieces if site.piece_url(p) not in excluded]
    plans = [FeedPlan("", FeedInfo(site.site_name, description, site.absolute(""), site.absolute(""),
                                   site.lang, publisher), pieces[:items])]
    for key, folder in folders.items():
        of_type = [p for p in pieces if p.type == key][:items]
        title = f"{site.site_name}: {site.type_label(key, site.lang)}"
        base = site.absolute(f"{folder}/")
        plans.append(FeedPlan(folder, FeedInfo(title, description, site.absolute(site.type_urls.get(key, folder + "/")),
                                               base, site.lang, publisher), of_type))
    return plans


def feed_keys(plans: list[FeedPlan]) -> set[str]:
    """Pieces whose rendered HTML the feeds need (captured once, while the page renders)."""
    return {p.key for plan in plans for p in plan.pieces}


def feed_item(piece: Piece, site: SiteInfo, html: str | None, image: str) -> FeedItem:
    url = site.absolute(site.piece_url(piece))
    return FeedItem(
        url=url,
        title=piece.title,
        summary=piece.summary,
        published=piece.date,
        updated=piece.updated or piece.date,
        lang=piece.lang,
        content_html=absolute_html(html, url) if html else "",
        authors=tuple(site.authors[k].name for k in piece.authors if k in site.authors),
        tags=piece.tags,
        image=image,
    )


def write_all(plans: list[FeedPlan], site: SiteInfo, site_dir: Path, html: dict[str, str], *,
              now: dt.datetime, full_text: bool) -> list[Path]:
    """Write every planned feed under ``site_dir``; return the files written."""
    written: list[Path] = []
    for plan in plans:
        items = [
            feed_item(p, site, html.get(p.key) if full_text else None,
                      site.absolute(p.cover) if p.cover else "")
            for p in plan.pieces
        ]
        folder = site_dir / plan.folder if plan.folder else site_dir
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in write_feeds(plan.info, items, now=now).items():
            path = folder / name
            path.write_bytes(data)
            written.append(path)
    return written


__all__ = ["FeedPlan", "feed_item", "feed_keys", "plan_feeds", "write_all"]
