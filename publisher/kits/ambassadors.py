"""The ambassadors' view of the kits: who each kit is for, and the personal link that credits them.

A kit is offered to the ambassadors who post in the piece's language, to those who did not say
which language they post in, and to those whose language has no published version of the piece
(better a kit in another language than nothing to share). A French ambassador therefore gets the
French kit of a translated white paper, not both.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from publisher.content.ambassadors import Ambassador
from publisher.content.language import base_lang
from publisher.content.model import Piece
from publisher.kits.links import personal_kit_url


@dataclass(frozen=True, slots=True)
class PersonalLink:
    """One ambassador's way into one kit."""

    key: str
    name: str
    team: str
    networks: tuple[str, ...]
    handle: str
    url: str


def is_for(person: Ambassador, piece: Piece, versions: Iterable[str]) -> bool:
    """Is ``piece``'s kit for ``person``? ``versions`` are the languages the piece is published in."""
    if not person.lang:
        return True
    wanted = base_lang(person.lang)
    return base_lang(piece.lang) == wanted or wanted not in {base_lang(v) for v in versions}


def personal_links(piece: Piece, kit_url: str, ambassadors: Mapping[str, Ambassador],
                   versions: Iterable[str]) -> list[PersonalLink]:
    """Personal links to ``piece``'s kit, by team then name."""
    langs = set(versions) | {piece.lang}
    people = [a for a in ambassadors.values() if is_for(a, piece, langs)]
    people.sort(key=lambda a: (a.team.casefold(), a.name.casefold(), a.key))
    return [PersonalLink(a.key, a.name, a.team, a.networks, a.handle, personal_kit_url(kit_url, a.key))
            for a in people]


__all__ = ["PersonalLink", "is_for", "personal_links"]
