"""Plain ``nodes.csv`` / ``edges.csv`` for Gephi's spreadsheet import (and any other tool).

``nodes.csv`` starts with ``Id`` and ``Label``; ``edges.csv`` with ``Source``, ``Target``,
``Type`` (always ``Directed``), ``Id``, ``Label`` and ``Weight`` (the number of articles that
report the relation): the column names Gephi recognizes. Further columns are the attributes of
:mod:`kgbuild.netgraph`; lists are ``;``-joined, line breaks inside a value become spaces, and a
cell a spreadsheet would read as a formula gets a leading ``'`` (:mod:`kgbuild.writers.csvsafe`).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgbuild.fsutil import atomic_write
from kgbuild.netgraph import EDGE_FIELDS, NODE_FIELDS, safe_value, to_networkx
from kgbuild.records import KnowledgeGraph
from kgbuild.writers.csvsafe import safe_cell

if TYPE_CHECKING:
    import networkx as nx

NODES_FILE = "nodes.csv"
EDGES_FILE = "edges.csv"
FILES = (NODES_FILE, EDGES_FILE)

NODE_COLUMNS = ("Id", "Label", *(f for f in NODE_FIELDS if f != "label"))
EDGE_COLUMNS = (
    "Source",
    "Target",
    "Type",
    "Id",
    "Label",
    "Weight",
    *(f for f in EDGE_FIELDS if f != "label"),
)


def cell(value: Any) -> str:
    """A CSV cell: lists joined with ``;``, booleans ``true``/``false``, one line, and a
    leading ``'`` where a spreadsheet would see a formula (:mod:`kgbuild.writers.csvsafe`).

    >>> cell(["a", "b"]), cell(False), cell("two\\nlines"), cell("=1+1"), cell(2.5)
    ('a;b', 'false', 'two lines', "'=1+1", '2.5')
    """
    v = safe_value(value, lists="join")
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        v = " ".join(v.splitlines()) if ("\n" in v or "\r" in v) else v
    return safe_cell(v)


def node_rows(g: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    """The rows of ``nodes.csv`` for the graph model (:func:`kgbuild.netgraph.to_networkx`)."""
    for n, data in g.nodes(data=True):
        row = {"Id": n, "Label": data["label"]}
        row.update({f: data[f] for f in NODE_FIELDS if f != "label"})
        yield {k: cell(v) for k, v in row.items()}


def edge_rows(g: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    """The rows of ``edges.csv`` for the graph model."""
    for u, v, k, data in g.edges(keys=True, data=True):
        row = {
            "Source": u,
            "Target": v,
            "Type": "Directed",
            "Id": k,
            "Label": data["label"],
            "Weight": data["source_count"],
        }
        row.update({f: data[f] for f in EDGE_FIELDS if f != "label"})
        yield {c: cell(x) for c, x in row.items()}


def _write_csv(path: Path, columns: tuple[str, ...], rows: Iterator[dict[str, Any]]) -> None:
    with atomic_write(path) as fh:
        w = csv.DictWriter(fh, fieldnames=list(columns), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    """Write ``nodes.csv`` and ``edges.csv`` into the folder ``path``."""
    folder = Path(path)
    g = to_networkx(kg)
    _write_csv(folder / NODES_FILE, NODE_COLUMNS, node_rows(g))
    _write_csv(folder / EDGES_FILE, EDGE_COLUMNS, edge_rows(g))
