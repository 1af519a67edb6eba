"""The 404 page: one file for the whole site, so it speaks every language of the site.

    view = not_found_view(catalogue, site, languages=["en", "fr"], count=4)

The site's language comes first (the heading), then a short message in each other language, each
with the way home and the way to search; below them, the latest published pieces to read instead.
The page is served at any depth (a mistyped /articles/x/y/), so every link in it goes through the
``url`` filter with MkDocs' 404 base URL, the path of site_url.
"""

from __future__ import annotations

from dataclasses import dataclass

from publisher.content.language import base_lang
from publisher.site.catalogue import Catalogue
from publisher.site.i18n import label
from publisher.site.views import Card, SiteInfo, card


@dataclass(frozen=True, slots=True)
class NotFoundMessage:
    lang: str
    title: str
    text: str
    home: str
    search: str
    tip: str


@dataclass(frozen=True)
class NotFoundView:
    messages: list[NotFoundMessage]
    """The site's language first."""
    latest_title: str
    cards: list[Card]


def not_found_view(catalogue: Catalogue, site: SiteInfo, *, languages: list[str], count: int = 4) -> NotFoundView:
    order = [site.lang, *(lang for lang in languages if base_lang(lang) != base_lang(site.lang))]
    messages = [NotFoundMessage(lang, label(lang, "not_found_title"), label(lang, "not_found_text"),
                                label(lang, "back_home"), label(lang, "search_site"), label(lang, "search_tip"))
                for lang in order]
    published = catalogue.feed_pieces[:count]
    return NotFoundView(messages, label(site.lang, "read_instead"), [card(p, site) for p in published])


__all__ = ["NotFoundMessage", "NotFoundView", "not_found_view"]
