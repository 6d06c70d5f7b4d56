"""Cross-document coreference scoring: the metrics on hand-computed cases and against brute
force, the mapping of gold mentions, and the dev figures against the reference ECB+ scorer."""

from __future__ import annotations

import itertools
import json
import random
import subprocess
import sys

import pytest
from conftest import SHARED, needs

from kgbuild.eval.conll import b_cubed, ceaf_e, clusters, conll, conll_f1, muc

ECB_DEV = SHARED / "eval" / "ecb-dev"
REFERENCE = SHARED / "eval" / "scorers" / "ecb_score.py"


def _close(a, b):
    return abs(a - b) < 1e-9


def test_pradhan_example():
    # Pradhan et al. (2014), figure 1: key {a b c} {d e f g}; response {a b} {c d} {f g h i}
    key = [set("abc"), set("defg")]
    resp = [set("ab"), set("cd"), set("fghi")]
    m, b, c = muc(key, resp), b_cubed(key, resp), ceaf_e(key, resp)
    assert _close(m.recall, 2 / 5) and _close(m.precision, 2 / 5)
    assert _close(b.recall, 5 / 12) and _close(b.precision, 1 / 2)
    assert _close(c.recall, 1.3 / 2) and _close(c.precision, 1.3 / 3)


def test_gold_mentions_case():
    # key {1 2 3} {4 5} {6}; response {1 2} {3 4 5 6}
    key = [{1, 2, 3}, {4, 5}, {6}]
    resp = [{1, 2}, {3, 4, 5, 6}]
    s = conll(key, resp)
    assert _close(s["muc"].recall, 2 / 3) and _close(s["muc"].precision, 1 / 2)
    assert _close(s["b3"].recall, 14 / 18) and _close(s["b3"].precision, 3.5 / 6)
    assert _close(s["ceafe"].recall, 22 / 45) and _close(s["ceafe"].precision, 22 / 30)


def test_identity_and_singletons():
    key = [{1, 2, 3}, {4, 5}, {6}]
    assert conll_f1(conll(key, key)) == 1.0
    single = [{m} for m in range(1, 7)]
    s = conll(key, single)
    assert s["muc"].f1 == 0 and _close(s["b3"].recall, 0.5) and _close(s["b3"].precision, 1.0)
    assert _close(s["ceafe"].recall, 13 / 18) and _close(s["ceafe"].precision, 13 / 36)


def _brute_ceaf(key, resp):
    w = [[2 * len(a & b) / (len(a) + len(b)) for b in resp] for a in key]
    best = 0.0
    if len(key) <= len(resp):
        for perm in itertools.permutations(range(len(resp)), len(key)):
            best = max(best, sum(w[i][perm[i]] for i in range(len(key))))
    else:
        for perm in itertools.permutations(range(len(key)), len(resp)):
            best = max(best, sum(w[perm[j]][j] for j in range(len(resp))))
    return best


def test_ceaf_alignment_is_optimal_and_metrics_symmetric():
    rng = random.Random(7)
    for _ in range(150):
        ms = list(range(rng.randint(1, 9)))
        key = clusters({m: rng.randint(0, 3) for m in ms})
        resp = clusters({m: rng.randint(0, 4) for m in ms})
        best = _brute_ceaf(key, resp)
        got = ceaf_e(key, resp)
        assert _close(got.recall, best / len(key)) and _close(got.precision, best / len(resp))
        for metric in (muc, b_cubed, ceaf_e):
            a, b = metric(key, resp), metric(resp, key)
            assert _close(a.precision, b.recall) and _close(a.recall, b.precision)


def test_mapping_gives_each_span_to_one_mention():
    """One report whose predicate covers two gold mentions links neither to the other; the
    mention whose head lemma is the predicate's word takes it."""
    from kgbuild.eval.ecb import map_mentions

    class NoParse:
        def tokens_in(self, doc, s, e):
            return []

        def head(self, doc, toks):
            return None

    mentions = [
        {"id": "try", "doc": "d", "spans": [[0, 3]], "start": 0, "token_ids": [0]},
        {"id": "deploy", "doc": "d", "spans": [[7, 13]], "start": 7, "token_ids": [2]},
    ]
    lemmas = {"try": "try", "deploy": "deploy"}
    cands = {"d": [(0, 13, "ev1", 0.5, "deploy")]}
    got = map_mentions(mentions, cands, NoParse(), lemmas, events=True)  # type: ignore[arg-type]
    assert got == {"deploy": "ev1"}


@pytest.mark.slow
@needs(ECB_DEV)
@needs(REFERENCE)
def test_dev_figures_are_the_reference_scorers(tmp_path):
    """``kgbuild eval ecb`` gives the figures of the reference scorer on the same build."""
    from kgbuild.eval.ecb import evaluate, report

    out = tmp_path / "build"
    result = evaluate(ECB_DEV, build=out)
    ref = json.loads(
        subprocess.run(
            [sys.executable, str(REFERENCE), str(ECB_DEV), str(out)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    for side, mine in (("events", result.events), ("entities", result.entities)):
        for system in ("kgbuild", "same_lemma_topic", "all_singletons"):
            want, got = ref[side][system], mine.systems[system]
            assert round(got.conll_f1, 4) == want["conll_f1"], (side, system)
            for metric in ("muc", "b3", "ceafe"):
                assert round(getattr(got, metric).f1, 4) == want[metric]["f1"], (side, metric)
        assert mine.matched == ref[side]["matched"]
        links = ref[side]["cross_doc_links"]
        assert (mine.cross_doc_made, mine.cross_doc_right) == (
            links["kgbuild"],
            links["kgbuild_correct"],
        )
    assert result.documents == 196 and "CoNLL F1" in report(result)
