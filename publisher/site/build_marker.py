"""The note a publisher build leaves in site/, so `publisher doctor` can tell it from a build that
ignored the plugin (Zensical reading the same mkdocs.yml, or MkDocs with the plugin off): such a
build publishes every file of content/, drafts and pieces dated in the future included.

    site/publisher-build.json   {"generator": "publisher", "version": "0.1.0", "built_at": "...", "pages": 42}

It holds nothing a reader could not see anyway: no piece that is not published is named in it.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from publisher import __version__

MARKER = "publisher-build.json"


def write_marker(site_dir: Path, *, built_at: dt.datetime, pages: int) -> Path:
    path = site_dir / MARKER
    path.write_text(json.dumps({"generator": "publisher", "version": __version__,
                                "built_at": built_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
                                "pages": pages}, indent=2) + "\n", encoding="utf-8")
    return path


def read_marker(site_dir: Path) -> dict[str, object] | None:
    """The marker of the last publisher build in ``site_dir``, or None (no marker, or not ours)."""
    try:
        data = json.loads((site_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("generator") == "publisher" else None


__all__ = ["MARKER", "read_marker", "write_marker"]
