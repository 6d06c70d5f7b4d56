"""What the build's own process spends while worker processes analyze the articles.

With ``-j N`` the workers parse and extract; the build's process receives their results,
stores them in the extraction cache and shows the progress. Whatever it spends there is taken
from the workers on a machine whose cores they fill. This runs the analysis alone (no merge,
no output) over the first N articles of the Wikinews corpus (sorted by file name, read in
place), into a fresh output folder with its cache, and reports the CPU seconds of the build's
process and of its workers.

    .venv/bin/python benchmarks/main_cpu.py                    # 1,200 articles, -j 2
    .venv/bin/python benchmarks/main_cpu.py -n 600 -j 2 --no-cache --json
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT.parent / "shared" / "corpora" / "wikinews"


def _cpu(r: resource.struct_rusage) -> tuple[float, float]:
    return r.ru_utime, r.ru_stime


def measure(n: int, jobs: int, batch_size: int, cache: bool) -> dict[str, object]:
    """Analyze the first ``n`` articles with ``jobs`` workers; seconds and CPU seconds."""
    sys.path.insert(0, str(ROOT))
    from kgbuild.engine import make_engine
    from kgbuild.engine.corpus import analyze_corpus
    from kgbuild.pipeline import collect_articles

    files = sorted(WIKINEWS.glob("*.txt"))[:n]
    articles = collect_articles(files, lambda _msg: None)
    stages: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="kgbuild-main-cpu-") as out:
        before = _cpu(resource.getrusage(resource.RUSAGE_SELF))
        t = time.perf_counter()
        analyze_corpus(
            articles,
            Path(out),
            make_engine(jobs=jobs),
            stages,
            batch_size=batch_size,
            use_cache=cache,
        )
        wall = time.perf_counter() - t
        after = _cpu(resource.getrusage(resource.RUSAGE_SELF))
    workers = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN))
    return {
        "articles": len(articles),
        "jobs": jobs,
        "cache": cache,
        "seconds": round(wall, 1),
        "main_cpu": round(sum(after) - sum(before), 2),
        "main_user": round(after[0] - before[0], 2),
        "main_sys": round(after[1] - before[1], 2),
        "workers_cpu": round(sum(workers), 1),
        "stages": {k: round(v, 1) for k, v in stages.items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=1200, help="articles (default 1,200)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--no-cache", action="store_true", help="analyze without storing results")
    ap.add_argument("--json", action="store_true", help="one JSON line instead of text")
    args = ap.parse_args(argv)
    got = measure(args.n, args.jobs, args.batch_size, not args.no_cache)
    if args.json:
        print(json.dumps(got))
    else:
        print(
            f"{got['articles']} articles, -j {got['jobs']}, cache {'on' if got['cache'] else 'off'}:"
            f" {got['seconds']} s; build process {got['main_cpu']} CPU-s"
            f" (user {got['main_user']}, system {got['main_sys']});"
            f" workers {got['workers_cpu']} CPU-s"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
