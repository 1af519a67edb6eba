"""Column types shared by every table of the store, the same on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


class UTCDateTime(sa.TypeDecorator[dt.datetime]):
    """An instant: aware UTC datetimes in and out, naive UTC in the database.

    Naive columns compare and index the same way on both engines (SQLite has no time zones and
    stores ISO text that sorts in time order); refusing naive input keeps local times out.
    """

    impl = sa.DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"expected an aware datetime for a UTC column, got {value!r}")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if isinstance(value, str):  # raw SQL on SQLite hands back the stored text
            value = dt.datetime.fromisoformat(value)
        return value.replace(tzinfo=dt.UTC)


def utc_now() -> dt.datetime:
    """The real clock, aware and in UTC (commands pass --now instead when rehearsing)."""
    return dt.datetime.now(dt.UTC)


__all__ = ["UTCDateTime", "utc_now"]
