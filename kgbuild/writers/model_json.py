"""``graph.json``: the whole :class:`~kgbuild.records.KnowledgeGraph` as JSON.

Every record of the build, so that later commands (``kgbuild export``) can rebuild the graph
model without running the pipeline again. :func:`read` is the way back.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

from kgbuild.errors import OutputError
from kgbuild.fsutil import atomic_write
from kgbuild.records import KnowledgeGraph, from_json, to_json

#: Marks the file as this format; ``version`` changes when records change incompatibly.
FORMAT = "kgbuild-graph"
VERSION = 1


def document(kg: KnowledgeGraph) -> dict[str, Any]:
    """The JSON document of a graph."""
    return {"format": FORMAT, "version": VERSION, "graph": to_json(kg)}


def _dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def document_lines(kg: KnowledgeGraph) -> Iterator[str]:
    """The text of :func:`document`, record by record (``json.dumps`` of the whole document,
    without holding it as one string)."""
    head = _dumps({"format": FORMAT, "version": VERSION})
    yield head[:-1] + ',"graph":{'
    for n, f in enumerate(fields(kg)):
        value = getattr(kg, f.name)
        yield ("," if n else "") + _dumps(f.name) + ":["
        for i, x in enumerate(value):
            yield ("," if i else "") + _dumps(to_json(x))
        yield "]"
    yield "}}\n"


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    with atomic_write(path) as fh:
        fh.writelines(document_lines(kg))


def from_document(data: Any, where: str = "graph.json") -> KnowledgeGraph:
    """The graph of a document made by :func:`document`."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise OutputError(f"{where}: not a kgbuild graph file")
    if data.get("version") != VERSION:
        raise OutputError(
            f"{where}: graph file version {data.get('version')} (this kgbuild reads {VERSION}); "
            "rebuild with 'kgbuild build'"
        )
    try:
        return from_json(KnowledgeGraph, data["graph"])
    except (KeyError, TypeError, ValueError) as exc:
        raise OutputError(f"{where}: damaged graph file ({exc})") from None


def read(path: str | Path) -> KnowledgeGraph:
    """The graph stored in ``path`` by :func:`write`."""
    p = Path(path)
    try:
        with open(p, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise OutputError(f"{p}: missing; rebuild with 'kgbuild build'") from None
    except (OSError, ValueError) as exc:
        raise OutputError(f"{p}: cannot be read ({exc})") from None
    return from_document(data, str(p))
