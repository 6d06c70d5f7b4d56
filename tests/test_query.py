"""SPARQL over a build: the embedded store, rdflib, bound parameters, inference, the CLI."""

from __future__ import annotations

import json

import pytest
from rdf_sample import sample_kg, write_build

from kgbuild.cli import main
from kgbuild.errors import QueryError
from kgbuild.query import (
    format_result,
    is_update,
    parse_params,
    query_kind,
    run_graph_query,
    run_query,
)
from kgbuild.store import STORE_DIR, build_store, is_fresh, open_store


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    return write_build(tmp_path_factory.mktemp("query"), sample_kg())


MEET = "SELECT ?a ?b WHERE { ?x rel:meet ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }"


def test_store_is_built_and_fresh(build):
    assert (build / STORE_DIR).is_dir()
    assert is_fresh(build)


@pytest.mark.parametrize("engine", ["store", "rdflib"])
def test_select_on_each_engine(build, engine):
    names, rows = run_query(build, MEET, engine=engine)
    assert names == ["a", "b"] and rows == [["Anna Berg", "Li Wei"]]


def test_engines_agree_on_named_graphs(build):
    q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?e a kg:Event } } GROUP BY ?g ORDER BY ?g"
    store = run_query(build, q)
    assert run_query(build, q, engine="rdflib") == store
    assert len(store[1]) == 2  # the two article graphs


def test_ontology_graph_is_in_the_store(build):
    q = "ASK { GRAPH <https://w3id.org/kgbuild/ns> { kg:Consult rdfs:subClassOf kg:Event } }"
    assert run_query(build, q) == (["ask"], [["true"]])


def test_stale_store_is_not_used(tmp_path):
    folder = write_build(tmp_path / "b", sample_kg())
    (folder / "graph.nq").write_text(
        "<https://e.org/only> <https://e.org/p> <https://e.org/o> .\n", encoding="utf-8"
    )
    assert not is_fresh(folder)
    _names, rows = run_query(folder, "SELECT ?s WHERE { ?s <https://e.org/p> ?o }")
    assert rows == [["https://e.org/only"]]
    build_store(folder)
    assert is_fresh(folder)
    assert run_query(folder, "SELECT ?s WHERE { ?s <https://e.org/p> ?o }")[1] == [
        ["https://e.org/only"]
    ]


def test_store_is_read_only(build):
    store = open_store(build)
    with pytest.raises((OSError, RuntimeError, QueryError)):
        store.update("INSERT DATA { <https://e.org/a> <https://e.org/b> <https://e.org/c> }")


def test_folder_without_store_is_queried_from_its_files(tmp_path):
    folder = write_build(tmp_path / "b", sample_kg(), store=False)
    assert run_query(folder, MEET)[1] == [["Anna Berg", "Li Wei"]]


def test_missing_build_is_a_clear_error(tmp_path):
    from kgbuild.errors import OutputError

    with pytest.raises(OutputError, match="no build here"):
        run_query(tmp_path, MEET)


# --------------------------------------------------------------------------- parameters

BY_NAME = """SELECT ?name ?event WHERE {
  ?event kg:actor/rdfs:label ?label .
  FILTER(CONTAINS(LCASE(?label), LCASE(?name)))
}"""


@pytest.mark.parametrize("engine", ["store", "rdflib"])
def test_parameter_is_bound(build, engine):
    _names, rows = run_query(build, BY_NAME, params={"name": "anna"}, engine=engine)
    assert {r[1] for r in rows} == {"https://w3id.org/kgbuild/id/event/e1meet"}
    assert all(r[0] == "anna" for r in rows)


@pytest.mark.parametrize("engine", ["store", "rdflib"])
@pytest.mark.parametrize(
    "evil",
    [
        '") || true || ("',
        'x" } ?s ?p ?o . FILTER("',
        "anna' || 1=1",
        "> ; DROP ALL ; <",
        "\\u0022) || true #",
    ],
)
def test_parameter_values_are_data_not_code(build, engine, evil):
    _names, rows = run_query(build, BY_NAME, params={"name": evil}, engine=engine)
    assert rows == []


def test_iri_parameter(build):
    q = "SELECT ?who ?label WHERE { ?who rdfs:label ?label }"
    rows = run_query(
        build,
        q,
        params={
            "who": "<https://w3id.org/kgbuild/id/entity/person-anna-berg-"
            + _hash("person:anna berg")
            + ">"
        },
    )[1]
    assert rows and rows[0][1] == "Anna Berg"


def _hash(key: str) -> str:
    from kgbuild.rdf.iri import short_hash

    return short_hash(key)


def test_unknown_parameter_is_refused(build):
    with pytest.raises(QueryError, match="no variable"):
        run_query(build, MEET, params={"nope": "x"})


def test_store_parameter_must_be_projected(build):
    q = "SELECT ?event WHERE { ?event kg:actor/rdfs:label ?l FILTER(CONTAINS(?l, ?name)) }"
    with pytest.raises(QueryError, match="SELECT clause"):
        run_query(build, q, params={"name": "Anna"})
    assert run_query(build, q, params={"name": "Anna"}, engine="rdflib")[1]


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (["name=Kyiv"], {"name": "Kyiv"}),
        (["?x=a=b"], {"x": "a=b"}),
        (["who=<https://e.org/x>"], {"who": "<https://e.org/x>"}),
        ([], {}),
    ],
)
def test_parse_params(items, expected):
    assert parse_params(items) == expected


@pytest.mark.parametrize("bad", ["noequals", "1x=2", "a b=c", "=v"])
def test_parse_params_rejects(bad):
    with pytest.raises(QueryError):
        parse_params([bad])


# --------------------------------------------------------------------------- inference


@pytest.mark.parametrize("infer", ["rdfs", "owlrl"])
def test_inference_finds_subclass_instances(build, infer):
    q = "SELECT ?l WHERE { ?x a kg:Actor ; rdfs:label ?l } ORDER BY ?l"
    assert run_query(build, q)[1] == []
    labels = [r[0] for r in run_query(build, q, infer=infer)[1]]
    assert {"Anna Berg", "Li Wei", "Examplia"} <= set(labels)
    assert "guarantees" not in labels


def test_inference_finds_superproperties_and_aligned_classes(build):
    q = "SELECT DISTINCT ?a WHERE { ?e a sem:Event ; sem:hasActor ?x . ?x rdfs:label ?a } ORDER BY ?a"
    labels = [r[0] for r in run_query(build, q, infer="rdfs")[1]]
    assert "Li Wei" in labels  # the target of the meeting
    q2 = "SELECT ?b WHERE { ?a kg:relatedTo ?y . ?a rdfs:label 'Anna Berg' . ?y rdfs:label ?b }"
    assert ["Li Wei"] in run_query(build, q2, infer="rdfs")[1]


def test_inference_puts_taxonomy_events_under_event(build):
    q = "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a sem:Event }"
    assert int(run_query(build, q, infer="rdfs")[1][0][0]) == 5


# --------------------------------------------------------------------------- query forms


def test_ask(build):
    assert run_query(build, "ASK { ?x rel:meet ?y }") == (["ask"], [["true"]])


@pytest.mark.parametrize("engine", ["store", "rdflib"])
@pytest.mark.parametrize("fmt", ["turtle", "ntriples"])
def test_construct(build, engine, fmt):
    import pyoxigraph as ox

    text = run_graph_query(
        build, "CONSTRUCT { ?x rel:meet ?y } WHERE { ?x rel:meet ?y }", engine=engine, fmt=fmt
    )
    parsed = list(
        ox.parse(
            text.encode(), format=ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
        )
    )
    assert len(parsed) == 1 and parsed[0].predicate.value.endswith("/rel/meet")


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <https://e.org/a> <https://e.org/b> <https://e.org/c> }",
        "PREFIX x: <https://e.org/>\nDELETE WHERE { ?s ?p ?o }",
        "drop all",
        "CLEAR DEFAULT",
    ],
)
def test_updates_are_refused(build, update):
    assert is_update(update)
    with pytest.raises(QueryError, match="refused"):
        run_query(build, update)


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("SELECT ?insert WHERE { ?insert ?p 'DELETE' }", "SELECT"),
        ("# DELETE this\nASK {}", "ASK"),
        ("PREFIX construct: <https://e.org/select#>\nDESCRIBE <https://e.org/x>", "DESCRIBE"),
        ("construct { ?s ?p ?o } where { ?s ?p ?o }", "CONSTRUCT"),
    ],
)
def test_query_kind(query, kind):
    assert query_kind(query) == kind and not is_update(query)


def test_syntax_error_is_a_query_error(build):
    with pytest.raises(QueryError, match="syntax"):
        run_query(build, "SELECT ?x WHERE { ?x ")


def test_format_result():
    names, rows = ["a", "b"], [["x", None], ["y, z", "w"]]
    assert format_result(names, rows, "csv") == 'a,b\nx,\n"y, z",w\n'
    assert json.loads(format_result(names, rows, "json")) == [
        {"a": "x", "b": None},
        {"a": "y, z", "b": "w"},
    ]
    assert format_result(names, rows, "table").endswith("(2 rows)\n")


# --------------------------------------------------------------------------- CLI


def test_cli_query_with_param(build, capsys):
    code = main(["query", BY_NAME, "--data", str(build), "--param", "name=Wei", "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0 and "e5visit" in out and "e1meet" not in out


def test_cli_construct_and_infer(build, capsys):
    assert (
        main(
            ["query", "CONSTRUCT { ?x rel:meet ?y } WHERE { ?x rel:meet ?y }", "--data", str(build)]
        )
        == 0
    )
    assert "rel:meet" in capsys.readouterr().out
    assert (
        main(
            [
                "query",
                "SELECT ?x WHERE { ?x a kg:Actor }",
                "--data",
                str(build),
                "--infer",
                "--format",
                "tsv",
            ]
        )
        == 0
    )
    assert len(capsys.readouterr().out.splitlines()) >= 5


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["query", "INSERT DATA { <a:b> <a:c> <a:d> }"], "refused"),
        (["query", "SELECT ?x WHERE {"], "syntax"),
        (["query", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "--format", "csv"], "turtle"),
        (["query", MEET, "--param", "bad"], "NAME=VALUE"),
    ],
)
def test_cli_errors_are_one_line(build, capsys, argv, message):
    assert main([*argv, "--data", str(build)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_cli_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["query", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "--param" in out and "--infer" in out


def test_rdfs_closure_matches_owlrl_on_the_data(build):
    """The one-pass RDFS closure entails the same data triples (between resources) as owlrl's
    RDFS closure of the whole graph."""
    import owlrl
    from rdflib import RDFS, Literal

    from kgbuild.query import load_graph
    from kgbuild.rdf.infer import rdfs_closure
    from kgbuild.rdf.ontology import load_ontology

    fast = rdfs_closure(load_graph(build), load_ontology())
    full = load_graph(build)
    full += load_ontology()
    owlrl.DeductiveClosure(
        owlrl.RDFS_Semantics, axiomatic_triples=False, datatype_axioms=False
    ).expand(full)

    def data(g):
        return {
            (s, p, o)
            for s, p, o in g
            if str(s).startswith("https://w3id.org/kgbuild/id/")
            and not isinstance(o, Literal)
            and o != RDFS.Resource
        }

    assert data(fast) == data(full)
    assert len(data(fast)) > len(data(load_graph(build)))


def test_store_loads_in_pieces_and_apart(tmp_path, monkeypatch):
    """The store is loaded in pieces (the same quads whatever the piece size) and can be built
    in a process of its own, whose errors come back as errors of the caller."""
    from kgbuild import store as store_module
    from kgbuild.errors import OutputError
    from kgbuild.store import build_store_apart

    folder = write_build(tmp_path / "b", sample_kg())
    whole = len(open_store(folder))
    monkeypatch.setattr(store_module, "CHUNK_BYTES", 200)
    build_store(folder)
    assert len(open_store(folder)) == whole
    monkeypatch.undo()
    assert build_store_apart(folder) == folder / STORE_DIR
    assert is_fresh(folder) and len(open_store(folder)) == whole
    with pytest.raises(OutputError, match=r"no graph\.nq"):
        build_store_apart(tmp_path / "empty")
