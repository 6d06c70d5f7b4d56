"""The RDF files of a build written together, in one pass over the model.

Turtle, TriG, N-Quads and JSON-LD all serialize the pieces of :mod:`kgbuild.rdf.model`. Written
one after another, each file would compute every block again; here each piece's blocks are
computed once and handed to the format of every file, which renders them (Turtle and JSON-LD
take the default graph only, and TriG indents Turtle's text of it). With the previous build's
state, a piece that did not change is copied from the previous files and not computed at all
(:mod:`kgbuild.pieces`). The files are byte-identical to those of the per-format ``write``
functions.

>>> from kgbuild.records import KnowledgeGraph
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     paths = {name: pathlib.Path(d, name) for name in FORMATS}
...     _ = write_together(KnowledgeGraph(articles=(), entities=(), events=()), paths)
...     sorted(p.name for p in pathlib.Path(d).iterdir())
['graph.jsonld', 'graph.nq', 'graph.trig', 'graph.ttl']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from kgbuild.pieces import Format, PreviousStream, Written, write_pieces
from kgbuild.rdf.dataset import pieces
from kgbuild.records import KnowledgeGraph
from kgbuild.writers import jsonld, nquads, trig, turtle

#: The RDF files of a build and the format of each, written alone.
FORMATS: dict[str, Callable[[], Format]] = {
    "graph.ttl": turtle.Format,
    "graph.trig": trig.Format,
    "graph.nq": nquads.Format,
    "graph.jsonld": jsonld.Format,
}


def formats() -> dict[str, Format]:
    """The formats of :data:`FORMATS` for one writing of them all: Turtle and TriG share one
    :class:`~kgbuild.writers.turtle.Compactor`, whose Turtle text of a piece of the default
    graph TriG indents rather than renders again."""
    c = turtle.Compactor()
    return {
        "graph.ttl": turtle.Format(c),
        "graph.trig": trig.Format(c),
        "graph.nq": nquads.Format(),
        "graph.jsonld": jsonld.Format(),
    }


def write_together(
    kg: KnowledgeGraph,
    paths: Mapping[str, str | Path],
    previous: PreviousStream | None = None,
    *,
    keep_fresh: int = 0,
) -> Written:
    """Write the files named in ``paths`` (keys of :data:`FORMATS`) in one pass over the
    pieces; each file is written atomically. ``previous``: the previous build's pieces and
    files, whose unchanged text is reused; ``keep_fresh``: keep up to that many pieces rendered anew."""
    made = formats()
    files = {Path(path): made[name] for name, path in paths.items()}
    return write_pieces(pieces(kg), files, previous, keep_fresh=keep_fresh)


__all__ = ["FORMATS", "formats", "write_together"]
