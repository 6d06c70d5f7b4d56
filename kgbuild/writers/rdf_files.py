"""The RDF files of a build written together, in one pass over the model.

Turtle, TriG, N-Quads and JSON-LD all serialize the blocks of :mod:`kgbuild.rdf.model`. Written
one after another, each file would compute every block again; here each block is computed once
and handed to the sink of every format, which renders it (Turtle and JSON-LD take the default
graph only). The files are byte-identical to those of the per-format ``write`` functions.

>>> from kgbuild.records import KnowledgeGraph
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as d:
...     paths = {name: pathlib.Path(d, name) for name in SINKS}
...     write_together(KnowledgeGraph(articles=(), entities=(), events=()), paths)
...     sorted(p.name for p in pathlib.Path(d).iterdir())
['graph.jsonld', 'graph.nq', 'graph.trig', 'graph.ttl']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Protocol

from kgbuild.fsutil import atomic_write
from kgbuild.rdf.model import Block, default_blocks, named_blocks
from kgbuild.records import KnowledgeGraph
from kgbuild.writers import jsonld, nquads, trig, turtle


class BlockSink(Protocol):
    """Renders one format block by block: ``start()``, ``block(b)`` for each block, ``end()``."""

    default_only: bool

    def start(self) -> str: ...

    def block(self, b: Block) -> str: ...

    def end(self) -> str: ...


#: The RDF files of a build and the sink of each format.
SINKS: dict[str, Callable[[], BlockSink]] = {
    "graph.ttl": turtle.Sink,
    "graph.trig": trig.Sink,
    "graph.nq": nquads.Sink,
    "graph.jsonld": jsonld.Sink,
}


def write_together(kg: KnowledgeGraph, paths: Mapping[str, str | Path]) -> None:
    """Write the files named in ``paths`` (keys of :data:`SINKS`) in one pass over the blocks;
    each file is written atomically."""
    with ExitStack() as stack:
        outs = []
        for name, path in paths.items():
            sink = SINKS[name]()
            fh = stack.enter_context(atomic_write(path))
            fh.write(sink.start())
            outs.append((sink, fh))
        every = [(s.block, fh.write) for s, fh in outs]
        for b in default_blocks(kg):
            for render, write in every:
                write(render(b))
        named = [(s.block, fh.write) for s, fh in outs if not s.default_only]
        if named:
            for b in named_blocks(kg):
                for render, write in named:
                    write(render(b))
        for s, fh in outs:
            fh.write(s.end())


__all__ = ["SINKS", "BlockSink", "write_together"]
