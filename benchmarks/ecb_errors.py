"""Error analysis of cross-document event coreference on ECB+ (development half).

Parses the documents of ``DIR/text`` once (kept as a spaCy ``DocBin`` in ``--cache``), then runs
the per-document stages, the merge and the scorer of :mod:`kgbuild.eval.ecb` in this process,
so that a change to the mention layer, to stories or to event coreference is measured in
seconds. It prints the figures and, with ``--errors``, what the build gets wrong:

* gold event mentions that map to no event, by why (no candidate word at all, by part of
  speech; a mention the build found that joined nothing; a triple's word the mapping lost);
* gold clusters the build splits, by what kept their mentions apart (different stories,
  different kinds, the checks of :mod:`kgbuild.event_coref`);
* links the build makes wrongly, with the words of both mentions.

    .venv/bin/python benchmarks/ecb_errors.py ../shared/eval/ecb-dev --errors
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from spacy.tokens import DocBin

from kgbuild.engine.analysis import analyze
from kgbuild.eval import ecb
from kgbuild.merge import merge
from kgbuild.nlp import DEFAULT_MODEL, load_model, parse
from kgbuild.pipeline import collect_articles
from kgbuild.stories import story_index


def parsed(folder: Path, cache: Path, model: str) -> tuple[list[Any], list[Any]]:
    """The articles of ``folder/text`` and their parses (from ``cache`` when it holds them)."""
    articles = collect_articles([folder / "text"], lambda _w: None)
    nlp = load_model(model)
    if cache.is_file():
        docs = list(DocBin().from_bytes(cache.read_bytes()).get_docs(nlp.vocab))
    else:
        docs = list(parse(nlp, (a.cleaned for a in articles)))
        bin_ = DocBin(store_user_data=True)
        for d in docs:
            bin_.add(d)
        cache.write_bytes(bin_.to_bytes())
    return articles, docs


def run(
    folder: Path, cache: Path, model: str, results_file: Path | None = None
) -> tuple[Any, Any, list[Any]]:
    t = time.perf_counter()
    if results_file is not None and results_file.is_file():
        results = pickle.loads(results_file.read_bytes())
    else:
        articles, docs = parsed(folder, cache, model)
        results = [analyze(d, a) for d, a in zip(docs, articles, strict=True)]
        if results_file is not None:
            results_file.write_bytes(pickle.dumps(results))
    kg = merge(results)
    print(f"analysis and merge: {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return kg, ecb.score_build(folder, kg, model=model), results


def figures(res: Any) -> str:
    return ecb.report(res)


def _print_reasons(title: str, samples: dict[str, list[str]], limit: int) -> None:
    """Each reason with its count and its most common examples, the most common reason first."""
    print(f"\n{title}:")
    for reason, found in sorted(samples.items(), key=lambda kv: -len(kv[1])):
        words = Counter(found).most_common(limit)
        print(f"  {len(found):5d} {reason}: " + "; ".join(f"{w} x{c}" for w, c in words))


def errors(folder: Path, kg: Any, results: list[Any], model: str, limit: int) -> None:
    events, _entities, tokens = ecb.read_gold(folder)
    parses = ecb.Parses(tokens, events, model)
    lemmas = {
        m["id"]: parses.lemma(m["doc"], parses.head(m["doc"], m["token_ids"])) for m in events
    }
    preds, _args = ecb.candidates(kg, set(tokens))
    mapping = ecb.map_mentions(events, preds, parses, lemmas, events=True)
    names = {a.id: Path(a.paths[0]).name[:-4] for a in kg.articles}
    story = {names[d]: s for d, s in story_index(kg.stories).items()}
    # what the per-document stages found at each gold mention
    found: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for r in results:
        doc = names[r.article.id]
        for t in r.triples:
            h = t.predicate.head or t.predicate.span
            found[doc].append((h.start, h.end, "triple", t.predicate.lemma))
        for m in r.event_mentions:
            found[doc].append((m.span.start, m.span.end, "mention", m.lemma))
    samples: dict[str, list[str]] = defaultdict(list)
    for m in events:
        if m["id"] in mapping:
            continue
        hits = [f for f in found[m["doc"]] if any(a < f[1] and f[0] < b for a, b in m["spans"])]
        tid = parses.head(m["doc"], m["token_ids"])
        sent = parses.toks[m["doc"]][tid][2]
        idx, d = parses.parsed[(m["doc"], sent)]
        tok = d[idx.index(tid)]
        if not hits:
            reason = f"no candidate: {tok.pos_}"
        elif any(h[2] == "triple" for h in hits):
            reason = "a triple's word, not mapped"
        else:
            reason = "a mention that joined nothing"
        samples[reason].append(f"{m['text']!r} ({tok.lemma_}/{tok.tag_}/{tok.dep_})")
    _print_reasons("unmapped gold event mentions", samples, limit)
    # split gold clusters: pairs of mapped mentions of one cluster in two events
    by_event = {e.id: e for e in kg.events}
    split_samples: dict[str, list[str]] = defaultdict(list)
    gold: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in events:
        gold[m["cluster"]].append(m)
    from kgbuild.event_coref import kind_of

    for ms in gold.values():
        for a, b in itertools.combinations([m for m in ms if m["id"] in mapping], 2):
            ea, eb = by_event[mapping[a["id"]]], by_event[mapping[b["id"]]]
            if ea.id == eb.id:
                continue
            if story.get(a["doc"]) != story.get(b["doc"]):
                reason = "different stories"
            elif kind_of(ea) is None or kind_of(eb) is None:
                reason = "one never joins by kind"
            elif kind_of(ea) != kind_of(eb):
                reason = "different kinds"
            elif ea.negated != eb.negated or (ea.modality is None) != (eb.modality is None):
                reason = "polarity or modality"
            else:
                reason = "checks: " + _check(ea, eb)
            split_samples[reason].append(f"{a['text']}[{kind_of(ea)}]/{b['text']}[{kind_of(eb)}]")
    _print_reasons("pairs of one gold cluster in two events", split_samples, limit)
    wrong: Counter[str] = Counter()
    sys_of: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in events:
        if m["id"] in mapping:
            sys_of[mapping[m["id"]]].append(m)
    for ms in sys_of.values():
        for a, b in itertools.combinations(ms, 2):
            if a["cluster"] != b["cluster"]:
                same = "same subtopic" if a["subtopic"] == b["subtopic"] else "other subtopic"
                wrong[f"{a['text'].lower()} / {b['text'].lower()} ({same})"] += 1
    print(f"\nwrong links: {sum(wrong.values())}")
    for w, c in wrong.most_common(limit * 3):
        print(f"  {c:4d} {w}")


def _check(a: Any, b: Any) -> str:
    """Which check of :mod:`kgbuild.event_coref` keeps two events of one story and kind apart."""
    from kgbuild import event_coref as ec

    sa, sb = ec._span(a), ec._span(b)
    if sa and sb and not ec._overlap(sa, sb):
        return "two dated, different times"
    if (sa is None) != (sb is None):
        undated = b if sb is None else a
        rep = ec._reported(undated)
        if rep and rep < (sa or sb)[0]:  # type: ignore[index]
            return "undated reported before the dated"
    sides_a = dict(ec._sides(a))
    for k, r in ec._sides(b):
        if k in sides_a and sides_a[k] != r:
            return "one acts, the other undergoes"
    ra = dict(ec._roles(a))
    for role, k in ec._roles(b):
        o = ra.get(role)
        if k and o and "/" not in k and "/" not in o and k != o:
            return f"two participants in one role ({role})"
    return "none pairwise (greedy order, or an undated fitting two dated)"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/ecb-parses.spacy"))
    ap.add_argument("--model", default=DEFAULT_MODEL)
    ap.add_argument("--errors", action="store_true")
    ap.add_argument("--limit", type=int, default=12)
    ap.add_argument("--save", type=Path, help="pickle the graph here")
    ap.add_argument(
        "--results", type=Path, help="keep the per-document results here (and reuse them)"
    )
    args = ap.parse_args(argv)
    kg, res, results = run(args.folder, args.cache, args.model, args.results)
    print(figures(res))
    if args.save:
        args.save.write_bytes(pickle.dumps(kg))
    if args.errors:
        errors(args.folder, kg, results, args.model, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
