"""Helpers for the report tests: posts published through the real dispatcher into the outbox, and
snapshots written through the metrics store."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from publisher.posts.model import Outcome, PlannedPost, Published, QueuedPost, Snapshot
from publisher.sending.channels.outbox import OutboxChannel
from publisher.sending.dispatcher import Dispatcher
from publisher.store import Store
from publisher.store.metrics import StoredSnapshot, add_snapshots


def planned(n: int, piece: str, network: str, excerpt: str, kind: str, at: dt.datetime,
            campaign: str | None = None, text: str | None = None) -> PlannedPost:
    return PlannedPost(key=f"{piece}:{network}:post-{n}", piece=piece, channel=network, network=network,
                       role=f"post-{n}", excerpt_id=excerpt, excerpt_kind=kind,
                       text=text or f"Post {n} of {piece} ({kind})", link=f"https://news.example.org/{piece}/",
                       scheduled_at=at, lang="en", campaign=campaign, state="approved")


class StandInNetwork(OutboxChannel):
    """The outbox standing in for a network: its posts get the network's kind of id, so the report
    counts them (it leaves out what only reached the dry-run outbox)."""

    def send(self, post: QueuedPost) -> Outcome:
        outcome = super().send(post)
        return dataclasses.replace(outcome, remote_id=f"{self.network}-{post.id}") if isinstance(outcome, Published) \
            else outcome


def publish(store: Store, posts: Sequence[PlannedPost], outbox: Path, sent_at: dt.datetime) -> dict[str, int]:
    """Store the posts approved, send them through the real dispatcher to a stand-in network; key -> post id."""
    store.apply_plan(posts, min(p.scheduled_at for p in posts))
    channels = {name: StandInNetwork(name, folder=outbox, network=name)
                for name in sorted({p.channel for p in posts})}
    dispatcher = Dispatcher(store, channels, clock=lambda: sent_at)
    try:
        dispatcher.run_once(reconcile=False)
    finally:
        dispatcher.close()
    ids = {r.post.key: r.post.id for r in store.records(states=["published"])}
    assert set(ids) >= {p.key for p in posts}, "every post should have been published through the outbox"
    return ids


def snap(store: Store, post_id: int, channel: str, at: dt.datetime, likes: int = 0, reposts: int = 0,
         replies: int = 0, quotes: int = 0, impressions: int | None = None, clicks: int | None = None) -> None:
    add_snapshots(store, [StoredSnapshot(post_id, channel, Snapshot(f"remote-{post_id}", at, likes, reposts, replies,
                                                                     quotes, impressions, clicks))])
