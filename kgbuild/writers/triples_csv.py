"""``triples.csv``: one row per distinct (subject, predicate, object, negated)."""

from __future__ import annotations

from pathlib import Path

from kgbuild.netgraph import EDGE, ROW, pieces
from kgbuild.pieces import PreviousStream, write_pieces
from kgbuild.records import KnowledgeGraph
from kgbuild.table import COLUMNS
from kgbuild.writers.csv_stream import CsvFormat


class Format(CsvFormat):
    """CSV, piece by piece (:mod:`kgbuild.pieces`): the rows of :func:`kgbuild.netgraph.pieces`.

    >>> fmt = Format()
    >>> fmt.head()
    'subject,predicate,object,subject_type,object_type,event_class,negated,modality,attributed_to,time,place,confidence,sources,evidence,subject_iri,predicate_iri,object_iri,event_iri,subject_role\\n'
    """

    def __init__(self) -> None:
        super().__init__(COLUMNS, groups=(EDGE, ROW))


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)
