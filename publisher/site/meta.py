"""Head tags that make a shared link look right: Open Graph, Twitter Card, canonical, JSON-LD Article.

Pure functions returning data; the theme writes them (escaped) in <head>.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from markupsafe import Markup

from publisher.content import Author, Piece
from publisher.site.i18n import og_locale


@dataclass(frozen=True, slots=True)
class MetaTag:
    attr: str
    """'property' for Open Graph, 'name' for Twitter and plain meta."""
    key: str
    content: str


@dataclass(frozen=True, slots=True)
class Head:
    """What one page puts in its <head> besides Material's own tags."""

    tags: list[MetaTag]
    canonical: str = ""
    json_ld: str = ""


def _twitter_handle(handle: str) -> str:
    return "@" + handle.lstrip("@") if handle else ""


def website_head(*, title: str, description: str, url: str, site_name: str, lang: str, image: str = "",
                 twitter_site: str = "") -> Head:
    """Open Graph and Twitter tags for a page that is not a piece (home, indexes)."""
    tags = [
        MetaTag("property", "og:type", "website"),
        MetaTag("property", "og:site_name", site_name),
        MetaTag("property", "og:title", title),
        MetaTag("property", "og:url", url),
        MetaTag("property", "og:locale", og_locale(lang)),
    ]
    if description:
        tags.append(MetaTag("property", "og:description", description))
    if image:
        tags.append(MetaTag("property", "og:image", image))
    tags.append(MetaTag("name", "twitter:card", "summary_large_image" if image else "summary"))
    if twitter_site:
        tags.append(MetaTag("name", "twitter:site", _twitter_handle(twitter_site)))
    return Head(tags, canonical=url)


def piece_head(piece: Piece, *, url: str, image: str, site_name: str, organization: str, authors: list[Author],
               author_urls: list[str], twitter_site: str = "", logo: str = "",
               translation_lang: str = "") -> Head:
    """Every tag a piece page needs; ``url`` and ``image`` are absolute."""
    canonical = piece.canonical_url or url
    tags = [
        MetaTag("property", "og:type", "article"),
        MetaTag("property", "og:site_name", site_name),
        MetaTag("property", "og:title", piece.title),
        MetaTag("property", "og:description", piece.summary),
        MetaTag("property", "og:url", url),
        MetaTag("property", "og:locale", og_locale(piece.lang)),
    ]
    if translation_lang:
        tags.append(MetaTag("property", "og:locale:alternate", og_locale(translation_lang)))
    if image:
        tags.append(MetaTag("property", "og:image", image))
        if piece.cover_alt:
            tags.append(MetaTag("property", "og:image:alt", piece.cover_alt))
    tags.append(MetaTag("property", "article:published_time", piece.date.isoformat()))
    if piece.updated:
        tags.append(MetaTag("property", "article:modified_time", piece.updated.isoformat()))
    tags.extend(MetaTag("property", "article:author", a.name) for a in authors)
    tags.extend(MetaTag("property", "article:tag", t) for t in piece.tags)
    if authors:
        tags.append(MetaTag("name", "author", ", ".join(a.name for a in authors)))
    tags += [
        MetaTag("name", "twitter:card", "summary_large_image" if image else "summary"),
        MetaTag("name", "twitter:title", piece.title),
        MetaTag("name", "twitter:description", piece.summary),
    ]
    if image:
        tags.append(MetaTag("name", "twitter:image", image))
        if piece.cover_alt:
            tags.append(MetaTag("name", "twitter:image:alt", piece.cover_alt))
    if twitter_site:
        tags.append(MetaTag("name", "twitter:site", _twitter_handle(twitter_site)))
    creator = next((a.handles["x"] for a in authors if a.handles.get("x")), "")
    if creator:
        tags.append(MetaTag("name", "twitter:creator", _twitter_handle(creator)))
    return Head(tags, canonical=canonical, json_ld=article_json_ld(
        piece, url=url, image=image, organization=organization, authors=authors, author_urls=author_urls,
        logo=logo))


def article_json_ld(piece: Piece, *, url: str, image: str, organization: str, authors: list[Author],
                    author_urls: list[str], logo: str = "") -> str:
    """schema.org Article as JSON, safe to put inside <script> (no '<' left unescaped)."""
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": piece.title,
        "description": piece.summary,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": piece.canonical_url or url},
        "datePublished": piece.date.isoformat(),
        "dateModified": (piece.updated or piece.date).isoformat(),
        "inLanguage": piece.lang,
        "wordCount": piece.word_count,
        "author": [
            {"@type": "Person", "name": a.name, **({"url": u} if u else {}),
             **({"jobTitle": a.role_in(piece.lang)} if a.role_in(piece.lang) else {})}
            for a, u in zip(authors, author_urls, strict=True)
        ] or [{"@type": "Organization", "name": organization}],
        "publisher": {"@type": "Organization", "name": organization, **(
            {"logo": {"@type": "ImageObject", "url": logo}} if logo else {})},
    }
    if image:
        data["image"] = [image]
    if piece.tags:
        data["keywords"] = ", ".join(piece.tags)
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # '</script>' inside a title would end the script element; \u003c is the same character to JSON.
    # Markup: the template writes it as it is (it is JSON made safe above, not text).
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


__all__ = ["Head", "MetaTag", "article_json_ld", "piece_head", "website_head"]
