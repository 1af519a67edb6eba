"""Reading the YAML of content/ (front matter, authors, ambassadors) with located problems.

Dates and huge integers stay text (publisher.config.yaml_text): the schema reads them and says where.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from publisher.config.yaml_text import text_dates
from publisher.errors import Problem

LOADER = text_dates(getattr(yaml, "CSafeLoader", yaml.SafeLoader))
"""The loader for everything under content/ (C speed when PyYAML has its C extension)."""


def read_keyed_file(path: Path, shown_as: str, section: str, expected: str) -> tuple[dict[str, Any], list[Problem]]:
    """The file's entries as ``{section: {key: entry}}``; a missing or empty file gives no entries.

    The entries may sit under ``section:`` or at the top level. Problems (not UTF-8, not YAML, not a
    mapping) come back located instead of raised; ``expected`` says what the mapping should hold.
    """
    try:
        if not path.exists():
            return {section: {}}, []
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
    except OSError as e:  # a name too long, a folder, no permission: the path from mkdocs.yml, not a crash
        return {section: {}}, [Problem(shown_as[:200], "", f"cannot be read: expected a readable file, found "
                                                        f"{e.strerror or e}")]
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
