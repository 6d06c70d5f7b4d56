"""``graph.jsonld``: the merged graph as JSON-LD with an inline ``@context`` (no remote fetch).

One node object per subject in ``@graph``; keys and class names use the prefixes of the context
(``kg:actor``, ``rdfs:label``), literals keep their datatype or language.

>>> from kgbuild.rdf.model import Block
>>> node(Block(None, "https://w3id.org/kgbuild/id/x", (
...     ("http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "https://w3id.org/kgbuild/ns#Event"),
...     ("https://w3id.org/kgbuild/ns#negated", Lit("false", XSD_BOOLEAN)),
... )))
{'@id': 'kgid:x', '@type': 'kg:Event', 'kg:negated': {'@value': 'false', '@type': 'xsd:boolean'}}
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any

from kgbuild.pieces import START, PreviousStream, write_pieces
from kgbuild.rdf.graph import PREFIXES
from kgbuild.rdf.model import Block, pieces
from kgbuild.rdf.terms import RDF_TYPE, XSD_BOOLEAN, Lit, Obj  # noqa: F401 (doctest)
from kgbuild.records import KnowledgeGraph

_BY_LENGTH = sorted(PREFIXES.items(), key=lambda kv: -len(kv[1]))
#: One encoder for every node (``json.dumps`` with options makes a new one per call).
_ENCODE = json.JSONEncoder(ensure_ascii=False).encode


def context() -> dict[str, str]:
    return dict(PREFIXES)


@lru_cache(maxsize=1 << 16)
def compact(iri: str) -> str:
    """A compact IRI (``kg:Event``) when a context prefix matches, else the IRI itself."""
    for p, ns in _BY_LENGTH:
        if iri.startswith(ns) and len(iri) > len(ns) and not iri[len(ns) :].startswith("/"):
            return f"{p}:{iri[len(ns) :]}"
    return iri


def value(o: Obj) -> Any:
    if isinstance(o, str):
        return {"@id": compact(o)}
    if o.lang:
        return {"@value": o.value, "@language": o.lang}
    if o.datatype:
        return {"@value": o.value, "@type": compact(o.datatype)}
    return o.value


def node(b: Block) -> dict[str, Any]:
    """The JSON-LD node object of one subject block."""
    out: dict[str, Any] = {"@id": compact(b.subject)}
    for p, o in b.pairs:
        if p == RDF_TYPE and isinstance(o, str):
            key, v = "@type", compact(o)
        else:
            key, v = compact(p), value(o)
        if key not in out:
            out[key] = v
        elif isinstance(out[key], list):
            out[key].append(v)
        else:
            out[key] = [out[key], v]
    return out


class Format:
    """JSON-LD, piece by piece (:mod:`kgbuild.pieces`): the default graph only, one node
    object per block."""

    def takes(self, group: Hashable) -> bool:
        return group is None

    def head(self) -> str:
        return '{"@context": ' + json.dumps(context(), indent=1) + ',\n"@graph": [\n'

    def text(self, content: list[Block]) -> str:
        return ",\n".join([_ENCODE(node(b)) for b in content])

    def glue(self, before: Hashable, group: Hashable) -> str:
        return "" if before is START else ",\n"

    def tail(self, last: Hashable) -> str:
        return "\n]}\n"


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)
