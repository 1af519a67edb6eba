"""Core statements compiled once per dialect and run on the driver's cursor: the dispatcher's hot path.

Each send is two short transactions of a few statements. Through SQLAlchemy's Connection each
statement costs ~150-250 µs of Python on a small machine, more than SQLite itself; compiled once
and run on the DBAPI cursor (inside the same SQLAlchemy transaction) they cost ~30 µs. The
statements stay written in Core, so the dialect differences (placeholders, FOR UPDATE SKIP LOCKED,
greatest/max) are still SQLAlchemy's business. Parameters must be driver-ready: convert instants
with ``instant_to_db`` and read them back with ``instant_from_db``.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from typing import Any

import sqlalchemy as sa


class Prepared:
    """One statement, compiled on first use for each dialect."""

    def __init__(self, statement: sa.Executable):
        self.statement = statement
        self._compiled: dict[str, tuple[str, tuple[str, ...] | None, dict[str, Any]]] = {}
        self._lock = threading.Lock()

    def _for(self, dialect: sa.Dialect) -> tuple[str, tuple[str, ...] | None, dict[str, Any]]:
        found = self._compiled.get(dialect.name)
        if found is None:
            with self._lock:
                compiled = self.statement.compile(dialect=dialect)
                sql = str(compiled)
                if "POSTCOMPILE" in sql:
                    raise ValueError(f"statement needs post-compile parameters, cannot be prepared: {sql}")
                positions = tuple(compiled.positiontup) if compiled.positional and compiled.positiontup else None
                found = (sql, positions, dict(compiled.params))
                self._compiled[dialect.name] = found
        return found

    def run(self, conn: sa.Connection, **params: Any) -> Any:
        """Execute on the connection's DBAPI cursor inside its current transaction; returns the cursor."""
        sql, positions, defaults = self._for(conn.dialect)
        values = {**defaults, **params}
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        cursor.execute(sql, tuple(values[name] for name in positions) if positions is not None else values)
        return cursor

    def run_many(self, conn: sa.Connection, rows: list[dict[str, Any]]) -> None:
        """Execute once per row in one driver call (SQLite: one C loop; psycopg: pipelined)."""
        sql, positions, defaults = self._for(conn.dialect)
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        if positions is not None:
            cursor.executemany(sql, [tuple({**defaults, **row}[name] for name in positions) for row in rows])
        else:
            cursor.executemany(sql, [{**defaults, **row} for row in rows])


def instant_to_db(value: dt.datetime | None, sqlite: bool) -> Any:
    """An aware datetime as a UTCDateTime column stores it (SQLite: SQLAlchemy's text format)."""
    if value is None:
        return None
    utc = value.astimezone(dt.UTC).replace(tzinfo=None)
    return utc.isoformat(" ", "microseconds") if sqlite else utc


def instant_from_db(value: Any) -> dt.datetime | None:
    """A UTCDateTime column as the driver returns it (SQLite: text; PostgreSQL: naive datetime)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=dt.UTC)


def json_from_db(value: Any) -> Any:
    """A JSON column as the driver returns it (SQLite: text; psycopg: already decoded)."""
    return json.loads(value) if isinstance(value, str) else value


__all__ = ["Prepared", "instant_from_db", "instant_to_db", "json_from_db"]
