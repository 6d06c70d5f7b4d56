"""The whole dataset a build writes: the graphs of :mod:`kgbuild.rdf.model` (the merged default
graph, one graph per article, provenance), then the summary graph (:mod:`kgbuild.rdf.summary`)
derived from the same records.
"""

from __future__ import annotations

from collections.abc import Iterator

from kgbuild.pieces import Piece
from kgbuild.rdf import model, summary
from kgbuild.rdf.model import Block
from kgbuild.records import KnowledgeGraph


def pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """The dataset as pieces of the RDF stream (:mod:`kgbuild.pieces`)."""
    yield from model.pieces(kg)
    yield from summary.summary_pieces(kg)


def named_blocks(kg: KnowledgeGraph) -> Iterator[Block]:
    """Every named graph: the article graphs, provenance, the summary graph."""
    yield from model.named_blocks(kg)
    for piece in summary.summary_pieces(kg):
        yield from piece.make()


def blocks(kg: KnowledgeGraph) -> Iterator[Block]:
    """The whole dataset: the default graph, then the named graphs."""
    yield from model.default_blocks(kg)
    yield from named_blocks(kg)


__all__ = ["blocks", "named_blocks", "pieces"]
