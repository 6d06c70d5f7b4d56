"""``graph.trig``: the merged default graph, one named graph per article, and provenance.

The default graph is written in braces ``{ … }`` and each named graph as ``<name> { … }``, a
form every TriG parser reads.
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

from kgbuild.rdf.model import Block, pieces
from kgbuild.records import KnowledgeGraph
from kgbuild.reuse import START, PreviousStream, write_pieces
from kgbuild.writers.turtle import Compactor, block_text


class Format:
    """TriG, piece by piece (:mod:`kgbuild.reuse`): pieces come graph by graph (a piece's
    group is its graph), each graph in braces."""

    def __init__(self, c: Compactor | None = None) -> None:
        self.c = c or Compactor()

    def takes(self, group: Hashable) -> bool:
        return True

    def head(self) -> str:
        return self.c.header()

    def text(self, content: list[Block]) -> str:
        c = self.c
        return "".join([block_text(b, c, indent="    ") + "\n" for b in content])

    def glue(self, before: Hashable, group: Hashable) -> str:
        if before == group:
            return ""
        close = "" if before is START else "}\n\n"
        return close + ("{\n" if group is None else f"<{group}> {{\n")

    def tail(self, last: Hashable) -> str:
        return "" if last is START else "}\n"


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)
