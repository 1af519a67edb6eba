"""Before sending on a store that may be behind, learn what already went out.

A store can lose its memory: the GitHub Actions cache holding the SQLite file is evicted, someone
empties it, a backup from last week is restored. Replanned and approved, its posts would all go out
again. So before a pass sends anything, ``CatchUp`` asks whether the store may be behind:

    new or emptied      the store's ledger had no identity (publisher.store.ledger): a new one is made
    restored            the mark beside the outbox (.publisher/sent.json, written after every pass)
                        names this store and more sent posts than it holds now
    a channel not yet   a channel that has never learned on this store
    learned

and for each such channel it reads what went out: the outbox file (dry run), or the account's own
recent posts through the network's client library (X's user timeline, Mastodon's account
statuses, Bluesky's getAuthorFeed, LinkedIn's posts by author). Each post the store could still send
that matches one of them (the same key in the outbox; the same link, with its utm_content; or the
same text) is recorded as published with the network's id and URL, and the pass says so. A network
whose posts cannot be read now holds its channel (nothing is sent on it) until they can; a webhook
cannot be read back at all, and the pass says that too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from publisher.posts.model import Failed, QueuedPost
from publisher.sending.channels.base import Channel, RemotePost
from publisher.sending.channels.outbox import OutboxChannel, read_outbox
from publisher.store import Store
from publisher.store.ledger import MARK_NAME, read_mark, write_mark
from publisher.store.types import utc_now

LOOKBACK = dt.timedelta(days=90)
"""How far back a network's posts are read (within each channel's page bound)."""


@dataclass
class Learned:
    """What one catch-up did, for the pass's report."""

    notes: list[str] = field(default_factory=list)
    held: dict[str, str] = field(default_factory=dict)
    """Channel -> why nothing is sent on it this pass (its posts could not be read)."""
    counts: Counter[str] = field(default_factory=Counter)


class CatchUp:
    """Learns what already went out, before a pass sends on a store that may be behind."""

    def __init__(self, store: Store, channels: Mapping[str, Channel], mark: Path | None,
                 clock: Callable[[], dt.datetime] = utc_now, actor: str = "publisher"):
        self.store = store
        self.channels = dict(channels)
        self.mark = mark
        self.clock = clock
        self.actor = actor

    # The pass ----------------------------------------------------------------------------------

    def before_pass(self) -> Learned:
        learned = Learned()
        now = self.clock()
        ledger = self.store.ledger(now)
        mark = read_mark(self.mark)
        if mark and mark.get("store_id") == ledger.store_id and int(mark.get("sent", 0)) > ledger.sent:
            learned.notes.append(f"the store holds {ledger.sent} sent posts, fewer than the {mark['sent']} it held "
                                 f"on {mark.get('written_at', '?')[:16]} (restored from an older copy?): every "
                                 f"channel learns what went out before sending")
            self.store.forget_learned()
            ledger = self.store.ledger(now)
        elif ledger.new and mark and mark.get("store_id") != ledger.store_id and int(mark.get("sent", 0)):
            learned.notes.append(f"this store is new or was emptied (the one before it had sent {mark['sent']} "
                                 f"posts): every channel learns what went out before sending")
        for name in sorted(self.channels):
            if name not in ledger.learned:
                self._learn(name, self.channels[name], now, learned)
        return learned

    def after_pass(self) -> None:
        """Write the mark beside the outbox: this store's identity and how many posts it holds as sent."""
        if self.mark is None:
            return
        ledger = self.store.ledger(self.clock())
        write_mark(self.mark, ledger, utc_now())  # when it was written, even in a rehearsal (--now)

    # One channel -------------------------------------------------------------------------------

    def _learn(self, name: str, channel: Channel, now: dt.datetime, learned: Learned) -> None:
        unsent = self.store.unsent(name)
        if not unsent:
            self.store.mark_learned(name, now)
            return
        if isinstance(channel, OutboxChannel):
            where, remotes = f"in {channel.path.name}", outbox_posts(channel.path)
        elif callable(getattr(channel, "recent_posts", None)):  # a LooksUp channel (channels.lookup)
            try:
                recent = channel.recent_posts(now - LOOKBACK)  # type: ignore[attr-defined]
            except Exception as e:
                self._unread(name, channel, e, now, learned)
                return
            where, remotes = f"among the account's {len(recent.posts)} recent posts on {channel.network}", recent.posts
        else:
            learned.notes.append(f"{name}: a {channel.network} cannot be read back, so posts it sent before this "
                                 f"store was emptied or restored may go out again")
            self.store.mark_learned(name, now)
            return
        found = 0
        pairs = matches(unsent, remotes, channel)
        pairs += first_comments(unsent, pairs, channel)
        for post, remote in pairs:
            if self.store.record_sent_elsewhere(post, now, remote_id=remote.remote_id, remote_url=remote.url,
                                                detail=f"already sent: found {where} (the store had lost it)",
                                                actor=self.actor):
                found += 1
        if found:
            learned.counts["learned"] += found
            learned.notes.append(f"{name}: {found} post{'s' if found != 1 else ''} had already gone out (found "
                                 f"{where}); recorded as published, not sent again")
        self.store.mark_learned(name, now)


    def _unread(self, name: str, channel: Channel, error: Exception, now: dt.datetime, learned: Learned) -> None:
        """The account's posts could not be read: nothing is sent on the channel this pass; a refused token
        disables it, as a refused send would (publisher resume brings it back)."""
        failure = getattr(channel, "read_failure", None)
        outcome = failure(error) if callable(failure) else None
        said = getattr(outcome, "reason", None) or _said(error)
        if isinstance(outcome, Failed) and outcome.disable_channel:
            self.store.disable_channel(name, said, now)
        learned.held[name] = (f"the store may be behind and {channel.network}'s recent posts could not be read to "
                              f"learn what already went out ({said}); nothing is sent on it until they can be")


def matches(unsent: list[QueuedPost], remotes: list[RemotePost], channel: Channel) -> list[tuple[QueuedPost,
                                                                                                 RemotePost]]:
    """Pairs (a post the store could send, the post that already went out), each used once: the same key
    (the outbox), else the same link (with its utm_content), else the same text; the earliest post of the
    store first, so a later recycle of the same excerpt stays to be sent."""
    left = sorted(unsent, key=lambda p: (p.scheduled_at, p.id))
    pairs = []
    oldest = dt.datetime.min.replace(tzinfo=dt.UTC)
    for remote in sorted(remotes, key=lambda r: r.created_at or oldest):
        for test in (_same_key, _same_link, _same_text):
            post = next((p for p in left if test(p, remote, channel)), None)
            if post is not None:
                pairs.append((post, remote))
                left.remove(post)
                break
    return pairs


def first_comments(unsent: list[QueuedPost], pairs: list[tuple[QueuedPost, RemotePost]],
                   channel: Channel) -> list[tuple[QueuedPost, RemotePost]]:
    """A thread's parts that are comments (LinkedIn's first comment), found on the share their head was
    just found as: an account's recent posts do not list comments."""
    comments = getattr(channel, "comments", None)
    heads = {post.id: remote.remote_id for post, remote in pairs if post.part == 1}
    if not callable(comments) or not heads:
        return []
    from publisher.sending.channels.http import same_text

    out = []
    for post in unsent:
        share = heads.get(post.thread_id or 0) if post.part and post.part > 1 else None
        if share:
            found = next((c for c in comments(share) if same_text(c.text, post.text)), None)
            if found is not None:
                out.append((post, found))
    return out


def _same_key(post: QueuedPost, remote: RemotePost, channel: Channel) -> bool:
    return bool(remote.key) and remote.key == post.key


def _same_link(post: QueuedPost, remote: RemotePost, channel: Channel) -> bool:
    if not post.link or remote.key:
        return False
    ours = _link_id(post.link)
    return any(link == post.link or (ours[1] and _link_id(link) == ours) for link in remote.links)


def _link_id(url: str) -> tuple[str, str, str]:
    """A link as it identifies a post: host and path, utm_content, utm_source."""
    split = urlsplit(url)
    query = parse_qs(split.query)
    return (f"{split.netloc}{split.path}".rstrip("/"), query.get("utm_content", [""])[0],
            query.get("utm_source", [""])[0])


def _same_text(post: QueuedPost, remote: RemotePost, channel: Channel) -> bool:
    if remote.key:
        return False
    is_ours = getattr(channel, "is_ours", None)  # a LooksUp channel compares as its network gives texts back
    if callable(is_ours):
        return bool(is_ours(remote, post))
    from publisher.sending.channels.http import same_text

    return same_text(remote.text, post.text)


def _said(e: Exception) -> str:
    from publisher.sending.channels.http import detail

    return detail(f"{type(e).__name__}: {e}")


def outbox_posts(path: Path) -> list[RemotePost]:
    """The outbox's lines as posts that went out (their key is the store's key for the post)."""
    out = []
    for line in read_outbox(path):
        if not isinstance(line, dict) or not line.get("key"):
            continue
        sent = _instant(line.get("sent_at"))
        out.append(RemotePost(f"outbox:{line.get('id')}", f"{path.as_uri()}#post-{line.get('id')}",
                              str(line.get("text", "")), sent, (str(line.get("link", "")),), key=str(line["key"])))
    return out


def _instant(value: Any) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


__all__ = ["LOOKBACK", "MARK_NAME", "CatchUp", "Learned", "matches", "outbox_posts"]
