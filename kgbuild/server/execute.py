"""One SPARQL query run on the build's store, written as the HTTP response (in a worker).

Updates and queries that would reach out (``SERVICE``; see :mod:`kgbuild.sparql_guard`) are
refused with 403 before they run; results are cut at ``max_results`` rows or triples (header
``Kgbuild-Results-Truncated``) and at the time limit (503).
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from http import HTTPStatus
from typing import Any

from kgbuild.errors import QueryError, RefusedQueryError
from kgbuild.server.messages import (
    QueryRequest,
    Response,
    ServeOptions,
    refused_update,
    text_response,
)
from kgbuild.server.results import (
    GRAPH_TYPES,
    RESULT_TYPES,
    choose_format,
    write_boolean,
    write_solutions,
    write_triples,
)
from kgbuild.sparql_guard import check_local


class _Deadline(Exception):
    pass


def time_limit_response(opts: ServeOptions) -> Response:
    return text_response(
        HTTPStatus.SERVICE_UNAVAILABLE, f"query time limit exceeded ({opts.timeout:g} s)"
    )


def execute(store: Any, req: QueryRequest, opts: ServeOptions) -> Response:
    """Run one query on an Oxigraph store and write the response."""
    import pyoxigraph as ox

    from kgbuild.query import is_update, query_kind

    if is_update(req.query):
        return refused_update()
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
    started = time.monotonic()
    deadline = started + opts.timeout
    try:
        res = _run(store, req)
    except RefusedQueryError as exc:
        return text_response(HTTPStatus.FORBIDDEN, str(exc))
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
            headers.append(("Kgbuild-Query-Time", f"{(time.monotonic() - started) * 1000:.1f} ms"))
            if cut:
                headers.append(("Kgbuild-Results-Truncated", f"first {opts.max_results} rows"))
            body = write_solutions(names, rows, fmt, safe=req.download)
            return Response(HTTPStatus.OK, _ctype(RESULT_TYPES[fmt]), body, tuple(headers))
        fmt = choose_format("CONSTRUCT", req.accept, req.format) or "turtle"
        triples, cut = _bounded(iter(res), opts.max_results, deadline)
        if cut:
            headers.append(("Kgbuild-Results-Truncated", f"first {opts.max_results} triples"))
        return Response(
            HTTPStatus.OK, _ctype(GRAPH_TYPES[fmt]), write_triples(triples, fmt), tuple(headers)
        )
    except _Deadline:
        return time_limit_response(opts)
    except (OSError, ValueError, RuntimeError) as exc:
        return text_response(HTTPStatus.BAD_REQUEST, f"SPARQL error: {str(exc).splitlines()[0]}")


def _ctype(media: str) -> str:
    return media + "; charset=utf-8"


def _text(req: QueryRequest) -> str:
    """The query text with the page the request asks for."""
    from kgbuild.query import paged, query_limit

    if req.limit is None and not req.offset:
        return req.query
    limit = query_limit(req.query) if req.limit is None else (req.limit or None)
    return paged(req.query, limit, req.offset)


def _run(store: Any, req: QueryRequest) -> Any:
    import pyoxigraph as ox

    from kgbuild.query import check_required, store_query

    params = dict(req.params)
    check_required(req.query, params)
    text = _text(req)
    if not req.default_graphs and not req.named_graphs:
        return store_query(store, text, params)
    if params:
        raise QueryError("param= cannot be given with default-graph-uri or named-graph-uri")
    from kgbuild.rdf.graph import PREFIXES

    check_local(req.query)
    kwargs: dict[str, Any] = {}
    if req.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in req.default_graphs]
    if req.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    try:
        return store.query(text, prefixes=PREFIXES, **kwargs)
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
