"""A read-only SPARQL 1.1 Protocol endpoint over a build, on the standard library's HTTP server.

* ``/sparql`` — queries by GET (``?query=``) or POST (form-encoded ``query=`` or an
  ``application/sparql-query`` body), with ``default-graph-uri`` and ``named-graph-uri``.
  SELECT and ASK results as JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle or
  N-Triples — chosen by the ``Accept`` header or by ``format=json|xml|csv|tsv|turtle|ntriples``.
* Read-only: SPARQL updates (``update=``, ``application/sparql-update``, or update text sent as
  a query) are refused with 403; PUT, DELETE and PATCH with 405.
* Bounded: each query runs in a worker process that is stopped when it exceeds the time limit
  (503); results are cut at a maximum number of rows or triples (header
  ``Kgbuild-Results-Truncated``); request bodies are limited in size (413).
* ``/`` — a small query page (no external resources); ``/graph.html`` — the build's graph.
* Loopback by default; on a loopback address, requests naming another host (DNS rebinding)
  are refused.
"""

from __future__ import annotations

import contextlib
import csv
import io
import ipaddress
import json
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape

from kgbuild.errors import OutputError, QueryError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878

#: Result formats: name → media type, for SELECT/ASK and for CONSTRUCT/DESCRIBE.
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples"}
#: Other names clients use for the same formats.
FORMAT_ALIASES = {
    "application/json": "json",
    "application/sparql-results+json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "turtle",
    "ttl": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "text/plain": "ntriples",
}


@dataclass(frozen=True)
class ServeOptions:
    """Limits of the endpoint."""

    timeout: float = 30.0  # seconds a query may run
    max_results: int = 10_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned
    max_body: int = 1_000_000  # bytes of a request body
    workers: int = 2  # queries run at the same time, each in its own process


@dataclass(frozen=True)
class QueryRequest:
    """One SPARQL query as received, with the client's format wishes."""

    query: str
    accept: str = "*/*"
    format: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def text_response(status: int, message: str) -> Response:
    return Response(
        status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8")
    )


# --------------------------------------------------------------------------- negotiation


def _accepted(accept: str) -> list[tuple[float, str]]:
    """Media ranges of an Accept header with their quality, best first."""
    out = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                with contextlib.suppress(ValueError):
                    q = float(f[2:])
        out.append((q, -i, fields[0].lower()))
    return [(q, m) for q, _i, m in sorted(out, reverse=True) if q > 0]


def choose_format(kind: str, accept: str = "*/*", fmt: str | None = None) -> str | None:
    """The format to answer in: ``format=`` wins, else the best match of ``Accept``; None if no
    format of this kind of result is acceptable.

    >>> choose_format("SELECT", "text/csv, application/sparql-results+json;q=0.5")
    'csv'
    >>> choose_format("CONSTRUCT", "*/*"), choose_format("ASK", "", "xml")
    ('turtle', 'xml')
    >>> choose_format("CONSTRUCT", "application/sparql-results+json") is None
    True
    """
    table = GRAPH_TYPES if kind in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
    default = next(iter(table))
    if fmt:
        name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        return name if name in table else None
    for _q, media in _accepted(accept or "*/*"):
        if media in ("*/*", "*"):
            return default
        if media.endswith("/*"):
            major = media[:-1]
            hit = next((n for n, t in table.items() if t.startswith(major)), None)
            if hit:
                return hit
            continue
        alias = FORMAT_ALIASES.get(media)
        if alias is not None and alias in table:
            return alias
    return None


# --------------------------------------------------------------------------- result writers


def _term_json(t: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "literal", "value": str(t)}


def _term_tsv(t: Any) -> str:
    import pyoxigraph as ox

    if (
        isinstance(t, ox.Literal)
        and t.datatype.value == "http://www.w3.org/2001/XMLSchema#string"
        and not t.language
    ):
        from kgbuild.rdf.terms import Lit, nt

        return nt(Lit(t.value))
    return str(t)


def _term_plain(t: Any) -> str:
    import pyoxigraph as ox

    return f"_:{t.value}" if isinstance(t, ox.BlankNode) else str(t.value)


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: characters it forbids become U+FFFD, the rest escaped."""
    clean = "".join(
        c
        if c in "\t\n\r"
        or ("\x20" <= c <= "\ud7ff")
        or ("\ue000" <= c <= "\ufffd")
        or c >= "\U00010000"
        else "\ufffd"
        for c in text
    )
    return xml_escape(clean, {'"': "&quot;"})


def _term_xml(t: Any) -> str:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return f"<uri>{_xml_text(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_xml_text(t.value)}</bnode>"
    attrs = ""
    if t.language:
        attrs = f' xml:lang="{_xml_text(t.language)}"'
    elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        attrs = f' datatype="{_xml_text(t.datatype.value)}"'
    return f"<literal{attrs}>{_xml_text(t.value)}</literal>"


def write_solutions(names: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str) -> bytes:
    """SELECT results (rows of pyoxigraph terms or None) in a SPARQL results format."""
    if fmt == "json":
        bindings = [
            {n: _term_json(v) for n, v in zip(names, row, strict=True) if v is not None}
            for row in rows
        ]
        doc = {"head": {"vars": list(names)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        head = "".join(f'<variable name="{_xml_text(n)}"/>' for n in names)
        results = "".join(
            "<result>"
            + "".join(
                f'<binding name="{_xml_text(n)}">{_term_xml(v)}</binding>'
                for n, v in zip(names, row, strict=True)
                if v is not None
            )
            + "</result>\n"
            for row in rows
        )
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{head}</head>\n<results>\n{results}</results></sparql>\n"
        ).encode()
    buf = io.StringIO()
    if fmt == "csv":
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        for row in rows:
            w.writerow(["" if v is None else _term_plain(v) for v in row])
    else:
        buf.write("\t".join(f"?{n}" for n in names) + "\n")
        for row in rows:
            buf.write("\t".join("" if v is None else _term_tsv(v) for v in row) + "\n")
    return buf.getvalue().encode("utf-8")


def write_boolean(value: bool, fmt: str) -> bytes:
    """An ASK result in a SPARQL results format."""
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>\n"
        ).encode()
    return (f"_askResult\r\n{word}\r\n" if fmt == "csv" else f"?_askResult\n{word}\n").encode()


# --------------------------------------------------------------------------- executing a query


class _Deadline(Exception):
    pass


def execute(store: Any, req: QueryRequest, opts: ServeOptions) -> Response:
    """Run one query on an Oxigraph store and write the response (in the worker process)."""
    import pyoxigraph as ox

    from kgbuild.query import is_update, query_kind

    if is_update(req.query):
        return text_response(
            HTTPStatus.FORBIDDEN, "SPARQL updates are refused: this endpoint is read-only"
        )
    kind = query_kind(req.query) or "SELECT"
    fmt = choose_format(kind, req.accept, req.format)
    if fmt is None:
        offered = ", ".join(
            (GRAPH_TYPES if kind in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES).values()
        )
        return text_response(
            HTTPStatus.NOT_ACCEPTABLE,
            f"no acceptable format for a {kind} query; offered: {offered}",
        )
    deadline = time.monotonic() + opts.timeout
    try:
        res = _run(store, req)
    except QueryError as exc:
        return text_response(HTTPStatus.BAD_REQUEST, str(exc))
    headers: list[tuple[str, str]] = []
    try:
        if isinstance(res, ox.QueryBoolean):
            fmt = choose_format("ASK", req.accept, req.format) or "json"
            return Response(HTTPStatus.OK, _ctype(RESULT_TYPES[fmt]), write_boolean(bool(res), fmt))
        if isinstance(res, ox.QuerySolutions):
            fmt = choose_format("SELECT", req.accept, req.format) or "json"
            names = [v.value for v in res.variables]
            rows, cut = _bounded(
                ([row[n] for n in names] for row in res), opts.max_results, deadline
            )
            if cut:
                headers.append(("Kgbuild-Results-Truncated", f"first {opts.max_results} rows"))
            return Response(
                HTTPStatus.OK,
                _ctype(RESULT_TYPES[fmt]),
                write_solutions(names, rows, fmt),
                tuple(headers),
            )
        fmt = choose_format("CONSTRUCT", req.accept, req.format) or "turtle"
        triples, cut = _bounded(iter(res), opts.max_results, deadline)
        if cut:
            headers.append(("Kgbuild-Results-Truncated", f"first {opts.max_results} triples"))
        return Response(
            HTTPStatus.OK, _ctype(GRAPH_TYPES[fmt]), _write_triples(triples, fmt), tuple(headers)
        )
    except _Deadline:
        return text_response(
            HTTPStatus.SERVICE_UNAVAILABLE, f"query time limit exceeded ({opts.timeout:g} s)"
        )
    except (OSError, ValueError, RuntimeError) as exc:
        return text_response(HTTPStatus.BAD_REQUEST, f"SPARQL error: {str(exc).splitlines()[0]}")


def _ctype(media: str) -> str:
    return media + "; charset=utf-8"


def _run(store: Any, req: QueryRequest) -> Any:
    import pyoxigraph as ox

    from kgbuild.query import store_query

    if not req.default_graphs and not req.named_graphs:
        return store_query(store, req.query)
    from kgbuild.rdf.graph import PREFIXES

    kwargs: dict[str, Any] = {}
    if req.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in req.default_graphs]
    if req.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    try:
        return store.query(req.query, prefixes=PREFIXES, **kwargs)
    except (SyntaxError, ValueError, OSError) as exc:
        raise QueryError(f"SPARQL error: {str(exc).splitlines()[0]}") from None


def _bounded(items: Iterable[Any], limit: int, deadline: float) -> tuple[list[Any], bool]:
    out: list[Any] = []
    for item in items:
        if len(out) >= limit:
            return out, True
        if time.monotonic() > deadline:
            raise _Deadline
        out.append(item)
    return out, False


def _write_triples(triples: list[Any], fmt: str) -> bytes:
    import pyoxigraph as ox

    from kgbuild.rdf.graph import PREFIXES

    if fmt == "ntriples":
        return bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    prefixes = {p: ns for p, ns in PREFIXES.items() if p != "kgid"}
    return bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b"")


# --------------------------------------------------------------------------- worker processes


def _worker_main(conn: Any, folder: str, opts: ServeOptions) -> None:
    """A query worker: opens the store once, then answers requests until the pipe closes."""
    from kgbuild.store import open_store

    try:
        store = open_store(folder)
    except Exception as exc:  # report any failure to open instead of dying silently
        conn.send(text_response(HTTPStatus.INTERNAL_SERVER_ERROR, f"cannot open the store: {exc}"))
        return
    conn.send(None)
    while True:
        try:
            req = conn.recv()
        except (EOFError, OSError):
            return
        try:
            resp = execute(store, req, opts)
        except Exception as exc:  # never let one query kill the worker
            resp = text_response(
                HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {type(exc).__name__}: {exc}"
            )
        conn.send(resp)


class _Worker:
    def __init__(self, folder: str, opts: ServeOptions) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, folder, opts), daemon=True)
        self.proc.start()
        child.close()
        ready = self.conn.recv()
        if ready is not None:
            self.stop()
            raise OutputError(ready.body.decode("utf-8", "replace").strip())

    def ask(self, req: QueryRequest, timeout: float) -> Response | None:
        """The response, or None when the worker did not answer in time (it is then stopped)."""
        try:
            self.conn.send(req)
            if self.conn.poll(timeout):
                resp: Response = self.conn.recv()
                return resp
        except (EOFError, OSError):
            pass
        self.stop()
        return None

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)


class WorkerPool:
    """Query workers, each a process with the store open; a worker that overruns is replaced."""

    def __init__(self, folder: str | Path, opts: ServeOptions) -> None:
        self.folder = str(folder)
        self.opts = opts
        self._idle: queue.Queue[_Worker | None] = queue.Queue()
        self._closed = False
        first = _Worker(self.folder, opts)
        self._idle.put(first)
        for _ in range(max(1, opts.workers) - 1):
            self._idle.put(None)

    def ask(self, req: QueryRequest) -> Response:
        try:
            worker = self._idle.get(timeout=self.opts.timeout)
        except queue.Empty:
            return text_response(
                HTTPStatus.SERVICE_UNAVAILABLE, "all query workers are busy; try again"
            )
        try:
            if worker is None:
                worker = _Worker(self.folder, self.opts)
            resp = worker.ask(req, self.opts.timeout + 2)
            if resp is None:
                worker = None
                return text_response(
                    HTTPStatus.SERVICE_UNAVAILABLE,
                    f"query time limit exceeded ({self.opts.timeout:g} s)",
                )
            return resp
        finally:
            self._idle.put(worker)

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                w = self._idle.get_nowait()
            except queue.Empty:
                return
            if w is not None:
                w.stop()


# --------------------------------------------------------------------------- HTTP


def is_loopback(host: str) -> bool:
    """True for loopback addresses and ``localhost``.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The host of a ``Host`` header, without the port."""
    h = header.strip().lower()
    if h.startswith("["):
        return h[1 : h.find("]")] if "]" in h else h
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: an HTTP server with a pool of query workers over one build folder."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self,
        folder: str | Path,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        options: ServeOptions | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise OutputError(f"{self.folder}: no build folder here; run 'kgbuild build' first")
        self.options = options or ServeOptions()
        self.log = log
        self.loopback = is_loopback(host)
        self.pool = WorkerPool(self.folder, self.options)
        try:
            super().__init__((host, port), SparqlHandler)
        except OSError as exc:
            self.pool.close()
            raise OutputError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        name = host.decode() if isinstance(host, bytes) else str(host)
        shown = f"[{name}]" if ":" in name else name
        return f"http://{shown}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "kgbuild-sparql"
    protocol_version = "HTTP/1.1"

    # -- plumbing

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.log:
            self.server.log(f"{self.address_string()} {format % args}")

    def _send(self, resp: Response, head_only: bool = False) -> None:
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(resp.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in resp.headers:
            self.send_header(k, v)
        self.end_headers()
        if not head_only:
            self.wfile.write(resp.body)

    def _allowed_host(self) -> bool:
        if not self.server.loopback:
            return True
        host = _host_name(self.headers.get("Host", "localhost"))
        return host in ("localhost", "127.0.0.1", "::1") or is_loopback(host)

    # -- methods

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _refuse_method(self) -> None:
        resp = text_response(
            HTTPStatus.METHOD_NOT_ALLOWED, "read-only endpoint: use GET or POST to query"
        )
        self._send(
            Response(resp.status, resp.content_type, resp.body, (("Allow", "GET, HEAD, POST"),))
        )

    do_PUT = do_DELETE = do_PATCH = _refuse_method

    def _dispatch(self, method: str) -> None:
        if not self._allowed_host():
            self._send(
                text_response(HTTPStatus.FORBIDDEN, "this endpoint answers on localhost only")
            )
            return
        url = urlsplit(self.path)
        path = url.path.rstrip("/") or "/"
        if path == "/sparql":
            self._sparql(method, url.query)
        elif path == "/" and method != "POST":
            self._send(
                Response(
                    HTTPStatus.OK,
                    "text/html; charset=utf-8",
                    query_page().encode("utf-8"),
                    _PAGE_HEADERS,
                ),
                method == "HEAD",
            )
        elif path == "/graph.html" and method != "POST":
            self._graph_page(method == "HEAD")
        else:
            self._send(
                text_response(HTTPStatus.NOT_FOUND, f"nothing at {url.path}; try /sparql or /")
            )

    def _graph_page(self, head_only: bool) -> None:
        page = self.server.folder / "graph.html"
        try:
            body = page.read_bytes()
        except OSError:
            self._send(
                text_response(HTTPStatus.NOT_FOUND, "this build has no graph.html"), head_only
            )
            return
        self._send(Response(HTTPStatus.OK, "text/html; charset=utf-8", body), head_only)

    def _body(self) -> bytes | None:
        """The request body, or None after answering 411/413."""
        length = self.headers.get("Content-Length")
        if length is None:
            self._send(text_response(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length"))
            return None
        try:
            n = int(length)
        except ValueError:
            n = -1
        if n < 0 or n > self.server.options.max_body:
            self.close_connection = True
            self._drain(n)
            self._send(
                text_response(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    f"request body over {self.server.options.max_body} bytes",
                )
            )
            return None
        return self.rfile.read(n)

    def _drain(self, n: int) -> None:
        """Read and drop a refused body (up to a bound) so the client gets to see the answer."""
        left = min(n, _DRAIN_LIMIT)
        with contextlib.suppress(OSError):
            while left > 0:
                chunk = self.rfile.read(min(left, 65536))
                if not chunk:
                    break
                left -= len(chunk)

    def _sparql(self, method: str, query_string: str) -> None:
        params = parse_qs(query_string, keep_blank_values=True)
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if method == "POST":
            body = self._body()
            if body is None:
                return
            text = body.decode("utf-8", "replace")
            if ctype == "application/sparql-update" or "update" in params:
                self._send(
                    text_response(
                        HTTPStatus.FORBIDDEN,
                        "SPARQL updates are refused: this endpoint is read-only",
                    )
                )
                return
            if ctype == "application/x-www-form-urlencoded":
                for k, v in parse_qs(text, keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                params["query"] = [text]
            else:
                self._send(
                    text_response(
                        HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "POST application/sparql-query or application/x-www-form-urlencoded",
                    )
                )
                return
        if "update" in params:
            self._send(
                text_response(
                    HTTPStatus.FORBIDDEN, "SPARQL updates are refused: this endpoint is read-only"
                )
            )
            return
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            self._send(
                text_response(
                    HTTPStatus.BAD_REQUEST, "give exactly one SPARQL query: /sparql?query=SELECT..."
                ),
                method == "HEAD",
            )
            return
        req = QueryRequest(
            query=queries[0],
            accept=self.headers.get("Accept", "*/*"),
            format=params["format"][0] if params.get("format") else None,
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
        )
        self._send(self.server.pool.ask(req), method == "HEAD")


#: Bytes of a refused request body read before answering 413.
_DRAIN_LIMIT = 16_000_000

_PAGE_HEADERS = (
    (
        "Content-Security-Policy",
        "default-src 'self'; script-src 'unsafe-inline' 'self'; style-src 'unsafe-inline'",
    ),
)


def example_queries() -> dict[str, str]:
    """The shipped analyst queries (see :mod:`kgbuild.analyst_queries`), title → text."""
    from kgbuild.analyst_queries import bundled_queries

    return {q.title: q.text for q in bundled_queries().values()}


def query_page() -> str:
    """The page at ``/``: a query box, a results table and the analyst queries as examples."""
    examples = {"Count events by class": _FIRST_QUERY, **example_queries()}
    data = (
        json.dumps(examples, ensure_ascii=True)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    options = "".join(f'<option value="{escape(k)}">{escape(k)}</option>' for k in examples)
    return (
        _PAGE.replace("%OPTIONS%", options)
        .replace("%EXAMPLES%", data)
        .replace("%FIRST%", escape(_FIRST_QUERY))
    )


_FIRST_QUERY = """SELECT ?class (COUNT(?event) AS ?events)
WHERE { ?event a kg:Event , ?class }
GROUP BY ?class
ORDER BY DESC(?events)"""

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kgbuild SPARQL</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;max-width:1200px}
textarea{width:100%;height:14em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3}#status{margin-left:1em;color:#555}
</style></head><body>
<h1>kgbuild SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>/sparql</code> (GET or POST). Prefixes kg:, kgid:, rel:, rdf:, rdfs:,
owl:, xsd:, skos:, prov:, sem:, schema:, time: and dcterms: are predeclared.
<a href="/graph.html">Open the graph</a>.</p>
<p><label>Example: <select id="examples">%OPTIONS%</select></label></p>
<form id="form"><textarea id="query" name="query" spellcheck="false">%FIRST%</textarea><br>
<button type="submit">Run</button>
<label>Download as <select id="format"><option value="json">JSON</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="xml">XML</option><option value="turtle">Turtle</option></select></label>
<button type="button" id="download">Download</button><span id="status"></span></form>
<div id="results"></div>
<script type="application/json" id="example-data">%EXAMPLES%</script>
<script>
const examples = JSON.parse(document.getElementById("example-data").textContent);
const q = document.getElementById("query"), status = document.getElementById("status"), out = document.getElementById("results");
document.getElementById("examples").addEventListener("change", e => { q.value = examples[e.target.value]; });
function cell(tag, text) { const c = document.createElement(tag); c.textContent = text; return c; }
document.getElementById("form").addEventListener("submit", async e => {
  e.preventDefault(); status.textContent = "running…"; out.replaceChildren();
  const t0 = performance.now();
  const r = await fetch("/sparql", {method: "POST", body: new URLSearchParams({query: q.value}),
    headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}});
  const text = await r.text();
  const ms = Math.round(performance.now() - t0);
  if (!r.ok) { status.textContent = r.status + ": " + text; return; }
  if (!(r.headers.get("Content-Type") || "").includes("json")) { out.appendChild(cell("pre", text)); status.textContent = ms + " ms"; return; }
  const data = JSON.parse(text);
  if ("boolean" in data) { out.appendChild(cell("p", String(data.boolean))); status.textContent = ms + " ms"; return; }
  const table = document.createElement("table"), head = document.createElement("tr");
  data.head.vars.forEach(v => head.appendChild(cell("th", v))); table.appendChild(head);
  data.results.bindings.forEach(b => { const tr = document.createElement("tr");
    data.head.vars.forEach(v => tr.appendChild(cell("td", b[v] ? b[v].value : ""))); table.appendChild(tr); });
  out.appendChild(table);
  const cut = r.headers.get("Kgbuild-Results-Truncated");
  status.textContent = data.results.bindings.length + " rows, " + ms + " ms" + (cut ? " (" + cut + ")" : "");
});
document.getElementById("download").addEventListener("click", () => {
  const u = "/sparql?" + new URLSearchParams({query: q.value, format: document.getElementById("format").value});
  window.open(u, "_blank");
});
</script></body></html>
"""


def serve(
    folder: str | Path,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    options: ServeOptions | None = None,
    log: Callable[[str], None] | None = None,
    ready: Callable[[SparqlServer], None] | None = None,
) -> None:
    """Serve a build until interrupted."""
    server = SparqlServer(folder, host, port, options, log)
    try:
        if ready:
            ready(server)
        server.serve_forever()
    finally:
        server.server_close()


def start_in_thread(
    folder: str | Path, host: str = DEFAULT_HOST, port: int = 0, options: ServeOptions | None = None
) -> tuple[SparqlServer, threading.Thread]:
    """Start an endpoint in a background thread (port 0: a free port); stop it with
    ``server.shutdown(); server.server_close()``."""
    server = SparqlServer(folder, host, port, options)
    thread = threading.Thread(target=server.serve_forever, name="kgbuild-sparql", daemon=True)
    thread.start()
    return server, thread
