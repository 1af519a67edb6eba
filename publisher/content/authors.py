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

HANDLE_NETWORKS = ("x", "linkedin", "mastodon", "bluesky")


class Handles(base.Config):
    x = Text("", what="an X handle such as @camille")
    linkedin = Text("", what="a LinkedIn profile URL or vanity name")
    mastodon = Text("", what="a Mastodon handle such as @camille@mastodon.social")
    bluesky = Text("", what="a Bluesky handle such as camille.bsky.social")


class AuthorSpec(base.Config):
    """One author."""

    name = Text(required=True, what="the author's name")
    role = Text("", what="a role such as Head of Communications")
    description = Text("", what="a role (Material's name for it)")
    avatar = Text("", what="an image path under content/ or a URL")
    url = Text("", what="a URL")
    bio = Text("", what="a short biography")
    x = Text("", what="an X handle such as @camille")
    linkedin = Text("", what="a LinkedIn profile URL or vanity name")
    mastodon = Text("", what="a Mastodon handle such as @camille@mastodon.social")
    bluesky = Text("", what="a Bluesky handle such as camille.bsky.social")
    handles = Section(Handles, optional=True)
    slug = Text("", what="a URL name")


class _AuthorsFile(base.Config):
    authors = MapOf(Section(AuthorSpec), default={}, key_pattern=r"[A-Za-z0-9][A-Za-z0-9_.-]*")


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
