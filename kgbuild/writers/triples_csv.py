"""``triples.csv``: one row per distinct (subject, predicate, object, negated)."""

from __future__ import annotations

import csv
import io
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from kgbuild.netgraph import EDGE, ROW, pieces
from kgbuild.records import KnowledgeGraph
from kgbuild.reuse import PreviousStream, write_pieces
from kgbuild.table import COLUMNS


class Format:
    """CSV, piece by piece (:mod:`kgbuild.reuse`): the rows of :func:`kgbuild.netgraph.pieces`.

    >>> fmt = Format()
    >>> fmt.head()
    'subject,predicate,object,subject_type,object_type,event_class,negated,modality,attributed_to,time,place,confidence,sources,evidence,subject_iri,predicate_iri,object_iri,event_iri,subject_role\\n'
    """

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.DictWriter(self.buffer, fieldnames=list(COLUMNS), lineterminator="\n")

    def _take(self) -> str:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return text

    def takes(self, group: Hashable) -> bool:
        return group in (EDGE, ROW)

    def head(self) -> str:
        self.writer.writeheader()
        return self._take()

    def text(self, content: dict[str, Any]) -> str:
        self.writer.writerow(
            {k: str(v).lower() if isinstance(v, bool) else v for k, v in content.items()}
        )
        return self._take()

    def glue(self, before: Hashable, group: Hashable) -> str:
        return ""

    def tail(self, last: Hashable) -> str:
        return ""


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)
