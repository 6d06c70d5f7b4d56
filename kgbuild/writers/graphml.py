"""``graph.graphml``: entities and relations for igraph, Cytoscape, Gephi and networkx.

GraphML holds strings, numbers and booleans: list attributes are ``;``-joined strings (see
:func:`kgbuild.netgraph.safe_value`). The document is streamed node by node and edge by edge
from the graph model (:func:`kgbuild.netgraph.network`), so a large graph is never held as an
XML tree.

>>> from kgbuild.records import KnowledgeGraph
>>> print(render(KnowledgeGraph(articles=(), entities=(), events=())).splitlines()[-2])
  <graph id="kgbuild" edgedefault="directed" />
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from kgbuild.fsutil import atomic_write
from kgbuild.netgraph import EDGE_FIELDS, NODE_FIELDS, network, safe_value
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


def _text(value: Any) -> str:
    v = safe_value(value, lists="join")
    if isinstance(v, bool):
        return "true" if v else "false"
    return escape(str(v))


def _data(keys: dict[str, str], attrs: dict[str, Any], indent: str) -> str:
    return "".join(
        f'{indent}<data key="{keys[name]}">{_text(attrs[name])}</data>\n'
        for name in keys
        if name in attrs
    )


def graphml_lines(kg: KnowledgeGraph) -> Iterator[str]:
    """The GraphML document, piece by piece."""
    nodes, edges = network(kg)
    yield _HEADER
    yield from _keys()
    if not nodes and not edges:
        yield '  <graph id="kgbuild" edgedefault="directed" />\n</graphml>\n'
        return
    yield '  <graph id="kgbuild" edgedefault="directed">\n'
    for n, attrs in nodes:
        yield f"    <node id={quoteattr(safe_value(n, lists='join'))}>\n"
        yield _data(_NODE_KEYS, attrs, "      ") + "    </node>\n"
    for u, v, k, attrs in edges:
        ids = (quoteattr(safe_value(x, lists="join")) for x in (k, u, v))
        yield "    <edge id={} source={} target={}>\n".format(*ids)
        yield _data(_EDGE_KEYS, attrs, "      ") + "    </edge>\n"
    yield "  </graph>\n</graphml>\n"


def render(kg: KnowledgeGraph) -> str:
    """The GraphML document as a string."""
    return "".join(graphml_lines(kg))


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    with atomic_write(path) as fh:
        fh.writelines(graphml_lines(kg))
