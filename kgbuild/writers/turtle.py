"""``graph.ttl``: the merged graph in Turtle."""

from __future__ import annotations

from pathlib import Path

from kgbuild.fsutil import write_text
from kgbuild.rdf.graph import merged_graph
from kgbuild.records import KnowledgeGraph


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    write_text(path, merged_graph(kg).serialize(format="turtle"))
