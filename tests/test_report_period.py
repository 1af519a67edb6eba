"""Report periods: --since, --from/--to in the team's zone (DST included), the previous period."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from publisher.errors import PublisherError
from publisher.reports.period import bins_for, period_from

PARIS = ZoneInfo("Europe/Paris")
NOW = dt.datetime(2026, 11, 22, 9, 30, tzinfo=dt.UTC)


def test_default_is_the_last_30_days_and_the_previous_period_touches_it() -> None:
    period = period_from(NOW, PARIS)
    assert period.end == NOW and period.length == dt.timedelta(days=30)
    previous = period.previous()
    assert previous.end == period.start and previous.length == period.length


@pytest.mark.parametrize(("since", "length"), [("30d", dt.timedelta(days=30)), ("12w", dt.timedelta(weeks=12)),
                                               ("48h", dt.timedelta(hours=48)), ("90", dt.timedelta(days=90))])
def test_since(since: str, length: dt.timedelta) -> None:
    period = period_from(NOW, PARIS, since=since)
    assert (period.start, period.end) == (NOW - length, NOW)


def test_from_to_are_local_days_across_a_dst_change() -> None:
    # Paris leaves summer time on 25 October 2026: the first midnight is UTC+2, the last UTC+1.
    period = period_from(NOW, PARIS, start="2026-10-01", end="2026-10-31")
    assert period.start == dt.datetime(2026, 9, 30, 22, 0, tzinfo=dt.UTC)
    assert period.end == dt.datetime(2026, 10, 31, 23, 0, tzinfo=dt.UTC)
    assert (period.first_day, period.last_day) == (dt.date(2026, 10, 1), dt.date(2026, 10, 31))
    assert len(period.days()) == 31
    assert period.label() == "2026-10-01 to 2026-10-31 (31 days)"


def test_from_alone_runs_to_now_and_to_alone_covers_30_days() -> None:
    assert period_from(NOW, PARIS, start="2026-11-01").end == NOW
    period = period_from(NOW, PARIS, end="2026-10-31")
    assert (period.first_day, period.last_day) == (dt.date(2026, 10, 2), dt.date(2026, 10, 31))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"since": "a month"}, "--since: expected a length like 30d, 12w or 48h, got 'a month'"),
        ({"since": "0d"}, "--since: expected a length"),
        ({"start": "01/10/2026"}, "--from: expected a date like 2026-03-01, got '01/10/2026'"),
        ({"start": "2026-11-01", "end": "2026-10-01"}, "--from: expected a date before --to"),
        ({"since": "30d", "start": "2026-11-01"}, "expected either --since or --from/--to"),
    ],
)
def test_bad_periods_say_what_was_expected(options: dict[str, str], message: str) -> None:
    with pytest.raises(PublisherError, match=message.replace("(", r"\(").replace(")", r"\)")):
        period_from(NOW, PARIS, **options)


def test_charts_use_days_for_a_month_and_weeks_for_a_quarter() -> None:
    unit, bins = bins_for(period_from(NOW, PARIS, since="30d"))
    assert unit == "day" and len(bins) == 31
    unit, bins = bins_for(period_from(NOW, PARIS, since="90d"))
    assert unit == "week" and all(b.weekday() == 0 for b in bins) and 13 <= len(bins) <= 14
