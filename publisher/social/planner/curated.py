"""Curated shares (from `publisher watch`) on the calendar: into free slots, one network at a time.

A watched feed's new entry becomes one share per channel. Each goes on the first slot of its channel
(its own hours, cap and quiet hours) that is free within the feed's ``within_hours``: not taken by
another post, its day under the cap. The channels follow one another, each at least an hour after the
previous one (the same comment on two networks within the hour is what the planner avoids for pieces
too). When a channel has no free slot in the window, the share takes the first slot whose minute is
free, past the cap (or after a blackout) if need be, rather than a moment outside the slots.

    calendar = ShareCalendar.from_plugin(settings.plugin)
    placed = slot_shares(shares, calendar, now, dt.timedelta(hours=48), booked)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from publisher.config.social import WEEKDAYS
from publisher.posts.model import PlannedPost
from publisher.social.planner.calendar import ChannelBook, build_grid, to_instant, to_minutes
from publisher.social.planner.rules import ChannelHours, channel_hours

NETWORK_GAP = 60
"""Minutes between one network's share of an entry and the next's."""


@dataclass(frozen=True)
class ShareCalendar:
    """The calendar settings a share needs: each channel's hours, quiet hours, blackouts, the cap."""

    team: ChannelHours
    hours: dict[str, ChannelHours]
    quiet: tuple[tuple[dt.time, dt.time], ...] = ()
    blackout: tuple[tuple[dt.date, dt.date], ...] = ()
    cap: int = 3

    @classmethod
    def from_plugin(cls, plugin: Any) -> ShareCalendar:
        calendar = plugin.calendar
        team = ChannelHours(tuple(tuple(sorted(set(calendar.slots[day]))) for day in WEEKDAYS),
                            ZoneInfo(plugin.timezone))
        return cls(team, channel_hours(plugin), tuple((q.start, q.end) for q in calendar.quiet_hours),
                   tuple(calendar.blackout), calendar.cap_per_day)

    def hours_of(self, channel: str) -> ChannelHours:
        return self.hours.get(channel) or self.team


def slot_shares(shares: Sequence[PlannedPost], calendar: ShareCalendar, now: dt.datetime, within: dt.timedelta,
                booked: Mapping[str, Iterable[dt.datetime]]) -> list[PlannedPost]:
    """``shares`` (one entry's posts together, in the order the networks should go) with their slots.
    ``booked`` is what each channel already has from ``now`` on (planned posts, other shares)."""
    days = within.days + 31  # room for the first slot after a long blackout
    books: dict[str, ChannelBook] = {}
    start = to_minutes(now)
    deadline = to_minutes(now + within)
    out: list[PlannedPost] = []
    after, entry = start, None
    for share in shares:
        if (share.piece, share.excerpt_id) != entry:  # the next entry starts from now again
            entry, after = (share.piece, share.excerpt_id), start
        book = books.get(share.channel)
        if book is None:
            hours = calendar.hours_of(share.channel)
            grid = build_grid(hours.slots, hours.zone, now, days, calendar.quiet, calendar.blackout)
            book = books[share.channel] = ChannelBook(grid, calendar.cap)
            for moment in booked.get(share.channel, ()):
                minute = to_minutes(moment)
                if minute >= start - 24 * 60:
                    book.book(minute)
        at = _first_free(book, after, deadline)
        book.book(at)
        out.append(dataclasses.replace(share, scheduled_at=to_instant(at)))
        after = at + NETWORK_GAP
    return out


def _first_free(book: ChannelBook, after: int, deadline: int) -> int:
    """A free slot from ``after`` to ``deadline``; else the first slot whose minute nobody uses; else
    ``after`` itself (a channel with no slot at all in reach)."""
    instants = book.grid.instants
    first = bisect_left(instants, after)
    i = book.free_from(first)
    if i < len(instants) and instants[i] <= deadline:
        return instants[i]
    for moment in instants[first:]:
        if moment not in book.taken_at:
            return moment
    return after


__all__ = ["NETWORK_GAP", "ShareCalendar", "slot_shares"]
