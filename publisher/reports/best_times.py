"""Best times, learnt: posting slots per channel and weekday from the engagement history.

The report's weekday x hour data, per channel: for each weekday the channel posts on, the hours whose
posts drew the most interactions on average (likes, reposts, replies, quotes), among hours with at
least ``min_posts`` posts, become its slots, at the minute its posts most often went out in that hour
(09:10 stays 09:10). A weekday without enough evidence keeps its current slots, and says so. Every
suggestion carries its evidence: posts and mean interactions, against the channel's mean.

    suggestions = suggest_slots(posts, {"x": (slots, zone)}, per_day=3, min_posts=3)
    print(slots_yaml(suggestions))     # to paste under `channels:` in mkdocs.yml
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from publisher.store.reports import PostNumbers

WEEKDAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One hour of one weekday on one channel."""

    time: dt.time
    posts: int
    mean: float
    """Mean interactions per post."""


@dataclass
class DaySuggestion:
    weekday: int
    slots: tuple[dt.time, ...]
    current: tuple[dt.time, ...]
    evidence: list[Evidence] = field(default_factory=list)
    """The hours chosen, best first."""
    learnt: bool = True
    """False when the weekday had too few posts: it keeps its current slots."""


@dataclass
class ChannelSuggestion:
    channel: str
    posts: int
    mean: float
    days: list[DaySuggestion]

    @property
    def changed(self) -> bool:
        return any(d.slots != d.current for d in self.days)


def suggest_slots(posts: Sequence[PostNumbers], current: Mapping[str, tuple[Sequence[Sequence[dt.time]], ZoneInfo]],
                  *, per_day: int | None = None, min_posts: int = 3) -> list[ChannelSuggestion]:
    """One suggestion per channel of ``current`` (channel -> its slots per weekday, Monday first, and
    its zone). Only posts with an engagement snapshot count."""
    out = []
    for channel, (week, zone) in current.items():
        mine = [p for p in posts if p.channel == channel and p.measured]
        cells: dict[tuple[int, int], list[int]] = {}
        minutes: dict[tuple[int, int], Counter[int]] = {}
        for post in mine:
            local = post.at.astimezone(zone)
            cell = (local.weekday(), local.hour)
            cells.setdefault(cell, []).append(post.interactions)
            minutes.setdefault(cell, Counter())[local.minute] += 1
        total = sum(sum(v) for v in cells.values())
        mean = total / len(mine) if mine else 0.0
        days = []
        for weekday in range(7):
            now = tuple(week[weekday])
            if not now:  # the channel does not post that day: nothing to learn it from
                continue
            wanted = per_day if per_day is not None else len(now)
            ranked = sorted(((sum(v) / len(v), len(v), hour) for (day, hour), v in cells.items()
                             if day == weekday and len(v) >= min_posts), key=lambda c: (-c[0], -c[1], c[2]))
            chosen = ranked[:wanted]
            if len(chosen) < wanted:
                days.append(DaySuggestion(weekday, now, now, learnt=False))
                continue
            evidence = [Evidence(dt.time(hour, _usual_minute(minutes[(weekday, hour)])), count, average)
                        for average, count, hour in chosen]
            days.append(DaySuggestion(weekday, tuple(sorted(e.time for e in evidence)), now, evidence))
        out.append(ChannelSuggestion(channel, len(mine), mean, days))
    return out


def slots_yaml(suggestions: Sequence[ChannelSuggestion], indent: int = 0) -> str:
    """The suggested slots as the `channels:` entries to paste into the publisher block."""
    pad = " " * indent
    lines = [f"{pad}channels:"]
    for suggestion in suggestions:
        lines.append(f"{pad}  {suggestion.channel}:")
        lines.append(f"{pad}    slots:")
        for day in suggestion.days:
            times = ", ".join(f'"{t:%H:%M}"' for t in day.slots)
            lines.append(f"{pad}      {WEEKDAY_KEYS[day.weekday]}: [{times}]")
    return "\n".join(lines) + "\n"


def _usual_minute(counts: Counter[int]) -> int:
    """The minute posts of this hour most often went out at (the earliest of those tied)."""
    return min(counts.items(), key=lambda item: (-item[1], item[0]))[0]


__all__ = ["ChannelSuggestion", "DaySuggestion", "Evidence", "slots_yaml", "suggest_slots"]
