"""The authors file: who writes, with their role, avatar and handles on each network.

Our format and Material's `.authors.yml` are both accepted (Material wraps the mapping in
`authors:` and calls the role `description`).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base

from publisher.config.options import MapOf, Section, Text, collect
from publisher.content.model import Author
from publisher.content.yamlfile import read_keyed_file
from publisher.errors import Problem
from publisher.networks import all_networks

HANDLE_NETWORKS = tuple(n.key for n in all_networks() if n.handle_hint)
"""Networks an author may give a handle on (their descriptor says what a handle looks like)."""


def _handle_options() -> dict[str, Text]:
    return {n.key: Text("", what=n.handle_hint) for n in all_networks() if n.handle_hint}


Handles = type("Handles", (base.Config,), {"__doc__": "An author's handle per network.", **_handle_options()})


class AuthorSpec(base.Config):
    """One author."""

    name = Text(required=True, what="the author's name")
    role = Text("", what="a role such as Head of Communications")
    description = Text("", what="a role (Material's name for it)")
    avatar = Text("", what="an image path under content/ or a URL")
    url = Text("", what="a URL")
    bio = Text("", what="a short biography")
    slug = Text("", what="a URL name")


# An author's handles, at the top level (x: "@camille") or under handles:, one field per network.
AuthorEntry = type("AuthorEntry", (AuthorSpec,), {"__doc__": AuthorSpec.__doc__, **_handle_options(),
                                                  "handles": Section(Handles, optional=True)})


class _AuthorsFile(base.Config):
    authors = MapOf(Section(AuthorEntry), default={}, key_pattern=r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def load_authors(path: Path, shown_as: str) -> tuple[dict[str, Author], list[Problem]]:
    """Read an authors file; a missing file means no authors (pieces then may not name any)."""
    data, problems = read_keyed_file(path, shown_as, "authors", "a mapping of author keys to {name, role, ...}")
    if problems:
        return {}, problems
    cfg = _AuthorsFile(config_file_path=str(path))
    cfg.load_dict(data)
    problems = [Problem(shown_as, key.removeprefix("authors."), msg) for key, msg in collect(cfg)]
    if problems:
        return {}, problems
    authors: dict[str, Author] = {}
    for key, spec in cfg.authors.items():
        handles = {n: spec[n] for n in HANDLE_NETWORKS if spec[n]}
        if spec.handles:
            handles.update({n: spec.handles[n] for n in HANDLE_NETWORKS if spec.handles[n]})
        authors[key] = Author(
            key=key,
            name=spec.name,
            role=spec.role or spec.description,
            avatar=spec.avatar,
            url=spec.url,
            bio=spec.bio,
            handles=handles,
        )
    return authors, []
