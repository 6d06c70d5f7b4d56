"""``kgbuild serve``: a read-only SPARQL endpoint over a build."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kgbuild.cli import epilog

EXAMPLES = """\
  kgbuild serve                          # output/ on http://127.0.0.1:7878/
  kgbuild serve graph/ --port 8080
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s rel:meet ?o }' \\
       http://127.0.0.1:7878/sparql
"""


def register(sub: Any) -> None:
    from kgbuild.server import DEFAULT_HOST, DEFAULT_PORT, ServeOptions

    d = ServeOptions()
    p = sub.add_parser(
        "serve",
        help="serve a build as a read-only SPARQL endpoint",
        description="Serve a build over HTTP: the SPARQL 1.1 Protocol at /sparql (GET and POST; "
        "JSON, XML, CSV or TSV results and Turtle or N-Triples graphs, by Accept header or "
        "format=), a query page at / and the graph at /graph.html. Read-only: updates are "
        "refused, and so is SERVICE (the server never sends a request anywhere). Requests "
        "from other web pages (a foreign Origin, cross-site fetches) are refused. Each query "
        "runs in a worker process stopped at the time limit; a query running longer than a "
        "second gives its place to the next one; results are cut at --max-results. Listens "
        "on loopback unless --host says otherwise.",
        **epilog(EXAMPLES),
    )
    p.add_argument(
        "data", nargs="?", default="output", metavar="DIR", help="build folder (default: output/)"
    )
    p.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to listen on (default: {DEFAULT_HOST}, this machine only)",
    )
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port (default: {DEFAULT_PORT}; 0 for any free port)",
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=d.timeout,
        metavar="SECONDS",
        help=f"time limit per query (default: {d.timeout:g})",
    )
    p.add_argument(
        "--max-results",
        type=int,
        default=d.max_results,
        metavar="N",
        help=f"rows or triples per answer (default: {d.max_results})",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=d.workers,
        metavar="N",
        help=f"quick queries run at once (default: {d.workers}); besides them, at most "
        f"--max-slow long ones",
    )
    p.add_argument(
        "--max-slow",
        type=int,
        default=d.max_slow,
        metavar="N",
        help=f"queries running longer than {d.slow_after:g} s that run beside the quick ones "
        f"(default: {d.max_slow}); one more keeps its place",
    )
    p.add_argument(
        "--idle-timeout",
        type=float,
        default=d.header_timeout,
        metavar="SECONDS",
        help="close a connection that sends no request, or sends one too slowly, after this "
        f"long (default: {d.header_timeout:g})",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="do not log requests")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kgbuild.server import ServeOptions, SparqlServer, is_loopback

    opts = ServeOptions(
        timeout=max(0.1, args.timeout),
        max_results=max(1, args.max_results),
        workers=max(1, args.workers),
        max_slow=max(0, args.max_slow),
        header_timeout=max(0.1, args.idle_timeout),
    )

    def ready(server: SparqlServer) -> None:
        print(
            f"serving {args.data} at {server.url} (SPARQL: {server.url}sparql); Ctrl-C to stop",
            flush=True,
        )
        if not is_loopback(args.host):
            print(
                f"warning: listening on {args.host}: other machines can query this graph",
                file=sys.stderr,
            )

    def log(line: str) -> None:
        if not args.quiet:
            print(line, file=sys.stderr, flush=True)

    try:
        SparqlServer(args.data, args.host, args.port, opts, log=log, ready=ready).run()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    return 0
