"""Neo4j: ``nodes.csv`` / ``edges.csv`` for ``neo4j-admin database import``, and ``import.cypher``.

The CSV headers follow the import tool: ``iri:ID`` and ``:LABEL`` (``Entity;Person``) for
nodes, ``:START_ID``, ``:END_ID`` and ``:TYPE`` for relationships, typed columns
(``mentions:int``, ``negated:boolean``, ``confidence:float``, ``aliases:string[]`` with ``;``
between items). The relationship type is the predicate in upper case (``CALL_FOR``,
``NOT_MEET`` for a negated ``meet``).

``import.cypher`` is the same graph as Cypher statements, each ending with ``;`` at the end of
a line (a string value may hold a line break), for ``cypher-shell`` on a running server: a uniqueness constraint on ``Entity.iri``, one ``CREATE`` per node, one
``MATCH … CREATE`` per relationship. Empty values are left out, as the import tool leaves
out empty CSV fields.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgbuild.fsutil import atomic_write
from kgbuild.netgraph import EDGE_FIELDS, NODE_FIELDS, clean_text, to_networkx
from kgbuild.records import KnowledgeGraph
from kgbuild.writers.csvsafe import safe_row
from kgbuild.writers.gephi_csv import cell

if TYPE_CHECKING:
    import networkx as nx

NODES_FILE = "nodes.csv"
EDGES_FILE = "edges.csv"
CYPHER_FILE = "import.cypher"
FILES = (NODES_FILE, EDGES_FILE, CYPHER_FILE)

#: The label every node has, beside its entity type.
ENTITY_LABEL = "Entity"

#: Import-tool types of the attributes that are not strings.
_TYPES = {
    "aliases": "string[]",
    "roles": "string[]",
    "same_as": "string[]",
    "sources": "string[]",
    "attributed_to": "string[]",
    "mentions": "int",
    "source_count": "int",
    "negated": "boolean",
    "confidence": "float",
}

NODE_PROPERTIES = tuple(f for f in NODE_FIELDS if f != "iri")
EDGE_PROPERTIES = tuple(f for f in EDGE_FIELDS if f != "label")

NODE_HEADER = (
    "iri:ID",
    ":LABEL",
    *(f"{f}:{_TYPES[f]}" if f in _TYPES else f for f in NODE_PROPERTIES),
)
EDGE_HEADER = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    *(f"{f}:{_TYPES[f]}" if f in _TYPES else f for f in EDGE_PROPERTIES),
)


def identifier(text: str) -> str:
    """Upper-case ``[A-Z0-9_]`` name for a label or relationship type.

    >>> identifier("call for"), identifier("not_make-up"), identifier("")
    ('CALL_FOR', 'NOT_MAKE_UP', 'RELATED_TO')
    """
    s = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").upper()
    return s or "RELATED_TO"


def type_label(entity_type: str) -> str:
    """The node label of an entity type ("Person"): letters and digits only.

    >>> type_label("Person"), type_label("sports team"), type_label("")
    ('Person', 'Sportsteam', 'Thing')
    """
    s = re.sub(r"[^A-Za-z0-9]", "", entity_type)
    return (s[0].upper() + s[1:]) if s and s[0].isalpha() else "Thing"


def relationship_type(predicate_iri: str) -> str:
    """The relationship type of a direct-edge property IRI (``…/rel/not_meet`` → ``NOT_MEET``)."""
    return identifier(predicate_iri.rstrip("/").rsplit("/", 1)[-1])


def node_rows(g: nx.MultiDiGraph) -> Iterator[list[Any]]:
    """The rows of ``nodes.csv`` for the graph model (:func:`kgbuild.netgraph.to_networkx`)."""
    for n, data in g.nodes(data=True):
        labels = f"{ENTITY_LABEL};{type_label(data['type'])}"
        yield [n, labels, *(cell(data[f]) for f in NODE_PROPERTIES)]


def edge_rows(g: nx.MultiDiGraph) -> Iterator[list[Any]]:
    """The rows of ``edges.csv`` for the graph model."""
    for u, v, data in g.edges(data=True):
        rel = relationship_type(data["predicate_iri"])
        yield [u, v, rel, *(cell(data[f]) for f in EDGE_PROPERTIES)]


# --------------------------------------------------------------------------- Cypher


def cypher_string(text: str) -> str:
    """A single-quoted Cypher string literal that holds ``text``.

    Only the backslash and the quote are escaped: every Cypher engine reads them alike, while
    escapes such as ``\\n`` differ between engines. Line breaks and tabs stay as they are;
    other control characters are dropped, as in every other export.

    >>> print(cypher_string("it's a \\ here"))
    'it\\'s a \\\\ here'
    """
    return "'" + clean_text(text).replace("\\", "\\\\").replace("'", "\\'") + "'"


def cypher_value(value: Any) -> str:
    """A Cypher literal: string, boolean, number or list of strings.

    >>> cypher_value(True), cypher_value(3), cypher_value(0.25), cypher_value(["a", "b"])
    ('true', '3', '0.25', "['a', 'b']")
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "null"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_string(str(v)) for v in value) + "]"
    return cypher_string(str(value))


def cypher_map(data: dict[str, Any], keys: tuple[str, ...]) -> str:
    """A property map of the non-empty values of ``keys``."""
    items = [f"{k}: {cypher_value(data[k])}" for k in keys if data.get(k) not in ("", [], None)]
    return "{" + ", ".join(items) + "}"


def cypher_statements(g: nx.MultiDiGraph) -> Iterator[str]:
    """The statements of ``import.cypher``, each ending with ``;``."""
    yield (
        f"CREATE CONSTRAINT kgbuild_entity_iri IF NOT EXISTS "
        f"FOR (n:{ENTITY_LABEL}) REQUIRE n.iri IS UNIQUE;"
    )
    for n, data in g.nodes(data=True):
        props = cypher_map({**data, "iri": n}, ("iri", *NODE_PROPERTIES))
        yield f"CREATE (:{ENTITY_LABEL}:{type_label(data['type'])} {props});"
    for u, v, data in g.edges(data=True):
        rel = relationship_type(data["predicate_iri"])
        props = cypher_map(data, EDGE_PROPERTIES)
        yield (
            f"MATCH (a:{ENTITY_LABEL} {{iri: {cypher_string(u)}}}), "
            f"(b:{ENTITY_LABEL} {{iri: {cypher_string(v)}}}) "
            f"CREATE (a)-[:`{rel}` {props}]->(b);"
        )


def render_cypher(g: nx.MultiDiGraph) -> str:
    """The text of ``import.cypher``."""
    head = (
        "// kgbuild graph for Neo4j 5: cypher-shell -u neo4j -p PASSWORD -f import.cypher\n"
        "// Run it on an empty database: it creates every node and relationship again.\n"
    )
    return head + "".join(s + "\n" for s in cypher_statements(g))


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterator[list[Any]]) -> None:
    with atomic_write(path) as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(safe_row(row) for row in rows)  # ids too: no cell runs as a formula


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    """Write ``nodes.csv``, ``edges.csv`` and ``import.cypher`` into the folder ``path``."""
    folder = Path(path)
    g = to_networkx(kg)
    _write_csv(folder / NODES_FILE, NODE_HEADER, node_rows(g))
    _write_csv(folder / EDGES_FILE, EDGE_HEADER, edge_rows(g))
    with atomic_write(folder / CYPHER_FILE) as fh:
        fh.write(render_cypher(g))
