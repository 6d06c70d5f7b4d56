"""CSV formula injection: no cell of a CSV or TSV file kgbuild writes runs as a formula.

Names from an article such as ``=HYPERLINK(…)`` or ``+cmd|' /C calc'!A0`` reach every CSV writer
(``triples.csv``, Gephi's and Neo4j's CSVs, ``kgbuild query --format csv``). Each such cell gets
a leading ``'`` (OWASP's rule); the RDF and JSON files keep the raw value.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from rdf_sample import ring_of_names

from kgbuild.cli import main
from kgbuild.records import Article, KnowledgeGraph
from kgbuild.writers.csvsafe import FORMULA_STARTS, safe_cell

FORMULAS = [
    '=HYPERLINK("http://evil.example/x","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",  # full-width equals sign
]


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "+1"),
        ("-2.5e3", "-2.5e3"),
        ("-2+3", "'-2+3"),
        ("+1 (555) 0100", "'+1 (555) 0100"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("\rx", "'\nx"),
        ("a\r=1", "a\n=1"),
        ("\uff20x", "'\uff20x"),
        ("Anna Berg", "Anna Berg"),
        ("a=b", "a=b"),
        ("'=x", "'=x"),
        ("", ""),
        (None, ""),
        (-3, "-3"),
        (0.25, "0.25"),
    ],
)
def test_safe_cell(value, cell):
    assert safe_cell(value) == cell
    assert safe_cell(safe_cell(value)) == cell  # idempotent


def _graph() -> KnowledgeGraph:
    doc = "=cmd|doc"
    text = " met ".join(FORMULAS[:2]) + "."
    article = Article(
        id=doc,
        text=text,
        title=FORMULAS[0],
        date="2022-02-15",
        source=FORMULAS[3],
        author=FORMULAS[1],
        dateline=None,
        paths=("/news/=x.txt",),
        content_hash="0123456789abcdef",
    )
    return ring_of_names(article, FORMULAS, 0, FORMULAS[2])


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    from kgbuild.export import export
    from kgbuild.fsutil import output_transaction
    from kgbuild.outputs import write_outputs

    out = tmp_path_factory.mktemp("formulas")
    with output_transaction(out):
        write_outputs(_graph(), out)
    export(out, "csv")
    export(out, "neo4j")
    return out


def _cells(path: Path, delimiter: str = ",") -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return [c for row in csv.reader(fh, delimiter=delimiter) for c in row]


def _assert_safe(cells: list[str]) -> None:
    bad = [c for c in cells if c and c[0] in FORMULA_STARTS]
    assert not bad


@pytest.mark.parametrize(
    "name",
    [
        "triples.csv",
        "mentions.csv",
        "gephi/nodes.csv",
        "gephi/edges.csv",
        "neo4j/nodes.csv",
        "neo4j/edges.csv",
    ],
)
def test_every_csv_file_is_safe(build, name):
    cells = _cells(build / name)
    _assert_safe(cells)
    # the formulas are there, neutralised, not lost
    assert any(c.startswith("'" + FORMULAS[0]) for c in cells), name


def test_raw_values_stay_in_rdf_and_json(build):
    import pyoxigraph as ox

    literals = {
        q.object.value
        for q in ox.parse(path=str(build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
        if isinstance(q.object, ox.Literal)
    }
    assert set(FORMULAS) <= literals
    text = json.dumps(json.loads((build / "graph.json").read_text(encoding="utf-8")))
    assert json.dumps(FORMULAS[1])[1:-1] in text


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_query_results_are_safe(build, capsys, tmp_path, fmt, delimiter):
    q = "SELECT ?label WHERE { ?e rdfs:label ?label } ORDER BY ?label"
    assert main(["query", q, "--data", str(build), "--format", fmt]) == 0
    out = tmp_path / f"r.{fmt}"
    out.write_text(capsys.readouterr().out, encoding="utf-8")
    cells = _cells(out, delimiter)
    _assert_safe(cells)
    assert "'" + FORMULAS[0] in cells
    assert main(["query", q, "--data", str(build), "--format", "json"]) == 0
    assert FORMULAS[0] in [r["label"] for r in json.loads(capsys.readouterr().out)]
