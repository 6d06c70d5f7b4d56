"""``kgbuild stats``: the noise report of a build."""

from __future__ import annotations

import argparse
import json
from typing import Any

from kgbuild.cli import epilog

EXAMPLES = """\
  kgbuild stats                 # output/
  kgbuild stats graph/ --json   # the counts and examples as JSON
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "stats",
        help="the noise report of a build",
        description="Count, among the facts of a build, what a reader would not sign off: "
        "pronoun, quantifier or determiner participants, self-loops, copula facts (X be Y), "
        "facts with no object that are not complete alone, internal ids where labels should "
        "be, and common-noun actors that join several articles; with examples of each.",
        **epilog(EXAMPLES),
    )
    p.add_argument("data", nargs="?", default="output", metavar="DIR", help="build folder")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kgbuild.graph_io import read_build
    from kgbuild.records import to_json
    from kgbuild.stats import noise_report

    report = noise_report(read_build(args.data), args.data)
    if args.json:
        print(json.dumps(to_json(report), indent=1, ensure_ascii=False))
        return 0
    print("\n".join(report.lines()))
    for kind, examples in report.examples.items():
        print(f"  e.g. {kind}: " + " | ".join(examples))
    return 0
