"""``graph.graphml``: entities and relations for igraph, Cytoscape, Gephi and networkx.

GraphML holds strings, numbers and booleans: list attributes are ``;``-joined strings, times ISO
8601 strings (see :func:`kgbuild.netgraph.for_graphml`).
"""

from __future__ import annotations

from pathlib import Path

from kgbuild.fsutil import atomic_write
from kgbuild.netgraph import for_graphml, to_networkx
from kgbuild.records import KnowledgeGraph


def render(kg: KnowledgeGraph) -> str:
    """The GraphML document as a string."""
    import networkx as nx

    g = for_graphml(to_networkx(kg))
    return "\n".join(nx.generate_graphml(g, encoding="utf-8")) + "\n"


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    import networkx as nx

    with atomic_write(path, "wb", encoding=None) as fh:
        nx.write_graphml(for_graphml(to_networkx(kg)), fh, encoding="utf-8")
