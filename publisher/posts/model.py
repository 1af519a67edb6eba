"""What flows from pieces to networks: excerpts, planned posts, queued posts, outcomes, snapshots.

    Piece ──excerpts──> Excerpt ──render per network──> PlannedPost ──store──> QueuedPost
                                                                               │ Channel.send()
                                                         Published | RetryLater | Failed | Unconfirmed

Plain frozen dataclasses: the planner returns them, the store persists them, channels consume them.
Every instant is an aware datetime in UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from publisher.performance import fast_constructor  # noqa: F401  (its old home: kept importable)
from publisher.secrets import mask

# Where a candidate post came from; reports group by these.
EXCERPT_KINDS = ("hand-written", "quote", "takeaway", "summary", "title", "sentence", "curated")

# A post's life. Every transition is a committed row in the store's post_events table.
STATES = ("proposed", "approved", "sending", "published", "failed", "unconfirmed", "cancelled")
OPEN_STATES = ("proposed", "approved")  # replanning may still change these
FINAL_STATES = ("published", "failed", "cancelled")


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A candidate text drawn from a piece, before it is fitted to any network."""

    id: str
    """Stable id: the same source text in the same piece always gets the same id (used in utm_content)."""
    piece: str
    """Key of the piece (folder/slug)."""
    kind: str
    """One of EXCERPT_KINDS."""
    text: str
    lang: str
    attribution: str = ""
    """Who said it, for quotes."""
    network: str | None = None
    """For hand-written posts: the only network it is meant for."""
    question: str = ""
    """For a guest's answer in a Q&A interview: the question it answers, posted above it."""
    recycled: bool = True
    """False for a text that counts time up to the day it was written ("depuis un an", "for twelve years …
    has"): posted at launch and in the follow-ups, never as a recycle months later."""


@dataclass(frozen=True, slots=True)
class LinkCard:
    """A link preview: Bluesky external embed, LinkedIn article, X card (from the page's meta)."""

    url: str
    title: str
    description: str = ""
    image: str | None = None
    """Path of the cover image on disk (to upload as a blob or media), or an absolute URL."""
    image_alt: str = ""


@dataclass(frozen=True, slots=True)
class PlannedPost:
    """One post placed on the calendar for one channel."""

    key: str
    """Identity of the slot, stable across replans: piece:channel:role (e.g. articles/x:bluesky:launch)."""
    piece: str
    channel: str
    network: str
    role: str
    """launch, follow-up-N, evergreen-N, curated or manual."""
    excerpt_id: str
    excerpt_kind: str
    text: str
    """The full text as it will be sent, hashtags and (where the network wants it) the link included."""
    link: str
    """The piece's URL with its UTM parameters."""
    scheduled_at: dt.datetime
    lang: str
    campaign: str | None = None
    card: LinkCard | None = None
    length: int = 0
    """Length as the network counts it."""
    limit: int = 0
    state: str = "proposed"


@dataclass(frozen=True, slots=True)
class Dropped:
    """A candidate the planner could not use on a channel, and why (shown in the plan)."""

    piece: str
    channel: str
    excerpt_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ThreadLink:
    """One post of a thread in a plan: the thread's first post (its head) and its place in it.

    Kept beside the posts (Plan.threads) rather than on each PlannedPost, so a plan without threads
    carries nothing more per post."""

    key: str
    head: str
    """Key of the thread's first post (the head's own key for the head)."""
    part: int
    """1 for the head, then 2..parts."""
    parts: int


@dataclass(frozen=True)
class Plan:
    posts: tuple[PlannedPost, ...]
    dropped: tuple[Dropped, ...] = ()
    notes: tuple[str, ...] = ()
    threads: tuple[ThreadLink, ...] = ()
    """The posts that are parts of threads (publisher.social.planner.threads); the others are single posts."""


@dataclass(frozen=True, slots=True)
class SentPost:
    """A post the store already sent, is sending, or cannot confirm: the planner's memory.

    The planner never replans its key, counts it against the day's cap, keeps its text out of the
    cooldown window on its network, and numbers evergreen recycles after it.
    """

    key: str
    piece: str
    channel: str
    network: str
    excerpt_id: str
    text: str
    at: dt.datetime
    """When it went out (or was claimed), aware UTC."""
    state: str


@dataclass(frozen=True, slots=True)
class QueuedPost:
    """A post as the store holds it, handed to a channel to send."""

    id: int
    key: str
    piece: str
    channel: str
    network: str
    text: str
    link: str
    scheduled_at: dt.datetime
    lang: str
    state: str
    attempts: int = 0
    excerpt_id: str = ""
    excerpt_kind: str = ""
    role: str = ""
    campaign: str | None = None
    card: LinkCard | None = None
    remote_id: str | None = None
    remote_url: str | None = None
    thread_id: int | None = None
    """The id of its thread's first post (its own for the head); None outside threads."""
    part: int | None = None
    parts: int | None = None
    reply_to: str | None = None
    """The remote id of the part before it, which this part answers (set when it is claimed)."""
    thread_root: str | None = None
    """The remote id of the thread's first post (Bluesky's reply names its root as well as its parent)."""

    @property
    def in_thread(self) -> bool:
        return self.thread_id is not None and (self.parts or 0) > 1

    @property
    def idempotency_key(self) -> str:
        """Stable per post: a resend of the same post carries the same key (Mastodon keeps it 1 hour)."""
        return f"publisher-{self.id}-{self.key}"[:64]


# Outcomes of one attempt --------------------------------------------------------------------------
#
# Every text a network answers, and every error an adapter meets, reaches a message, a log or the
# store as the reason (or note) of one of these: they mask it when they are made, the one place it
# passes through (a webhook URL's token echoed in a 404 page, a token URL-encoded in a query...).


def _masked_text(outcome: Any, name: str) -> None:
    text = getattr(outcome, name)
    if text:
        object.__setattr__(outcome, name, mask(text))


@dataclass(frozen=True, slots=True)
class Published:
    remote_id: str
    url: str | None = None
    note: str = ""

    def __post_init__(self) -> None:
        _masked_text(self, "note")


@dataclass(frozen=True, slots=True)
class RetryLater:
    at: dt.datetime
    reason: str
    rate_limited: bool = False
    """True for a 429: the dispatcher also slows the whole account down until ``at``."""

    def __post_init__(self) -> None:
        _masked_text(self, "reason")


@dataclass(frozen=True, slots=True)
class Failed:
    reason: str
    disable_channel: bool = False
    """True when the account itself is unusable (401, expired token): the channel stops, posts are kept."""

    def __post_init__(self) -> None:
        _masked_text(self, "reason")


@dataclass(frozen=True, slots=True)
class Unconfirmed:
    """The request may or may not have reached the network (timeout, crash): never resend blindly."""

    reason: str

    def __post_init__(self) -> None:
        _masked_text(self, "reason")


Outcome = Published | RetryLater | Failed | Unconfirmed


@dataclass(frozen=True, slots=True)
class Snapshot:
    """Engagement numbers of one published post at one moment. None = the network does not say."""

    remote_id: str
    at: dt.datetime
    likes: int = 0
    reposts: int = 0
    replies: int = 0
    quotes: int = 0
    impressions: int | None = None
    clicks: int | None = None
    raw: dict[str, Any] = field(default_factory=dict)
