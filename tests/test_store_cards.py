"""Link cards stored once in link_cards (migration 0005), on real SQLite and real PostgreSQL: posts read
back the cards they were planned with, a replan that changes a card moves posts to a new row and removes
the one nobody uses any more, and a store made before 0005 keeps every card through the migration."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from stores import T0, planned_post

from publisher.posts.model import LinkCard
from publisher.store import Store
from publisher.store.migrations import discover
from publisher.store.tables import link_cards, posts

H = dt.timedelta(hours=1)


def card_rows(store: Store) -> int:
    with store.reading() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(link_cards)).scalar_one())


def own_card(n: int, link: str, title: str | None = None) -> LinkCard:
    return LinkCard(link, title or f"Piece {n}", f"What piece {n} says.", f"img/{n}.jpg", f"Cover of {n}")


@pytest.mark.parametrize("bulk_load", [10_000, 5])  # the row-by-row path and a first plan loaded in bulk
def test_posts_read_back_their_cards_and_share_one_row_per_content(any_store: Store, bulk_load: int) -> None:
    plan = []
    for n in range(3):
        for channel in ("x", "bluesky", "linkedin"):
            link = f"https://test.example.org/articles/piece-{n}/?utm_source={channel}&utm_content=e{n}"
            plan.append(planned_post(n, channel, link=link, card=own_card(n, link)))
    odd = planned_post(9, "x", card=LinkCard("https://elsewhere.example/page", "Elsewhere", image=None))
    plan += [odd, planned_post(10, "mastodon", card=None)]
    assert any_store.apply_plan(plan, T0, bulk_load=bulk_load).added == 11
    got = {r.post.key: r.post for r in any_store.records()}
    for post in plan:
        assert got[post.key].card == post.card, post.key  # the URL is each post's own link, or its own URL
    assert card_rows(any_store) == 4  # one per piece whatever the network and link, plus the odd one
    assert any_store.apply_plan(plan, T0 + H).unchanged == 11


def test_a_replan_with_a_new_card_moves_posts_and_drops_the_unused_row(any_store: Store) -> None:
    link = "https://test.example.org/articles/piece-1/?utm_source=x"
    first = [planned_post(1, "x", link=link, card=own_card(1, link)), planned_post(2, "x", role="follow-up-3",
                                                                                  piece="articles/piece-1",
                                                                                  link=link, card=own_card(1, link))]
    any_store.apply_plan(first, T0)
    ids = {r.post.key: r.post.id for r in any_store.records()}
    any_store.approve(T0, ids=[ids[first[1].key]])
    with any_store.transaction() as conn:  # the follow-up goes out with the old card
        conn.execute(posts.update().where(posts.c.id == ids[first[1].key]).values(state="published"))
    renamed = [dataclasses.replace(p, card=own_card(1, link, "A new title")) for p in first]
    counts = any_store.apply_plan(renamed, T0 + H)
    assert (counts.updated, counts.kept) == (1, 1)
    got = {r.post.key: r.post for r in any_store.records()}
    assert got[first[0].key].card.title == "A new title"
    assert got[first[1].key].card.title == "Piece 1"  # sent: keeps the card it went out with
    assert card_rows(any_store) == 2
    any_store.apply_plan([dataclasses.replace(renamed[0], card=None), renamed[1]], T0 + 2 * H)
    assert any_store.records(ids=[ids[first[0].key]])[0].post.card is None
    assert card_rows(any_store) == 1  # "A new title" is used by nobody now; the published post's stays


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_migration_0005_moves_every_card_to_link_cards(engine: str, tmp_path: Path,
                                                       request: pytest.FixtureRequest) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}" if engine == "sqlite" else request.getfixturevalue("pg_url")
    store = Store(url)
    store.migrate([m for m in discover() if m.number < 5])
    link = "https://test.example.org/a/?utm_source=x"
    cards = [{"url": link, "title": "A", "description": "About A", "image": "a.jpg", "image_alt": "Cover"},
             {"url": "https://other.example/", "title": "B", "description": "", "image": None, "image_alt": ""}]
    with store.transaction() as conn:
        for n, card in enumerate([cards[0], cards[0], cards[1], None]):
            conn.execute(sa.text(
                "INSERT INTO posts (key, piece, channel, network, role, excerpt_id, excerpt_kind, lang, text, link, "
                "card, scheduled_at, state, attempts, created_at, updated_at) VALUES (:key, 'a', 'x', 'x', 'launch', "
                "'e', 'quote', 'en', 'Text', :link, :card, :at, 'published', 1, :at, :at)"),
                {"key": f"a:x:{n}", "link": link, "card": json.dumps(card) if card else None,
                 "at": dt.datetime(2026, 1, 1, 9, 0)})
    assert store.migrate([m for m in discover() if m.number <= 5]) == ["0005_link_cards"]
    store.migrate()  # the later ones, which today's queries read (0007: threads)
    got = {r.post.key: r.post.card for r in store.records()}
    assert got == {"a:x:0": LinkCard(**cards[0]), "a:x:1": LinkCard(**cards[0]), "a:x:2": LinkCard(**cards[1]),
                   "a:x:3": None}
    assert card_rows(store) == 2
    with store.reading() as conn:
        assert "card" not in {c["name"] for c in sa.inspect(conn).get_columns("posts")}
    store.close()
