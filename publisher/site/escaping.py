"""Content is text in every page the build writes: the one place the site applies that rule.

MkDocs renders every template with autoescape off, and Material prints ``page.meta.title`` and
``page.meta.description`` as they are (the header's ``md-header__topic``, ``<title>``, the nav). So:

- ``escape_page_text`` turns a page's title, description and subtitle into escaped Markup once,
  before any template runs, whoever set them (a piece, a listing, a share kit, a writer's page);
- ``configure`` turns autoescape on for the publisher's own templates (theme/), so a value a
  template forgets to escape is escaped anyway, and puts the URL allow-list of
  ``publisher.urls`` behind MkDocs' ``url`` filter (used by every template, Material's
  included), plus a ``content_url`` filter and an ``allowed_url`` test for templates that want it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

import jinja2
from markupsafe import Markup, escape

from publisher import urls

TEXT_META = ("title", "description", "subtitle")


def as_text(value: object) -> Markup:
    """A value from content as escaped Markup; Markup already escaped is kept as it is."""
    return value if isinstance(value, Markup) else escape(str(value))


def plain(value: object) -> str:
    """The text a reader sees: Markup unescaped, anything else as a string ('' for None)."""
    if value is None:
        return ""
    return value.unescape() if isinstance(value, Markup) else str(value)


def escape_page_text(meta: dict[str, Any]) -> None:
    """Escape the page's text meta in place (idempotent: Markup is left alone)."""
    for key in TEXT_META:
        value = meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            meta[key] = escape(value)


def own_templates(theme_dirs: Iterable[str]) -> set[str]:
    """Names of the .html/.xml templates in the given theme folders (Material's icons left out)."""
    names: set[str] = set()
    for base in theme_dirs:
        for folder, subdirs, files in os.walk(base):
            subdirs[:] = [d for d in subdirs if not d.startswith(".") and d != "assets"]
            for name in files:
                if name.endswith((".html", ".xml")):
                    names.add(os.path.relpath(os.path.join(folder, name), base).replace(os.sep, "/"))
    return names


def configure(env: jinja2.Environment, ours: set[str]) -> None:
    """Autoescape for our templates, the URL allow-list behind ``url``; see the module docstring."""
    previous = env.autoescape

    def autoescape(name: str | None) -> bool:
        if name in ours:
            return True
        return bool(previous(name) if callable(previous) else previous)

    env.autoescape = autoescape
    env.filters["content_url"] = urls.content_url
    env.tests["allowed_url"] = urls.is_allowed
    mkdocs_url = env.filters.get("url")
    if mkdocs_url is None or getattr(mkdocs_url, "_publisher_checked", False):
        return

    @jinja2.pass_context
    def url(context: Any, value: object) -> Any:
        if isinstance(value, str) and not urls.is_allowed(value):
            value = ""
        return mkdocs_url(context, value)

    url._publisher_checked = True  # type: ignore[attr-defined]
    env.filters["url"] = url


__all__ = ["TEXT_META", "as_text", "configure", "escape_page_text", "own_templates", "plain"]
