"""``graph.trig``: merged default graph, one named graph per article, provenance."""

from __future__ import annotations

from pathlib import Path

from kgbuild.fsutil import write_text
from kgbuild.rdf.graph import dataset
from kgbuild.records import KnowledgeGraph


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    write_text(path, dataset(kg).serialize(format="trig"))
