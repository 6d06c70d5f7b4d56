"""What the summary graph costs a build. Not a test: a measurement.

The summary (:mod:`kgbuild.rdf.summary`) is written by every build as pieces of the RDF stream
(:mod:`kgbuild.writers.rdf_files`): each piece is derived from the build's records once, its
blocks rendered as N-Quads and as TriG (Turtle and JSON-LD carry the default graph only), and
the N-Quads loaded into the Oxigraph store. This takes the records of a finished build
(``graph.json``) and times each of those steps for the summary's pieces alone, the median of
``--repeat`` runs, one core:

- derive: make every summary piece's blocks;
- render: their N-Quads and TriG text, as the build's writers give it;
- store: bulk-load the N-Quads into a new on-disk store, as the build does.

The sum is what the summary adds to a build's wall time at most (the store loads in a process
of its own, beside the writing).

    python benchmarks/summary.py /tmp/wnfull
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def _load_s(text: bytes) -> float:
    import pyoxigraph as ox

    with tempfile.TemporaryDirectory(prefix="kgbuild-summary-") as d:
        t = time.perf_counter()
        store = ox.Store(d)
        store.bulk_load(text, format=ox.RdfFormat.N_QUADS, lenient=True)
        store.flush()
        s = time.perf_counter() - t
        del store
    return s


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("build", type=Path, help="build folder (with graph.json and graph.nq)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    from kgbuild.graph_io import read_build
    from kgbuild.rdf.summary import SUMMARIES
    from kgbuild.writers import nquads, trig

    t = time.perf_counter()
    kg = read_build(args.build)
    read_s = time.perf_counter() - t
    runs: dict[str, dict[str, list[float]]] = {}
    quads: dict[str, int] = {}
    store_s: list[float] = []
    for _ in range(args.repeat):
        nq_fmt, trig_fmt = nquads.Format(), trig.Format()
        text: list[str] = []
        for make in SUMMARIES:
            times = runs.setdefault(make.__name__, {"derive": [], "render": []})
            t = time.perf_counter()
            blocks: list[Any] = [p.make() for p in make(kg)]
            times["derive"].append(time.perf_counter() - t)
            t = time.perf_counter()
            nq = "".join(nq_fmt.text(b) for b in blocks)
            for b in blocks:
                trig_fmt.text(b)
            times["render"].append(time.perf_counter() - t)
            quads[make.__name__] = nq.count("\n")
            text.append(nq)
        store_s.append(_load_s("".join(text).encode()))
    with open(args.build / "graph.nq", "rb") as fh:
        total = sum(1 for _ in fh)
    added = sum(quads.values())

    def med(xs: list[float]) -> float:
        return statistics.median(xs)

    print(f"# Summary graph: {args.build}\n")
    print(
        f"{len(kg.articles):,} articles, {len(kg.events):,} events, {len(kg.entities):,} "
        f"entities (graph.json read in {read_s:.1f} s); seconds, median of {args.repeat} runs.\n"
    )
    print("| summary | quads | derive (s) | N-Quads + TriG (s) |\n|---|---:|---:|---:|")
    for name, times in runs.items():
        print(
            f"| {name} | {quads[name]:,} | {med(times['derive']):.2f} | "
            f"{med(times['render']):.2f} |"
        )
    derive = sum(med(t["derive"]) for t in runs.values())
    render = sum(med(t["render"]) for t in runs.values())
    print(
        f"| **all** | **{added:,}** ({100 * added / max(total, 1):.1f}% of graph.nq's "
        f"{total:,}) | **{derive:.2f}** | **{render:.2f}** |\n"
    )
    print(
        f"Store: the summary's quads bulk-loaded in {med(store_s):.2f} s. In all "
        f"{derive + render + med(store_s):.1f} s of one core."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
