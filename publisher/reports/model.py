"""The shapes a report is made of: per-post numbers in, breakdowns, rankings and series out.

Interactions are likes + reposts + replies + quotes. Clicks are link clicks the network itself
reports (X, LinkedIn); visits are sessions the site's analytics attributed to our UTM links.
Numbers come from each post's LATEST snapshot within the period: snapshots hold cumulative
counters, so adding them up would count the same like many times.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple

from publisher.reports.period import Period
from publisher.store.reports import PostNumbers

# How the excerpt kinds of publisher.posts.model.EXCERPT_KINDS are grouped in reports.
KIND_GROUPS = {
    "hand-written": "hand-written",
    "quote": "quote",
    "takeaway": "takeaway",
    "summary": "summary",
    "title": "automatic",
    "sentence": "automatic",
    "curated": "curated",
}
KIND_ORDER = ("hand-written", "quote", "takeaway", "summary", "automatic", "curated")
NO_CAMPAIGN = "(no campaign)"
NO_AUTHOR = "(no author)"
NO_TEAM = "(no team)"


def kind_group(kind: str) -> str:
    return KIND_GROUPS.get(kind, "automatic")


def post_values(post: PostNumbers) -> tuple[int, ...]:
    """(measured, likes, reposts, replies, quotes, impressions, interactions seen, clicks) of one post."""
    impressions = post.impressions or 0
    return (int(post.measured), post.likes, post.reposts, post.replies, post.quotes, impressions,
            post.interactions if impressions else 0, post.clicks or 0)


class VisitTotal(NamedTuple):
    """Site visits in the period for one UTM tuple (from imported analytics)."""

    source: str
    medium: str
    campaign: str
    content: str
    visits: int


@dataclass(slots=True)
class Numbers:
    """Additive totals of a group of posts."""

    posts: int = 0
    measured: int = 0
    likes: int = 0
    reposts: int = 0
    replies: int = 0
    quotes: int = 0
    impressions: int = 0
    interactions_seen: int = 0
    """Interactions of the posts whose network reported impressions (the rate's numerator)."""
    clicks: int = 0
    visits: int = 0

    def add_post(self, post: PostNumbers) -> None:
        self.add_values(post_values(post))

    def add_values(self, v: tuple[int, ...]) -> None:
        """Add a post's post_values(): reports add each post to half a dozen groups, so it is
        unpacked once per post, not once per group."""
        self.posts += 1
        self.measured += v[0]
        self.likes += v[1]
        self.reposts += v[2]
        self.replies += v[3]
        self.quotes += v[4]
        self.impressions += v[5]
        self.interactions_seen += v[6]
        self.clicks += v[7]

    @classmethod
    def of(cls, rows: list[tuple[int, ...]]) -> Numbers:
        """Totals of many posts' post_values(), summed column by column in C (zip and sum)."""
        if not rows:
            return cls()
        m, li, rp, rl, qu, im, se, cl = (sum(column) for column in zip(*rows, strict=True))
        return cls(len(rows), m, li, rp, rl, qu, im, se, cl)

    def merge(self, other: Numbers) -> None:
        for name in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def interactions(self) -> int:
        return self.likes + self.reposts + self.replies + self.quotes

    @property
    def rate(self) -> float | None:
        """Interactions ÷ impressions, over the posts that have impressions; None when none do."""
        return self.interactions_seen / self.impressions if self.impressions else None

    @property
    def per_post(self) -> float | None:
        return self.interactions / self.posts if self.posts else None

    def as_dict(self) -> dict[str, int | float | None]:
        return {
            "posts": self.posts, "measured_posts": self.measured, "likes": self.likes, "reposts": self.reposts,
            "replies": self.replies, "quotes": self.quotes, "interactions": self.interactions,
            "impressions": self.impressions, "clicks": self.clicks, "visits": self.visits,
            "engagement_rate": None if self.rate is None else round(self.rate, 6),
            "interactions_per_post": None if self.per_post is None else round(self.per_post, 4),
        }


@dataclass(slots=True)
class Line:
    """One row of a breakdown: a key (network, piece key...), a label for people, this period and the last."""

    key: str
    label: str
    now: Numbers = field(default_factory=Numbers)
    before: Numbers = field(default_factory=Numbers)


@dataclass(slots=True)
class ExcerptLine:
    """An excerpt across every post that carried it."""

    excerpt_id: str
    piece: str
    kind: str
    text: str
    networks: list[str]
    numbers: Numbers = field(default_factory=Numbers)


@dataclass(slots=True)
class Advocate:
    """An ambassador (or a team) and the visits their shared links brought."""

    key: str
    name: str
    team: str
    visits: int = 0
    networks: dict[str, int] = field(default_factory=dict)
    known: bool = True


BREAKDOWNS = ("network", "piece", "excerpt_kind", "campaign", "author")


@dataclass
class Report:
    """Everything `publisher report` shows, in every format."""

    period: Period
    previous: Period
    generated_at: dt.datetime
    site_name: str
    totals: Numbers
    before: Numbers
    breakdowns: dict[str, list[Line]]
    top_excerpts: list[ExcerptLine]
    timeline_unit: str
    timeline: dict[str, list[tuple[dt.date, int, int]]]
    """network -> [(bin start, posts, interactions)] for every bin of the period."""
    heatmap: list[list[tuple[int, int]]]
    """[weekday 0=Monday][hour] -> (posts, interactions), in the team's time zone."""
    ambassadors: list[Advocate]
    teams: list[Advocate]
    share_buttons: dict[str, int]
    """network -> visits brought by readers' share buttons."""
    piece_networks: dict[str, dict[str, int]] = field(default_factory=dict)
    """piece key -> network -> interactions (the stacked bars of the HTML page)."""
    unmatched_visits: int = 0
    notes: list[str] = field(default_factory=list)
