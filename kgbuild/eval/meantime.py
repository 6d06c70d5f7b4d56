"""Event participants against MEANTIME (``kgbuild eval meantime DIR``).

The folder holds ``text/ID.txt`` (an article) and ``docs/*.json`` (its annotation: mentions with
character offsets into that text, participants with PropBank roles, coreference). The articles
are extracted as ``kgbuild extract text/*.txt`` extracts them, and the records are scored as
the MEANTIME pair scorer of ``../shared/eval/scorers`` scores them, with the spans as written
(offsets into ``text/ID.txt``):

* **recall** of (event, Arg0) and (event, Arg1) participant links: a record covers a link when
  its predicate span overlaps the event mention and its subject (Arg0) or object (Arg1) span
  overlaps the participant mention or a mention of the same entity instance; a record whose
  ``subject_role`` is ``patient`` or ``copula`` answers Arg1 with its subject and its object is
  not scored ("the index fell", "Ford will be profitable");
* **precision** over the records whose predicate overlaps an event mention that has Arg0/Arg1
  links: a record is right when it covers one of that event's links.

Links to time expressions and values are not scored, and a link annotated twice counts twice,
as the reference scorer counts them.

>>> a, b = (0, 3), (4, 8)
>>> covers(Prediction((0, 3), (4, 8), None), GoldLink("d", b, "Arg0", (a,)))
True
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgbuild.engine.extraction import records_for
from kgbuild.errors import EvalDataError
from kgbuild.extraction_records import documents_from_inputs
from kgbuild.nlp import DEFAULT_MODEL

#: The participant roles scored.
ROLES = ("Arg0", "Arg1")
#: Subject roles whose subject answers Arg1 (PropBank: "the index fell", "X is profitable").
ARG1_SUBJECTS = frozenset({"patient", "undergoer", "theme", "copula", "arg1"})

Offsets = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldLink:
    """One (event mention, role, participant) link, with the spans of the participant's
    entity instance."""

    doc: str
    event: Offsets
    role: str
    targets: tuple[Offsets, ...]


@dataclass(frozen=True, slots=True)
class Prediction:
    """What the scorer reads of one record: the spans answering Arg0, the predicate, Arg1."""

    arg0: Offsets | None
    predicate: Offsets | None
    arg1: Offsets | None
    text: str = ""

    @classmethod
    def of(cls, rec: Mapping[str, Any]) -> Prediction:
        def span(k: str) -> Offsets | None:
            v = rec.get(k)
            return (int(v[0]), int(v[1])) if v else None

        line = f"({rec.get('subject_text', '')}; {rec.get('predicate_text', '')}; {rec.get('object_text', '')})"
        if str(rec.get("subject_role") or "").lower() in ARG1_SUBJECTS:
            return cls(None, span("predicate_span"), span("subject_span"), line)
        return cls(span("subject_span"), span("predicate_span"), span("object_span"), line)


@dataclass(frozen=True, slots=True)
class MeantimeResult:
    """The figures of one MEANTIME run and samples to read."""

    documents: int
    gold_links: int
    arg0_recall: float
    arg1_recall: float
    recall: float
    precision: float
    f1: float
    predicted: int
    judged: int
    seconds: float
    misses: tuple[str, ...] = ()
    false_hits: tuple[str, ...] = ()
    model: str = DEFAULT_MODEL


# --------------------------------------------------------------------------- reading gold


def read_links(data: dict[str, Any]) -> list[GoldLink]:
    """The Arg0/Arg1 links of one annotated article."""
    doc = str(data["doc_id"])
    spans = {
        m["id"]: (m["start"], m["end"]) for m in data["entity_mentions"] + data["event_mentions"]
    }
    chains: dict[str, list[Offsets]] = {}
    for inst in data.get("entities", []):
        for m in inst.get("mentions", []):
            chains[m] = [spans[x] for x in inst["mentions"] if x in spans]
    events = {m["id"]: (m["start"], m["end"]) for m in data["event_mentions"]}
    links = []
    for p in data["participants"]:
        role = p.get("sem_role")
        if role not in ROLES or p["event_mention"] not in events or p["target"] not in spans:
            continue
        targets = chains.get(p["target"]) or [spans[p["target"]]]
        links.append(GoldLink(doc, events[p["event_mention"]], role, tuple(targets)))
    return links


def read_gold(path: str | Path) -> tuple[dict[str, list[GoldLink]], list[Path]]:
    """The links of every article of a MEANTIME folder, by document id, and the text files."""
    folder = Path(path)
    files = sorted((folder / "docs").glob("*.json"))
    if not files:
        raise EvalDataError(f"{folder}: no docs/*.json (expected a MEANTIME folder)")
    gold: dict[str, list[GoldLink]] = {}
    texts = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
            gold[str(data["doc_id"])] = read_links(data)
        except (OSError, ValueError, KeyError) as exc:
            raise EvalDataError(f"{f}: cannot read the annotation: {exc}") from None
        text = folder / "text" / f"{data['doc_id']}.txt"
        if not text.is_file():
            raise EvalDataError(f"{f}: no text file {text}")
        texts.append(text)
    return gold, texts


# --------------------------------------------------------------------------- scoring


def _overlap(a: Offsets | None, b: Offsets | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def covers(pred: Prediction, link: GoldLink) -> bool:
    """Whether a record covers a gold link.

    >>> plant, closed = (0, 9), (10, 20)
    >>> arg1 = GoldLink("d", closed, "Arg1", (plant,))
    >>> covers(Prediction(plant, closed, None), arg1), covers(Prediction(None, closed, plant), arg1)
    (False, True)
    """
    arg = pred.arg0 if link.role == "Arg0" else pred.arg1
    return _overlap(pred.predicate, link.event) and any(_overlap(arg, t) for t in link.targets)


@dataclass(frozen=True, slots=True)
class Counts:
    gold: dict[str, int]
    hit: dict[str, int]
    judged: int
    right: int
    predicted: int

    @property
    def recall(self) -> float:
        return _ratio(sum(self.hit.values()), sum(self.gold.values()))

    @property
    def precision(self) -> float:
        return _ratio(self.right, self.judged)


def score(
    gold: Mapping[str, Sequence[GoldLink]], preds: Mapping[str, Sequence[Prediction]]
) -> Counts:
    """The reference scorer's counts.

    >>> g = {"d": [GoldLink("d", (4, 8), "Arg0", ((0, 3),))]}
    >>> c = score(g, {"d": [Prediction((0, 3), (4, 8), None)]})
    >>> (c.recall, c.precision)
    (1.0, 1.0)
    """
    gold_n = dict.fromkeys(ROLES, 0)
    hit = dict.fromkeys(ROLES, 0)
    judged = right = 0
    for doc, links in gold.items():
        mine = preds.get(doc, ())
        for link in links:
            gold_n[link.role] += 1
            hit[link.role] += any(covers(p, link) for p in mine)
        for p in mine:
            rel = [link for link in links if _overlap(p.predicate, link.event)]
            if rel:
                judged += 1
                right += any(covers(p, link) for link in rel)
    return Counts(gold_n, hit, judged, right, sum(len(v) for v in preds.values()))


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


# --------------------------------------------------------------------------- running


def records(texts: Sequence[Path], model: str = DEFAULT_MODEL) -> list[dict[str, Any]]:
    """The ``kgbuild extract`` records of the text files."""
    docs = documents_from_inputs([str(t) for t in texts], lines=False, stdin=None)  # type: ignore[arg-type]
    return list(records_for(docs, model=model))


def predictions(recs: Iterable[Mapping[str, Any]]) -> dict[str, list[Prediction]]:
    """The records as the scorer reads them, by document (the text file's stem)."""
    out: dict[str, list[Prediction]] = {}
    for rec in recs:
        doc = str(rec.get("doc", "")).rsplit("/", 1)[-1].removesuffix(".txt")
        out.setdefault(doc, []).append(Prediction.of(rec))
    return out


def _context(text: str, span: Offsets, width: int = 60) -> str:
    lo = max(text.rfind("\n", 0, span[0]) + 1, span[0] - width)
    hi = text.find("\n", span[1])
    hi = min(hi if hi >= 0 else len(text), span[1] + width)
    return " ".join(text[lo:hi].split())


def _samples(
    gold: Mapping[str, Sequence[GoldLink]],
    preds: Mapping[str, Sequence[Prediction]],
    texts: Mapping[str, str],
    n: int,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    misses: list[str] = []
    false_hits: list[str] = []
    for doc, links in gold.items():
        text = texts.get(doc, "")
        mine = preds.get(doc, ())
        for link in links:
            if len(misses) < n and not any(covers(p, link) for p in mine):
                ev, who = text[slice(*link.event)], text[slice(*link.targets[0])]
                misses.append(
                    f"[{doc}] {ev} {link.role}={who!r}\n    ...{_context(text, link.event)}..."
                )
        for p in mine:
            rel = [link for link in links if _overlap(p.predicate, link.event)]
            if len(false_hits) < n and rel and not any(covers(p, link) for link in rel):
                where = p.predicate or (0, 0)
                false_hits.append(f"[{doc}] {p.text}\n    ...{_context(text, where)}...")
    return tuple(misses), tuple(false_hits)


def evaluate(path: str | Path, *, sample: int = 10, model: str = DEFAULT_MODEL) -> MeantimeResult:
    """Extract every MEANTIME article as ``kgbuild extract`` does and score the records."""
    gold, files = read_gold(path)
    t0 = time.perf_counter()
    preds = predictions(records(files, model))
    seconds = time.perf_counter() - t0
    c = score(gold, preds)
    texts = {f.stem: f.read_text(encoding="utf-8") for f in files}
    misses, false_hits = _samples(gold, preds, texts, sample)
    r, p = c.recall, c.precision
    return MeantimeResult(
        documents=len(gold),
        gold_links=sum(c.gold.values()),
        arg0_recall=_ratio(c.hit["Arg0"], c.gold["Arg0"]),
        arg1_recall=_ratio(c.hit["Arg1"], c.gold["Arg1"]),
        recall=r,
        precision=p,
        f1=2 * p * r / (p + r) if p + r else 0.0,
        predicted=c.predicted,
        judged=c.judged,
        seconds=seconds,
        misses=misses,
        false_hits=false_hits,
        model=model,
    )


def report(result: MeantimeResult) -> str:
    """The figures and samples of a MEANTIME run, for people."""
    r = result
    lines = [
        f"MEANTIME: {r.documents} articles, {r.gold_links} (event, Arg0/Arg1) links, "
        f"{r.predicted} records of 'kgbuild extract' (model {r.model})",
        f"  recall {r.recall:.3f} (Arg0 {r.arg0_recall:.3f}, Arg1 {r.arg1_recall:.3f})  "
        f"precision {r.precision:.3f} ({r.judged} records judged)  F1 {r.f1:.3f}",
        f"  extraction took {r.seconds:.1f} s",
    ]
    if r.misses:
        lines += ["", f"misses ({len(r.misses)}):"] + ["  " + m for m in r.misses]
    if r.false_hits:
        lines += ["", f"false hits ({len(r.false_hits)}):"] + ["  " + m for m in r.false_hits]
    return "\n".join(lines)


__all__ = [
    "Counts",
    "GoldLink",
    "MeantimeResult",
    "Prediction",
    "covers",
    "evaluate",
    "predictions",
    "read_gold",
    "read_links",
    "records",
    "report",
    "score",
]
