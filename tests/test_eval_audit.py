"""The reading audit sheet (``kgbuild eval audit``): drawn reproducibly from a build's facts,
each with what the graph holds of it, and tallied from a filled CSV sheet."""

from __future__ import annotations

import csv

import pytest

from kgbuild.eval.audit import COLUMNS, evaluate, report, tally, to_csv

pytestmark = pytest.mark.slow


def test_sheet_is_reproducible_and_complete(seed_build):
    out, _summary = seed_build
    a = evaluate(out, n=12, seed=7)
    b = evaluate(out, n=12, seed=7)
    assert a.items == b.items
    assert len(a.items) == 12 and a.facts >= 12
    for it in a.items:
        assert it.actor and it.predicate and it.sentence and it.article
        assert it.event_iri.startswith("https://")
    assert evaluate(out, n=12, seed=8).items != a.items


def test_sheet_shows_further_arguments(seed_build):
    out, _summary = seed_build
    items = evaluate(out, n=400, seed=1).items
    with_args = [it for it in items if it.arguments]
    assert with_args, "the seeds have facts with further arguments"
    md = report(evaluate(out, n=400, seed=1))
    assert f"({with_args[0].arguments})" in md


def test_tally_counts_a_filled_sheet(seed_build, tmp_path):
    out, _summary = seed_build
    rows = list(csv.reader(to_csv(evaluate(out, n=3, seed=2)).splitlines()))
    assert rows[0] == list(COLUMNS)
    for row, verdict in zip(rows[1:], ["right", "partly", "right"], strict=True):
        row[COLUMNS.index("verdict")] = verdict
    path = tmp_path / "sheet.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert tally(path) == {"right": 2, "partly": 1}
