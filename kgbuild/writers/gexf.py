"""``graph.gexf``: entities and relations for Gephi (GEXF 1.2).

GEXF cannot hold lists: list attributes are ``;``-joined strings. An edge's ``id`` is its event
IRI and its ``weight`` the number of articles that report it. The document is streamed node by
node and edge by edge from the pieces of the graph model (:func:`kgbuild.netgraph.pieces`).

>>> from kgbuild.records import KnowledgeGraph
>>> "<nodes />" in render(KnowledgeGraph(articles=(), entities=(), events=()))
True
"""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path
from typing import Any

from kgbuild.netgraph import EDGE, EDGE_FIELDS, NODE, NODE_FIELDS, edge, pieces, xml_attribute
from kgbuild.pieces import START, PreviousStream, render_text, write_pieces
from kgbuild.records import KnowledgeGraph
from kgbuild.version import __version__

_HEADER = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<gexf xmlns="http://www.gexf.net/1.2draft" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" '
    'version="1.2">\n'
    f"  <meta>\n    <creator>kgbuild {__version__}</creator>\n  </meta>\n"
    '  <graph defaultedgetype="directed" mode="static" name="kgbuild">\n'
)

#: GEXF types of the attributes that are not strings.
_TYPES = {"mentions": "long", "negated": "boolean", "confidence": "double", "source_count": "long"}

#: Node attributes (the label is the node's own ``label``) and edge attributes, with their ids.
_NODE_ATTRS = {name: str(i) for i, name in enumerate(f for f in NODE_FIELDS if f != "label")}
_EDGE_ATTRS = {
    name: str(i + len(_NODE_ATTRS)) for i, name in enumerate(f for f in EDGE_FIELDS if f != "label")
}


def _declarations(kind: str, attrs: dict[str, str]) -> str:
    lines = [f'    <attributes mode="static" class="{kind}">\n']
    for name, i in attrs.items():
        lines.append(
            f'      <attribute id="{i}" title="{name}" type="{_TYPES.get(name, "string")}" />\n'
        )
    return "".join(lines) + "    </attributes>\n"


def _values(ids: dict[str, str], attrs: dict[str, Any]) -> str:
    vals = "".join(
        f'          <attvalue for="{i}" value={xml_attribute(attrs[name])} />\n'
        for name, i in ids.items()
        if name in attrs
    )
    return f"        <attvalues>\n{vals}        </attvalues>\n"


_END = "  </graph>\n</gexf>\n"


def node_text(n: str, attrs: dict[str, Any]) -> str:
    return (
        f"      <node id={xml_attribute(n)} label={xml_attribute(attrs.get('label', ''))}>\n"
        + _values(_NODE_ATTRS, attrs)
        + "      </node>\n"
    )


def edge_text(u: str, v: str, k: str, attrs: dict[str, Any]) -> str:
    weight = float(attrs.get("source_count", 1))
    return (
        f"      <edge id={xml_attribute(k)} source={xml_attribute(u)} target={xml_attribute(v)} "
        f'label={xml_attribute(attrs.get("label", ""))} weight="{weight}">\n'
        + _values(_EDGE_ATTRS, attrs)
        + "      </edge>\n"
    )


class Format:
    """GEXF, piece by piece (:mod:`kgbuild.pieces`) from :func:`kgbuild.netgraph.pieces`:
    the nodes, then the edges (rows of the table with an object)."""

    def takes(self, group: Hashable) -> bool:
        return group in (NODE, EDGE)

    def head(self) -> str:
        return _HEADER + _declarations("node", _NODE_ATTRS) + _declarations("edge", _EDGE_ATTRS)

    def text(self, content: Any) -> str:
        if isinstance(content, dict):
            return edge_text(*edge(content))
        return node_text(*content)

    def glue(self, before: Hashable, group: Hashable) -> str:
        if before == group:
            return ""
        if before is START:
            return "    <nodes>\n" if group == NODE else "    <nodes />\n    <edges>\n"
        return "    </nodes>\n    <edges>\n"

    def tail(self, last: Hashable) -> str:
        if last is START:
            return "    <nodes />\n" + _END
        return ("    </nodes>\n" if last == NODE else "    </edges>\n") + _END


def render(kg: KnowledgeGraph) -> str:
    """The GEXF document as a string."""
    return render_text(pieces(kg), Format())


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)
