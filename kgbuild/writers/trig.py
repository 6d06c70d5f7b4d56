"""``graph.trig``: the merged default graph, one named graph per article, and provenance.

The default graph is written in braces ``{ … }`` and each named graph as ``<name> { … }``, a
form every TriG parser reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kgbuild.fsutil import atomic_write
from kgbuild.rdf.model import Block, blocks
from kgbuild.records import KnowledgeGraph
from kgbuild.writers.turtle import Compactor, block_text


class Sink:
    """TriG, block by block: blocks come ordered graph by graph, each graph in braces."""

    default_only = False

    def __init__(self, c: Compactor | None = None) -> None:
        self.c = c or Compactor()
        self.current: object = ()

    def start(self) -> str:
        return self.c.header()

    def block(self, b: Block) -> str:
        text = block_text(b, self.c, indent="    ") + "\n"
        if b.graph == self.current:
            return text
        close = "" if self.current == () else "}\n\n"
        self.current = b.graph
        return close + ("{\n" if b.graph is None else f"<{b.graph}> {{\n") + text

    def end(self) -> str:
        return "" if self.current == () else "}\n"


def trig_lines(bs: Iterable[Block], c: Compactor | None = None) -> Iterator[str]:
    """The TriG document of blocks ordered graph by graph, piece by piece."""
    sink = Sink(c)
    yield sink.start()
    for b in bs:
        yield sink.block(b)
    yield sink.end()


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    with atomic_write(path) as fh:
        fh.writelines(trig_lines(blocks(kg)))
