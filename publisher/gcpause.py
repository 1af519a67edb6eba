"""Pausing Python's cyclic garbage collector around work that makes hundreds of thousands of objects.

Planning and storing a plan allocate hundreds of thousands of long-lived objects (posts, rows, their
strings) and no reference cycles. The cyclic collector would walk them all again and again as they
pile up: a third of the planner's time at 200,000 posts, a fifth of storing a plan. Reference counting
frees everything as usual while the collector is paused; it resumes (if it ran before) on the way out.

On the way out, what survived the pause goes straight to the oldest generation (gc.freeze, then
gc.unfreeze, which moves the frozen objects there): otherwise the first young-generation pass after
the pause walks all of them at once (half a million objects after a plan of 10,000 pieces: ~6 % of
make_plan). A cycle among them is still found by the next full collection, like any old object's.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


__all__ = ["gc_paused"]
