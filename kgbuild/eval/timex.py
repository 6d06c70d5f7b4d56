"""Time normalization and negation against MEANTIME (``kgbuild eval timex DIR``).

Each article of ``docs/*.json`` is parsed whole; its article date is the gold ``dct``.

* **DATE normalization**: every gold TIMEX3 of type DATE with text (the creation time itself,
  i.e. the article date, is left out) is matched to the time expression of ours that overlaps
  it most. *Accuracy* is the share of matched expressions whose TIMEX3 value equals the gold
  value; *detection* the share of gold expressions matched at all; *end to end* the share of
  all gold expressions we both find and normalize right.
* **Negation**: gold event mentions with polarity POS or NEG. *Agreement (all mentions)* checks
  :func:`kgbuild.events.factuality.negated` on the head word of every mention; *agreement
  (triples)* checks the ``negated`` flag of the triples the pipeline extracts whose predicate
  head overlaps a mention.

>>> values_match("2022-02-15", "2022-02-15"), values_match("2022-02", "2022-02-15")
(True, False)
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgbuild.engine.analysis import analyze
from kgbuild.errors import EvalDataError
from kgbuild.events import factuality
from kgbuild.events.timex import find_timexes
from kgbuild.nlp import DEFAULT_MODEL, load_model
from kgbuild.records import Article, Span


@dataclass(frozen=True, slots=True)
class TimexCase:
    """One gold DATE expression and what we made of it."""

    doc: str
    text: str
    gold: str
    predicted: str | None  # None: not found
    found_text: str
    dct: str


@dataclass(frozen=True, slots=True)
class TimexResult:
    """The figures of one run and samples to read."""

    documents: int
    gold_dates: int
    found: int
    correct: int
    accuracy: float  # correct / found
    detection: float  # found / gold_dates
    end_to_end: float  # correct / gold_dates
    polarity_mentions: int
    polarity_agree: int
    polarity_agreement: float
    neg_gold: int
    neg_predicted: int
    neg_both: int
    triple_mentions: int
    triple_agree: int
    triple_agreement: float
    seconds: float
    errors: tuple[TimexCase, ...] = ()
    missed: tuple[TimexCase, ...] = ()
    polarity_errors: tuple[str, ...] = ()


def values_match(predicted: str | None, gold: str) -> bool:
    """Exact TIMEX3 value match (case-insensitive)."""
    return predicted is not None and predicted.upper() == gold.upper()


def _load(path: Path) -> list[dict[str, Any]]:
    docs_dir = path / "docs"
    files = sorted(docs_dir.glob("*.json")) if docs_dir.is_dir() else []
    if not files:
        raise EvalDataError(f"{path}: no docs/*.json annotation files (is this a MEANTIME folder?)")
    out = []
    for f in files:
        try:
            d = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise EvalDataError(f"{f}: cannot read ({exc})") from None
        if not {"text", "timex3", "event_mentions"} <= set(d):
            raise EvalDataError(f"{f}: not a MEANTIME annotation (text, timex3, event_mentions)")
        out.append(d)
    return out


def gold_dates(d: dict[str, Any]) -> list[dict[str, Any]]:
    """The gold DATE expressions of a document that are scored."""
    return [
        t
        for t in d["timex3"]
        if t.get("type") == "DATE"
        and t.get("text")
        and t.get("functionInDocument") != "CREATION_TIME"
    ]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def evaluate(path: str | Path, *, sample: int = 10, model: str = DEFAULT_MODEL) -> TimexResult:
    """Score time normalization and negation on a MEANTIME folder."""
    t0 = time.perf_counter()
    docs = _load(Path(path))
    nlp = load_model(model)
    cases: list[TimexCase] = []
    pol_total = pol_agree = neg_gold = neg_pred = neg_both = 0
    tri_total = tri_agree = 0
    pol_errors: list[str] = []
    for d, doc in zip(docs, nlp.pipe(d["text"] for d in docs), strict=True):
        doc_id = str(d.get("doc_id") or d.get("doc_name"))
        dct = str(d.get("dct") or "")
        ours = find_timexes(doc, dct or None)
        for g in gold_dates(d):
            span = (int(g["start"]), int(g["end"]))
            best = max(ours, key=lambda x: _overlap(span, (x.span.start, x.span.end)), default=None)
            if best is None or _overlap(span, (best.span.start, best.span.end)) == 0:
                cases.append(TimexCase(doc_id, g["text"], g["value"], None, "", dct))
            else:
                cases.append(
                    TimexCase(doc_id, g["text"], g["value"], best.value, best.span.text, dct)
                )
        article = Article(
            id=doc_id, text=d["text"], title=str(d.get("title") or ""), date=dct or None
        )
        triples = analyze(doc, article).triples
        for m in d["event_mentions"]:
            if m.get("polarity") not in {"POS", "NEG"}:
                continue
            s, e = int(m["start"]), int(m["end"])
            cs = doc.char_span(s, e, alignment_mode="expand")
            if cs is None or not len(cs):
                continue
            gold_neg = m["polarity"] == "NEG"
            ours_neg = factuality.negated(cs.root)
            pol_total += 1
            pol_agree += gold_neg == ours_neg
            neg_gold += gold_neg
            neg_pred += ours_neg
            neg_both += gold_neg and ours_neg
            if gold_neg != ours_neg and len(pol_errors) < sample:
                sent = cs.root.sent.text.strip().replace("\n", " ")
                pol_errors.append(
                    f"{'NEG' if gold_neg else 'POS'} gold, ours {ours_neg}: {m['text']!r} in {sent[:160]}"
                )
            hits = [
                t
                for t in triples
                if (h := t.predicate.head or t.predicate.span) is not None
                and h.overlaps(Span(s, e, m["text"]))
            ]
            if hits:
                tri_total += 1
                tri_agree += gold_neg == any(t.negated for t in hits)
    found = [c for c in cases if c.predicted is not None or c.found_text]
    correct = [c for c in found if values_match(c.predicted, c.gold)]
    errors = tuple(c for c in found if not values_match(c.predicted, c.gold))
    missed = tuple(c for c in cases if not c.found_text)
    n = len(cases)
    return TimexResult(
        documents=len(docs),
        gold_dates=n,
        found=len(found),
        correct=len(correct),
        accuracy=round(len(correct) / len(found), 4) if found else 0.0,
        detection=round(len(found) / n, 4) if n else 0.0,
        end_to_end=round(len(correct) / n, 4) if n else 0.0,
        polarity_mentions=pol_total,
        polarity_agree=pol_agree,
        polarity_agreement=round(pol_agree / pol_total, 4) if pol_total else 0.0,
        neg_gold=neg_gold,
        neg_predicted=neg_pred,
        neg_both=neg_both,
        triple_mentions=tri_total,
        triple_agree=tri_agree,
        triple_agreement=round(tri_agree / tri_total, 4) if tri_total else 0.0,
        seconds=round(time.perf_counter() - t0, 1),
        errors=errors[:sample],
        missed=missed[:sample],
        polarity_errors=tuple(pol_errors),
    )


def report(r: TimexResult) -> str:
    """The figures as text, with samples of wrong values and misses."""

    def pr(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "n/a"

    lines = [
        f"MEANTIME time expressions and negation — {r.documents} documents, {r.seconds:.0f} s",
        "",
        f"DATE normalization accuracy   {r.accuracy:.3f}  ({r.correct}/{r.found} found expressions)",
        f"DATE detection                {r.detection:.3f}  ({r.found}/{r.gold_dates} gold expressions)",
        f"DATE end to end               {r.end_to_end:.3f}  ({r.correct}/{r.gold_dates})",
        "",
        f"negation agreement, all event mentions   {r.polarity_agreement:.3f}  "
        f"({r.polarity_agree}/{r.polarity_mentions})",
        f"  NEG precision {pr(r.neg_both, r.neg_predicted)}  recall {pr(r.neg_both, r.neg_gold)}  "
        f"({r.neg_both} both, {r.neg_predicted} ours, {r.neg_gold} gold)",
        f"negation agreement, extracted triples    {r.triple_agreement:.3f}  "
        f"({r.triple_agree}/{r.triple_mentions} mentions with a triple)",
    ]
    if r.errors:
        lines += ["", "wrong values (text | ours | gold | article date):"]
        lines += [
            f"  {c.text!r} [{c.found_text!r}] | {c.predicted} | {c.gold} | {c.dct}"
            for c in r.errors
        ]
    if r.missed:
        lines += ["", "gold expressions not found:"]
        lines += [f"  {c.text!r} | {c.gold} | {c.dct}" for c in r.missed]
    if r.polarity_errors:
        lines += ["", "negation disagreements:"]
        lines += [f"  {e}" for e in r.polarity_errors]
    return "\n".join(lines)


__all__ = ["TimexCase", "TimexResult", "evaluate", "gold_dates", "report", "values_match"]
