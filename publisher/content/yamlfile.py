"""YAML as the content files are read: front matter, the authors and ambassadors files, mkdocs.yml.

PyYAML builds a date from anything shaped like one and raises a bare ValueError (no file, no line)
for 2026-02-30, and int() raises for a 5,000-digit number. ``text_dates`` makes a loader that keeps
such scalars as the text the writer typed, so the schema (``publisher.config.options.When``,
``Number``) parses them and reports a located problem instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from publisher.errors import Problem

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"


def _int_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int | str:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)  # type: ignore[arg-type]
    except ValueError:  # beyond Python's int-string limit: the schema says what was expected
        return str(node.value)


def text_dates(loader: type) -> type:
    """A subclass of ``loader`` whose dates and date-times stay text and whose huge integers do too."""
    resolvers = {
        first: [(tag, regexp) for tag, regexp in entries if tag != _TIMESTAMP]
        for first, entries in loader.yaml_implicit_resolvers.items()
    }
    sub = type(f"TextDates{loader.__name__}", (loader,), {"yaml_implicit_resolvers": resolvers})
    sub.add_constructor(_INT, _int_or_text)
    sub.add_constructor(_TIMESTAMP, lambda loader, node: str(node.value))  # an explicit !!timestamp tag
    return sub


LOADER = text_dates(_BASE_LOADER)
"""The loader for everything under content/ (C speed when PyYAML has its C extension)."""


def read_keyed_file(path: Path, shown_as: str, section: str, expected: str) -> tuple[dict[str, Any], list[Problem]]:
    """The file's entries as ``{section: {key: entry}}``; a missing or empty file gives no entries.

    The entries may sit under ``section:`` or at the top level. Problems (not UTF-8, not YAML, not a
    mapping) come back located instead of raised; ``expected`` says what the mapping should hold.
    """
    if not path.exists():
        return {section: {}}, []
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    except UnicodeDecodeError:
        return {section: {}}, [Problem(shown_as, "", "expected UTF-8 text, found bytes that are not UTF-8")]
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = f" at line {mark.line + 1}" if mark else ""
        return {section: {}}, [Problem(shown_as, "", f"not valid YAML{line}: {getattr(e, 'problem', e)}")]
    if data is None:
        return {section: {}}, []
    if not isinstance(data, dict):
        return {section: {}}, [Problem(shown_as, "", f"expected {expected}, found {type(data).__name__}")]
    if not isinstance(data.get(section), dict):
        data = {section: data}
    return data, []
