"""``kgbuild query``: SPARQL over a build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kgbuild.cli import epilog

EXAMPLES = """\
  kgbuild query 'SELECT ?a ?b WHERE { ?a rel:meet ?b }'
  kgbuild query --list                                   # the shipped analyst queries
  kgbuild query who_met_whom --format csv                 # one of them, by name
  kgbuild query queries/who_met_whom.rq --format csv
  kgbuild query queries/what_did_x_demand.rq --param name=Kremlin
  kgbuild query 'SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Event }' --data graph/
  kgbuild query 'SELECT ?x WHERE { ?x a sem:Actor }' --infer       # RDFS closure
  kgbuild query 'CONSTRUCT { ?a rel:meet ?b } WHERE { ?a rel:meet ?b }' --format turtle
"""

#: Table formats, then graph formats (CONSTRUCT and DESCRIBE).
TABLE_FORMATS = ("table", "csv", "tsv", "json")
GRAPH_FORMATS = ("turtle", "ntriples")


def register(sub: Any) -> None:
    p = sub.add_parser(
        "query",
        help="run a SPARQL query over a build",
        description="Run a SPARQL query (text, a .rq file, or - for standard input) over a built "
        "graph. SELECT and ASK give a table; CONSTRUCT and DESCRIBE a graph (Turtle or "
        "N-Triples). Queries run on the build's embedded Oxigraph store (DIR/store); the "
        "default graph is the merged graph and GRAPH ?g reaches the article graphs. The "
        "prefixes kg:, kgid:, rel:, rdf:, rdfs:, owl:, xsd:, skos:, prov:, sem:, schema:, "
        "time: and dcterms: are predeclared. --param binds a variable to a value (never "
        "pasted into the query); with the store, a bound variable must be in the SELECT clause.",
        **epilog(EXAMPLES),
    )
    p.add_argument(
        "query",
        metavar="QUERY_OR_FILE",
        nargs="?",
        help="SPARQL text, a .rq file, the name of a shipped query (see --list), or - for "
        "standard input",
    )
    p.add_argument(
        "--list", action="store_true", help="list the shipped analyst queries and their parameters"
    )
    p.add_argument(
        "--data",
        default="output",
        metavar="DIR",
        help="build folder or RDF file (default: output/)",
    )
    p.add_argument(
        "--format",
        choices=TABLE_FORMATS + GRAPH_FORMATS,
        default=None,
        help="output format (default: table, or turtle for CONSTRUCT/DESCRIBE)",
    )
    p.add_argument(
        "--param",
        "-p",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to the string VALUE (<...> for an IRI); repeatable",
    )
    p.add_argument(
        "--infer",
        nargs="?",
        const="rdfs",
        choices=("rdfs", "owlrl"),
        default=None,
        help="query the RDFS (default) or OWL-RL closure of the graph and the ontology (owlrl; "
        "slower, in memory): a superclass finds its subclasses' instances",
    )
    p.add_argument(
        "--engine",
        choices=("store", "rdflib"),
        default="store",
        help="store: the embedded Oxigraph store (default); rdflib: rdflib's memory store",
    )
    p.set_defaults(func=run)


def query_text(arg: str) -> str:
    from kgbuild.analyst_queries import bundled_queries
    from kgbuild.errors import QueryError

    if arg == "-":
        return sys.stdin.read()
    p = Path(arg)
    shipped = bundled_queries().get(arg)
    if shipped is not None and not p.exists():
        return shipped.text
    if arg.endswith(".rq") or (len(arg) < 300 and "\n" not in arg and p.is_file()):
        try:
            return p.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{arg}: {exc.strerror}") from None
    return arg


def list_queries() -> str:
    """One block per shipped query: name, title, question and parameters."""
    from kgbuild.analyst_queries import bundled_queries

    blocks = []
    for q in bundled_queries().values():
        lines = [f"{q.name}\n  {q.title}: {q.question}"]
        if q.params and q.params != "none":
            lines.append(f"  params: {q.params}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def run(args: argparse.Namespace) -> int:
    from kgbuild.errors import QueryError
    from kgbuild.query import format_result, parse_params, query_kind, run_graph_query, run_query

    if args.list:
        sys.stdout.write(list_queries())
        return 0
    if args.query is None:
        raise QueryError("a query is needed: SPARQL text, a .rq file, or a name from --list")
    text = query_text(args.query)
    params = parse_params(args.param)
    graph = query_kind(text) in ("CONSTRUCT", "DESCRIBE")
    fmt = args.format or ("turtle" if graph else "table")
    if graph != (fmt in GRAPH_FORMATS):
        kinds = "CONSTRUCT/DESCRIBE" if graph else "SELECT/ASK"
        allowed = GRAPH_FORMATS if graph else TABLE_FORMATS
        raise QueryError(f"--format {fmt}: a {kinds} query is written as {' or '.join(allowed)}")
    if graph:
        out = run_graph_query(
            args.data, text, params=params, engine=args.engine, infer=args.infer, fmt=fmt
        )
        sys.stdout.write(out)
        return 0
    names, rows = run_query(args.data, text, params=params, engine=args.engine, infer=args.infer)
    sys.stdout.write(format_result(names, rows, fmt))
    return 0
