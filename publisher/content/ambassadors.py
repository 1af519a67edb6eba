"""The ambassadors file: people who share company content under their own names (share kits).

    # content/ambassadors.yml
    jdupont:
      name: Julie Dupont
      team: Sales West
      networks: [linkedin, x]
      lang: fr
      handle: "@jdupont"

The key is what share-kit links carry as utm_content (with utm_medium=advocacy), so reports can
credit each visit to a person and a team. Keys are lowercase because analytics tools (and our
importer) case-fold UTM values: 'JDupont' in a link would come back as 'jdupont' and credit nobody.
They are short because kit texts are counted with room for the longest key. Validated with the same
schema language as the plugin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base

from publisher.config.options import MapOf, Section, Text, Words, collect
from publisher.content.yamlfile import read_keyed_file
from publisher.errors import Problem

if TYPE_CHECKING:
    from publisher.config import Settings

KEY_MAX = 32
KEY_PATTERN = rf"[a-z0-9][a-z0-9_.-]{{0,{KEY_MAX - 1}}}"
"""An ambassador key: what links carry as utm_content and kits read from ?a= (kit.js uses it too)."""
_KEY = re.compile(KEY_PATTERN)


@dataclass(frozen=True, slots=True)
class Ambassador:
    """One person who shares company content."""

    key: str
    name: str
    team: str = ""
    networks: tuple[str, ...] = ()
    lang: str = ""
    handle: str = ""


class AmbassadorSpec(base.Config):
    """One ambassador."""

    name = Text(required=True, what="the person's name")
    """Full name, as the leaderboard shows it."""
    team = Text("", what="a team name such as Sales West")
    """Team, for the per-team leaderboard."""
    networks = Words([], what="networks among x, linkedin, mastodon, bluesky",
                     pattern=r"x|linkedin|mastodon|bluesky")
    """Networks this person shares on."""
    lang = Text("", what="a language code such as fr or en")
    """Language of the posts prepared for them."""
    handle = Text("", what="a handle such as @jdupont")
    """Their handle or profile, for the share kit."""


class _AmbassadorsFile(base.Config):
    ambassadors = MapOf(Section(AmbassadorSpec), default={}, key_pattern=KEY_PATTERN)


def load_ambassadors(path: Path, shown_as: str) -> tuple[dict[str, Ambassador], list[Problem]]:
    """Read the ambassadors file; a missing file means no ambassadors. Problems are located, not raised."""
    data, problems = read_keyed_file(path, shown_as, "ambassadors",
                                     "a mapping of ambassador keys to {name, team, networks, ...}")
    if problems:
        return {}, problems
    bad_keys = {str(k) for k in data["ambassadors"] if not _KEY.fullmatch(str(k))}
    cfg = _AmbassadorsFile(config_file_path=str(path))
    cfg.load_dict(data)
    # MapOf only names the pattern of a bad key; say what a key is for instead.
    problems = [Problem(shown_as, key, key_problem(key)) for key in bad_keys]
    problems += [Problem(shown_as, field, msg) for key, msg in collect(cfg)
                 if (field := key.removeprefix("ambassadors.")) not in bad_keys]
    if problems:
        return {}, problems
    return {key: Ambassador(key=key, name=spec.name, team=spec.team, networks=tuple(spec.networks),
                            lang=spec.lang, handle=spec.handle)
            for key, spec in cfg.ambassadors.items()}, []


def key_problem(key: str) -> str:
    """Why ``key`` cannot be an ambassador key, said so a person can fix it."""
    hint = f" (try {key.lower()!r})" if _KEY.fullmatch(key.lower()) else ""
    return (f"expected a name matching {KEY_PATTERN}: lowercase letters, digits, '.', '_' or '-', at most "
            f"{KEY_MAX} characters (links carry it as utm_content, which analytics tools lower-case), "
            f"got {key!r}{hint}")


def ambassadors_for(settings: Settings) -> tuple[dict[str, Ambassador], list[Problem]]:
    """The project's ambassadors, from the file named by the `ambassadors_file` option."""
    path = settings.docs_dir / settings.plugin.ambassadors_file
    try:
        shown = path.relative_to(settings.root).as_posix()
    except ValueError:
        shown = str(path)
    return load_ambassadors(path, shown)


__all__ = ["KEY_MAX", "KEY_PATTERN", "Ambassador", "AmbassadorSpec", "ambassadors_for", "key_problem",
           "load_ambassadors"]
