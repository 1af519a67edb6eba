"""Adding imported authors to content/authors.yml without disturbing what is there.

The file is never re-serialised: new entries are appended as text, so its comments, order, quoting
and blank lines stay exactly as the team wrote them. A person already in the file (same key, or
same name) is reused rather than added twice. Material's `.authors.yml` layout (entries under a
top-level `authors:` key) gets its new entries indented like the existing ones.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import yaml

from publisher.content.model import Author
from publisher.content.text import slugify
from publisher.errors import ImportProblems, Problem
from publisher.feeds.model import SourceAuthor

HEADER = "# Authors: the keys are what a piece's front matter lists under 'authors:'.\n"


@dataclass
class AuthorsPlan:
    """Which key each source author gets, and the authors file's new text (None: unchanged)."""

    keys: dict[SourceAuthor, str] = field(default_factory=dict)
    added: list[str] = field(default_factory=list)
    text: str | None = None


def plan_authors(wanted: Iterable[SourceAuthor], existing: Mapping[str, Author], current_text: str | None,
                 *, shown_as: str, source: str) -> AuthorsPlan:
    """Map source authors to author keys, appending the new ones to the file's text."""
    plan = AuthorsPlan()
    by_name = {a.name.casefold(): key for key, a in existing.items()}
    new: dict[str, SourceAuthor] = {}
    for person in wanted:
        if person in plan.keys:
            continue
        key = slugify(person.login)
        if key == "piece" and slugify(person.name) == "piece":
            continue  # nothing usable as a key (an empty or symbol-only name)
        if key == "piece":
            key = slugify(person.name)
        if key in existing or key in new:
            plan.keys[person] = key
        elif person.name.casefold() in by_name:
            plan.keys[person] = by_name[person.name.casefold()]
        else:
            new[key] = person
            by_name[person.name.casefold()] = key
            plan.keys[person] = key
    if new:
        plan.added = list(new)
        plan.text = _append(current_text, new, shown_as=shown_as, source=source)
    return plan


def _entries(new: Mapping[str, SourceAuthor]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for key, person in new.items():
        entry = {"name": person.name}
        if person.url:
            entry["url"] = person.url
        out[key] = entry
    return out


def _dump(new: Mapping[str, SourceAuthor], indent: int = 2) -> str:
    return yaml.safe_dump(_entries(new), allow_unicode=True, sort_keys=False, default_flow_style=False,
                          width=100, indent=max(2, indent))


def _append(current: str | None, new: Mapping[str, SourceAuthor], *, shown_as: str, source: str) -> str:
    comment = f"# Added by `publisher import` from {source}\n"
    if current is None or not current.strip():
        return (current or HEADER) + ("\n" if current and not current.endswith("\n") else "") + comment + _dump(new)
    text = current if current.endswith("\n") else current + "\n"
    indent = _material_indent(text, shown_as)
    block = _dump(new, len(indent) or _indent_unit(text))
    if indent:
        block = "".join(indent + line if line.strip() else line for line in block.splitlines(keepends=True))
        comment = indent + comment
    return text + "\n" + comment + block


def _indent_unit(text: str) -> int:
    """How far the file indents an author's fields (2 unless it says otherwise)."""
    m = re.search(r"^[A-Za-z0-9][^:\n]*:[ \t]*\n([ \t]+)\S", text, re.M)
    return len(m.group(1)) if m else 2


def _material_indent(text: str, shown_as: str) -> str:
    """The indentation of entries when the file wraps them in `authors:` (Material's layout), else ''."""
    data = yaml.safe_load(text)
    if not (isinstance(data, dict) and set(data) == {"authors"} and isinstance(data["authors"], dict)):
        return ""
    top_level = [m.group(1) for m in re.finditer(r"^([A-Za-z_][^:\s]*):", text, re.M)]
    if top_level and top_level[-1] != "authors":
        raise ImportProblems([Problem(shown_as, "authors", "expected the authors mapping at the end of the file "
                                      f"so new authors can be appended, found {top_level[-1]!r} after it")])
    m = re.search(r"^authors:[ \t]*\n(?:[ \t]*(?:#.*)?\n)*([ \t]+)\S", text, re.M)
    return m.group(1) if m else "  "


__all__ = ["HEADER", "AuthorsPlan", "plan_authors"]
