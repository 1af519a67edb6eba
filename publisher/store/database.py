"""The engine behind the store: one code path for SQLite and PostgreSQL, transactions, migrations."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url

from publisher.errors import MigrationError, StoreError
from publisher.secrets import mask
from publisher.store import tables
from publisher.store.migrations import Migration, discover

# How long a SQLite writer waits for another one before giving up (workers share one file).
SQLITE_BUSY_SECONDS = 60
# SQLite's page cache per connection (KiB). A first plan loaded in bulk raises it for its transaction
# (plan_rows.load_first_plan): a 250 MB load then never spills pages to the WAL to read them back.
SQLITE_CACHE_KIB = 65536
# Taken around migrations on PostgreSQL so two workers starting together do not both migrate.
_PG_MIGRATION_LOCK = 7_340_001


def normalized_url(url: str) -> str:
    """Accept postgres:// and postgresql:// as the psycopg 3 driver (the one installed)."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


_PASSWORD = re.compile(r"(://[^:/@\s]*:)[^@\s]*@")


def shown_url(url: str) -> str:
    """A store URL as messages show it: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (sa.exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        return mask(_PASSWORD.sub(r"\1***@", url))


def _sqlite_engine(url: str) -> sa.Engine:
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's BEGIN (below) decide transactions: pysqlite's own handling skips DDL.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
        # A new file gets 8 KiB pages (SQLite's default is 4 KiB): a post's row is ~0.7 KiB, a page then holds
        # twice the rows, and the first load of a 10,000-piece plan takes ~0.3 s less (2.7 against 3.0 s,
        # docs/benchmarks.md, "Ninth session"); dispatch's small transactions are as fast. A file that exists
        # keeps its size.
        cur.execute("PRAGMA page_size=8192")
        cur.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
        cur.execute("PRAGMA synchronous=NORMAL")  # durable across process crashes (kill -9) in WAL mode
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cur.execute("PRAGMA temp_store=MEMORY")  # index builds sort in memory
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        # IMMEDIATE takes the write lock up front: a deferred reader upgrading to a writer can fail
        # at once with "database is locked" instead of waiting for busy_timeout.
        options = conn.get_execution_options()
        mode = options.get("sqlite_begin", "IMMEDIATE")
        wait = options.get("sqlite_wait_ms")
        if wait is None:
            conn.exec_driver_sql(f"BEGIN {mode}")
            return
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wait)}")  # this transaction waits less for the lock
        try:
            conn.exec_driver_sql(f"BEGIN {mode}")
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")

    return engine


def _first_line(error: BaseException) -> str:
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


def upsert_insert(dialect: str, table: sa.Table) -> Any:
    """The dialect's INSERT (with on_conflict_do_update / _do_nothing) for ``table``. Its module is
    imported here, on first use: PostgreSQL's dialect package alone costs ~30 ms at start-up, which
    every command on a SQLite store would otherwise pay for nothing."""
    if dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        from sqlalchemy.dialects.postgresql import insert
    return insert(table)


class Database:
    """A SQLAlchemy engine with the store's transaction rules and named migrations."""

    def __init__(self, url: str):
        self.url = normalized_url(url)
        try:
            parsed = make_url(self.url)
        except (sa.exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
            raise StoreError(f"expected a database URL like sqlite:///.publisher/publisher.db or "
                             f"postgresql://user@host/db, got {shown_url(url)!r}") from None
        self.dialect: str = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoreError(f"expected a sqlite:/// or postgresql:// store URL, got {shown_url(self.url)!r}")
        self._sqlite_path = parsed.database if self.dialect == "sqlite" else None
        # SQLite has one writer at a time; threads of this process queue on a lock (instant hand-over)
        # rather than on SQLite's busy handler, which sleeps 1-100 ms between tries.
        self._write_lock = threading.Lock() if self.dialect == "sqlite" else contextlib.nullcontext()
        # create_engine does not connect: the first transaction does. No rollback when a connection goes
        # back to the pool: every use ends its own transaction, and on PostgreSQL that saves a round trip
        # per send.
        self.engine = _sqlite_engine(self.url) if self.dialect == "sqlite" else sa.create_engine(
            self.url, pool_pre_ping=True, pool_reset_on_return=None)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {shown_url(self.url)}>"

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def prepare(self) -> None:
        """Create the folder of a SQLite file on first use."""
        if self._sqlite_path and self._sqlite_path != ":memory:" and not self._sqlite_path.startswith("file:"):
            Path(self._sqlite_path).parent.mkdir(parents=True, exist_ok=True)

    @contextmanager
    def transaction(self, *, wait: float | None = None) -> Iterator[sa.Connection]:
        """A write transaction, committed on success and rolled back on any error. ``wait``: seconds to wait
        for SQLite's write lock, if not SQLITE_BUSY_SECONDS (a StoreError then)."""
        with self._write_lock, self._errors(), self.engine.connect() as conn:
            if wait is not None and self.dialect == "sqlite":
                conn.execution_options(sqlite_wait_ms=int(wait * 1000))
            with conn.begin():
                yield conn

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        """A read-only transaction (one consistent snapshot; no write lock on SQLite)."""
        with self._errors(), self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="DEFERRED")
            with conn.begin():
                yield conn

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Every database failure leaves as a StoreError: SQLAlchemy's, and the driver's own, raised by the
        statements run on its cursor (store.prepared: the claim's fast path), which SQLAlchemy never wraps
        (psycopg's UndefinedTable, sqlite3's OperationalError, DatabaseError on a corrupt page).

        The pool's connections are dropped then: the next transaction opens fresh ones, which see the
        database as it is now (a file restored in place of a corrupt one, a server back after a restart)
        instead of what a kept connection cached or still holds open."""
        try:
            yield
        except sa.exc.DBAPIError as e:
            self.engine.dispose()
            raise StoreError(f"{shown_url(self.url)}: {_first_line(e.orig if e.orig is not None else e)}") from e
        except self._driver_errors as e:
            self.engine.dispose()
            raise StoreError(f"{shown_url(self.url)}: {_first_line(e)}") from e

    @property
    def _driver_errors(self) -> tuple[type[BaseException], ...]:
        """The DBAPI driver's base error class (PEP 249's ``Error``): sqlite3.Error, psycopg.Error."""
        dbapi = getattr(self.engine.dialect, "loaded_dbapi", None) or self.engine.dialect.dbapi
        error = getattr(dbapi, "Error", None)
        return (error,) if isinstance(error, type) and issubclass(error, BaseException) else ()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def rollback_journal(self) -> Iterator[bool]:
        """Around a bulk load into a SQLite file that no other connection has open: the load's
        transaction then writes its pages straight into the database under a rollback journal,
        instead of writing them to the WAL and copying them over at the checkpoint (for a 250 MB
        first plan, a fifth of its time). WAL mode comes back after, whatever happened. Yields
        whether the switch was made: when another connection has the file open (a worker, say),
        SQLite refuses it at once and the load runs in WAL mode as usual.

        While switched, this process's only connection commits with synchronous=FULL, the level
        at which a rollback journal survives power loss as WAL does at NORMAL."""
        switched = False
        if self._sqlite_path and self._sqlite_path != ":memory:":
            with self._write_lock:
                switched = self._journal_mode("DELETE", "FULL", wait=False)
        try:
            yield switched
        finally:
            if switched:
                with self._write_lock:
                    self._journal_mode("WAL", "NORMAL", wait=True)

    def _journal_mode(self, mode: str, synchronous: str, *, wait: bool) -> bool:
        """Set the file's journal mode outside any transaction; False if SQLite would not (locked)."""
        with self._errors(), self.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert raw is not None
            if not wait:
                raw.execute("PRAGMA busy_timeout=0")
            try:
                found = raw.execute(f"PRAGMA journal_mode={mode}").fetchone()
            except sqlite3.OperationalError:
                return False
            finally:
                raw.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_SECONDS * 1000}")
            if found is None or str(found[0]).upper() != mode:
                return False
            raw.execute(f"PRAGMA synchronous={synchronous}")
            return True

    # Migrations ----------------------------------------------------------------------------------

    def applied_migrations(self) -> set[str]:
        with self.reading() as conn:
            if not sa.inspect(conn).has_table(tables.schema_migrations.name):
                return set()
            return set(conn.execute(sa.select(tables.schema_migrations.c.name)).scalars())

    def pending_migrations(self) -> list[str]:
        """Names of the migrations not applied yet, in the order they would run."""
        applied = self.applied_migrations()
        return [m.name for m in discover() if m.name not in applied]

    def migrate(self, migrations: Sequence[Migration] | None = None) -> list[str]:
        """Apply every pending migration (of the package, or those given), each in its own transaction
        with its record. Returns the names applied."""
        migrations = discover() if migrations is None else migrations
        applied = self.applied_migrations()
        if all(m.name in applied for m in migrations):
            return []
        done: list[str] = []
        for migration in migrations:
            with self.transaction() as conn:
                if self.dialect == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK})
                tables.schema_migrations.create(conn, checkfirst=True)
                found = conn.execute(sa.select(tables.schema_migrations.c.name).where(
                    tables.schema_migrations.c.name == migration.name)).first()
                if found:
                    continue  # another process applied it while we waited for the lock
                try:
                    migration.apply(conn)
                except sa.exc.SQLAlchemyError as e:
                    raise MigrationError(f"migration {migration.name} failed and was rolled back: "
                                         f"{getattr(e, 'orig', e) or e}") from e
                conn.execute(tables.schema_migrations.insert().values(
                    name=migration.name, applied_at=dt.datetime.now(dt.UTC)))
                done.append(migration.name)
        return done


__all__ = ["Database", "normalized_url", "shown_url", "upsert_insert"]
