"""``graph.ttl``: the merged default graph in Turtle, streamed subject by subject.

Terms are written in their N-Triples form (valid Turtle); predicates, classes and datatypes are
shortened to the prefixes of :data:`kgbuild.rdf.graph.PREFIXES` when their local name is a
plain name, and data IRIs stay whole.

>>> from kgbuild.rdf.model import Block
>>> print(block_text(Block(None, "https://w3id.org/kgbuild/id/x", (
...     ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://w3id.org/kgbuild/ns#Event"),
...     ("http://www.w3.org/2000/01/rdf-schema#label", Lit("a \\"b\\"")),
... )), Compactor()), end="")
<https://w3id.org/kgbuild/id/x> a kg:Event ;
    rdfs:label "a \\"b\\"" .
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator
from pathlib import Path

from kgbuild.pieces import PreviousStream, write_pieces
from kgbuild.rdf.graph import PREFIXES
from kgbuild.rdf.model import Block, pieces
from kgbuild.rdf.terms import RDF_TYPE, XSD_BOOLEAN, XSD_DECIMAL, XSD_INTEGER, Lit, Obj, nt
from kgbuild.records import KnowledgeGraph

_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
_BARE = {
    XSD_INTEGER: re.compile(r"[+-]?[0-9]+"),
    XSD_DECIMAL: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD_BOOLEAN: re.compile(r"true|false"),
}


class Compactor:
    """Shortens IRIs to prefixed names where Turtle allows it (memoized per instance)."""

    def __init__(self, prefixes: dict[str, str] | None = None) -> None:
        self.prefixes = dict(PREFIXES if prefixes is None else prefixes)
        self._by_length = sorted(self.prefixes.items(), key=lambda kv: -len(kv[1]))
        self._memo: dict[str, str] = {}
        self._lits: dict[Lit, str] = {}
        self._last: tuple[list[Block] | None, str] = (None, "")

    def iri(self, iri: str) -> str:
        """``kg:Event`` for a term of a known vocabulary, else ``<iri>``."""
        hit = self._memo.get(iri)
        if hit is None:
            hit = f"<{iri}>"
            for p, ns in self._by_length:
                if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns) :]):
                    hit = f"{p}:{iri[len(ns) :]}"
                    break
            if len(self._memo) < 100_000:
                self._memo[iri] = hit
        return hit

    def term(self, term: Obj) -> str:
        if isinstance(term, str):
            return f"<{term}>"
        hit = self._lits.get(term)
        if hit is None:
            hit = self._literal(term)
            if len(self._lits) >= 1 << 17:
                self._lits.clear()
            self._lits[term] = hit
        return hit

    def _literal(self, term: Lit) -> str:
        if term.datatype and not term.lang:
            bare = _BARE.get(term.datatype)
            if bare is not None and bare.fullmatch(term.value):
                return term.value
            return nt(Lit(term.value)) + "^^" + self.iri(term.datatype)
        return nt(term)

    def blocks(self, content: list[Block]) -> str:
        """The Turtle text of some blocks, each followed by a blank line; kept for the last
        list of blocks asked, which the formats of a piece are all given in turn."""
        if content is not self._last[0]:
            self._last = (content, "".join([block_text(b, self) + "\n" for b in content]))
        return self._last[1]

    def header(self) -> str:
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes.items()) + "\n"


def block_text(b: Block, c: Compactor, indent: str = "") -> str:
    """One subject with all its predicates and objects, ``;`` and ``,`` grouped."""
    parts: list[str] = []
    last_p = None
    for p, o in b.pairs:
        obj = c.iri(o) if p == RDF_TYPE and isinstance(o, str) else c.term(o)
        if p == last_p:
            parts.append(" , " + obj)
        else:
            pred = "a" if p == RDF_TYPE else c.iri(p)
            parts.append(("" if last_p is None else f" ;\n{indent}    ") + f"{pred} {obj}")
            last_p = p
    return f"{indent}<{b.subject}> " + "".join(parts) + " .\n"


class Format:
    """Turtle, piece by piece (:mod:`kgbuild.pieces`): the default graph only."""

    def __init__(self, c: Compactor | None = None) -> None:
        self.c = c or Compactor()

    def takes(self, group: Hashable) -> bool:
        return group is None

    def head(self) -> str:
        return self.c.header()

    def text(self, content: list[Block]) -> str:
        return self.c.blocks(content)

    def glue(self, before: Hashable, group: Hashable) -> str:
        return ""

    def tail(self, last: Hashable) -> str:
        return ""


def turtle_lines(blocks: Iterable[Block], c: Compactor | None = None) -> Iterator[str]:
    """The Turtle document of some blocks (all in one graph), piece by piece."""
    fmt = Format(c)
    yield fmt.head()
    for b in blocks:
        yield fmt.text([b])


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)
