"""Cron times for the CI workflows, chosen in the team's time zone.

GitHub Actions (like most CI) reads cron in UTC, while pieces appear at midnight in the team's
zone. A daily build at "00:15 local" must stay after midnight on both sides of a daylight-saving
change, so the UTC time is computed from the zone's smallest offset of the year: in summer the
build then runs an hour later in local time, never before midnight.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

EVERY_TEN_MINUTES = "*/10 * * * *"


def offsets(zone: ZoneInfo, year: int) -> tuple[dt.timedelta, dt.timedelta]:
    """The smallest and largest UTC offsets of ``zone`` during ``year`` (sampled daily at noon UTC)."""
    start = dt.datetime(year, 1, 1, 12, tzinfo=dt.UTC)
    seen = {(start + dt.timedelta(days=d)).astimezone(zone).utcoffset() or dt.timedelta(0) for d in range(366)}
    return min(seen), max(seen)


def daily_cron(zone: ZoneInfo, local: dt.time, year: int) -> str:
    """A daily cron expression (UTC) that fires at ``local`` or up to the zone's DST shift later."""
    low, _ = offsets(zone, year)
    minutes = (local.hour * 60 + local.minute - int(low.total_seconds() // 60)) % (24 * 60)
    return f"{minutes % 60} {minutes // 60} * * *"


def local_times(cron: str, zone: ZoneInfo, year: int) -> list[str]:
    """When a daily UTC cron fires in the team's zone, e.g. ['00:15', '01:15'] (winter, summer)."""
    minute, hour = (int(x) for x in cron.split()[:2])
    utc = dt.datetime(year, 1, 1, hour, minute, tzinfo=dt.UTC)
    out: list[str] = []
    for offset in sorted(set(offsets(zone, year))):
        text = (utc + offset).strftime("%H:%M")
        if text not in out:
            out.append(text)
    return out


__all__ = ["EVERY_TEN_MINUTES", "daily_cron", "local_times", "offsets"]
