"""Serving the application: uvicorn on a socket of our own, one event loop, no thread per
connection.

* The socket listens with a backlog of ``backlog`` connections (the standard library's HTTP
  server listens with 5, and a burst of clients then times out).
* A connection must send its request's head within ``header_timeout`` seconds of opening (or of
  its previous answer), and an idle keep-alive connection is closed after ``keep_alive``
  seconds: half-open connections cost nothing for long. Beyond ``max_connections`` open
  connections, requests get 503.
* Clients that go away are let go quietly: no traceback, their query stopped.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kgbuild.errors import OutputError
from kgbuild.server.app import SparqlApp
from kgbuild.server.messages import DEFAULT_HOST, DEFAULT_PORT, ServeOptions
from kgbuild.server.security import is_loopback


def _protocol(header_timeout: float) -> type:
    """uvicorn's HTTP/1.1 protocol (h11), with a deadline for a request's head: uvicorn closes
    idle keep-alive connections, but waits forever for a first request or a slow head."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class GuardedProtocol(H11Protocol):  # type: ignore[misc]
        _head_timer: Any = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
            super().connection_lost(exc)

        def _arm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
            self._head_timer = self.loop.call_later(header_timeout, self._expire)

        def _expire(self) -> None:
            self._head_timer = None
            waiting = self.cycle is None or self.cycle.response_complete
            if waiting and not self.transport.is_closing():
                self.transport.close()

    return GuardedProtocol


class _LogLines(logging.Handler):
    """uvicorn's own messages as single lines (no tracebacks) through the server's log."""

    def __init__(self, log: Callable[[str], None] | None) -> None:
        super().__init__(logging.WARNING)
        self.log = log

    def emit(self, record: logging.LogRecord) -> None:
        if self.log:
            self.log(f"server: {record.getMessage().splitlines()[0]}")


def _listen(host: str, port: int, backlog: int) -> socket.socket:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        family, _type, _proto, _name, address = infos[0]
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
            sock.listen(backlog)
        except OSError:
            sock.close()
            raise
    except OSError as exc:
        raise OutputError(
            f"cannot listen on {host}:{port} ({getattr(exc, 'strerror', None) or exc})"
        ) from None
    sock.setblocking(False)
    return sock


class SparqlServer:
    """The endpoint: a listening socket, the application and its worker processes."""

    def __init__(
        self,
        folder: str | Path,
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        options: ServeOptions | None = None,
        log: Callable[[str], None] | None = None,
        ready: Callable[[SparqlServer], None] | None = None,
    ) -> None:
        import uvicorn

        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise OutputError(f"{self.folder}: no build folder here; run 'kgbuild build' first")
        self.options = opts = options or ServeOptions()
        self.started = threading.Event()
        self.running = threading.Event()
        self.stopped = threading.Event()
        self.socket = _listen(host, port, opts.backlog)

        def on_ready() -> None:
            self.started.set()
            if ready:
                ready(self)

        self.app = SparqlApp(
            self.folder, opts, loopback=is_loopback(host), log=log, on_ready=on_ready
        )
        config = uvicorn.Config(
            self.app,
            http=_protocol(opts.header_timeout),
            ws="none",
            lifespan="on",
            log_config=None,
            access_log=False,
            server_header=False,
            proxy_headers=False,
            timeout_keep_alive=opts.keep_alive,
            limit_concurrency=opts.max_connections,
            backlog=opts.backlog,
            timeout_graceful_shutdown=2,
            h11_max_incomplete_event_size=64 * 1024,
        )
        for name in ("uvicorn", "uvicorn.error"):
            logger = logging.getLogger(name)
            logger.handlers = [_LogLines(log)]
            logger.propagate = False
            logger.setLevel(logging.WARNING)
        self.server = uvicorn.Server(config)

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        shown = f"[{host}]" if ":" in str(host) else str(host)
        return f"http://{shown}:{port}/"

    def serve_forever(self) -> None:
        """Serve until :meth:`shutdown` or Ctrl-C (then re-raised as KeyboardInterrupt)."""
        self.running.set()
        try:
            self.server.run(sockets=[self.socket])
        finally:
            self.stopped.set()
        if not self.started.is_set():
            raise OutputError(f"{self.folder}: the query workers could not open the store")

    def run(self) -> None:
        """Serve until Ctrl-C (re-raised as KeyboardInterrupt), then stop the workers."""
        try:
            self.serve_forever()
        finally:
            self.server_close()

    def shutdown(self) -> None:
        """Stop serving; from another thread, wait until the server has stopped."""
        self.server.should_exit = True
        if self.running.is_set():
            self.stopped.wait(timeout=30)

    def server_close(self) -> None:
        self.app.pool.close()
        with contextlib.suppress(OSError):
            self.socket.close()


def start_in_thread(
    folder: str | Path, host: str = DEFAULT_HOST, port: int = 0, options: ServeOptions | None = None
) -> tuple[SparqlServer, threading.Thread]:
    """Start an endpoint in a background thread (port 0: a free port) and wait until it
    answers; stop it with ``server.shutdown(); server.server_close()``."""
    server = SparqlServer(folder, host, port, options)
    thread = threading.Thread(target=server.serve_forever, name="kgbuild-sparql", daemon=True)
    thread.start()
    server.started.wait(timeout=120)
    return server, thread
