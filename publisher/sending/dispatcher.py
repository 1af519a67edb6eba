"""The dispatcher: sends due posts, one claimed attempt at a time, and records what happened.

    run_once()      recover stale claims, reconcile unconfirmed posts, then drain every channel
                    (one thread per channel and send in flight, so several accounts are busy at once)
    run_forever()   run_once() pass after pass until asked to stop (SIGTERM, Ctrl-C); a channel held
                    by a limit that lifts before the next pass waits for it inside the pass

Every attempt ends in a structured outcome (publisher.posts.model) that ``settlement``
(publisher.sending.settlement) turns into the post's next state, a pure function. Nothing is ever
resent blindly: a send whose outcome is unknown becomes ``unconfirmed`` until its channel finds it
(reconcile) or a person settles it.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from publisher.errors import ChannelError, StoreError
from publisher.networks import network as descriptor
from publisher.posts.model import Failed, Outcome, Published, QueuedPost, RetryLater, Unconfirmed
from publisher.sending.channels.base import Channel
from publisher.sending.settlement import DispatchPolicy, backoff_delay, recovery, settlement
from publisher.social.late import LatePolicy, fresh_after, settle_late, summary
from publisher.store import Claim, RateWindow, Settlement, Store
from publisher.store.claims import NEVER_LATE
from publisher.store.types import utc_now

if TYPE_CHECKING:  # the catch-up loads only where it is used (the CLI's run and worker)
    from publisher.sending.catchup import CatchUp

Clock = Callable[[], dt.datetime]


def worker_name() -> str:
    """host:pid:token, so a restarted worker on the same host can tell a dead claimer from a live one."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def claimer_is_dead(worker: str) -> bool:
    """True only when the claiming process ran on this host and is gone (or a zombie)."""
    host, _, rest = worker.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fd:
            return fd.read().rsplit(")", 1)[-1].split()[0] == "Z"
    except OSError:
        return False


def sends_at_once_from(settings: Any) -> dict[str, int]:
    """channels.<name>.sends_at_once, where it is more than one."""
    return {name: int(spec.sends_at_once) for name, spec in settings.plugin.channels.items()
            if getattr(spec, "sends_at_once", 1) > 1}


def rates_from(settings: Any) -> dict[str, RateWindow]:
    """Per-account rate limits: the configuration's (channels.<name>.rate_limit), else the network's
    documented one (its descriptor's rate_limit: Threads, 250 posts per rolling 24 h)."""
    rates = {}
    for name, spec in settings.plugin.channels.items():
        limit = spec.rate_limit
        if limit is not None and limit.posts:
            rates[name] = RateWindow(int(limit.posts), int(limit.per_seconds))
        elif (default := descriptor(spec.network or name).rate_limit) is not None:
            rates[name] = RateWindow(*default)
    return rates


@dataclass
class RunReport:
    """What one pass did, for the CLI."""

    counts: Counter[str] = field(default_factory=Counter)
    held: dict[str, str] = field(default_factory=dict)
    """Channel -> why it stopped with posts possibly due (pause, disabled, rate limit)."""
    notes: list[str] = field(default_factory=list)
    learned: list[str] = field(default_factory=list)
    behind: dict[str, str] = field(default_factory=dict)
    """Channel -> why nothing was sent on it: the store may be behind and its posts could not be read."""
    """What the store learned before sending (it was new, emptied or restored: publisher.sending.catchup)."""
    error: str = ""
    """Why the pass stopped early (the store could not be reached), for a worker's log."""
    retry_at: dt.datetime | None = None
    """The soonest a held channel may send again (end of a rate window, of a 429 block, of a pause)."""
    late: list[str] = field(default_factory=list)
    """Posts found later than the grace window, and where each went (re-slotted, back to review)."""

    @property
    def attempts(self) -> int:
        return sum(self.counts[k] for k in ("published", "retry", "rate-limited", "failed", "channel-disabled",
                                           "unconfirmed"))


class Dispatcher:
    """Sends the due posts of some channels through them, recording every step in the store."""

    def __init__(self, store: Store, channels: Mapping[str, Channel], *, rates: Mapping[str, RateWindow] | None = None,
                 clock: Clock = utc_now, policy: DispatchPolicy | None = None, worker: str | None = None,
                 on_settled: Callable[[QueuedPost, Settlement], None] | None = None,
                 sends_at_once: Mapping[str, int] | None = None, late: LatePolicy | None = None,
                 real_clock: Clock = utc_now, catch_up: CatchUp | None = None):
        """``sends_at_once``: channel -> how many of its sends may be in flight together (default 1);
        the channel's adapter is then called from that many threads at once. ``late``: posts later
        than its grace window are never sent but moved as it says (publisher.social.late) before each
        pass; ``real_clock`` tells a rehearsal's ``clock`` from the real one (see ``fresh_after``).
        ``catch_up``: before each pass, learn what already went out when the store may be behind
        (publisher.sending.catchup)."""
        self.store = store
        self.channels = dict(channels)
        self.rates = dict(rates or {})
        self.sends_at_once = dict(sends_at_once or {})
        self.clock = clock
        self.policy = policy or DispatchPolicy()
        self.worker = worker or worker_name()
        self.on_settled = on_settled
        self.late = late
        self.real_clock = real_clock
        self.catch_up = catch_up
        self._prepared = False
        self._last_reconcile: dt.datetime | None = None

    # One pass ------------------------------------------------------------------------------------

    def run_once(self, stop: threading.Event | None = None, *, reconcile: bool = True, wait: float = 0.0) -> RunReport:
        """One pass. ``wait``: for that many seconds from its start, a channel held by a limit that lifts
        within them (its rate window, a 429's reset, a timed pause) waits for it instead of ending its
        part of the pass; 0 ends it at once (``publisher run``), the worker gives its poll interval."""
        stop = stop or threading.Event()
        report = RunReport()
        if not self._prepared:
            self.store.ensure_channels(sorted(self.channels), self.clock())
            self._prepared = True
        report.notes.extend(self.recover_stale(report.counts))
        if reconcile:
            report.notes.extend(self.reconcile_unconfirmed(report.counts))
        if self.catch_up is not None:  # first: a store that lost its memory learns what went out
            learned = self.catch_up.before_pass()
            report.learned.extend(learned.notes)
            report.counts.update(learned.counts)
            report.held.update(learned.held)
            report.behind.update(learned.held)
        report.late.extend(self.settle_late())
        # parts whose thread broke (a part failed, a person cancelled one): never sent alone
        report.notes.extend(self.store.settle_orphans(self.clock(), self.worker))
        deadline = time.monotonic() + wait
        lanes = [name for name in sorted(self.channels) if name not in report.held
                 for _ in range(self.sends_at_once.get(name, 1))]
        if lanes:
            with ThreadPoolExecutor(max_workers=len(lanes), thread_name_prefix="channel") as pool:
                results = [(name, pool.submit(self.drain, name, stop, deadline)) for name in lanes]
                for name, future in results:
                    counts, last = future.result()
                    report.counts.update(counts)
                    if last is not None and last.held:
                        report.held[name] = last.held
                        if last.retry_at is not None and (report.retry_at is None or last.retry_at < report.retry_at):
                            report.retry_at = last.retry_at
        if self.catch_up is not None:
            self.catch_up.after_pass()
        return report

    def drain(self, name: str, stop: threading.Event, deadline: float = 0.0) -> tuple[Counter[str], Claim | None]:
        """Send one channel's due posts until none is left, or a pause or a limit holds the channel.

        Each attempt's end is written in the transaction that claims the next post (one commit per
        send); the pause and the channel's limits are read in that same transaction, before every send.
        A limit that lifts before ``deadline`` (time.monotonic()) is waited for. Returns the counts and
        the last claim that found nothing to send (None when stopped).
        """
        channel = self.channels[name]
        counts: Counter[str] = Counter()
        done: tuple[QueuedPost, Settlement] | None = None
        while True:
            if stop.is_set():
                if done is not None:
                    self._settle(*done, counts)
                return counts, None
            now = self.clock()
            claim = self.store.claim_next(name, now, self.worker, self.rates.get(name),
                                          finish=done[1] if done else None, fresh=self._fresh(now))
            if done is not None:
                self._count(*done, bool(claim.finished), counts)
                done = None
            if claim.post is None:
                pause = self._until_lifted(claim, deadline)
                if pause is None or stop.wait(pause):
                    return counts, claim
                continue
            outcome = self._attempt(channel, claim.post)
            done = (claim.post, settlement(claim.post, outcome, self.clock(), self.policy))

    def _until_lifted(self, claim: Claim, deadline: float) -> float | None:
        """Seconds to wait for what holds the channel to lift, if it lifts before ``deadline``; else None."""
        if claim.retry_at is None or not claim.held:
            return None
        seconds = max((claim.retry_at - self.clock()).total_seconds(), 0.001)
        return seconds if time.monotonic() + seconds <= deadline else None

    def _attempt(self, channel: Channel, post: QueuedPost) -> Outcome:
        try:
            return channel.send(post)
        except ChannelError as e:  # raised before any request: the account, not the post
            return Failed(str(e), disable_channel=True)
        except Exception as e:  # the request may have gone out: never assume it did not
            return Unconfirmed(f"the {channel.name} adapter crashed: {type(e).__name__}: {e}")

    def _settle(self, post: QueuedPost, result: Settlement, counts: Counter[str]) -> None:
        kept = self.store.finish(self.worker, self.clock(), result)
        self._count(post, result, kept, counts)

    def _count(self, post: QueuedPost, result: Settlement, kept: bool, counts: Counter[str]) -> None:
        counts[result.kind if kept else "claim-lost"] += 1
        if self.on_settled is not None:
            self.on_settled(post, result)

    # Late posts --------------------------------------------------------------------------------

    def _fresh(self, now: dt.datetime) -> dt.datetime:
        return NEVER_LATE if self.late is None else fresh_after(now, self.real_clock(), self.late)

    def settle_late(self) -> list[str]:
        """Move the posts later than the grace window (re-slot or back to review), on the channels a
        pause or a disabled account does not hold: those wait for `publisher resume` to move theirs."""
        if self.late is None:
            return []
        now = self.clock()
        pauses = self.store.active_pauses(now)
        if any(p.channel is None for p in pauses):
            return []
        held = {p.channel for p in pauses} | {name for name, state in self.store.channel_states().items()
                                               if state.disabled}
        names = [name for name in sorted(self.channels) if name not in held]
        moved = settle_late(self.store, self.late, now, self.real_clock(), names, self.worker)
        return summary(moved)

    # Recovery ------------------------------------------------------------------------------------

    def recover_stale(self, counts: Counter[str]) -> list[str]:
        """Posts left in ``sending`` by a dead worker (or past the lease): ask their channel, never resend."""
        notes = []
        now = self.clock()
        for flight in self.store.in_flight(sorted(self.channels)):
            if flight.claimed_by == self.worker:  # none of our sends runs between passes: an orphan
                why = "its outcome was not recorded (store error mid-send)"
            elif claimer_is_dead(flight.claimed_by):
                why = f"worker {flight.claimed_by} died mid-send"
            elif flight.claimed_at < now - self.policy.lease:
                why = f"claim of {flight.claimed_by} older than {self.policy.lease}"
            else:
                continue
            if not self.store.take_over(flight.post.id, flight.claimed_by, self.worker, now, why):
                continue
            outcome = self._reconcile(self.channels[flight.post.channel], flight.post)
            result = recovery(flight.post.id, outcome, self.clock(), why)
            self._settle(flight.post, result, counts)
            notes.append(f"post {flight.post.id} ({flight.post.channel}): {result.detail}")
        return notes

    def reconcile_unconfirmed(self, counts: Counter[str], *, force: bool = False) -> list[str]:
        """Ask each channel about its unconfirmed posts; settle those it can prove either way."""
        now = self.clock()
        if not force and self._last_reconcile is not None and now - self._last_reconcile < self.policy.reconcile_every:
            return []
        self._last_reconcile = now
        notes = []
        for post, seen_at in self.store.unconfirmed(sorted(self.channels)):
            outcome = self._reconcile(self.channels[post.channel], post)
            if isinstance(outcome, Published):
                done = self.store.settle_unconfirmed(post.id, seen_at, self.clock(), "published",
                                                     f"reconciled: found as {outcome.remote_id}", self.worker,
                                                     remote_id=outcome.remote_id, remote_url=outcome.url,
                                                     last_error=None)
                kind = "reconciled-published"
            elif isinstance(outcome, RetryLater):
                done = self.store.settle_unconfirmed(post.id, seen_at, self.clock(), "approved",
                                                     f"reconciled: {outcome.reason}", self.worker,
                                                     next_attempt_at=outcome.at, last_error=outcome.reason)
                kind = "reconciled-requeued"
            else:
                continue
            if done:
                counts[kind] += 1
                notes.append(f"post {post.id} ({post.channel}): {kind.removeprefix('reconciled-')}")
        return notes

    def _reconcile(self, channel: Channel, post: QueuedPost) -> Outcome | None:
        try:
            return channel.reconcile(post)
        except Exception as e:  # looking up must never make things worse: stay unconfirmed
            return Unconfirmed(f"reconcile crashed: {type(e).__name__}: {e}")

    # Worker loop ---------------------------------------------------------------------------------

    def run_forever(self, stop: threading.Event, *, poll: float = 5.0,
                    on_pass: Callable[[RunReport], None] | None = None) -> None:
        """Pass after pass until ``stop`` is set; the pause is checked before every single send.

        A pass waits up to ``poll`` seconds for a limit that lifts within them, and the next pass
        starts ``poll`` seconds later, or as soon as a held channel may send again if that is sooner.
        A store that cannot be reached (a PostgreSQL restart) ends the pass, not the worker: the
        next pass tries again, and recovers what the failed pass left in ``sending``.
        """
        while not stop.is_set():
            try:
                report = self.run_once(stop, wait=poll)
            except StoreError as e:
                report = RunReport(error=str(e))
            if on_pass is not None:
                on_pass(report)
            pause = poll
            if report.retry_at is not None:
                pause = min(poll, max((report.retry_at - self.clock()).total_seconds(), 0.001))
            stop.wait(pause)

    def close(self) -> None:
        for channel in self.channels.values():
            close = getattr(channel, "close", None)
            if callable(close):
                close()


__all__ = ["DispatchPolicy", "Dispatcher", "RunReport", "backoff_delay", "claimer_is_dead",
           "rates_from", "recovery", "sends_at_once_from", "settlement", "worker_name"]  # settlement's, for callers
