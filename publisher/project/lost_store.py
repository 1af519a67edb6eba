"""What `publisher doctor` says about a store that lost its memory: emptied, recreated, restored from
an older copy (the CI cache that held it was evicted), or damaged. Never "run publisher plan": the
fix is to plan and approve as usual and let `publisher run` learn what already went out first
(publisher.sending.catchup), or to put a backup back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from publisher.config import Settings
from publisher.errors import StoreError
from publisher.store.ledger import MARK_NAME, SENT_STATES, read_mark

_DAMAGED = ("malformed", "not a database", "file is encrypted", "disk i/o error")
LEARNS = ("plan and approve as usual: publisher run first learns what already went out (from the outbox and "
          "from each network's recent posts), records it as published and sends nothing twice; keep "
          ".publisher/outbox/ and .publisher/sent.json")


def is_damaged(error: StoreError) -> bool:
    """Whether a store error says the database file itself is damaged (a corrupt page, not a database)."""
    text = str(error).lower()
    return any(word in text for word in _DAMAGED)


def damaged_fix(sqlite_file: str | None) -> str:
    aside = f"move it aside (mv {sqlite_file} {sqlite_file}.damaged) and " if sqlite_file else ""
    return f"{aside}put back a backup if there is one; otherwise {LEARNS}"


def sent_elsewhere(settings: Settings) -> tuple[int, str]:
    """How many posts went out by the other records (the mark beside the outbox, the outbox's lines)."""
    mark = read_mark(settings.state_dir / MARK_NAME)
    marked = int(mark.get("sent", 0) or 0) if mark else 0
    lines = sum(_lines(path) for path in sorted(Path(settings.outbox_dir).glob("*.jsonl")))
    if marked >= lines and marked:
        return marked, f".publisher/{MARK_NAME} (written after each run)"
    return lines, "the dry-run outbox"


def _lines(path: Path) -> int:
    try:
        with open(path, "rb") as fd:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: fd.read(1 << 20), b""))
    except OSError:
        return 0


def sent_in_store(store: Any) -> int:
    # state_counts() shows posts written to the dry-run outbox under "outbox": they went out too
    return sum(n for (_, state), n in store.state_counts().items() if state in (*SENT_STATES, "outbox"))


def behind_finding(settings: Settings, in_store: int) -> tuple[str, str] | None:
    """(message, fix) when the other records show more posts sent than the store holds."""
    elsewhere, where = sent_elsewhere(settings)
    if elsewhere <= in_store:
        return None
    what = "holds no sent post" if in_store == 0 else f"holds {in_store} sent posts"
    return (f"the store {what} but {where} records {elsewhere}: it was emptied, recreated or restored from an "
            f"older copy (an evicted CI cache does this)", LEARNS)


__all__ = ["LEARNS", "behind_finding", "damaged_fix", "is_damaged", "sent_elsewhere", "sent_in_store"]
