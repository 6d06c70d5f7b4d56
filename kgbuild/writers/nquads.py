"""``graph.nq``: the whole dataset (default graph, article graphs, provenance) as N-Quads.

One statement per line, the simplest format to stream into any store (``oxigraph load``,
``riot``, ``kgbuild push``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kgbuild.fsutil import atomic_write
from kgbuild.rdf.model import Block, blocks
from kgbuild.rdf.terms import nt
from kgbuild.records import KnowledgeGraph


class Sink:
    """N-Quads, block by block: every graph (default-graph statements have no graph name)."""

    default_only = False

    def start(self) -> str:
        return ""

    def block(self, b: Block) -> str:
        s = f"<{b.subject}> "
        g = " .\n" if b.graph is None else f" <{b.graph}> .\n"
        return "".join([f"{s}<{p}> {nt(o)}{g}" for p, o in b.pairs])

    def end(self) -> str:
        return ""


def nquad_lines(bs: Iterable[Block]) -> Iterator[str]:
    """N-Quads text of some blocks, one block at a time."""
    sink = Sink()
    for b in bs:
        yield sink.block(b)


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    with atomic_write(path) as fh:
        fh.writelines(nquad_lines(blocks(kg)))
