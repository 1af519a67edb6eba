"""The ambassadors file: people who share company content under their own names (share kits).

    # content/ambassadors.yml
    jdupont:
      name: Julie Dupont
      team: Sales West
      networks: [linkedin, x]
      lang: fr
      handle: "@jdupont"

The key is what share-kit links carry as utm_content (with utm_medium=advocacy), so reports can
credit each visit to a person and a team. Validated with the same schema language as the plugin.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from mkdocs.config import base

from publisher.config.options import MapOf, Section, Text, Words, collect
from publisher.errors import Problem

if TYPE_CHECKING:
    from publisher.config import Settings

KEY_PATTERN = r"[A-Za-z0-9][A-Za-z0-9_.-]*"


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
    if not path.exists():
        return {}, []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except UnicodeDecodeError:
        return {}, [Problem(shown_as, "", "expected UTF-8 text, found bytes that are not UTF-8")]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        return {}, [Problem(shown_as, "", f"not valid YAML{line}: {getattr(e, 'problem', e)}")]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, [Problem(shown_as, "", "expected a mapping of ambassador keys to {name, team, networks, ...}")]
    if not isinstance(data.get("ambassadors"), dict):
        data = {"ambassadors": data}
    cfg = _AmbassadorsFile(config_file_path=str(path))
    cfg.load_dict(data)
    problems = [Problem(shown_as, key.removeprefix("ambassadors."), msg) for key, msg in collect(cfg)]
    if problems:
        return {}, problems
    return {key: Ambassador(key=key, name=spec.name, team=spec.team, networks=tuple(spec.networks),
                            lang=spec.lang, handle=spec.handle)
            for key, spec in cfg.ambassadors.items()}, []


def ambassadors_for(settings: Settings) -> tuple[dict[str, Ambassador], list[Problem]]:
    """The project's ambassadors, from the file named by the `ambassadors_file` option."""
    path = settings.docs_dir / settings.plugin.ambassadors_file
    try:
        shown = path.relative_to(settings.root).as_posix()
    except ValueError:
        shown = str(path)
    return load_ambassadors(path, shown)


__all__ = ["Ambassador", "AmbassadorSpec", "ambassadors_for", "load_ambassadors"]
