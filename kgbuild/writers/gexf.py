"""``graph.gexf``: entities and relations for Gephi (GEXF 1.2).

GEXF cannot hold lists: list attributes are ``;``-joined strings. An edge's ``id`` is its event
IRI and its ``weight`` the number of articles that report it. The document is streamed node by
node and edge by edge from the graph model (:func:`kgbuild.netgraph.network`).

>>> from kgbuild.records import KnowledgeGraph
>>> "<nodes />" in render(KnowledgeGraph(articles=(), entities=(), events=()))
True
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from kgbuild import __version__
from kgbuild.fsutil import atomic_write
from kgbuild.netgraph import EDGE_FIELDS, NODE_FIELDS, network, safe_value
from kgbuild.records import KnowledgeGraph

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


def _q(value: Any) -> str:
    v = safe_value(value, lists="join")
    if isinstance(v, bool):
        return '"true"' if v else '"false"'
    return quoteattr(str(v))


def _values(ids: dict[str, str], attrs: dict[str, Any]) -> str:
    vals = "".join(
        f'          <attvalue for="{i}" value={_q(attrs[name])} />\n'
        for name, i in ids.items()
        if name in attrs
    )
    return f"        <attvalues>\n{vals}        </attvalues>\n"


def gexf_lines(kg: KnowledgeGraph) -> Iterator[str]:
    """The GEXF document, piece by piece."""
    nodes, edges = network(kg)
    yield _HEADER
    yield _declarations("node", _NODE_ATTRS)
    yield _declarations("edge", _EDGE_ATTRS)
    if nodes:
        yield "    <nodes>\n"
        for n, attrs in nodes:
            yield f"      <node id={_q(n)} label={_q(attrs.get('label', ''))}>\n"
            yield _values(_NODE_ATTRS, attrs) + "      </node>\n"
        yield "    </nodes>\n"
    else:
        yield "    <nodes />\n"
    if edges:
        yield "    <edges>\n"
        for u, v, k, attrs in edges:
            weight = float(attrs.get("source_count", 1))
            yield (
                f"      <edge id={_q(k)} source={_q(u)} target={_q(v)} "
                f'label={_q(attrs.get("label", ""))} weight="{weight}">\n'
            )
            yield _values(_EDGE_ATTRS, attrs) + "      </edge>\n"
        yield "    </edges>\n"
    yield "  </graph>\n</gexf>\n"


def render(kg: KnowledgeGraph) -> str:
    """The GEXF document as a string."""
    return "".join(gexf_lines(kg))


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    with atomic_write(path) as fh:
        fh.writelines(gexf_lines(kg))
