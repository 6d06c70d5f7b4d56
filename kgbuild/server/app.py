"""The endpoint's HTTP side, an ASGI application: routes, the SPARQL 1.1 Protocol's requests,
checks every request passes (:mod:`kgbuild.server.security`), and one log line per request.

* ``/sparql``: GET (``?query=``) or POST (form-encoded ``query=`` or an
  ``application/sparql-query`` body), with ``default-graph-uri`` and ``named-graph-uri``;
  updates (``update=``, ``application/sparql-update``) get 403; PUT, DELETE and PATCH 405.
* ``/``: the query page; ``/graph.html``: the build's graph page.
* OPTIONS on any path: 204 with ``Allow`` and no CORS headers, so other origins are never
  allowed to read an answer.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable, MutableMapping
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request

from kgbuild.errors import QueryError
from kgbuild.query import parse_params
from kgbuild.server.messages import (
    QueryRequest,
    Response,
    ServeOptions,
    refused_update,
    text_response,
)
from kgbuild.server.page import query_page
from kgbuild.server.security import (
    BASE_HEADERS,
    DATA_CSP,
    GRAPH_PAGE_CSP,
    allowed_host,
    page_csp,
    refusal,
)
from kgbuild.server.workers import WorkerPool

#: Bytes of a refused request body read (and dropped) before answering 413, so that the
#: client gets to see the answer instead of a broken connection.
DRAIN_LIMIT = 16_000_000

ALLOW = "GET, HEAD, POST, OPTIONS"


class SparqlApp:
    """The ASGI application of one endpoint over one build folder."""

    def __init__(
        self,
        folder: Path,
        options: ServeOptions,
        *,
        loopback: bool,
        log: Callable[[str], None] | None = None,
        on_ready: Callable[[], None] | None = None,
    ) -> None:
        self.folder = folder
        self.options = options
        self.loopback = loopback
        self.log = log
        self.on_ready = on_ready
        self.pool = WorkerPool(folder, options)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self._http(scope, receive, send)

    async def _lifespan(self, receive: Any, send: Any) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await self.pool.start()
                except Exception as exc:  # the store cannot be opened: say so, stop
                    await send({"type": "lifespan.startup.failed", "message": str(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
                if self.on_ready:
                    self.on_ready()
            elif message["type"] == "lifespan.shutdown":
                self.pool.close()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        request = Request(scope, receive)
        status = 0

        async def send_logged(message: MutableMapping[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            response = await self._answer(request)
        except Exception as exc:  # one line, never a traceback
            response = _http(
                text_response(HTTPStatus.INTERNAL_SERVER_ERROR, f"{type(exc).__name__}: {exc}"),
                request.method,
            )
        if response is not None:
            await response(scope, receive, send_logged)
        if self.log:
            client = f"{scope['client'][0]}" if scope.get("client") else "-"
            path = scope.get("raw_path", b"").decode("latin-1")[:200] or scope["path"]
            shown = status or "gone"
            self.log(f'{client} "{request.method} {path} HTTP/{scope["http_version"]}" {shown}')

    async def _answer(self, request: Request) -> HTTPResponse | None:
        method = request.method
        headers = request.headers
        if not allowed_host(headers.get("host", ""), self.loopback):
            return _http(
                text_response(HTTPStatus.FORBIDDEN, "this endpoint answers on localhost only"),
                method,
            )
        path = request.url.path.rstrip("/") or "/"
        reason = refusal(headers, method, path)
        if reason is not None:
            return _http(text_response(HTTPStatus.FORBIDDEN, reason), method)
        if method == "OPTIONS":
            return _http(Response(HTTPStatus.NO_CONTENT, "text/plain", b"", (("Allow", ALLOW),)))
        if method in ("PUT", "DELETE", "PATCH"):
            return _http(
                text_response(
                    HTTPStatus.METHOD_NOT_ALLOWED,
                    "read-only endpoint: use GET or POST to query",
                    ("Allow", ALLOW),
                )
            )
        if method not in ("GET", "HEAD", "POST"):
            return _http(
                text_response(HTTPStatus.NOT_IMPLEMENTED, f"{method[:20]} is not supported"),
                method,
            )
        if path == "/sparql":
            return await self._sparql(request, method)
        if path == "/" and method != "POST":
            nonce = secrets.token_urlsafe(16)
            page = Response(
                HTTPStatus.OK,
                "text/html; charset=utf-8",
                query_page(nonce).encode("utf-8"),
                (("Content-Security-Policy", page_csp(nonce)), ("Cache-Control", "no-store")),
            )
            return _http(page, method)
        if path == "/graph.html" and method != "POST":
            return _http(self._graph_page(), method)
        if method == "POST":
            return _http(
                text_response(
                    HTTPStatus.METHOD_NOT_ALLOWED, "POST queries to /sparql", ("Allow", "GET, HEAD")
                ),
                method,
            )
        return _http(
            text_response(HTTPStatus.NOT_FOUND, f"nothing at {request.url.path}; try /sparql or /"),
            method,
        )

    def _graph_page(self) -> Response:
        try:
            body = (self.folder / "graph.html").read_bytes()
        except OSError:
            return text_response(HTTPStatus.NOT_FOUND, "this build has no graph.html")
        return Response(
            HTTPStatus.OK,
            "text/html; charset=utf-8",
            body,
            (("Content-Security-Policy", GRAPH_PAGE_CSP),),
        )

    async def _body(self, request: Request) -> bytes | Response:
        """The request body, or the response that refuses it (411, 413, 408)."""
        limit = self.options.max_body
        length = request.headers.get("content-length")
        chunked = "chunked" in request.headers.get("transfer-encoding", "").lower()
        if length is None and not chunked:
            return text_response(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length")
        declared = -1
        if length is not None:
            declared = int(length) if length.isdigit() else limit + 1
        too_large = text_response(
            HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
            f"request body over {limit} bytes",
            ("Connection", "close"),
        )
        parts: list[bytes] = []
        size = 0
        try:
            async with asyncio.timeout(self.options.header_timeout):
                async for chunk in request.stream():
                    size += len(chunk)
                    if size > DRAIN_LIMIT:
                        break
                    if size <= limit and declared <= limit:
                        parts.append(chunk)
        except TimeoutError:
            return text_response(
                HTTPStatus.REQUEST_TIMEOUT,
                "the request body came too slowly",
                ("Connection", "close"),
            )
        if size > limit or declared > limit:
            return too_large
        return b"".join(parts)

    async def _sparql(self, request: Request, method: str) -> HTTPResponse | None:
        params = parse_qs(request.url.query, keep_blank_values=True)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if method == "POST":
            body = await self._body(request)
            if isinstance(body, Response):
                return _http(body)
            if ctype == "application/sparql-update" or "update" in params:
                return _http(refused_update())
            text = body.decode("utf-8", "replace")
            if ctype == "application/x-www-form-urlencoded":
                for k, v in parse_qs(text, keep_blank_values=True).items():
                    params.setdefault(k, []).extend(v)
            elif ctype == "application/sparql-query":
                params["query"] = [text]
            else:
                return _http(
                    text_response(
                        HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "POST application/sparql-query or application/x-www-form-urlencoded",
                    )
                )
        if "update" in params:
            return _http(refused_update(), method)
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return _http(
                text_response(
                    HTTPStatus.BAD_REQUEST, "give exactly one SPARQL query: /sparql?query=SELECT..."
                ),
                method,
            )
        try:
            bound = tuple(parse_params(params.get("param", [])).items())
            limit = _count(params, "limit")
            offset = _count(params, "offset") or 0
        except QueryError as exc:
            return _http(text_response(HTTPStatus.BAD_REQUEST, str(exc)), method)
        req = QueryRequest(
            query=queries[0],
            params=bound,
            limit=limit,
            offset=offset,
            accept=request.headers.get("accept", "*/*"),
            format=params["format"][0] if params.get("format") else None,
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
            download=params.get("download", [""])[0] not in ("", "0", "false"),
        )
        gone = asyncio.ensure_future(_disconnected(request))
        try:
            resp = await self.pool.ask(req, gone)
        finally:
            gone.cancel()
        if resp is None:
            return None  # the client went away; its query was stopped
        if req.download and resp.status == HTTPStatus.OK:
            ext = req.format or "txt"
            disposition = f'attachment; filename="results.{ext if ext.isalnum() else "txt"}"'
            resp = Response(
                resp.status,
                resp.content_type,
                resp.body,
                (*resp.headers, ("Content-Disposition", disposition)),
            )
        return _http(resp, method)


def _count(params: dict[str, list[str]], name: str) -> int | None:
    """The count a request gives as ``name=`` (None without one); :class:`QueryError` if it is
    not a count of rows."""
    values = params.get(name)
    if not values or values[0] == "":
        return None
    if not values[0].isdigit() or len(values[0]) > 9:
        raise QueryError(f"{name}={values[0][:20]}: expected a count of rows")
    return int(values[0])


async def _disconnected(request: Request) -> None:
    """Returns when the client closes the connection (its body has been read already)."""
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            return


class HTTPResponse:
    """An ASGI response with the headers every response carries, spelled as usual
    (``Content-Type``; Starlette's responses lower-case header names)."""

    def __init__(self, resp: Response, method: str = "GET") -> None:
        headers = dict(BASE_HEADERS)
        headers["Content-Security-Policy"] = DATA_CSP
        headers.update(resp.headers)
        headers["Content-Type"] = resp.content_type
        headers["Content-Length"] = str(len(resp.body))
        self.status = int(resp.status)
        self.headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
        self.body = b"" if method == "HEAD" else resp.body

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body})


_http = HTTPResponse
