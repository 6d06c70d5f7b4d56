"""``kgbuild validate``: check a build against the SHACL shapes of the ontology."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kgbuild.cli import epilog

EXAMPLES = """\
  kgbuild validate                      # output/
  kgbuild validate graph/ --sample 500  # 500 events spread over a large build
  kgbuild validate output/graph.ttl --limit 0
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "validate",
        help="check a build against the ontology's SHACL shapes",
        description="Check the merged graph of a build (or an RDF file) against "
        "ontology/shapes.ttl with pyshacl: every event has a declared class, an actor, a source "
        "article and evidence; every entity a type and a label; every article a title; every "
        "direct-edge property is declared. Prints a readable report; exit code 0 when the graph "
        "conforms, 1 when it does not.",
        **epilog(EXAMPLES),
    )
    p.add_argument(
        "data",
        nargs="?",
        default="output",
        metavar="DIR",
        help="build folder or RDF file (default: output/)",
    )
    p.add_argument(
        "--sample",
        type=positive_int,
        default=None,
        metavar="N",
        help="check N events spread over the graph, with what they involve (default: all)",
    )
    p.add_argument(
        "--limit",
        type=int,
        default=50,
        metavar="N",
        help="violations listed (default: 50; 0 for all)",
    )
    p.set_defaults(func=run)


def positive_int(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return n


def run(args: argparse.Namespace) -> int:
    from kgbuild.validate import validate

    report = validate(args.data, sample=args.sample)
    limit = args.limit if args.limit > 0 else len(report.violations)
    sys.stdout.write(report.text(limit=limit))
    return 0 if report.conforms else 1
