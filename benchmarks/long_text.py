"""Extraction time against the length of one text: is it linear?

Makes one long article by joining Wikinews articles (in file-name order) up to each length,
reads it as ``kgbuild build`` does (``read_articles``), parses it (``parse``: pieces of at
most 100,000 characters joined into one ``Doc``) and runs the per-document stages
(``analyze``: extraction, actors, events), timing parsing and analysis apart. The gazetteer
is loaded before the clock starts (a few seconds, the same for any length). Each length runs
in a fresh process, so memory and caches do not carry over. Wall seconds are given, and the
CPU seconds of the analysis (``time.process_time``), which another program on the machine
disturbs far less, and the peak memory of the process (parse and analysis). Nothing here
asserts a speed.

    .venv/bin/python benchmarks/long_text.py                          # 100k to 5M characters
    .venv/bin/python benchmarks/long_text.py --sizes 200000 --profile /tmp/long.prof
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "wikinews"
SIZES = (100_000, 200_000, 500_000, 1_000_000, 2_000_000, 5_000_000)


def long_text(corpus: Path, size: int) -> str:
    """Whole Wikinews articles joined by blank lines, cut at a paragraph near ``size``."""
    parts: list[str] = []
    n = 0
    for path in sorted(corpus.glob("*.txt")):
        text = path.read_text(encoding="utf-8").strip()
        parts.append(text)
        n += len(text) + 2
        if n >= size:
            break
    text = "\n\n".join(parts)[:size]
    cut = text.rfind("\n\n")
    return text[:cut] if cut > size // 2 else text


def measure(size: int, corpus: Path, profile: str | None) -> dict[str, float]:
    """In this process: read, parse and analyze one text of about ``size`` characters."""
    from kgbuild.actors.gazetteer import load_gazetteer
    from kgbuild.engine.analysis import analyze
    from kgbuild.ingest import read_articles
    from kgbuild.nlp import load_model, parse

    nlp = load_model()
    load_gazetteer()  # once per process, whatever the length: not part of the measure
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long.txt"
        path.write_text(long_text(corpus, size), encoding="utf-8")
        (article,) = list(read_articles([path]))
    assert not isinstance(article, Exception), article
    t0 = time.perf_counter()
    doc = next(parse(nlp, [article.cleaned]))  # what the build parses
    t1 = time.perf_counter()
    c1 = time.process_time()
    if profile:
        import cProfile

        prof = cProfile.Profile(time.process_time)  # CPU time: the machine may be shared
        result = prof.runcall(analyze, doc, article)
        prof.dump_stats(profile)
    else:
        result = analyze(doc, article)
    t2 = time.perf_counter()
    c2 = time.process_time()
    return {
        "chars": len(article.text),
        "tokens": len(doc),
        "parse_s": round(t1 - t0, 2),
        "analyze_s": round(t2 - t1, 2),
        "analyze_cpu_s": round(c2 - c1, 2),
        "triples": len(result.triples),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument(
        "--sizes", default=",".join(map(str, SIZES)), help="characters, comma-separated"
    )
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--profile", help="write a cProfile of the analysis here (one size only)")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one, args.corpus, args.profile)), flush=True)
        return 0
    print(
        "| characters | tokens | extraction CPU (s) | CPU µs per character "
        "| extraction wall (s) | parse wall (s) | peak memory (MiB) |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for size in (int(s) for s in args.sizes.split(",")):
        cmd = [sys.executable, __file__, "--one", str(size), "--corpus", str(args.corpus)]
        if args.profile:
            cmd += ["--profile", args.profile]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        per = 1e6 * r["analyze_cpu_s"] / r["chars"]
        print(
            f"| {r['chars']:,} | {r['tokens']:,} | {r['analyze_cpu_s']:.1f} | {per:.1f} "
            f"| {r['analyze_s']:.1f} | {r['parse_s']:.1f} | {r['peak_mib']:,} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
