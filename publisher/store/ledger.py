"""What the store knows about itself, so that a store emptied, recreated or restored from an older
copy learns what already went out before it sends anything (publisher.sending.catchup does the
learning; this module is its SQL).

    ledger(now)              the store's identity (made on first use: a new or emptied store gets a
                             fresh one), how many posts it holds as sent, and which channels learned
    unsent(channel)          the posts that could still go out on a channel (proposed, approved)
    record_sent_elsewhere()  a post found in the outbox or on the network: published, with its id
    mark_learned(), forget_learned()
"""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from publisher.posts.model import QueuedPost
from publisher.store.database import Database, upsert_insert
from publisher.store.rows import queued, select_queued, transition
from publisher.store.tables import posts, store_ledger

SENT_STATES = ("published", "unconfirmed")
"""States of a post that went out (or may have)."""
MARK_NAME = "sent.json"
"""The mark beside the outbox (.publisher/sent.json): this store's identity and how many posts it held
as sent after the last pass. A store found holding fewer was restored from an older copy."""
_ID = "store_id"
_LEARNED = "learned:"


@dataclass(frozen=True)
class Ledger:
    store_id: str
    sent: int
    """Posts the store holds as sent (published or unconfirmed)."""
    last_sent_at: dt.datetime | None
    learned: dict[str, dt.datetime] = field(default_factory=dict)
    """Channel -> when it last learned from the outbox or the network what already went out."""
    new: bool = False
    """The identity was made now: the store is new, or was emptied."""


class LedgerStore(Database):
    """The store's identity and what each channel learned."""

    def ledger(self, now: dt.datetime) -> Ledger:
        """Read in one snapshot; the identity is written only when missing (a new or emptied store)."""
        with self.reading() as conn:
            rows = dict(conn.execute(sa.select(store_ledger.c.key, store_ledger.c.value)).all())
            sent, last = conn.execute(sa.select(sa.func.count(), sa.func.max(posts.c.updated_at))
                                      .where(posts.c.state.in_(SENT_STATES))).one()
        new = False
        if _ID not in rows:
            made = uuid.uuid4().hex
            with self.transaction() as conn:  # another worker may make it at the same time: the first one stays
                conn.execute(upsert_insert(self.dialect, store_ledger).values(key=_ID, value=made, updated_at=now)
                             .on_conflict_do_nothing(index_elements=["key"]))
                rows[_ID] = conn.execute(sa.select(store_ledger.c.value).where(store_ledger.c.key == _ID)).scalar_one()
            new = rows[_ID] == made
        learned = {k.removeprefix(_LEARNED): dt.datetime.fromisoformat(v) for k, v in rows.items()
                   if k.startswith(_LEARNED)}
        last_at = last if last is None or last.tzinfo else last.replace(tzinfo=dt.UTC)
        return Ledger(rows[_ID], int(sent), last_at, learned, new)

    def mark_learned(self, channel: str, now: dt.datetime) -> None:
        insert = upsert_insert(self.dialect, store_ledger).values(key=_LEARNED + channel, value=now.isoformat(),
                                                                  updated_at=now)
        with self.transaction() as conn:
            conn.execute(insert.on_conflict_do_update(index_elements=["key"], set_={
                "value": insert.excluded.value, "updated_at": insert.excluded.updated_at}))

    def forget_learned(self) -> None:
        """Every channel learns again (the store was found behind what it once sent)."""
        with self.transaction() as conn:
            conn.execute(store_ledger.delete().where(store_ledger.c.key.startswith(_LEARNED)))

    def unsent(self, channel: str) -> list[QueuedPost]:
        """Posts of ``channel`` that could still go out (proposed or approved), earliest first."""
        query = (select_queued().where(posts.c.channel == channel, posts.c.state.in_(("proposed", "approved")))
                 .order_by(posts.c.scheduled_at, posts.c.id))
        with self.reading() as conn:
            return [queued(row._asdict()) for row in conn.execute(query)]

    def record_sent_elsewhere(self, post: QueuedPost, now: dt.datetime, *, remote_id: str, remote_url: str | None,
                              detail: str, actor: str) -> bool:
        """A post found already sent (in the outbox, on the network): published, unless it moved meanwhile."""
        with self.transaction() as conn:
            return transition(conn, post.id, post.state, "published", now, detail=detail, actor=actor,
                              remote_id=remote_id, remote_url=remote_url, last_error=None, next_attempt_at=None,
                              claimed_by=None)


def read_mark(path: Path | None) -> dict[str, Any] | None:
    """The mark beside the outbox, or None (absent, unreadable: a mark is a hint, never required)."""
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_mark(path: Path, ledger: Ledger, now: dt.datetime) -> None:
    """Replace the mark in one rename (a reader never sees half of it)."""
    data = {"store_id": ledger.store_id, "sent": ledger.sent, "written_at": now.astimezone(dt.UTC).isoformat(),
            "last_sent_at": ledger.last_sent_at.isoformat() if ledger.last_sent_at else None}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    temporary.replace(path)


__all__ = ["MARK_NAME", "SENT_STATES", "Ledger", "LedgerStore", "read_mark", "write_mark"]
