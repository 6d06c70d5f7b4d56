"""Event participants against MEANTIME (``kgbuild eval meantime DIR``).

The folder holds ``text/ID.txt`` (an article) and ``docs/*.json`` (its annotation: mentions with
character offsets into that text, participants with PropBank roles, coreference). Each article
is parsed whole and its triples are scored as ``../shared/eval/README.md`` describes:

* **recall** of (event, Arg0) and (event, Arg1) pairs: a triple covers a pair when its predicate
  span overlaps the event mention and its subject (Arg0) or object (Arg1) span overlaps the
  participant mention or a mention coreferent with it;
* **precision** over the triples whose predicate overlaps an annotated event mention that has
  an Arg0 or Arg1 participant: a triple is right when it covers at least one pair of such an
  event.

>>> a, b = Span(0, 3, "Bob"), Span(4, 8, "sold")
>>> covers(b, a, None, GoldPair("d", "e1", b, "Arg0", (a,)))
True
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgbuild.errors import EvalDataError
from kgbuild.nlp import DEFAULT_MODEL
from kgbuild.records import PATIENT, Span, Triple

#: The participant roles scored, and the triple part that must cover each.
ROLES = {"Arg0": "subject", "Arg1": "object"}


#: Predicate kinds whose subject is PropBank's Arg1 (the copula *be*).
COPULA_KINDS = frozenset({"copula"})

#: The precision at which the recall of an operating point is reported.
PRECISION_TARGET = 0.85

_MENTION_KINDS = ("entity_mentions", "event_mentions", "timex3", "values")


@dataclass(frozen=True, slots=True)
class GoldPair:
    """One (event mention, role, participant) link, with the participant's coreferent spans."""

    doc: str
    event_id: str
    event: Span
    role: str
    targets: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One annotated article: its text, its event mentions and its Arg0/Arg1 pairs."""

    id: str
    text: str
    events: tuple[Span, ...]
    pairs: tuple[GoldPair, ...]


@dataclass(frozen=True, slots=True)
class MeantimeResult:
    """The figures of one MEANTIME run and samples to read."""

    documents: int
    sentences: int
    gold_pairs: int
    covered_pairs: int
    arg0_recall: float
    arg1_recall: float
    recall: float
    scored_triples: int
    correct_triples: int
    precision: float
    f1: float
    parse_ms_per_1000: float
    extract_ms_per_1000: float
    operating: OperatingPoint | None = None
    misses: tuple[str, ...] = ()
    false_hits: tuple[str, ...] = ()
    model: str = DEFAULT_MODEL


# --------------------------------------------------------------------------- reading gold


def _span(m: dict[str, Any]) -> Span:
    return Span(int(m["start"]), int(m["end"]), str(m["text"]))


def _gold_doc(data: dict[str, Any], text: str) -> GoldDoc:
    mentions: dict[str, Span] = {}
    for kind in _MENTION_KINDS:
        for m in data.get(kind, []):
            if m.get("start") is not None and m.get("end") is not None:
                mentions[str(m["id"])] = _span(m)
    clusters: dict[str, tuple[str, ...]] = {}
    for inst in (*data.get("entities", []), *data.get("events", [])):
        ms = tuple(str(x) for x in inst.get("mentions", []))
        for m in ms:
            clusters[m] = tuple(dict.fromkeys(clusters.get(m, ()) + ms))
    events = tuple(_span(m) for m in data.get("event_mentions", []))
    doc_id = str(data["doc_id"])
    pairs = []
    for p in data.get("participants", []):
        role = p.get("sem_role")
        ev, target = str(p.get("event_mention")), str(p.get("target"))
        ids = (target, *[m for m in clusters.get(target, ()) if m != target])
        spans = tuple(mentions[m] for m in ids if m in mentions)
        if role not in ROLES or ev not in mentions or not spans:
            continue
        pairs.append(GoldPair(doc_id, ev, mentions[ev], role, spans))
    unique = tuple(dict.fromkeys(pairs))
    return GoldDoc(doc_id, text, events, unique)


def read_gold(path: str | Path) -> list[GoldDoc]:
    """The annotated articles of a MEANTIME folder (``docs/*.json`` with ``text/ID.txt``)."""
    folder = Path(path)
    files = sorted((folder / "docs").glob("*.json"))
    if not files:
        raise EvalDataError(f"{folder}: no docs/*.json (expected a MEANTIME folder)")
    docs = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
            text_file = folder / "text" / f"{data['doc_id']}.txt"
            text = text_file.read_text(encoding="utf-8")
        except (OSError, ValueError, KeyError) as exc:
            raise EvalDataError(f"{f}: cannot read the annotation or its text: {exc}") from None
        docs.append(_gold_doc(data, text))
    return docs


# --------------------------------------------------------------------------- scoring


def covers(
    predicate: Span,
    subject: Span | None,
    obj: Span | None,
    pair: GoldPair,
    *,
    patient_subject: bool = False,
) -> bool:
    """Whether a triple with these spans covers a gold pair.

    The subject answers Arg0, the object Arg1; a subject that undergoes the event
    (``patient_subject``: role ``"patient"``, "the plant was closed", or the subject of a
    copula, PropBank's Arg1 of *be*) answers Arg1 instead, and the object of such a triple is a
    further role (Arg2: "was sold *to Y*", "is *profitable*"), not scored.

    >>> plant, closed = Span(0, 9, "The plant"), Span(10, 20, "was closed")
    >>> arg1 = GoldPair("d", "e", closed, "Arg1", (plant,))
    >>> covers(closed, plant, None, arg1), covers(closed, plant, None, arg1, patient_subject=True)
    (False, True)
    """
    if not predicate.overlaps(pair.event):
        return False
    if patient_subject:
        arg = subject if ROLES[pair.role] == "object" else None
    else:
        arg = subject if ROLES[pair.role] == "subject" else obj
    return arg is not None and any(arg.overlaps(t) for t in pair.targets)


def patient_subject(t: Triple) -> bool:
    """Whether the subject of ``t`` is PropBank's Arg1: a patient (role ``"patient"``) or the
    subject of a copula (*be* has no Arg0: "it would be profitable" → Arg1 = it)."""
    return t.subject.role == PATIENT or t.predicate.kind in COPULA_KINDS


def _covers_triple(t: Triple, pair: GoldPair) -> bool:
    return covers(
        t.predicate.span,
        t.subject.span,
        t.object.span if t.object else None,
        pair,
        patient_subject=patient_subject(t),
    )


@dataclass(frozen=True, slots=True)
class Counts:
    """Raw counts of a scoring run, and the confidences behind them for a threshold sweep.

    ``pair_confidence`` holds, per gold pair, the highest confidence of a triple covering it
    (-1 when none does); ``triple_confidence`` holds (confidence, correct) per scored triple.
    """

    gold: dict[str, int]
    covered: dict[str, int]
    scored: int
    correct: int
    pair_confidence: tuple[float, ...] = ()
    triple_confidence: tuple[tuple[float, bool], ...] = ()


@dataclass(frozen=True, slots=True)
class OperatingPoint:
    threshold: float
    precision: float
    recall: float


def curve(c: Counts) -> tuple[OperatingPoint, ...]:
    """Precision and recall of the triples at or above each confidence (highest first).

    >>> c = Counts({}, {}, 2, 1, (0.9, -1.0), ((0.9, True), (0.4, False)))
    >>> curve(c)
    (OperatingPoint(threshold=0.9, precision=1.0, recall=0.5), OperatingPoint(threshold=0.4, precision=0.5, recall=0.5))
    """
    thresholds = sorted(
        {conf for conf, _ in c.triple_confidence} | {x for x in c.pair_confidence if x >= 0},
        reverse=True,
    )
    n_pairs = len(c.pair_confidence)
    points = []
    for th in thresholds:
        kept = [ok for conf, ok in c.triple_confidence if conf >= th]
        covered = sum(1 for x in c.pair_confidence if x >= th)
        points.append(OperatingPoint(th, _ratio(sum(kept), len(kept)), _ratio(covered, n_pairs)))
    return tuple(points)


def operating_point(
    points: Sequence[OperatingPoint], min_precision: float
) -> OperatingPoint | None:
    """The point of highest recall whose precision is at least ``min_precision``."""
    ok = [p for p in points if p.precision >= min_precision]
    return max(ok, key=lambda p: (p.recall, p.precision), default=None)


def score(gold: Sequence[GoldDoc], predicted: Mapping[str, Sequence[Triple]]) -> Counts:
    """Count covered pairs per role, and scored and correct triples.

    >>> ev, who = Span(4, 8, "sold"), Span(0, 3, "Bob")
    >>> g = [GoldDoc("d", "Bob sold", (ev,), (GoldPair("d", "e", ev, "Arg0", (who,)),))]
    >>> score(g, {}).covered, score(g, {}).scored
    ({'Arg0': 0, 'Arg1': 0}, 0)
    """
    gold_n = {r: 0 for r in ROLES}
    covered_n = {r: 0 for r in ROLES}
    scored = correct = 0
    pair_conf: list[float] = []
    triple_conf: list[tuple[float, bool]] = []
    for doc in gold:
        triples = predicted.get(doc.id, ())
        for pair in doc.pairs:
            gold_n[pair.role] += 1
            confs = [t.confidence for t in triples if _covers_triple(t, pair)]
            if confs:
                covered_n[pair.role] += 1
            pair_conf.append(max(confs, default=-1.0))
        with_pairs = {p.event for p in doc.pairs}
        for t in triples:
            if not any(t.predicate.span.overlaps(e) for e in with_pairs):
                continue
            scored += 1
            ok = any(_covers_triple(t, p) for p in doc.pairs)
            correct += ok
            triple_conf.append((t.confidence, ok))
    return Counts(gold_n, covered_n, scored, correct, tuple(pair_conf), tuple(triple_conf))


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


# --------------------------------------------------------------------------- running


def _timed_parse_extract(
    docs: Sequence[GoldDoc], model: str
) -> tuple[dict[str, list[Triple]], float, float, int]:
    from kgbuild.extract import extract_triples
    from kgbuild.nlp import load_model

    nlp = load_model(model)
    t0 = time.perf_counter()
    parsed = list(nlp.pipe((d.text for d in docs), batch_size=16))
    parse_s = time.perf_counter() - t0
    n_sents = sum(1 for p in parsed for _ in p.sents)
    t1 = time.perf_counter()
    triples = {
        d.id: list(extract_triples(p, doc_id=d.id)) for d, p in zip(docs, parsed, strict=True)
    }
    extract_s = time.perf_counter() - t1
    return triples, parse_s, extract_s, n_sents


def _context(text: str, span: Span, width: int = 60) -> str:
    lo = text.rfind("\n", 0, span.start) + 1
    lo = max(lo, span.start - width)
    hi = text.find("\n", span.end)
    hi = min(hi if hi >= 0 else len(text), span.end + width)
    return " ".join(text[lo:hi].split())


def _samples(
    gold: Iterable[GoldDoc], predicted: Mapping[str, Sequence[Triple]], n: int
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    misses: list[str] = []
    false_hits: list[str] = []
    for doc in gold:
        triples = predicted.get(doc.id, ())
        for pair in doc.pairs:
            if len(misses) < n and not any(_covers_triple(t, pair) for t in triples):
                misses.append(
                    f"[{doc.id}] {pair.event.text} {pair.role}={pair.targets[0].text!r}\n"
                    f"    ...{_context(doc.text, pair.event)}..."
                )
        with_pairs = {p.event for p in doc.pairs}
        for t in triples:
            if len(false_hits) >= n:
                break
            if any(t.predicate.span.overlaps(e) for e in with_pairs) and not any(
                _covers_triple(t, p) for p in doc.pairs
            ):
                obj = t.object.span.text if t.object else ""
                false_hits.append(
                    f"[{doc.id}] ({t.subject.span.text}; {t.predicate.span.text}; {obj})\n"
                    f"    ...{_context(doc.text, t.predicate.span)}..."
                )
    return tuple(misses), tuple(false_hits)


def evaluate(path: str | Path, *, sample: int = 10, model: str = DEFAULT_MODEL) -> MeantimeResult:
    """Parse every MEANTIME article, extract, and score the triples against the participants."""
    gold = read_gold(path)
    predicted, parse_s, extract_s, n_sents = _timed_parse_extract(gold, model)
    c = score(gold, predicted)
    misses, false_hits = _samples(gold, predicted, sample)
    n_gold = sum(c.gold.values())
    n_cov = sum(c.covered.values())
    recall = _ratio(n_cov, n_gold)
    precision = _ratio(c.correct, c.scored)
    per_k = 1000 / max(n_sents, 1) * 1000
    return MeantimeResult(
        documents=len(gold),
        sentences=n_sents,
        gold_pairs=n_gold,
        covered_pairs=n_cov,
        arg0_recall=_ratio(c.covered["Arg0"], c.gold["Arg0"]),
        arg1_recall=_ratio(c.covered["Arg1"], c.gold["Arg1"]),
        recall=recall,
        scored_triples=c.scored,
        correct_triples=c.correct,
        precision=precision,
        f1=2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        parse_ms_per_1000=parse_s * per_k,
        extract_ms_per_1000=extract_s * per_k,
        operating=operating_point(curve(c), PRECISION_TARGET),
        misses=misses,
        false_hits=false_hits,
        model=model,
    )


def report(result: MeantimeResult) -> str:
    """The figures and samples of a MEANTIME run, for people."""
    r = result
    lines = [
        f"MEANTIME: {r.documents} articles, {r.sentences} sentences, "
        f"{r.gold_pairs} (event, Arg0/Arg1) pairs (model {r.model})",
        f"  recall {r.recall:.3f} ({r.covered_pairs}/{r.gold_pairs}; Arg0 {r.arg0_recall:.3f}, "
        f"Arg1 {r.arg1_recall:.3f})  precision {r.precision:.3f} "
        f"({r.correct_triples}/{r.scored_triples})  F1 {r.f1:.3f}",
        f"  time per 1,000 sentences: extraction {r.extract_ms_per_1000 / 1000:.2f} s, "
        f"spaCy parse {r.parse_ms_per_1000 / 1000:.2f} s "
        f"({100 * r.extract_ms_per_1000 / max(r.parse_ms_per_1000, 1e-9):.0f}% of parse)",
    ]
    op = r.operating
    lines.insert(
        2,
        f"  at precision >= {PRECISION_TARGET:.2f}: "
        + (
            f"recall {op.recall:.3f}, precision {op.precision:.3f} (confidence >= {op.threshold:.3f})"
            if op
            else "no confidence threshold reaches it"
        ),
    )
    if r.misses:
        lines += ["", f"misses ({len(r.misses)}):"] + ["  " + m for m in r.misses]
    if r.false_hits:
        lines += ["", f"false hits ({len(r.false_hits)}):"] + ["  " + m for m in r.false_hits]
    return "\n".join(lines)


__all__ = [
    "Counts",
    "GoldDoc",
    "GoldPair",
    "MeantimeResult",
    "covers",
    "evaluate",
    "read_gold",
    "report",
    "score",
]
