"""SPARQL over a build folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from kgbuild.errors import OutputError, QueryError

FORMATS = ("table", "csv", "tsv", "json")


def load_graph(data: str | Path) -> Any:
    """The merged graph of a build folder (or an RDF file), as an rdflib Graph."""
    from rdflib import Graph

    p = Path(data)
    f = p / "graph.ttl" if p.is_dir() else p
    if not f.exists():
        raise OutputError(f"{p}: no build here (graph.ttl missing); run 'kgbuild build' first")
    g = Graph()
    g.parse(f)
    return g


def run_query(data: str | Path, query: str) -> tuple[list[str], list[list[Any]]]:
    """Run a SELECT/ASK query; returns (variable names, rows of python values or None)."""
    g = load_graph(data)
    try:
        res = g.query(query)
    except Exception as exc:  # rdflib raises pyparsing and other errors
        raise QueryError(f"SPARQL error: {str(exc).splitlines()[0]}") from None
    if res.type == "ASK":
        return ["ask"], [[bool(res.askAnswer)]]
    if res.type != "SELECT":
        raise QueryError("only SELECT and ASK queries give a table; use CONSTRUCT through 'kgbuild serve'")
    names = [str(v) for v in res.vars or []]
    rows = [[(None if v is None else v.toPython() if hasattr(v, "toPython") else v) for v in row] for row in res]
    return names, [[str(v) if v is not None else None for v in r] for r in rows]


def format_result(names: list[str], rows: list[list[Any]], fmt: str = "table") -> str:
    if fmt == "json":
        return json.dumps([dict(zip(names, r, strict=True)) for r in rows], ensure_ascii=False, indent=1)
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(names)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])
        return buf.getvalue()
    cells = [[("" if v is None else str(v)).replace("\n", " ") for v in r] for r in rows]
    widths = [min(60, max([len(n)] + [len(c[i]) for c in cells])) for i, n in enumerate(names)]

    def line(vals: list[str]) -> str:
        return "  ".join(v[:w].ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])]
    out += [line(c) for c in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
