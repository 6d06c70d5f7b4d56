"""``kgbuild extract``: triples from text, without building a graph."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from kgbuild.cli import epilog
from kgbuild.nlp import DEFAULT_MODEL

EXAMPLES = """\
  kgbuild extract article.txt                 # JSON Lines, one triple per line
  echo "The minister met his French counterpart in Rome." | kgbuild extract - --format tsv
  kgbuild extract sentences.txt --lines       # every line is its own document (id = line number)
"""


def register(sub: Any) -> None:
    p = sub.add_parser(
        "extract",
        help="print triples as JSON Lines or TSV",
        description="Extract triples from articles or text and print them, one per line. "
        "Fields: doc, sentence, subject, predicate, object (canonical), their surface text and "
        "[start, end) character spans, subject_role, negated, modality, attributed_to, time, "
        "place, confidence. Spans count characters of the file as read (what 'kgbuild text "
        "FILE' prints); with --lines, of the line.",
        **epilog(EXAMPLES),
    )
    p.add_argument(
        "files", nargs="*", default=["-"], metavar="FILE", help="files, or - for standard input"
    )
    p.add_argument(
        "--lines",
        action="store_true",
        help="each input line is a document; its id is the 1-based line number",
    )
    p.add_argument("--format", choices=("jsonl", "tsv"), default="jsonl")
    p.add_argument("--model", default=DEFAULT_MODEL, metavar="NAME")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from kgbuild.engine.extraction import records_for
    from kgbuild.extraction_records import documents_from_inputs
    from kgbuild.runtime.blis import tuned
    from kgbuild.writers.csvsafe import safe_cell

    docs = documents_from_inputs(args.files, lines=args.lines, stdin=sys.stdin)
    with tuned():  # the command's own process: BLIS kernels fit for the processor
        writer = None
        for rec in records_for(docs, model=args.model):
            if args.format == "jsonl":
                sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            else:
                if writer is None:
                    writer = csv.DictWriter(
                        sys.stdout, fieldnames=list(rec), delimiter="\t", lineterminator="\n"
                    )
                    writer.writeheader()
                writer.writerow(  # no cell runs as a formula in a spreadsheet; JSON keeps the raw text
                    {
                        k: safe_cell(json.dumps(v) if isinstance(v, list) else v)
                        for k, v in rec.items()
                    }
                )
    return 0
