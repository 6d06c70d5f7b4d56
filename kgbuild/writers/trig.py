"""``graph.trig``: the merged default graph, one named graph per article, and provenance.

The default graph is written in braces ``{ … }`` and each named graph as ``<name> { … }``, a
form every TriG parser reads.
"""

from __future__ import annotations

import re
from collections.abc import Hashable
from pathlib import Path

from kgbuild.pieces import START, PreviousStream, write_pieces
from kgbuild.rdf.dataset import pieces
from kgbuild.rdf.model import Block
from kgbuild.records import KnowledgeGraph
from kgbuild.writers.turtle import Compactor

_LINE = re.compile(r"^(?=.)", re.MULTILINE)


def indent(text: str) -> str:
    """Turtle text inside a graph's braces: every line that is not empty, four spaces in.

    >>> indent("<s> a <C> ;\\n    <p> 1 .\\n\\n")
    '    <s> a <C> ;\\n        <p> 1 .\\n\\n'
    """
    return _LINE.sub("    ", text)


class Format:
    """TriG, piece by piece (:mod:`kgbuild.pieces`): pieces come graph by graph (a piece's
    group is its graph), each graph in braces."""

    def __init__(self, c: Compactor | None = None) -> None:
        self.c = c or Compactor()

    def takes(self, group: Hashable) -> bool:
        return True

    def head(self) -> str:
        return self.c.header()

    def text(self, content: list[Block]) -> str:
        return indent(self.c.blocks(content))

    def glue(self, before: Hashable, group: Hashable) -> str:
        if before == group:
            return ""
        close = "" if before is START else "}\n\n"
        return close + ("{\n" if group is None else f"<{group}> {{\n")

    def tail(self, last: Hashable) -> str:
        return "" if last is START else "}\n"


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)
