"""``graph.jsonld``: the merged graph as JSON-LD with an inline ``@context`` (no remote fetch)."""

from __future__ import annotations

from pathlib import Path

from kgbuild.fsutil import write_text
from kgbuild.rdf.graph import PREFIXES, merged_graph
from kgbuild.records import KnowledgeGraph


def context() -> dict[str, str]:
    return {p: str(ns) for p, ns in PREFIXES.items()}


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    g = merged_graph(kg)
    write_text(path, g.serialize(format="json-ld", context=context(), indent=1))
