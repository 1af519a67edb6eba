"""YAML as publisher reads it: dates and huge integers kept as the text the writer typed.

PyYAML builds a date from anything shaped like one and raises a bare ValueError (no file, no line)
for 2026-02-30, and int() raises for a 5,000-digit number. ``text_dates`` makes a loader that keeps
such scalars as text, so the schema (``publisher.config.options.When``, ``Number``) parses them and
reports a located problem instead. Used for front matter, the side files of content/ and mkdocs.yml.
"""

from __future__ import annotations

import yaml

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


__all__ = ["text_dates"]
