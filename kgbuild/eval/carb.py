"""Open IE tuples against the CaRB benchmark (``kgbuild eval carb DIR``).

The folder holds ``sentences.txt`` (one sentence a line) and ``gold.tsv`` (``sentence \\t
relation \\t arg1 \\t arg2 [\\t arg3 ...]``). Each sentence is parsed as its own document and
every triple becomes a surface tuple ``(relation, arg1, arg2, ...)``; the scorer follows the
CaRB description in ``../shared/eval/README.md``:

* tuples are made binary (arg2 = every argument after arg1, joined by spaces), lower-cased;
* a gold tuple G and a predicted tuple P match only when a relation word of G is in P's
  relation (a form of *be* in P matches any form of *be* in G) and P has both arguments; then
  words are counted part by part as multisets: precision = matched / words of P,
  recall = matched / words of G; when G's relation holds said/told/added/says the arguments of P
  may be swapped;
* per sentence, recall sums the best recall of each gold tuple; precision assigns predictions
  one-to-one to gold tuples, greedily by highest precision;
* a sweep over confidence thresholds gives the precision-recall curve, its best F1 and its area.

>>> g = CarbTuple("plays", ("He", "chess"))
>>> match(g, CarbTuple("plays", ("He", "chess")))
(1.0, 1.0)
>>> match(g, CarbTuple("plays", ("He",)))
(0.0, 0.0)
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kgbuild.errors import EvalDataError
from kgbuild.nlp import DEFAULT_MODEL
from kgbuild.records import Triple

#: Relation words that allow the arguments of a prediction to be compared swapped.
SAID_WORDS = frozenset({"said", "told", "added", "adds", "says"})

#: Forms of *be*: "be" in a predicted relation matches any of them in a gold relation.
BE_FORMS = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "'m"})

_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class CarbTuple:
    """A surface Open IE tuple: relation and arguments as text (arg1 first)."""

    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0

    def binary(self) -> tuple[list[str], list[str], list[str]]:
        """Lower-cased word lists of relation, arg1 and arg2 (all later arguments joined)."""
        arg1 = self.args[0] if self.args else ""
        arg2 = " ".join(self.args[1:])
        return (self.relation.lower().split(), arg1.lower().split(), arg2.lower().split())

    def line(self) -> str:
        """The tuple for people: ``(arg1; relation; arg2; ...)``."""
        return (
            "("
            + "; ".join((self.args[0] if self.args else "", self.relation, *self.args[1:]))
            + ")"
        )


@dataclass(frozen=True, slots=True)
class CurvePoint:
    threshold: float
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class CarbResult:
    """The figures of one CaRB run (at the threshold of best F1) and samples to read."""

    sentences: int
    gold_tuples: int
    predicted_tuples: int
    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float
    parse_ms_per_1000: float
    extract_ms_per_1000: float
    curve: tuple[CurvePoint, ...] = ()
    misses: tuple[str, ...] = ()
    false_hits: tuple[str, ...] = ()
    model: str = DEFAULT_MODEL


def sentence_key(sentence: str) -> str:
    """A sentence with spaces and punctuation removed, lower-cased: how sentences are matched.

    >>> sentence_key("He said , `` yes '' .") == sentence_key("He said, 'yes'.")
    True
    """
    return _NOT_WORD.sub("", sentence).lower()


def _overlap(gold: list[str], pred: list[str]) -> int:
    """Words of ``gold`` found in ``pred``, as a multiset."""
    return sum((Counter(gold) & Counter(pred)).values())


def _relation_overlap(gold: list[str], pred: list[str]) -> int:
    """Like :func:`_overlap`, with "be" in the prediction standing for any form of *be*."""
    n = _overlap(gold, pred)
    if n == 0 and "be" in pred and any(w in BE_FORMS for w in gold):
        return 1
    return n


def _match_parts(
    gold: tuple[list[str], list[str], list[str]], pred: tuple[list[str], list[str], list[str]]
) -> tuple[float, float]:
    g_rel, g1, g2 = gold
    p_rel, p1, p2 = pred
    if not p1 or not p2:
        return (0.0, 0.0)
    rel = _relation_overlap(g_rel, p_rel)
    if rel == 0:
        return (0.0, 0.0)
    matched = rel + _overlap(g1, p1) + _overlap(g2, p2)
    p_words = len(p_rel) + len(p1) + len(p2)
    g_words = len(g_rel) + len(g1) + len(g2)
    return (matched / p_words if p_words else 0.0, min(1.0, matched / g_words) if g_words else 0.0)


def match(gold: CarbTuple, pred: CarbTuple) -> tuple[float, float]:
    """(precision, recall) of ``pred`` against ``gold``; (0, 0) when they do not match.

    >>> match(CarbTuple("said", ("He", "it rains")), CarbTuple("said", ("it rains", "He")))
    (1.0, 1.0)
    >>> match(CarbTuple("is", ("Bo", "a cat")), CarbTuple("be", ("Bo", "a cat")))
    (1.0, 1.0)
    """
    g = gold.binary()
    p = pred.binary()
    straight = _match_parts(g, p)
    if not SAID_WORDS & set(g[0]):
        return straight
    swapped = _match_parts(g, (p[0], p[2], p[1]))
    return max(straight, swapped)


def _sentence_numerators(
    gold: Sequence[CarbTuple], preds: Sequence[CarbTuple], scores: list[list[tuple[float, float]]]
) -> tuple[float, float]:
    """(precision numerator, recall numerator) of one sentence for the given predictions."""
    if not preds:
        return (0.0, 0.0)
    recall = sum(max(row[j][1] for j in range(len(preds))) for row in scores)
    pairs = sorted(
        ((scores[i][j][0], i, j) for i in range(len(gold)) for j in range(len(preds))),
        key=lambda x: -x[0],
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    precision = 0.0
    for p, i, j in pairs:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        precision += p
    return (precision, recall)


def score(
    gold: dict[str, list[CarbTuple]], predicted: dict[str, list[CarbTuple]]
) -> tuple[CurvePoint, ...]:
    """The precision-recall curve: one point per distinct confidence (highest first).

    ``gold`` and ``predicted`` are keyed by :func:`sentence_key`; predictions for sentences
    without gold tuples are ignored.

    >>> g = {"s": [CarbTuple("eats", ("cat", "fish"))]}
    >>> score(g, {"s": [CarbTuple("eats", ("cat", "fish"), 0.9)]})[-1]
    CurvePoint(threshold=0.9, precision=1.0, recall=1.0)
    """
    n_gold = sum(len(v) for v in gold.values())
    thresholds = sorted(
        {round(t.confidence, 3) for k, v in predicted.items() if k in gold for t in v}, reverse=True
    )
    matrices = {
        k: [[match(g, p) for p in predicted.get(k, [])] for g in golds] for k, golds in gold.items()
    }
    points = []
    for c in thresholds:
        prec_num = rec_num = 0.0
        n_pred = 0
        for k, golds in gold.items():
            preds = predicted.get(k, [])
            keep = [j for j, p in enumerate(preds) if round(p.confidence, 3) >= c]
            if not keep:
                continue
            n_pred += len(keep)
            sub = [[row[j] for j in keep] for row in matrices[k]]
            p_num, r_num = _sentence_numerators(golds, [preds[j] for j in keep], sub)
            prec_num += p_num
            rec_num += r_num
        points.append(
            CurvePoint(
                threshold=c,
                precision=prec_num / n_pred if n_pred else 0.0,
                recall=rec_num / n_gold if n_gold else 0.0,
            )
        )
    return tuple(points)


def auc(points: Sequence[CurvePoint]) -> float:
    """Area under the precision-recall curve (trapezoids over recall).

    As CaRB does, the curve starts at the point (recall 0, precision 1).

    >>> auc([CurvePoint(0.9, 1.0, 0.5), CurvePoint(0.5, 0.5, 1.0)])
    0.875
    >>> auc([CurvePoint(0.9, 0.5, 0.5)])
    0.375
    """
    pts = sorted(((p.recall, p.precision) for p in points), key=lambda x: (x[0], -x[1]))
    if not pts:
        return 0.0
    area = 0.0
    prev_r, prev_p = 0.0, 1.0
    for r, p in pts:
        area += (r - prev_r) * (p + prev_p) / 2
        prev_r, prev_p = r, p
    return area


def best_point(points: Sequence[CurvePoint]) -> CurvePoint:
    """The point of highest F1 (the zero point when there is none)."""
    return max(points, key=lambda p: p.f1, default=CurvePoint(1.0, 0.0, 0.0))


# --------------------------------------------------------------------------- reading gold


def read_gold(path: str | Path) -> tuple[list[str], dict[str, list[CarbTuple]]]:
    """The sentences and the gold tuples (keyed by :func:`sentence_key`) of a CaRB folder."""
    folder = Path(path)
    sent_file, gold_file = folder / "sentences.txt", folder / "gold.tsv"
    for f in (sent_file, gold_file):
        if not f.is_file():
            raise EvalDataError(f"{folder}: no {f.name} (expected a CaRB folder)")
    sentences = [s.strip() for s in sent_file.read_text(encoding="utf-8").splitlines() if s.strip()]
    gold: dict[str, list[CarbTuple]] = {sentence_key(s): [] for s in sentences}
    for n, line in enumerate(gold_file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) < 3:
            raise EvalDataError(f"{gold_file}:{n}: expected sentence, relation and arguments")
        gold.setdefault(sentence_key(parts[0]), []).append(
            CarbTuple(parts[1].strip(), tuple(a.strip() for a in parts[2:]))
        )
    return sentences, gold


# --------------------------------------------------------------------------- triples → tuples


def _gap(t: Triple, start: int, end: int) -> str:
    """The text of the sentence of ``t`` between two document offsets, stripped."""
    lo, hi = start - t.sentence.start, end - t.sentence.start
    if lo < 0 or hi > len(t.sentence.text) or lo > hi:
        return ""
    return t.sentence.text[lo:hi].strip()


def carb_tuple(t: Triple) -> CarbTuple | None:
    """The surface CaRB tuple of a triple: (predicate surface; subject; object; arguments).

    The tuple follows the sentence, as CaRB gold does:

    * n-ary arguments keep their preposition ("for the Jets"); a preposition that introduces
      the object is already part of the predicate surface ("called for");
    * a passive triple normalized to agent – verb – patient is written back in surface order,
      patient first and "by" before the agent ("the case; was reviewed; by a court");
    * a complementizer between a verb and its clause joins the relation ("indicated that");
    * appositions and titles read as "is".
    """
    subj, obj = t.subject.span, t.object.span if t.object else None
    relation = t.predicate.span.text
    if t.predicate.kind == "apposition":
        relation = "is"
    first, second = subj.text, obj.text if obj else None
    if obj is not None and obj.end <= t.predicate.span.start < subj.start:
        by = _gap(t, t.predicate.span.end, subj.start)
        first, second = obj.text, (f"{by} {subj.text}" if by.lower() == "by" else subj.text)
    elif obj is not None and _gap(t, t.predicate.span.end, obj.start).lower() == "that":
        relation += " that"
    args = [first]
    if second is not None:
        args.append(second)
    args.extend(a.span.text for a in t.arguments)
    if len(args) < 2:
        return None
    return CarbTuple(relation, tuple(args), t.confidence)


def _timed_parse_extract(
    texts: Sequence[str], model: str
) -> tuple[list[list[Triple]], float, float, int]:
    """Parse ``texts`` (one document each) and extract; (triples, parse s, extract s, sentences)."""
    from kgbuild.extract import extract_triples
    from kgbuild.nlp import load_model

    nlp = load_model(model)
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse_s = time.perf_counter() - t0
    n_sents = sum(1 for d in docs for _ in d.sents)
    t1 = time.perf_counter()
    triples = [list(extract_triples(d, doc_id=str(i))) for i, d in enumerate(docs)]
    extract_s = time.perf_counter() - t1
    return triples, parse_s, extract_s, n_sents


def _samples(
    gold: dict[str, list[CarbTuple]],
    predicted: dict[str, list[CarbTuple]],
    threshold: float,
    sentences: Iterable[str],
    n: int,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Gold tuples no kept prediction recalls well, and kept predictions no gold tuple backs."""
    misses: list[str] = []
    false_hits: list[str] = []
    for s in sentences:
        k = sentence_key(s)
        preds = [p for p in predicted.get(k, []) if round(p.confidence, 3) >= threshold]
        for g in gold.get(k, []):
            if len(misses) < n and max((match(g, p)[1] for p in preds), default=0.0) < 0.5:
                misses.append(f"{s}\n    gold {g.line()}")
        for p in preds:
            if (
                len(false_hits) < n
                and max((match(g, p)[0] for g in gold.get(k, [])), default=0.0) < 0.5
            ):
                false_hits.append(f"{s}\n    got  {p.line()} conf {p.confidence:.2f}")
        if len(misses) >= n and len(false_hits) >= n:
            break
    return tuple(misses), tuple(false_hits)


def evaluate(path: str | Path, *, sample: int = 10, model: str = DEFAULT_MODEL) -> CarbResult:
    """Parse every CaRB sentence, extract, and score the tuples against the gold."""
    sentences, gold = read_gold(path)
    triples, parse_s, extract_s, n_sents = _timed_parse_extract(sentences, model)
    predicted: dict[str, list[CarbTuple]] = {}
    for s, ts in zip(sentences, triples, strict=True):
        tuples = [c for c in map(carb_tuple, ts) if c is not None]
        predicted.setdefault(sentence_key(s), []).extend(tuples)
    curve = score(gold, predicted)
    best = best_point(curve)
    misses, false_hits = _samples(gold, predicted, best.threshold, sentences, sample)
    per_k = 1000 / max(n_sents, 1) * 1000
    return CarbResult(
        sentences=len(sentences),
        gold_tuples=sum(len(v) for v in gold.values()),
        predicted_tuples=sum(len(v) for v in predicted.values()),
        precision=best.precision,
        recall=best.recall,
        f1=best.f1,
        auc=auc(curve),
        threshold=best.threshold,
        parse_ms_per_1000=parse_s * per_k,
        extract_ms_per_1000=extract_s * per_k,
        curve=curve,
        misses=misses,
        false_hits=false_hits,
        model=model,
    )


def report(result: CarbResult) -> str:
    """The figures and samples of a CaRB run, for people."""
    r = result
    lines = [
        f"CaRB: {r.sentences} sentences, {r.gold_tuples} gold tuples, "
        f"{r.predicted_tuples} predicted (model {r.model})",
        f"  precision {r.precision:.3f}  recall {r.recall:.3f}  F1 {r.f1:.3f}  "
        f"AUC {r.auc:.3f}  (best F1 at confidence >= {r.threshold:.3f})",
        f"  time per 1,000 sentences: extraction {r.extract_ms_per_1000 / 1000:.2f} s, "
        f"spaCy parse {r.parse_ms_per_1000 / 1000:.2f} s "
        f"({100 * r.extract_ms_per_1000 / max(r.parse_ms_per_1000, 1e-9):.0f}% of parse)",
    ]
    if r.misses:
        lines += ["", f"misses ({len(r.misses)}):"] + ["  " + m for m in r.misses]
    if r.false_hits:
        lines += ["", f"false hits ({len(r.false_hits)}):"] + ["  " + m for m in r.false_hits]
    return "\n".join(lines)


__all__ = [
    "CarbResult",
    "CarbTuple",
    "CurvePoint",
    "auc",
    "best_point",
    "carb_tuple",
    "evaluate",
    "match",
    "read_gold",
    "report",
    "score",
    "sentence_key",
]
