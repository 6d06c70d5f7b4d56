"""``graph.json``: the whole :class:`~kgbuild.records.KnowledgeGraph` as JSON.

Every record of the build, so that later commands (``kgbuild export``) can rebuild the graph
model without running the pipeline again. :func:`read` is the way back.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Iterator
from dataclasses import fields
from functools import partial
from pathlib import Path
from typing import Any

from kgbuild.errors import OutputError
from kgbuild.pieces import START, Piece, PreviousStream, write_pieces
from kgbuild.records import KnowledgeGraph, from_json, to_json

#: Marks the file as this format; ``version`` changes when records change incompatibly.
FORMAT = "kgbuild-graph"
VERSION = 2


def document(kg: KnowledgeGraph) -> dict[str, Any]:
    """The JSON document of a graph."""
    return {"format": FORMAT, "version": VERSION, "graph": to_json(kg)}


#: One encoder for every record (``json.dumps`` with options makes a new one per call).
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


#: The lists of the document, in order: the fields of a graph.
LISTS = tuple(f.name for f in fields(KnowledgeGraph))


def _record(x: Any) -> Any:
    return x


def pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """The graph's records as pieces (:mod:`kgbuild.pieces`), grouped by list; a piece's value
    and content are its record."""
    for a in kg.articles:
        yield Piece("a " + a.id, a, "articles", partial(_record, a))
    for e in kg.entities:
        yield Piece("e " + e.key, e, "entities", partial(_record, e))
    for ev in kg.events:
        yield Piece("v " + ev.id, ev, "events", partial(_record, ev))
    for am in kg.mentions:
        yield Piece("m " + am.doc, am, "mentions", partial(_record, am))
    for s in kg.stories:
        yield Piece("s " + s.id, s, "stories", partial(_record, s))
    for n, w in enumerate(kg.warnings):
        yield Piece(f"w {n}", w, "warnings", partial(_record, w))


class Format:
    """``graph.json``, piece by piece: the document of :func:`document`, one record at a time
    (the same text as ``json.dumps`` of the whole document)."""

    def takes(self, group: Hashable) -> bool:
        return True

    def head(self) -> str:
        return _dumps({"format": FORMAT, "version": VERSION})[:-1] + ',"graph":{'

    def text(self, content: Any) -> str:
        return _dumps(to_json(content))

    def _lists(self, start: int, stop: int) -> str:
        """Empty lists from position ``start`` up to ``stop`` excluded, and ``stop`` opened."""
        parts = []
        for n in range(start, stop + 1):
            opened = ("," if n else "") + _dumps(LISTS[n]) + ":["
            parts.append(opened if n == stop else opened + "]")
        return "".join(parts)

    def glue(self, before: Hashable, group: Hashable) -> str:
        if before == group:
            return ","
        stop = LISTS.index(str(group))
        if before is START:
            return self._lists(0, stop)
        return "]" + self._lists(LISTS.index(str(before)) + 1, stop)

    def tail(self, last: Hashable) -> str:
        if last is START:
            return self._lists(0, len(LISTS) - 1) + "]}}\n"
        n = LISTS.index(str(last))
        rest = self._lists(n + 1, len(LISTS) - 1) + "]" if n + 1 < len(LISTS) else ""
        return "]" + rest + "}}\n"


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)


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
