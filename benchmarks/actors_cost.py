"""What canonicalization costs: the actors stage against the whole build, on Wikinews articles.

Runs the build's stages one by one over the first N articles (sorted by file name) of the
Wikinews corpus, read in place, and reports the seconds of each: ingest, parse (spaCy),
extraction, actors (mention finding, coreference, metonymy on triples), events, cross-article
canonicalization, the rest of the merge, and writing the outputs, in wall-clock and CPU
seconds (on a shared machine the CPU figures are the steadier). The gazetteer is built once
before the clock starts and its cold build time is reported on its own line.

    .venv/bin/python benchmarks/actors_cost.py                 # 1,000 articles
    .venv/bin/python benchmarks/actors_cost.py -n 200 --json   # fewer, machine-readable
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT.parent / "shared" / "corpora" / "wikinews"


class _Clock:
    """Wall and CPU seconds per stage (the machine may be shared: CPU time is the steadier)."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._mark = (time.perf_counter(), time.process_time())

    def lap(self, stage: str) -> None:
        w, c = time.perf_counter(), time.process_time()
        self.wall[stage] = self.wall.get(stage, 0.0) + w - self._mark[0]
        self.cpu[stage] = self.cpu.get(stage, 0.0) + c - self._mark[1]
        self._mark = (w, c)


STAGES = ("ingest", "parse", "extract", "actors", "events", "canonicalize", "merge", "write")


def run(n: int, corpus: Path, model: str | None) -> dict[str, float | int | str]:
    from kgbuild import events
    from kgbuild.actors import analyze_actors, canonicalize, load_gazetteer
    from kgbuild.extract import extract_triples
    from kgbuild.ingest import read_articles
    from kgbuild.merge import merge
    from kgbuild.nlp import DEFAULT_MODEL, load_model
    from kgbuild.outputs import write_outputs
    from kgbuild.records import Article, DocumentResult

    model = model or DEFAULT_MODEL
    t = time.perf_counter()
    load_gazetteer()
    gazetteer_cold = time.perf_counter() - t
    nlp = load_model(model)

    files = sorted(corpus.glob("*.txt"))[:n]
    clock = _Clock()
    articles = [a for a in read_articles(files) if isinstance(a, Article)]
    clock.lap("ingest")
    results = []
    docs = nlp.pipe((a.text for a in articles), batch_size=32)
    for article in articles:
        doc = next(docs)
        clock.lap("parse")
        triples = tuple(extract_triples(doc, doc_id=article.id))
        clock.lap("extract")
        actors = analyze_actors(doc, article)
        triples = actors.attach(triples)
        clock.lap("actors")
        triples = events.annotate(doc, article, triples, actors)
        clock.lap("events")
        results.append(DocumentResult(article=article, mentions=actors.mentions, triples=triples))
    entities, _ = canonicalize(results)
    clock.lap("canonicalize")
    kg = merge(results)  # canonicalizes again: that share is taken off below
    clock.lap("merge")
    for d in (clock.wall, clock.cpu):
        d["merge"] = max(0.0, d["merge"] - d["canonicalize"])
    with tempfile.TemporaryDirectory() as out:
        clock._mark = (time.perf_counter(), time.process_time())
        write_outputs(kg, Path(out))
        clock.lap("write")
    out_: dict[str, float | int | str] = {
        "articles": len(articles),
        "mentions": sum(len(r.mentions) for r in results),
        "entities": len(entities),
        "model": model,
        "gazetteer_cold_s": round(gazetteer_cold, 3),
    }
    for kind, d in (("wall", clock.wall), ("cpu", clock.cpu)):
        total = sum(d.values())
        out_.update({f"{kind}_{k}_s": round(d.get(k, 0.0), 3) for k in STAGES})
        out_[f"{kind}_total_s"] = round(total, 3)
        share = (d["actors"] + d["canonicalize"]) / total if total else 0.0
        out_[f"{kind}_actors_share"] = round(share, 4)
        out_[f"{kind}_actors_ms_per_article"] = round(1000 * d["actors"] / max(1, len(articles)), 2)
    return out_


def render(r: dict[str, float | int | str]) -> str:
    lines = [
        f"{r['articles']} Wikinews articles, model {r['model']}: {r['mentions']} mentions, "
        f"{r['entities']} entities",
        f"{'stage':<14}{'wall s':>9}{'share':>8}{'cpu s':>9}{'share':>8}",
    ]
    wt, ct = float(r["wall_total_s"]), float(r["cpu_total_s"])
    for k in STAGES:
        w, c = float(r[f"wall_{k}_s"]), float(r[f"cpu_{k}_s"])
        lines.append(
            f"{k:<14}{w:>9.2f}{100 * w / wt if wt else 0:>7.1f}%{c:>9.2f}{100 * c / ct if ct else 0:>7.1f}%"
        )
    lines.append(f"{'total':<14}{wt:>9.2f}{'':>8}{ct:>9.2f}")
    lines.append(
        f"actors + canonicalize: {100 * float(r['wall_actors_share']):.1f}% of wall time, "
        f"{100 * float(r['cpu_actors_share']):.1f}% of CPU time "
        f"({r['cpu_actors_ms_per_article']} ms CPU per article); "
        f"gazetteer built once in {r['gazetteer_cold_s']} s"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("-n", type=int, default=1000, help="number of articles (default 1000)")
    p.add_argument("--corpus", type=Path, default=WIKINEWS, help="folder of .txt articles")
    p.add_argument("--model", default=None, help="spaCy pipeline")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = p.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    r = run(args.n, args.corpus, args.model)
    print(json.dumps(r, indent=1) if args.json else render(r))
    return 0


if __name__ == "__main__":
    sys.exit(main())
