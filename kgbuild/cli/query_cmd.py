"""``kgbuild query``: SPARQL over a build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kgbuild.cli import epilog

EXAMPLES = """\
  kgbuild query 'SELECT ?a ?b WHERE { ?a rel:meet ?b }'
  kgbuild query queries/who_met_whom.rq --format csv
  kgbuild query 'SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Event }' --data graph/
"""

PROLOGUE = """\
PREFIX kg: <https://w3id.org/kgbuild/ns#>
PREFIX kgid: <https://w3id.org/kgbuild/id/>
PREFIX rel: <https://w3id.org/kgbuild/rel/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <https://schema.org/>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "query",
        help="run a SPARQL query over a build",
        description="Run a SPARQL SELECT or ASK query (text or a .rq file) over a built graph. "
        "The prefixes kg:, kgid:, rel:, rdf:, rdfs:, skos:, xsd:, prov:, sem:, schema: and owl: "
        "are predeclared.",
        **epilog(EXAMPLES),
    )
    p.add_argument("query", metavar="QUERY_OR_FILE", help="SPARQL text, a .rq file, or - for standard input")
    p.add_argument("--data", default="output", metavar="DIR", help="build folder (default: output/)")
    p.add_argument("--format", choices=("table", "csv", "tsv", "json"), default="table")
    p.set_defaults(func=run)


def query_text(arg: str) -> str:
    from kgbuild.errors import QueryError

    if arg == "-":
        return sys.stdin.read()
    p = Path(arg)
    if arg.endswith(".rq") or (len(arg) < 300 and "\n" not in arg and p.is_file()):
        try:
            return p.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{arg}: {exc.strerror}") from None
    return arg


def with_prologue(q: str) -> str:
    """Predeclare the usual prefixes unless the query declares them itself."""
    declared = {ln.split()[1] for ln in q.splitlines() if ln.strip().upper().startswith("PREFIX") and len(ln.split()) > 1}
    extra = [ln for ln in PROLOGUE.splitlines() if ln.split()[1] not in declared]
    return "\n".join(extra) + "\n" + q


def run(args: argparse.Namespace) -> int:
    from kgbuild.query import format_result, run_query

    names, rows = run_query(args.data, with_prologue(query_text(args.query)))
    sys.stdout.write(format_result(names, rows, args.format))
    return 0
