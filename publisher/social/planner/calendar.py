"""Posting slots over the horizon, and each channel's book of what is taken.

Slots are wall-clock times in the team's zone turned into UTC instants day by day with zoneinfo, so
09:10 stays 09:10 local across daylight-saving changes (a slot in the spring-forward gap, 02:30 say,
lands at the same offset from midnight as the clocks read after the change: 03:30). Quiet hours and
blackout dates are removed up front; a channel's book marks taken slots in a "next free slot"
union-find, so finding a free slot stays cheap when thousands of pieces compete for the same days.

Inside the planner an instant is a whole number of minutes since 1970-01-01 UTC: comparing, hashing
and adding integers is several times cheaper than aware datetimes, and a plan has 200,000 of them.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

UTC = dt.UTC
EPOCH = dt.datetime(1970, 1, 1, tzinfo=UTC)
MINUTE = dt.timedelta(minutes=1)


def to_minutes(moment: dt.datetime) -> int:
    """An aware instant as minutes since the epoch (seconds dropped: slots are whole minutes)."""
    return (moment - EPOCH) // MINUTE


def to_instant(minutes: int) -> dt.datetime:
    return EPOCH + MINUTE * minutes  # a third of the cost of timedelta(minutes=...)


def add_days(instant: dt.datetime, days: int, zone: ZoneInfo) -> dt.datetime:
    """``days`` calendar days later at the same wall-clock time in ``zone`` (not days x 24 h)."""
    local = instant.astimezone(zone)
    later = dt.datetime.combine(local.date() + dt.timedelta(days=days), local.time(), tzinfo=zone)
    return later.astimezone(UTC)


def is_quiet(moment: dt.time, windows: tuple[tuple[dt.time, dt.time], ...]) -> bool:
    """Is a wall-clock time inside a quiet window? A window may cross midnight (20:00 to 08:00)."""
    for start, end in windows:
        if start <= end:
            if start <= moment < end:
                return True
        elif moment >= start or moment < end:
            return True
    return False


def is_blackout(day: dt.date, spans: tuple[tuple[dt.date, dt.date], ...]) -> bool:
    return any(first <= day <= last for first, last in spans)


@dataclass
class SlotGrid:
    """Every allowed posting instant from ``now`` to the horizon's end, in order (in minutes)."""

    zone: ZoneInfo
    now: int
    end: int
    instants: list[int]
    days: list[int]
    """Local date (as an ordinal) of each instant."""
    day_range: dict[int, tuple[int, int]]
    """Local date ordinal -> (first index, index after the last) of its slots."""
    quiet: tuple[tuple[dt.time, dt.time], ...] = ()
    blackout: tuple[tuple[dt.date, dt.date], ...] = ()
    offsets: dict[int, int] = field(default_factory=dict)
    """Local date ordinal -> UTC offset in minutes, for days with a single offset."""

    def add_days(self, moment: int, days: int, day: int | None = None) -> int:
        """`add_days` on minutes: the same wall-clock time ``days`` local days later. Plain arithmetic
        when neither day has a daylight-saving change (``day`` is ``moment``'s local date if known)."""
        offsets = self.offsets
        if day is not None and day in offsets and day + days in offsets:
            return moment + days * 1440 + offsets[day] - offsets[day + days]
        return to_minutes(add_days(to_instant(moment), days, self.zone))

    def index_from(self, moment: int) -> int:
        """Index of the first slot at or after ``moment``."""
        return bisect.bisect_left(self.instants, moment)

    def local_day(self, moment: int) -> int:
        return to_instant(moment).astimezone(self.zone).toordinal()

    def allows(self, moment: int) -> bool:
        """May something go out at this instant (for launch posts staggered off the slots)?"""
        if moment < self.now or moment > self.end:
            return False
        local = to_instant(moment).astimezone(self.zone)
        return not is_quiet(local.time(), self.quiet) and not is_blackout(local.date(), self.blackout)


def build_grid(slots: tuple[tuple[dt.time, ...], ...], zone: ZoneInfo, now: dt.datetime, horizon_days: int,
               quiet: tuple[tuple[dt.time, dt.time], ...] = (),
               blackout: tuple[tuple[dt.date, dt.date], ...] = ()) -> SlotGrid:
    """The slot instants of every day from today (local) to ``now + horizon_days``."""
    start = -((EPOCH - now) // MINUTE)  # rounded up: a slot a few seconds ago has passed
    end = to_minutes(now + dt.timedelta(days=horizon_days))
    first = now.astimezone(zone).date()
    last = (now + dt.timedelta(days=horizon_days)).astimezone(zone).date()
    kept = [tuple(t for t in day if not is_quiet(t, quiet)) for day in slots]
    instants: list[int] = []
    days: list[int] = []
    day_range: dict[int, tuple[int, int]] = {}
    offsets: dict[int, int] = {}
    day = first
    while day <= last + dt.timedelta(days=366):  # room for roles up to a year past the horizon
        offset = _single_offset(day, zone)
        if offset is not None:
            offsets[day.toordinal()] = offset
        day += dt.timedelta(days=1)
    day = first
    while day <= last:
        times = kept[day.weekday()]
        if times and not is_blackout(day, blackout):
            begin = len(instants)
            ordinal = day.toordinal()
            for moment in _day_instants(day, times, zone):
                if start <= moment <= end:
                    instants.append(moment)
                    days.append(ordinal)
            if len(instants) > begin:
                day_range[ordinal] = (begin, len(instants))
        day += dt.timedelta(days=1)
    return SlotGrid(zone, start, end, instants, days, day_range, quiet, blackout, offsets)


def _single_offset(day: dt.date, zone: ZoneInfo) -> int | None:
    """The day's UTC offset in minutes when it has one all day (every day but two a year), else None."""
    found = {dt.datetime.combine(day, t, tzinfo=zone).utcoffset() for t in (dt.time(0), dt.time(12), dt.time(23, 59))}
    if len(found) != 1:
        return None
    return int(found.pop().total_seconds()) // 60  # type: ignore[union-attr]


def _day_instants(day: dt.date, times: tuple[dt.time, ...], zone: ZoneInfo) -> list[int]:
    offset = _single_offset(day, zone)
    if offset is not None:  # plain arithmetic, no zone lookup per slot
        base = to_minutes(dt.datetime.combine(day, dt.time(0), tzinfo=UTC)) - offset
        return [base + t.hour * 60 + t.minute for t in times]
    return sorted({to_minutes(dt.datetime.combine(day, t, tzinfo=zone).astimezone(UTC)) for t in times})


class ChannelBook:
    """What one channel already has: taken slots, posts per local day, exact instants used."""

    def __init__(self, grid: SlotGrid, cap: int):
        self.grid = grid
        self.cap = cap
        self.next_slot = list(range(len(grid.instants) + 1))
        """Slot index -> a slot index at or after it that may be free, the root being free (a union-find:
        `free_from` follows it; the planner's hot loops mark a slot taken by pointing it at the next)."""
        self.per_day: dict[int, int] = {}
        self.taken_at: set[int] = set()

    def free_from(self, index: int) -> int:
        """The first slot index >= ``index`` not yet taken (len(instants) when none is left)."""
        nxt = self.next_slot
        root = index
        while nxt[root] != root:
            root = nxt[root]
        while nxt[index] != root:  # path compression
            nxt[index], index = root, nxt[index]
        return root

    def full(self, day: int) -> bool:
        return self.per_day.get(day, 0) >= self.cap

    def book(self, moment: int, index: int | None = None, day: int | None = None) -> None:
        """Record a post at ``moment`` (on slot ``index`` when it sits on one; ``day`` is its local date)."""
        grid = self.grid
        if index is None:
            day = grid.local_day(moment)
            i = grid.index_from(moment)
            if i < len(grid.instants) and grid.instants[i] == moment:
                index = i
        elif day is None:
            day = grid.days[index]
        count = self.per_day.get(day, 0) + 1
        self.per_day[day] = count
        self.taken_at.add(moment)
        if index is not None:
            self.next_slot[index] = index + 1
        if count >= self.cap:
            self.close(day)

    def take(self, index: int, day: int, count: int) -> None:
        """Mark slot ``index`` used, ``count`` being the day's posts with it (the hot path of `book`)."""
        self.next_slot[index] = index + 1
        if count >= self.cap:
            self.close(day)

    def close(self, day: int) -> None:
        """The day is full: none of its slots is offered again."""
        if day in self.grid.day_range:
            first, after = self.grid.day_range[day]
            self.next_slot[first:after] = [after] * (after - first)

    def quietest(self, earliest: int, days: int, end: int) -> int:
        """Where to start looking for a post due at ``earliest`` so the week stays even: ``earliest``
        when its day (the day of the first slot from it) has no post on this channel yet, else the
        first slot of the day with the fewest posts among it and the ``days`` - 1 days after (the
        earliest of those tied), never a day starting after ``end``."""
        instants = self.grid.instants
        i = bisect.bisect_left(instants, earliest)
        if i >= len(instants):
            return earliest
        found = self.quietest_slot(i, days, end)
        return earliest if found == i else instants[found]

    def quietest_slot(self, index: int, days: int, end: int) -> int:
        """`quietest` for the post due at slot ``index``, as a slot index (``index`` when it stays): the
        evergreen recycles' path (`Placer.recycle`), which has the slot and saves a search for it."""
        grid = self.grid
        per_day, day_range = self.per_day, grid.day_range
        first = best = grid.days[index]
        fewest = per_day.get(first, 0)
        if not fewest:
            return index
        instants = grid.instants
        for day in range(first + 1, first + days):
            span = day_range.get(day)
            if span is None:
                continue
            if instants[span[0]] > end:
                break
            count = per_day.get(day, 0)
            if count < fewest:
                best, fewest = day, count
                if not count:
                    break
        return index if best == first else day_range[best][0]

    def skip(self, index: int) -> None:
        """Never offer this slot again (something already goes out at that exact instant)."""
        self.next_slot[index] = index + 1


__all__ = ["ChannelBook", "SlotGrid", "add_days", "build_grid", "is_blackout", "is_quiet", "to_instant",
           "to_minutes"]
