"""The ambassadors: people who share company content under their own names (share kits).

    # mkdocs.yml, in the publisher block (or the same entries in ambassadors.yml beside mkdocs.yml)
    ambassadors:
      jdupont:
        name: Julie Dupont
        team: Sales West
        networks: [linkedin, x]
        lang: fr
        handle: "@jdupont"

Never under content/: MkDocs copies the docs folder to the site, and only our plugin takes the file
out again; a build by another engine (Zensical) or with the plugin off publishes it. So the list
lives in mkdocs.yml (a builder's configuration, never its output) or in a file outside content/;
content/ambassadors.yml, where it used to live, is still read, with a notice to move it.

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
from publisher.networks.sharing import kit_networks

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


_KIT_NETWORKS = kit_networks()


class AmbassadorSpec(base.Config):
    """One ambassador."""

    name = Text(required=True, what="the person's name")
    """Full name, as the leaderboard shows it."""
    team = Text("", what="a team name such as Sales West")
    """Team, for the per-team leaderboard."""
    networks = Words([], what=f"networks among {', '.join(_KIT_NETWORKS)}", pattern="|".join(_KIT_NETWORKS))
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
    return ambassadors_from(data["ambassadors"], shown_as, path)


def ambassadors_from(entries: dict, shown_as: str, path: Path, prefix: str = "") -> tuple[dict[str, Ambassador],
                                                                                        list[Problem]]:
    """Validate ambassador entries (from a file, or the block's ``ambassadors``); ``prefix`` goes
    before each field in problems ('ambassadors.' for the block)."""
    bad_keys = {str(k) for k in entries if not _KEY.fullmatch(str(k))}
    cfg = _AmbassadorsFile(config_file_path=str(path))
    cfg.load_dict({"ambassadors": entries})
    # MapOf only names the pattern of a bad key; say what a key is for instead.
    problems = [Problem(shown_as, prefix + key, key_problem(key)) for key in bad_keys]
    problems += [Problem(shown_as, prefix + field, msg) for key, msg in collect(cfg)
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


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def ambassadors_file(settings: Settings) -> tuple[Path | None, str]:
    """The ambassadors file, if there is one, and a notice when it sits where a site builder
    publishes it (the docs folder): its old place, content/ambassadors.yml, is still read."""
    name = settings.plugin.ambassadors_file
    path = settings.root / name
    if not path.exists() and (settings.docs_dir / name).exists():
        path = settings.docs_dir / name
    if not path.exists():
        return None, ""
    notice = ""
    if _inside(path, settings.docs_dir):
        config = settings.config_file.name
        notice = (f"{_shown(path, settings.root)}: the ambassadors file is inside the docs folder, which a build by "
                  f"another engine (Zensical) or with the publisher plugin off publishes as it is; move its entries "
                  f"under 'ambassadors:' in the publisher block of {config}, or the file beside {config} "
                  f"('ambassadors_file'). It is still read from there for now.")
    return path, notice


def ambassadors_for(settings: Settings) -> tuple[dict[str, Ambassador], list[Problem]]:
    """The project's ambassadors: the block's ``ambassadors`` list, or the ``ambassadors_file``."""
    path, _ = ambassadors_file(settings)
    if not settings.plugin.ambassadors:
        return load_ambassadors(path, _shown(path, settings.root)) if path is not None else ({}, [])
    config = settings.config_file.name
    people, problems = ambassadors_from(settings.plugin.ambassadors, config, settings.config_file,
                                        prefix="ambassadors.")
    if path is not None:
        problems.append(Problem(config, "ambassadors", f"expected the ambassadors in one place, found them here "
                                f"and in {_shown(path, settings.root)}; keep one"))
    return (people, []) if not problems else ({}, problems)


__all__ = ["KEY_MAX", "KEY_PATTERN", "Ambassador", "AmbassadorSpec", "ambassadors_file", "ambassadors_for",
           "ambassadors_from", "key_problem", "load_ambassadors"]
