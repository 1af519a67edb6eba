"""Persistence: schema, migrations and every SQL statement of the publisher.

    open_store(url) -> Store          SQLite by default (.publisher/publisher.db), PostgreSQL by URL
    Store.transaction()               a write transaction (BEGIN IMMEDIATE on SQLite)
    Store.reading()                   a read transaction
    Store.engine                      for the other SQL modules of this package (metrics, feeds)

Other SQL modules in this package take a Store and use its engine and transactions; their
tables come with their own named migration in publisher/store/migrations/.
"""

from __future__ import annotations

from publisher.store.database import Database, shown_url
from publisher.store.late import LateMove, LateStore
from publisher.store.ledger import Ledger, LedgerStore
from publisher.store.pauses import Pause
from publisher.store.posts import Approval, PlanCounts, PostEdit, PostRecord, PostsStore
from publisher.store.queue import ChannelState, Claim, InFlight, QueueStore, RateWindow, Settlement
from publisher.store.review import ReviewStore
from publisher.store.types import UTCDateTime, utc_now


class Store(PostsStore, QueueStore, LateStore, ReviewStore, LedgerStore, Database):
    """The publisher's store: posts, their events, pauses, per-channel state, late posts, people's decisions,
    and its ledger (what it knows about itself)."""


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Open the store at ``url``, creating a SQLite file's folder and applying pending migrations."""
    store = Store(url)
    store.prepare()
    if migrate:
        store.migrate()
    return store


__all__ = ["Approval", "ChannelState", "Claim", "Database", "InFlight", "LateMove", "Ledger", "Pause", "PlanCounts",
           "PostEdit", "PostRecord", "RateWindow", "Settlement", "Store", "UTCDateTime", "open_store", "shown_url",
           "utc_now"]
