"""Snapshot ingest (publisher.store.metrics.add_snapshots): COPY on PostgreSQL, executemany on
SQLite, the same rows and types read back from both, history appended and never overwritten."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import sqlalchemy as sa
from stores import T0, planned_post

from publisher.errors import StoreError
from publisher.posts.model import Snapshot
from publisher.store import Store
from publisher.store import metrics as metrics_store
from publisher.store.bulk import Bulk
from publisher.store.metrics import StoredSnapshot, add_snapshots
from publisher.store.tables import metric_snapshots
from publisher.store.types import UTCDateTime

PLUS_TWO = dt.timezone(dt.timedelta(hours=2))
# Values a driver or a text COPY could get wrong: separators, escapes, non-ASCII, NULLs, big counts.
AWKWARD = "tab\there, new\nline, back\\slash, \\N, «quoted» 東京 🚀"


def _published_ids(store: Store, count: int = 3) -> dict[str, int]:
    store.apply_plan([planned_post(n, "x", state="approved") for n in range(count)], T0)
    return {r.post.key: r.post.id for r in store.records()}


def _snapshots(ids: dict[str, int]) -> list[StoredSnapshot]:
    """A pull's worth of snapshots: one instant shared by several rows, others each their own."""
    keys = sorted(ids)
    shared = T0 + dt.timedelta(hours=1)
    raw = {"public_metrics": {"like_count": 7, "impression_count": 2_000_000_000}, "note": AWKWARD, "a": [1, None]}
    return [
        StoredSnapshot(ids[keys[0]], "x", Snapshot("1001", shared, 7, 2, 1, 0, 2_000_000_000, 12, raw)),
        StoredSnapshot(ids[keys[1]], "x", Snapshot(AWKWARD, shared, 0, 0, 0, 0, None, None)),
        StoredSnapshot(ids[keys[2]], "x", Snapshot("1003", shared, 3, 0, 0, 1, 40, None, {"k": "v"})),
        # Same post, later, written in another zone: stored as the same instant in UTC.
        StoredSnapshot(ids[keys[0]], "x", Snapshot("1001", dt.datetime(2026, 3, 2, 12, 30, 15, 250, tzinfo=PLUS_TWO),
                                                   9, 3, 1, 0, 2_100_000_000, 14, {})),
        # Same post and the same instant again: a second row, not an update of the first.
        StoredSnapshot(ids[keys[0]], "x", Snapshot("1001", shared, 8, 2, 1, 0, None, 13)),
    ]


def _read_back(store: Store, ids: dict[str, int]) -> list[tuple[object, ...]]:
    """Every stored row in id order, typed by the table, post ids given back as post keys."""
    keys = {post_id: key for key, post_id in ids.items()}
    c = metric_snapshots.c
    with store.reading() as conn:
        rows = conn.execute(sa.select(c.post_id, c.channel, c.remote_id, c.taken_at, c.likes, c.reposts, c.replies,
                                      c.quotes, c.impressions, c.clicks, c.raw).order_by(c.id)).all()
        raw_text = [r[0] for r in conn.exec_driver_sql(
            f"SELECT {Bulk(conn).json_as_text('raw')} FROM metric_snapshots ORDER BY id")]
    return [(keys[r[0]], *r[1:], text) for r, text in zip(rows, raw_text, strict=True)]


def _expected(ids: dict[str, int], snapshots: list[StoredSnapshot]) -> list[tuple[object, ...]]:
    keys = {post_id: key for key, post_id in ids.items()}
    return [(keys[r.post_id], r.channel, r.snapshot.remote_id, r.snapshot.at.astimezone(dt.UTC), r.snapshot.likes,
             r.snapshot.reposts, r.snapshot.replies, r.snapshot.quotes, r.snapshot.impressions, r.snapshot.clicks,
             r.snapshot.raw or None,
             json.dumps(r.snapshot.raw, sort_keys=True, ensure_ascii=False) if r.snapshot.raw else None)
            for r in snapshots]


@pytest.mark.postgres
def test_both_engines_store_and_read_back_the_same_rows_and_types(sqlite_store: Store, pg_store: Store) -> None:
    found = []
    for store in (sqlite_store, pg_store):
        ids = _published_ids(store)
        rows = _snapshots(ids)
        assert add_snapshots(store, iter(rows)) == len(rows)  # any iterable, read once
        back = _read_back(store, ids)
        assert back == _expected(ids, rows), store.dialect
        for row in back:
            taken_at = row[3]
            assert isinstance(taken_at, dt.datetime) and taken_at.tzinfo is dt.UTC, (store.dialect, taken_at)
            assert all(type(v) is int for v in row[4:8]), (store.dialect, row)
        first = ids[sorted(ids)[0]]
        history = metrics_store.history(store, first)
        assert [(s.at, s.likes) for s in history] == [(T0 + dt.timedelta(hours=1), 7), (T0 + dt.timedelta(hours=1), 8),
                                                      (dt.datetime(2026, 3, 2, 10, 30, 15, 250, tzinfo=dt.UTC), 9)]
        assert history[0].raw["note"] == AWKWARD and history[1].raw == {}
        found.append(back)
    assert found[0] == found[1]
    # SQLite compares instants as text: the stored text must be the one UTCDateTime writes.
    with sqlite_store.reading() as conn:
        stored = [r[0] for r in conn.exec_driver_sql("SELECT taken_at FROM metric_snapshots ORDER BY id")]
        bound = conn.execute(sa.select(sa.cast(sa.literal(T0 + dt.timedelta(hours=1), UTCDateTime), sa.String))).scalar()
    assert stored == ["2026-03-02 09:00:00.000000"] * 3 + ["2026-03-02 10:30:15.000250", "2026-03-02 09:00:00.000000"]
    assert bound == stored[0]


def test_ingest_appends_history_and_never_overwrites(any_store: Store) -> None:
    ids = _published_ids(any_store)
    rows = _snapshots(ids)
    assert add_snapshots(any_store, rows) == len(rows)
    assert add_snapshots(any_store, rows) == len(rows)  # the same pull again: kept twice
    assert add_snapshots(any_store, []) == 0
    assert metrics_store.count(any_store) == 2 * len(rows)
    assert _read_back(any_store, ids) == 2 * _expected(ids, rows)


def test_ingest_in_several_batches_keeps_the_order(any_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(metrics_store, "BATCH", 2)  # SQLite's executemany batches; COPY streams regardless
    ids = _published_ids(any_store)
    post_id = ids[sorted(ids)[1]]
    rows = [StoredSnapshot(post_id, "x", Snapshot(f"r{n}", T0 + dt.timedelta(minutes=n), n)) for n in range(7)]
    assert add_snapshots(any_store, (r for r in rows)) == 7
    assert [(s.remote_id, s.likes) for s in metrics_store.history(any_store, post_id)] == [(f"r{n}", n) for n in range(7)]


def test_a_snapshot_of_an_unknown_post_stores_nothing_and_says_why(any_store: Store) -> None:
    ids = _published_ids(any_store)
    good = StoredSnapshot(ids[sorted(ids)[0]], "x", Snapshot("1", T0, 1))
    unknown = StoredSnapshot(max(ids.values()) + 1000, "x", Snapshot("2", T0, 1))
    with pytest.raises(StoreError, match=r"(?i)foreign key"):
        add_snapshots(any_store, [good, unknown])
    assert metrics_store.count(any_store) == 0  # one transaction: the good row went with it
    assert add_snapshots(any_store, [good]) == 1  # and the store is usable afterwards


@pytest.mark.postgres
def test_a_count_beyond_the_integer_column_is_refused_not_wrapped(pg_store: Store) -> None:
    ids = _published_ids(pg_store, 1)
    post_id = next(iter(ids.values()))
    with pytest.raises(StoreError, match="out of range"):
        add_snapshots(pg_store, [StoredSnapshot(post_id, "x", Snapshot("1", T0, 1, impressions=3_000_000_000))])
    with pytest.raises(StoreError, match="too long"):
        add_snapshots(pg_store, [StoredSnapshot(post_id, "x", Snapshot("r" * 401, T0, 1))])
    assert metrics_store.count(pg_store) == 0
