"""The compiled attribute ruler against spaCy's own: same annotations, and how much faster.

Parses the first N articles (sorted by file name) of the Wikinews corpus, read in place, with
two copies of the model: spaCy's pipeline as shipped, and the same pipeline with its
``attribute_ruler`` replaced by kgbuild's ``attribute_table``
(:func:`kgbuild.nlp.attributes.compile_ruler`). Both parse the same batches in turn. Every
token's tag, part of speech, morphology, lemma, head, dependency label, entity and sentence
start must be the same; the report gives the documents that differ (none expected) and the
seconds of each pipeline, wall and CPU.

    .venv/bin/python benchmarks/attribute_table.py            # every article (~15 min)
    .venv/bin/python benchmarks/attribute_table.py -n 300     # the first 300
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WIKINEWS = ROOT.parent / "shared" / "corpora" / "wikinews"
BATCH = 50


def signature(doc: Any) -> list[tuple[Any, ...]]:
    """What the two pipelines must agree on, token by token."""
    return [
        (t.tag_, t.pos_, str(t.morph), t.lemma_, t.head.i, t.dep_, t.ent_iob_, t.ent_type_, t.is_sent_start)
        for t in doc
    ]  # fmt: skip


def run(n: int | None, corpus: Path, model: str | None) -> int:
    import spacy

    from kgbuild.nlp import DEFAULT_MODEL
    from kgbuild.nlp.attributes import compile_ruler

    model = model or DEFAULT_MODEL
    files = sorted(corpus.glob("*.txt"))[:n]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    theirs, ours = spacy.load(model), spacy.load(model)
    if not compile_ruler(ours):
        print(f"{model}: no attribute ruler the table can compile", file=sys.stderr)
        return 2
    spent, differ = compare(
        files,
        texts,
        {
            "spaCy's attribute ruler": lambda batch: list(theirs.pipe(batch)),
            "the attribute table": lambda batch: list(ours.pipe(batch)),
        },
    )
    print(f"{len(texts):,} articles ({count_words(texts):,} words) of {corpus}, model {model}")
    return report(spent, differ, "the pipeline with the table")


def compare(
    files: list[Path], texts: list[str], sides: dict[str, Callable[[list[str]], list[Any]]]
) -> tuple[dict[str, list[float]], list[str]]:
    """Parse each batch of ``texts`` with each side in turn (the reference first); the wall
    and CPU seconds of each side, and the files whose documents the sides annotate
    differently."""
    spent = {name: [0.0, 0.0] for name in sides}
    differ: list[str] = []
    for start in range(0, len(texts), BATCH):
        batch = texts[start : start + BATCH]
        docs = {}
        for name, parse in sides.items():
            w, c = time.perf_counter(), time.process_time()
            docs[name] = parse(batch)
            spent[name][0] += time.perf_counter() - w
            spent[name][1] += time.process_time() - c
        for i, (a, b) in enumerate(zip(*docs.values(), strict=True)):
            if signature(a) != signature(b):
                differ.append(files[start + i].name)
    return spent, differ


def count_words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def report(spent: dict[str, list[float]], differ: list[str], faster: str) -> int:
    """Print the seconds of each side (the reference first) and the documents that differ;
    the exit status: 1 when some document differs."""
    for name, (wall, cpu) in spent.items():
        print(f"  with {name:<28} {wall:8.1f} s wall {cpu:8.1f} s CPU")
    (_, base), (_, fast) = spent.values()
    gain = 1 - fast / base if base else 0.0
    print(f"  {faster} takes {100 * gain:.1f}% less CPU")
    print(
        f"  documents annotated differently: {len(differ)}" + (f" {differ[:10]}" if differ else "")
    )
    return 1 if differ else 0


def main(
    argv: list[str] | None = None,
    compare: Callable[[int | None, Path, str | None], int] = run,
    doc: str | None = __doc__,
) -> int:
    """The command line of a comparison: ``-n``, ``--corpus``, ``--model``."""
    p = argparse.ArgumentParser(
        description=doc, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("-n", type=int, default=None, help="number of articles (default: all)")
    p.add_argument("--corpus", type=Path, default=WIKINEWS, help="folder of .txt articles")
    p.add_argument("--model", default=None, help="spaCy pipeline")
    args = p.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    return compare(args.n, args.corpus, args.model)


if __name__ == "__main__":
    sys.exit(main())
