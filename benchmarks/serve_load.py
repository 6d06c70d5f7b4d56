"""A bounded load run of ``kgbuild serve`` on loopback: does it hold a burst and a slow query?

Starts ``kgbuild serve DIR`` on a free loopback port, then:

1. **burst**: ``--clients`` (200) clients at once, each sending ``--per-client`` (5) simple
   queries over its own keep-alive connection;
2. **steady with a heavy query**: ``--steady`` (20) clients sending simple queries in a loop for
   ``--seconds`` (30), while one more client sends a cross product of the store with itself,
   again and again, each stopped at the server's time limit (``--timeout``, 10 s here).

Every simple query must answer 200: anything else, or a connection error, is an error. Prints
the latency of the simple queries (p50, p99, max) in each phase, what the heavy queries got,
and whether the server's standard error holds a traceback. Traffic goes to 127.0.0.1 only and
every loop ends by itself. Nothing here asserts a speed.

    .venv/bin/python benchmarks/serve_load.py --data output/
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SIMPLE = [
    "ASK { ?s ?p ?o }",
    "SELECT ?e WHERE { ?e a kg:Event } LIMIT 5",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?l }",
    "SELECT ?a ?b WHERE { ?a rel:meet ?b } LIMIT 10",
]
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Client:
    """One keep-alive connection to the endpoint."""

    def __init__(self, host: str, port: int, timeout: float = 120) -> None:
        self.host, self.port, self.timeout = host, port, timeout
        self.conn: http.client.HTTPConnection | None = None

    def query(self, text: str) -> tuple[int, float]:
        path = "/sparql?" + urllib.parse.urlencode({"query": text})
        t0 = time.perf_counter()
        for attempt in (1, 2):  # a keep-alive connection the server closed meanwhile: reopen
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(self.host, self.port, self.timeout)
                self.conn.request("GET", path, headers={"Accept": "application/json"})
                resp = self.conn.getresponse()
                resp.read()
                return resp.status, time.perf_counter() - t0
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]


def summary(name: str, latencies: list[float], errors: list[str]) -> dict[str, object]:
    return {
        "phase": name,
        "queries": len(latencies) + len(errors),
        "errors": len(errors),
        "first errors": errors[:5],
        "p50_ms": round(1000 * percentile(latencies, 50), 1),
        "p99_ms": round(1000 * percentile(latencies, 99), 1),
        "max_ms": round(1000 * max(latencies, default=float("nan")), 1),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
    }


class Tally:
    """Latencies of the answered simple queries, and the errors, from many threads."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def ask(self, client: Client, text: str) -> None:
        try:
            status, dt = client.query(text)
        except OSError as exc:
            with self.lock:
                self.errors.append(f"{type(exc).__name__}: {exc}")
            return
        with self.lock:
            if status == 200:
                self.latencies.append(dt)
            else:
                self.errors.append(f"HTTP {status}")


def burst(host: str, port: int, clients: int, per_client: int) -> dict[str, object]:
    tally = Tally()
    start = threading.Barrier(clients)

    def run(i: int) -> None:
        c = Client(host, port)
        start.wait()
        for k in range(per_client):
            tally.ask(c, SIMPLE[(i + k) % len(SIMPLE)])
        c.close()

    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(run, range(clients)))
    name = f"burst: {clients} clients x {per_client} queries"
    return summary(name, tally.latencies, tally.errors)


def steady(host: str, port: int, clients: int, seconds: float) -> tuple[dict[str, object], list]:
    tally = Tally()
    heavy: list[tuple[int, float]] = []
    end = time.monotonic() + seconds

    def run(i: int) -> None:
        c = Client(host, port)
        k = 0
        while time.monotonic() < end:
            tally.ask(c, SIMPLE[(i + k) % len(SIMPLE)])
            k += 1
        c.close()

    def run_heavy() -> None:
        c = Client(host, port)
        while time.monotonic() < end:
            try:
                heavy.append(c.query(HEAVY))
            except OSError as exc:
                heavy.append((-1, 0.0))
                print(f"heavy query: {exc}", file=sys.stderr)
        c.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    threads.append(threading.Thread(target=run_heavy))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    name = f"steady: {clients} clients for {seconds:g} s beside a cross-product query"
    return summary(name, tally.latencies, tally.errors), heavy


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", default="output", help="build folder (default: output/)")
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--per-client", type=int, default=5)
    ap.add_argument("--steady", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--timeout", type=float, default=10, help="the server's time limit")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args(argv)
    if not Path(args.data, "graph.nq").exists():
        ap.error(f"{args.data}: no build here; run 'kgbuild build' first")
    with tempfile.TemporaryFile("w+", encoding="utf-8") as err:
        server = subprocess.Popen(
            [
                *(sys.executable, "-m", "kgbuild", "serve", args.data),
                *("--port", "0", "--quiet", "--timeout", str(args.timeout)),
            ],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
        )
        try:
            line = server.stdout.readline() if server.stdout else ""
            url = urllib.parse.urlsplit(line.split(" at ", 1)[1].split(" ", 1)[0])
            host, port = url.hostname or "127.0.0.1", url.port or 80
            results = [burst(host, port, args.clients, args.per_client)]
            steady_result, heavy = steady(host, port, args.steady, args.seconds)
            results.append(steady_result)
        finally:
            server.terminate()
            server.wait(timeout=60)
        err.seek(0)
        stderr = err.read()
    report = {
        "results": results,
        "heavy": [{"status": s, "seconds": round(dt, 1)} for s, dt in heavy],
        "server_traceback": "Traceback" in stderr,
    }
    for r in results:
        print(
            f"{r['phase']}: {r['queries']} queries, {r['errors']} errors, p50 {r['p50_ms']} ms, "
            f"p99 {r['p99_ms']} ms, max {r['max_ms']} ms"
        )
    print("heavy queries:", ", ".join(f"{s} after {dt:.1f} s" for s, dt in heavy))
    print("server traceback:", report["server_traceback"])
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
