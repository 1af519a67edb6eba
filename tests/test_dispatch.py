"""The dispatcher against real stores: every outcome lands in a truthful state, pauses are read before
every send, stale claims are reconciled (never resent blindly), channels work in parallel."""

from __future__ import annotations

import datetime as dt
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, ClassVar

import pytest
import sqlalchemy as sa
from stores import T0, planned_post

from publisher.errors import ChannelError
from publisher.posts.model import Failed, Outcome, Published, QueuedPost, RetryLater, Unconfirmed
from publisher.sending.channels.base import Channel
from publisher.sending.channels.outbox import OutboxChannel, read_outbox
from publisher.sending.dispatcher import Dispatcher, DispatchPolicy, claimer_is_dead, settlement
from publisher.store import RateWindow, Store
from publisher.store.tables import posts

NOW = T0 + dt.timedelta(hours=1)
SECRET = "tok-0123456789-very-secret"


class ScriptedChannel(Channel):
    """A network double: answers each send with the next scripted outcome (or calls it)."""

    network: ClassVar[str] = "x"

    def __init__(self, name: str, script: Callable[[QueuedPost], Outcome], reconciled: Outcome | None = None):
        super().__init__(name, None, {})
        self.script = script
        self.sent: list[int] = []
        self.reconciled = reconciled
        self._lock = threading.Lock()

    def send(self, post: QueuedPost) -> Outcome:
        with self._lock:
            self.sent.append(post.id)
        return self.script(post)

    def reconcile(self, post: QueuedPost) -> Outcome | None:
        return self.reconciled


class SlowNetwork:
    """Answers after 150 ms and remembers how many calls were in flight at most."""

    def __init__(self) -> None:
        self.busy = self.most = 0
        self.lock = threading.Lock()

    def __call__(self, post: QueuedPost) -> Outcome:
        with self.lock:
            self.busy += 1
            self.most = max(self.most, self.busy)
        time.sleep(0.15)
        with self.lock:
            self.busy -= 1
        return Published(f"r-{post.id}")


def dispatch(store: Store, channels: dict[str, Channel], now: dt.datetime = NOW, **kw: Any) -> Any:
    return Dispatcher(store, channels, clock=lambda: now, **kw).run_once()


def channel_row(store: Store, name: str) -> Any:
    return store.channel_states()[name]


OUTCOMES = [
    (Published("r-1", "https://net.example/r-1"), "published", 1, {"remote_id": "r-1", "remote_url": "https://net.example/r-1"}),
    (RetryLater(NOW + dt.timedelta(seconds=10), "503 from the network"), "approved", 1,
     {"next_attempt_at": NOW + dt.timedelta(minutes=1), "last_error": "503 from the network"}),
    (RetryLater(NOW + dt.timedelta(minutes=15), "429", rate_limited=True), "approved", 0,
     {"next_attempt_at": NOW + dt.timedelta(minutes=15)}),
    (Failed("duplicate content"), "failed", 1, {"last_error": "duplicate content"}),
    (Failed("401: token expired", disable_channel=True), "approved", 0, {"last_error": "401: token expired"}),
    (Unconfirmed("timeout after the request was sent"), "unconfirmed", 1, {}),
]


@pytest.mark.parametrize(("outcome", "state", "attempts", "fields"), OUTCOMES,
                         ids=["published", "retry", "rate-limited", "failed", "disable", "unconfirmed"])
def test_each_outcome_lands_in_a_truthful_state(sqlite_store: Store, outcome: Outcome, state: str, attempts: int,
                                                fields: dict[str, Any]) -> None:
    sqlite_store.apply_plan([planned_post(n, state="approved") for n in range(3)], T0)
    channel = ScriptedChannel("x", lambda post: outcome)
    report = dispatch(sqlite_store, {"x": channel})
    first = sqlite_store.records()[0]
    assert (first.post.state, first.post.attempts) == (state, attempts)
    for name, value in fields.items():
        assert getattr(first.post, name, getattr(first, name, None)) == value, name
    assert first.claimed_by is None
    if isinstance(outcome, RetryLater) and outcome.rate_limited:
        assert channel.sent == [first.post.id]  # the account rests: nothing else is tried
        assert channel_row(sqlite_store, "x").blocked_until == outcome.at
        assert report.held["x"] == "rate limited by the network"
    elif isinstance(outcome, Failed) and outcome.disable_channel:
        assert channel.sent == [first.post.id]
        assert channel_row(sqlite_store, "x").disabled
        assert report.held["x"] == "disabled: 401: token expired"
    else:
        assert len(channel.sent) == 3


def test_retries_back_off_then_fail_after_max_attempts(sqlite_store: Store) -> None:
    sqlite_store.apply_plan([planned_post(1, state="approved")], T0)
    clock = [NOW]
    channel = ScriptedChannel("x", lambda post: RetryLater(clock[0], "502"))
    dispatcher = Dispatcher(sqlite_store, {"x": channel}, clock=lambda: clock[0],
                            policy=DispatchPolicy(max_attempts=3, backoff=dt.timedelta(minutes=2)))
    waits = []
    for _ in range(3):
        dispatcher.run_once()
        record = sqlite_store.records()[0]
        if record.next_attempt_at:
            waits.append(record.next_attempt_at - clock[0])
            clock[0] = record.next_attempt_at
    assert waits == [dt.timedelta(minutes=2), dt.timedelta(minutes=4)]
    record = sqlite_store.records()[0]
    assert (record.post.state, record.post.attempts) == ("failed", 3)
    assert record.last_error == "502"
    assert [e.to_state for e in sqlite_store.events(record.post.id)][-1] == "failed"


def test_an_adapter_crash_is_unconfirmed_with_secrets_masked(sqlite_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_ACCESS_TOKEN", SECRET)
    sqlite_store.apply_plan([planned_post(1, state="approved")], T0)

    def crash(post: QueuedPost) -> Outcome:
        raise ConnectionResetError(f"reset while sending with {SECRET}")

    dispatch(sqlite_store, {"x": ScriptedChannel("x", crash)})
    record = sqlite_store.records()[0]
    assert record.post.state == "unconfirmed"
    assert "ConnectionResetError" in record.last_error and SECRET not in record.last_error
    assert all(SECRET not in e.detail for e in sqlite_store.events(record.post.id))


def test_a_channel_error_disables_the_account_and_keeps_the_post(sqlite_store: Store) -> None:
    sqlite_store.apply_plan([planned_post(1, state="approved")], T0)

    def refuse(post: QueuedPost) -> Outcome:
        raise ChannelError("bad credentials shape")

    dispatch(sqlite_store, {"x": ScriptedChannel("x", refuse)})
    assert sqlite_store.records()[0].post.state == "approved"
    assert channel_row(sqlite_store, "x").disabled_reason == "bad credentials shape"
    assert sqlite_store.enable_channels(NOW) == ["x"]


def test_a_pause_stops_the_very_next_send(sqlite_store: Store) -> None:
    sqlite_store.apply_plan([planned_post(n, state="approved") for n in range(10)], T0)

    def pause_on_second(post: QueuedPost) -> Outcome:
        if len(channel.sent) == 2:
            sqlite_store.pause(NOW, reason="breaking news")
        return Published(f"r-{post.id}")

    channel = ScriptedChannel("x", pause_on_second)
    report = dispatch(sqlite_store, {"x": channel})
    assert len(channel.sent) == 2
    assert report.held == {"x": "paused: everything until resumed (breaking news)"}
    sqlite_store.resume(NOW)
    dispatch(sqlite_store, {"x": channel})
    assert len(channel.sent) == 10


def test_channels_are_served_in_parallel(sqlite_store: Store) -> None:
    names = ["x", "mastodon", "bluesky"]
    sqlite_store.apply_plan([planned_post(n, ch, state="approved") for n in range(3) for ch in names], T0)
    slow = SlowNetwork()
    report = dispatch(sqlite_store, {n: ScriptedChannel(n, slow) for n in names})
    assert report.counts["published"] == 9
    assert slow.most == 3  # three accounts busy at once, not one call at a time


def test_rate_limits_are_enforced_before_the_network_says_429(sqlite_store: Store) -> None:
    sqlite_store.apply_plan([planned_post(n, state="approved") for n in range(5)], T0)
    channel = ScriptedChannel("x", lambda post: Published(f"r-{post.id}"))
    report = dispatch(sqlite_store, {"x": channel}, rates={"x": RateWindow(2, 900)})
    assert len(channel.sent) == 2
    assert report.held["x"] == "rate limit: 2 posts per 900 s"


class Stamped:
    """Publishes at once and notes when each send happened (the real clock)."""

    def __init__(self) -> None:
        self.at: list[float] = []

    def __call__(self, post: QueuedPost) -> Outcome:
        self.at.append(time.monotonic())
        return Published(f"r-{post.id}")


def test_a_pass_given_time_waits_for_the_rate_window_instead_of_ending(sqlite_store: Store) -> None:
    sqlite_store.apply_plan([planned_post(n, state="approved") for n in range(5)], T0)
    stamped = Stamped()
    dispatcher = Dispatcher(sqlite_store, {"x": ScriptedChannel("x", stamped)}, rates={"x": RateWindow(2, 1)})
    report = dispatcher.run_once(wait=10)
    assert report.counts["published"] == 5 and not report.held
    gaps = [b - a for a, b in zip(stamped.at, stamped.at[2:], strict=False)]
    assert min(gaps) >= 0.99  # never more than 2 sends in any second


def test_a_pass_never_waits_past_its_time_for_a_window(sqlite_store: Store) -> None:
    sqlite_store.apply_plan([planned_post(n, state="approved") for n in range(5)], T0)
    stamped = Stamped()
    dispatcher = Dispatcher(sqlite_store, {"x": ScriptedChannel("x", stamped)}, rates={"x": RateWindow(2, 60)})
    started = time.monotonic()
    report = dispatcher.run_once(wait=5)  # the window frees in a minute: not worth waiting for
    assert time.monotonic() - started < 2 and len(stamped.at) == 2
    assert report.held["x"] == "rate limit: 2 posts per 60 s"
    assert report.retry_at is not None and 55 < (report.retry_at - dt.datetime.now(dt.UTC)).total_seconds() <= 60


def test_a_worker_held_by_its_rate_window_does_not_lose_a_poll_each_time(sqlite_store: Store) -> None:
    sqlite_store.apply_plan([planned_post(n, state="approved") for n in range(6)], T0)
    stamped = Stamped()
    stop = threading.Event()
    passes: list[Any] = []

    def on_pass(report: Any) -> None:
        passes.append(report)
        if sum(r.counts["published"] for r in passes) == 6:
            stop.set()

    dispatcher = Dispatcher(sqlite_store, {"x": ScriptedChannel("x", stamped)}, rates={"x": RateWindow(2, 2)})
    watchdog = threading.Timer(30, stop.set)
    watchdog.start()
    started = time.monotonic()
    dispatcher.run_forever(stop, poll=1.5, on_pass=on_pass)
    watchdog.cancel()
    # Three windows of 2 s: done after ~4 s. Sleeping a whole poll whenever held ends after ~6 s.
    assert sum(r.counts["published"] for r in passes) == 6
    assert 3.9 < time.monotonic() - started < 5.0
    assert min(b - a for a, b in zip(stamped.at, stamped.at[2:], strict=False)) >= 1.99


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def stale_claim(store: Store, worker: str, at: dt.datetime) -> QueuedPost:
    store.apply_plan([planned_post(1, state="approved")], T0)
    claimed = store.claim_next("x", at, worker).post
    assert claimed is not None
    return claimed


def test_a_dead_workers_claim_is_reconciled_with_the_outbox_not_resent(sqlite_store: Store, tmp_path: Path) -> None:
    import socket

    worker = f"{socket.gethostname()}:{dead_pid()}:dead00"
    assert claimer_is_dead(worker)
    post = stale_claim(sqlite_store, worker, NOW)
    outbox = OutboxChannel("x", None, folder=tmp_path / "outbox", network="x", clock=lambda: NOW)
    assert isinstance(outbox.send(post), Published)  # it died after writing, before recording
    report = dispatch(sqlite_store, {"x": outbox})
    assert report.counts["published"] == 1 and report.counts.get("retry", 0) == 0
    assert [line["id"] for line in read_outbox(outbox.path)] == [post.id]  # not sent twice
    record = sqlite_store.post(post.id)
    assert (record.post.state, record.post.remote_id) == ("published", f"outbox:{post.id}")
    assert "died mid-send" in sqlite_store.events(post.id)[-1].detail


def test_a_dead_workers_claim_absent_from_the_outbox_is_sent_again(sqlite_store: Store, tmp_path: Path) -> None:
    import socket

    post = stale_claim(sqlite_store, f"{socket.gethostname()}:{dead_pid()}:dead01", NOW)
    outbox = OutboxChannel("x", None, folder=tmp_path / "outbox", network="x", clock=lambda: NOW)
    dispatch(sqlite_store, {"x": outbox})
    assert [line["id"] for line in read_outbox(outbox.path)] == [post.id]
    record = sqlite_store.post(post.id)
    assert (record.post.state, record.post.attempts) == ("published", 1)  # the crashed attempt is refunded


def test_claims_of_other_hosts_wait_for_the_lease_then_become_unconfirmed(sqlite_store: Store) -> None:
    post = stale_claim(sqlite_store, "another-host:4242:abcdef", NOW)
    channel = ScriptedChannel("x", lambda p: Published("never"), reconciled=None)
    dispatch(sqlite_store, {"x": channel}, now=NOW + dt.timedelta(minutes=5))
    assert sqlite_store.post(post.id).post.state == "sending"  # its worker may still be sending
    dispatch(sqlite_store, {"x": channel}, now=NOW + dt.timedelta(minutes=16))
    record = sqlite_store.post(post.id)
    assert record.post.state == "unconfirmed" and "outcome unknown" in record.last_error
    assert channel.sent == []  # never resent blindly


def test_unconfirmed_posts_are_reconciled_when_the_channel_can_tell(sqlite_store: Store, tmp_path: Path) -> None:
    sqlite_store.apply_plan([planned_post(n, state="approved") for n in range(2)], T0)
    unknown = ScriptedChannel("x", lambda p: Unconfirmed("timeout"))
    dispatch(sqlite_store, {"x": unknown})
    first, second = (r.post for r in sqlite_store.records())
    outbox = OutboxChannel("x", None, folder=tmp_path / "outbox", network="x", clock=lambda: NOW)
    outbox.send(first)  # the first did go out
    report = dispatch(sqlite_store, {"x": outbox})
    assert report.counts["reconciled-published"] == 1 and report.counts["reconciled-requeued"] == 1
    assert sorted(line["id"] for line in read_outbox(outbox.path)) == [first.id, second.id]
    assert {r.post.state for r in sqlite_store.records()} == {"published"}


def test_settlement_never_marks_a_rate_limit_as_a_failure() -> None:
    post = QueuedPost(1, "k", "p", "x", "x", "t", "l", T0, "en", "sending", attempts=99)
    result = settlement(post, RetryLater(NOW, "429", rate_limited=True), NOW, DispatchPolicy(max_attempts=3))
    assert (result.state, result.refund_attempt, result.block_channel_until) == ("approved", True, NOW)


@pytest.mark.parametrize("engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_two_dispatchers_in_threads_never_send_a_post_twice(engine: str, request: pytest.FixtureRequest,
                                                           tmp_path: Path) -> None:
    store: Store = request.getfixturevalue("sqlite_store" if engine == "sqlite" else "pg_store")
    store.apply_plan([planned_post(n, ch, state="approved") for n in range(150) for ch in ("x", "bluesky")], T0)
    folder = tmp_path / "outbox"
    dispatchers = [Dispatcher(Store(store.url), {ch: OutboxChannel(ch, None, folder=folder, network=ch)
                                                 for ch in ("x", "bluesky")}, clock=lambda: NOW) for _ in range(2)]
    threads = [threading.Thread(target=d.run_once) for d in dispatchers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for d in dispatchers:
        d.close()
        d.store.close()
    ids = [line["id"] for ch in ("x", "bluesky") for line in read_outbox(folder / f"{ch}.jsonl")]
    assert len(ids) == 300 and len(set(ids)) == 300
    with store.reading() as conn:
        assert conn.execute(sa.select(sa.func.count()).where(posts.c.state == "published")).scalar() == 300


def test_an_account_may_have_several_sends_in_flight(sqlite_store: Store) -> None:
    sqlite_store.apply_plan([planned_post(n, state="approved") for n in range(6)], T0)
    slow = SlowNetwork()
    channel = ScriptedChannel("x", slow)
    report = dispatch(sqlite_store, {"x": channel}, sends_at_once={"x": 3})
    assert report.counts["published"] == 6
    assert slow.most == 3 and sorted(channel.sent) == sorted(set(channel.sent))


def test_a_workers_own_unrecorded_claim_is_recovered_on_its_next_pass(sqlite_store: Store, tmp_path: Path) -> None:
    sqlite_store.apply_plan([planned_post(1, state="approved")], T0)
    outbox = OutboxChannel("x", None, folder=tmp_path, network="x", clock=lambda: NOW)
    dispatcher = Dispatcher(sqlite_store, {"x": outbox}, clock=lambda: NOW, worker="me:1:abc")
    lost = sqlite_store.claim_next("x", NOW, "me:1:abc").post  # as if the store failed before the outcome was written
    assert lost is not None
    report = dispatcher.run_once()
    assert "its outcome was not recorded" in report.notes[0]
    assert [line["id"] for line in read_outbox(outbox.path)] == [lost.id]
    assert sqlite_store.post(lost.id).post.state == "published"


def test_a_worker_survives_a_store_it_cannot_reach() -> None:
    store = Store("postgresql://publisher:hunter22@127.0.0.1:1/nowhere")
    stop = threading.Event()
    reports = []

    def record(report: Any) -> None:
        reports.append(report)
        if len(reports) == 2:
            stop.set()

    Dispatcher(store, {"x": ScriptedChannel("x", lambda p: Published("1"))}, clock=lambda: NOW).run_forever(
        stop, poll=0.01, on_pass=record)
    assert len(reports) == 2 and all("127.0.0.1" in r.error and "hunter22" not in r.error for r in reports)
