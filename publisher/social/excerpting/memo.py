"""What bodies offered at the last plan, kept between runs (`.publisher/excerpts.json`), so a replan of
unchanged pieces does not read their bodies again (about 2 ms a piece: docs/benchmarks.md).

Keyed by a hash of what the analysis reads (body, language, title and summary, guest, byline) and
valid only for the rules that made it: the file carries a fingerprint of the excerpting code, the
typography and wordfreq's version, and is ignored when they changed. Only the entries a run used are
written back, so pieces that left the site leave the file too. Nothing is remembered unless a caller
opened the memo (`publisher plan` does): tests and one-off previews compute as before.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from pathlib import Path

FILE_NAME = "excerpts.json"
"""In the project's state folder (.publisher/)."""
Candidate = tuple[str, str, str]
_state: dict[str, dict[str, tuple[Candidate, ...]]] = {}
"""While a memo is open: "known" (read from the file) and "used" (this run's entries)."""


@contextmanager
def opened(path: Path, *, write: bool = True) -> Iterator[None]:
    """Remember body analyses in ``path`` for the duration of the block (read first, written after
    unless ``write`` is false: a dry run leaves the project as it found it)."""
    _state["known"] = _read(path)
    _state["used"] = {}
    try:
        yield
        if write:
            _write(path, _state["used"])
    finally:
        _state.clear()


def recall(parts: tuple[str, ...], compute: Callable[[], tuple[Candidate, ...]]) -> tuple[Candidate, ...]:
    """The remembered analysis of ``parts``, else ``compute()`` (remembered for the next run)."""
    if not _state:
        return compute()
    key = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    found = _state["known"].get(key)
    if found is None:
        found = compute()
    _state["used"][key] = found
    return found


def fresh() -> dict[str, tuple[Candidate, ...]]:
    """This run's entries (a forked planner helper sends them back to the process that writes)."""
    return dict(_state.get("used", {}))


def absorb(entries: dict[str, tuple[Candidate, ...]]) -> None:
    """Entries a helper process used, to be written with this process's."""
    if _state:
        _state["used"].update(entries)


def _read(path: Path) -> dict[str, tuple[Candidate, ...]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: it is only a cache
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint():
        return {}
    entries = data.get("entries")
    if not isinstance(entries, dict):
        return {}
    return {k: tuple((str(c[0]), str(c[1]), str(c[2])) for c in v) for k, v in entries.items()
            if isinstance(v, list) and all(isinstance(c, list) and len(c) == 3 for c in v)}


def _write(path: Path, entries: dict[str, tuple[Candidate, ...]]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"fingerprint": fingerprint(), "entries": entries}, ensure_ascii=False),
                             encoding="utf-8")
        os.replace(temporary, path)  # whole or not at all, whoever reads it
    except OSError:
        pass  # a read-only checkout: the plan is the same, only slower next time


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """Which rules made the entries: the excerpting code, the typography and sentence split, wordfreq."""
    from importlib.metadata import PackageNotFoundError, version

    here = Path(__file__).resolve().parent
    content = here.parent.parent / "content"
    digest = hashlib.sha1()
    for source in (*sorted(here.glob("*.py")), content / "typography.py", content / "text.py"):
        digest.update(source.read_bytes())
    with suppress(PackageNotFoundError):
        digest.update(version("wordfreq").encode())
    return digest.hexdigest()


__all__ = ["FILE_NAME", "absorb", "fingerprint", "fresh", "opened", "recall"]
