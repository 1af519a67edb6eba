"""A worker survives its database failing under it: a table dropped, a page corrupted, on SQLite and
PostgreSQL. The failure ends the pass with "store error, retrying" (even when it is raised by the
driver inside the claim's fast path, which SQLAlchemy does not wrap), and sending resumes once the
database is back."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
from stores import T0, planned_post

from publisher.errors import StoreError
from publisher.sending.channels.outbox import OutboxChannel, read_outbox
from publisher.sending.dispatcher import Dispatcher, RunReport
from publisher.store import Store
from publisher.store.tables import pauses

NOW = T0 + dt.timedelta(hours=1)


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 20.0) -> None:
    end = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


class Worker:
    """Dispatcher.run_forever in a thread, as `publisher worker` runs it; keeps every pass's report."""

    def __init__(self, store: Store, folder: Path):
        self.channel = OutboxChannel("x", folder=folder, network="x", clock=lambda: NOW, fsync="never")
        self.dispatcher = Dispatcher(store, {"x": self.channel}, clock=lambda: NOW)
        self.reports: list[RunReport] = []
        self.crash: BaseException | None = None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            self.dispatcher.run_forever(self.stop, poll=0.02, on_pass=self.reports.append)
        except BaseException as e:  # the bug: a driver error escaped and the worker died
            self.crash = e

    def errors(self) -> list[str]:
        return [r.error for r in list(self.reports) if r.error]

    def __enter__(self) -> Worker:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(10)
        self.dispatcher.close()


@pytest.mark.parametrize("any_store", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
                         indirect=True)
def test_the_worker_survives_a_table_dropped_under_it(any_store: Store, tmp_path: Path) -> None:
    store = any_store
    store.apply_plan([planned_post(n) for n in range(4)], T0)
    with Worker(store, tmp_path / "outbox") as worker:
        wait_for(lambda: len(worker.reports) >= 2, "a first pass")
        with store.transaction() as conn:  # the claim reads the pauses in its first statement
            conn.execute(sa.text("DROP TABLE pauses"))
        wait_for(lambda: len(worker.errors()) >= 2 or worker.crash is not None, "store errors")
        assert worker.crash is None, f"the worker died: {worker.crash!r}"
        assert "pauses" in worker.errors()[-1]
        with store.transaction() as conn:
            pauses.create(conn)
        store.approve(NOW, everything=True)
        wait_for(lambda: len(read_outbox(worker.channel.path)) == 4 or worker.crash is not None, "the sends")
        assert worker.crash is None, f"the worker died: {worker.crash!r}"
    assert worker.thread.is_alive() is False
    assert {r.post.state for r in store.records()} == {"published"}


def test_the_worker_survives_a_corrupt_page_and_resumes_once_the_file_is_restored(
        sqlite_store: Store, tmp_path: Path) -> None:
    store = sqlite_store
    store.apply_plan([planned_post(n) for n in range(40)], T0)
    path = Path(store.engine.url.database or "")
    raw = store.engine.raw_connection()
    raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    good = path.read_bytes()
    page = 4096
    assert len(good) > 4 * page
    with Worker(store, tmp_path / "outbox") as worker:
        wait_for(lambda: len(worker.reports) >= 2, "a first pass")
        with open(path, "r+b") as fd:  # every page but the header's: the schema and the tables are garbage
            fd.seek(page)
            fd.write(b"\xa5" * (len(good) - page))
        store.engine.dispose()  # what a new process (or a connection that never cached the pages) reads
        wait_for(lambda: len(worker.errors()) >= 2 or worker.crash is not None, "store errors")
        assert worker.crash is None, f"the worker died: {worker.crash!r}"
        assert "malformed" in worker.errors()[-1] or "not a database" in worker.errors()[-1], worker.errors()
        restored = path.with_name("restored.db")  # put back as an operator would: a copy moved into place
        restored.write_bytes(good)
        restored.replace(path)
        wait_for(lambda: not worker.reports[-1].error, "a clean pass")
        store.approve(NOW, everything=True)
        wait_for(lambda: len(read_outbox(worker.channel.path)) == 40 or worker.crash is not None, "the sends")
        assert worker.crash is None


def test_a_driver_error_in_the_claim_is_a_store_error(sqlite_store: Store) -> None:
    with sqlite_store.transaction() as conn:
        conn.execute(sa.text("DROP TABLE channel_state"))
    with pytest.raises(StoreError, match="channel_state"):
        sqlite_store.claim_next("x", NOW, "w")
