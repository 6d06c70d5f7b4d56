"""The output files of a build, grouped by the stream of pieces they are written from.

Files that show the same things share a stream (:mod:`kgbuild.pieces`): the four RDF files
render the pieces of :func:`kgbuild.rdf.dataset.pieces`; ``triples.csv``, GraphML and GEXF those
of :func:`kgbuild.netgraph.pieces`; ``graph.json`` those of
:func:`kgbuild.writers.model_json.pieces`; ``mentions.csv`` those of
:func:`kgbuild.writers.mentions_csv.pieces`. Each stream is made once per build and each of its
pieces is copied from the previous build's files when it did not change. The page
``graph.html`` shows a selection of the whole graph and is written whole.

>>> [s.name for s in STREAMS], list(WHOLE)
(['rdf', 'network', 'records', 'mentions'], ['graph.html'])
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from kgbuild import netgraph
from kgbuild.pieces import Format, Piece, PreviousStream, Written, write_pieces
from kgbuild.rdf import dataset
from kgbuild.records import KnowledgeGraph
from kgbuild.writers import gexf, graphml, html, mentions_csv, model_json, rdf_files, triples_csv


@dataclass(frozen=True)
class Stream:
    """Files written from one stream of pieces, and what makes the format of each for one
    writing (formats written together may share work)."""

    name: str
    pieces: Callable[[KnowledgeGraph], Iterator[Piece]]
    formats: Callable[[], dict[str, Format]]

    @property
    def names(self) -> tuple[str, ...]:
        """The names of the stream's files, in the order they are written."""
        return tuple(self.formats())


def _network_formats() -> dict[str, Format]:
    return {
        "triples.csv": triples_csv.Format(),
        "graph.graphml": graphml.Format(),
        "graph.gexf": gexf.Format(),
    }


RDF = Stream("rdf", dataset.pieces, rdf_files.formats)
NETWORK = Stream("network", netgraph.pieces, _network_formats)
RECORDS = Stream("records", model_json.pieces, lambda: {"graph.json": model_json.Format()})
MENTIONS = Stream("mentions", mentions_csv.pieces, lambda: {"mentions.csv": mentions_csv.Format()})

#: Every stream of a build.
STREAMS: tuple[Stream, ...] = (RDF, NETWORK, RECORDS, MENTIONS)

#: Files written whole, each by its writer.
WHOLE: dict[str, Callable[[KnowledgeGraph, Path], None]] = {"graph.html": html.write}


def write_stream(
    stream: Stream,
    kg: KnowledgeGraph,
    out: Path,
    old: PreviousStream | None = None,
    *,
    keep_fresh: int = 0,
    tee: Mapping[str, Callable[[bytes], None]] | None = None,
) -> Written:
    """Write the files of ``stream`` into ``out``, reusing ``old`` pieces that did not change;
    ``tee``: by file name, a function that receives the file's bytes too."""
    files = {out / name: fmt for name, fmt in stream.formats().items()}
    tees = {out / name: f for name, f in (tee or {}).items() if name in stream.names}
    return write_pieces(stream.pieces(kg), files, old, keep_fresh=keep_fresh, tee=tees)


__all__ = [
    "MENTIONS",
    "NETWORK",
    "RDF",
    "RECORDS",
    "STREAMS",
    "WHOLE",
    "Stream",
    "write_stream",
]
