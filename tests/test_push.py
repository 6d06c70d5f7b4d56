"""``kgbuild push`` against a real Oxigraph server started on loopback for the test."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdf_sample import sample_kg, write_build

from kgbuild.cli import main
from kgbuild.errors import RemoteError
from kgbuild.push import push
from kgbuild.store import ONTOLOGY_GRAPH

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
pytestmark = pytest.mark.skipif(
    not Path(OXIGRAPH).exists(),
    reason="the oxigraph server (PyPI package oxigraph) is not installed",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def server(tmp_path):
    """An empty Oxigraph server on a free loopback port: its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [OXIGRAPH, "serve", "--location", str(tmp_path / "oxi"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail("oxigraph serve exited")
                time.sleep(0.05)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return write_build(tmp_path_factory.mktemp("push"), sample_kg())


def remote(base: str, query: str) -> list[dict[str, str]]:
    req = urllib.request.Request(
        base + "/query",
        data=urllib.parse.urlencode({"query": query}).encode(),
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    with urllib.request.urlopen(req, timeout=30) as r:
        data = json.loads(r.read())
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def local_counts(folder) -> dict[str | None, int]:
    counts: dict[str | None, int] = {}
    for q in ox.parse(path=str(folder / "graph.nq"), format=ox.RdfFormat.N_QUADS):
        g = None if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        counts[g] = counts.get(g, 0) + 1
    return counts


def remote_counts(base) -> dict[str | None, int]:
    rows = remote(base, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    out: dict[str | None, int] = {r["g"]: int(r["n"]) for r in rows}
    out[None] = int(remote(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"])
    return out


def test_push_lands_every_named_graph(server, folder):
    summary = push(folder, server + "/store")
    local = local_counts(folder)
    got = remote_counts(server)
    for g, n in local.items():
        assert got.get(g) == n, g
    assert ONTOLOGY_GRAPH in got and got[ONTOLOGY_GRAPH] > 100
    assert set(summary.graphs) == set(local) | {ONTOLOGY_GRAPH}
    assert summary.triples == sum(local.values()) + got[ONTOLOGY_GRAPH]


def test_push_twice_replaces(server, folder):
    push(folder, server + "/store")
    first = remote_counts(server)
    push(folder, server + "/store", chunk=7)  # many requests per graph, first one replaces
    assert remote_counts(server) == first


def test_append_adds_and_ontology_can_be_left_out(server, folder):
    push(folder, server + "/store", ontology=False)
    assert ONTOLOGY_GRAPH not in remote_counts(server)
    extra = folder.parent / "extra"
    (extra).mkdir(exist_ok=True)
    (extra / "graph.nq").write_text(
        "<https://e.org/x> <https://e.org/p> <https://e.org/y> .\n", encoding="utf-8"
    )
    before = remote_counts(server)[None]
    push(extra, server + "/store", replace=False, ontology=False)
    assert remote_counts(server)[None] == before + 1


def test_pushed_data_answers_queries(server, folder):
    push(folder, server + "/store", fmt="turtle")
    rows = remote(
        server,
        "SELECT ?b WHERE { ?a <https://w3id.org/kgbuild/rel/meet> ?x . ?a <http://www.w3.org/2000/01/rdf-schema#label> 'Anna Berg' . "
        "?x <http://www.w3.org/2000/01/rdf-schema#label> ?b }",
    )
    assert rows == [{"b": "Li Wei"}]


def test_cli_push(server, folder, capsys):
    assert main(["push", str(folder), server + "/store", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("pushed ") and "graphs" in out


def test_unreachable_server_is_one_clear_error(folder, capsys):
    port = free_port()
    with pytest.raises(RemoteError, match="cannot reach"):
        push(folder, f"http://127.0.0.1:{port}/store")
    assert main(["push", str(folder), f"http://127.0.0.1:{port}/store"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_server_refusal_is_reported(server, folder):
    with pytest.raises(RemoteError, match="40"):
        push(folder, server + "/no-such-endpoint")


@pytest.mark.parametrize("url", ["ftp://host/store", "not a url", "http:///store"])
def test_bad_url(folder, url):
    with pytest.raises(RemoteError):
        push(folder, url)


def test_push_help_has_examples(capsys):
    with pytest.raises(SystemExit):
        main(["push", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "KGBUILD_PUSH_AUTH" in out
