"""Engagement pull: which published posts to measure now, and one pull across every channel.

The schedule decays: a post is measured often on its first day (1, 3, 6, 12 and 24 hours after
publication), then daily until day 30, then never again. A pull that missed slots takes one
snapshot, not one per missed slot. `schedule` and `due` are pure (they take the clock);
`pull_metrics` does the I/O: one thread per channel (accounts are measured at once), requests
batched to each network's maximum (X 100 ids, Bluesky 25 uris), a budget of requests per
channel per run, and a channel stops for this run at its first rate limit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from publisher.errors import MetricsUnavailable
from publisher.secrets import mask
from publisher.sending.channels.base import Channel
from publisher.store import metrics as metrics_store
from publisher.store.database import Database
from publisher.store.metrics import Measured, StoredSnapshot

FIRST_DAY = tuple(dt.timedelta(hours=h) for h in (1, 3, 6, 12, 24))
HORIZON_DAYS = 30
HORIZON = dt.timedelta(days=HORIZON_DAYS)
READ_BUDGET = 150
"""Metric requests per channel per run: well inside X's 15-minute and Mastodon's 5-minute windows."""


def schedule(published_at: dt.datetime) -> list[dt.datetime]:
    """Every moment a post should be measured: hours 1, 3, 6, 12, 24, then daily to day 30."""
    daily = [dt.timedelta(days=d) for d in range(2, HORIZON_DAYS + 1)]
    return [published_at + offset for offset in (*FIRST_DAY, *daily)]


def next_pull(published_at: dt.datetime, last_taken: dt.datetime | None) -> dt.datetime | None:
    """The first scheduled moment after the last snapshot, or None when the schedule is over."""
    for moment in schedule(published_at):
        if last_taken is None or moment > last_taken:
            return moment
    return None


def due(posts: Sequence[Measured], now: dt.datetime) -> list[Measured]:
    """The posts whose next scheduled measurement has come."""
    out = []
    for post in posts:
        moment = next_pull(post.published_at, post.last_taken_at)
        if moment is not None and moment <= now:
            out.append(post)
    return out


@dataclass
class ChannelPull:
    """What one channel's pull did, for the command's summary."""

    channel: str
    due: int = 0
    stored: int = 0
    requests: int = 0
    note: str = ""


@dataclass
class PullReport:
    channels: dict[str, ChannelPull] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    """Channel name -> why its posts were not measured (no adapter, dry run...)."""

    @property
    def stored(self) -> int:
        return sum(c.stored for c in self.channels.values())


def pull_metrics(store: Database, channels: Mapping[str, Channel], now: dt.datetime, *,
                 only: Sequence[str] | None = None, budget: int = READ_BUDGET,
                 on_batch: Callable[[str, int], None] | None = None) -> PullReport:
    """Measure every due published post through its channel and store one snapshot each."""
    candidates = due(metrics_store.measurable(store, now - HORIZON - dt.timedelta(days=1), only), now)
    by_channel: dict[str, list[Measured]] = defaultdict(list)
    for post in candidates:
        by_channel[post.channel].append(post)
    report = PullReport()
    work = {}
    for name, posts in sorted(by_channel.items()):
        channel = channels.get(name)
        if channel is None or type(channel).fetch_metrics is Channel.fetch_metrics:
            report.skipped[name] = "no network adapter reads engagement for this channel"
            continue
        work[name] = (channel, posts)
    if not work:
        return report
    with ThreadPoolExecutor(max_workers=len(work), thread_name_prefix="metrics") as pool:
        futures = {name: pool.submit(_pull_channel, store, name, channel, posts, now, budget, on_batch)
                   for name, (channel, posts) in work.items()}
        for name, future in futures.items():
            report.channels[name] = future.result()
    return report


def _pull_channel(store: Database, name: str, channel: Channel, posts: list[Measured], now: dt.datetime,
                  budget: int, on_batch: Callable[[str, int], None] | None) -> ChannelPull:
    result = ChannelPull(channel=name, due=len(posts))
    size = max(1, channel.metrics_batch)
    for start in range(0, len(posts), size):
        if result.requests >= budget:
            result.note = f"stopped after {budget} requests (the rest is measured on the next run)"
            break
        batch = posts[start:start + size]
        result.requests += 1
        try:
            snapshots = channel.fetch_metrics([p.remote_id for p in batch])
        except MetricsUnavailable as e:
            result.note = mask(str(e))
            break  # a rate limit or a refused token: this channel rests until the next run
        except Exception as e:  # an adapter bug must not stop the other channels
            result.note = mask(f"{type(e).__name__}: {e}")
            break
        by_remote = {p.remote_id: p for p in batch}
        rows = [StoredSnapshot(by_remote[s.remote_id].post_id, name, replace(s, at=now))
                for s in snapshots if s.remote_id in by_remote]
        result.stored += metrics_store.add_snapshots(store, rows)
        if on_batch:
            on_batch(name, len(batch))
    return result


__all__ = ["FIRST_DAY", "HORIZON", "ChannelPull", "PullReport", "due", "next_pull", "pull_metrics", "schedule"]
