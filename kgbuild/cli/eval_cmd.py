"""``kgbuild eval``: scores against the gold standards in ``../shared/eval``."""

from __future__ import annotations

import argparse
import importlib
import sys
from typing import Any

from kgbuild.cli import epilog
from kgbuild.eval import MEASURES

EXAMPLES = """\
  kgbuild eval carb ../shared/eval/carb-dev
  kgbuild eval meantime ../shared/eval/meantime-dev
  kgbuild eval coref ../shared/eval/meantime-dev
  kgbuild eval timex ../shared/eval/meantime-dev
  kgbuild eval ecb ../shared/eval/ecb-dev --build ecb-build/
  kgbuild eval audit output/ --n 50 --seed 7 --format csv > sheet.csv
"""

HELP = {
    "carb": "Open IE tuples against CaRB: precision, recall, F1, AUC",
    "meantime": "event participants (Arg0/Arg1) against MEANTIME: recall, precision",
    "coref": "entity mention clustering against MEANTIME coreference: B-cubed, pairwise",
    "timex": "normalized dates against MEANTIME TIMEX3 values; negation against polarity",
    "ecb": "cross-document event and entity coreference against ECB+: MUC, B3, CEAF-e, CoNLL F1",
    "audit": "draw facts of a build at random, with their sentences, into a sheet to judge",
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "eval",
        help="score extraction against gold standards",
        description="Score kgbuild against the development halves of public gold standards and "
        "print the figures with a sample of misses and false hits.",
        **epilog(EXAMPLES),
    )
    measures = p.add_subparsers(dest="measure", metavar="MEASURE")
    for name in MEASURES:
        example = next(ln for ln in EXAMPLES.splitlines() if f"eval {name} " in ln)
        m = measures.add_parser(
            name, help=HELP[name], description=HELP[name], **epilog(example + "\n")
        )
        m.add_argument(
            "path",
            metavar="DIR",
            help="the build folder" if name == "audit" else "the gold standard folder",
        )
        m.add_argument(
            "--sample", type=int, default=10, metavar="N", help="misses and false hits to show"
        )
        m.add_argument("--model", default=None, metavar="NAME", help="spaCy pipeline")
        m.add_argument("--json", action="store_true", help="print the figures as JSON")
        if name == "audit":
            m.add_argument("--n", type=int, default=50, metavar="N", help="facts to draw")
            m.add_argument("--seed", type=int, default=0, metavar="S", help="random seed")
            m.add_argument("--format", choices=("md", "csv"), default="md", help="sheet format")
        if name == "ecb":
            m.add_argument(
                "--build",
                metavar="OUT",
                help="build the documents into OUT (kept), or score the build OUT already holds",
            )
            m.add_argument(
                "-j", "--jobs", type=int, default=1, metavar="N", help="worker processes"
            )
        m.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json

    from kgbuild.records import to_json
    from kgbuild.runtime.blis import tuned

    if not args.measure:
        print("kgbuild eval: name a measure: " + ", ".join(MEASURES), file=sys.stderr)
        return 2
    mod = importlib.import_module(f"kgbuild.eval.{args.measure}")
    kwargs: dict[str, Any] = {"sample": args.sample}
    if args.model:
        kwargs["model"] = args.model
    if args.measure == "ecb":
        kwargs.update(build=args.build, jobs=args.jobs)
    if args.measure == "audit":
        kwargs.update(n=args.n, seed=args.seed)
    with tuned():  # the command's own process: BLIS kernels fit for the processor
        result = mod.evaluate(args.path, **kwargs)
    if args.json:
        print(json.dumps(to_json(result), indent=1, ensure_ascii=False))
    elif args.measure == "audit" and args.format == "csv":
        print(mod.to_csv(result), end="")
    else:
        print(mod.report(result))
    return 0
