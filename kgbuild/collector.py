"""The cyclic garbage collector, paused around work that makes millions of acyclic records.

A build's graph holds millions of small objects. Stages that make many more (reading the
cache, merging, writing the outputs) trigger full collections of the cycle collector, each of
which walks every object of the process: about a second per collection for a graph of 200,000
events, several per stage. Records are frozen dataclasses and tuples, without reference
cycles, so reference counting frees them all the same; only cycles wait, until the collector
runs again after the block.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, then restore it as it was.

    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


__all__ = ["gc_paused"]
