"""``graph.graphml``: entities and relations for igraph, Cytoscape, Gephi and networkx.

GraphML holds strings, numbers and booleans: list attributes are ``;``-joined strings (see
:func:`kgbuild.netgraph.safe_value`). The document is streamed node by node and edge by edge
from the pieces of the graph model (:func:`kgbuild.netgraph.pieces`), so a large graph is
never held as an XML tree.

>>> from kgbuild.records import KnowledgeGraph
>>> print(render(KnowledgeGraph(articles=(), entities=(), events=())).splitlines()[-2])
  <graph id="kgbuild" edgedefault="directed" />
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from pathlib import Path
from typing import Any

from kgbuild.netgraph import (
    EDGE,
    EDGE_FIELDS,
    NODE,
    NODE_FIELDS,
    edge,
    pieces,
    xml_attribute,
    xml_text,
)
from kgbuild.pieces import START, PreviousStream, render_text, write_pieces
from kgbuild.records import KnowledgeGraph

_HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
    'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
)

#: GraphML types of the attributes that are not strings.
_TYPES = {"mentions": "long", "negated": "boolean", "confidence": "double", "source_count": "long"}

_NODE_KEYS = {name: f"n{i}" for i, name in enumerate(NODE_FIELDS)}
_EDGE_KEYS = {name: f"e{i}" for i, name in enumerate(EDGE_FIELDS)}


def _keys() -> Iterator[str]:
    for kind, keys in (("node", _NODE_KEYS), ("edge", _EDGE_KEYS)):
        for name, key in keys.items():
            kind_type = _TYPES.get(name, "string")
            yield (
                f'  <key id="{key}" for="{kind}" attr.name="{name}" attr.type="{kind_type}" />\n'
            )


def _data(keys: dict[str, str], attrs: dict[str, Any], indent: str) -> str:
    return "".join(
        f'{indent}<data key="{keys[name]}">{xml_text(attrs[name])}</data>\n'
        for name in keys
        if name in attrs
    )


_OPEN = '  <graph id="kgbuild" edgedefault="directed">\n'


def node_text(n: str, attrs: dict[str, Any]) -> str:
    return (
        f"    <node id={xml_attribute(n)}>\n" + _data(_NODE_KEYS, attrs, "      ") + "    </node>\n"
    )


def edge_text(u: str, v: str, k: str, attrs: dict[str, Any]) -> str:
    ids = (xml_attribute(x) for x in (k, u, v))
    return (
        "    <edge id={} source={} target={}>\n".format(*ids)
        + _data(_EDGE_KEYS, attrs, "      ")
        + "    </edge>\n"
    )


class Format:
    """GraphML, piece by piece (:mod:`kgbuild.pieces`) from :func:`kgbuild.netgraph.pieces`:
    nodes, then the edges (rows of the table with an object)."""

    def takes(self, group: Hashable) -> bool:
        return group in (NODE, EDGE)

    def head(self) -> str:
        return _HEADER + "".join(_keys())

    def text(self, content: Any) -> str:
        if isinstance(content, dict):
            return edge_text(*edge(content))
        return node_text(*content)

    def glue(self, before: Hashable, group: Hashable) -> str:
        return _OPEN if before is START else ""

    def tail(self, last: Hashable) -> str:
        if last is START:
            return '  <graph id="kgbuild" edgedefault="directed" />\n</graphml>\n'
        return "  </graph>\n</graphml>\n"


def render(kg: KnowledgeGraph) -> str:
    """The GraphML document as a string."""
    return render_text(pieces(kg), Format())


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)
