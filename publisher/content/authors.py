"""The authors file: who writes, with their role, avatar and handles on each network.

Our format and Material's `.authors.yml` are both accepted (Material wraps the mapping in
`authors:` and calls the role `description`).

`role` and `bio` are text, or one text per language of the site, so a French page does not show an
English role:

    claire:
      name: Claire Vasseur
      role: {en: Head of Communications, fr: Directrice de la communication}
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config import base
from mkdocs.config.config_options import BaseConfigOption, ValidationError

from publisher.config.options import ContentUrl, MapOf, Nested, Section, Text, collect, shown
from publisher.content.model import Author
from publisher.content.yamlfile import read_keyed_file
from publisher.errors import Problem
from publisher.networks import all_networks

HANDLE_NETWORKS = tuple(n.key for n in all_networks() if n.handle_hint)
"""Networks an author may give a handle on (their descriptor says what a handle looks like)."""


_LANG = re.compile(r"[a-z]{2}(-[A-Z]{2})?")


class PerLanguage(BaseConfigOption[dict[str, str]]):
    """Text, or a mapping of language codes to text: {en: ..., fr: ...}. Plain text is stored under ''."""

    def __init__(self, what: str) -> None:
        super().__init__()
        self.default = {}
        self.what = what

    def run_validation(self, value: object) -> dict[str, str]:
        if value is None:
            return {}
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            return {"": str(value).strip()} if str(value).strip() else {}
        if not isinstance(value, dict):
            raise ValidationError(f"expected {self.what}, or one per language such as {{en: ..., fr: ...}}, "
                                  f"got {shown(value)}")
        out: dict[str, str] = {}
        problems: list[tuple[str, str]] = []
        for key, text in value.items():
            lang = str(key)
            if not _LANG.fullmatch(lang):
                problems.append((lang, f"expected a language code such as en or fr, got {lang!r}"))
            elif not isinstance(text, str) or not text.strip():
                problems.append((lang, f"expected {self.what}, got {shown(text)}"))
            else:
                out[lang] = text.strip()
        if problems:
            raise Nested(problems)
        return out


def _handle_options() -> dict[str, Text]:
    return {n.key: Text("", what=n.handle_hint) for n in all_networks() if n.handle_hint}


Handles = type("Handles", (base.Config,), {"__doc__": "An author's handle per network.", **_handle_options()})


class AuthorSpec(base.Config):
    """Each key (what pieces list under `authors:`) maps to these fields, plus a handle per network
    (`x`, `linkedin`, `mastodon`, `bluesky`..., or the same under `handles:`). `role` and `bio` may be
    given once, or once per language of the site: a page shows the text in its own language, then
    the site's."""

    name = Text(required=True, what="the author's name")
    """Full name, as bylines show it."""
    role = PerLanguage(what="a role such as Head of Communications")
    """Job title, under the name on author cards and in JSON-LD (jobTitle)."""
    description = Text("", what="a role (Material's name for it)")
    """Material's .authors.yml name for the role (plain text)."""
    avatar = ContentUrl("", what="an image path under content/ or a URL")
    """Portrait, square."""
    url = ContentUrl("", what="a URL")
    """Where the name links to (default: the author's page)."""
    bio = PerLanguage(what="a short biography")
    """Two or three sentences on the author card of each piece and on the authors page."""
    slug = Text("", what="a URL name")
    """Material's field; read and ignored."""


# An author's handles, at the top level (x: "@camille") or under handles:, one field per network.
AuthorEntry = type("AuthorEntry", (AuthorSpec,), {"__doc__": AuthorSpec.__doc__, **_handle_options(),
                                                  "handles": Section(Handles, optional=True)})


class _AuthorsFile(base.Config):
    authors = MapOf(Section(AuthorEntry), default={}, key_pattern=r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def load_authors(path: Path, shown_as: str, languages: tuple[str, ...] = (),
                 lang: str = "") -> tuple[dict[str, Author], list[Problem]]:
    """Read an authors file; a missing file means no authors (pieces then may not name any).

    ``languages`` are the site's (a role or bio in another language is a problem, when given);
    ``lang`` is the site's own, whose text becomes the author's plain ``role`` and ``bio``."""
    data, problems = read_keyed_file(path, shown_as, "authors", "a mapping of author keys to {name, role, ...}")
    if problems:
        return {}, problems
    cfg = _AuthorsFile(config_file_path=str(path))
    cfg.load_dict(data)
    problems = [Problem(shown_as, key.removeprefix("authors."), msg) for key, msg in collect(cfg)]
    for key, spec in cfg.authors.items() if not problems else ():
        for field in ("role", "bio"):
            for code in spec[field]:
                if code and languages and code not in languages:
                    problems.append(Problem(shown_as, f"{key}.{field}.{code}", f"expected a language of the site "
                                            f"({', '.join(languages)}), got {code!r}"))
    if problems:
        return {}, problems
    authors: dict[str, Author] = {}
    for key, spec in cfg.authors.items():
        handles = {n: spec[n] for n in HANDLE_NETWORKS if spec[n]}
        if spec.handles:
            handles.update({n: spec.handles[n] for n in HANDLE_NETWORKS if spec.handles[n]})
        roles = spec.role or ({"": spec.description} if spec.description else {})
        authors[key] = Author(
            key=key,
            name=spec.name,
            role=_in(roles, lang),
            avatar=spec.avatar,
            url=spec.url,
            bio=_in(spec.bio, lang),
            handles=handles,
            roles={k: v for k, v in roles.items() if k},
            bios={k: v for k, v in spec.bio.items() if k},
        )
    return authors, []


def _in(texts: dict[str, str], lang: str) -> str:
    """The text for ``lang``: its own, the plain one, then the first given."""
    return texts.get(lang) or texts.get("") or next(iter(texts.values()), "")
