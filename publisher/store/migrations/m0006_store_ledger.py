"""What the store knows about itself: its identity and, per channel, when it last learned from the
outbox and the network what already went out (publisher.store.ledger).

A store emptied, recreated or restored from an older copy is recognised by these rows: an empty
table (a new identity is made), or fewer sent posts than the mark beside the outbox records.
"""

from __future__ import annotations

import sqlalchemy as sa

NAME = "0006_store_ledger"


def apply(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    sa.Table(
        "store_ledger", meta,
        sa.Column("key", sa.String(200), primary_key=True),  # store_id, or learned:<channel>
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    meta.create_all(conn)
