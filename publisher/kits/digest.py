"""The weekly digest: the kits that are new since a moment, for the comms lead to send.

    Digest ──render_markdown──> digest-2026-11-22.md     (a chat message, a wiki page, a plain e-mail)
           └─render_html──────> digest-2026-11-22.html   (an e-mail body: tables, inline styles, no JS)

`build_digest` is pure: the pieces, the ambassadors, the site's address and the clock are arguments.
Only published pieces count (a draft or a piece dated after ``end`` never shows), and every kit
lists the personal links of the ambassadors it is for (publisher.kits.ambassadors).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from publisher.content.ambassadors import Ambassador
from publisher.content.language import NBSP, base_lang, format_date
from publisher.content.model import Library, Piece
from publisher.kits.ambassadors import PersonalLink, personal_links
from publisher.kits.links import kit_path
from publisher.networks.sharing import label as network_label

DIGEST_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Share kits: new this week",
        "title_span": "Share kits: new from {start} to {end}",
        "intro": "Each new piece comes with ready-to-post texts for LinkedIn, X, Bluesky and Mastodon, "
                 "written in the first person. Open the kit from your personal link below: the links you "
                 "share then credit the visits you bring to you.",
        "none": "No piece was published from {start} to {end}, so there is no new share kit.",
        "open_kit": "Open the kit",
        "read_piece": "Read the piece",
        "personal": "Personal links",
        "who": "Who",
        "team": "Team",
        "networks": "Networks",
        "link": "Kit link",
        "no_people": "No ambassador is listed for this language yet ('ambassadors' in mkdocs.yml, or ambassadors.yml).",
        "published": "Published {date}",
        "footer": "Sent by the comms team. Keep your personal link to yourself: it is how your shares are counted.",
    },
    "fr": {
        "title": "Kits de partage : les nouveautés de la semaine",
        "title_span": "Kits de partage : les nouveautés du {start} au {end}",
        "intro": "Chaque nouvelle publication a son kit : des textes prêts à publier sur LinkedIn, X, Bluesky "
                 "et Mastodon, écrits à la première personne. Ouvrez le kit depuis votre lien personnel "
                 "ci-dessous : les liens que vous partagez vous attribuent alors les visites que vous apportez.",
        "none": "Aucune publication du {start} au {end} : pas de nouveau kit de partage.",
        "open_kit": "Ouvrir le kit",
        "read_piece": "Lire la publication",
        "personal": "Liens personnels",
        "who": "Qui",
        "team": "Équipe",
        "networks": "Réseaux",
        "link": "Lien du kit",
        "no_people": "Aucun ambassadeur n’est encore inscrit pour cette langue (« ambassadors » dans mkdocs.yml, ou ambassadors.yml).",
        "published": "Publié le {date}",
        "footer": "Envoyé par l’équipe communication. Gardez votre lien personnel pour vous : c’est lui qui "
                  "compte vos partages.",
    },
}


def digest_labels(lang: str) -> dict[str, str]:
    found = DIGEST_LABELS.get(base_lang(lang), DIGEST_LABELS["en"])
    if base_lang(lang) == "fr":  # no line break between a word and its « : »
        return {k: v.replace(" :", f"{NBSP}:") for k, v in found.items()}
    return found


@dataclass(frozen=True, slots=True)
class DigestKit:
    """One new kit as the digest lists it."""

    key: str
    title: str
    summary: str
    lang: str
    type_label: str
    date_text: str
    kit_url: str
    piece_url: str
    people: tuple[PersonalLink, ...]


@dataclass(frozen=True)
class Digest:
    lang: str
    labels: dict[str, str]
    site_name: str
    title: str
    start: dt.datetime
    end: dt.datetime
    first_day: dt.date
    last_day: dt.date
    kits: tuple[DigestKit, ...]

    @property
    def empty_text(self) -> str:
        return self.labels["none"].format(start=format_date(self.first_day, self.lang),
                                          end=format_date(self.last_day, self.lang))


def new_pieces(pieces: Iterable[Piece], start: dt.datetime, end: dt.datetime) -> list[Piece]:
    """Pieces published in (start, end]: never a draft, never one dated after ``end``. Oldest first."""
    found = [p for p in pieces if not p.draft and start < p.date <= end]
    return sorted(found, key=lambda p: (p.date, p.key))


def build_digest(library: Library, ambassadors: Mapping[str, Ambassador], *, site_url: str, site_name: str,
                 start: dt.datetime, end: dt.datetime, zone: ZoneInfo, lang: str,
                 type_names: Mapping[str, Mapping[str, str]], directory_urls: bool = True) -> Digest:
    """The digest of the kits new in (start, end]; ``site_url`` is absolute with a trailing slash."""
    labels = digest_labels(lang)
    kits = []
    for piece in new_pieces(library.pieces, start, end):
        other = library.translation_of(piece)
        versions = [piece.lang] + ([other.lang] if other is not None and other.is_visible(end) else [])
        kit_url = site_url + kit_path(piece.key, directory_urls=directory_urls)
        names = type_names.get(piece.type, {})
        kits.append(DigestKit(
            key=piece.key, title=piece.title, summary=piece.summary, lang=piece.lang,
            type_label=names.get(lang) or names.get(piece.lang) or piece.type.replace("_", " ").capitalize(),
            date_text=labels["published"].format(date=format_date(piece.date.astimezone(zone).date(), lang)),
            kit_url=kit_url,
            piece_url=site_url + (piece.url if directory_urls else f"{piece.folder}/{piece.slug}.html"),
            people=tuple(personal_links(piece, kit_url, ambassadors, versions)),
        ))
    first_day = start.astimezone(zone).date()
    last_day = (end - dt.timedelta(microseconds=1)).astimezone(zone).date()
    week = dt.timedelta(days=6, hours=23) <= end - start <= dt.timedelta(days=7, hours=1)
    title = labels["title"] if week else labels["title_span"].format(start=format_date(first_day, lang),
                                                                       end=format_date(last_day, lang))
    return Digest(lang=lang, labels=labels, site_name=site_name, title=title, start=start, end=end,
                  first_day=first_day, last_day=last_day, kits=tuple(kits))


def network_names(networks: Iterable[str]) -> str:
    return ", ".join(network_label(n) for n in networks)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: str) -> str:
    """Text that Markdown shows as written (a title with * or [ ] stays a title)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def render_markdown(digest: Digest) -> str:
    """The digest as Markdown: a heading per kit, its links, a table of personal links."""
    L = digest.labels
    lines = [f"# {md(digest.title)}", "", md(L["intro"]), ""]
    if not digest.kits:
        lines += [md(digest.empty_text), ""]
    for kit in digest.kits:
        lines += [f"## {md(kit.title)}", "", f"*{md(kit.type_label)} · {md(kit.date_text)}*", ""]
        if kit.summary:
            lines += [md(kit.summary), ""]
        lines += [f"**[{md(L['open_kit'])}]({kit.kit_url})** · [{md(L['read_piece'])}]({kit.piece_url})", ""]
        if not kit.people:
            lines += [md(L["no_people"]), ""]
            continue
        lines += [f"{md(L['personal'])}:" if digest.lang != "fr" else f"{md(L['personal'])}{NBSP}:", "",
                  f"| {L['who']} | {L['team']} | {L['networks']} | {L['link']} |", "| --- | --- | --- | --- |"]
        for person in kit.people:
            lines.append(f"| {md(person.name)} | {md(person.team)} | {md(network_names(person.networks))} | "
                         f"<{person.url}> |")
        lines.append("")
    lines += ["---", "", f"*{md(L['footer'])}*", ""]
    return "\n".join(lines)


__all__ = ["DIGEST_LABELS", "Digest", "DigestKit", "build_digest", "digest_labels", "md", "network_names",
           "new_pieces", "render_markdown"]
