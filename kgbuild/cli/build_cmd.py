"""``kgbuild build``: articles → graph files in an output folder."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from kgbuild.cli import epilog
from kgbuild.nlp import DEFAULT_MODEL

if TYPE_CHECKING:
    from kgbuild.pipeline import BuildSummary

EXAMPLES = """\
  kgbuild build                          # seeds/ -> output/
  kgbuild build news/ more/a.txt --out graph/
  kgbuild build pile/                    # .txt .md .html .pdf .docx; every other file is
                                         # named in a warning and counted in the summary
  kgbuild build corpus/ -j 2 --model en_core_web_md
  kgbuild build corpus/                  # again after adding articles: only the new ones are
                                         # parsed, the files and store changed where they changed
  kgbuild build corpus/ --no-cache       # parse every article again, rewrite every file
  kgbuild build corpus/ --engine dask -j 4                        # local Dask cluster
  kgbuild build corpus/ --engine dask --scheduler tcp://host:8786 # a running cluster
  KGBUILD_BLIS=stock kgbuild build       # keep BLIS's own matrix kernels (kgbuild gives it
                                         # faster ones where it does not know the processor)
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "build",
        help="build the graph from articles",
        description="Read news articles (files or folders, searched recursively: plain text and "
        "Markdown, saved web pages, PDF and Word .docx documents), extract events and actors, "
        "and write graph.ttl, graph.trig, graph.nq, graph.jsonld, "
        "triples.csv, graph.json, graph.graphml, graph.gexf, graph.html and a SPARQL store "
        "into the output folder. A later build into the same folder parses only new or "
        "changed articles and changes the files and the store only where the graph changed.",
        **epilog(EXAMPLES),
    )
    p.add_argument(
        "paths",
        nargs="*",
        default=["seeds"],
        metavar="PATH",
        help="files or folders (default: seeds/)",
    )
    p.add_argument(
        "--out", "-o", default="output", metavar="DIR", help="output folder (default: output/)"
    )
    p.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        metavar="NAME",
        help=f"spaCy pipeline (default: {DEFAULT_MODEL})",
    )
    p.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="worker processes (default: 1)"
    )
    p.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="where articles are analyzed: this machine, or a Dask cluster (default: local)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler, e.g. tcp://host:8786 (default: a local Dask cluster of -j workers)",
    )
    p.add_argument(
        "--batch-size",
        type=int,
        default=32,
        metavar="N",
        help="articles per parsing batch and per worker chunk (default: 32)",
    )
    p.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        help="neither reuse nor store per-article results and the previous build's state "
        "in OUT/.cache/",
    )
    p.add_argument(
        "--gazetteer", metavar="FILE", help="extra gazetteer: aliases, types, same-as links"
    )
    p.add_argument("--strict", action="store_true", help="treat any warning as an error")
    p.add_argument("--quiet", "-q", action="store_true", help="print only warnings and errors")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kgbuild.fsutil import folder_lock
    from kgbuild.ingest import skipped_summary
    from kgbuild.pipeline import BuildOptions, build

    bar = None

    def progress(n: int, total: int) -> None:
        nonlocal bar
        if args.quiet or total < 20:
            return
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, unit="article", file=sys.stderr, dynamic_ncols=True)
        bar.update(n - bar.n)

    def warn(msg: str) -> None:
        print(f"warning: {msg}", file=sys.stderr)

    opts = BuildOptions(
        model=args.model,
        jobs=args.jobs,
        batch_size=args.batch_size,
        strict=args.strict,
        gazetteer=args.gazetteer,
        engine=args.engine,
        scheduler=args.scheduler,
        cache=args.cache,
    )
    try:
        with folder_lock(args.out):  # fail at once, not after the analysis, if busy or unwritable
            s = build(args.paths, args.out, opts, warn=warn, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    if not args.quiet:
        print(
            f"built {s.articles} articles: {s.entities} entities, {s.events} events, "
            f"{s.triples} triples, {len(s.warnings)} warnings in {s.seconds:.1f} s"
        )
        if s.skipped:
            print(f"  {skipped_summary(s.skipped)}")
        print(f"  {stage_line(s)}")
        if s.noise is not None:
            for line in s.noise.lines():
                print(f"  {line}")
        for f in s.files:
            print(f"  {f}")
        html = s.out / "graph.html"
        print(f"open {html.absolute().as_uri()} in a browser to explore the graph")
    return 0


def stage_line(s: BuildSummary) -> str:
    """One line of stage timings: ``ingest 0.2 s · cache 0.1 s (5 of 5 cached) · …``."""
    st = s.stage_seconds
    parts = []
    for name in (k for k in st if "." not in k):
        text = f"{name} {st[name]:.1f} s"
        if name == "cache":
            text += f" ({s.cached} of {s.articles} cached)"
        if name == "analyze" and s.extracted:
            detail = ", ".join(
                f"{k.split('.', 1)[1]} {st[k]:.1f}"
                for k in ("analyze.parse", "analyze.extract")
                if k in st
            )
            where = f"{s.engine}, {s.workers} worker{'s' if s.workers > 1 else ''}"
            count = f"{s.extracted} article{'s' if s.extracted > 1 else ''}"
            text += f" ({count}, {where}" + (f": {detail}" if detail else "") + ")"
        if name == "write":
            slow = max((k for k in st if k.startswith("write.")), key=st.__getitem__, default=None)
            notes = [f"slowest {slow.split('.', 1)[1]} {st[slow]:.1f}"] if slow else []
            if s.pieces_reused:
                notes.append(
                    f"{s.pieces_rendered:,} pieces written, "
                    f"{s.pieces_reused:,} copied from the previous build"
                )
            if notes:
                text += f" ({'; '.join(notes)})"
        parts.append(text)
    return "stages: " + " · ".join(parts)
