"""``kgbuild query``: SPARQL over a build."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any

from kgbuild.cli import epilog

EXAMPLES = """\
  kgbuild query 'SELECT ?a ?b WHERE { ?a rel:meet ?b }'
  kgbuild query --list                                   # the shipped analyst queries
  kgbuild query who_met_whom                              # one of them, by name
  kgbuild query who_met_whom --offset 100                 # its next page of 100 rows
  kgbuild query queries/who_met_whom.rq --format csv --limit 0   # every row (0: no limit)
  kgbuild query what_did_x_demand --param name=Kremlin
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
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help="rows per page (default: the query's own LIMIT; 0: every row)",
    )
    p.add_argument(
        "--offset",
        type=int,
        default=0,
        metavar="N",
        help="skip the first N rows: --offset 100 gives the second page of a 100-row query",
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
    if _BARE_NAME.fullmatch(arg) and not p.exists():
        raise QueryError(unknown_query(arg, list(bundled_queries())))
    if arg.endswith(".rq") or (len(arg) < 300 and "\n" not in arg and p.is_file()):
        try:
            return p.read_text(encoding="utf-8")
        except OSError as exc:
            raise QueryError(f"{arg}: {exc.strerror}") from None
    return arg


#: A word that names a shipped query (no SPARQL text is one word).
_BARE_NAME = re.compile(r"[A-Za-z_][\w-]*")


def unknown_query(name: str, known: list[str]) -> str:
    """The message for a query name that is not shipped, with the likeliest meant.

    >>> unknown_query("who_met_who", ["who_met_whom", "what_x_said"])
    "unknown query 'who_met_who'; did you mean who_met_whom? (kgbuild query --list shows them all)"
    """
    import difflib

    close = difflib.get_close_matches(name.lower(), known, n=2, cutoff=0.6)
    hint = f"did you mean {' or '.join(close)}? " if close else ""
    return f"unknown query '{name}'; {hint}(kgbuild query --list shows them all)"


def list_queries() -> str:
    """One block per shipped query: name, title, question and each parameter."""
    from kgbuild.analyst_queries import bundled_queries
    from kgbuild.query import query_limit

    blocks = []
    for q in bundled_queries().values():
        lines = [f"{q.name}\n  {q.title}: {q.question}"]
        for par in q.parameters:
            need = "required" if par.required else "optional"
            lines.append(f"  --param {par.name}=VALUE ({need}): {par.help}")
        if not q.parameters:
            lines.append("  no parameters")
        if (n := query_limit(q.text)) is not None:
            lines.append(f"  pages of {n} rows (--offset {n} for the second)")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def run(args: argparse.Namespace) -> int:
    from kgbuild.errors import QueryError
    from kgbuild.query import (
        format_result,
        format_table,
        iri_labels,
        paged,
        parse_params,
        query_kind,
        query_limit,
        run_graph_query,
        run_query,
    )

    if args.list:
        sys.stdout.write(list_queries())
        return 0
    if args.query is None:
        raise QueryError("a query is needed: SPARQL text, a .rq file, or a name from --list")
    text = query_text(args.query)
    if args.limit is not None or args.offset:
        limit = query_limit(text) if args.limit is None else (args.limit or None)
        text = paged(text, limit, args.offset)
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
    if fmt != "table":
        sys.stdout.write(format_result(names, rows, fmt))
        return 0
    labels = iri_labels(args.data, rows) if args.engine == "store" and not args.infer else {}
    sys.stdout.write(
        format_table(names, rows, labels=labels, note=page_note(text, len(rows), args.offset))
    )
    return 0


def page_note(text: str, rows: int, offset: int) -> str:
    """What a table's last line says of paging: where this page starts, how to get the next.

    >>> page_note("SELECT * WHERE {} LIMIT 100", 100, 0)
    'a page of 100: --offset 100 for the next, --limit 0 for all'
    >>> page_note("SELECT * WHERE {} LIMIT 100", 7, 100)
    'from row 101'
    """
    from kgbuild.query import query_limit

    start = f"from row {offset + 1}" if offset else ""
    size = query_limit(text)
    if size is None or rows < size:
        return start
    more = f"a page of {size}: --offset {offset + size} for the next, --limit 0 for all"
    return f"{start}; {more}" if start else more
