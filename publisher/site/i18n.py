"""Labels of the site in French and English, and dates written the way each language writes them.

A piece is labelled in its own language, not the site's: a French piece on an English site says
« Points clés ». No locale module or extra dependency: the two languages are small enough to spell
out, and the system locale of a CI machine is not something a build should depend on.
"""

from __future__ import annotations

import re

from publisher.content.language import NBSP, NNBSP, base_lang, format_date

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "takeaways": "Key takeaways",
        "reading_time": "Reading time",
        "reading_time_value": "Reading time: {n} min",
        "minutes": "{n} min",
        "min_read": "{n} min read",
        "by": "By",
        "published": "Published",
        "updated": "Updated {date}",
        "share": "Share",
        "share_on": "Share on {network}",
        "share_by_email": "Share by email",
        "email": "Email",
        "related": "Related reading",
        "download_pdf": "Download the PDF",
        "see_all": "See all",
        "latest": "Latest",
        "page_of": "Page {n} of {total}",
        "newer": "Newer",
        "older": "Older",
        "pagination": "Pages",
        "tags": "Topics",
        "tag_title": "Topic: {tag}",
        "authors": "Authors",
        "author_pieces": "By {name}",
        "pieces_count": "{n} pieces",
        "piece_count": "1 piece",
        "draft": "Draft: shown only in the preview (mkdocs serve), never in a build.",
        "scheduled": "Scheduled for {date}: shown in the preview only until then.",
        "subscribe": "Subscribe:",
        "nothing_yet": "Nothing published here yet.",
        "guest": "With {name}",
        "event": "Event",
        "in_brief": "In brief",
        "home_lead": "Latest pieces",
        "home": "Home",
        "draft_badge": "Draft",
        "scheduled_badge": "Scheduled",
        "feeds": "Feeds",
        "made_with": "Made with",
        "not_found_title": "Page not found",
        "not_found_text": "The page you asked for does not exist, or it has moved.",
        "back_home": "Back to the home page",
        "search_site": "Search the site",
        "search_tip": "Tip: press / on any page to search.",
        "read_instead": "Latest pieces",
        "email_body": "{summary}\n\nRead more: {url}",
    },
    "fr": {
        "takeaways": "Points clés",
        "reading_time": "Temps de lecture",
        "reading_time_value": f"Temps de lecture{NBSP}: {{n}}{NBSP}min",
        "minutes": f"{{n}}{NBSP}min",
        "min_read": f"{{n}}{NBSP}min de lecture",
        "by": "Par",
        "published": "Publié le",
        "updated": "Mis à jour le {date}",
        "share": "Partager",
        "share_on": "Partager sur {network}",
        "share_by_email": "Partager par e-mail",
        "email": "E-mail",
        "related": "À lire aussi",
        "download_pdf": "Télécharger le PDF",
        "see_all": "Tout voir",
        "latest": "À la une",
        "page_of": "Page {n} sur {total}",
        "newer": "Plus récents",
        "older": "Plus anciens",
        "pagination": "Pages",
        "tags": "Thèmes",
        "tag_title": f"Thème{NBSP}: {{tag}}",
        "authors": "Auteurs",
        "author_pieces": "Par {name}",
        "pieces_count": "{n} publications",
        "piece_count": "1 publication",
        "draft": f"Brouillon{NBSP}: visible seulement dans l’aperçu (mkdocs serve), jamais dans une construction.",
        "scheduled": f"Programmé pour le {{date}}{NBSP}: visible seulement dans l’aperçu d’ici là.",
        "subscribe": f"S’abonner{NBSP}:",
        "nothing_yet": "Rien de publié ici pour l’instant.",
        "guest": "Avec {name}",
        "event": "Événement",
        "in_brief": "En bref",
        "home_lead": "Dernières publications",
        "home": "Accueil",
        "draft_badge": "Brouillon",
        "scheduled_badge": "Programmé",
        "feeds": "Flux",
        "made_with": "Réalisé avec",
        "not_found_title": "Page introuvable",
        "not_found_text": "La page demandée n’existe pas, ou elle a changé d’adresse.",
        "back_home": "Retour à l’accueil",
        "search_site": "Rechercher sur le site",
        "search_tip": f"Astuce{NBSP}: appuyez sur / depuis n’importe quelle page pour lancer une recherche.",
        "read_instead": "Dernières publications",
        "email_body": f"{{summary}}\n\nLire la suite{NBSP}: {{url}}",
    },
}

# The switch to a translation is written in the language it leads to, so its reader recognises it.
READ_IN: dict[str, str] = {"en": "Read in English", "fr": "Lire en français"}
LANGUAGE_NAMES: dict[str, str] = {"en": "English", "fr": "Français"}
OG_LOCALES: dict[str, str] = {"en": "en_US", "fr": "fr_FR"}

def labels(lang: str) -> dict[str, str]:
    """Every label in ``lang``, English for a language we have no labels for."""
    return LABELS.get(base_lang(lang), LABELS["en"])


def label(lang: str, key: str, **values: object) -> str:
    text = labels(lang).get(key) or LABELS["en"][key]
    return text.format(**values) if values else text


def quoted(text: str, lang: str) -> str:
    """Words between the quotation marks of their language: « … » in French, “…” in English."""
    if base_lang(lang) == "fr":
        return f"«{NBSP}{text}{NBSP}»"
    return f"“{text}”"


def reading_time(minutes: int, lang: str) -> str:
    return label(lang, "min_read", n=minutes)


def og_locale(lang: str) -> str:
    """Open Graph wants language_TERRITORY."""
    if "-" in lang:
        first, region = lang.split("-", 1)
        return f"{first.lower()}_{region.upper()}"
    return OG_LOCALES.get(lang, lang)


__all__ = ["LABELS", "LANGUAGE_NAMES", "NBSP", "NNBSP", "READ_IN", "base_lang", "format_date",
           "label", "labels", "og_locale", "quoted", "reading_time"]
