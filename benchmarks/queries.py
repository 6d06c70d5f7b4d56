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
    python benchmarks/queries.py /tmp/wnfull --store-only --serve --repeat 3

``--serve`` also times each query through ``kgbuild serve`` (an endpoint started on a free
loopback port, one client, the parameters sent as ``param=``): the whole request, HTTP and
JSON included. The report marks each time against the targets: every shipped query within
1 s, those with a name parameter within 100 ms, the median within 300 ms.

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


#: Targets: every query (ms), a query with a name parameter (ms), the median (ms).
LIMIT_MS, NAME_LIMIT_MS, MEDIAN_LIMIT_MS = 1000.0, 100.0, 300.0
#: Parameters that search the name index.
NAME_PARAMS = ("name", "org")


def _median_ms(times: list[float]) -> float:
    return round(statistics.median(times) * 1000, 1)


def limit_ms(params: dict[str, str]) -> float:
    return NAME_LIMIT_MS if any(k in params for k in NAME_PARAMS) else LIMIT_MS


def mark(ms: float | None, limit: float) -> str:
    if ms is None:
        return ""
    return f"{ms:,}" + ("" if ms <= limit else " (over)")


def time_http(url: str, text: str, params: dict[str, str], repeat: int) -> tuple[int, float]:
    """(rows, median ms) of one query sent to an endpoint as a client would."""
    import urllib.parse
    import urllib.request

    body = urllib.parse.urlencode(
        [("query", text)] + [("param", f"{k}={v}") for k, v in params.items()]
    ).encode()
    times, n = [], 0
    for _ in range(repeat):
        req = urllib.request.Request(
            url + "sparql",
            data=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json",
            },
        )
        t = time.perf_counter()
        with urllib.request.urlopen(req, timeout=120) as resp:
            n = len(json.loads(resp.read())["results"]["bindings"])
        times.append(time.perf_counter() - t)
    return n, _median_ms(times)


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
        "--serve",
        action="store_true",
        help="also time each query through kgbuild serve (one client, HTTP and JSON included)",
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
    server = None
    if args.serve:
        from kgbuild.server import ServeOptions, start_in_thread

        server, _thread = start_in_thread(args.build, options=ServeOptions(timeout=120))

    results: list[dict[str, Any]] = []
    for f in sorted(QUERIES.glob("*.rq")):
        if args.only and f.stem not in args.only:
            continue
        text = f.read_text(encoding="utf-8")
        p = query_params(text, params)
        n, store_ms = time_store(store, text, p, args.repeat)
        http_n, http_ms = (
            time_http(server.url, text, p, args.repeat) if server is not None else (None, None)
        )
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
                "http_answers": http_n,
                "http_ms": http_ms,
                "limit_ms": limit_ms(p),
                "rdflib_answers": rn,
                "rdflib_ms": rdflib_ms,
                "rdflib_runs": runs,
            }
        )
        done_by = [f"store {store_ms} ms"]
        done_by += [f"HTTP {http_ms} ms"] if http_ms is not None else []
        done_by += [f"rdflib {rdflib_ms} ms"] if ds is not None else []
        print(f"  {f.stem}: " + ", ".join(done_by), file=sys.stderr, flush=True)
        if http_n is not None and http_n != n:
            print(f"  {f.stem}: {http_n} answers through HTTP, {n} from the store", file=sys.stderr)

    if server is not None:
        server.shutdown()
        server.server_close()
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
        "median_http_ms": _median_ms([r["http_ms"] / 1000 for r in results])
        if server is not None
        else None,
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
        http = s.get("median_http_ms") is not None
        lines += [
            f"Oxigraph store opened in {s['store_open_s']} s (rdflib not measured: --store-only).",
            "",
            "| query | answers | target (ms) | Oxigraph store (ms) |"
            + (" kgbuild serve, HTTP (ms) |" if http else ""),
            "|---|---:|---:|---:|" + ("---:|" if http else ""),
        ]
        lines += [
            f"| {r['query']} | {r['answers']:,} | {r['limit_ms']:,.0f} | "
            f"{mark(r['store_ms'], r['limit_ms'])} |"
            + (f" {mark(r['http_ms'], r['limit_ms'])} |" if http else "")
            for r in s["queries"]
        ]
        lines += [
            "",
            f"Median latency over the queries: {mark(s['median_store_ms'], MEDIAN_LIMIT_MS)} ms"
            + (f"; through HTTP {mark(s['median_http_ms'], MEDIAN_LIMIT_MS)} ms" if http else "")
            + f" (target {MEDIAN_LIMIT_MS:.0f} ms). Parameters: {s['params']}.",
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
