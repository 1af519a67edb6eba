"""A small validator for atproto lexicons (the subset the Bluesky double speaks), for spec tests.

Checks objects (required, properties), strings (maxLength in UTF-8 bytes, maxGraphemes, the
formats we meet), integers, booleans, arrays, refs (local "#def", "nsid", "nsid#def"), unions
(by $type), blobs (ref.$link, mimeType against accept, size against maxSize) and unknown.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import grapheme

_FORMATS = {
    "did": re.compile(r"did:[a-z]+:[a-zA-Z0-9._:%-]+"),
    "handle": re.compile(r"([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?"),
    "at-uri": re.compile(r"at://[^/\s]+(/[a-zA-Z0-9.-]+(/[a-zA-Z0-9._~:-]{1,512})?)?"),
    "nsid": re.compile(r"[a-zA-Z]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)+"),
    "cid": re.compile(r"b[a-z2-7]{50,}"),
    "tid": re.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}"),
    "uri": re.compile(r"[a-z][a-z0-9+.-]*:\S+"),
    "language": re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]+)*"),
    "record-key": re.compile(r"[a-zA-Z0-9._:~-]{1,512}"),
}
_FORMATS["at-identifier"] = re.compile(f"{_FORMATS['did'].pattern}|{_FORMATS['handle'].pattern}")


class Lexicons:
    """Lexicon documents read from a folder laid out like bluesky-social/atproto's lexicons/."""

    def __init__(self, root: Path):
        self.root = root
        self.docs: dict[str, dict[str, Any]] = {}

    def doc(self, nsid: str) -> dict[str, Any]:
        if nsid not in self.docs:
            self.docs[nsid] = json.loads((self.root / (nsid.replace(".", "/") + ".json")).read_text())
        return self.docs[nsid]

    def definition(self, ref: str, context: str) -> tuple[dict[str, Any], str]:
        nsid, _, name = ref.partition("#")
        nsid = nsid or context
        return self.doc(nsid)["defs"][name or "main"], nsid

    def errors(self, value: Any, ref: str, part: str = "") -> list[str]:
        """Every problem of ``value`` against ``ref`` ("nsid", "nsid#def"); part = input/output/record."""
        definition, nsid = self.definition(ref, "")
        if part == "record":
            definition = definition["record"]
        elif part:
            definition = definition[part]["schema"]
        found: list[str] = []
        self._check(value, definition, nsid, ref, found)
        return found

    def _check(self, value: Any, d: dict[str, Any], nsid: str, where: str, found: list[str]) -> None:
        kind = d.get("type")
        if kind == "ref":
            target, target_nsid = self.definition(d["ref"], nsid)
            self._check(value, target, target_nsid, where, found)
        elif kind == "union":
            if not isinstance(value, dict) or "$type" not in value:
                found.append(f"{where}: expected an object with $type, got {value!r}")
                return
            refs = {_main(nsid + r if r.startswith("#") else r) for r in d["refs"]}
            wanted = _main(value["$type"])
            if wanted not in refs:
                if d.get("closed"):
                    found.append(f"{where}: $type {wanted} not among {sorted(refs)}")
                return  # an open union may carry types this lexicon does not know
            target, target_nsid = self.definition(wanted, nsid)
            self._check(value, target, target_nsid, where, found)
        elif kind == "object":
            if not isinstance(value, dict):
                found.append(f"{where}: expected an object, got {type(value).__name__}")
                return
            for name in d.get("required", []):
                if name not in value:
                    found.append(f"{where}: required '{name}' missing")
            for name, sub in d.get("properties", {}).items():
                if name in value and not (value[name] is None and name in d.get("nullable", [])):
                    self._check(value[name], sub, nsid, f"{where}.{name}", found)
        elif kind == "string":
            self._string(value, d, where, found)
        elif kind == "integer":
            if not isinstance(value, int) or isinstance(value, bool):
                found.append(f"{where}: expected an integer, got {value!r}")
            elif "minimum" in d and value < d["minimum"]:
                found.append(f"{where}: {value} below minimum {d['minimum']}")
        elif kind == "boolean":
            if not isinstance(value, bool):
                found.append(f"{where}: expected a boolean, got {value!r}")
        elif kind == "array":
            if not isinstance(value, list):
                found.append(f"{where}: expected an array, got {type(value).__name__}")
                return
            if "maxLength" in d and len(value) > d["maxLength"]:
                found.append(f"{where}: {len(value)} items, at most {d['maxLength']}")
            for i, item in enumerate(value):
                self._check(item, d["items"], nsid, f"{where}[{i}]", found)
        elif kind == "blob":
            self._blob(value, d, where, found)

    def _string(self, value: Any, d: dict[str, Any], where: str, found: list[str]) -> None:
        if not isinstance(value, str):
            found.append(f"{where}: expected a string, got {value!r}")
            return
        if "maxLength" in d and len(value.encode("utf-8")) > d["maxLength"]:
            found.append(f"{where}: longer than {d['maxLength']} bytes")
        if "maxGraphemes" in d and grapheme.length(value) > d["maxGraphemes"]:
            found.append(f"{where}: longer than {d['maxGraphemes']} graphemes")
        fmt = d.get("format")
        if fmt == "datetime":
            try:
                parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                found.append(f"{where}: not a datetime: {value!r}")
            else:
                if parsed.tzinfo is None:
                    found.append(f"{where}: datetime without a time zone: {value!r}")
        elif fmt in _FORMATS and not _FORMATS[fmt].fullmatch(value):
            found.append(f"{where}: not a valid {fmt}: {value!r}")

    def _blob(self, value: Any, d: dict[str, Any], where: str, found: list[str]) -> None:
        if not isinstance(value, dict) or value.get("$type") != "blob":
            found.append(f"{where}: expected a blob ($type blob), got {value!r}")
            return
        link = (value.get("ref") or {}).get("$link", "")
        if not _FORMATS["cid"].fullmatch(link):
            found.append(f"{where}: blob ref is not a CID link: {value.get('ref')!r}")
        accept = d.get("accept")
        mime = value.get("mimeType", "")
        if accept and not any(mime == a or (a.endswith("/*") and mime.startswith(a[:-1])) for a in accept):
            found.append(f"{where}: mimeType {mime!r} not accepted ({accept})")
        if "maxSize" in d and value.get("size", 0) > d["maxSize"]:
            found.append(f"{where}: blob of {value.get('size')} bytes, at most {d['maxSize']}")


def _main(ref: str) -> str:
    return ref[: -len("#main")] if ref.endswith("#main") else ref
