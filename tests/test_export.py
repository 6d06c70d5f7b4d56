"""Exports read back by the real tools: networkx, igraph, kuzu, pyoxigraph.

The fast tests use a small hand-made graph with awkward text (quotes, backslashes, line breaks,
markup, control characters, emoji), an object-less event and an edge end that is not an
entity. The slow tests export the seed build and check that every format holds as many nodes
and edges as ``triples.csv`` says.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import pytest

from kgbuild.records import (
    Argument,
    Article,
    Entity,
    EntityRef,
    Event,
    Evidence,
    KnowledgeGraph,
    Predicate,
    Span,
    TimeValue,
    Triple,
)

AWKWARD = 'He said: "it\'s <b>over</b> & done" \\ back\nslash\ttab \x0b😀'
XML_SAFE = AWKWARD.replace("\x0b", "")


# --------------------------------------------------------------------------- a small graph


def _evidence(
    doc: str, sentence: str, obj: bool = True, conf: float = 0.7, args: tuple = ()
) -> Evidence:
    return Evidence(
        doc=doc,
        sentence=sentence,
        sentence_span=Span(0, len(sentence), sentence),
        subject=Span(0, 2, sentence[:2]),
        predicate=Span(3, 5, sentence[3:5]),
        object=Span(6, 8, sentence[6:8]) if obj else None,
        attributed_to="the ministry" if doc == "a2" else None,
        confidence=conf,
        arguments=tuple((role, Span(a, b, sentence[a:b])) for role, a, b in args),
    )


def tiny_kg() -> KnowledgeGraph:
    """Four entities, seven events in six rows: five edges (two parallel, one to a non-entity,
    one loop) and a row without an object."""
    arts = (
        Article(id="a1", text="t1", title="First", date="2022-02-15", source="Agency"),
        Article(id="a2", text="t2", title="Second"),
    )
    ents = (
        Entity(
            key="person:ann example",
            label="Ann Example",
            type="Person",
            aliases=("A. Example", "Ann"),
            roles=("Minister",),
            mentions=3,
            sources=("a1", "a2"),
        ),
        Entity(key="country:XA", label="Xland", type="Country", same_as=("http://example.org/xa",)),
        Entity(key="organization:o", label=AWKWARD, type="Organization", mentions=1),
        Entity(key="thing:talks", label="talks", type="Thing"),
    )
    evs = (
        Event(
            id="e1",
            predicate="meet",
            event_class="Consult",
            subject="person:ann example",
            object="country:XA",
            time=TimeValue("on Tuesday", "2022-02-15"),
            sources=("a1", "a2"),
            evidence=(_evidence("a1", "Ann met Xland."), _evidence("a2", AWKWARD, conf=0.9)),
            confidence=0.9,
        ),
        Event(
            id="e2",
            predicate="meet",
            event_class="Consult",
            subject="person:ann example",
            object="country:XA",
            time=TimeValue("in 2021", "2021"),
            sources=("a2",),
            evidence=(_evidence("a2", "Ann met Xland in 2021."),),
        ),
        Event(
            id="e3",
            predicate="call for",
            event_class=None,
            subject="organization:o",
            object="thing:talks",
            negated=True,
            modality="may",
            attributed_to=("person:ann example",),
            place="country:XA",
            arguments=(("with", "country:XA"),),
            sources=("a1",),
            evidence=(_evidence("a1", AWKWARD, args=(("with", 9, 13),)),),
        ),
        Event(
            id="e4",
            predicate="withdraw",
            event_class=None,
            subject="country:XA",
            object=None,
            time=TimeValue("in January", "2022-01"),
            sources=("a1",),
            evidence=(_evidence("a1", "Xland withdrew.", obj=False),),
        ),
        Event(
            id="e5",
            predicate="warn",
            event_class=None,
            subject="country:XA",
            object="thing:unlisted concept",
            sources=("a2",),
            evidence=(_evidence("a2", "Xland warned of something."),),
        ),
        Event(
            id="e6",
            predicate="match",
            event_class=None,
            subject="organization:o",
            object="organization:o",
            sources=("a1",),
            evidence=(_evidence("a1", "It matched itself."),),
        ),
        Event(
            id="e7",
            predicate="criticize",
            event_class=None,
            subject="person:ann example",
            object="country:XA",
            sources=("a1",),
            evidence=(_evidence("a1", "Ann criticized Xland."),),
        ),
    )
    return KnowledgeGraph(articles=arts, entities=ents, events=evs)


N_NODES = 5  # four entities and the unlisted edge end
N_EDGES = 5  # rows with an object: meet (e1+e2 merged), criticize, call for, warn, match
N_EVIDENCE = 8


@pytest.fixture
def kg() -> KnowledgeGraph:
    return tiny_kg()


@pytest.fixture
def tiny_build(tmp_path: Path) -> Path:
    """A build folder of the small graph, written by the build's own writers."""
    from kgbuild.outputs import write_outputs

    out = tmp_path / "build"
    write_outputs(tiny_kg(), out)
    return out


# --------------------------------------------------------------------------- readers


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def csv_header(path: Path) -> list[str]:
    with open(path, encoding="utf-8", newline="") as fh:
        return next(csv.reader(fh))


_KUZU_TYPES = {"int": "INT64", "long": "INT64", "float": "DOUBLE", "boolean": "BOOLEAN"}


def _kuzu_columns(header: list[str], skip: int) -> list[str]:
    cols = []
    for h in header[skip:]:
        name, _, typ = h.partition(":")
        name = {"": "labels" if typ == "LABEL" else "type"}.get(name, name)
        cols.append(f"{name} {_KUZU_TYPES.get(typ, 'STRING')}")
    return cols


def kuzu_from_neo4j_csv(folder: Path, db: Path) -> Any:
    """An embedded kuzu database holding the neo4j-admin CSVs, schema taken from their headers."""
    import kuzu

    nodes, edges = folder / "nodes.csv", folder / "edges.csv"
    node_header, edge_header = csv_header(nodes), csv_header(edges)
    assert node_header[0].endswith(":ID") and ":LABEL" in node_header
    assert edge_header[:3] == [":START_ID", ":END_ID", ":TYPE"]
    conn = kuzu.Connection(kuzu.Database(str(db)))
    key = node_header[0].split(":")[0]
    cols = ", ".join([f"{key} STRING", *_kuzu_columns(node_header, 1)])
    conn.execute(f"CREATE NODE TABLE Entity({cols}, PRIMARY KEY({key}))")
    conn.execute(
        f"CREATE REL TABLE Rel(FROM Entity TO Entity, {', '.join(_kuzu_columns(edge_header, 2))})"
    )
    conn.execute(f"COPY Entity FROM '{nodes}' (header=true, parallel=false)")
    conn.execute(f"COPY Rel FROM '{edges}' (header=true, parallel=false)")
    return conn


def cypher_statements(script: str) -> list[str]:
    """The statements of a Cypher script: split at ``;`` outside quotes, ``//`` lines dropped."""
    stmts: list[str] = []
    buf: list[str] = []
    quote, escaped = "", False
    for line in script.splitlines(keepends=True):
        if not quote and not buf and line.startswith("//"):
            continue
        for ch in line:
            buf.append(ch)
            if escaped:
                escaped = False
            elif quote and ch == "\\":
                escaped = True
            elif ch in "'\"`" and (not quote or ch == quote):
                quote = "" if quote else ch
            elif ch == ";" and not quote:
                stmts.append("".join(buf).strip())
                buf = []
    assert not "".join(buf).strip(), "unterminated statement"
    return stmts


def kuzu_from_cypher(script: Path, db: Path) -> Any:
    """Run ``import.cypher`` in kuzu: kuzu needs a schema first and gives a node one table.

    The only changes to the statements: the uniqueness constraint is kuzu's primary key, and
    the second node label (the entity type, also a property) is dropped.
    """
    import kuzu

    from kgbuild.writers.neo4j import NODE_PROPERTIES

    stmts = cypher_statements(script.read_text(encoding="utf-8"))
    assert stmts[0].startswith("CREATE CONSTRAINT")
    lists = {"aliases", "roles", "same_as", "sources", "attributed_to"}
    num = {
        "mentions": "INT64",
        "source_count": "INT64",
        "confidence": "DOUBLE",
        "negated": "BOOLEAN",
    }

    def typ(p: str) -> str:
        return "STRING[]" if p in lists else num.get(p, "STRING")

    from kgbuild.writers.neo4j import EDGE_PROPERTIES

    conn = kuzu.Connection(kuzu.Database(str(db)))
    node_cols = ", ".join(f"{p} {typ(p)}" for p in NODE_PROPERTIES)
    conn.execute(f"CREATE NODE TABLE Entity(iri STRING, {node_cols}, PRIMARY KEY(iri))")
    edge_cols = ", ".join(f"{p} {typ(p)}" for p in EDGE_PROPERTIES)
    for rel in sorted({m for s in stmts for m in re.findall(r"\]?-\[:`([A-Z0-9_]+)`", s)}):
        conn.execute(f"CREATE REL TABLE `{rel}`(FROM Entity TO Entity, {edge_cols})")
    for s in stmts[1:]:
        conn.execute(re.sub(r"^CREATE \(:Entity:\w+ ", "CREATE (:Entity ", s))
    return conn


def kuzu_rows(conn: Any, query: str) -> list[list[Any]]:
    res = conn.execute(query)
    out = []
    while res.has_next():
        out.append(res.get_next())
    return out


def oxigraph_quads(path: Path) -> set[Any]:
    """The quads of an RDF file parsed by pyoxigraph."""
    import pyoxigraph as ox

    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
    assert fmt is not None, path
    return set(ox.parse(path=str(path), format=fmt))


def oxigraph_count(path: Path) -> tuple[int, int]:
    """(quads, named graphs) of an RDF file parsed by pyoxigraph."""
    import pyoxigraph as ox

    quads = oxigraph_quads(path)
    return len(quads), len({q.graph_name for q in quads} - {ox.DefaultGraph()})


# --------------------------------------------------------------------------- the model


def test_model_nodes_edges_and_attributes(kg):
    from kgbuild.netgraph import EDGE_FIELDS, NODE_FIELDS, to_networkx
    from kgbuild.rdf.iri import entity_iri

    g = to_networkx(kg)
    assert (g.number_of_nodes(), g.number_of_edges()) == (N_NODES, N_EDGES)
    ann = g.nodes[str(entity_iri("person:ann example"))]
    assert ann["aliases"] == ["A. Example", "Ann"] and ann["type"] == "Person"
    assert g.nodes[str(entity_iri("thing:unlisted concept"))]["type"] == "Thing"
    for _n, d in g.nodes(data=True):
        assert tuple(d) == NODE_FIELDS and None not in d.values()
    meet = [d for *_, d in g.edges(data=True) if d["predicate"] == "meet"]
    assert len(meet) == 1
    assert meet[0]["sources"] == ["a1", "a2"] and meet[0]["source_count"] == 2
    assert meet[0]["time"] == "2021"  # the earliest time of the merged row
    call = next(d for *_, d in g.edges(data=True) if d["predicate"] == "call for")
    assert call["negated"] is True and call["modality"] == "may" and call["label"] == "not call for"
    assert call["attributed_to"] == ["Ann Example"] and call["place"] == "Xland"
    for *_, d in g.edges(data=True):
        assert tuple(d) == EDGE_FIELDS and None not in d.values()


def test_edges_are_triples_csv_rows_with_an_object(tiny_build):
    from kgbuild.export import load_model
    from kgbuild.netgraph import to_networkx

    rows = read_rows(tiny_build / "triples.csv")
    g = to_networkx(load_model(tiny_build))
    with_object = [r for r in rows if r["object"]]
    assert len(rows) == N_EDGES + 1 and len(with_object) == N_EDGES
    assert sorted(k for *_, k in g.edges(keys=True)) == sorted(r["event_iri"] for r in with_object)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (["a", "b"], "a;b"),
        ((), ""),
        (None, ""),
        (True, True),
        (2, 2),
        (0.5, 0.5),
        ("x\x00y\x1fz", "xyz"),
        ("line\nbreak", "line\nbreak"),
    ],
)
def test_safe_value(value, expected):
    from kgbuild.netgraph import safe_value

    assert safe_value(value, lists="join") == expected


def test_safe_value_turns_dates_into_iso_strings():
    import datetime as dt

    from kgbuild.netgraph import safe_value

    assert safe_value(dt.date(2022, 2, 15), lists="join") == "2022-02-15"


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        "",
        "R&D <lab>",
        'say "hi"',
        'it\'s "both"',
        "tab\tline\nreturn\r",
        "bell\x07 and \ufffe",
        ["a", "b<c", 'd"'],
        (),
        None,
        True,
        False,
        0,
        7,
        0.25,
        1e-07,
    ],
)
def test_xml_values_are_those_of_the_plain_escapes(value):
    from xml.sax.saxutils import escape, quoteattr

    from kgbuild.netgraph import safe_value, xml_attribute, xml_text

    v = safe_value(value, lists="join")
    plain = ("true" if v else "false") if isinstance(v, bool) else str(v)
    assert xml_text(value) == (plain if isinstance(v, bool) else escape(plain))
    assert xml_attribute(value) == (f'"{plain}"' if isinstance(v, bool) else quoteattr(plain))


# --------------------------------------------------------------------------- graph.json


def test_graph_json_round_trips(tiny_build, kg):
    from kgbuild.writers import model_json

    assert model_json.read(tiny_build / "graph.json") == kg


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot be read"),
        ('{"format": "other"}', "not a kgbuild graph file"),
        ('{"format": "kgbuild-graph", "version": 999, "graph": {}}', "version 999"),
        ('{"format": "kgbuild-graph", "version": 2, "graph": {"articles": []}}', "damaged"),
    ],
)
def test_graph_json_errors(tmp_path, content, message):
    from kgbuild.errors import OutputError
    from kgbuild.writers import model_json

    p = tmp_path / "graph.json"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(OutputError, match=message):
        model_json.read(p)


# --------------------------------------------------------------------------- GraphML, GEXF


def test_graphml_read_by_networkx(tiny_build):
    import networkx as nx

    g = nx.read_graphml(tiny_build / "graph.graphml", force_multigraph=True)
    assert g.is_directed() and g.is_multigraph()
    assert (g.number_of_nodes(), g.number_of_edges()) == (N_NODES, N_EDGES)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert XML_SAFE in labels
    ann = next(d for _, d in g.nodes(data=True) if d["label"] == "Ann Example")
    assert ann["aliases"] == "A. Example;Ann" and ann["mentions"] == 3
    call = next(d for *_, d in g.edges(data=True) if d["predicate"] == "call for")
    assert call["negated"] is True and call["evidence"] == XML_SAFE
    assert call["confidence"] == pytest.approx(0.5)


def test_graphml_read_by_igraph(tiny_build):
    import igraph as ig

    g = ig.Graph.Read_GraphML(str(tiny_build / "graph.graphml"))
    assert g.is_directed()
    assert (g.vcount(), g.ecount()) == (N_NODES, N_EDGES)
    meet = g.es.find(predicate="meet")
    assert g.vs[meet.source]["label"] == "Ann Example" and g.vs[meet.target]["label"] == "Xland"
    assert meet["source_count"] == 2 and meet["negated"] is False
    assert sorted(g.vs["type"]) == ["Country", "Organization", "Person", "Thing", "Thing"]


def test_gexf_read_by_networkx(tiny_build):
    import networkx as nx

    g = nx.read_gexf(tiny_build / "graph.gexf")
    assert g.is_directed() and g.is_multigraph()
    assert (g.number_of_nodes(), g.number_of_edges()) == (N_NODES, N_EDGES)
    ann = next(d for _, d in g.nodes(data=True) if d["label"] == "Ann Example")
    assert ann["aliases"] == "A. Example;Ann" and ann["entity_key"] == "person:ann example"
    keys = {k for *_, k in g.edges(keys=True)}
    rows = [r for r in read_rows(tiny_build / "triples.csv") if r["object"]]
    assert keys == {r["event_iri"] for r in rows}
    meet = next(d for *_, d in g.edges(data=True) if d["predicate"] == "meet")
    assert meet["weight"] == 2.0 and meet["sources"] == "a1;a2" and meet["negated"] is False
    call = next(d for *_, d in g.edges(data=True) if d["predicate"] == "call for")
    assert call["negated"] is True and call["evidence"] == XML_SAFE


# --------------------------------------------------------------------------- CSV


def test_gephi_csv(tiny_build, tmp_path):
    from kgbuild.export import export

    files = export(tiny_build, "csv", tmp_path / "gephi")
    assert [f.name for f in files] == ["nodes.csv", "edges.csv"]
    nodes, edges = read_rows(files[0]), read_rows(files[1])
    assert (len(nodes), len(edges)) == (N_NODES, N_EDGES)
    assert list(nodes[0])[:2] == ["Id", "Label"]
    assert list(edges[0])[:6] == ["Source", "Target", "Type", "Id", "Label", "Weight"]
    ids = {n["Id"] for n in nodes}
    assert all(e["Source"] in ids and e["Target"] in ids for e in edges)
    meet = next(e for e in edges if e["predicate"] == "meet")
    assert meet["Weight"] == "2" and meet["Type"] == "Directed" and meet["negated"] == "false"
    awkward = next(n for n in nodes if n["type"] == "Organization")
    assert "\n" not in awkward["Label"] and awkward["Label"] == " ".join(XML_SAFE.splitlines())


def test_neo4j_csv_imported_by_kuzu(tiny_build, tmp_path):
    from kgbuild.export import export

    export(tiny_build, "neo4j", tmp_path / "neo4j")
    conn = kuzu_from_neo4j_csv(tmp_path / "neo4j", tmp_path / "db")
    assert kuzu_rows(conn, "MATCH (n:Entity) RETURN count(n)") == [[N_NODES]]
    assert kuzu_rows(conn, "MATCH ()-[r:Rel]->() RETURN count(r)") == [[N_EDGES]]
    who = kuzu_rows(
        conn,
        "MATCH (a:Entity)-[r:Rel]->(b:Entity) WHERE r.type = 'MEET' "
        "RETURN a.label, b.label, r.source_count, r.sources, a.labels",
    )
    assert who == [["Ann Example", "Xland", 2, "a1;a2", "Entity;Person"]]
    neg = kuzu_rows(conn, "MATCH (a)-[r:Rel]->(b) WHERE r.negated RETURN r.type, r.modality")
    assert neg == [["NOT_CALL_FOR", "may"]]


def test_neo4j_cypher_script_run_by_kuzu(tiny_build, tmp_path):
    from kgbuild.export import export

    export(tiny_build, "neo4j", tmp_path / "neo4j")
    conn = kuzu_from_cypher(tmp_path / "neo4j" / "import.cypher", tmp_path / "db")
    assert kuzu_rows(conn, "MATCH (n:Entity) RETURN count(n)") == [[N_NODES]]
    assert kuzu_rows(conn, "MATCH ()-[r]->() RETURN count(r)") == [[N_EDGES]]
    label = kuzu_rows(conn, "MATCH (n:Entity) WHERE n.type = 'Organization' RETURN n.label")
    assert label == [[XML_SAFE]]  # quotes, backslash, line break, tab and emoji survive
    meet = kuzu_rows(conn, "MATCH (a)-[r:MEET]->(b) RETURN a.aliases, r.sources, r.negated")
    assert meet == [[["A. Example", "Ann"], ["a1", "a2"], False]]


@pytest.mark.parametrize(
    ("text", "literal"),
    [
        ("plain", "'plain'"),
        ("it's", "'it\\'s'"),
        ("back\\slash", "'back\\\\slash'"),
        ("two\nlines", "'two\nlines'"),
        ("bell\x07", "'bell'"),
        ('say "hi"', "'say \"hi\"'"),
    ],
)
def test_cypher_string(text, literal):
    from kgbuild.writers.neo4j import cypher_string

    assert cypher_string(text) == literal


@pytest.mark.parametrize(
    ("predicate_iri", "rel_type"),
    [
        ("https://w3id.org/kgbuild/rel/call_for", "CALL_FOR"),
        ("https://w3id.org/kgbuild/rel/not_meet", "NOT_MEET"),
        ("https://w3id.org/kgbuild/rel/", "REL"),
    ],
)
def test_relationship_type(predicate_iri, rel_type):
    from kgbuild.writers.neo4j import relationship_type

    assert relationship_type(predicate_iri) == rel_type


# --------------------------------------------------------------------------- JSON Lines


def _extract_record_keys() -> list[str]:
    from kgbuild.extraction_records import record

    s = Span(0, 3, "Ann")
    t = Triple(
        doc="a1",
        sentence=Span(0, 14, "Ann met Xland."),
        subject=Argument(s, s, "subject", EntityRef("person:ann", "Ann", "Person")),
        predicate=Predicate(Span(4, 7, "met"), "meet"),
        object=Argument(Span(8, 13, "Xland"), Span(8, 13, "Xland"), "object"),
    )
    return list(record(t, Article(id="a1", text="Ann met Xland.", title="")))


def test_jsonl_records_have_the_extract_schema(tiny_build, kg):
    from kgbuild.export import export

    (path,) = export(tiny_build, "jsonl")
    assert path == tiny_build / "graph.jsonl"
    recs = [json.loads(ln) for ln in path.read_text(encoding="utf-8").splitlines()]
    assert len(recs) == N_EVIDENCE == sum(len(ev.evidence) for ev in kg.events)
    keys = _extract_record_keys()
    assert all(list(r) == keys for r in recs)
    awkward = next(r for r in recs if r["predicate"] == "call for")
    assert awkward["sentence"] == AWKWARD and awkward["negated"] is True
    assert awkward["arguments"] == [{"role": "with", "text": AWKWARD[9:13], "span": [9, 13]}]
    no_object = next(r for r in recs if r["predicate"] == "withdraw")
    assert no_object["object"] == "" and no_object["object_span"] is None
    assert no_object["time"] == "2022-01"
    second = next(
        r
        for r in recs
        if r["predicate"] == "meet" and r["doc"] == "a2" and r["time"] == "2022-02-15"
    )
    assert second["sources"] == "a1;a2" and second["attributed_to"] == "the ministry"
    assert second["subject_span"] == [0, 2] and second["confidence"] == 0.9
    table_iris = {r["event_iri"] for r in read_rows(tiny_build / "triples.csv")}
    assert table_iris <= {r["event_iri"] for r in recs}


# --------------------------------------------------------------------------- RDF


@pytest.mark.parametrize(
    ("fmt", "name", "source"),
    [
        ("turtle", "graph.ttl", "graph.ttl"),
        ("ntriples", "graph.nt", "graph.ttl"),
        ("jsonld", "graph.jsonld", "graph.ttl"),
        ("trig", "graph.trig", "graph.trig"),
        ("nquads", "graph.nq", "graph.trig"),
    ],
)
def test_rdf_formats_parsed_by_oxigraph(tiny_build, tmp_path, fmt, name, source):
    from kgbuild.export import export

    (path,) = export(tiny_build, fmt, tmp_path / name)
    assert oxigraph_quads(path) == oxigraph_quads(tiny_build / source)
    quads, graphs = oxigraph_count(path)
    assert quads > 0
    if source == "graph.trig":
        assert graphs == len(tiny_kg().articles) + 2  # one per article, provenance, summary


def test_jsonld_export_read_by_rdflib(tiny_build):
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from kgbuild.export import export_text

    g = Graph().parse(data=export_text(tiny_build, "jsonld"), format="json-ld")
    assert isomorphic(g, Graph().parse(tiny_build / "graph.ttl", format="turtle"))


def test_jsonld_export_has_inline_context(tiny_build):
    from kgbuild.export import export_text

    data = json.loads(export_text(tiny_build, "jsonld"))
    assert isinstance(data["@context"], dict) and data["@context"]


# --------------------------------------------------------------------------- library and CLI


def test_export_errors(tmp_path, tiny_build):
    from kgbuild.errors import OutputError
    from kgbuild.export import export, export_text

    with pytest.raises(OutputError, match="no such build folder"):
        export(tmp_path / "nowhere", "graphml")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="writes a folder, and this is a file"):
        export(tiny_build, "csv", tmp_path / "afile")
    with pytest.raises(OutputError, match="cannot write"):
        export(tiny_build, "graphml", tmp_path / "afile" / "g.graphml")
    (tiny_build / "graph.json").unlink()
    with pytest.raises(OutputError, match=r"graph\.json missing"):
        export(tiny_build, "gexf")
    with pytest.raises(OutputError, match="writes a folder"):
        export_text(tiny_build, "neo4j")
    with pytest.raises(OutputError, match="unknown export format"):
        export(tiny_build, "pdf")
    assert export(tiny_build, "turtle", tmp_path / "out.ttl") == (tmp_path / "out.ttl",)


def test_cli_export_to_file_and_stdout(tiny_build, tmp_path, capsys):
    import networkx as nx

    from kgbuild.cli import main

    out = tmp_path / "x.graphml"
    assert main(["export", str(tiny_build), "--format", "graphml", "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    assert nx.read_graphml(out, force_multigraph=True).number_of_edges() == N_EDGES
    assert main(["export", str(tiny_build), "--format", "jsonl", "-o", "-"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == N_EVIDENCE


def test_cli_export_errors_are_one_line(tmp_path, capsys):
    from kgbuild.cli import main

    assert main(["export", str(tmp_path / "none"), "--format", "gexf"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kgbuild: error:") and len(err.splitlines()) == 1


def test_cli_export_help_has_examples(capsys):
    from kgbuild.cli import main

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    text = capsys.readouterr().out
    assert "examples:" in text and "--format" in text and "neo4j" in text


# --------------------------------------------------------------------------- the seed build


@pytest.fixture(scope="module")
def seed_exports(seed_build, tmp_path_factory):
    """Every export of the seed build: format → list of files."""
    from kgbuild.export import FORMATS, default_target, export

    out, _ = seed_build
    target = tmp_path_factory.mktemp("seed-exports")
    return {fmt: export(out, fmt, target / default_target(out, fmt).name) for fmt in FORMATS}


@pytest.mark.slow
def test_seed_build_writes_graph_files(seed_build):
    out, _ = seed_build
    for name in ("graph.json", "graph.graphml", "graph.gexf"):
        assert (out / name).stat().st_size > 0, name


@pytest.mark.slow
def test_seed_graph_json_gives_back_triples_csv(seed_build, seed_rows):
    from kgbuild.export import load_model
    from kgbuild.table import rows

    out, _ = seed_build
    again = [
        {k: (str(v).lower() if isinstance(v, bool) else str(v)) for k, v in r.items()}
        for r in rows(load_model(out))
    ]
    assert again == seed_rows


@pytest.mark.slow
def test_seed_counts_agree_across_formats(seed_build, seed_rows, seed_exports, tmp_path):
    import igraph as ig
    import networkx as nx

    out, summary = seed_build
    n_edges = sum(1 for r in seed_rows if r["object_iri"])
    assert n_edges > 50
    ends = {r["subject_iri"] for r in seed_rows} | {
        r["object_iri"] for r in seed_rows if r["object_iri"]
    }
    nodes = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    n_nodes = nodes.number_of_nodes()
    assert n_nodes >= summary.entities and ends <= set(nodes)

    counts = {
        "build graphml (networkx)": (n_nodes, nodes.number_of_edges()),
        "graphml (networkx)": _nx_counts(
            nx.read_graphml(seed_exports["graphml"][0], force_multigraph=True)
        ),
        "graphml (igraph)": _ig_counts(ig.Graph.Read_GraphML(str(seed_exports["graphml"][0]))),
        "build gexf (networkx)": _nx_counts(nx.read_gexf(out / "graph.gexf")),
        "gexf (networkx)": _nx_counts(nx.read_gexf(seed_exports["gexf"][0])),
        "csv": _csv_counts(seed_exports["csv"][0].parent),
        "neo4j csv": _csv_counts(seed_exports["neo4j"][0].parent),
    }
    conn = kuzu_from_neo4j_csv(seed_exports["neo4j"][0].parent, tmp_path / "db")
    counts["neo4j csv (kuzu)"] = (
        kuzu_rows(conn, "MATCH (n:Entity) RETURN count(n)")[0][0],
        kuzu_rows(conn, "MATCH ()-[r:Rel]->() RETURN count(r)")[0][0],
    )
    script = seed_exports["neo4j"][0].parent / "import.cypher"
    conn2 = kuzu_from_cypher(script, tmp_path / "db2")
    counts["cypher (kuzu)"] = (
        kuzu_rows(conn2, "MATCH (n:Entity) RETURN count(n)")[0][0],
        kuzu_rows(conn2, "MATCH ()-[r]->() RETURN count(r)")[0][0],
    )
    assert counts == dict.fromkeys(counts, (n_nodes, n_edges))


@pytest.mark.slow
def test_seed_kuzu_answers_a_query(seed_exports, seed_rows, tmp_path):
    conn = kuzu_from_neo4j_csv(seed_exports["neo4j"][0].parent, tmp_path / "db")
    got = kuzu_rows(
        conn,
        "MATCH (a:Entity)-[r:Rel]->(b:Entity) RETURN a.iri, r.predicate, b.iri, r.event_iri",
    )
    want = [
        [r["subject_iri"], r["predicate"], r["object_iri"], r["event_iri"]]
        for r in seed_rows
        if r["object_iri"]
    ]
    assert sorted(got) == sorted(want)


@pytest.mark.slow
def test_seed_rdf_exports_parse_and_agree(seed_build, seed_exports):
    out, _ = seed_build
    merged = oxigraph_count(out / "graph.ttl")
    full = oxigraph_count(out / "graph.trig")
    for fmt in ("turtle", "ntriples", "jsonld"):
        assert oxigraph_quads(seed_exports[fmt][0]) == oxigraph_quads(out / "graph.ttl"), fmt
    for fmt in ("trig", "nquads"):
        assert oxigraph_quads(seed_exports[fmt][0]) == oxigraph_quads(out / "graph.trig"), fmt
    assert merged[1] == 0 and full[1] >= 5 + 1


@pytest.mark.slow
def test_seed_jsonl_one_record_per_evidence(seed_build, seed_exports, seed_rows):
    from kgbuild.export import load_model

    out, _ = seed_build
    kg = load_model(out)
    lines = seed_exports["jsonl"][0].read_text(encoding="utf-8").splitlines()
    recs = [json.loads(ln) for ln in lines]
    assert len(recs) == sum(len(ev.evidence) for ev in kg.events if ev.fact) >= len(seed_rows)
    assert {r["event_iri"] for r in seed_rows} <= {r["event_iri"] for r in recs}
    texts = {a.id: a.text for a in kg.articles}
    for r in recs:
        s, e = r["subject_span"]
        assert texts[r["doc"]][s:e] == r["subject_text"]


def _nx_counts(g: Any) -> tuple[int, int]:
    return g.number_of_nodes(), g.number_of_edges()


def _ig_counts(g: Any) -> tuple[int, int]:
    return g.vcount(), g.ecount()


def _csv_counts(folder: Path) -> tuple[int, int]:
    return len(read_rows(folder / "nodes.csv")), len(read_rows(folder / "edges.csv"))
