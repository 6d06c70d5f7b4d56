"""The graph as a networkx ``MultiDiGraph``: the model behind GraphML, GEXF and the CSV exports.

Nodes are entities, keyed by their IRI (the same IRI as in the RDF files and in the
``subject_iri`` / ``object_iri`` columns of ``triples.csv``), with ``label``, ``type``,
``entity_key``, ``aliases`` … Edges are the rows of ``triples.csv`` that have an object, one edge per row, keyed
by the row's ``event_iri``, with ``predicate``, ``event_class``, ``negated``, ``modality``,
``time``, ``source_count``, ``evidence`` …

In the model, list attributes are Python lists and nothing is ``None`` (a missing value is
``""``). Each file format holds less: :func:`for_graphml` and :func:`for_gexf` return copies
whose attributes that format can hold.

>>> safe_value(["Moscow", "Kremlin"], lists="join")
'Moscow;Kremlin'
>>> safe_value("bell \\x07 rang", lists="join")
'bell  rang'
>>> safe_value(True, lists="join"), safe_value(0.5, lists="join")
(True, 0.5)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from kgbuild.pieces import Piece
from kgbuild.rdf.iri import entity_iri
from kgbuild.records import Entity, KnowledgeGraph
from kgbuild.table import make_row, row_groups, row_keys, rows

if TYPE_CHECKING:
    import networkx as nx

#: Separator of list values in formats that cannot hold lists (GraphML, GEXF, CSV).
LIST_SEPARATOR = ";"

#: Node attributes, in order.
NODE_FIELDS = (
    "label",
    "type",
    "entity_key",
    "iri",
    "aliases",
    "roles",
    "same_as",
    "mentions",
    "sources",
)

#: Edge attributes, in order.
EDGE_FIELDS = (
    "label",
    "predicate",
    "event_class",
    "negated",
    "modality",
    "attributed_to",
    "time",
    "place",
    "confidence",
    "sources",
    "source_count",
    "evidence",
    "predicate_iri",
    "event_iri",
)

# Characters XML 1.0 cannot hold at all (GraphML and GEXF are XML).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Characters that XML text or a quoted XML attribute must escape, and those XML cannot hold:
# a value with none of them is written as it is.
_XML_SPECIAL = re.compile('[&<>"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')

# Attribute names the networkx GEXF writer reads as GEXF structure, not as data.
_GEXF_RESERVED = frozenset({"id", "pid", "start", "end", "viz", "parents", "slices", "spells"})


def split_list(value: str) -> list[str]:
    """A ``;``-joined ``triples.csv`` cell as a list.

    >>> split_list("a;b"), split_list("")
    (['a', 'b'], [])
    """
    return [v for v in value.split(LIST_SEPARATOR) if v]


def node_attributes(entity: Entity) -> dict[str, Any]:
    """The attributes of an entity's node."""
    return {
        "label": entity.label,
        "type": entity.type,
        "entity_key": entity.key,
        "iri": str(entity_iri(entity.key)),
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "same_as": list(entity.same_as),
        "mentions": int(entity.mentions),
        "sources": list(entity.sources),
    }


def edge_attributes(row: dict[str, Any]) -> dict[str, Any]:
    """The attributes of the edge of a ``triples.csv`` row (see :func:`kgbuild.table.rows`)."""
    sources = split_list(str(row["sources"]))
    negated = bool(row["negated"])
    return {
        "label": ("not " if negated else "") + str(row["predicate"]),
        "predicate": str(row["predicate"]),
        "event_class": str(row["event_class"]),
        "negated": negated,
        "modality": str(row["modality"]),
        "attributed_to": split_list(str(row["attributed_to"])),
        "time": str(row["time"]),
        "place": str(row["place"]),
        "confidence": float(row["confidence"]),
        "sources": sources,
        "source_count": len(sources),
        "evidence": str(row["evidence"]),
        "predicate_iri": str(row["predicate_iri"]),
        "event_iri": str(row["event_iri"]),
    }


def edge_rows(kg: KnowledgeGraph) -> list[dict[str, Any]]:
    """The ``triples.csv`` rows that become edges: those with an object."""
    return [r for r in rows(kg) if r["object_iri"]]


def _fallback_node(label: str, type_: str, iri: str) -> dict[str, Any]:
    """Attributes of an edge end that is not among the entities (kept so no edge is lost)."""
    return {
        "label": label,
        "type": type_ or "Thing",
        "entity_key": "",
        "iri": iri,
        "aliases": [],
        "roles": [],
        "same_as": [],
        "mentions": 0,
        "sources": [],
    }


Node = tuple[str, dict[str, Any]]
Edge = tuple[str, str, str, dict[str, Any]]

#: Groups of the pieces of :func:`pieces`.
NODE, EDGE, ROW = "node", "edge", "row"


def _entity_node(e: Entity) -> Node:
    attrs = node_attributes(e)
    return (attrs["iri"], attrs)


def _other_node(key: str, iri: str) -> Node:
    return (iri, _fallback_node(key, "", iri))


def _ref(ents: dict[str, Entity], key: str) -> tuple[str, str] | None:
    e = ents.get(key)
    return (e.label, e.type) if e else None


def pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """The graph model and the triples table as one stream of pieces (:mod:`kgbuild.pieces`).

    First the nodes (group ``node``, content ``(iri, attributes)``): every entity, then every
    edge end that is not an entity; then the rows of ``triples.csv`` in order (content: the
    row), group ``edge`` for a row with an object (an edge of the model), ``row`` for one
    without. A row's value is its events and the labels and types of the entities it names.
    """
    ents = {e.key: e for e in kg.entities}
    groups = row_groups(kg)
    seen: set[str] = set()
    for e in kg.entities:
        iri = str(entity_iri(e.key))
        if iri not in seen:
            seen.add(iri)
            yield Piece("n " + iri, e, NODE, partial(_entity_node, e))
    for (subj, _pred, obj, _neg), evs in groups:
        if not obj or evs[0].object is None:  # no object, or what was said: no edge
            continue
        for k in (subj, obj):
            iri = str(entity_iri(k))
            if iri not in seen:
                seen.add(iri)
                yield Piece("n " + iri, k, NODE, partial(_other_node, k, iri))
    for key, evs in groups:
        refs = tuple([_ref(ents, k) for k in row_keys(evs)])
        yield Piece(
            "x " + "\0".join((key[0], key[1], key[2], "1" if key[3] else "0")),
            (tuple(evs), refs),
            EDGE if evs[0].object is not None else ROW,
            partial(make_row, key, evs, ents),
        )


def network(kg: KnowledgeGraph) -> tuple[list[Node], list[Edge]]:
    """The graph model as plain lists: nodes ``(iri, attributes)`` and edges
    ``(source iri, target iri, event iri, attributes)``, in a stable order.

    Every entity is a node, every ``triples.csv`` row with an object an edge; an edge end that
    is not an entity gets a node of its own, so no edge is lost.
    """
    nodes: list[Node] = []
    edges: list[Edge] = []
    for piece in pieces(kg):
        if piece.group == NODE:
            nodes.append(piece.make())
        elif piece.group == EDGE:
            edges.append(edge(piece.make()))
    return nodes, edges


def edge(row: dict[str, Any]) -> Edge:
    """The edge of a row that has an object."""
    attrs = edge_attributes(row)
    return (str(row["subject_iri"]), str(row["object_iri"]), attrs["event_iri"], attrs)


def to_networkx(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """The graph model (see :func:`network`) as a networkx ``MultiDiGraph``."""
    import networkx as nx

    g = nx.MultiDiGraph(name="kgbuild")
    nodes, edges = network(kg)
    for n, attrs in nodes:
        g.add_node(n, **attrs)
    for u, v, k, attrs in edges:
        g.add_edge(u, v, key=k, **attrs)
    return g


def clean_text(text: str) -> str:
    """Text without the control characters XML cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def safe_value(value: Any, *, lists: str) -> Any:
    """A value a flat file format can hold: strings, numbers and booleans only.

    Dates become ISO strings, lists ``;``-joined strings (``lists="join"``), anything else its
    string; text loses the control characters XML cannot hold.
    """
    if isinstance(value, bool | int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        if lists != "join":
            raise ValueError(f"unknown list policy {lists!r}")
        return LIST_SEPARATOR.join(clean_text(str(v)) for v in value)
    return clean_text("" if value is None else str(value))


def _as_is(value: Any) -> str | None:
    """The text of a value that XML holds as it is (no escaping, nothing to drop); None for
    any other value."""
    kind = type(value)
    if kind is str:
        return None if _XML_SPECIAL.search(value) else value
    if kind is int or kind is float:
        return str(value)
    return None


def xml_text(value: Any) -> str:
    """A value as XML element text: :func:`safe_value`, booleans ``true``/``false``, escaped.

    >>> xml_text(["a", "b<c"]), xml_text(False), xml_text("R&D\x07"), xml_text(2.5)
    ('a;b&lt;c', 'false', 'R&amp;D', '2.5')
    """
    text = _as_is(value)
    if text is not None:
        return text
    v = safe_value(value, lists="join")
    if isinstance(v, bool):
        return "true" if v else "false"
    return escape(str(v))


def xml_attribute(value: Any) -> str:
    """A value as a quoted XML attribute: :func:`safe_value`, booleans ``"true"``/``"false"``,
    quoted as :func:`xml.sax.saxutils.quoteattr` quotes.

    >>> xml_attribute("plain"), xml_attribute(True)
    ('"plain"', '"true"')
    >>> print(xml_attribute('say "hi"'), xml_attribute("a\\tb"))
    'say "hi"' "a&#9;b"
    """
    text = _as_is(value)
    if text is not None:
        return f'"{text}"'
    v = safe_value(value, lists="join")
    if isinstance(v, bool):
        return '"true"' if v else '"false"'
    return quoteattr(str(v))


def _convert(
    g: nx.MultiDiGraph, convert: Callable[[dict[str, Any]], dict[str, Any]]
) -> nx.MultiDiGraph:
    import networkx as nx

    out = nx.MultiDiGraph(**convert(dict(g.graph)))
    for n, data in g.nodes(data=True):
        out.add_node(n, **convert(data))
    for u, v, k, data in g.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **convert(data))
    return out


def _flat(data: dict[str, Any], drop: Iterable[str] = ()) -> dict[str, Any]:
    skip = set(drop)
    return {k: safe_value(v, lists="join") for k, v in data.items() if k not in skip}


def for_graphml(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy GraphML can hold: strings (lists joined, dates ISO), numbers, booleans."""
    return _convert(g, _flat)


def for_gexf(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy GEXF can hold: lists joined with ``;``.

    An edge's GEXF ``id`` is its ``event_iri`` and its ``weight`` the ``source_count``.
    Attribute names that the GEXF writer would read as structure (``start``, ``end`` …) are
    dropped; the model uses none of them.
    """

    def convert(data: dict[str, Any]) -> dict[str, Any]:
        out = _flat(data, drop=_GEXF_RESERVED)
        if "event_iri" in out:
            out["id"] = out["event_iri"]
        if "source_count" in out:
            out["weight"] = float(out["source_count"])
        return out

    return _convert(g, convert)
