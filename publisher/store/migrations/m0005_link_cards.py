"""Link cards in a table of their own: a post row points at its card instead of carrying its JSON.

The planner gives every post of a piece the same card but for its URL, which is the post's own UTM
link; each post row used to repeat ~350 bytes of card JSON. Now a card is stored once and shared:
``url`` is NULL when the card points at the post's own link (the planner's cards), so one row serves
every post of a piece on every network. Cards are never changed in place (a published post keeps
the card it went out with); a replan that gives a post a new card points it at another row.

posts.card_id has no foreign key on purpose: a replan removes the cards no post uses any more in one
statement, which with a foreign key would scan the posts table once per removed card (SQLite checks
a parent's deletion against an unindexed child column row by row). The store is the only writer.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa

NAME = "0005_link_cards"


def apply(conn: sa.Connection) -> None:
    meta = sa.MetaData()
    cards = sa.Table(
        "link_cards", meta,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("url", sa.Text),  # NULL: the link of the post that shows the card
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False, default=""),
        sa.Column("image", sa.Text),  # a path on disk or an absolute URL
        sa.Column("image_alt", sa.Text, nullable=False, default=""),
    )
    meta.create_all(conn)
    conn.execute(sa.text("ALTER TABLE posts ADD COLUMN card_id INTEGER"))
    found: dict[tuple[Any, ...], int] = {}
    moves: list[dict[str, int]] = []
    for post_id, link, raw in conn.execute(sa.text("SELECT id, link, card FROM posts WHERE card IS NOT NULL")):
        data = json.loads(raw) if isinstance(raw, str) else raw
        if not data:
            continue
        url = data.get("url")
        content = (None if url == link else url, data.get("title") or "", data.get("description") or "",
                   data.get("image"), data.get("image_alt") or "")
        card_id = found.get(content)
        if card_id is None:
            card_id = found[content] = conn.execute(cards.insert().values(dict(zip(
                ("url", "title", "description", "image", "image_alt"), content, strict=True)))).inserted_primary_key[0]
        moves.append({"card": card_id, "post": post_id})
    if moves:
        conn.execute(sa.text("UPDATE posts SET card_id = :card WHERE id = :post"), moves)
    conn.execute(sa.text("ALTER TABLE posts DROP COLUMN card"))
