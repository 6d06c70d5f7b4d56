"""A reading audit of a build (``kgbuild eval audit DIR --n 50 --seed S``).

Draws ``n`` facts of a built graph at random (reproducibly, by ``seed``), each with one of its
evidence sentences chosen at random, into a sheet a judge fills in: for each fact its actor,
predicate, target (or what was said), its further arguments ("to: Pentagon"), negation and
modality, source, time and place, the
sentence and the article, then empty columns for the verdict (``right``, ``partly``,
``wrong``) and what is wrong. The sheet is Markdown (for reading) or CSV (``--format csv``, for
a spreadsheet). :func:`tally` counts the verdicts of a filled CSV sheet.
"""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kgbuild.graph_io import read_build
from kgbuild.rdf.iri import event_iri
from kgbuild.records import Entity, Event, KnowledgeGraph
from kgbuild.table import row_label, said

#: The columns of a sheet; the last three are the judge's.
COLUMNS = (
    "n",
    "actor",
    "predicate",
    "target",
    "arguments",
    "negated",
    "modality",
    "source",
    "time",
    "place",
    "sentence",
    "article",
    "event_iri",
    "verdict",
    "wrong_parts",
    "note",
)


@dataclass(frozen=True, slots=True)
class AuditItem:
    n: int
    actor: str
    predicate: str
    target: str
    negated: bool
    modality: str
    source: str
    time: str
    place: str
    sentence: str
    article: str
    event_iri: str
    #: the event's further arguments as the graph holds them ("to: Pentagon; with: Spain")
    arguments: str = ""


@dataclass(frozen=True, slots=True)
class AuditResult:
    build: str
    facts: int
    seed: int
    items: tuple[AuditItem, ...]


def _label(key: str | None, ents: dict[str, Entity]) -> str:
    if not key:
        return ""
    e = ents.get(key)
    return row_label(e) if e else key


def draw(kg: KnowledgeGraph, n: int = 50, seed: int = 0) -> list[AuditItem]:
    """``n`` facts of ``kg`` at random, each with one evidence sentence at random."""
    ents = {e.key: e for e in kg.entities}
    titles = {a.id: a.title for a in kg.articles}
    facts: list[Event] = [ev for ev in kg.events if ev.fact and ev.evidence]
    rng = random.Random(seed)
    chosen = rng.sample(facts, min(n, len(facts)))
    items = []
    for k, ev in enumerate(chosen, 1):
        # a sentence that states the fact; one that only names the event says nothing to judge
        evd = rng.choice([e for e in ev.evidence if not e.partial] or list(ev.evidence))
        target = _label(ev.object, ents) if ev.object else ""
        if ev.content:  # what was said, or what the target noun says ("claims “that …”")
            target = f"{target} {said(ev.content)}".strip()
        time = ev.time.stated if ev.time else ""
        items.append(
            AuditItem(
                n=k,
                actor=_label(ev.subject, ents),
                predicate=ev.predicate,
                target=target,
                negated=ev.negated,
                modality=ev.modality or "",
                source="; ".join(_label(a, ents) for a in ev.attributed_to),
                time=time,
                place=_label(ev.place, ents),
                sentence=" ".join(evd.sentence.split()),
                article=f"{evd.doc}: {titles.get(evd.doc, '')}",
                event_iri=str(event_iri(ev.id)),
                arguments="; ".join(f"{role}: {_label(k, ents)}" for role, k in ev.arguments),
            )
        )
    return items


def evaluate(path: str | Path, *, n: int = 50, seed: int = 0, **_: object) -> AuditResult:
    """Draw the audit sheet of the build in ``path``."""
    kg = read_build(path)
    return AuditResult(
        build=str(path),
        facts=sum(1 for ev in kg.events if ev.fact),
        seed=seed,
        items=tuple(draw(kg, n, seed)),
    )


def _row(it: AuditItem) -> list[str]:
    return [
        str(it.n),
        it.actor,
        it.predicate,
        it.target,
        it.arguments,
        "yes" if it.negated else "",
        it.modality,
        it.source,
        it.time,
        it.place,
        it.sentence,
        it.article,
        it.event_iri,
        "",
        "",
        "",
    ]


def to_csv(result: AuditResult) -> str:
    """The sheet as CSV, with empty verdict columns."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for it in result.items:
        w.writerow(_row(it))
    return buf.getvalue()


def report(result: AuditResult) -> str:
    """The sheet as Markdown: one section a fact."""
    lines = [
        f"# Audit of {result.build}: {len(result.items)} of {result.facts:,} facts "
        f"(seed {result.seed})",
        "",
        "Judge each fact against its sentence: actor, predicate, target, negation and "
        "modality, source, time, place. Verdict: right (all of it), partly (some part wrong "
        "or missing), wrong (the sentence does not say it).",
    ]
    for it in result.items:
        neg = "not " if it.negated else ""
        mod = f" [{it.modality}]" if it.modality else ""
        more = f" ({it.arguments})" if it.arguments else ""
        lines += [
            "",
            f"## {it.n}. {it.actor} — {neg}{it.predicate}{mod} → {it.target or '∅'}{more}",
            f"- source: {it.source or '—'}; time: {it.time or '—'}; place: {it.place or '—'}",
            f"- sentence: {it.sentence}",
            f"- article: {it.article}",
            "- verdict: ",
        ]
    return "\n".join(lines) + "\n"


def tally(sheet: str | Path) -> Counter[str]:
    """The verdicts of a filled CSV sheet."""
    with open(sheet, encoding="utf-8", newline="") as fh:
        return Counter((row.get("verdict") or "").strip().lower() for row in csv.DictReader(fh))


__all__ = ["COLUMNS", "AuditItem", "AuditResult", "draw", "evaluate", "report", "tally", "to_csv"]
