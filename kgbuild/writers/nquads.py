"""``graph.nq``: the whole dataset (default graph, article graphs, provenance) as N-Quads.

One statement per line, the simplest format to stream into any store (``oxigraph load``,
``riot``, ``kgbuild push``).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from pathlib import Path

from kgbuild.pieces import PreviousStream, write_pieces
from kgbuild.rdf.dataset import pieces
from kgbuild.rdf.model import Block
from kgbuild.rdf.terms import nt
from kgbuild.records import KnowledgeGraph


def block_text(b: Block) -> str:
    """The N-Quads lines of one block."""
    s = f"<{b.subject}> "
    g = " .\n" if b.graph is None else f" <{b.graph}> .\n"
    return "".join([f"{s}<{p}> {nt(o)}{g}" for p, o in b.pairs])


class Format:
    """N-Quads, piece by piece (:mod:`kgbuild.pieces`): every graph, no separators."""

    def takes(self, group: Hashable) -> bool:
        return True

    def head(self) -> str:
        return ""

    def text(self, content: list[Block]) -> str:
        return "".join([block_text(b) for b in content])

    def glue(self, before: Hashable, group: Hashable) -> str:
        return ""

    def tail(self, last: Hashable) -> str:
        return ""


def nquad_lines(bs: Iterable[Block]) -> Iterator[str]:
    """N-Quads text of some blocks, one block at a time."""
    for b in bs:
        yield block_text(b)


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)
