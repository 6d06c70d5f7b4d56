"""The SPARQL endpoint: protocol, formats, read-only, bounds, pages, loopback."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
import pytest
from rdf_sample import sample_kg, write_build

from kgbuild.cli import main
from kgbuild.server import ServeOptions, choose_format, start_in_thread

MEET = "SELECT ?a ?b WHERE { ?x rel:meet ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_build(tmp_path_factory.mktemp("serve"), sample_kg())


@pytest.fixture(scope="module")
def server(folder):
    srv, thread = start_in_thread(
        folder, options=ServeOptions(timeout=2.0, max_results=3, workers=2)
    )
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=10)


def call(server, path="/sparql", *, query=None, method=None, data=None, headers=None, params=None):
    """(status, headers, body) of one request; HTTP errors are returned, not raised."""
    q = dict(params or {})
    if query is not None and data is None and method != "POST":
        q["query"] = query
    url = server.url.rstrip("/") + path + ("?" + urllib.parse.urlencode(q) if q else "")
    body = data
    if query is not None and method == "POST" and data is None:
        body = urllib.parse.urlencode({"query": query}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", **(headers or {})}
    req = urllib.request.Request(
        url,
        data=body,
        method=method or ("POST" if body is not None else "GET"),
        headers=headers or {},
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()


# --------------------------------------------------------------------------- protocol and formats


def test_get_json_by_default(server):
    status, headers, body = call(server, query=MEET)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    data = json.loads(body)
    assert data["head"]["vars"] == ["a", "b"]
    assert [(b["a"]["value"], b["b"]["value"]) for b in data["results"]["bindings"]] == [
        ("Anna Berg", "Li Wei")
    ]


@pytest.mark.parametrize(
    ("accept", "fmt", "parse"),
    [
        ("application/sparql-results+json", "json", ox.QueryResultsFormat.JSON),
        ("application/sparql-results+xml", "xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", "tsv", ox.QueryResultsFormat.TSV),
    ],
)
def test_result_formats_parse_back(server, accept, fmt, parse):
    for headers, params in (({"Accept": accept}, None), (None, {"format": fmt})):
        status, _h, body = call(server, query=MEET, headers=headers, params=params)
        assert status == 200, body
        rows = list(ox.parse_query_results(body, format=parse))
        assert [(r["a"].value, r["b"].value) for r in rows] == [("Anna Berg", "Li Wei")]


def test_csv(server):
    status, h, body = call(server, query=MEET, headers={"Accept": "text/csv"})
    assert status == 200 and h["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body.decode()))) == [["a", "b"], ["Anna Berg", "Li Wei"]]


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_ask(server, fmt):
    status, _h, body = call(server, query="ASK { ?x rel:meet ?y }", params={"format": fmt})
    assert status == 200 and b"true" in body


@pytest.mark.parametrize(
    ("accept", "parse"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("*/*", ox.RdfFormat.TURTLE),
    ],
)
def test_construct_and_describe(server, accept, parse):
    for q in (
        "CONSTRUCT { ?x rel:meet ?y } WHERE { ?x rel:meet ?y }",
        "DESCRIBE ?x WHERE { ?x rel:meet ?y }",
    ):
        status, _h, body = call(server, query=q, headers={"Accept": accept})
        assert status == 200, body
        assert list(ox.parse(body, format=parse))


def test_post_form_and_direct_body(server):
    assert json.loads(call(server, query=MEET, method="POST")[2])["results"]["bindings"]
    status, _h, body = call(
        server, data=MEET.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert status == 200 and json.loads(body)["results"]["bindings"]


def test_dataset_parameters(server):
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?e a kg:Event }"
    whole = json.loads(call(server, query=q)[2])["results"]["bindings"][0]["n"]["value"]
    g = "https://w3id.org/kgbuild/id/graph/a2"
    one = json.loads(call(server, query=q, params={"default-graph-uri": g})[2])["results"][
        "bindings"
    ][0]["n"]["value"]
    assert int(one) < int(whole)


# --------------------------------------------------------------------------- refusals and bounds


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"params": {"update": "INSERT DATA { <a:b> <a:c> <a:d> }"}, "method": "POST", "data": b""},
        {"data": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
        {"query": "INSERT DATA { <https://e.org/a> <https://e.org/b> <https://e.org/c> }"},
        {"query": "DELETE WHERE { ?s ?p ?o }", "method": "POST"},
    ],
    ids=["update-param", "update-body", "update-as-query", "update-posted"],
)
def test_updates_are_refused(server, request_kwargs):
    status, _h, body = call(server, **request_kwargs)
    assert status == 403 and b"read-only" in body
    assert call(server, query="ASK { ?s ?p ?o }")[2].count(b"true") == 1


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_writing_methods_are_refused(server, method):
    status, h, _body = call(server, method=method, data=b"x")
    assert status == 405 and "GET" in h["Allow"]


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"query": "SELECT ?x WHERE {"}, 400),
        ({}, 400),
        ({"query": MEET, "headers": {"Accept": "image/png"}}, 406),
        ({"query": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "params": {"format": "csv"}}, 406),
        ({"data": b"query=x", "headers": {"Content-Type": "text/plain"}}, 415),
    ],
    ids=["syntax", "no-query", "bad-accept", "bad-format", "bad-content-type"],
)
def test_client_errors(server, kwargs, status):
    assert call(server, **kwargs)[0] == status


def test_large_body_is_refused(server):
    big = b"query=" + b"x" * 1_100_000
    status, _h, _b = call(
        server, data=big, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert status == 413


def test_results_are_bounded(server):
    status, h, body = call(server, query="SELECT ?s WHERE { ?s ?p ?o }")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 3
    assert "first 3 rows" in h["Kgbuild-Results-Truncated"]
    status, h, body = call(
        server,
        query="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
        headers={"Accept": "application/n-triples"},
    )
    assert body.count(b"\n") == 3 and "Kgbuild-Results-Truncated" in h


def test_time_limit_stops_a_runaway_query(server):
    t0 = time.monotonic()
    status, _h, body = call(server, query=HEAVY)
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - t0 < 20
    assert call(server, query=MEET)[0] == 200  # the stopped worker was replaced


def test_other_hosts_are_refused_on_loopback(server):
    status, _h, _b = call(server, query=MEET, headers={"Host": "attacker.example:7878"})
    assert status == 403
    assert call(server, query=MEET, headers={"Host": "localhost:7878"})[0] == 200


# --------------------------------------------------------------------------- pages


def test_query_page(server):
    status, h, body = call(server, "/")
    page = body.decode()
    assert status == 200 and h["Content-Type"].startswith("text/html")
    assert "<textarea" in page and "/sparql" in page
    assert (
        "http://" not in page.replace("http://www.w3.org", "")
        and "https://" not in page.split("<script")[0]
    )
    data = page.split('id="example-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data
    assert len(json.loads(data)) >= 11


def test_graph_page_and_404(server, folder):
    status, _h, body = call(server, "/graph.html")
    assert status == 200 and body == (folder / "graph.html").read_bytes()
    assert call(server, "/nothing")[0] == 404
    assert call(server, "/", method="HEAD")[0] == 200


@pytest.mark.parametrize(
    ("kind", "accept", "fmt", "expected"),
    [
        ("SELECT", "text/csv;q=0.5, application/sparql-results+xml", None, "xml"),
        ("SELECT", "text/*", None, "csv"),
        ("SELECT", "application/json", None, "json"),
        ("CONSTRUCT", "application/n-triples", None, "ntriples"),
        ("CONSTRUCT", "text/csv", None, None),
        ("SELECT", "*/*", "tsv", "tsv"),
        ("SELECT", "", None, "json"),
    ],
)
def test_choose_format(kind, accept, fmt, expected):
    assert choose_format(kind, accept, fmt) == expected


# --------------------------------------------------------------------------- command line


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")
def test_curl_and_the_cli(folder):
    proc = subprocess.Popen(
        [sys.executable, "-m", "kgbuild", "serve", str(folder), "--port", "0", "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert "serving" in line and "127.0.0.1" in line
        url = line.split(" at ", 1)[1].split(" ", 1)[0] + "sparql"
        out = subprocess.run(
            ["curl", "-s", "-H", "Accept: text/csv", "--data-urlencode", f"query={MEET}", url],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        assert out.splitlines() == ["a,b", "Anna Berg,Li Wei"]
        code = subprocess.run(
            [
                "curl",
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "--data-urlencode",
                "update=DROP ALL",
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        assert code == "403"
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_serve_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "--port" in out and "127.0.0.1" in out


def test_serve_missing_folder_is_one_line(tmp_path, capsys):
    assert main(["serve", str(tmp_path / "none"), "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("kgbuild: error:") and err.count("\n") == 1


# --------------------------------------------------------------------------- parameters, pages


def test_parameters_are_bound_and_required_ones_named(server):
    from kgbuild.analyst_queries import bundled_queries

    text = bundled_queries()["everything_x_did"].text
    status, h, body = call(server, query=text, params={"param": "name=Anna  BERG"})
    assert status == 200, body
    rows = json.loads(body)["results"]["bindings"]
    assert rows and {r["actor"]["value"] for r in rows} == {"Anna Berg"}
    assert h["Kgbuild-Query-Time"].endswith(" ms")
    status, _h, body = call(server, query=text)
    assert status == 400 and b"missing parameter name" in body
    status, _h, body = call(server, query=text, params={"param": "no equals sign"})
    assert status == 400 and b"NAME=VALUE" in body


def test_pages_of_an_answer(server):
    q = "SELECT ?s WHERE { ?s rdfs:label ?l } ORDER BY ?s ?l"
    pages = []
    for offset in (0, 2):
        status, _h, body = call(server, query=q, params={"limit": "2", "offset": str(offset)})
        assert status == 200
        pages.append([r["s"]["value"] for r in json.loads(body)["results"]["bindings"]])
    assert len(pages[0]) == 2 and len(pages[1]) == 2 and not set(pages[0]) & set(pages[1])
    assert call(server, query=q, params={"limit": "x"})[0] == 400
