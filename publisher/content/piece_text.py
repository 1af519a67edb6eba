"""A piece's file as text, front matter and body, read and written through python-frontmatter.

``PieceFormat`` is python-frontmatter's YAML handler with what pieces need on top:

- YAML goes through the C loader when PyYAML has it (speed: a plan reads 10,000 files), with dates
  and huge integers kept as text so the schema reports them located (publisher.config.yaml_text);
- the front matter opens with ``---`` on the first line (after a BOM) and closes with ``---`` or
  ``...``, so a horizontal rule further down is never taken for it, and it starts on line 2, which
  is what YAML error lines are counted from;
- the body is kept as written: ``frontmatter.parse`` strips it, which would turn an indented first
  line (a code block) into a paragraph, so reading goes through the handler's split and load;
- writing keeps the key order and the 100-column width the importers always used, so a re-import
  writes byte for byte what it wrote before and the import fingerprint does not move.
"""

from __future__ import annotations

import re
from typing import Any

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from publisher.content.yamlfile import LOADER

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
FIRST_LINE = 2
"""The file line the front matter's first line is on (the opening --- is line 1)."""


class PieceFormat(YAMLHandler):
    """python-frontmatter's YAML handler, for pieces (see the module docstring)."""

    FM_BOUNDARY = re.compile(r"^---[ \t]*$", re.M)

    def detect(self, text: str) -> bool:
        return _FRONT.match(text) is not None

    def split(self, text: str) -> tuple[str, str]:
        m = _FRONT.match(text)
        if m is None:
            raise ValueError("no front matter at the top of the text")
        return m.group(1) or "", text[m.end():]

    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=LOADER)

    def export(self, metadata: dict[str, object], **kwargs: object) -> str:
        kwargs.setdefault("sort_keys", False)
        kwargs.setdefault("width", 100)
        # python-frontmatter picks libyaml's dumper, which escapes characters beyond the BMP ("\U0001F680"):
        # the Python one writes them as typed, as importers always did (and the fingerprint expects).
        kwargs.setdefault("Dumper", yaml.SafeDumper)
        kwargs.setdefault("default_flow_style", False)
        kwargs.setdefault("allow_unicode", True)
        # Not stripped as python-frontmatter does: a value ending in a no-break space would lose it.
        text = yaml.dump(metadata, **kwargs)
        return text[:-1] if text.endswith("\n") else text


FORMAT = PieceFormat()


def split_front_matter(source: str) -> tuple[str | None, str, int]:
    """(front matter text or None when there is none, the body as written, the line it starts on)."""
    if source.startswith("\ufeff"):
        source = source[1:]
    try:
        front, body = FORMAT.split(source)  # one match: detect() would run the same pattern first
    except ValueError:
        return None, source, 0
    return front, body, FIRST_LINE


def read_meta(front: str) -> Any:
    """The front matter's YAML (raises yaml.YAMLError with a mark relative to the front matter)."""
    return FORMAT.load(front)


def piece_text(meta: dict[str, Any], body: str) -> str:
    """A whole piece file: front matter in the given key order, a blank line, the body, one newline."""
    post = frontmatter.Post(body.strip(), FORMAT)
    post.metadata = dict(meta)
    return frontmatter.dumps(post, handler=FORMAT) + "\n"


__all__ = ["FIRST_LINE", "FORMAT", "PieceFormat", "piece_text", "read_meta", "split_front_matter"]
