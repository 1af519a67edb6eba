"""A big first plan written into the store while the planner still places it, on the second core.

`publisher plan` on an empty SQLite store with a big plan (an imported archive of thousands of pieces)
used to plan (~7.5 s for 10,000 pieces, the last 3 s on one core) and then store (~3 s, on one core).
`FirstLoad` is a `PostSink` (social/planner/streaming.py): it forks a writer process once the planner's
lanes exist, and the planner tells it each post as it places it (which lane, which candidate, which role,
which minute); the writer reads what a candidate's posts share from its copy of the lanes (ahead of time
while it waits), opens its own connection and runs the one transaction of `apply_plan`'s first load
(`FirstPlanLoad`: the table found empty, secondary indexes and trigger set aside, rows in, indexes and
trigger back), writing each batch while the planner places the next. It builds the indexes once the last
post is placed, while the planner sorts its plan, and commits only when `finish` gives it the very plan
make_plan made with it (`made`), with as many posts as it wrote. Anything else rolls the transaction
back, and `apply_plan` stores the plan as before. The store then holds what `apply_plan` writes, but for
the ids: posts' follow the order they were placed in (launches and follow-ups, then the rounds of
recycles) instead of the calendar's (posts sharing a minute on two channels list in the other order), and
cards' the order the writer read them in, with gaps for cards read ahead that no post uses (not stored).
If another writer holds the store, the writer gives up after LOCK_WAIT seconds; if the planner stops
(an error, Ctrl-C), `close` ends the writer's input and it rolls back (it ignores Ctrl-C itself).

Batches go through an unlinked temporary file (writing never waits for the writer to read); the pipe
only says where each is. The writer's last word comes back on a second pipe. Measured on
`bench/plan_store.py --pieces 10000`: docs/benchmarks.md ("Ninth session").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import pickle
import select
import signal
import struct
import tempfile
import time
from collections.abc import Iterator, Sequence
from typing import Any, Protocol

import sqlalchemy as sa

from publisher.performance import can_fork
from publisher.posts.model import Plan
from publisher.store.bulk import Bulk
from publisher.store.database import Database
from publisher.store.plan_rows import FirstPlanLoad
from publisher.store.tables import posts

Placed = tuple[int, int, str, int]
"""One post as the planner tells it (social/planner/streaming.py): lane, candidate, role, minute. This and the
two below say what the store reads of the planner's values: the store may not import the planner."""
Shared = tuple[Any, ...]
"""What one candidate's posts share (streaming.py's `Shared`)."""
PRECOMPUTE = 256
"""Candidates the writer reads ahead between two looks at its pipe while it waits for posts."""
LOCK_WAIT = 1.0
"""Seconds the writer waits for the store's write lock before it gives the plan back to `apply_plan`."""
GRACE = 2.0
"""Seconds `close` gives a writer to roll back and leave before it kills it."""


class Source(Protocol):
    """What the writer reads from its copy of the planner's lanes (social/planner/streaming.py, `Lanes`)."""

    def shared(self, lane: int, candidate: int) -> Shared:
        """What every post of this candidate on this lane has."""

    def likely(self) -> Iterator[tuple[int, int]]:
        """Candidates in the order posts will likely need them."""


_HEADER = struct.Struct("<cQQ")
"""A message on the pipe: kind (b"b" batch, b"p" all placed, b"f" finish), then two numbers (a batch's
offset and length in the file; finish: the plan's number of posts)."""


class FirstLoad:
    """See the module's docstring. Made by `PostsStore.first_load`; used as make_plan's ``sink``, then
    given to `apply_plan`, which asks `finish`."""

    def __init__(self, store: Database, now: dt.datetime):
        self.store, self.now = store, now
        self.pid = 0
        self.failed = False
        self._data = -1
        self._written = 0
        self._control = self._report = -1
        self._plan: Plan | None = None

    # In the planner's process ------------------------------------------------------------------

    def start(self, lanes: Source) -> bool:
        if not can_fork():
            return False
        self.store.engine.dispose()  # no connection of this process open: the writer's may leave WAL mode
        control_read = report_write = -1
        # Ctrl-C goes to every process of the terminal's group: held back across the fork, so that the
        # writer never runs this process's code (it ignores SIGINT and stops when its input ends), and
        # delivered to this process right after.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._data, path = tempfile.mkstemp(prefix="publisher-plan-")
            os.unlink(path)  # the two processes share the open file; nobody else sees it
            control_read, self._control = os.pipe()
            self._report, report_write = os.pipe()
            self.pid = os.fork()
            if self.pid == 0:  # the writer: never returns
                try:
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                    os.close(self._control)
                    os.close(self._report)
                    _write_plan(self.store, self.now, lanes, self._data, control_read, report_write)
                finally:
                    os._exit(0)
        except OSError:
            for fd in (control_read, report_write):
                if fd >= 0:
                    os.close(fd)
            self._close_files()
            return False
        finally:  # this process only: the writer leaves through os._exit
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(control_read)
        os.close(report_write)
        return True

    def add(self, placed: Sequence[Placed]) -> None:
        if self.failed or not self.pid:
            return
        data = pickle.dumps(placed, pickle.HIGHEST_PROTOCOL)
        try:
            os.pwrite(self._data, data, self._written)
            self._send(b"b", self._written, len(data))
        except OSError:  # the writer is gone: apply_plan will store the plan
            self.failed = True
        self._written += len(data)

    def complete(self) -> None:
        if not self.failed and self.pid:
            try:
                self._send(b"p", 0, 0)
            except OSError:
                self.failed = True

    def made(self, plan: Plan) -> None:
        self._plan = plan

    def finish(self, plan: Plan) -> int | None:
        """How many posts the writer stored once it committed ``plan``, or None: it did not (it was never
        started, failed, or was told the posts of another plan), and nothing of it is in the store."""
        if not self.pid:
            return None
        stored = None
        try:
            if not self.failed and plan is self._plan:
                self._send(b"f", len(plan.posts), 0)
                os.close(self._control)
                self._control = -1
                with os.fdopen(self._report, "rb") as report:
                    self._report = -1
                    answer = report.read()
                if answer.startswith(b"stored "):
                    stored = int(answer.split()[1])
        except OSError:
            stored = None
        finally:
            self.close()
        return stored

    def close(self) -> None:
        """Stop the writer if it still runs (an error in the planner, Ctrl-C): the end of its input makes it
        roll back and leave; one still busy after `GRACE` seconds is killed (SQLite's journal undoes it)."""
        if self._control >= 0:
            os.close(self._control)
            self._control = -1
        if self.pid:
            deadline = time.monotonic() + GRACE
            with contextlib.suppress(ChildProcessError):
                while os.waitpid(self.pid, os.WNOHANG) == (0, 0):
                    if time.monotonic() > deadline:
                        os.kill(self.pid, signal.SIGKILL)
                        os.waitpid(self.pid, 0)
                        break
                    time.sleep(0.005)
            self.pid = 0
        self._close_files()

    def _send(self, kind: bytes, first: int, second: int) -> None:
        os.write(self._control, _HEADER.pack(kind, first, second))

    def _close_files(self) -> None:
        for fd in (self._control, self._report, self._data):
            if fd >= 0:
                os.close(fd)
        self._control = self._report = self._data = -1


class _Declined(Exception):
    """The posts table is not empty: not a first load."""


class _Abandoned(Exception):
    """The planner stopped, or its plan is not what was written."""


def _write_plan(store: Database, now: dt.datetime, lanes: Source, data: int, control: int, report: int) -> None:
    """The writer process (see the module's docstring): one transaction, committed only on the planner's word.
    It waits LOCK_WAIT seconds at most for the store's write lock (another writer at work): then `apply_plan`
    stores the plan and waits as usual."""
    answer = b"failed"
    try:
        store.engine.dispose(close=False)  # the planner's pool is the planner's (it closed its connections)
        with open(control, "rb", buffering=0) as messages, store.rollback_journal(), \
                store.transaction(wait=LOCK_WAIT) as conn:
            bulk = Bulk(conn)
            if conn.execute(sa.select(posts.c.id).limit(1)).first() is not None:
                raise _Declined
            load = FirstPlanLoad(conn, bulk, bulk.instant(now))
            ahead = lanes.likely()
            while True:
                while ahead is not None and not select.select([messages], [], [], 0)[0]:  # nothing to read yet
                    ahead = None if load.read_ahead(ahead, lanes.shared, PRECOMPUTE) else ahead
                header = _read_exactly(messages, _HEADER.size)
                if header is None:
                    raise _Abandoned
                kind, first, second = _HEADER.unpack(header)
                if kind == b"b":
                    load.add_told(pickle.loads(os.pread(data, second, first)), lanes.shared)  # our parent's batch
                elif kind == b"p":
                    load.index()
                elif kind == b"f":
                    if first != load.count:
                        raise _Abandoned
                    load.finish()
                    break
        answer = f"stored {load.count}".encode()

    except _Declined:
        answer = b"declined"
    except BaseException:  # whatever it was, the transaction rolled back: the planner stores the plan itself
        answer = b"failed"
    finally:
        try:
            os.write(report, answer)
        finally:
            os._exit(0)  # no atexit handlers, no buffers flushed twice: they are the planner's


def _read_exactly(source: Any, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = source.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


__all__ = ["FirstLoad"]
