"""The collector paused around big allocations: what survives goes to the oldest generation without a
young-generation pass over it, and cycles made meanwhile are still collected."""

from __future__ import annotations

import gc
import weakref

from publisher.performance import gc_paused


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_survivors_go_to_the_oldest_generation_and_cycles_are_still_collected() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        kept = [[n] for n in range(50_000)]
        cycle = Node()
    assert gc.isenabled()
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert id(kept) in oldest and id(kept[-1]) in oldest
    assert gc.get_count()[0] < 1_000  # the young generation did not inherit the 50,000 lists
    gone = weakref.ref(cycle)
    del cycle
    gc.collect()
    assert gone() is None


def test_a_paused_collector_stays_paused() -> None:
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
