"""A first plan loaded in bulk (indexes and the curated-shares trigger set aside for the load, SQLite's
page cache raised for it), on real SQLite and real PostgreSQL: the table comes out as a plan stored row
by row leaves it, with its indexes and its trigger back."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from stores import T0, planned_post

from publisher.errors import StoreError
from publisher.posts.model import PlannedPost
from publisher.store import Store, open_store
from publisher.store.tables import posts


def a_plan() -> list[PlannedPost]:
    return [planned_post(n, ch, at=T0 + dt.timedelta(minutes=15 * n), state="approved" if n % 3 else "proposed")
            for n in range(40) for ch in ("x", "bluesky")]


def table(store: Store) -> list[tuple]:
    with store.reading() as conn:
        return [tuple(r) for r in conn.execute(sa.select(posts).order_by(posts.c.id)).all()]


def test_a_bulk_load_keeps_the_plans_posts_order_and_indexes(any_store: Store) -> None:
    plan = a_plan()
    assert any_store.apply_plan(plan, T0, bulk_load=10).added == 80
    got = [r.post for r in sorted(any_store.records(), key=lambda r: r.post.id)]
    assert [(p.key, p.text, p.link, p.card, p.scheduled_at, p.state) for p in got] == [
        (p.key, p.text, p.link, p.card, p.scheduled_at, p.state) for p in plan]  # ids in the plan's order
    with any_store.reading() as conn:
        names = {ix["name"] for ix in sa.inspect(conn).get_indexes("posts")}
    assert {"ix_posts_channel_state_time", "ix_posts_state_time", "ix_posts_piece"} <= names


def test_bulk_and_row_by_row_loads_write_the_same_table(tmp_path: Path) -> None:
    stores = [open_store(f"sqlite:///{tmp_path / name}.db") for name in ("bulk", "rows")]
    for store, bulk_load in zip(stores, (10, 10_000), strict=True):
        store.apply_plan(a_plan(), T0, bulk_load=bulk_load)
    assert table(stores[0]) == table(stores[1])
    for store in stores:
        store.close()


def test_the_curated_trigger_is_back_after_a_bulk_load(any_store: Store) -> None:
    any_store.apply_plan([planned_post(n) for n in range(20)], T0, bulk_load=10)
    curated = planned_post(99, role="curated", excerpt_kind="curated", state="approved")
    with pytest.raises(StoreError, match="curated shares start proposed"):
        any_store.apply_plan([curated], T0, bulk_load=10)  # the table is not empty: row by row, the trigger says no


def test_a_bulk_load_refuses_an_approved_curated_share_and_writes_nothing(any_store: Store) -> None:
    plan = [planned_post(n) for n in range(20)]
    plan.append(dataclasses.replace(planned_post(99, role="curated", excerpt_kind="curated"), state="approved"))
    with pytest.raises(StoreError, match="curated shares start proposed"):
        any_store.apply_plan(plan, T0, bulk_load=10)
    assert table(any_store) == []
