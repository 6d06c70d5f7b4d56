"""The cyclic garbage collector, paused around work that makes millions of acyclic records.

A build's graph holds millions of small objects. Stages that make many more (reading the
cache, merging, writing the outputs) trigger full collections of the cycle collector, each of
which walks every object of the process: about a second per collection for a graph of 200,000
events, several per stage. Records are frozen dataclasses and tuples, without reference
cycles, so reference counting frees them all the same; only cycles wait, until the collector
runs again after the block.

Objects made during a pause all sit in the youngest generation. Were the collector simply
enabled again, the next collections would walk them all, once per generation, as they age. So a
pause ends by moving them straight to the oldest generation (``gc.freeze()`` then
``gc.unfreeze()``), which only full collections walk, as they walk any long-lived object.

Set the environment variable ``KGBUILD_GC=off`` to leave the collector running.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from kgbuild.runtime import turned_off

#: The environment variable that leaves the collector running (``off``).
ENVIRONMENT = "KGBUILD_GC"


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block, then restore it as it was.

    >>> with gc_paused():
    ...     gc.isenabled()
    False
    """
    if turned_off(ENVIRONMENT):
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            _age()
            gc.enable()


def _age() -> None:
    """Move every tracked object to the oldest generation and reset the young counts; left
    alone when the program froze objects itself (unfreezing them would undo that)."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


__all__ = ["ENVIRONMENT", "gc_paused"]
