"""Query benchmark: the analyst queries of ``queries/`` on a build, embedded Oxigraph store vs
rdflib's memory store. Not a test: a measurement.

For a build folder (``kgbuild build … --out DIR``) it reports the size of the graph, the load
time of each engine (Oxigraph: opening the build's persistent store, and bulk-loading
``graph.nq`` into a fresh in-memory store; rdflib: parsing ``graph.nq`` into a ``Dataset``), and
for every ``queries/*.rq`` the number of answers and the median latency over ``--repeat`` runs
on each engine. Parameters (``?name``, ``?org``, ``?text``) are taken from the graph itself: the
best-connected actor, the best-connected organisation. rdflib queries run in a forked process
that is stopped after ``--rdflib-timeout`` seconds, so one slow query cannot stall the run.

    python benchmarks/queries.py output/                         # the seed build
    kgbuild build $(ls -d ../shared/corpora/wikinews/* | head -1000) --out /tmp/wn1000
    python benchmarks/queries.py /tmp/wn1000 --repeat 5 --json /tmp/q.json

The report is Markdown on standard output.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"


def _median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 1)


def pick_params(store: Any) -> dict[str, str]:
    """Parameters for the parameterized queries, chosen from the graph."""
    from kgbuild.query import store_query

    def top(types: str) -> str | None:
        q = f"""SELECT ?l (COUNT(*) AS ?n) WHERE {{
            ?p rdfs:subPropertyOf kg:relatedTo . {{ ?a ?p ?o }} UNION {{ ?o ?p ?a }}
            ?a a ?t ; rdfs:label ?l . FILTER(?t IN ({types}))
        }} GROUP BY ?l ORDER BY DESC(?n) ?l LIMIT 1"""
        rows = list(store_query(store, q))
        return rows[0]["l"].value if rows else None

    actor = top("kg:Person, kg:Country, kg:Organization, kg:Group") or "a"
    org = top("kg:Organization") or "a"
    return {"name": actor, "org": org, "text": "meet"}


def query_params(text: str, params: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in params.items() if f"?{k}" in text}


def time_store(store: Any, text: str, params: dict[str, str], repeat: int) -> tuple[int, float]:
    from kgbuild.query import store_query

    times, n = [], 0
    for _ in range(repeat):
        t = time.perf_counter()
        n = sum(1 for _row in store_query(store, text, params))
        times.append(time.perf_counter() - t)
    return n, _median_ms(times)


def _rdflib_worker(
    conn: Any, ds: Any, text: str, params: dict[str, str], repeat: int, budget: float
) -> None:
    """Runs the query up to ``repeat`` times (fewer once ``budget`` seconds are spent), sending
    (answers, seconds) after each run."""
    from kgbuild.query import rdflib_query

    spent = 0.0
    for _ in range(repeat):
        t = time.perf_counter()
        n = sum(1 for _row in rdflib_query(ds, text, params))
        took = time.perf_counter() - t
        conn.send((n, took))
        spent += took
        if spent > budget:
            break
    conn.send(None)


def time_rdflib(
    ds: Any, text: str, params: dict[str, str], repeat: int, timeout: float
) -> tuple[int | None, float | None, int]:
    """(answers, median ms, runs) in a forked process stopped after ``timeout`` seconds;
    (None, None, 0) when not even one run finished."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_worker, args=(child, ds, text, params, repeat, timeout / 4))
    proc.start()
    deadline = time.monotonic() + timeout
    n, times = None, []
    while parent.poll(max(0.0, deadline - time.monotonic())):
        msg = parent.recv()
        if msg is None:
            break
        n, took = msg
        times.append(took)
    if proc.is_alive():
        proc.kill()
    proc.join()
    return (n, _median_ms(times), len(times)) if times else (None, None, 0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("build", type=Path, help="build folder (with graph.nq and store/)")
    ap.add_argument("--repeat", type=int, default=5, help="runs per query and engine (default 5)")
    ap.add_argument(
        "--rdflib-timeout",
        type=float,
        default=300.0,
        help="seconds before an rdflib query is stopped",
    )
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    ap.add_argument(
        "--store-only",
        action="store_true",
        help="time the Oxigraph store only (no rdflib load, no fresh bulk load)",
    )
    ap.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="time this query only (file stem; repeatable)",
    )
    args = ap.parse_args(argv)

    import pyoxigraph as ox

    from kgbuild.query import load_dataset
    from kgbuild.store import build_store, is_fresh, open_store

    nq = args.build / "graph.nq"
    if not nq.is_file():
        print(f"{args.build}: no graph.nq; build first", file=sys.stderr)
        return 1
    if not is_fresh(args.build):
        build_store(args.build)

    t = time.perf_counter()
    store = open_store(args.build)
    open_s = time.perf_counter() - t
    quads = len(store)
    ox_load_s = rdflib_load_s = None
    ds = None
    if not args.store_only:
        t = time.perf_counter()
        mem = ox.Store()
        mem.bulk_load(path=str(nq), format=ox.RdfFormat.N_QUADS)
        ox_load_s = round(time.perf_counter() - t, 2)
        del mem
        t = time.perf_counter()
        ds = load_dataset(args.build)
        rdflib_load_s = round(time.perf_counter() - t, 2)
    params = pick_params(store)

    results: list[dict[str, Any]] = []
    for f in sorted(QUERIES.glob("*.rq")):
        if args.only and f.stem not in args.only:
            continue
        text = f.read_text(encoding="utf-8")
        p = query_params(text, params)
        n, store_ms = time_store(store, text, p, args.repeat)
        rn, rdflib_ms, runs = (
            (None, None, 0)
            if ds is None
            else time_rdflib(ds, text, p, args.repeat, args.rdflib_timeout)
        )
        results.append(
            {
                "query": f.stem,
                "params": p,
                "answers": n,
                "store_ms": store_ms,
                "rdflib_answers": rn,
                "rdflib_ms": rdflib_ms,
                "rdflib_runs": runs,
            }
        )
        print(
            f"  {f.stem}: store {store_ms} ms, rdflib {rdflib_ms} ms", file=sys.stderr, flush=True
        )

    from kgbuild.query import store_query

    count = "SELECT (COUNT(?a) AS ?n) WHERE { ?a a kg:Article }"
    articles = int(next(iter(store_query(store, count)))["n"].value)
    done = [r for r in results if r["rdflib_ms"] is not None]
    summary = {
        "build": str(args.build),
        "articles": articles,
        "quads": quads,
        "graph_nq_mb": round(nq.stat().st_size / 1e6, 1),
        "store_open_s": round(open_s, 3),
        "oxigraph_bulk_load_s": ox_load_s,
        "rdflib_load_s": rdflib_load_s,
        "store_only": args.store_only,
        "repeat": args.repeat,
        "params": params,
        "queries": results,
        "median_store_ms": _median_ms([r["store_ms"] / 1000 for r in results]),
        "median_rdflib_ms": _median_ms([r["rdflib_ms"] / 1000 for r in done]) if done else None,
        "median_speedup": round(
            statistics.median(r["rdflib_ms"] / max(r["store_ms"], 0.1) for r in done), 1
        )
        if done
        else None,
        "rdflib_timeouts": 0 if args.store_only else len(results) - len(done),
        "rdflib_timeout_s": args.rdflib_timeout,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "load_average": os.getloadavg(),
    }
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1, ensure_ascii=False), encoding="utf-8")
    print(report(summary))
    return 0


def report(s: dict[str, Any]) -> str:
    head = (
        f"{s['articles']} articles, {s['quads']:,} quads in the store (with the ontology), graph.nq "
        f"{s['graph_nq_mb']} MB; median of {s['repeat']} runs; load average "
        f"{', '.join(f'{x:.1f}' for x in s['load_average'])}; {s['machine']}."
    )
    lines = [f"# Query benchmark: {s['build']}", "", head, ""]
    if s.get("store_only"):
        lines += [
            f"Oxigraph store opened in {s['store_open_s']} s (rdflib not measured: --store-only).",
            "",
            "| query | answers | Oxigraph store (ms) |",
            "|---|---:|---:|",
        ]
        lines += [f"| {r['query']} | {r['answers']:,} | {r['store_ms']:,} |" for r in s["queries"]]
        lines += [
            "",
            f"Median latency over the queries: {s['median_store_ms']} ms. "
            f"Parameters: {s['params']}.",
        ]
        return "\n".join(lines) + "\n"
    lines += [
        f"Load: Oxigraph store opened in {s['store_open_s']} s (bulk load of graph.nq into a "
        f"fresh store: {s['oxigraph_bulk_load_s']} s); rdflib memory Dataset parsed in "
        f"{s['rdflib_load_s']} s.",
        "",
        "| query | answers | Oxigraph store (ms) | rdflib memory (ms) | speed-up |",
        "|---|---:|---:|---:|---:|",
    ]
    for r in s["queries"]:
        if r["rdflib_ms"] is None:
            rd = f"> {s['rdflib_timeout_s']:g} s (stopped)"
        else:
            runs = r.get("rdflib_runs", s["repeat"])
            rd = f"{r['rdflib_ms']:,}" + (
                f" ({runs} run{'s' if runs > 1 else ''})" if runs < s["repeat"] else ""
            )
        speed = (
            ""
            if r["rdflib_ms"] is None or not r["store_ms"]
            else f"{r['rdflib_ms'] / max(r['store_ms'], 0.1):.0f}×"
        )
        lines.append(f"| {r['query']} | {r['answers']:,} | {r['store_ms']:,} | {rd} | {speed} |")
    lines += [
        "",
        f"Median latency over the queries: Oxigraph {s['median_store_ms']} ms; rdflib "
        f"{s['median_rdflib_ms']} ms over the {len(s['queries']) - s['rdflib_timeouts']} queries it "
        f"finished ({s['rdflib_timeouts']} stopped after {s['rdflib_timeout_s']:g} s); median "
        f"speed-up {s['median_speedup']}× on the queries both finished. Parameters: {s['params']}.",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
