"""``kgbuild build``: articles → graph files in an output folder."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kgbuild.cli import epilog
from kgbuild.nlp import DEFAULT_MODEL

EXAMPLES = """\
  kgbuild build                          # seeds/ -> output/
  kgbuild build news/ more/a.txt --out graph/
  kgbuild build corpus/ -j 2 --model en_core_web_md
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "build",
        help="build the graph from articles",
        description="Read news articles (.txt files or folders, searched recursively), extract "
        "events and actors, and write graph.ttl, graph.trig, graph.jsonld, triples.csv and "
        "graph.html into the output folder.",
        **epilog(EXAMPLES),
    )
    p.add_argument("paths", nargs="*", default=["seeds"], metavar="PATH", help="files or folders (default: seeds/)")
    p.add_argument("--out", "-o", default="output", metavar="DIR", help="output folder (default: output/)")
    p.add_argument("--model", default=DEFAULT_MODEL, metavar="NAME", help=f"spaCy pipeline (default: {DEFAULT_MODEL})")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (default: 1)")
    p.add_argument("--gazetteer", metavar="FILE", help="extra gazetteer: aliases, types, same-as links")
    p.add_argument("--strict", action="store_true", help="treat any warning as an error")
    p.add_argument("--quiet", "-q", action="store_true", help="print only warnings and errors")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kgbuild.pipeline import BuildOptions, build

    bar = None

    def progress(n: int, total: int) -> None:
        nonlocal bar
        if args.quiet or total < 20:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True)
        bar.update(1)

    def warn(msg: str) -> None:
        print(f"warning: {msg}", file=sys.stderr)

    opts = BuildOptions(model=args.model, jobs=args.jobs, strict=args.strict, gazetteer=args.gazetteer)
    try:
        s = build(args.paths, args.out, opts, warn=warn, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        print(
            f"built {s.articles} articles: {s.entities} entities, {s.events} events, "
            f"{s.triples} triples, {len(s.warnings)} warnings in {s.seconds:.1f} s"
        )
        for f in s.files:
            print(f"  {f}")
        html = s.out / "graph.html"
        print(f"open {html.resolve().as_uri()} in a browser to explore the graph")
    return 0
