"""The MEANTIME scorer: perfect and empty systems, a case by hand, reading the annotation."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from conftest import MEANTIME_DEV, needs

from kgbuild.errors import EvalDataError
from kgbuild.eval.meantime import (
    Counts,
    GoldDoc,
    GoldPair,
    OperatingPoint,
    curve,
    operating_point,
    read_gold,
    report,
    score,
)
from kgbuild.records import Argument, Predicate, Span, Triple

TEXT = "Acme bought Zeta. It closed the plant."
ACME, BOUGHT, ZETA = Span(0, 4, "Acme"), Span(5, 11, "bought"), Span(12, 16, "Zeta")
IT, CLOSED, PLANT = Span(18, 20, "It"), Span(21, 27, "closed"), Span(28, 37, "the plant")
GOLD = [
    GoldDoc(
        "d",
        TEXT,
        (BOUGHT, CLOSED),
        (
            GoldPair("d", "e1", BOUGHT, "Arg0", (ACME,)),
            GoldPair("d", "e1", BOUGHT, "Arg1", (ZETA, IT)),  # "It" corefers with Zeta
            GoldPair("d", "e2", CLOSED, "Arg0", (IT, ZETA)),
            GoldPair("d", "e2", CLOSED, "Arg1", (PLANT,)),
        ),
    )
]


def _t(subj: Span, pred: Span, obj: Span | None, conf: float = 0.7) -> Triple:
    return Triple(
        doc="d",
        sentence=Span(0, len(TEXT), TEXT),
        subject=Argument(subj, subj, "subject"),
        predicate=Predicate(pred, pred.text),
        object=Argument(obj, obj, "object") if obj else None,
        confidence=conf,
    )


def test_perfect_system():
    c = score(GOLD, {"d": [_t(ACME, BOUGHT, ZETA), _t(IT, CLOSED, PLANT)]})
    assert c.covered == c.gold == {"Arg0": 2, "Arg1": 2}
    assert (c.scored, c.correct) == (2, 2)


def test_empty_system():
    c = score(GOLD, {})
    assert c.covered == {"Arg0": 0, "Arg1": 0} and c.scored == 0


def test_case_by_hand():
    # (Zeta; closed; the plant): Zeta corefers with "It", the Arg0 of closed -> both pairs.
    # (the plant; bought; Acme): subject and object swapped -> covers nothing, scored wrong.
    # (Acme; said; -): its predicate overlaps no event -> not scored.
    said = Span(0, 4, "Acme")
    c = score(
        GOLD,
        {"d": [_t(ZETA, CLOSED, PLANT, 0.9), _t(PLANT, BOUGHT, ACME, 0.5), _t(ACME, said, None)]},
    )
    assert c.covered == {"Arg0": 1, "Arg1": 1}
    assert (c.scored, c.correct) == (2, 1)
    points = curve(c)
    assert points == (OperatingPoint(0.9, 1.0, 0.5), OperatingPoint(0.5, 0.5, 0.5))
    assert operating_point(points, 0.85) == OperatingPoint(0.9, 1.0, 0.5)
    assert operating_point(points, 1.01) is None


def _patient(subj: Span, pred: Span, obj: Span | None = None, kind: str = "verb") -> Triple:
    t = _t(subj, pred, obj)
    return replace(
        t,
        subject=replace(t.subject, role="patient" if kind == "verb" else "subject"),
        predicate=replace(t.predicate, kind=kind),
    )


# "The plant was closed": a patient subject answers Arg1, never Arg0; its object answers nothing.
# "Acme is a buyer": the subject of a copula is Arg1 of *be* (PropBank has no Arg0 there).
@pytest.mark.parametrize(
    ("triple", "covered"),
    [
        (_t(PLANT, CLOSED, None), {"Arg0": 0, "Arg1": 0}),
        (_patient(PLANT, CLOSED), {"Arg0": 0, "Arg1": 1}),
        (_patient(IT, CLOSED), {"Arg0": 0, "Arg1": 0}),
        (_patient(PLANT, CLOSED, IT), {"Arg0": 0, "Arg1": 1}),
        (_patient(ZETA, BOUGHT, kind="copula"), {"Arg0": 0, "Arg1": 1}),
    ],
)
def test_patient_and_copula_subjects_answer_arg1(triple, covered):
    assert score(GOLD, {"d": [triple]}).covered == covered


def test_curve_of_empty_counts():
    assert curve(Counts({}, {}, 0, 0)) == ()


def _write_doc(folder, doc):
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "text").mkdir(exist_ok=True)
    (folder / "text" / f"{doc['doc_id']}.txt").write_text(doc["text"], encoding="utf-8")
    (folder / "docs" / f"{doc['doc_id']}_x.json").write_text(json.dumps(doc), encoding="utf-8")


def _m(i, span):
    return {"id": i, "start": span.start, "end": span.end, "text": span.text}


def test_read_gold(tmp_path):
    doc = {
        "doc_id": "7",
        "text": TEXT,
        "entity_mentions": [
            *(_m(i, s) for i, s in (("1", ACME), ("2", ZETA), ("3", IT), ("4", PLANT))),
            {"id": "9", "start": None, "end": None, "text": ""},
        ],
        "event_mentions": [_m("5", BOUGHT), _m("6", CLOSED)],
        "entities": [{"id": "20", "mentions": ["2", "3"]}],
        "participants": [
            {"event_mention": "5", "target": "1", "sem_role": "Arg0"},
            {"event_mention": "6", "target": "3", "sem_role": "Arg0"},
            {"event_mention": "6", "target": "4", "sem_role": "Arg2"},
            {"event_mention": "6", "target": "9", "sem_role": "Arg1"},
        ],
    }
    _write_doc(tmp_path, doc)
    (gold,) = read_gold(tmp_path)
    assert gold.id == "7" and gold.events == (BOUGHT, CLOSED)
    assert [(p.event, p.role, p.targets) for p in gold.pairs] == [
        (BOUGHT, "Arg0", (ACME,)),
        (CLOSED, "Arg0", (IT, ZETA)),
    ]


def test_read_gold_rejects_other_folders(tmp_path):
    with pytest.raises(EvalDataError):
        read_gold(tmp_path)


@pytest.mark.slow
@needs(MEANTIME_DEV)
def test_dev_set_figures():
    from kgbuild.eval.meantime import evaluate

    result = evaluate(MEANTIME_DEV, sample=3)
    assert result.documents == 60 and result.gold_pairs > 700
    assert result.recall >= 0.66 and result.precision >= 0.87, report(result)
    op = result.operating
    assert op is not None and op.precision >= 0.85 and op.recall >= 0.60, report(result)
    assert "recall" in report(result)
