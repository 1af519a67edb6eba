"""The MkDocs plugin: thin event handlers over publisher.content and the publisher.site modules.

    on_config   load and validate every piece once; choose what this build shows (now, drafts)
    on_files    drop unpublished pieces and the authors file, give pieces <folder>/<slug>/ URLs,
                add the generated listing pages (home, types, tags, authors)
    on_nav      a short navigation (home, one entry per type, topics): never one entry per piece
    on_page_*   pieces skip a second front matter parse, get their template and language, and
                their rendered HTML is kept for the feeds; every page gets its ``publisher`` view
                (share kits at /share/<folder>/<slug>/ come from publisher.site.kits)
    on_post_build   RSS, Atom and JSON Feed for the site and for each type

Pages kept out of the sitemap, search and feeds: set ``unlisted: true`` in a page's meta, or add
its site-relative URL to ``PublisherPlugin.unlisted`` before pages are read (in ``on_files``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from publisher.config import Settings, settings_from
from publisher.config.schema import PublisherConfig
from publisher.content import Library, Piece, load_library
from publisher.content.typography import french_spacing
from publisher.errors import ContentError
from publisher.site import escaping
from publisher.site.build_marker import write_marker
from publisher.site.catalogue import Catalogue, build_catalogue
from publisher.site.chrome import NavLabels
from publisher.site.context import Options, PageData, image_url, listing_page, piece_page, plain_page
from publisher.site.error_page import error_page
from publisher.site.i18n import base_lang, label, labels
from publisher.site.kits import KitPages
from publisher.site.material_plugins import (
    card_left_to_social,
    hand_tags,
    keep_our_card,
    social_plugin,
    tags_plugin,
    without_card_tags,
)
from publisher.site.meta import Head
from publisher.site.not_found import not_found_view
from publisher.site.pages import (
    AUTHOR,
    GENERATED_BY,
    HOME,
    TAG,
    TAG_INDEX,
    TYPE,
    Listing,
    add_listing_files,
    first_pages,
    plan_listings,
)
from publisher.site.private_assets import assets_of_unpublished
from publisher.site.pullquotes import place_quotes
from publisher.site.syndication import FeedPlan, feed_keys, plan_feeds, write_all
from publisher.site.typography import TypographyExtension
from publisher.site.views import SiteInfo

log = logging.getLogger("mkdocs.plugins.publisher")

TEMPLATES = {"piece": "piece.html", "landing": "landing.html", "listing": "listing.html", "home": "home.html"}


class PublisherPlugin(BasePlugin[PublisherConfig]):
    """Turns content/ pieces into pages, indexes, feeds and meta tags."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.library: Library | None = None
        self.serving = False
        self.now: dt.datetime | None = None
        """The build instant; None means the clock at on_config (tests and previews may pin it)."""
        self.unlisted: set[str] = set()
        self._reset()

    def _reset(self) -> None:
        self.catalogue: Catalogue | None = None
        self.site: SiteInfo | None = None
        self.options: Options | None = None
        self.listings: dict[str, Listing] = {}
        self.folders: dict[str, str] = {}
        self.feed_html: dict[str, str] = {}
        self.feed_keys: set[str] = set()
        self.files: Files | None = None
        self.themed = False
        self.ui_langs: set[str] = set()
        self._active: Page | None = None
        self.kits = KitPages()
        self.page_lang = ""
        """Language of the page being converted, for TypographyExtension ("" leaves it alone)."""
        self.nav_labels = NavLabels("en")
        self.content_problems: list[str] = []
        """While serving: the content's problems, shown at every URL instead of the site."""

    # -- events -------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        self._reset()
        self.unlisted = set()
        self.settings = settings_from(self.config, Path(config.config_file_path), config)
        try:
            self.library = load_library(self.settings)
        except ContentError as e:
            if not self.serving:
                raise PluginError(e.render()) from None
            # A raised error would leave the browser waiting for a reload that never comes.
            log.error(e.render())
            self.content_problems = [str(p) for p in e.problems]
            return config
        for warning in self.library.warnings:
            log.warning(warning)
        _add_packaged_theme(config)
        self._resolve_site(config)
        if not any(isinstance(e, TypographyExtension) for e in config.markdown_extensions):
            config.markdown_extensions.append(TypographyExtension(lambda: self.page_lang))
        return config

    @event_priority(50)  # before other plugins look at URLs: pieces must already be at <folder>/<slug>/
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.catalogue is None:
            return files
        self.files = files
        self._resolve_pieces(files, config)
        self._remove_private_files(files)
        self._remove_unpublished_assets(files, config)
        self._generate_listings(files, config)
        assert self.site is not None and self.settings is not None
        self.unlisted |= self.kits.add_files(files, config, self.catalogue, self.site, self.settings)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled or self.catalogue is None or config.nav:
            return nav
        return self._resolve_nav(nav)

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or self.catalogue is None:
            return None
        piece = self.catalogue.by_src.get(page.file.src_uri)
        if piece is None:
            return None
        # The loader parsed the front matter already; hand MkDocs the body alone.
        return "\n" + piece.body if piece.body.startswith("---") else piece.body

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.catalogue is None:
            return markdown
        src = page.file.src_uri
        piece = self.catalogue.by_src.get(src)
        self.page_lang = piece.lang if piece is not None else self.config.lang  # for TypographyExtension
        if piece is not None:
            self._prepare_piece_page(page, piece)
        elif src in self.listings:
            self._prepare_listing_page(page, self.listings[src])
        elif src in self.kits.by_src:
            self.kits.prepare(page, ui_lang=self._ui_lang(self.kits.by_src[src].lang), themed=self.themed)
        page.meta.setdefault("publisher_lang", self._ui_lang(self.config.lang))
        if page.meta.get("unlisted") or page.url in self.unlisted:
            self._unlist(page)
        self._meet_material_plugins(page, piece, config)
        escaping.escape_page_text(page.meta)  # every page, before any template (nav included) runs
        return markdown

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if not self.config.enabled:
            return env
        escaping.configure(env, escaping.own_templates(_publisher_dirs(config)))
        return env

    def _meet_material_plugins(self, page: Page, piece: Piece | None, config: MkDocsConfig) -> None:
        """One tag system with Material's tags plugin, one og:image with its social plugin."""
        assert self.site is not None and self.options is not None
        tags = tags_plugin(config)
        if tags is not None and piece is not None:
            hand_tags(page, piece.tags, tags)
        if social_plugin(config) is not None and image_url(piece, self.site, self.options):
            keep_our_card(page)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled or self.catalogue is None:
            return html
        piece = self.catalogue.by_src.get(page.file.src_uri)
        if piece is None:
            return html
        html = place_quotes(html, piece.quotes, piece.lang)
        if base_lang(piece.lang) == "fr":
            _respace_toc(page.toc)
        if piece.key in self.feed_keys:
            self.feed_html[piece.key] = html
        return html

    def on_page_context(self, context: dict[str, Any], *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict[str, Any] | None:
        if not self.config.enabled or self.catalogue is None:
            return context
        data = self.kits.page_data(page) or self._render_page_data(page)
        if social_plugin(config) is not None and card_left_to_social(page):
            data = dataclasses.replace(data, head=without_card_tags(data.head))
        context["publisher"] = data
        self.nav_labels.show(data.lang)
        return context

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        """Theme edits rebuild the preview too (MkDocs watches theme folders only with --watch-theme)."""
        custom = config.theme.custom_dir
        if self.config.enabled and custom and os.path.isdir(custom):
            server.watch(custom)
        return server

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.content_problems:
            return error_page(self.content_problems, config.site_name)
        self.nav_labels.show(self.nav_labels.site_lang)
        if self._active is not None:
            self._active.active = False
            self._active = None
        return output

    def on_template_context(self, context: dict[str, Any], *, template_name: str,
                            config: MkDocsConfig) -> dict[str, Any] | None:
        """404.html has no page: it gets the site's labels and what to read instead."""
        if not self.config.enabled or self.catalogue is None or self.site is None or template_name != "404.html":
            return context
        self.nav_labels.show(self.nav_labels.site_lang)
        context["publisher"] = PageData(lang=self.site.lang, labels=labels(self.site.lang), head=Head(tags=[]))
        context["publisher_404"] = not_found_view(self.catalogue, self.site, languages=list(self.config.languages))
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.content_problems:
            Path(config.site_dir, "404.html").write_text(error_page(self.content_problems, config.site_name),
                                                         encoding="utf-8")
        if not self.config.enabled or self.catalogue is None or self.site is None:
            return
        if self.config.site.feeds.enabled:
            self._generate_feeds(config)
        if not self.serving:
            write_marker(Path(config.site_dir), built_at=self.catalogue.now, pages=len(self.catalogue.pieces))

    # -- work ---------------------------------------------------------------------------------

    def _resolve_site(self, config: MkDocsConfig) -> None:
        """Choose what this build shows and gather what the views need."""
        assert self.settings is not None and self.library is not None
        cfg = self.config
        now = self.now or dt.datetime.now(dt.UTC)
        self.catalogue = build_catalogue(self.library, now=now, serving=self.serving, types=list(cfg.types))
        theme_lang = config.theme.get("language")
        if theme_lang and theme_lang != cfg.lang:
            log.warning(f"mkdocs.yml: 'theme.language' is {theme_lang!r} but 'plugins.publisher.lang' is "
                        f"{cfg.lang!r}; set both to the same language so Material's labels match ours")
        site_url = (config.site_url or "").strip()
        if not site_url:
            log.warning("mkdocs.yml: 'site_url' is not set; social cards, canonical links and feeds need "
                        "absolute URLs, so they will be site-relative")
        elif not site_url.endswith("/"):
            site_url += "/"
        self.folders = {key: spec.folder.strip("/") for key, spec in cfg.types.items()}
        self.site = SiteInfo(
            site_url=site_url,
            site_name=config.site_name,
            lang=cfg.lang,
            zone=self.settings.zone,
            type_names={key: dict(spec.name) for key, spec in cfg.types.items()},
            landing_types={key for key, spec in cfg.types.items() if spec.landing},
            authors=self.library.authors,
            share_networks=list(cfg.site.share.networks),
            share_medium=cfg.site.share.utm_medium,
            mastodon_instance=cfg.site.share.mastodon_instance,
            cta_labels=dict(cfg.site.cta.label),
            cta_url=cfg.site.cta.url,
            related_count=cfg.site.related,
        )
        self.options = Options(
            organization=cfg.site.organization or config.site_name,
            twitter_site=cfg.site.twitter_site or "",
            default_image=cfg.site.default_image or "",
            home_per_type=cfg.site.home_per_type,
            feeds=cfg.site.feeds.enabled,
            site_description=config.site_description or "",
        )
        self.themed = any(os.path.isfile(os.path.join(d, TEMPLATES["piece"])) for d in config.theme.dirs)
        self.ui_langs = {
            name.removesuffix(".html") for d in config.theme.dirs
            if os.path.isdir(os.path.join(d, "partials", "languages"))
            for name in os.listdir(os.path.join(d, "partials", "languages"))
        }
        if not self.themed:
            log.warning("publisher: the theme has no piece.html (set 'theme.custom_dir: theme' with the "
                        "publisher templates); pages use Material's plain layout")

    def _resolve_pieces(self, files: Files, config: MkDocsConfig) -> None:
        """Unpublished pieces leave the build; published ones move to <folder>/<slug>/."""
        assert self.catalogue is not None and self.site is not None
        for src in self.catalogue.hidden_src:
            file = files.get_file_from_path(src)
            if file is not None:
                files.remove(file)
        directory_urls = config.use_directory_urls
        for src, piece in self.catalogue.by_src.items():
            file = files.get_file_from_path(src)
            if file is None:
                continue
            dest = f"{piece.folder}/{piece.slug}/index.html" if directory_urls else f"{piece.folder}/{piece.slug}.html"
            file.dest_uri = dest
            file.url = dest.removesuffix("index.html") if directory_urls else dest
            file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, dest))
            # Pieces stay out of the sidebar: a nav listing every piece makes the output quadratic.
            file.inclusion = InclusionLevel.NOT_IN_NAV
            self.site.piece_urls[piece.key] = file.url

    def _remove_private_files(self, files: Files) -> None:
        """The authors and ambassadors files feed the build; they are not for readers."""
        for name in (self.config.authors_file, self.config.ambassadors_file):
            file = files.get_file_from_path(name)
            if file is not None:
                files.remove(file)

    def _remove_unpublished_assets(self, files: Files, config: MkDocsConfig) -> None:
        """Covers, PDFs and images that only drafts and future pieces use stay out of site/."""
        assert self.catalogue is not None and self.library is not None
        hidden = [p for p in self.library.pieces if p.src_uri in self.catalogue.hidden_src]
        if not hidden:
            return
        others = [(f.src_uri, f.content_string) for f in files.documentation_pages()
                  if f.src_uri not in self.catalogue.by_src and not f.generated_by]
        others.append(("", "\n".join(f"![]({ref})" for ref in self._config_assets(config))))
        for src in assets_of_unpublished(self.catalogue.pieces, hidden, others,
                                         lambda src: files.get_file_from_path(src) is not None):
            file = files.get_file_from_path(src)
            if file is not None:
                files.remove(file)

    def _config_assets(self, config: MkDocsConfig) -> list[str]:
        """Files under content/ that the configuration and the authors use, whatever pieces say."""
        assert self.library is not None
        refs = [a.avatar for a in self.library.authors.values() if a.avatar]
        refs += [str(x) for x in (config.theme.get("logo"), config.theme.get("favicon"),
                                  self.config.site.default_image) if x]
        refs += [str(x) for x in (*config.extra_css, *config.extra_javascript)]
        return refs

    def _generate_listings(self, files: Files, config: MkDocsConfig) -> None:
        assert self.catalogue is not None and self.site is not None and self.library is not None
        site = self.site
        types = {key: (folder, site.type_label(key, site.lang)) for key, folder in self.folders.items()}
        planned = plan_listings(self.catalogue, types=types, authors=self.library.authors, lang=site.lang,
                                per_page=self.config.site.per_page)
        self.listings = add_listing_files(planned, files, config)
        site.type_urls = {k: v.url for k, v in first_pages(planned, TYPE).items()}
        site.tag_urls = {k: v.url for k, v in first_pages(planned, TAG).items()}
        site.author_urls = {k: v.url for k, v in first_pages(planned, AUTHOR).items()}
        # Known before pages render, so only the HTML the feeds will list is kept.
        self.feed_keys = feed_keys(self._plan_feeds(config)) if self.config.site.feeds.enabled else set()

    def _plan_feeds(self, config: MkDocsConfig) -> list[FeedPlan]:
        assert self.catalogue is not None and self.site is not None and self.options is not None
        return plan_feeds(self.catalogue, self.site, folders=self.folders, items=self.config.site.feeds.items,
                          description=self.options.site_description, publisher=self.options.organization,
                          excluded=self.unlisted)

    def _resolve_nav(self, nav: Navigation) -> Navigation:
        """Home, one entry per type that has pieces, then topics; the writer's own pages stay."""
        listing_pages = [
            self._page_of(item) for item in self.listings.values()
            if item.number == 1 and (item.kind == TAG_INDEX or (item.kind == TYPE and item.pieces))
        ]
        ours = [p for p in listing_pages if p is not None]
        home = self.listings.get("index.md")
        home_page = self._page_of(home) if home else None
        items = [i for i in nav.items if i is not home_page and i not in ours]
        head = [home_page] if home_page is not None else []
        items = head + ours + items
        pages = list(_pages_in(items))
        for before, after in itertools.pairwise(pages):
            before.next_page, after.previous_page = after, before
        for page in ours + head:
            page.parent = None
        self._label_nav(home_page)
        return Navigation(items, pages)

    def _label_nav(self, home_page: Page | None) -> None:
        """The tabs of a page in another language than the site's are in that language too."""
        assert self.site is not None
        self.nav_labels = NavLabels(self.config.lang)
        langs = [base_lang(lang) for lang in self.config.languages]
        if home_page is not None:
            # In the site's language the home tab keeps the writer's title (content/index.md).
            self.nav_labels.add(home_page, {lang: label(lang, "home") for lang in langs
                                            if lang != self.nav_labels.site_lang})
        for listing in self.listings.values():
            page = self._page_of(listing) if listing.number == 1 else None
            if page is None:
                continue
            if listing.kind == TYPE:
                self.nav_labels.add(page, {lang: self.site.type_label(listing.key, lang) for lang in langs})
            elif listing.kind == TAG_INDEX:
                self.nav_labels.add(page, {lang: label(lang, "tags") for lang in langs})

    def _page_of(self, listing: Listing) -> Page | None:
        file = self.files.get_file_from_path(listing.src_uri) if self.files is not None else None
        return file.page if file is not None else None

    def _prepare_piece_page(self, page: Page, piece: Piece) -> None:
        page.meta.update(piece.extra)
        page.meta["title"] = piece.title
        page.meta["description"] = piece.summary
        page.meta["publisher_lang"] = self._ui_lang(piece.lang)
        page.meta["publisher_alternates"] = self._alternates(piece)
        if self.themed and "template" not in piece.extra:
            landing = self.site is not None and piece.type in self.site.landing_types
            page.meta["template"] = TEMPLATES["landing" if landing else "piece"]
        hide = page.meta.setdefault("hide", [])
        if isinstance(hide, list) and "navigation" not in hide:
            hide.append("navigation")  # the tabs already say where the reader is

    def _prepare_listing_page(self, page: Page, listing: Listing) -> None:
        if listing.kind != HOME:
            page.meta["title"] = listing.title
        elif page.file.generated_by == GENERATED_BY:  # no content/index.md: the home page is ours
            page.meta["title"] = label(self.config.lang, "home")
        if self.themed and "template" not in page.meta:
            page.meta["template"] = TEMPLATES["home" if listing.kind == HOME else "listing"]
        hide = page.meta.setdefault("hide", [])
        if isinstance(hide, list):
            hide.extend(x for x in ("toc", "navigation") if x not in hide)
        if listing.number > 1:  # later pages repeat what the pieces themselves say
            page.meta.setdefault("search", {})["exclude"] = True

    def _alternates(self, piece: Piece) -> list[tuple[str, str]]:
        """(hreflang, absolute URL) of a piece and its shown translation, for the sitemap."""
        assert self.library is not None and self.catalogue is not None and self.site is not None
        other = self.library.translation_of(piece)
        if other is None or other.src_uri not in self.catalogue.by_src:
            return []
        return [(p.lang, self.site.absolute(self.site.piece_url(p))) for p in (piece, other)]

    def _ui_lang(self, lang: str) -> str:
        """The language Material's labels and <html lang> use: the piece's, if Material has it."""
        for candidate in (lang, lang.split("-")[0]):
            if candidate in self.ui_langs:
                return candidate
        return self.config.lang if self.config.lang in self.ui_langs else "en"

    def _unlist(self, page: Page) -> None:
        page.meta["unlisted"] = True
        search = page.meta.get("search")
        page.meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
        self.unlisted.add(page.url)

    def _render_page_data(self, page: Page) -> PageData:
        assert self.catalogue is not None and self.site is not None and self.options is not None
        assert self.library is not None
        src = page.file.src_uri
        piece = self.catalogue.by_src.get(src)
        if piece is not None:
            self._activate_type_tab(piece)
            return piece_page(piece, self.catalogue, self.site, self.options, self.folders,
                              self.library.translation_of(piece))
        listing = self.listings.get(src)
        if listing is not None:
            title = escaping.plain(page.title) if listing.kind == HOME else listing.title
            return listing_page(listing, self.catalogue, self.site, self.options, self.folders, title)
        description = escaping.plain(page.meta.get("description"))
        return plain_page(page.url, escaping.plain(page.title), description, self.site, self.options, self.folders)

    def _activate_type_tab(self, piece: Piece) -> None:
        """Highlight the piece's type in the tabs, though pieces are not in the navigation."""
        listing = self.listings.get(f"{self.folders.get(piece.type, '')}/index.md")
        page = self._page_of(listing) if listing else None
        if page is not None:
            page.active = True
            self._active = page

    def _generate_feeds(self, config: MkDocsConfig) -> None:
        assert self.catalogue is not None and self.site is not None
        plans = self._plan_feeds(config)  # again: pages may have been unlisted since on_files
        write_all(plans, self.site, Path(config.site_dir), self.feed_html, now=self.catalogue.now,
                  full_text=self.config.site.feeds.full_text)


def _respace_toc(items: Any) -> None:
    for item in items:
        item.title = french_spacing(item.title)
        _respace_toc(item.children)


def _pages_in(items: list[Any]) -> Iterator[Page]:
    """Pages of a navigation tree in reading order."""
    for item in items:
        if isinstance(item, Page):
            yield item
        elif getattr(item, "children", None):
            yield from _pages_in(item.children)


__all__ = ["TEMPLATES", "PublisherPlugin"]


def _publisher_dirs(config: MkDocsConfig) -> list[str]:
    """The theme folders that hold publisher templates: the packaged one and the project's overrides."""
    dirs = [config.theme.custom_dir] if config.theme.custom_dir else []
    try:
        from importlib.resources import files

        dirs.append(str(files("publisher.theme")))
    except ModuleNotFoundError:
        pass
    return [d for d in dirs if d and os.path.isdir(d)]


def _add_packaged_theme(config: MkDocsConfig) -> None:
    """Put publisher's own templates (theme/, shipped as publisher.theme) behind the project's
    overrides and ahead of Material's, so a project needs no copy of them in its custom_dir."""
    if config.theme.name != "material":
        return
    from importlib.resources import files

    try:
        packaged = os.path.realpath(str(files("publisher.theme")))
    except ModuleNotFoundError:
        return
    dirs = config.theme.dirs
    if any(os.path.realpath(d) == packaged for d in dirs):
        return
    custom = config.theme.custom_dir
    first_is_custom = bool(custom and dirs and os.path.realpath(dirs[0]) == os.path.realpath(custom))
    dirs.insert(1 if first_is_custom else 0, packaged)
