"""``kgbuild eval timex``: the scorer on a hand-made folder, and the figures on MEANTIME dev."""

from __future__ import annotations

import json

import pytest
from conftest import MEANTIME_DEV, needs

from kgbuild.errors import EvalDataError
from kgbuild.eval import timex as scorer

TEXT = "Bank holds rates\nMarch 8, 2023\n\nStocks fell on Monday. The bank did not raise rates last week."


def _mention(text: str, word: str, **extra) -> dict:
    start = text.index(word)
    return {"start": start, "end": start + len(word), "text": word, **extra}


def _folder(tmp_path, timexes, events):
    docs = tmp_path / "docs"
    docs.mkdir()
    doc = {
        "doc_id": "1",
        "title": "Bank holds rates",
        "dct": "2023-03-08",
        "text": TEXT,
        "timex3": timexes,
        "event_mentions": events,
    }
    (docs / "1.json").write_text(json.dumps(doc), encoding="utf-8")
    return tmp_path


@pytest.mark.slow
def test_perfect_case(tmp_path) -> None:
    folder = _folder(
        tmp_path,
        [
            _mention(
                TEXT,
                "March 8, 2023",
                type="DATE",
                value="2023-03-08",
                functionInDocument="CREATION_TIME",
            ),
            _mention(TEXT, "Monday", type="DATE", value="2023-03-06", functionInDocument="NONE"),
            _mention(TEXT, "last week", type="DATE", value="2023-W09", functionInDocument="NONE"),
        ],
        [_mention(TEXT, "fell", polarity="POS"), _mention(TEXT, "raise", polarity="NEG")],
    )
    r = scorer.evaluate(folder)
    assert (r.gold_dates, r.found, r.correct) == (2, 2, 2)
    assert r.accuracy == r.detection == r.end_to_end == 1.0
    assert (r.polarity_mentions, r.polarity_agree, r.neg_gold, r.neg_both) == (2, 2, 1, 1)
    text = scorer.report(r)
    assert "DATE normalization accuracy   1.000" in text and "negation agreement" in text


@pytest.mark.slow
def test_wrong_value_and_miss_are_counted(tmp_path) -> None:
    folder = _folder(
        tmp_path,
        [
            _mention(TEXT, "Monday", type="DATE", value="2023-03-13", functionInDocument="NONE"),
            _mention(TEXT, "rates", type="DATE", value="2023", functionInDocument="NONE"),
        ],
        [_mention(TEXT, "fell", polarity="NEG")],
    )
    r = scorer.evaluate(folder)
    assert (r.gold_dates, r.found, r.correct) == (2, 1, 0)
    assert r.accuracy == 0.0 and r.detection == 0.5
    assert r.errors[0].predicted == "2023-03-06" and r.missed[0].text == "rates"
    assert r.polarity_agreement == 0.0


def test_not_a_meantime_folder(tmp_path) -> None:
    with pytest.raises(EvalDataError):
        scorer.evaluate(tmp_path)


def test_values_match() -> None:
    assert scorer.values_match("past_ref", "PAST_REF")
    assert not scorer.values_match(None, "2023")


@pytest.mark.slow
@needs(MEANTIME_DEV)
def test_meantime_dev_figures() -> None:
    r = scorer.evaluate(MEANTIME_DEV, sample=5)
    assert r.documents == 60
    assert r.accuracy >= 0.85, scorer.report(r)
    assert r.detection >= 0.9
    assert r.polarity_agreement >= 0.95
