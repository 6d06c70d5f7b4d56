"""Build benchmarks on the Wikinews corpus (``make bench``): not tests, measurements.

Every figure comes from a fresh Python process, so one measurement's memory and warm caches
never leak into the next. Measured, in this order, on the first ``--limit`` articles (default:
the whole corpus, read in place):

1. bare spaCy: ``nlp.pipe`` over the article texts with the build's model (loading included);
   where kgbuild gives BLIS other kernels than its own choice (:mod:`kgbuild.runtime.blis`),
   bare spaCy a second time with those kernels;
2. the single-process build (``-j 1``, cold cache): words per second and its ratio to (1);
3. a rebuild of the unchanged corpus (every article from the cache, every piece of the
   output files copied from the previous build);
4. removing 10 articles: a build of the corpus without its last 10 articles;
5. adding 10 articles: the cache entries of those 10 articles are deleted and the whole
   corpus built again, which is the work of adding 10 new articles to the build of (4): 10
   parsed, the rest from the cache, all merged, and the output files and the store changed
   where the new articles changed them;
6. the ``-j 2`` build (cold cache) and its speed-up over (2); then the same two cold builds
   again in the other order, ``-j 2`` then ``-j 1`` (``--one-pair`` skips them): the speed-up
   over both pairs (seconds summed) cancels a drift of the machine's speed, which on a shared
   machine moves a single pair's ratio by a quarter; bare spaCy is measured again last, so
   that the ratio of (2) is judged over two pairs as well (bare, build, …, build, bare);
7. the scaling table: cold single-process builds of 500 / 1,000 / 2,000 articles and (2).

The run uses a copy of the ``kgbuild`` package taken when it starts (``--no-snapshot`` to use
the tree as it is), so edits made while it runs neither mix into the figures nor invalidate
the cache between steps. Peak memory is the peak resident set (``getrusage``) of the build process; worker processes
are reported apart. The report is Markdown on standard output; ``--json FILE`` keeps the raw
figures.

    python benchmarks/run.py                # everything on the whole corpus (about an hour)
    python benchmarks/run.py --limit 300    # a quick run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews"
SIZES = (500, 1000, 2000)
ADDED = 10
SNAPSHOT_ENV = "KGBUILD_BENCH_SNAPSHOT"
#: Folders of the tree a build reads: the package and the ontology beside it.
SNAPSHOT = ("kgbuild", "ontology")


# --------------------------------------------------------------------------- one measurement


def _peaks() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_mb": round(own, 1), "workers_rss_mb": round(kids, 1)}


def measure_bare(files: list[Path], batch_size: int, tuned: bool = False) -> dict[str, Any]:
    """bare spaCy: parse the article texts, nothing else; ``tuned``: with the BLIS kernels
    kgbuild installs (:mod:`kgbuild.runtime.blis`) in place of BLIS's own choice."""
    from kgbuild.nlp import DEFAULT_MODEL
    from kgbuild.pipeline import collect_articles

    texts = [a.text for a in collect_articles(files, lambda _msg: None)]
    import spacy

    t = time.perf_counter()
    nlp = spacy.load(DEFAULT_MODEL)
    if tuned:
        from kgbuild.runtime.blis import tune

        tune()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        pass
    seconds = time.perf_counter() - t
    words = sum(len(x.split()) for x in texts)
    return {"articles": len(texts), "words": words, "seconds": seconds, **_peaks()}


def measure_build(files: list[Path], out: Path, jobs: int, batch_size: int) -> dict[str, Any]:
    """One build of ``files`` into ``out`` (whatever its cache holds)."""
    from kgbuild.pipeline import BuildOptions, build

    t = time.perf_counter()
    s = build(files, out, BuildOptions(jobs=jobs, batch_size=batch_size))
    seconds = time.perf_counter() - t
    return {
        "articles": s.articles,
        "seconds": seconds,
        "stages": s.stage_seconds,
        "cached": s.cached,
        "extracted": s.extracted,
        "workers": s.workers,
        "pieces_reused": s.pieces_reused,
        "pieces_rendered": s.pieces_rendered,
        "events": s.events,
        "triples": s.triples,
        **_peaks(),
    }


def run_measure(args: argparse.Namespace) -> int:
    files = [Path(x) for x in Path(args.files).read_text().split("\n") if x]
    if args.measure in ("bare", "bare-tuned"):
        result = measure_bare(files, args.batch_size, tuned=args.measure == "bare-tuned")
    else:
        result = measure_build(files, Path(args.out), args.jobs, args.batch_size)
    print(json.dumps(result))
    return 0


# --------------------------------------------------------------------------- the whole run


def child(kind: str, files: list[Path], work: Path, **opts: Any) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter; its JSON result."""
    listing = work / f"files-{len(files)}.txt"
    listing.write_text("\n".join(map(str, files)) + "\n")
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--measure",
        kind,
        "--files",
        str(listing),
    ]
    for k, v in opts.items():
        cmd += [f"--{k.replace('_', '-')}", str(v)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"benchmark step {kind} failed")
    return json.loads(done.stdout.strip().splitlines()[-1])


def drop_cache_entries(out: Path, files: list[Path]) -> int:
    """Delete the cache entries of ``files``: the next build must analyze them again."""
    from kgbuild.cache import CACHE_DIR, ENTRY_SUFFIX, article_key
    from kgbuild.pipeline import collect_articles

    keys = {article_key(a) for a in collect_articles(files, lambda _msg: None)}
    gone = 0
    for entry in (out / CACHE_DIR).rglob(f"*{ENTRY_SUFFIX}"):
        if entry.stem in keys:
            entry.unlink()
            gone += 1
    return gone


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    import spacy

    from kgbuild.cache import model_version
    from kgbuild.nlp import DEFAULT_MODEL

    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = subprocess.run(["free", "-h"], capture_output=True, text=True, check=False).stdout
    total = next((ln.split()[1] for ln in mem.splitlines() if ln.startswith("Mem:")), "?")
    from kgbuild.cache import extractor_version

    head = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    return {
        "code": f"commit {head or 'unknown'} and the work tree, extractor {extractor_version()}",
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "memory": total,
        "python": platform.python_version(),
        "spacy": spacy.__version__,
        "model": f"{DEFAULT_MODEL} {model_version(DEFAULT_MODEL)}",
        "blis": "; ".join(
            f"BLIS picks {own}" + (f", the build runs {tuned}" if tuned else "")
            for own, tuned in sorted(blis_kernels(), key=str)
        ),
    }


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def report(r: dict[str, Any]) -> str:
    """The Markdown report of a whole run."""
    bare, j1, j2 = r["bare"], r["build_j1"], r.get("build_j2")
    bare_b, j1_b, j2_b = r.get("bare_again"), r.get("build_j1_again"), r.get("build_j2_again")
    words = bare["words"]
    wps = words / j1["seconds"]
    bare_wps = words / bare["seconds"]
    lines = [
        f"Corpus: {r['corpus']}, first {bare['articles']:,} articles, {words:,} words. "
        f"Load averages (1, 5, 15 min): {r['load_before']} before, {r['load_after']} after.",
        "",
        "| measure | figure | target |",
        "| --- | --- | --- |",
        f"| bare spaCy `nlp.pipe` | {bare_wps:,.0f} words/s ({bare['seconds']:.1f} s) | |",
        f"| build `-j 1`, cold cache | {wps:,.0f} words/s ({j1['seconds']:.1f} s) | |",
        f"| ratio build / bare spaCy | {wps / bare_wps:.2f} | "
        + ("|" if bare_b and j1_b else "≥ 0.85 |"),
    ]
    if bare_b and j1_b:
        both = (bare["seconds"] + bare_b["seconds"]) / (j1["seconds"] + j1_b["seconds"])
        lines += [
            f"| the same again, the second `-j 1` build then bare spaCy | {j1_b['seconds']:.1f} s "
            f"and {bare_b['seconds']:.1f} s, ratio {bare_b['seconds'] / j1_b['seconds']:.2f} | |",
            "| ratio build / bare spaCy over both pairs (bare seconds summed / build seconds "
            f"summed) | {both:.2f} | ≥ 0.85 |",
        ]
    tuned = r.get("bare_tuned")
    if tuned:
        tuned_wps = words / tuned["seconds"]
        lines += [
            f"| bare spaCy with the BLIS kernels kgbuild installs | {tuned_wps:,.0f} words/s "
            f"({tuned['seconds']:.1f} s) | |",
            f"| ratio build / bare spaCy with those kernels | {wps / tuned_wps:.2f} | |",
        ]
    if j2:
        lines.append(
            f"| build `-j 2`, cold cache | {words / j2['seconds']:,.0f} words/s "
            f"({j2['seconds']:.1f} s), speed-up {j1['seconds'] / j2['seconds']:.2f}× | "
            + ("|" if j2_b and j1_b else "≥ 1.6× |")
        )
    if j2 and j2_b and j1_b:
        both = (j1["seconds"] + j1_b["seconds"]) / (j2["seconds"] + j2_b["seconds"])
        lines += [
            f"| the same builds again, `-j 2` then `-j 1` | {j2_b['seconds']:.1f} s and "
            f"{j1_b['seconds']:.1f} s, speed-up {j1_b['seconds'] / j2_b['seconds']:.2f}× | |",
            f"| speed-up of `-j 2` over both pairs (`-j 1` seconds summed / `-j 2` seconds summed) "
            f"| {both:.2f}× | ≥ 1.6× |",
        ]
    lines += [
        f"| peak memory `-j 1` | {j1['rss_mb']:,.0f} MB (the build process; the store loader "
        "runs in a process of its own: see `benchmarks/store_memory.py`) | < 2 GB |",
    ]
    if j2:
        lines.append(
            f"| peak memory `-j 2` | {j2['rss_mb']:,.0f} MB + {j2['workers_rss_mb']:,.0f} MB "
            "per worker (the largest of the analysis workers, the RDF writer and the store "
            "loader) | |"
        )
    re_ = r["rebuild"]
    add = r["add"]
    rm = r.get("remove", {})
    lines += [
        f"| rebuild, nothing changed | {re_['seconds']:.1f} s ({re_['cached']:,} cached) | |",
        f"| remove {ADDED} articles | {rm.get('seconds', 0):.1f} s | |",
        f"| add {ADDED} articles | {add['seconds']:.1f} s = {add['seconds'] / j1['seconds']:.1%} "
        f"of the full build ({add['extracted']} analyzed; "
        f"{add.get('pieces_rendered', 0):,} pieces of the outputs rendered, "
        f"{add.get('pieces_reused', 0):,} copied) | < 10% |",
        "",
        "Time per stage (seconds; `analyze.parse` and `analyze.extract` are summed over workers):",
        "",
        "| stage | `-j 1` cold | `-j 2` cold | rebuild | remove 10 | add 10 |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    runs = [j1, j2 or {}, re_, rm, add]
    names: list[str] = []
    for run in runs:
        for k in run.get("stages", {}):
            if k not in names:
                names.append(k)
    for k in names:
        cells = [f"{run['stages'][k]:.1f}" if k in run.get("stages", {}) else "" for run in runs]
        lines.append(f"| {k} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Scaling (`-j 1`, cold cache):",
        "",
        "| articles | words | seconds | words/s | peak memory | MB per 1,000 articles |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in r["scaling"]:
        lines.append(
            f"| {row['articles']:,} | {row['words']:,} | {row['seconds']:.1f} | "
            f"{row['words'] / row['seconds']:,.0f} | {row['rss_mb']:,.0f} MB | "
            f"{row['rss_mb'] / row['articles'] * 1000:,.0f} |"
        )
    m = r["machine"]
    lines += [
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory']} memory; Python {m['python']}, "
        f"spaCy {m['spacy']}, model {m['model']}; {m.get('blis') or 'no BLIS'}. "
        f"Code: {m['code']}.",
    ]
    return "\n".join(lines)


def blis_kernels() -> set[tuple[str, str | None]]:
    """BLIS's own choice of kernels on this machine, and what kgbuild gives it instead (None:
    nothing), for each BLIS library."""
    from kgbuild.runtime.blis import libraries

    return {(lib.configuration, lib.replacement) for lib in libraries()}


def tunes_blis() -> bool:
    """Whether kgbuild gives BLIS other kernels than its own choice on this machine."""
    return any(tuned for _own, tuned in blis_kernels())


def words_of(files: list[Path]) -> int:
    from kgbuild.pipeline import collect_articles

    return sum(len(a.text.split()) for a in collect_articles(files, lambda _msg: None))


def run_all(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus)
    files = sorted(corpus.glob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt article in {corpus}")
    if args.limit:
        files = files[: args.limit]
    work = Path(tempfile.mkdtemp(prefix="kgbuild-bench-"))
    bs = args.batch_size
    r: dict[str, Any] = {"corpus": str(corpus), "machine": machine(), "load_before": load()}

    def step(name: str) -> None:
        if args.json:  # what is measured so far survives an interrupted run
            Path(args.json).write_text(json.dumps(r, indent=1) + "\n")
        print(f"[{time.strftime('%H:%M:%S')}] {name} (load {load()})", file=sys.stderr)

    try:
        step(f"bare spaCy on {len(files)} articles")
        r["bare"] = child("bare", files, work, batch_size=bs)
        if tunes_blis():
            step("bare spaCy with the BLIS kernels kgbuild installs")
            r["bare_tuned"] = child("bare-tuned", files, work, batch_size=bs)
        full = work / "full"
        step("build -j 1, cold cache")
        r["build_j1"] = child("build", files, work, out=full, jobs=1, batch_size=bs)
        step("rebuild, nothing changed")
        r["rebuild"] = child("build", files, work, out=full, jobs=1, batch_size=bs)
        step(f"remove {ADDED} articles")
        r["remove"] = child("build", files[:-ADDED], work, out=full, jobs=1, batch_size=bs)
        drop_cache_entries(full, files[-ADDED:])  # gone already when the build pruned them
        step(f"add {ADDED} articles")
        r["add"] = child("build", files, work, out=full, jobs=1, batch_size=bs)
        if args.jobs > 1:
            step(f"build -j {args.jobs}, cold cache")
            r["build_j2"] = child(
                "build", files, work, out=work / "parallel", jobs=args.jobs, batch_size=bs
            )
            if args.pairs:  # the same two builds in the other order: drift cancels out
                for key, jobs in (("build_j2_again", args.jobs), ("build_j1_again", 1)):
                    shutil.rmtree(work / "again", ignore_errors=True)
                    step(f"build -j {jobs}, cold cache, again")
                    r[key] = child(
                        "build", files, work, out=work / "again", jobs=jobs, batch_size=bs
                    )
                shutil.rmtree(work / "again", ignore_errors=True)
                step("bare spaCy again")
                r["bare_again"] = child("bare", files, work, batch_size=bs)
        shutil.rmtree(work / "parallel", ignore_errors=True)
        r["scaling"] = []
        for size in sorted({s for s in args.sizes if s < len(files)}):
            step(f"scaling: {size} articles")
            row = child("build", files[:size], work, out=work / f"n{size}", jobs=1, batch_size=bs)
            row["words"] = words_of(files[:size])
            r["scaling"].append(row)
            shutil.rmtree(work / f"n{size}", ignore_errors=True)
        r["scaling"].append({**r["build_j1"], "words": r["bare"]["words"]})
        r["load_after"] = load()
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    if args.json:
        Path(args.json).write_text(json.dumps(r, indent=1) + "\n")
    print(report(r))
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="examples:\n  python benchmarks/run.py\n  python benchmarks/run.py --limit 300 "
        "--sizes 100,200\n  python benchmarks/run.py --json bench.json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--corpus", default=str(CORPUS), help="folder of .txt articles (read in place)")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="first N articles only")
    p.add_argument("--jobs", type=int, default=2, metavar="N", help="workers of the parallel build")
    p.add_argument("--batch-size", type=int, default=32, metavar="N")
    p.add_argument(
        "--sizes",
        type=lambda s: [int(x) for x in s.split(",") if x],
        default=list(SIZES),
        metavar="N,N",
        help="scaling table sizes below the limit (default: 500,1000,2000)",
    )
    p.add_argument(
        "--one-pair",
        dest="pairs",
        action="store_false",
        help="build -j 1 and -j 2 cold once each (by default a second pair follows, in the "
        "other order, so that the machine's drift cancels out of the speed-up)",
    )
    p.add_argument("--json", metavar="FILE", help="also write the raw figures as JSON")
    p.add_argument("--keep", action="store_true", help="keep the temporary build folders")
    p.add_argument(
        "--no-snapshot",
        dest="snapshot",
        action="store_false",
        help="run the package as it is in the tree, not a copy taken at the start",
    )
    p.add_argument("--measure", choices=("bare", "bare-tuned", "build"), help=argparse.SUPPRESS)
    p.add_argument("--files", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    return p


def main() -> int:
    args = parser().parse_args()
    if args.measure:
        return run_measure(args)
    if args.snapshot and not os.environ.get(SNAPSHOT_ENV):
        return in_snapshot()
    return run_all(args)


def in_snapshot() -> int:
    """Run this very command again on a copy of the package taken now."""
    src = Path(tempfile.mkdtemp(prefix="kgbuild-src-"))
    try:
        for name in SNAPSHOT:
            if (ROOT / name).is_dir():
                shutil.copytree(
                    ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__")
                )
        env = dict(os.environ)
        env[SNAPSHOT_ENV] = str(src)
        env["PYTHONPATH"] = os.pathsep.join(x for x in (str(src), env.get("PYTHONPATH")) if x)
        cmd = [sys.executable, str(Path(__file__).resolve()), *sys.argv[1:]]
        return subprocess.run(cmd, env=env, check=False).returncode
    finally:
        shutil.rmtree(src, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
