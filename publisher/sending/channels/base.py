"""The channel interface: one small adapter per network, as small as httpx's transport.

A channel knows its network through the network's descriptor (publisher.networks), validates its credentials when it is
configured (no network I/O in the constructor), sends one post and says what happened as a
structured Outcome, reads engagement for published posts, and can look a post up after an unknown
outcome (reconcile). Printing a channel never shows a secret.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from publisher.errors import ChannelError
from publisher.networks import known
from publisher.networks import network as descriptor
from publisher.posts.model import Outcome, QueuedPost, Snapshot
from publisher.secrets import masked


@dataclass(frozen=True)
class RemotePost:
    """One of the account's own posts as the network gives it back."""

    remote_id: str
    url: str | None
    text: str
    created_at: dt.datetime | None
    links: tuple[str, ...] = ()
    """Every URL the post carries (its links' targets, its card), as sent: UTM parameters included."""
    key: str = ""
    """The store's key for the post, where the record carries it (the outbox's lines)."""


@dataclass(frozen=True)
class Recent:
    """What one look-up read."""

    posts: list[RemotePost] = field(default_factory=list)
    complete: bool = True
    """False when the look-up stopped at its page bound before reaching ``since``."""
    pages: int = 0


class Channel(ABC):
    """Base class of every network adapter."""

    network: ClassVar[str]
    metrics_batch: ClassVar[int] = 1
    """How many remote ids one metrics request may carry (X: 100, Bluesky: 25)."""
    credential_names: ClassVar[tuple[str, ...]] = ()
    """Environment variables this network needs (without the channel's env_prefix): its descriptor's."""
    optional_names: ClassVar[tuple[str, ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """The adapter a descriptor names reads its credential names from that descriptor."""
        super().__init_subclass__(**kwargs)
        key = cls.__dict__.get("network")
        if isinstance(key, str) and known(key) and "credential_names" not in cls.__dict__:
            found = descriptor(key)
            if found.adapter == f"{cls.__module__}:{cls.__qualname__}":
                cls.credential_names, cls.optional_names = found.credentials, found.optional_credentials

    def __init__(self, name: str, settings: Any, credentials: Mapping[str, str]):
        """Keep settings and check credentials are present and well-formed; never touch the network."""
        self.name = name
        self.settings = settings
        self.credentials = dict(credentials)
        missing = [n for n in self.credential_names if not self.credentials.get(n)]
        if missing:
            raise ChannelError(f"channel {name!r} ({self.network}): missing credentials {', '.join(missing)}")
        self.validate_credentials()

    def validate_credentials(self) -> None:
        """Check the shape of credentials (a URL is a URL...); raise ChannelError. No I/O."""
        return None

    @abstractmethod
    def send(self, post: QueuedPost) -> Outcome:
        """Make one attempt to publish ``post``; never raise for network trouble, return an Outcome."""

    def fetch_metrics(self, remote_ids: Sequence[str]) -> list[Snapshot]:
        """Engagement for up to ``metrics_batch`` published posts."""
        return []

    def reconcile(self, post: QueuedPost) -> Outcome | None:
        """After an unknown outcome, look the post up on the network: Published if found, else None."""
        return None

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={masked(v) if _secret(k) else v}" for k, v in sorted(self.credentials.items()))
        return f"<{type(self).__name__} {self.name!r} {shown}>"

    __str__ = __repr__


def _secret(name: str) -> bool:
    return any(word in name for word in ("TOKEN", "SECRET", "PASSWORD", "KEY", "WEBHOOK_URL"))
