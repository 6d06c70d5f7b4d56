"""What reading inputs through the libraries costs: this tree (B) against another (A, e.g. main),
alternated, each run in a fresh process.

1. ``ingest``: ``read_articles`` over the whole Wikinews corpus (decoding, encoding detection,
   mojibake repair, article parts): seconds per run;
2. ``build``: a cold build (``--no-cache``) of a sample of the corpus, whose stage times tell the
   ingest and the analysis (where person names are split) apart.

The CPU is shared, so each measure runs in the order A B B A A B … and the report gives each
side's median and the ratio of the medians, with every run listed. Nothing here asserts a speed.

    mkdir -p /tmp/kg-main /tmp/kg-this                 # the two trees, fixed while measured
    git archive main | tar -x -C /tmp/kg-main
    git archive HEAD | tar -x -C /tmp/kg-this
    .venv/bin/python benchmarks/inputs_ab.py /tmp/kg-main /tmp/kg-this --pairs 3 --sample 300
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
CORPUS = HERE.parent / "shared" / "corpora" / "wikinews"

INGEST = """
import json, sys, time
from kgbuild.ingest import read_articles
t = time.perf_counter()
n = sum(1 for a in read_articles([sys.argv[1]]))
print(json.dumps({"seconds": time.perf_counter() - t, "items": n}))
"""

BUILD = """
import json, sys
if __name__ == "__main__":
    from kgbuild.pipeline import BuildOptions, build
    s = build(sys.argv[1:-1], sys.argv[-1], BuildOptions(cache=False))
    st = s.stage_seconds
    print(json.dumps({"seconds": s.seconds, "ingest": st.get("ingest", 0.0),
                      "analyze": st.get("analyze", 0.0), "articles": s.articles,
                      "entities": s.entities, "events": s.events}))
"""


def run(tree: Path, script: str, args: list[str]) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as fh:
        fh.write(script)
    try:
        out = subprocess.run(
            [sys.executable, fh.name, *args], env=env, capture_output=True, text=True, check=True
        ).stdout
    finally:
        os.unlink(fh.name)
    return json.loads(out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def alternate(trees: dict[str, Path], script: str, args: list[str], pairs: int) -> dict:
    order = []
    for k in range(pairs):
        order += ["A", "B"] if k % 2 == 0 else ["B", "A"]
    runs: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
    for side in order:
        r = run(trees[side], script, args)
        runs[side].append(r)
        print(side, json.dumps(r), file=sys.stderr, flush=True)
    return runs


def summary(runs: dict, key: str) -> str:
    a = statistics.median(r[key] for r in runs["A"])
    b = statistics.median(r[key] for r in runs["B"])
    return f"{key}: A {a:.2f} s, B {b:.2f} s (median), B/A {b / a:.3f}"


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("other", type=Path, help="the tree to compare with (A)")
    p.add_argument("this", type=Path, nargs="?", default=HERE, help="the tree measured (B)")
    p.add_argument("--pairs", type=int, default=3)
    p.add_argument("--sample", type=int, default=300, help="articles of the build sample")
    p.add_argument("--skip-build", action="store_true")
    args = p.parse_args()
    trees = {"A": args.other.resolve(), "B": args.this.resolve()}
    print(f"corpus {CORPUS}; A = {trees['A']}; B = {trees['B']}")
    ingest = alternate(trees, INGEST, [str(CORPUS)], args.pairs)
    print(summary(ingest, "seconds").replace("seconds", "ingest, whole corpus"))
    if args.skip_build:
        return
    files = sorted(CORPUS.glob("*.txt"))[:: max(1, len(list(CORPUS.glob("*.txt"))) // args.sample)]
    with tempfile.TemporaryDirectory() as tmp:
        builds = alternate(
            trees, BUILD, [*map(str, files[: args.sample]), str(Path(tmp) / "out")], args.pairs
        )
    for key in ("seconds", "ingest", "analyze"):
        print(summary(builds, key).replace(key, f"build of {args.sample}: {key}", 1))
    for side in "AB":
        r = builds[side][0]
        print(f"{side}: {r['articles']} articles, {r['entities']} entities, {r['events']} events")


if __name__ == "__main__":
    main()
