"""Finding the candidates near a token range by token, not by a scan of all of them.

Mention finding and coreference ask, for each candidate, whether some other candidate overlaps
it, contains it or lies inside it. Asked of every candidate against every other, that grows with
the square of the document's length: a text of a million characters holds tens of thousands of
candidates. :class:`RangeIndex` lists each item under the tokens of its range, so one question
costs the length of the range asked about. It only narrows: callers test each item it gives
with their own condition, so the answers are those of the full scan. Positions may be
characters as well as tokens (the time expressions of :mod:`kgbuild.events.timex.find`).

>>> idx = RangeIndex([(0, 2), (5, 9), (7, 7)], bounds=lambda r: r)
>>> sorted(set(idx.near(1, 2))), sorted(set(idx.near(6, 8)))
([(0, 2), (7, 7)], [(5, 9), (7, 7)])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class RangeIndex(Generic[T]):
    """Items by the tokens of their ``[start, end)`` range (see the module docstring)."""

    def __init__(self, items: Iterable[T], bounds: Callable[[T], tuple[int, int]]) -> None:
        self._all: list[T] = []
        self._at: dict[int, list[T]] = {}
        self._empty: list[T] = []  # items of no token: tried one by one
        for item in items:
            self.add(item, bounds)

    def add(self, item: T, bounds: Callable[[T], tuple[int, int]]) -> None:
        start, end = bounds(item)
        self._all.append(item)
        if start >= end:
            self._empty.append(item)
            return
        for i in range(start, end):
            self._at.setdefault(i, []).append(item)

    def near(self, start: int, end: int) -> Iterator[T]:
        """Every item that overlaps ``[start, end)``, contains it or lies inside it (some more
        than once, in no set order), and maybe others; every item for an empty range."""
        if start >= end:
            yield from self._all
            return
        for i in range(start, end):
            yield from self._at.get(i, ())
        yield from self._empty
