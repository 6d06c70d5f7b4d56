"""Name searches on common words: each word through each shipped query with a name parameter.
Not a test: a measurement.

A name parameter is found through the name index of the list its question reads
(``kg:timelineNameKey`` …); a common word ("government", "police") is the costly case, as it
finds the most entities. For each word and query: the answers and the median latency of
``--repeat`` runs on the build's embedded Oxigraph store, against the 100 ms target.

    python benchmarks/name_searches.py /tmp/wnfull --repeat 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from kgbuild.analyst_queries import header_parameters
from kgbuild.query import store_query

#: Common words of actors' names, and function words.
WORDS = (
    "government",
    "police",
    "president",
    "united states",
    "people",
    "john",
    "the",
    "minister",
    "party",
    "obama",
    "china",
    "court",
    "a",
)
#: Target for a query with a name parameter (ms).
NAME_LIMIT_MS = 100.0
QUERIES = Path(__file__).resolve().parent.parent / "kgbuild" / "queries"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build", help="build folder (with store/)")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    store = ox.Store.read_only(str(Path(args.build) / "store"))
    print("| query | name | answers | ms |\n|---|---|---:|---:|")
    worst = 0.0
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        keys = [p.name for p in header_parameters(text) if p.name in {"name", "org"}]
        if not keys:
            continue
        for word in WORDS:
            times, n = [], 0
            for _ in range(args.repeat):
                t = time.perf_counter()
                n = sum(1 for _row in store_query(store, text, {keys[0]: word}))
                times.append(time.perf_counter() - t)
            ms = 1000 * statistics.median(times)
            worst = max(worst, ms)
            mark = " **over**" if ms > NAME_LIMIT_MS else ""
            print(f"| {path.stem} | {word} | {n} | {ms:.1f}{mark} |")
    print(f"\nSlowest: {worst:.1f} ms (target {NAME_LIMIT_MS:.0f} ms).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
