"""No query reaches out: SERVICE (and rdflib's FROM) are refused before anything is sent.

A listener on a loopback port stands for the intranet a hostile query would read: every test
checks that it was never contacted, and that the refusal is a clear error.
"""

from __future__ import annotations

import socket
import threading
import time

import pytest
from rdf_sample import sample_kg, write_build

from kgbuild.cli import main
from kgbuild.errors import QueryError, RefusedQueryError
from kgbuild.query import run_graph_query, run_query
from kgbuild.sparql_guard import check_local, remote_services
from kgbuild.store import open_store


class Listener:
    """A TCP listener on a free loopback port that counts the connections it receives."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/sparql"
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()

    def contacted(self) -> bool:
        time.sleep(0.05)  # let a connection in flight be counted
        return self.connections > 0


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.sock.close()


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    return write_build(tmp_path_factory.mktemp("nofetch"), sample_kg())


#: Ways of writing a SERVICE clause; {u} is the listener's URL, {base} the same without the path.
HOSTILE = {
    "plain": "SELECT * WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "lower-case": "select * where {{ service <{u}> {{ ?s ?p ?o }} }}",
    "mixed-case-tabs": "SELECT * WHERE {{ SeRvIcE\t<{u}>\n{{ ?s ?p ?o }} }}",
    "silent": "SELECT * WHERE {{ SERVICE SILENT <{u}> {{ ?s ?p ?o }} }}",
    "prefixed": "PREFIX e: <{base}/> SELECT * WHERE {{ SERVICE e:sparql {{ ?s ?p ?o }} }}",
    "glued-prefixed": "PREFIX e: <{base}/> SELECT * WHERE {{ SERVICEe:sparql {{ ?s ?p ?o }} }}",
    "glued-iri": "SELECT * WHERE {{ SERVICE<{u}>{{ ?s ?p ?o }} }}",
    "relative-to-base": "BASE <{base}/> SELECT * WHERE {{ SERVICE <sparql> {{ ?s ?p ?o }} }}",
    "in-optional": "SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{u}> {{ ?s ?p ?x }} }} }}",
    "in-union": "SELECT * WHERE {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
    "in-subquery": "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }} }}",
    "in-filter-exists": "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
    "in-minus": "SELECT * WHERE {{ ?s ?p ?o MINUS {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
    "in-graph": "SELECT * WHERE {{ GRAPH ?g {{ SERVICE <{u}> {{ ?s ?p ?o }} }} }}",
    "after-dot": "SELECT * WHERE {{ ?s ?p ?o.SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "after-number": "SELECT * WHERE {{ ?s ?p 1.SERVICE<{u}>{{}} }}",
    "after-comment": "SELECT * WHERE {{ ?s ?p ?o # a comment\n SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "quotes-in-comment": "SELECT * WHERE {{ ?s ?p ?o #'''\n SERVICE <{u}> {{ ?s ?p ?o }} # '''\n }}",
    "after-long-string": "SELECT * WHERE {{ BIND('''a''' AS ?z) SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "variable": "SELECT * WHERE {{ VALUES ?svc {{ <{u}> }} SERVICE ?svc {{ ?s ?p ?o }} }}",
    "ask": "ASK {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "construct": "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
    "describe": "DESCRIBE ?s WHERE {{ SERVICE <{u}> {{ ?s ?p ?o }} }}",
}

#: Queries that only look like SERVICE: they run.
HARMLESS = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # SERVICE <http://127.0.0.1:9/x> { }",
    "SELECT * WHERE { ?s ?p 'SERVICE <http://127.0.0.1:9/x> { }' }",
    'SELECT * WHERE { ?s ?p """a\nSERVICE <http://127.0.0.1:9/x> { ?s ?p ?o }""" }',
    "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "PREFIX service: <https://e.org/> SELECT * WHERE { ?s service:p ?o }",
    "SELECT * WHERE { ?s <https://e.org/SERVICE> ?o }",
]


def hostile(name: str, lst: Listener) -> str:
    return HOSTILE[name].format(u=lst.url, base=lst.url.rsplit("/", 1)[0])


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_service_is_found_however_written(name, listener):
    assert remote_services(hostile(name, listener))


@pytest.mark.parametrize("query", HARMLESS)
def test_lookalikes_are_not_service(query, build):
    assert remote_services(query) == []
    run_query(build, query)


@pytest.mark.parametrize("engine", ["store", "rdflib"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_query_never_reaches_out(build, listener, name, engine):
    query = hostile(name, listener)
    graph = name in ("construct", "describe")
    with pytest.raises(RefusedQueryError, match=r"SERVICE .*refused"):
        if graph:
            run_graph_query(build, query, engine=engine)
        else:
            run_query(build, query, engine=engine)
    assert not listener.contacted()


@pytest.mark.parametrize("name", ["plain", "in-subquery", "glued-prefixed"])
def test_python_api_store_never_reaches_out(build, listener, name):
    store = open_store(build)
    with pytest.raises(RefusedQueryError):
        list(store.query(hostile(name, listener)))
    with pytest.raises(QueryError):
        store.update(f"LOAD <{listener.url}>")
    assert not listener.contacted()


def test_inference_never_reaches_out(build, listener):
    with pytest.raises(RefusedQueryError):
        run_query(build, hostile("plain", listener), infer="rdfs")
    assert not listener.contacted()


def test_rdflib_from_is_refused(build, listener):
    query = f"SELECT * FROM <{listener.url}> WHERE {{ ?s ?p ?o }}"
    with pytest.raises(RefusedQueryError, match="FROM"):
        run_query(build, query, engine="rdflib")
    assert not listener.contacted()
    assert sorted(run_query(build, query)[0]) == ["o", "p", "s"]  # the store selects a graph
    assert not listener.contacted()


def test_cli_refusal_is_one_line(build, listener, capsys):
    code = main(["query", hostile("plain", listener), "--data", str(build)])
    err = capsys.readouterr().err
    assert code == 1 and err.startswith("kgbuild: error: SERVICE") and err.count("\n") == 1
    assert not listener.contacted()


def test_check_local_passes_ordinary_queries():
    check_local("SELECT ?a WHERE { ?a rel:meet ?b }")
    check_local("SELECT * FROM <https://e.org/g> WHERE { ?s ?p ?o }")  # the store: no fetch
