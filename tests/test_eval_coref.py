"""The coreference scorer: B³ and pairwise on hand-made clusterings, and the MEANTIME dev run."""

from __future__ import annotations

import json

import pytest
from conftest import MEANTIME_DEV, needs

from kgbuild.errors import EvalDataError
from kgbuild.eval.coref import b3, gold_head, match, pairwise, read_gold, report
from kgbuild.records import Span

GOLD = [("a", 1), ("b", 1), ("c", 1), ("d", 2), ("e", 2)]


def test_perfect_clustering_scores_one():
    assert b3(GOLD, GOLD) == (1.0, 1.0)
    n_sys, n_gold, n_ok = pairwise(GOLD, GOLD)
    assert n_sys == n_gold == n_ok == 4


def test_no_system_mentions_scores_zero():
    assert b3([], GOLD) == (0.0, 0.0)
    assert pairwise([], GOLD) == (0, 4, 0)


def test_all_singletons():
    single = [(m, m) for m, _ in GOLD]
    p, r = b3(single, GOLD)
    assert p == 1.0
    assert r == pytest.approx((3 * (1 / 3) + 2 * (1 / 2)) / 5)
    assert pairwise(single, GOLD) == (0, 4, 0)


def test_one_cluster_for_everything():
    one = [(m, "x") for m, _ in GOLD]
    p, r = b3(one, GOLD)
    assert r == 1.0
    assert p == pytest.approx((3 * (3 / 5) + 2 * (2 / 5)) / 5)
    assert pairwise(one, GOLD) == (10, 4, 4)


def test_hand_computed_case():
    # system: {a, b} {c, d} {e}; gold: {a, b, c} {d, e}
    system = [("a", "x"), ("b", "x"), ("c", "y"), ("d", "y"), ("e", "z")]
    p, r = b3(system, GOLD)
    assert p == pytest.approx((1 + 1 + 0.5 + 0.5 + 1) / 5)
    assert r == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1 / 2 + 1 / 2) / 5)
    assert pairwise(system, GOLD) == (2, 4, 1)


def test_match_is_one_to_one_and_needs_the_head():
    gold = [Span(0, 25, "President Dmitri Example"), Span(0, 9, "President")]
    ours = [Span(0, 25, "President Dmitri Example")]
    assert match(gold, ours) == {0: 0}
    heads = [gold_head(Span(0, 15, "the Airbus A350"), "")]
    assert match([Span(0, 15, "the Airbus A350")], [Span(4, 10, "Airbus")], heads) == {}


def test_read_gold_rejects_a_folder_without_docs(tmp_path):
    with pytest.raises(EvalDataError):
        read_gold(tmp_path)


def test_read_gold_small_folder(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "text").mkdir()
    text = "Acme hired Bo. He said Acme grew."
    (tmp_path / "text" / "1.txt").write_text(text, encoding="utf-8")
    doc = {
        "doc_id": "1",
        "text": text,
        "entity_mentions": [
            {
                "id": "m1",
                "start": 0,
                "end": 4,
                "text": "Acme",
                "syntactic_type": "NAM",
                "head": "Acme",
            },
            {
                "id": "m2",
                "start": 11,
                "end": 13,
                "text": "Bo",
                "syntactic_type": "NAM",
                "head": "Bo",
            },
            {
                "id": "m3",
                "start": 15,
                "end": 17,
                "text": "He",
                "syntactic_type": "PRO",
                "head": "He",
            },
            {
                "id": "m4",
                "start": 23,
                "end": 27,
                "text": "Acme",
                "syntactic_type": "NAM",
                "head": "Acme",
            },
        ],
        "entities": [
            {"id": "e1", "mentions": ["m1", "m4"]},
            {"id": "e2", "mentions": ["m2", "m3"]},
        ],
    }
    (tmp_path / "docs" / "1.json").write_text(json.dumps(doc), encoding="utf-8")
    (gd,) = read_gold(tmp_path)
    assert [m.entity for m in gd.mentions] == ["e1", "e2", "e2", "e1"]
    assert gd.mentions[2].head == Span(15, 17, "He")


@pytest.mark.slow
@needs(MEANTIME_DEV)
def test_meantime_dev_scores():
    from kgbuild.eval.coref import evaluate

    result = evaluate(MEANTIME_DEV, sample=3)
    assert result.documents == 60
    # figures of the rule-based resolver on the dev half (see docs/actors.md)
    assert result.mention_recall >= 0.40
    assert result.b3_f1 >= 0.88
    assert result.pairwise_f1 >= 0.80
    assert result.link_recall >= 0.28
    text = report(result)
    assert "B³" in text and "pairwise" in text
