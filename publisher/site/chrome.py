"""The site's navigation in each page's language: a French page gets French tabs.

MkDocs builds one navigation for the whole site, and Material draws the tabs and the drawer from
its entries' titles. Our entries (home, one per type, topics) are relabelled before each page is
rendered and set back to the site's language after it, so pages that render without a page context
(404.html, written last) get the site's own labels.

    nav = NavLabels(site_lang="en")
    nav.add(page, {"en": "White papers", "fr": "Livres blancs"})
    nav.show("fr")      # before rendering a French page
    nav.show("en")      # after it
"""

from __future__ import annotations

from typing import Any

from publisher.content.language import base_lang


class NavLabels:
    """Titles of the plugin's own navigation entries, per language."""

    def __init__(self, site_lang: str) -> None:
        self.site_lang = base_lang(site_lang)
        self.entries: list[tuple[Any, dict[str, str]]] = []
        """(page, {language: title}) for each entry, without the site's language."""
        self.shown = self.site_lang

    def add(self, page: Any, titles: dict[str, str]) -> None:
        """``titles`` maps a base language to the entry's title. In the site's language, and in a
        language without a title here, the page keeps its own (a writer's home page title, say)."""
        self.entries.append((page, {k: v for k, v in titles.items() if k != self.site_lang}))

    def show(self, lang: str) -> None:
        lang = base_lang(lang)
        if lang == self.shown:
            return
        for page, titles in self.entries:
            # Page.title is a non-data descriptor in MkDocs: an attribute set on the page wins over
            # it, and removing the attribute gives the page its own title back.
            if lang in titles:
                page.title = titles[lang]
            else:
                page.__dict__.pop("title", None)
        self.shown = lang


__all__ = ["NavLabels"]
