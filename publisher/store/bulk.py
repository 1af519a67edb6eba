"""Bulk statements on the driver itself, for plans of hundreds of thousands of posts.

SQLAlchemy Core spends ~40 µs per row processing parameters; a plan of 200,000 posts must be
stored in a few seconds, so bulk writes hand plain tuples to the driver's executemany. Values are
converted here exactly as the column types would (UTCDateTime, JSON), so rows written in bulk read
back the same through the tables.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from publisher.store.prepared import instant_to_db


class Bulk:
    """Driver-level inserts, updates and reads inside one SQLAlchemy connection's transaction."""

    def __init__(self, conn: sa.Connection):
        self.conn = conn
        self.sqlite = conn.dialect.name == "sqlite"
        self._mark = "?" if self.sqlite else "%s"
        self._quote = conn.dialect.identifier_preparer.quote

    def instant(self, value: dt.datetime | None) -> Any:
        """An aware datetime as the UTCDateTime column stores it (SQLite: SQLAlchemy's text format)."""
        return instant_to_db(value, self.sqlite)

    @staticmethod
    def json(value: Any) -> str | None:
        """JSON text, keys sorted so the same value is always the same text (replans compare it)."""
        return None if value is None else json.dumps(value, sort_keys=True, ensure_ascii=False)

    def json_as_text(self, column: str) -> str:
        """A JSON column selected as its text, on both engines."""
        return self._quote(column) if self.sqlite else f"CAST({self._quote(column)} AS TEXT)"

    def insert(self, table: sa.Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
        names = ", ".join(self._quote(c) for c in columns)
        marks = ", ".join(self._mark for _ in columns)
        self._many(f"INSERT INTO {self._quote(table.name)} ({names}) VALUES ({marks})", rows)

    def load(self, table: sa.Table, columns: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
        """`insert`, through COPY ... FROM STDIN on PostgreSQL (one stream, no statement per row; the
        server reads each value with its column's input function, constraints and triggers included)."""
        if self.sqlite:
            self.insert(table, columns, rows)
            return
        names = ", ".join(self._quote(c) for c in columns)
        cursor = self.conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            with cursor.copy(f"COPY {self._quote(table.name)} ({names}) FROM STDIN") as copy:
                write = copy.write_row
                for row in rows:
                    write(row)
        finally:
            cursor.close()

    def update(self, table: sa.Table, columns: Sequence[str], key: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """UPDATE ... SET columns WHERE key = ?; each row is (*column values, key value)."""
        sets = ", ".join(f"{self._quote(c)} = {self._mark}" for c in columns)
        self._many(f"UPDATE {self._quote(table.name)} SET {sets} WHERE {self._quote(key)} = {self._mark}", rows)

    def delete(self, table: sa.Table, key: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """DELETE ... WHERE key = ?; each row is (key value,)."""
        self._many(f"DELETE FROM {self._quote(table.name)} WHERE {self._quote(key)} = {self._mark}", rows)

    def select(self, table: sa.Table, columns: Sequence[str], where: str = "", params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Raw rows as the driver's tuples (no Row objects); ``where`` uses ``{mark}`` for its parameters."""
        names = ", ".join(columns)
        sql = f"SELECT {names} FROM {self._quote(table.name)}"
        if where:
            sql += " WHERE " + where.format(mark=self._mark)
        cursor = self.conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(sql, params)
            return list(cursor.fetchall())
        finally:
            cursor.close()

    def column(self, name: str) -> str:
        return self._quote(name)

    def _many(self, sql: str, rows: Iterable[tuple[Any, ...]]) -> None:
        batch = list(rows)
        if batch:
            self.conn.exec_driver_sql(sql, batch)


__all__ = ["Bulk"]
