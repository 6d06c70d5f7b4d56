"""CSV files written piece by piece (:mod:`kgbuild.pieces`): the format both ``triples.csv`` and
``mentions.csv`` use.

>>> fmt = CsvFormat(("a", "b"), groups=("rows",))
>>> fmt.head(), fmt.text([{"a": 1, "b": True}]), fmt.takes("rows"), fmt.takes("other")
('a,b\\n', '1,true\\n', True, False)
"""

from __future__ import annotations

import csv
import io
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import Any

from kgbuild.writers.csvsafe import safe_cell


class CsvFormat:
    """A CSV file of fixed columns; a piece's content is one row (a mapping) or a list of rows.
    Booleans are written ``true`` / ``false``; a cell a spreadsheet would read as a formula gets
    a leading ``'`` (:mod:`kgbuild.writers.csvsafe`)."""

    def __init__(self, columns: Sequence[str], groups: Iterable[Hashable]) -> None:
        self.groups = frozenset(groups)
        self.buffer = io.StringIO()
        self.writer = csv.DictWriter(self.buffer, fieldnames=list(columns), lineterminator="\n")

    def _take(self) -> str:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text

    def takes(self, group: Hashable) -> bool:
        return group in self.groups

    def head(self) -> str:
        self.writer.writeheader()
        return self._take()

    def text(self, content: Mapping[str, Any] | list[Mapping[str, Any]]) -> str:
        rows = [content] if isinstance(content, Mapping) else content
        for row in rows:
            self.writer.writerow(  # no cell runs as a formula in a spreadsheet
                {k: safe_cell(str(v).lower() if isinstance(v, bool) else v) for k, v in row.items()}
            )
        return self._take()

    def glue(self, before: Hashable, group: Hashable) -> str:
        return ""

    def tail(self, last: Hashable) -> str:
        return ""


__all__ = ["CsvFormat"]
