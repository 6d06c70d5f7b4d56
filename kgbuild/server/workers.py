"""Query workers: each query runs in a process of its own, which is stopped at the time limit.

A worker process opens the build's store once and answers queries until its pipe closes. The
pool hands queries to workers from the event loop without blocking it:

* at most ``workers`` queries run at once ("places"); a query waits for a place at most
  ``queue_timeout`` seconds, then gets 503 with ``Retry-After``;
* a query still running after ``slow_after`` seconds gives its place to the next query, so
  a long query never holds up the quick ones; at most ``max_slow`` long queries are set aside
  so (one more keeps its place: the processes stay at most ``workers + max_slow``);
* a query is stopped at ``timeout`` seconds, or as soon as its client goes away: its process
  is killed and replaced;
* worker processes ignore Ctrl-C (the server stops them).
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
from concurrent.futures import ThreadPoolExecutor
from http import HTTPStatus
from pathlib import Path
from typing import Any

from kgbuild.server.execute import execute, time_limit_response
from kgbuild.server.messages import QueryRequest, Response, ServeOptions, text_response
from kgbuild.sparql_guard import check_local

#: Seconds a new worker may take to start and open the store.
START_TIMEOUT = 120.0


def _worker_main(conn: Any, folder: str, opts: ServeOptions) -> None:
    """A query worker: opens the store once, then answers requests until the pipe closes."""
    from kgbuild.store import open_store

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    try:
        store = open_store(folder)
        check_local("ASK {}")  # load the SPARQL parser now, not within the first query's time
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
        try:
            conn.send(resp)
        except OSError:
            return


class WorkerFailed(Exception):
    """A worker process could not start; ``response`` says why."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.body.decode("utf-8", "replace").strip())
        self.response = response


class Worker:
    """One worker process (blocking calls: run them off the event loop)."""

    def __init__(self, folder: Path, opts: ServeOptions) -> None:
        ctx = multiprocessing.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_worker_main, args=(child, str(folder), opts), daemon=True, name="kgbuild-query"
        )
        self.proc.start()
        child.close()
        ready: Response | None = text_response(
            HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker did not start"
        )
        with contextlib.suppress(EOFError, OSError):
            if self.conn.poll(START_TIMEOUT):
                ready = self.conn.recv()
        if ready is not None:
            self.stop()
            raise WorkerFailed(ready)

    def ask(self, req: QueryRequest) -> Response | None:
        """The answer to one query; None when the process was stopped meanwhile."""
        try:
            self.conn.send(req)
            answer: Response = self.conn.recv()
            return answer
        except (EOFError, OSError, ValueError):
            return None

    def stop(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=10)
        with contextlib.suppress(OSError):
            self.conn.close()


class WorkerPool:
    """The worker processes of one endpoint (see the module docstring)."""

    def __init__(self, folder: Path, opts: ServeOptions) -> None:
        self.folder = folder
        self.opts = opts
        self._idle: list[Worker] = []
        self._all: set[Worker] = set()
        self._places: asyncio.Semaphore | None = None
        self._slow = 0
        self._closed = False
        # a thread waits on each running query's pipe; others start workers
        self._threads = ThreadPoolExecutor(
            max_workers=2 * (opts.workers + opts.max_slow) + 2,
            thread_name_prefix="kgbuild-query",
        )

    @property
    def keep(self) -> int:
        """Workers kept alive: one for each place and a spare for the query after a long one
        (more start when long queries take them all, and stop when they are done)."""
        return self.opts.workers + 1

    async def start(self) -> None:
        """Start the first workers (in the event loop, before serving)."""
        self._places = asyncio.Semaphore(self.opts.workers)
        loop = asyncio.get_running_loop()
        started = await asyncio.gather(
            *(loop.run_in_executor(self._threads, self._new) for _ in range(self.keep)),
            return_exceptions=True,
        )
        for w in started:
            if isinstance(w, WorkerFailed):
                raise w
            if isinstance(w, Worker):
                self._idle.append(w)

    def _new(self) -> Worker:
        w = Worker(self.folder, self.opts)
        self._all.add(w)
        return w

    def _stop(self, w: Worker) -> None:
        self._all.discard(w)
        w.stop()

    def _refill(self) -> None:
        """Start a worker in the background when fewer than :attr:`keep` are alive."""
        if self._closed or len(self._all) >= self.keep:
            return

        def start_one() -> None:
            try:
                w = self._new()
            except WorkerFailed:
                return
            if self._closed or len(self._idle) >= self.keep:
                self._stop(w)
            else:
                self._idle.append(w)

        self._threads.submit(start_one)

    async def _take(self) -> Worker:
        if self._idle:
            w = self._idle.pop()
        else:
            w = await asyncio.get_running_loop().run_in_executor(self._threads, self._new)
        return w

    def _give(self, w: Worker) -> None:
        if self._closed or len(self._idle) >= self.keep:
            self._threads.submit(self._stop, w)
        else:
            self._idle.append(w)

    def _kill(self, w: Worker) -> None:
        """Stop a worker whose query is given up (its waiting thread then returns None)."""
        self._threads.submit(self._stop, w)
        self._refill()

    async def ask(
        self, req: QueryRequest, gone: asyncio.Future[Any] | None = None
    ) -> Response | None:
        """The answer to one query; None when the client went away (``gone`` finished: the
        caller makes it, and cancels it afterwards)."""
        assert self._places is not None, "start() the pool first"
        opts = self.opts
        place = asyncio.ensure_future(self._places.acquire())
        waiting: set[asyncio.Future[Any]] = {place} if gone is None else {place, gone}
        await asyncio.wait(waiting, timeout=opts.queue_timeout, return_when="FIRST_COMPLETED")
        if not place.done() or place.cancelled():
            place.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                if await place:  # acquired just as it was cancelled
                    self._places.release()
            if gone is not None and gone.done():
                return None  # the client went away while it waited: nothing to run
            return text_response(
                HTTPStatus.SERVICE_UNAVAILABLE,
                "all query workers are busy; try again",
                ("Retry-After", "2"),
            )
        holding = True
        try:
            try:
                worker = await self._take()
            except WorkerFailed as exc:
                return exc.response
            if gone is not None and gone.done():
                self._give(worker)
                return None
            loop = asyncio.get_running_loop()
            running = loop.run_in_executor(self._threads, worker.ask, req)
            watch: set[asyncio.Future[Any]] = {running}
            # a quick query is let finish even if its client goes (its worker is kept);
            # a long one is stopped as soon as its client goes
            done, _ = await asyncio.wait(
                watch, timeout=min(opts.slow_after, opts.timeout), return_when="FIRST_COMPLETED"
            )
            if gone is not None:
                watch.add(gone)
            if not done and opts.slow_after < opts.timeout:
                set_aside = self._slow < opts.max_slow
                if set_aside:  # a long query: the next one may start meanwhile
                    self._places.release()
                    holding = False
                    self._slow += 1
                # (with max_slow long queries running already, it keeps its place)
                try:
                    done, _ = await asyncio.wait(
                        watch, timeout=opts.timeout - opts.slow_after, return_when="FIRST_COMPLETED"
                    )
                finally:
                    if set_aside:
                        self._slow -= 1
            if running not in done:
                self._kill(worker)
                return None if done else time_limit_response(opts)
            resp = running.result()
            if resp is None:  # the process died under the query
                self._kill(worker)
                return text_response(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died")
            self._give(worker)
            return resp
        finally:
            if holding:
                self._places.release()

    def close(self) -> None:
        """Stop every worker (also those running a query)."""
        self._closed = True
        for w in list(self._all):
            self._stop(w)
        self._idle.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
