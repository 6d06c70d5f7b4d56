"""``graph.gexf``: entities and relations for Gephi (GEXF 1.2).

GEXF cannot hold lists: list attributes are ``;``-joined strings. An edge's ``weight`` is the
number of articles that report it (see :func:`kgbuild.netgraph.for_gexf`).
"""

from __future__ import annotations

from pathlib import Path

from kgbuild.fsutil import atomic_write
from kgbuild.netgraph import for_gexf, to_networkx
from kgbuild.records import KnowledgeGraph


def render(kg: KnowledgeGraph) -> str:
    """The GEXF document as a string."""
    import networkx as nx

    g = for_gexf(to_networkx(kg))
    return "\n".join(nx.generate_gexf(g, encoding="utf-8", version="1.2draft")) + "\n"


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    import networkx as nx

    with atomic_write(path, "wb", encoding=None) as fh:
        nx.write_gexf(for_gexf(to_networkx(kg)), fh, encoding="utf-8", version="1.2draft")
