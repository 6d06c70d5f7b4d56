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


def trig_lines(bs: Iterable[Block], c: Compactor | None = None) -> Iterator[str]:
    """The TriG document of blocks ordered graph by graph, piece by piece."""
    c = c or Compactor()
    yield c.header()
    current: object = ()
    for b in bs:
        if b.graph != current:
            if current != ():
                yield "}\n\n"
            yield "{\n" if b.graph is None else f"<{b.graph}> {{\n"
            current = b.graph
        yield block_text(b, c, indent="    ") + "\n"
    if current != ():
        yield "}\n"


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    with atomic_write(path) as fh:
        fh.writelines(trig_lines(blocks(kg)))
