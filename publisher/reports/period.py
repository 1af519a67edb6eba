"""Report periods: what `--since 30d` or `--from/--to` mean, the previous period, and calendar bins.

A period is a half-open span of instants [start, end) in UTC. Dates typed by a person are read in
the team's time zone: `--from 2026-10-01 --to 2026-10-31` runs from local midnight on the 1st to
local midnight after the 31st, whatever the daylight-saving offset on either side.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from publisher.errors import PublisherError

DEFAULT_DAYS = 30
_LENGTH = re.compile(r"\s*(\d{1,5})\s*([dwhm]?)\s*", re.IGNORECASE)
_UNIT = {"d": "days", "": "days", "w": "weeks", "h": "hours", "m": "minutes"}


@dataclass(frozen=True)
class Period:
    """[start, end) in UTC, plus the zone its dates are shown in."""

    start: dt.datetime
    end: dt.datetime
    zone: ZoneInfo

    @property
    def length(self) -> dt.timedelta:
        return self.end - self.start

    def previous(self) -> Period:
        """The period of the same length just before this one (for the trend)."""
        return Period(self.start - self.length, self.start, self.zone)

    def local(self, when: dt.datetime) -> dt.datetime:
        return when.astimezone(self.zone)

    @property
    def first_day(self) -> dt.date:
        return self.local(self.start).date()

    @property
    def last_day(self) -> dt.date:
        """The last local date the period touches (end is exclusive)."""
        return self.local(self.end - dt.timedelta(microseconds=1)).date()

    def days(self) -> list[dt.date]:
        """Every local date the period touches, in order."""
        out, day = [], self.first_day
        while day <= self.last_day:
            out.append(day)
            day += dt.timedelta(days=1)
        return out

    def label(self) -> str:
        days = self.length / dt.timedelta(days=1)
        span = f"{days:.0f} days" if abs(days - round(days)) < 0.05 else f"{days:.1f} days"
        return f"{self.first_day.isoformat()} to {self.last_day.isoformat()} ({span})"

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "zone": self.zone.key,
                "first_day": self.first_day.isoformat(), "last_day": self.last_day.isoformat()}


def length_of(text: str) -> dt.timedelta | None:
    """`30d`, `12w`, `48h`, `90m` or a bare number of days; None when it is not a length."""
    m = _LENGTH.fullmatch(text or "")
    if not m or int(m.group(1)) == 0:
        return None
    return dt.timedelta(**{_UNIT[m.group(2).lower()]: int(m.group(1))})


def parse_length(text: str) -> dt.timedelta:
    """The --since option: a length (see ``length_of``)."""
    length = length_of(text)
    if length is None:
        raise PublisherError(f"--since: expected a length like 30d, 12w or 48h, got {text!r}")
    return length


def parse_day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PublisherError(f"{option}: expected a date like 2026-03-01, got {text!r}") from None


def _midnight(day: dt.date, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=zone).astimezone(dt.UTC)


def period_from(now: dt.datetime, zone: ZoneInfo, *, since: str | None = None, start: str | None = None,
                end: str | None = None) -> Period:
    """The period the options describe: --since LENGTH (up to now), or --from/--to dates (inclusive).

    Nothing given means the last 30 days up to ``now``. ``--from`` alone runs up to now; ``--to``
    alone covers the 30 days ending with that date.
    """
    now = now.astimezone(dt.UTC)
    if since and (start or end):
        raise PublisherError("--since: expected either --since or --from/--to, got both")
    if since:
        return Period(now - parse_length(since), now, zone)
    if not start and not end:
        return Period(now - dt.timedelta(days=DEFAULT_DAYS), now, zone)
    stop = _midnight(parse_day(end, "--to") + dt.timedelta(days=1), zone) if end else now
    if start:
        first = parse_day(start, "--from")
        begin = _midnight(first, zone)
    else:
        begin = _midnight(parse_day(end or "", "--to") - dt.timedelta(days=DEFAULT_DAYS - 1), zone)
    if begin >= stop:
        raise PublisherError(f"--from: expected a date before {'--to' if end else 'now'}, "
                             f"got {start} (the period would be empty)")
    return Period(begin, stop, zone)


def bins_for(period: Period) -> tuple[str, list[dt.date]]:
    """Calendar bins for charts over time: days for short periods, weeks (from Monday) for long ones."""
    days = period.days()
    if len(days) <= 45:
        return "day", days
    weeks = sorted({d - dt.timedelta(days=d.weekday()) for d in days})
    return "week", weeks


def bin_of(day: dt.date, unit: str) -> dt.date:
    return day - dt.timedelta(days=day.weekday()) if unit == "week" else day
