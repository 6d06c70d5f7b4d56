"""``kgbuild text``: the text of an input file as kgbuild reads it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from kgbuild.cli import epilog

EXAMPLES = """\
  kgbuild text article.txt                  # the text every [start, end) of the outputs counts
  kgbuild text page.html                    # a saved web page: the text taken from it
  kgbuild text report.pdf                   # a PDF, a Word .docx, Markdown: the same
  kgbuild text page.html --cleaned          # what the NLP stage reads: title and body only
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "text",
        help="print the text of a file as kgbuild reads it",
        description="Print the text of an input file as kgbuild reads it: decoded (and, for a "
        "web page, a PDF, a Word or a Markdown document, the text taken from it). Every [start, end) that kgbuild writes (extract "
        "records, graph.json, the RDF evidence and mentions, mentions.csv) counts characters "
        "of this text. With --cleaned, print instead the title and body that the NLP stage "
        "reads (metadata lines, page furniture and the dateline removed).",
        **epilog(EXAMPLES),
    )
    p.add_argument("file", metavar="FILE", help="an input file")
    p.add_argument(
        "--cleaned", action="store_true", help="the cleaned title and body the analysis reads"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kgbuild.ingest import article_id, parse_article, read_file

    text, warnings = read_file(args.file)
    for w in warnings:  # a repair of the text (a few control characters made spaces, …)
        print(f"warning: {w}", file=sys.stderr)
    if args.cleaned:
        text = parse_article(text, article_id=article_id(args.file)).cleaned + "\n"
    sys.stdout.write(text)
    return 0
