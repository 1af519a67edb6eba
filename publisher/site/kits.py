"""Share kit pages: /share/<type folder>/<slug>/ for every published piece.

    on_files     KitPages.add_files   one generated page per published piece (never a draft or a
                                      future piece, even under `mkdocs serve`); the plugin adds their
                                      URLs to its unlisted set, so the sitemap, the search index and
                                      the feeds leave them out
    on_page_*    KitPages.prepare     template kit.html, the piece's language, its title
                 KitPages.page_data   the page's ``publisher`` object: robots noindex and the KitView

One static page per piece, not one per ambassador: theme/assets/javascripts/kit.js reads
?a=<ambassador key> and credits every link on the page (docs/share-kits.md says why). The page holds
no name and no list of ambassadors; the texts leave room for the longest key of the ambassadors file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import quote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from publisher.config import Settings
from publisher.content import Piece
from publisher.content.ambassadors import KEY_MAX, KEY_PATTERN, ambassadors_file, ambassadors_for
from publisher.networks.sharing import label as network_label
from publisher.kits.links import AMBASSADOR_PARAM, KIT_NETWORKS, kit_share_url, kit_src
from publisher.kits.texts import KitText, key_room, kit_texts
from publisher.site.catalogue import Catalogue
from publisher.site.context import PageData
from publisher.site.i18n import NBSP, base_lang, format_date, labels
from publisher.site.meta import Head, MetaTag
from publisher.site.pages import GENERATED_BY
from publisher.site.views import SiteInfo, local_day

log = logging.getLogger("mkdocs.plugins.publisher")

TEMPLATE = "kit.html"

KIT_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "kicker": "Share kit",
        "page_title": "Share kit: {title}",
        "intro": "Ready-to-post texts for your own accounts, written in your voice. Pick one, change a word "
                 "if you like, then copy it or share it in one click.",
        "read_piece": "Read the piece",
        "anonymous": "Open this kit from your personal link (it comes with the weekly digest) so the visits "
                     "you bring are credited to you.",
        "personal": "Links on this page credit the visits you bring to",
        "invalid": "The personal key in this address is not valid, so visits will not be credited. "
                   "Use the link from the weekly digest.",
        "copy_button": "Copy text",
        "copied": "Copied",
        "share_on": "Share on {network}",
        "linkedin_hint": "LinkedIn takes no ready-made text: its button copies the text, paste it into your post.",
        "linkedin_copied": "Text copied: paste it into your LinkedIn post.",
        "count": "{n} texts",
        "count_one": "1 text",
        "length": "{length} of {limit} characters as {network} counts them, link included",
        "none": "No text fits this network whole.",
        "networks": "Networks",
        "published": "Published {date}",
    },
    "fr": {
        "kicker": "Kit de partage",
        "page_title": f"Kit de partage{NBSP}: {{title}}",
        "intro": "Des textes prêts à publier sur vos propres comptes, à la première personne. Choisissez-en un, "
                 "changez un mot si vous le souhaitez, puis copiez-le ou partagez-le en un clic.",
        "read_piece": "Lire la publication",
        "anonymous": "Ouvrez ce kit depuis votre lien personnel (il arrive avec le récapitulatif de la semaine) "
                     "pour que les visites que vous apportez vous soient attribuées.",
        "personal": "Les liens de cette page attribuent les visites que vous apportez à",
        "invalid": "La clé personnelle de cette adresse n’est pas valide, les visites ne vous seront donc pas "
                   "attribuées. Utilisez le lien du récapitulatif de la semaine.",
        "copy_button": "Copier le texte",
        "copied": "Copié",
        "share_on": "Partager sur {network}",
        "linkedin_hint": f"LinkedIn n’accepte pas de texte prérempli{NBSP}: son bouton copie le texte, "
                         "collez-le dans votre publication.",
        "linkedin_copied": f"Texte copié{NBSP}: collez-le dans votre publication LinkedIn.",
        "count": "{n} textes",
        "count_one": "1 texte",
        "length": "{length} sur {limit} caractères comptés comme {network} les compte, lien compris",
        "none": "Aucun texte ne tient en entier sur ce réseau.",
        "networks": "Réseaux",
        "published": "Publié le {date}",
    },
}


def kit_labels(lang: str) -> dict[str, str]:
    return KIT_LABELS.get(base_lang(lang), KIT_LABELS["en"])


@dataclass(frozen=True, slots=True)
class KitTextView:
    """One text as the page shows it, with what kit.js needs to credit its links."""

    kind: str
    body: str
    text: str
    """What the copy button copies when the page knows no ambassador."""
    link: str
    link_q: str
    """The link percent-encoded, as it sits inside share_href (kit.js grows it with utm_content)."""
    share_href: str
    length: int
    limit: int
    length_text: str


@dataclass(frozen=True, slots=True)
class KitSection:
    """The texts of one network."""

    network: str
    name: str
    share_label: str
    count_text: str
    hint: str
    texts: tuple[KitTextView, ...]


@dataclass(frozen=True)
class KitView:
    """Everything a kit page shows."""

    key: str
    lang: str
    labels: dict[str, str]
    title: str
    summary: str
    type_key: str
    type_label: str
    date_text: str
    piece_url: str
    """Site-relative: the ambassador's own visit to the piece carries no UTM (it would count as theirs)."""
    cover: str | None
    sections: tuple[KitSection, ...]
    param: str = AMBASSADOR_PARAM
    key_pattern: str = KEY_PATTERN
    key_room: int = KEY_MAX


def published(catalogue: Catalogue) -> list[Piece]:
    """Pieces that get a kit: published at the build instant, even when the preview shows more."""
    return [p for p in catalogue.pieces if catalogue.is_published(p)]


def text_view(text: KitText, *, body_lang: str, mastodon_instance: str) -> KitTextView:
    words = kit_labels(body_lang)
    name = network_label(text.network)
    return KitTextView(
        kind=text.kind, body=text.body, text=text.text(), link=text.link, link_q=quote(text.link, safe=""),
        share_href=kit_share_url(text.network, body=text.body, link=text.link, mastodon_instance=mastodon_instance),
        length=text.length, limit=text.limit,
        length_text=words["length"].format(length=text.length, limit=text.limit, network=name),
    )


def kit_view(piece: Piece, site: SiteInfo, *, room: int, colleagues: set[str]) -> KitView:
    """The kit of one piece: 3 to 5 texts per network in the piece's language."""
    words = kit_labels(piece.lang)
    shown = [n for n in KIT_NETWORKS if n in site.share_networks] or list(KIT_NETWORKS)
    texts = kit_texts(piece, url=site.absolute(site.piece_url(piece)), campaign=piece.campaign or piece.slug,
                      networks_shown=shown, colleagues=colleagues, room=room)
    sections = []
    for network in shown:
        found = texts[network]
        name = network_label(network)
        sections.append(KitSection(
            network=network, name=name, share_label=words["share_on"].format(network=name),
            count_text=words["count_one"] if len(found) == 1 else words["count"].format(n=len(found)),
            hint=words["linkedin_hint"] if network == "linkedin" else "",
            texts=tuple(text_view(t, body_lang=piece.lang, mastodon_instance=site.mastodon_instance) for t in found),
        ))
    return KitView(
        key=piece.key, lang=piece.lang, labels=words, title=piece.title, summary=piece.summary, type_key=piece.type,
        type_label=site.type_label(piece.type, piece.lang),
        date_text=words["published"].format(date=format_date(local_day(piece.date, site.zone), piece.lang)),
        piece_url=site.piece_url(piece), cover=piece.cover, sections=tuple(sections), key_room=room,
    )


def kit_head() -> Head:
    """Kits are for colleagues, not for search engines."""
    return Head([MetaTag("name", "robots", "noindex")])


class KitPages:
    """The kit pages of one build: which virtual file is which piece's kit, and their views."""

    def __init__(self) -> None:
        self.by_src: dict[str, Piece] = {}
        self.site: SiteInfo | None = None
        self.room = KEY_MAX
        self.colleagues: set[str] = set()

    def add_files(self, files: Files, config: MkDocsConfig, catalogue: Catalogue, site: SiteInfo,
                  settings: Settings) -> set[str]:
        """Add one page per published piece; return their URLs (for the plugin's unlisted set)."""
        self.by_src, self.site = {}, site
        self.colleagues = {author.name for author in site.authors.values()}
        people, problems = ambassadors_for(settings)
        notice = ambassadors_file(settings)[1]
        if notice:
            # INFO, not WARNING: `mkdocs build --strict` (init's site workflow) must not fail on the
            # old place, which still works; check and doctor report it as a warning.
            log.info(notice)
        for problem in problems:  # the kits still work: texts then leave room for the longest key allowed
            log.warning(f"{problem} (share kits leave room for {KEY_MAX}-character keys until it is fixed)")
        self.room = KEY_MAX if problems else key_room(people)
        if not site.site_url:
            log.warning("mkdocs.yml: 'site_url' is not set; share kit texts carry site-relative links, which "
                        "no network can open: set it to the site's address")
        urls: set[str] = set()
        for piece in published(catalogue):
            src = kit_src(piece.key)
            existing = files.get_file_from_path(src)
            if existing is not None:
                files.remove(existing)
            file = File.generated(config, src, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            file.generated_by = GENERATED_BY
            files.append(file)
            self.by_src[src] = piece
            urls.add(file.url)
        return urls

    def prepare(self, page: Page, *, ui_lang: str, themed: bool) -> None:
        """Template, language and title of a kit page (the plugin unlists it: its URL is in the set
        add_files returned)."""
        piece = self.by_src[page.file.src_uri]
        page.meta["title"] = kit_labels(piece.lang)["page_title"].format(title=piece.title)
        page.meta["publisher_lang"] = ui_lang
        page.meta["hide"] = ["navigation", "toc"]
        if themed:
            page.meta["template"] = TEMPLATE

    def page_data(self, page: Page) -> PageData | None:
        """The ``publisher`` object of a kit page; None for any other page."""
        piece = self.by_src.get(page.file.src_uri)
        if piece is None or self.site is None:
            return None
        view = kit_view(piece, self.site, room=self.room, colleagues=self.colleagues)
        return PageData(lang=piece.lang, labels=labels(piece.lang), head=kit_head(), kit=view)


__all__ = ["KIT_LABELS", "TEMPLATE", "KitPages", "KitSection", "KitTextView", "KitView", "kit_head", "kit_labels",
           "kit_view", "published"]
