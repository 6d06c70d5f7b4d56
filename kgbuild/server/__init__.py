"""A read-only SPARQL 1.1 Protocol endpoint over a build (``kgbuild serve``).

The endpoint runs on uvicorn (an ASGI server: one event loop, no thread per connection) with
Starlette's request and response objects; queries run in worker processes. One module per
concern:

* :mod:`~kgbuild.server.http`: the listening socket, uvicorn, timeouts for slow and idle
  connections, starting and stopping;
* :mod:`~kgbuild.server.app`: routes and the protocol's requests (``/sparql``, ``/``,
  ``/graph.html``, OPTIONS), body limits, one log line per request;
* :mod:`~kgbuild.server.security`: the Host, Origin and fetch-metadata checks every request
  passes, and the headers (CSP, no framing) every response carries;
* :mod:`~kgbuild.server.workers`: the worker processes, a place for each quick query, long
  queries set aside, the time limit;
* :mod:`~kgbuild.server.execute` and :mod:`~kgbuild.server.results`: running a query on the
  store and writing its results in the format asked for;
* :mod:`~kgbuild.server.page`: the query page.

No query reaches out: ``SERVICE`` is refused (403) before it runs (:mod:`kgbuild.sparql_guard`),
and so are updates.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kgbuild.server.http import SparqlServer, start_in_thread
    from kgbuild.server.messages import DEFAULT_HOST, DEFAULT_PORT, QueryRequest, ServeOptions
    from kgbuild.server.page import query_page
    from kgbuild.server.results import choose_format, write_boolean, write_solutions
    from kgbuild.server.security import is_loopback

#: Where each name lives: the package loads uvicorn and Starlette only when serving, not with
#: every ``kgbuild`` command.
_HOMES = {
    "SparqlServer": "http",
    "start_in_thread": "http",
    "DEFAULT_HOST": "messages",
    "DEFAULT_PORT": "messages",
    "QueryRequest": "messages",
    "ServeOptions": "messages",
    "query_page": "page",
    "choose_format": "results",
    "write_boolean": "results",
    "write_solutions": "results",
    "is_loopback": "security",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)


__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "QueryRequest",
    "ServeOptions",
    "SparqlServer",
    "choose_format",
    "is_loopback",
    "query_page",
    "start_in_thread",
    "write_boolean",
    "write_solutions",
]
