"""Open IE tuples against the CaRB benchmark (``kgbuild eval carb DIR``), scored as CaRB scores.

The folder holds ``sentences.txt`` (one sentence a line) and ``gold.tsv`` (``sentence \\t
relation \\t arg1 \\t arg2 [\\t arg3 ...]``). The sentences are extracted as ``kgbuild extract
--lines`` extracts them, each record becomes CaRB's tabbed line (``sentence, confidence,
predicate, subject, object, further arguments``: the surface texts of the record), and the
tuples are scored by a faithful port of CaRB's own scorer (``carb.py`` and the
``binary_linient_tuple_match`` of ``matcher.py``, Bhardwaj, Aggarwal and Mausam, EMNLP 2019;
MIT licence, Copyright (c) 2019 Sangnie Bhardwaj, Samarth Aggarwal, Mausam). What the port
keeps of CaRB, so that its figures are CaRB's to the third decimal:

* lines are read as CaRB's readers read them: stripped, then split on tabs (so a record with
  no object and no further argument has one argument and matches nothing); gold arguments
  holding ``"C: "`` are skipped;
* sentences are matched after removing spaces and ASCII punctuation (PTB brackets unescaped);
* words are compared as written, case included; a relation matches only when a relation word
  of the gold tuple is in the predicted relation ("be" in the prediction matches a form of
  *be*); arguments beyond the first are joined into one; for gold relations holding "said",
  "told", "added", "adds" or "says" (as text: "unsaid" holds "said") the predicted arguments may
  be compared swapped;
* per confidence threshold: recall sums each gold tuple's best recall; precision assigns
  predictions to gold tuples greedily by precision; the best F1 and the area under the curve
  (from recall 0, precision 1) are reported, rounded to three decimals.

>>> g = Extraction("plays", ["He", "chess"], 1.0)
>>> linient_match(g, Extraction("plays", ["He", "chess"], 0.5))
(1.0, 1.0)
>>> linient_match(g, Extraction("plays", ["He"], 0.5))
(0.0, 0.0)
"""

from __future__ import annotations

import re
import string
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgbuild.engine.extraction import records_for
from kgbuild.errors import EvalDataError
from kgbuild.ingest import content_hash
from kgbuild.nlp import DEFAULT_MODEL
from kgbuild.records import Article

#: Forms of *be* that "be" in a predicted relation matches.
BE_FORMS = ("be", "is", "am", "are", "was", "were", "been", "being")
#: Relations whose arguments may be compared swapped (a substring test, as CaRB does).
SAID_WORDS = ("said", "told", "added", "adds", "says", "adds")

_PUNCT = re.compile(f"[{re.escape(string.punctuation)}]")
_PTB = (
    ("(", "-LRB-"),
    (")", "-RRB-"),
    ("[", "-LSB-"),
    ("]", "-RSB-"),
    ("{", "-LCB-"),
    ("}", "-RCB-"),
)


@dataclass(frozen=True, slots=True)
class Extraction:
    """One tuple: relation, arguments (arg1 first), confidence."""

    pred: str
    args: list[str]
    confidence: float = 1.0

    def line(self) -> str:
        """The tuple for people: ``(arg1; relation; arg2; ...)``."""
        first = self.args[0] if self.args else ""
        return "(" + "; ".join((first, self.pred, *self.args[1:])) + ")"


@dataclass(frozen=True, slots=True)
class CarbResult:
    """The figures of one CaRB run and samples to read."""

    sentences: int
    gold_tuples: int
    predicted_tuples: int
    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float
    seconds: float
    misses: tuple[str, ...] = ()
    false_hits: tuple[str, ...] = ()
    model: str = DEFAULT_MODEL


# --------------------------------------------------------------------------- reading


def normalize_key(sentence: str) -> str:
    """How CaRB matches sentences: spaces removed, PTB brackets unescaped, punctuation removed.

    >>> normalize_key("He said , -LRB- yes -RRB- .") == normalize_key("He said, (yes).")
    True
    """
    s = sentence.replace(" ", "")
    for char, escaped in _PTB:
        s = s.replace(escaped, char)
    return _PUNCT.sub("", s)


def read_tabbed(lines: Iterable[str]) -> dict[str, list[Extraction]]:
    """Predictions in CaRB's tabbed format (``sentence, confidence, relation, arg1, ...``),
    keyed by :func:`normalize_key`, read as CaRB's ``TabReader`` reads them.

    >>> read_tabbed(["Bo ran .\\t0.5\\tran\\tBo\\t"])["Boran"][0].args
    ['Bo']
    """
    raw: dict[str, list[Extraction]] = {}
    for line in lines:
        if not line.strip():
            continue
        data = line.strip().split("\t")
        text, confidence, rel = data[:3]
        raw[text] = [*raw.get(text, []), Extraction(rel, list(data[3:]), float(confidence))]
    return {normalize_key(k): v for k, v in raw.items()}


def read_gold(path: str | Path) -> tuple[list[str], dict[str, list[Extraction]]]:
    """The sentences and the gold tuples (keyed by :func:`normalize_key`) of a CaRB folder."""
    folder = Path(path)
    sent_file, gold_file = folder / "sentences.txt", folder / "gold.tsv"
    for f in (sent_file, gold_file):
        if not f.is_file():
            raise EvalDataError(f"{folder}: no {f.name} (expected a CaRB folder)")
    sentences = [s.strip() for s in sent_file.read_text(encoding="utf-8").splitlines() if s.strip()]
    raw: dict[str, list[Extraction]] = {}
    for n, line in enumerate(gold_file.read_text(encoding="utf-8").splitlines(), 1):
        data = line.strip().split("\t")
        if len(data) < 2:
            if line.strip():
                raise EvalDataError(f"{gold_file}:{n}: expected sentence, relation and arguments")
            continue
        args = [a.strip() for a in data[2:] if "C: " not in a]
        raw.setdefault(data[0].strip(), []).append(Extraction(data[1].strip(), args, 1.0))
    return sentences, {normalize_key(k): v for k, v in raw.items()}


def tabbed_line(sentence: str, rec: Mapping[str, Any]) -> str:
    """The CaRB line of one ``kgbuild extract`` record: predicate, subject, object, then each
    further argument, as written.

    >>> tabbed_line("Bo ran home.", {"confidence": 0.5, "predicate_text": "ran",
    ...     "subject_text": "Bo", "object_text": "", "arguments": [{"text": "home"}]})
    'Bo ran home.\\t0.5\\tran\\tBo\\t\\thome'
    """
    args = [rec["subject_text"], rec["object_text"], *(a["text"] for a in rec["arguments"])]
    return "\t".join([sentence, str(rec["confidence"]), rec["predicate_text"], *args])


# --------------------------------------------------------------------------- matching


def _count(gold_words: list[str], predicted_words: list[str]) -> int:
    """Gold words found in the prediction, each predicted word used once (CaRB's loop)."""
    n = 0
    for w in gold_words:
        if w in predicted_words:
            n += 1
            predicted_words.remove(w)
    return n


def _linient(ref_pred: str, ref_args: list[str], pred: str, args: list[str]) -> tuple[float, float]:
    p_num = p_den = r_num = r_den = 0
    predicted_words = pred.split()
    gold_words = ref_pred.split()
    p_den += len(predicted_words)
    r_den += len(gold_words)
    matching = _count(gold_words, predicted_words)
    if "be" in predicted_words:
        for form in BE_FORMS:
            if form in gold_words:
                matching += 1
                predicted_words.remove("be")
                break
    if matching == 0:
        return (0.0, 0.0)
    p_num += matching
    r_num += matching
    for i, ref_arg in enumerate(ref_args):
        gold_words = ref_arg.split()
        r_den += len(gold_words)
        if len(args) <= i:
            if i < 2:
                return (0.0, 0.0)
            continue
        predicted_words = args[i].split()
        p_den += len(predicted_words)
        matching = _count(gold_words, predicted_words)
        p_num += matching
        r_num += matching
    return (p_num / p_den if p_den else 0.0, r_num / r_den if r_den else 0.0)


def _binary(args: list[str]) -> list[str]:
    return [args[0], " ".join(args[1:])] if len(args) >= 2 else args


def linient_match(gold: Extraction, pred: Extraction) -> tuple[float, float]:
    """(precision, recall) of a prediction against a gold tuple: CaRB's
    ``binary_linient_tuple_match``.

    >>> linient_match(Extraction("said", ["Li", "it rains"]), Extraction("said", ["it rains", "Li"]))
    (1.0, 1.0)
    >>> linient_match(Extraction("is", ["Bo", "a cat"]), Extraction("be", ["Bo", "a cat"]))
    (1.0, 1.0)
    """
    ref_args, args = _binary(gold.args), _binary(pred.args)
    straight = _linient(gold.pred, ref_args, pred.pred, args)
    if not any(w in gold.pred for w in SAID_WORDS):
        return straight
    swapped = [" ".join(pred.args[1:]), pred.args[0]] if len(pred.args) >= 2 else pred.args
    return max(straight, _linient(gold.pred, ref_args, pred.pred, swapped))


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class Curve:
    """Precision and recall at each confidence threshold (ascending), as CaRB computes them."""

    thresholds: tuple[float, ...]
    precision: tuple[float, ...]
    recall: tuple[float, ...]

    @property
    def f1(self) -> tuple[float, ...]:
        return tuple(
            2 * p * r / (p + r) if p + r else 0.0
            for p, r in zip(self.precision, self.recall, strict=True)
        )

    def best(self) -> tuple[float, float, float, float]:
        """(precision, recall, F1, threshold) at the first threshold of best F1; zeros when
        there is no prediction."""
        f1 = self.f1
        if not f1:
            return (0.0, 0.0, 0.0, 0.0)
        i = max(range(len(f1)), key=lambda k: (f1[k], -k))
        return (self.precision[i], self.recall[i], f1[i], self.thresholds[i])

    def auc(self) -> float:
        """The area under the curve, closed at (recall 0, precision 1), by trapezoids over a
        recall that falls as the threshold rises."""
        rec = [*self.recall, 0.0]
        prec = [*self.precision, 1.0]
        return sum((rec[i] - rec[i + 1]) * (prec[i] + prec[i + 1]) / 2 for i in range(len(rec) - 1))


def score(
    gold: Mapping[str, Sequence[Extraction]], predicted: Mapping[str, Sequence[Extraction]]
) -> Curve:
    """CaRB's ``Benchmark.compare``: the precision-recall curve over every predicted confidence.

    >>> g = {"s": [Extraction("eats", ["cat", "fish"])]}
    >>> c = score(g, {"s": [Extraction("eats", ["cat", "fish"], 0.9)]})
    >>> c.best()
    (1.0, 1.0, 1.0, 0.9)
    """
    thresholds = sorted({e.confidence for exs in predicted.values() for e in exs})
    index = {c: i for i, c in enumerate(thresholds)}
    n = len(thresholds)
    p, pl, r, rl = [0.0] * n, [0] * n, [0.0] * n, [0] * n
    for sent, golds in gold.items():
        preds = list(predicted.get(sent, ()))
        scores = [[linient_match(g, e) for e in preds] for g in golds]
        prev_c = 0
        for conf in sorted(e.confidence for e in preds):
            c = index[conf]
            kept = [j for j, e in enumerate(preds) if e.confidence >= conf]
            recall = sum(max((row[j][1] for j in kept), default=0.0) for row in scores)
            precision = 0.0
            rows: list[int] = []
            cols: list[int] = []
            for _ in range(min(len(scores), len(kept))):
                best, bi, bj = -1.0, -1, -1
                for i in range(len(scores)):
                    if i in rows:
                        continue
                    for j in kept:
                        if j not in cols and scores[i][j][0] > best:
                            best, bi, bj = scores[i][j][0], i, j
                rows.append(bi)
                cols.append(bj)
                precision += scores[bi][bj][0]
            for k in range(prev_c, c + 1):
                p[k] += precision
                pl[k] += len(kept)
                r[k] += recall
                rl[k] += len(scores)
            prev_c = c + 1
        for k in range(prev_c, n):
            rl[k] += len(scores)
    return Curve(
        tuple(thresholds),
        tuple(a / b if b > 0 else 1.0 for a, b in zip(p, pl, strict=True)),
        tuple(a / b if b > 0 else 0.0 for a, b in zip(r, rl, strict=True)),
    )


# --------------------------------------------------------------------------- running


def predictions(sentences: Sequence[str], model: str = DEFAULT_MODEL) -> tuple[list[str], float]:
    """The tabbed lines of ``kgbuild extract --lines`` over the sentences, and the seconds taken."""
    t0 = time.perf_counter()
    docs = [
        Article(id=str(n), text=s, title="", content_hash=content_hash(s))
        for n, s in enumerate(sentences, 1)
    ]
    lines = [
        tabbed_line(sentences[int(rec["doc"]) - 1], rec) for rec in records_for(docs, model=model)
    ]
    return lines, time.perf_counter() - t0


def _samples(
    gold: Mapping[str, Sequence[Extraction]],
    predicted: Mapping[str, Sequence[Extraction]],
    sentences: Iterable[str],
    threshold: float,
    n: int,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Gold tuples no kept prediction recalls well, and kept predictions no gold tuple backs."""
    misses: list[str] = []
    false_hits: list[str] = []
    for s in sentences:
        k = normalize_key(s)
        preds = [e for e in predicted.get(k, ()) if e.confidence >= threshold]
        for g in gold.get(k, ()):
            if len(misses) < n and max((linient_match(g, e)[1] for e in preds), default=0) < 0.5:
                misses.append(f"{s}\n    gold {g.line()}")
        for e in preds:
            best = max((linient_match(g, e)[0] for g in gold.get(k, ())), default=0.0)
            if len(false_hits) < n and best < 0.5:
                false_hits.append(f"{s}\n    got  {e.line()} conf {e.confidence:.3f}")
        if len(misses) >= n and len(false_hits) >= n:
            break
    return tuple(misses), tuple(false_hits)


def evaluate(path: str | Path, *, sample: int = 10, model: str = DEFAULT_MODEL) -> CarbResult:
    """Extract every CaRB sentence as ``kgbuild extract --lines`` does and score the tuples with
    CaRB's rules."""
    sentences, gold = read_gold(path)
    lines, seconds = predictions(sentences, model)
    predicted = read_tabbed(lines)
    curve = score(gold, predicted)
    p, r, f1, threshold = curve.best()
    misses, false_hits = _samples(gold, predicted, sentences, threshold, sample)
    return CarbResult(
        sentences=len(sentences),
        gold_tuples=sum(len(v) for v in gold.values()),
        predicted_tuples=sum(len(v) for v in predicted.values()),
        precision=round(p, 3),
        recall=round(r, 3),
        f1=round(f1, 3),
        auc=round(curve.auc(), 3),
        threshold=threshold,
        seconds=seconds,
        misses=misses,
        false_hits=false_hits,
        model=model,
    )


def report(result: CarbResult) -> str:
    """The figures and samples of a CaRB run, for people."""
    r = result
    lines = [
        f"CaRB: {r.sentences} sentences, {r.gold_tuples} gold tuples, "
        f"{r.predicted_tuples} predicted by 'kgbuild extract --lines' (model {r.model})",
        f"  F1 {r.f1:.3f}  precision {r.precision:.3f}  recall {r.recall:.3f}  AUC {r.auc:.3f}  "
        f"(CaRB's scorer; best F1 at confidence >= {r.threshold:.3f})",
        f"  extraction took {r.seconds:.1f} s",
    ]
    if r.misses:
        lines += ["", f"misses ({len(r.misses)}):"] + ["  " + m for m in r.misses]
    if r.false_hits:
        lines += ["", f"false hits ({len(r.false_hits)}):"] + ["  " + m for m in r.false_hits]
    return "\n".join(lines)


__all__ = [
    "CarbResult",
    "Curve",
    "Extraction",
    "evaluate",
    "linient_match",
    "normalize_key",
    "predictions",
    "read_gold",
    "read_tabbed",
    "report",
    "score",
    "tabbed_line",
]
