"""A real ``kgbuild serve`` on loopback under attack: it never reaches out, refuses other web
pages, sends strict headers, holds many clients and slow queries, and lets go of idle and
vanished clients quietly. No test here asserts a speed."""

from __future__ import annotations

import csv
import io
import json
import re
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdf_sample import ring_of_names, write_build
from test_no_fetch import HOSTILE, Listener

from kgbuild.records import Article

MEET = "SELECT ?a ?b WHERE { ?x rel:meet ?y . ?x rdfs:label ?a . ?y rdfs:label ?b }"
#: A cross product of the whole store with itself, five times over: it runs until stopped.
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"


class Served:
    """``kgbuild serve`` in a process of its own; its standard error goes to a file."""

    def __init__(self, folder: Path, log: Path, *options: str) -> None:
        self.log = log
        self.err = open(log, "w", encoding="utf-8")  # noqa: SIM115 (closed in stop())
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kgbuild", "serve", str(folder), "--port", "0", *options],
            stdout=subprocess.PIPE,
            stderr=self.err,
            text=True,
        )
        line = self.proc.stdout.readline() if self.proc.stdout else ""
        if "serving" not in line:
            self.stop()
            raise AssertionError(f"kgbuild serve did not start: {line!r} {log.read_text()}")
        self.url = line.split(" at ", 1)[1].split(" ", 1)[0]
        parts = urllib.parse.urlsplit(self.url)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.origin = f"http://{parts.netloc}"

    def stop(self) -> str:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.err.close()
        return self.log.read_text(encoding="utf-8")

    def call(
        self,
        path: str = "/sparql",
        *,
        query: str | None = None,
        method: str | None = None,
        headers: dict[str, str] | None = None,
        params: dict[str, str] | None = None,
        form: bool = False,
    ) -> tuple[int, dict[str, str], bytes]:
        q = dict(params or {})
        data = None
        hdrs = dict(headers or {})
        if query is not None and form:
            data = urllib.parse.urlencode({"query": query}).encode()
            hdrs.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif query is not None:
            q["query"] = query
        url = self.url.rstrip("/") + path + ("?" + urllib.parse.urlencode(q) if q else "")
        req = urllib.request.Request(url, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=120) as r:
                return r.status, {k.lower(): v for k, v in r.headers.items()}, r.read()
        except urllib.error.HTTPError as e:
            return e.code, {k.lower(): v for k, v in e.headers.items()}, e.read()


#: Names in the served graph, one of them a spreadsheet formula.
NAMES = ["Anna Berg", "=HYPERLINK(1)", "+cmd|' /C calc'!A0", "Li Wei"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    text = f"{NAMES[0]} met {NAMES[1]}."
    article = Article(id="a1", text=text, title="Talks", content_hash="0123456789abcdef")
    return write_build(tmp_path_factory.mktemp("served"), ring_of_names(article, NAMES))


@pytest.fixture(scope="module")
def served(folder, tmp_path_factory):
    log = tmp_path_factory.mktemp("log") / "serve.err"
    srv = Served(folder, log, "--timeout", "60", "--idle-timeout", "2")
    yield srv
    err = srv.stop()
    assert "Traceback" not in err and "BrokenPipeError" not in err, err[-2000:]


@pytest.fixture
def listener():
    lst = Listener()
    yield lst
    lst.sock.close()


# --------------------------------------------------------------------------- never reaches out


@pytest.mark.parametrize("name", ["plain", "lower-case", "glued-prefixed", "in-subquery"])
@pytest.mark.parametrize("form", [False, True], ids=["get", "post"])
def test_service_is_refused(served, listener, name, form):
    query = HOSTILE[name].format(u=listener.url, base=listener.url.rsplit("/", 1)[0])
    status, _h, body = served.call(query=query, form=form)
    assert status == 403 and b"SERVICE" in body and b"refused" in body
    assert not listener.contacted()


def test_service_with_dataset_parameters_is_refused(served, listener):
    query = HOSTILE["plain"].format(u=listener.url, base="")
    g = "https://w3id.org/kgbuild/id/graph/a2"
    status, _h, _b = served.call(query=query, params={"default-graph-uri": g})
    assert status == 403 and not listener.contacted()


# --------------------------------------------------------------------------- other web pages


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Origin": "http://127.0.0.1:1"},  # another local server: same site, other origin
        {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"},
        {"Sec-Fetch-Site": "same-site", "Sec-Fetch-Mode": "cors"},
    ],
    ids=["foreign", "null", "other-port", "fetch-cross-site", "fetch-same-site"],
)
@pytest.mark.parametrize("form", [True, False], ids=["post", "get"])
def test_cross_site_requests_are_refused(served, listener, headers, form):
    query = HOSTILE["plain"].format(u=listener.url, base="").replace("SERVICE", "OPTIONAL")
    status, _h, body = served.call(query=query, form=form, headers=headers)
    assert status == 403 and b"cross-site" in body
    assert not listener.contacted()


def test_own_page_and_plain_clients_are_answered(served):
    assert served.call(query=MEET, form=True, headers={"Origin": served.origin})[0] == 200
    same = {"Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors"}
    assert served.call(query=MEET, form=True, headers=same)[0] == 200
    assert served.call(query=MEET, form=True)[0] == 200  # curl, scripts: no Origin


def test_pages_open_from_a_link_elsewhere(served):
    nav = {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}
    assert served.call("/", headers=nav)[0] == 200
    assert served.call("/sparql", query=MEET, headers=nav)[0] == 403


def test_other_host_names_are_refused(served):
    assert served.call(query=MEET, headers={"Host": f"rebind.example:{served.port}"})[0] == 403


def test_options(served):
    status, h, body = served.call(method="OPTIONS", headers={"Origin": served.origin})
    assert status == 204 and "POST" in h["allow"] and body == b""
    assert not [k for k in h if k.startswith("access-control")]
    status, h, _b = served.call(method="OPTIONS", headers={"Origin": "http://evil.example"})
    assert status == 403 and not [k for k in h if k.startswith("access-control")]


# --------------------------------------------------------------------------- headers


def test_query_page_policy(served):
    status, h, body = served.call("/")
    csp = h["content-security-policy"]
    nonce = re.search(r"'nonce-([^']+)'", csp).group(1)
    page = body.decode()
    assert status == 200 and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    scripts = re.findall(r"<script[^>]*>", page) + re.findall(r"<style[^>]*>", page)
    assert scripts and all(f'nonce="{nonce}"' in s for s in scripts)
    assert h["x-frame-options"] == "DENY" and h["x-content-type-options"] == "nosniff"
    assert (
        re.search(r"'nonce-([^']+)'", served.call("/")[1]["content-security-policy"]).group(1)
        != nonce
    )  # a new nonce for every response


@pytest.mark.parametrize("path", ["/graph.html", "/sparql?query=ASK%7B%7D", "/nothing"])
def test_every_response_forbids_framing(served, path):
    status, h, _b = served.call(path)
    assert status in (200, 404)
    assert "frame-ancestors 'none'" in h["content-security-policy"]
    assert h["x-frame-options"] == "DENY"


def test_download_csv_is_safe_and_protocol_csv_is_raw(served):
    q = "SELECT ?l WHERE { ?e rdfs:label ?l } ORDER BY ?l"
    hostile = "=HYPERLINK(1)"
    _s, _h, raw = served.call(query=q, params={"format": "csv"})
    status, h, safe = served.call(query=q, params={"format": "csv", "download": "1"})
    assert status == 200 and "attachment" in h["content-disposition"]
    raw_cells = [c for row in csv.reader(io.StringIO(raw.decode())) for c in row]
    safe_cells = [c for row in csv.reader(io.StringIO(safe.decode())) for c in row]
    assert hostile in raw_cells and "'" + hostile in safe_cells
    assert not [c for c in safe_cells if c[:1] in ("=", "+", "-", "@")]


# --------------------------------------------------------------------------- load


def test_many_clients_at_once_all_answer(served):
    def one(i: int) -> int:
        return served.call(query=f"ASK {{ ?s ?p ?o }} # {i % 7}")[0]

    with ThreadPoolExecutor(max_workers=200) as pool:
        statuses = list(pool.map(one, range(400)))
    assert statuses == [200] * 400


def test_slow_queries_do_not_stall_the_others(served):
    body = urllib.parse.urlencode({"query": HEAVY}).encode()
    heavy = []
    for _ in range(2):  # as many as there are workers
        s = socket.create_connection((served.host, served.port))
        s.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: %s:%d\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %d\r\n\r\n%s"
            % (served.host.encode(), served.port, len(body), body)
        )
        heavy.append(s)
    quick = [served.call(query=MEET)[0] for _ in range(20)]
    assert quick == [200] * 20
    for s in heavy:
        s.settimeout(0.5)
        with pytest.raises(TimeoutError):
            s.recv(1)  # the heavy queries (time limit 60 s) are still running meanwhile
        s.close()  # their clients go away: the queries are stopped
    assert served.call(query=MEET)[0] == 200


def test_idle_and_half_sent_connections_are_closed(served):
    idle = [socket.create_connection((served.host, served.port)) for _ in range(50)]
    half = socket.create_connection((served.host, served.port))
    half.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # never ends
    assert served.call(query=MEET)[0] == 200  # others are answered meanwhile
    for s in [*idle, half]:
        s.settimeout(60)  # the server closes them after --idle-timeout (2 s here)
        try:
            data = s.recv(1024)
        except ConnectionResetError:
            data = b""
        assert data == b""
        s.close()


def test_vanished_clients_are_let_go_quietly(served):
    def vanish() -> None:
        s = socket.create_connection((served.host, served.port))
        q = urllib.parse.quote(HEAVY)
        s.sendall(f"GET /sparql?query={q} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        s.close()

    threads = [threading.Thread(target=vanish) for _ in range(30)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for _ in range(5):
        assert served.call(query=MEET)[0] == 200
    text = served.log.read_text(encoding="utf-8")
    assert "Traceback" not in text and "BrokenPipe" not in text


def test_results_are_json_for_the_page(served):
    status, _h, body = served.call(
        query=MEET, form=True, headers={"Accept": "application/sparql-results+json"}
    )
    assert status == 200 and json.loads(body)["results"]["bindings"]
