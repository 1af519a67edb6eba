"""Reading an account's own recent posts back: to find a post whose outcome was lost (reconcile), and
to learn what already went out before a store that was emptied or restored sends anything.

    recent_posts(since)   the account's posts created since then, newest first: page after page back
                          (Mastodon's max_id, X's pagination_token, Bluesky's cursor, LinkedIn's start)
                          until a post older than ``since``, at most ``lookup_pages`` pages
    find(post)            the post among them (by text, as the network gives it back), or None
    reconcile(post)       Published when found; else Unconfirmed saying what was read (never None:
                          the channel did look)

A network that cannot be read (the webhook) does not subclass this: its reconcile() returns None.
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from typing import ClassVar

from publisher.posts.model import Outcome, Published, QueuedPost, Unconfirmed
from publisher.sending.channels import http
from publisher.sending.channels.base import Channel, Recent, RemotePost


class LooksUp(Channel):
    """A channel that can read its account's own recent posts."""

    lookup_pages: ClassVar[int] = 10
    """At most this many pages are read per look-up (Mastodon: 400 statuses, X: 1,000 posts)."""

    @abstractmethod
    def recent_posts(self, since: dt.datetime) -> Recent:
        """The account's posts created since ``since`` (aware UTC), newest first; raises when it cannot read."""

    def read_failure(self, error: Exception) -> Outcome:
        """What a failed read of the account's posts means, as the network's send would say it (a refused
        token disables the channel; a 429 rests it); nothing was posted by a read."""
        return http.for_transport_error(self.network, error, sent=False)

    def is_ours(self, remote: RemotePost, post: QueuedPost) -> bool:
        return http.same_text(remote.text, post.text)

    def find(self, post: QueuedPost) -> Published | None:
        """The post on the account since its slot (minus the clock slack), or None; raises when it cannot read."""
        return self._look(post)[0]

    def _look(self, post: QueuedPost) -> tuple[Published | None, Recent]:
        recent = self.recent_posts(post.scheduled_at - http.RECONCILE_SLACK)
        for remote in recent.posts:
            if self.is_ours(remote, post):
                return Published(remote.remote_id, remote.url), recent
        return None, recent

    def reconcile(self, post: QueuedPost) -> Outcome | None:
        since = post.scheduled_at - http.RECONCILE_SLACK
        try:
            found, recent = self._look(post)
        except Exception as e:  # cannot look now: the post stays unconfirmed, nothing is resent
            return Unconfirmed(f"{self.network}: the account's posts could not be read to look for it "
                               f"({http.detail(f'{type(e).__name__}: {e}')}); it is looked up again later")
        if found is not None:
            return found
        read = f"{len(recent.posts)} post{'s' if len(recent.posts) != 1 else ''}"
        if recent.complete:
            return Unconfirmed(f"{self.network}: not found among the account's {read} since "
                               f"{since:%Y-%m-%d %H:%M} UTC; a person decides (publisher confirm)")
        return Unconfirmed(f"{self.network}: not found among the account's {read} read back "
                           f"({recent.pages} pages, the look-up's bound) towards {since:%Y-%m-%d %H:%M} UTC; "
                           f"a person decides (publisher confirm)")


__all__ = ["LooksUp", "Recent", "RemotePost"]
