"""``kgbuild push``: load a build into a SPARQL Graph Store Protocol server."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from kgbuild.cli import epilog

EXAMPLES = """\
  kgbuild push output/ http://localhost:7878/store             # Oxigraph server
  kgbuild push output/ http://localhost:3030/news/data         # Apache Jena Fuseki
  kgbuild push output/ http://localhost:7200/repositories/news/rdf-graphs/service  # GraphDB
  KGBUILD_PUSH_AUTH=admin:secret kgbuild push output/ https://host/ds/data --append
"""

#: Environment variable holding ``user:password`` for HTTP basic authentication.
AUTH_ENV = "KGBUILD_PUSH_AUTH"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "push",
        help="load a build into a SPARQL Graph Store Protocol server",
        description="Send every graph of a build — the merged default graph, one named graph per "
        "article, the provenance graph and the ontology — to a SPARQL 1.1 Graph Store Protocol "
        "endpoint (Fuseki, GraphDB, Virtuoso, QLever, Oxigraph server …). Each graph is "
        "replaced (PUT) unless --append. Credentials for HTTP basic authentication come from "
        f"the {AUTH_ENV} environment variable (user:password), never from the command line.",
        **epilog(EXAMPLES),
    )
    p.add_argument("data", metavar="DIR", help="build folder")
    p.add_argument("url", metavar="URL", help="the server's Graph Store Protocol URL")
    p.add_argument(
        "--append",
        action="store_true",
        help="add to the graphs on the server (POST) instead of replacing them",
    )
    p.add_argument("--no-ontology", action="store_true", help="do not send the ontology graph")
    p.add_argument(
        "--format",
        choices=("ntriples", "turtle"),
        default="ntriples",
        help="request body format (default: ntriples)",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print only the summary")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kgbuild.push import push

    def progress(graph: str | None, n: int) -> None:
        if not args.quiet:
            print(f"  {graph or 'default graph'}: {n} triples", file=sys.stderr)

    s = push(
        args.data,
        args.url,
        replace=not args.append,
        ontology=not args.no_ontology,
        auth=os.environ.get(AUTH_ENV) or None,
        fmt=args.format,
        progress=progress,
    )
    print(f"pushed {len(s.graphs)} graphs ({s.triples} triples, {s.requests} requests) to {s.url}")
    return 0
