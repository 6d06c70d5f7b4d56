"""The CaRB scorer: perfect and empty systems, small cases computed by hand, reading gold."""

from __future__ import annotations

import pytest
from conftest import CARB_DEV, needs

from kgbuild.errors import EvalDataError
from kgbuild.eval.carb import (
    CarbTuple,
    CurvePoint,
    auc,
    best_point,
    carb_tuple,
    match,
    read_gold,
    report,
    score,
    sentence_key,
)
from kgbuild.records import Argument, Predicate, Span, Triple

GOLD = {
    "s1": [
        CarbTuple("plays", ("Ana", "the cello")),
        CarbTuple("plays", ("Ana", "for the city orchestra")),
    ],
    "s2": [CarbTuple("was built in", ("The mill", "1820"))],
}


def _with_conf(tuples, conf):
    return [CarbTuple(t.relation, t.args, conf) for t in tuples]


def test_perfect_system_scores_one():
    pred = {k: _with_conf(v, 0.9) for k, v in GOLD.items()}
    best = best_point(score(GOLD, pred))
    assert (best.precision, best.recall, best.f1) == (1.0, 1.0, 1.0)


def test_empty_system_scores_zero():
    assert score(GOLD, {}) == ()
    assert best_point(score(GOLD, {})).f1 == 0.0
    assert auc(score(GOLD, {})) == 0.0


def test_small_case_by_hand():
    # s1: "Ana plays the cello for the city orchestra" extracted as one n-ary tuple.
    # Against gold 1: relation 1/1, arg1 1/1, arg2 "the cello" 2/2 -> 4 matched words;
    # the prediction has 1 + 1 + 6 = 8 words, gold 1 has 4: precision 0.5, recall 1.0.
    # Against gold 2: plays, Ana, "for the city orchestra" (4 words) -> 6 of 8 and 6 of 6.
    pred = CarbTuple("plays", ("Ana", "the cello", "for the city orchestra"), 0.8)
    assert match(GOLD["s1"][0], pred) == (0.5, 1.0)
    assert match(GOLD["s1"][1], pred) == (0.75, 1.0)
    # s2: a wrong relation never matches.
    wrong = CarbTuple("opened", ("The mill", "1820"), 0.4)
    assert match(GOLD["s2"][0], wrong) == (0.0, 0.0)
    points = score(GOLD, {"s1": [pred], "s2": [wrong]})
    # At 0.8: one prediction, assigned to gold 2 (precision 0.75); recall (1 + 1 + 0) / 3.
    assert points[0] == CurvePoint(0.8, 0.75, 2 / 3)
    # At 0.4: two predictions, the second unassigned-able (precision 0) -> 0.75 / 2.
    assert points[1] == CurvePoint(0.4, 0.375, 2 / 3)
    assert best_point(points).threshold == 0.8


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (CarbTuple("is", ("Bo", "a cat")), CarbTuple("be", ("Bo", "a cat")), (1.0, 1.0)),
        (
            CarbTuple("said", ("Li", "rain came")),
            CarbTuple("said", ("rain came", "Li")),
            (1.0, 1.0),
        ),
        (CarbTuple("wrote", ("Li", "a book")), CarbTuple("wrote", ("a book", "Li")), (0.25, 0.25)),
        (CarbTuple("Wrote", ("LI", "A book")), CarbTuple("wrote", ("li", "a book")), (1.0, 1.0)),
        (CarbTuple("sank", ("The ship", "in 1912")), CarbTuple("sank", ("The ship",)), (0.0, 0.0)),
    ],
)
def test_match_rules(gold, pred, expected):
    got = match(gold, pred)
    assert got == pytest.approx(expected)


def test_auc_starts_at_precision_one():
    assert auc([CurvePoint(0.5, 1.0, 1.0)]) == 1.0
    assert auc([CurvePoint(0.5, 0.5, 1.0)]) == 0.75


def test_sentence_key_ignores_spacing_and_punctuation():
    assert sentence_key("It ' s `` fine '' .") == sentence_key('It\'s "fine".')


def test_read_gold(tmp_path):
    (tmp_path / "sentences.txt").write_text("Ana plays .\nBo sings .\n", encoding="utf-8")
    (tmp_path / "gold.tsv").write_text("Ana plays .\tplays\tAna\tmusic\n", encoding="utf-8")
    sentences, gold = read_gold(tmp_path)
    assert sentences == ["Ana plays .", "Bo sings ."]
    assert gold[sentence_key("Ana plays.")] == [CarbTuple("plays", ("Ana", "music"))]
    assert gold[sentence_key("Bo sings.")] == []


def test_read_gold_missing_files(tmp_path):
    with pytest.raises(EvalDataError):
        read_gold(tmp_path)


def _arg(text: str, sentence: str, role: str) -> Argument:
    start = sentence.index(text)
    span = Span(start, start + len(text), text)
    return Argument(span=span, head=span, role=role)


def _triple(sentence, subj, pred, obj, kind="verb", args=()):
    s = Span(0, len(sentence), sentence)
    p = _arg(pred, sentence, "p").span
    return Triple(
        doc="d",
        sentence=s,
        subject=_arg(subj, sentence, "subject"),
        predicate=Predicate(span=p, lemma=pred, kind=kind),
        object=_arg(obj, sentence, "object") if obj else None,
        arguments=tuple(_arg(a, sentence, a.split()[0]) for a in args),
        confidence=0.7,
    )


@pytest.mark.parametrize(
    ("triple", "expected"),
    [
        (
            _triple(
                "Ana plays the cello for the band .",
                "Ana",
                "plays",
                "the cello",
                args=["for the band"],
            ),
            CarbTuple("plays", ("Ana", "the cello", "for the band"), 0.7),
        ),
        (
            _triple("The mill was built by monks .", "monks", "was built", "The mill"),
            CarbTuple("was built", ("The mill", "by monks"), 0.7),
        ),
        (
            _triple("Li said that rain came .", "Li", "said", "rain came"),
            CarbTuple("said that", ("Li", "rain came"), 0.7),
        ),
        (
            _triple("Bo , the baker , sings .", "Bo", ",", "the baker", kind="apposition"),
            CarbTuple("is", ("Bo", "the baker"), 0.7),
        ),
        (_triple("Bo sings .", "Bo", "sings", None), None),
    ],
)
def test_carb_tuple(triple, expected):
    assert carb_tuple(triple) == expected


@pytest.mark.slow
@needs(CARB_DEV)
def test_dev_set_figures():
    from kgbuild.eval.carb import evaluate

    result = evaluate(CARB_DEV, sample=3)
    assert result.sentences == 641 and result.gold_tuples == 2548
    assert result.f1 >= 0.53, report(result)
    assert 0.0 < result.auc <= result.f1
    assert len(result.misses) == 3 and len(result.false_hits) == 3
    assert "F1" in report(result)
