"""The three performance tricks of the planner and the store, each with the measurement that keeps it.

Everything else in the planner is plain Python; these three are not, so they live here, behind names
that say what they do, and nowhere else. Each was measured on `bench/plan_store.py --pieces 10000`
(10,000 pieces, 4 networks, ~259,000 posts; docs/benchmarks.md "Plan 10,000 pieces"), and
`bench/performance.py` measures each one on and off again:

- `fast_constructor`: a frozen slotted dataclass built without ``__init__`` (which sets each field
  through ``object.__setattr__``): made as a plain twin class of the same slots, its fields set by
  ordinary attribute stores, then switched to the dataclass (``__class__`` assignment, allowed between
  classes of one layout). A quarter of ``__init__``'s cost per object (PlannedPost: 0.42 µs against
  1.11 µs through the slots' setters, the previous way, and ~2 µs through ``__init__``): a plan makes
  ~258,000 PlannedPosts, ~165,000 LinkCards and ~70,000 Excerpts this way
  (tests/test_fast_constructor.py: the same objects, still frozen).
- `gc_paused`: the cyclic collector paused while a plan (or its rows for the store) is built. A plan
  allocates half a million long-lived objects and no cycles; the collector would walk them again and
  again as they pile up: a third of make_plan's time, a fifth of storing the plan. On the way out the
  survivors go straight to the oldest generation (``gc.freeze`` then ``gc.unfreeze``), so the first
  young pass after a plan does not walk them all at once (make_plan 2.80 -> 2.64 s). tests/test_gcpause.py.
- `Forked`: a helper process made with ``fork`` that runs one function and sends its result back
  pickled. The planner fits 45 % of a big plan's pieces in one (fitting is a third of make_plan and
  each piece's fits depend on that piece alone): 1.6 s of fitting becomes ~0.9 s on two cores.
  Only where it is safe and pays (`can_fork`: POSIX fork, two CPUs, no other thread, since a fork
  copies the calling thread only and a lock held by another would stay locked in the child); when the
  helper fails the caller does the work itself. tests/test_planner_parallel.py: the plan is the one
  made in one process.

One more process builds on `can_fork` outside this module, because it is the store's own: a big first
plan is written by a forked writer while the planner places it (store/first_load.py, told by
social/planner/streaming.py; 10,000 pieces planned and stored in ~9.0 against ~10.4 s). When it cannot
run or fails, `apply_plan` stores the plan as before. tests/test_first_load.py: the same rows either way.
"""

from __future__ import annotations

import dataclasses
import gc
import os
import pickle
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import MemberDescriptorType
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def fast_constructor(cls: type[T], first: Sequence[str] = ()) -> Callable[..., T]:
    """A constructor for a frozen, slotted dataclass taking every field positionally, about twice as fast
    as the class's own (no defaults, no __post_init__: for hot loops that pass every field).
    ``first`` puts those fields first, the others following in their order: a caller can then pass the
    fields that vary before a tuple of those that do not (``make(a, b, *rest)``)."""
    fields = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    if not all(isinstance(cls.__dict__.get(name), MemberDescriptorType) for name in fields):
        raise TypeError(f"{cls.__name__}: expected a slotted dataclass")
    if not set(first) <= set(fields):
        raise TypeError(f"{cls.__name__} has no field {sorted(set(first) - set(fields))[0]!r}")
    names = [*first, *(name for name in fields if name not in first)]
    scope: dict[str, Any] = {"_cls": cls, "_blank": object.__new__, "_twin": _twin(cls)}
    if scope["_twin"] is not None:  # plain slot stores on the twin, then the object becomes a `cls`
        body = "".join(f"    obj.{name} = {name}\n" for name in names)
        exec(f"def make({', '.join(names)}):\n    obj = _blank(_twin)\n{body}    obj.__class__ = _cls\n"
             "    return obj\n", scope)
    else:
        scope.update((f"_set_{name}", cls.__dict__[name].__set__) for name in names)
        body = "".join(f"    _set_{name}(obj, {name})\n" for name in names)
        exec(f"def make({', '.join(names)}):\n    obj = _blank(_cls)\n{body}    return obj\n", scope)
    make: Callable[..., T] = scope["make"]
    make.__doc__ = f"{cls.__name__}({', '.join(names)}), without its __init__."
    return make


def _twin(cls: type) -> type | None:
    """A plain class with ``cls``'s slots in the same order, so the same memory layout: an object made as a
    twin, its slots set with ordinary attribute stores (which the interpreter specialises for slots), then
    given ``cls`` as its class (allowed between classes of one layout) is the object ``cls`` would make,
    in 0.42 against 1.11 µs for a PlannedPost's 16 fields through the slots' ``__set__`` (~0.2 s of a
    10,000-piece plan's 257,691 posts, 165,000 cards and 70,000 excerpts). None when the switch is
    refused (a layout that differs): `fast_constructor` then sets the slots through their descriptors."""
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": cls.__dict__.get("__slots__", ())})
    try:
        probe = object.__new__(twin)
        probe.__class__ = cls
    except TypeError:
        return None
    return twin


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic collection inside; on the way out, survivors go to the oldest generation at once."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def can_fork() -> bool:
    """Is a forked helper safe and worth it here: POSIX fork, two CPUs or more, this thread alone?"""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return hasattr(os, "fork") and cpus >= 2 and threading.active_count() == 1


class Forked(Generic[T]):
    """``work()`` run in a forked process; `result` gives what it returned (pickled through a pipe), or
    None if it failed. `close` stops it if the caller gives up (an exception, Ctrl-C)."""

    def __init__(self, work: Callable[[], T]):
        self._read, write = os.pipe()
        # Ctrl-C goes to every process of the terminal's group: held back across the fork, so that the helper
        # never runs its parent's code (it ignores SIGINT; `close` stops it), and delivered here right after.
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._pid = os.fork()
            if self._pid == 0:  # the helper: never returns
                status = 1
                try:
                    signal.signal(signal.SIGINT, signal.SIG_IGN)
                    signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
                    os.close(self._read)
                    data = pickle.dumps(work(), pickle.HIGHEST_PROTOCOL)
                    with os.fdopen(write, "wb") as out:
                        out.write(data)
                    status = 0
                finally:
                    os._exit(status)  # no atexit handlers, no buffers flushed twice: they are the parent's
        except OSError:
            os.close(self._read)
            os.close(write)
            raise
        finally:  # the parent only: the helper leaves through os._exit
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
        os.close(write)

    def result(self) -> T | None:
        """Wait for the helper: what ``work`` returned, or None if it did not finish."""
        with os.fdopen(self._read, "rb") as source:
            self._read = -1
            data = source.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = 0
        if status != 0 or not data:
            return None
        return pickle.loads(data)  # our own child's output, through our own pipe

    def close(self) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
        if self._pid:
            try:
                os.kill(self._pid, 9)
                os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._pid = 0


__all__ = ["Forked", "can_fork", "fast_constructor", "gc_paused"]
