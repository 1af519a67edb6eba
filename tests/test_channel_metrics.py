"""Engagement pull: the decaying schedule (pure), and pulls through real adapters into real stores.

Posts are published the way the dispatcher does it (plan -> approve -> claim -> send -> settle)
against the loopback doubles, then measured; snapshots land in SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from conftest import PG_URL
from doubles import DOUBLES, Double, channel_spec, environment

from publisher.posts.model import PlannedPost, Published
from publisher.sending.channels.base import Channel
from publisher.sending.channels.bluesky import BlueskyChannel
from publisher.sending.channels.mastodon import MastodonChannel
from publisher.sending.channels.x import XChannel
from publisher.sending.metrics import HORIZON, due, next_pull, pull_metrics, schedule
from publisher.store import Store, open_store
from publisher.store import metrics as metrics_store
from publisher.store.metrics import Measured

T0 = dt.datetime(2026, 3, 2, 8, 10, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)
D = dt.timedelta(days=1)


# The schedule --------------------------------------------------------------------------------------


def test_schedule_is_often_on_day_one_then_daily_for_a_month() -> None:
    moments = schedule(T0)
    assert [m - T0 for m in moments[:5]] == [H, 3 * H, 6 * H, 12 * H, 24 * H]
    assert [m - T0 for m in moments[5:]] == [d * D for d in range(2, 31)]
    assert moments[-1] - T0 == HORIZON


@pytest.mark.parametrize(("last", "expected"), [
    (None, T0 + H),
    (T0 + 90 * dt.timedelta(minutes=1), T0 + 3 * H),
    (T0 + 13 * H, T0 + 24 * H),
    (T0 + 24 * H, T0 + 2 * D),
    (T0 + 5 * D + H, T0 + 6 * D),
    (T0 + 30 * D, None),  # a month later: never again
])
def test_next_pull(last: dt.datetime | None, expected: dt.datetime | None) -> None:
    assert next_pull(T0, last) == expected


def test_due_takes_one_snapshot_for_missed_slots_and_stops_after_the_horizon() -> None:
    def post(i: int, published: dt.datetime, last: dt.datetime | None) -> Measured:
        return Measured(i, "x", "x", str(i), published, last)

    now = T0 + 10 * D + 2 * H
    posts = [post(1, T0, None), post(2, T0, T0 + 2 * D), post(3, T0, T0 + 10 * D),
             post(4, T0 - 40 * D, T0 - 10 * D),  # measured on its day 30: done
             post(5, now - 30 * dt.timedelta(minutes=1), None)]  # first pull at 1 h
    assert [p.post_id for p in due(posts, now)] == [1, 2]
    measured = [post(1, T0, now), post(2, T0, now)]
    assert due(measured, now) == [] and [p.post_id for p in due(measured, now + D)] == [1, 2]


# Pulls through the real adapters ------------------------------------------------------------------


CLASSES: dict[str, type[Channel]] = {"x": XChannel, "mastodon": MastodonChannel, "bluesky": BlueskyChannel}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[Store]:
    if request.param == "sqlite":
        s = open_store(f"sqlite:///{tmp_path / 'publisher.db'}")
        yield s
        s.close()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {schema}"))
    except sa.exc.OperationalError as e:
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {e.orig}")
    s = open_store(f"{PG_URL}?options=-csearch_path%3D{schema}")
    yield s
    s.close()
    with admin.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def accounts() -> Iterator[dict[str, tuple[Channel, Double]]]:
    out = {}
    for network, cls in CLASSES.items():
        double = DOUBLES[network]().start()
        out[network] = (cls(network, channel_spec(network, timeout_seconds=5), environment(double)), double)
    yield out
    for _, double in out.values():
        double.stop()


def publish(store: Store, accounts: dict[str, tuple[Channel, Double]], per_channel: int, at: dt.datetime) -> None:
    planned = []
    for network in accounts:
        for n in range(per_channel):
            link = f"https://newsroom.clairval.example/articles/p{n}?utm_source={network}"
            shown = f"newsroom.clairval.example/articles/p{n}" if network == "bluesky" else link
            planned.append(PlannedPost(key=f"articles/p{n}:{network}:launch", piece=f"articles/p{n}", channel=network,
                                       network=network, role="launch", excerpt_id=f"e{n}", excerpt_kind="title",
                                       text=f"Piece {n} on {network} {shown}", link=link, scheduled_at=at, lang="en"))
    store.apply_plan(planned, at)
    store.approve(at, everything=True)
    for network, (channel, _) in accounts.items():
        while (claim := store.claim_next(network, at, "test-worker")).post:
            out = channel.send(claim.post)
            assert isinstance(out, Published), out
            assert store.settle(claim.post.id, "test-worker", at, "published", "sent",
                                remote_id=out.remote_id, remote_url=out.url)


def test_pull_twice_keeps_history_and_batches_requests(store: Store, accounts: dict[str, tuple[Channel, Double]]) -> None:
    publish(store, accounts, per_channel=30, at=T0)
    channels = {name: ch for name, (ch, _) in accounts.items()}
    for _, double in accounts.values():
        double.tick()
    first = pull_metrics(store, channels, T0 + 2 * H)
    assert {n: (c.due, c.stored) for n, c in first.channels.items()} == {n: (30, 30) for n in accounts}
    # X: 30 ids in one request; Bluesky: 25 uris per getPosts; Mastodon: one status() per post.
    assert {n: c.requests for n, c in first.channels.items()} == {"x": 1, "bluesky": 2, "mastodon": 30}
    assert pull_metrics(store, channels, T0 + 2 * H + dt.timedelta(minutes=30)).stored == 0  # next slot: 3 h
    for _, double in accounts.values():
        double.tick(2)
    second = pull_metrics(store, channels, T0 + 3 * H)
    assert second.stored == 90
    assert metrics_store.count(store) == 180
    measured = metrics_store.measurable(store, T0 - D)
    assert len(measured) == 90 and all(m.last_taken_at == T0 + 3 * H for m in measured)
    post_id = next(m.post_id for m in measured if m.channel == "x")
    older, newer = metrics_store.history(store, post_id)
    assert (older.at, newer.at) == (T0 + 2 * H, T0 + 3 * H)
    assert newer.likes > older.likes > 0 and newer.impressions > older.impressions  # type: ignore[operator]
    assert newer.clicks is not None and older.raw["public_metrics"]["like_count"] == older.likes
    rows = [r for batch in metrics_store.iter_period(store, T0, T0 + D) for r in batch]
    assert len(rows) == 180


def test_a_rate_limited_channel_stops_and_the_others_go_on(store: Store,
                                                           accounts: dict[str, tuple[Channel, Double]]) -> None:
    publish(store, accounts, per_channel=3, at=T0)
    channels = {name: ch for name, (ch, _) in accounts.items()}
    accounts["mastodon"][1].fail("rate_limit", on="read")
    report = pull_metrics(store, channels, T0 + H)
    assert report.channels["mastodon"].stored == 0 and report.channels["mastodon"].requests == 1
    assert "rate limit" in report.channels["mastodon"].note
    assert report.channels["x"].stored == 3 and report.channels["bluesky"].stored == 3
    # The limited channel is due again at the next run; the others are not.
    again = pull_metrics(store, channels, T0 + H + dt.timedelta(minutes=5))
    assert again.channels["mastodon"].stored == 3 and set(again.channels) == {"mastodon"}


def test_budget_caps_requests_per_run(store: Store, accounts: dict[str, tuple[Channel, Double]]) -> None:
    publish(store, {"mastodon": accounts["mastodon"]}, per_channel=5, at=T0)
    report = pull_metrics(store, {"mastodon": accounts["mastodon"][0]}, T0 + H, budget=2)
    assert (report.channels["mastodon"].stored, report.channels["mastodon"].requests) == (2, 2)
    assert "stopped after 2 requests" in report.channels["mastodon"].note


def test_latest_in_period_gives_one_row_per_post(store: Store, accounts: dict[str, tuple[Channel, Double]]) -> None:
    publish(store, {"x": accounts["x"]}, per_channel=4, at=T0)
    channels = {"x": accounts["x"][0]}
    for hours in (1, 3, 6):
        accounts["x"][1].tick()
        pull_metrics(store, channels, T0 + hours * H)
    latest = metrics_store.latest_in_period(store, T0, T0 + 4 * H)  # the 6 h pull is outside
    assert len(latest) == 4 and {r.taken_at for r in latest} == {T0 + 3 * H}
    assert sum(1 for batch in metrics_store.iter_period(store, T0, T0 + 4 * H) for _ in batch) == 8
