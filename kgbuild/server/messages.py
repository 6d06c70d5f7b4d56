"""What the HTTP side and the query workers hand each other: options, requests, responses."""

from __future__ import annotations

from dataclasses import dataclass, field
from http import HTTPStatus

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878


@dataclass(frozen=True)
class ServeOptions:
    """Limits of the endpoint (see :mod:`kgbuild.server`)."""

    timeout: float = 30.0  # seconds a query may run
    max_results: int = 10_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE) returned
    max_body: int = 1_000_000  # bytes of a request body
    workers: int = 2  # quick queries run at the same time, each in its own process
    #: A query still running after this many seconds gives its place to the next one, so a
    #: long query never holds up the quick ones; at most ``max_slow`` such queries at once.
    slow_after: float = 1.0
    max_slow: int = 2
    queue_timeout: float = 20.0  # seconds a query waits for a free place, then 503
    header_timeout: float = 10.0  # seconds to send a request's head (and its body)
    keep_alive: int = 5  # seconds an idle keep-alive connection stays open
    backlog: int = 1024  # connections the kernel queues before they are accepted
    max_connections: int = 1000  # open connections at once; beyond, 503


@dataclass(frozen=True)
class QueryRequest:
    """One SPARQL query as received, with the client's format wishes."""

    query: str
    accept: str = "*/*"
    format: str | None = None
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    #: A file for a person (the query page's download): CSV cells that a spreadsheet would run
    #: as formulas are neutralised (:mod:`kgbuild.writers.csvsafe`).
    download: bool = False
    #: Values bound to the query's variables (``param=NAME=VALUE``, as ``kgbuild query
    #: --param``): bound, never pasted into the text.
    params: tuple[tuple[str, str], ...] = ()
    #: A page of the answer (``limit=``, ``offset=``): the query's last LIMIT and OFFSET
    #: replaced (see :func:`kgbuild.query.paged`); None keeps the query's own.
    limit: int | None = None
    offset: int = 0


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = field(default_factory=tuple)


def text_response(status: int, message: str, *headers: tuple[str, str]) -> Response:
    return Response(
        status,
        "text/plain; charset=utf-8",
        (message.rstrip("\n") + "\n").encode("utf-8"),
        tuple(headers),
    )


READ_ONLY = "SPARQL updates are refused: this endpoint is read-only"


def refused_update() -> Response:
    return text_response(HTTPStatus.FORBIDDEN, READ_ONLY)
