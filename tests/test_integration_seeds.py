"""The whole pipeline on the seed articles: every output is there and holds what it should."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.slow

OUTPUTS = ("graph.ttl", "graph.trig", "graph.jsonld", "triples.csv", "graph.html")


def test_every_output_written(seed_build):
    out, summary = seed_build
    for name in OUTPUTS:
        assert (out / name).stat().st_size > 0, name
    assert summary.articles == 5
    assert summary.events > 0 and summary.entities > 0 and summary.triples > 0


def test_outputs_parse_with_rdflib(seed_build):
    from rdflib import Dataset, Graph

    out, _ = seed_build
    assert len(Graph().parse(out / "graph.ttl")) > 100
    assert len(Graph().parse(out / "graph.jsonld", format="json-ld")) > 100
    ds = Dataset()
    ds.parse(out / "graph.trig", format="trig")
    assert len(list(ds.graphs())) >= 5 + 1


def test_jsonld_has_inline_context(seed_build):
    out, _ = seed_build
    data = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert isinstance(data["@context"], dict)


def test_triples_csv_columns(seed_rows):
    from kgbuild.table import COLUMNS

    assert list(seed_rows[0]) == list(COLUMNS)
    for r in seed_rows:
        assert r["sources"] and r["evidence"] and r["event_iri"].startswith("https://")


def test_html_makes_no_external_request(seed_build):
    out, _ = seed_build
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "new Sigma(" in page
    for marker in ('src="http', "src='http", 'href="http', "href='http", "@import", "url(http"):
        assert marker not in page, marker


def _has(rows, subj, pred, obj):
    return [
        r
        for r in rows
        if subj.lower() in r["subject"].lower()
        and r["predicate"] == pred
        and obj.lower() in r["object"].lower()
        and r["negated"] == "false"
    ]


def test_example_triple_putin_meet_scholz(seed_rows):
    hits = _has(seed_rows, "Putin", "meet", "Scholz")
    assert hits, "Putin–meet–Scholz missing"
    assert hits[0]["sources"]


def test_example_triple_russia_demand_guarantees(seed_rows):
    hits = _has(seed_rows, "Russia", "demand", "guarantee")
    assert hits, "Russia–demand–guarantees missing"
    assert hits[0]["sources"]
