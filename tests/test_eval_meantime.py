"""The MEANTIME scorer: perfect and empty systems, a case by hand, reading the annotation, and
agreement with the reference pair scorer on the dev half."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import MEANTIME_DEV, SHARED, needs

from kgbuild.errors import EvalDataError
from kgbuild.eval.meantime import GoldLink, Prediction, read_gold, report, score

TEXT = "Acme bought Zeta. It closed the plant."
ACME, BOUGHT, ZETA = (0, 4), (5, 11), (12, 16)
IT, CLOSED, PLANT = (18, 20), (21, 27), (28, 37)
GOLD = {
    "d": [
        GoldLink("d", BOUGHT, "Arg0", (ACME,)),
        GoldLink("d", BOUGHT, "Arg1", (ZETA, IT)),  # "It" is the same entity as Zeta
        GoldLink("d", CLOSED, "Arg0", (IT, ZETA)),
        GoldLink("d", CLOSED, "Arg1", (PLANT,)),
    ]
}


def _rec(subj, pred, obj, role="agent"):
    return {
        "doc": "d",
        "subject_span": list(subj) if subj else None,
        "predicate_span": list(pred),
        "object_span": list(obj) if obj else None,
        "subject_role": role,
    }


def test_perfect_system():
    c = score(
        GOLD,
        {"d": [Prediction.of(_rec(ACME, BOUGHT, ZETA)), Prediction.of(_rec(IT, CLOSED, PLANT))]},
    )
    assert c.hit == c.gold == {"Arg0": 2, "Arg1": 2}
    assert (c.judged, c.right) == (2, 2)


def test_empty_system():
    c = score(GOLD, {})
    assert c.hit == {"Arg0": 0, "Arg1": 0} and c.judged == 0 and c.precision == 0.0


def test_case_by_hand():
    # (Zeta; closed; the plant): Zeta is the same entity as "It", the Arg0 of closed -> both.
    # (the plant; bought; Acme): subject and object swapped -> covers nothing, judged wrong.
    # (Acme; said; -): its predicate overlaps no event -> not judged.
    recs = [_rec(ZETA, CLOSED, PLANT), _rec(PLANT, BOUGHT, ACME), _rec(ACME, (0, 4), None)]
    c = score(GOLD, {"d": [Prediction.of(r) for r in recs]})
    assert c.hit == {"Arg0": 1, "Arg1": 1}
    assert (c.judged, c.right) == (2, 1)
    assert (c.recall, c.precision) == (0.5, 0.5)


# "The plant was closed": a patient subject answers Arg1, never Arg0; its object answers nothing.
# "Acme is a buyer": the subject of a copula is Arg1 of *be* (PropBank has no Arg0 there).
@pytest.mark.parametrize(
    ("rec", "hit"),
    [
        (_rec(PLANT, CLOSED, None), {"Arg0": 0, "Arg1": 0}),
        (_rec(PLANT, CLOSED, None, "patient"), {"Arg0": 0, "Arg1": 1}),
        (_rec(IT, CLOSED, None, "patient"), {"Arg0": 0, "Arg1": 0}),
        (_rec(PLANT, CLOSED, IT, "patient"), {"Arg0": 0, "Arg1": 1}),
        (_rec(ZETA, BOUGHT, None, "copula"), {"Arg0": 0, "Arg1": 1}),
    ],
)
def test_patient_and_copula_subjects_answer_arg1(rec, hit):
    assert score(GOLD, {"d": [Prediction.of(rec)]}).hit == hit


def _m(i, span):
    return {"id": i, "start": span[0], "end": span[1], "text": TEXT[span[0] : span[1]]}


def test_read_gold(tmp_path):
    doc = {
        "doc_id": "7",
        "entity_mentions": [
            *(_m(i, s) for i, s in (("1", ACME), ("2", ZETA), ("3", IT), ("4", PLANT)))
        ],
        "event_mentions": [_m("5", BOUGHT), _m("6", CLOSED)],
        "timex3": [_m("8", PLANT)],
        "entities": [{"id": "20", "mentions": ["2", "3"]}],
        "participants": [
            {"event_mention": "5", "target": "1", "sem_role": "Arg0"},
            {"event_mention": "6", "target": "3", "sem_role": "Arg0"},
            {"event_mention": "6", "target": "4", "sem_role": "Arg2"},
            {"event_mention": "6", "target": "8", "sem_role": "Arg1"},  # a time: not scored
            {"event_mention": "5", "target": "1", "sem_role": "Arg0"},  # twice: counts twice
        ],
    }
    (tmp_path / "docs").mkdir()
    (tmp_path / "text").mkdir()
    (tmp_path / "text" / "7.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "docs" / "7_x.json").write_text(json.dumps(doc), encoding="utf-8")
    gold, files = read_gold(tmp_path)
    assert [f.name for f in files] == ["7.txt"]
    assert [(g.event, g.role, g.targets) for g in gold["7"]] == [
        (BOUGHT, "Arg0", (ACME,)),
        (CLOSED, "Arg0", (ZETA, IT)),
        (BOUGHT, "Arg0", (ACME,)),
    ]


def test_read_gold_rejects_other_folders(tmp_path):
    with pytest.raises(EvalDataError):
        read_gold(tmp_path)


REFERENCE = SHARED / "eval" / "scorers" / "meantime_score.py"


@pytest.mark.slow
@needs(MEANTIME_DEV)
@needs(REFERENCE)
def test_dev_figures_are_the_reference_scorers(tmp_path):
    """The figures of ``kgbuild eval meantime`` are those of the reference scorer run on
    ``kgbuild extract`` output of the same texts."""
    from kgbuild.eval.meantime import evaluate, records

    result = evaluate(MEANTIME_DEV, sample=3)
    _gold, files = read_gold(MEANTIME_DEV)
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(r) + "\n" for r in records(files)), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(REFERENCE), str(MEANTIME_DEV), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    ref = json.loads(out)
    assert round(result.recall, 3) == ref["recall"]
    assert round(result.precision, 3) == ref["precision"]
    assert round(result.arg0_recall, 3) == ref["recall_arg0"]
    assert round(result.arg1_recall, 3) == ref["recall_arg1"]
    assert result.gold_links == ref["gold_pairs"] and result.judged == ref["judged_triples"]
    assert result.documents == 60
    assert result.recall >= 0.70 and result.precision >= 0.88, report(result)
    assert "recall" in report(result)
