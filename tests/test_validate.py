"""SHACL validation: a good graph conforms, each broken promise is reported readably."""

from __future__ import annotations

import dataclasses

import pytest
from rdf_sample import sample_kg, write_build
from rdflib import RDF, RDFS, Literal, URIRef

from kgbuild.cli import main
from kgbuild.rdf import iri
from kgbuild.rdf.graph import merged_graph
from kgbuild.rdf.model import subset_blocks
from kgbuild.rdf.namespace import KG, REL
from kgbuild.validate import (
    check_build,
    sample_graph,
    spread,
    validate,
    validate_graph,
    validate_kg,
)

MEET = iri.event_iri("e1meet")
ANNA = iri.entity_iri("person:anna berg")
A1 = iri.article_iri("a1")


def test_sample_graph_conforms():
    report = validate_kg(sample_kg(), sample=None)
    assert report.conforms, report.text()
    assert report.counts == {"events": 6, "entities": 6, "articles": 2}
    assert "conforms" in report.text()


def _broken(remove=(), add=()):
    g = merged_graph(sample_kg())
    for pattern in remove:
        g.remove(pattern)
    for t in add:
        g.add(t)
    return validate_graph(g)


@pytest.mark.parametrize(
    ("remove", "add", "focus", "expected"),
    [
        ([(MEET, KG.evidence, None)], [], "e1meet", "evidence"),
        ([(MEET, KG.actor, None), (MEET, KG.target, None)], [], "e1meet", "actor"),
        ([(MEET, KG.source, None)], [], "e1meet", "source article"),
        ([(ANNA, RDFS.label, None)], [], "anna-berg", "label"),
        ([(ANNA, RDF.type, None)], [], "anna-berg", "type"),
        ([(A1, KG.title, None)], [], "article/a1", "title"),
        (
            [],
            [(MEET, RDF.type, URIRef(str(KG._NS) + "Negotiate"))],
            "e1meet",
            "classes the ontology declares",
        ),
        ([], [(MEET, KG.source, iri.article_iri("nowhere"))], "nowhere", "title"),
        (
            [],
            [(ANNA, REL.undeclared, iri.entity_iri("person:li wei"))],
            "undeclared",
            "declared with a label",
        ),
        ([], [(MEET, KG.confidence, Literal("high"))], "e1meet", ""),
    ],
    ids=[
        "no-evidence",
        "no-actor",
        "no-source",
        "entity-no-label",
        "entity-no-type",
        "article-no-title",
        "undeclared-class",
        "missing-article",
        "undeclared-edge",
        "bad-confidence",
    ],
)
def test_each_broken_promise_is_reported(remove, add, focus, expected):
    report = _broken(remove, add)
    assert not report.conforms
    hits = [v for v in report.violations if focus in v.focus]
    assert hits, report.text()
    assert any(expected in v.message for v in hits), report.text()
    text = report.text()
    assert "violation(s) of the shapes" in text
    assert all(not v.focus.startswith("http") for v in report.violations)


def test_report_is_bounded():
    g = merged_graph(sample_kg())
    for s in list(g.subjects(RDF.type, KG.Article)):
        g.remove((s, KG.title, None))
    report = validate_graph(g)
    lines = report.text(limit=1).splitlines()
    assert len(lines) == 3 and "more" in lines[-1]


def test_check_build_warns_only_on_violations():
    assert check_build(sample_kg()) == []
    kg = sample_kg()
    bad = dataclasses.replace(
        kg, events=(dataclasses.replace(kg.events[0], evidence=(), event_class="NoSuchClass"),)
    )
    msgs = check_build(bad)
    assert msgs and all(m.startswith("graph does not conform to the shapes") for m in msgs)


def test_sampled_validation_checks_a_bounded_subset():
    kg = sample_kg()
    report = validate_kg(kg, sample=2)
    assert report.sampled and report.conforms, report.text()
    assert report.counts["events"] == 2


@pytest.mark.parametrize(
    ("items", "n", "expected"),
    [(list(range(10)), 3, [0, 3, 6]), ([1, 2], 5, [1, 2]), ([1, 2], None, [1, 2])],
)
def test_spread(items, n, expected):
    assert spread(items, n) == expected


def test_sample_graph_keeps_what_the_shapes_need():
    g = merged_graph(sample_kg())
    part, sampled = sample_graph(g, 2)
    assert sampled and len(part) < len(g)
    assert validate_graph(part).conforms


def test_validate_folder_and_cli(tmp_path, capsys):
    folder = write_build(tmp_path / "ok", sample_kg(), store=False)
    assert validate(folder).conforms
    assert main(["validate", str(folder)]) == 0
    assert "conforms" in capsys.readouterr().out
    assert main(["validate", str(folder), "--sample", "3"]) == 0


def test_cli_fails_on_a_broken_build(tmp_path, capsys):
    folder = write_build(tmp_path / "bad", sample_kg(), store=False)
    text = (folder / "graph.nq").read_text(encoding="utf-8")
    kept = [ln for ln in text.splitlines(keepends=True) if f"<{KG.title}>" not in ln]
    (folder / "graph.nq").write_text("".join(kept), encoding="utf-8")
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "every article has a title" in out and "Traceback" not in out


def test_cli_errors(tmp_path, capsys):
    assert main(["validate", str(tmp_path)]) == 1
    assert "no build here" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["validate", str(tmp_path), "--sample", "0"])


def test_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    assert "examples:" in capsys.readouterr().out


def test_turtle_file_can_be_validated(tmp_path):
    folder = write_build(tmp_path / "b", sample_kg(), store=False)
    report = validate(folder / "graph.ttl")
    assert report.conforms and report.source.endswith("graph.ttl")
    assert isinstance(URIRef(str(MEET)), URIRef)


def test_writing_in_two_reports_the_warnings_of_the_validation_beside_it(tmp_path, monkeypatch):
    """The build validates in a forked copy while it writes; the copy's warnings and timing
    come back to the build."""
    from kgbuild import validate as validate_module
    from kgbuild.fsutil import output_transaction
    from kgbuild.outputs import write_in_two

    monkeypatch.setattr(validate_module, "check_build", lambda kg: [f"{len(kg.events)} events"])
    kg = sample_kg()
    stages: dict[str, float] = {}
    warned: list[str] = []
    with output_transaction(tmp_path):
        write_in_two(kg, tmp_path, stages, warned.append)
    assert warned == [f"{len(kg.events)} events"]
    assert stages["validate"] >= 0 and (tmp_path / "graph.nq").is_file()


def test_sampled_validation_holds_only_the_articles_of_its_events():
    kg = sample_kg()
    ev = next(e for e in kg.events if len(kg.articles) > len(e.sources))
    blocks = list(subset_blocks(kg, [ev]))
    described = {b.subject for b in blocks if (str(RDF.type), str(KG.Article)) in b.pairs}
    assert described == {str(iri.article_iri(doc)) for doc in ev.sources}
    named = {o for b in blocks for p, o in b.pairs if p == str(KG.source)}
    assert named <= described  # every source named is described, for the sh:class checks
