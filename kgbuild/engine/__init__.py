"""Engines: where the per-document stages run — this process, worker processes, or Dask.

Every engine takes articles and yields their :class:`~kgbuild.records.DocumentResult` in
input order, so the merged graph is the same whichever engine made it. Articles travel in
chunks; a worker loads the spaCy pipeline once (``load_model`` is cached per process) and
parses each chunk with ``nlp.pipe``. Only compact records come back, never spaCy objects.

* :class:`LocalEngine` with ``jobs=1``: this process, streaming article by article.
* :class:`LocalEngine` with ``jobs=N``: ``N`` worker processes on this machine.
* :class:`DaskEngine`: a Dask cluster — a local one with ``jobs`` worker processes, or the
  scheduler at ``tcp://host:8786`` whose workers have kgbuild and the model installed.

A chunk holds at most ``batch_size`` articles and about as much text as ``batch_size`` articles
of a typical length (:func:`article_chunks`): a long article makes a chunk of its own, so no
chunk holds many times the work of another. At most a few chunks per worker are in flight at
any time, and a worker is given the next chunk as soon as it finishes one, whatever the order
in which chunks finish (:func:`ordered`): memory stays bounded however long the corpus is, and
no worker waits for a slow chunk of another.

>>> chunks([1, 2, 3, 4, 5], 2)
[[1, 2], [3, 4], [5]]
>>> chunks(["aa", "b", "cccc", "d"], 3, weight=len, limit=3)
[['aa', 'b'], ['cccc'], ['d']]
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from kgbuild.cache import pack, unpack
from kgbuild.engine.analysis import analyze_articles
from kgbuild.errors import EngineError
from kgbuild.records import Article, DocumentResult
from kgbuild.runtime.blis import tune as tune_blis
from kgbuild.runtime.blis import tuned as tuned_blis
from kgbuild.runtime.collector import gc_paused
from kgbuild.runtime.forks import can_fork, die_with_parent

T = TypeVar("T")

#: Names accepted by ``--engine``.
ENGINES = ("local", "dask")

#: Chunks kept in flight per worker: enough to keep every worker busy, few enough to bound memory.
CHUNKS_PER_WORKER = 2

#: How many chunks per worker the work may run ahead of the oldest unfinished one (finished
#: chunks wait there for those before them, so results come out in input order).
AHEAD_PER_WORKER = 8

#: Characters of text per article a chunk is sized for (a typical news article is 2,000-3,000).
CHARS_PER_ARTICLE = 2_500

#: What a worker sends back for one chunk: the results and its stage timings.
ChunkResult = tuple[tuple[DocumentResult, ...], dict[str, float]]


def chunks(
    items: Sequence[T],
    size: int,
    *,
    weight: Callable[[T], int] | None = None,
    limit: int = 0,
) -> list[list[T]]:
    """``items`` cut into consecutive lists of at most ``size`` items; with ``weight``, a list
    also ends before its total weight would pass ``limit`` (a heavier item is a list alone)."""
    size = max(1, size)
    if weight is None:
        return [list(items[i : i + size]) for i in range(0, len(items), size)]
    out: list[list[T]] = []
    part: list[T] = []
    total = 0
    for item in items:
        w = weight(item)
        if part and (len(part) >= size or total + w > limit):
            out.append(part)
            part, total = [], 0
        part.append(item)
        total += w
    if part:
        out.append(part)
    return out


def _text_size(a: Article) -> int:
    return len(a.text)


def article_chunks(articles: Sequence[Article], batch_size: int) -> list[list[Article]]:
    """The chunks workers analyze: at most ``batch_size`` articles and at most ``batch_size``
    × :data:`CHARS_PER_ARTICLE` characters of text (a longer article is a chunk alone)."""
    size = max(1, batch_size)
    return chunks(articles, size, weight=_text_size, limit=size * CHARS_PER_ARTICLE)


def analyze_chunk(
    articles: Sequence[Article], model: str, batch_size: int, gazetteer: str | None = None
) -> ChunkResult:
    """Parse and analyze a chunk of articles in this process (what a worker runs), with BLIS
    tuned for the processor (:func:`kgbuild.runtime.blis.tune`: the worker is the build's)."""
    tune_blis()
    timings: dict[str, float] = {}
    results = tuple(
        analyze_articles(
            articles, model=model, batch_size=batch_size, timings=timings, gazetteer=gazetteer
        )
    )
    return results, timings


#: What a worker sends back when the build caches results: each result as its article's
#: cache key and the bytes of its cache entry (:func:`kgbuild.cache.pack`), and the timings.
PackedChunk = tuple[tuple[tuple[str, bytes], ...], dict[str, float]]


def analyze_chunk_packed(
    articles: Sequence[Article], model: str, batch_size: int, gazetteer: str | None = None
) -> PackedChunk:
    """:func:`analyze_chunk`, each result packed as its cache entry: the build stores those
    bytes as they are, and the results cross to it pickled once instead of twice."""
    results, timings = analyze_chunk(articles, model, batch_size, gazetteer)
    return tuple(pack(r) for r in results), timings


def unpack_chunk(chunk: PackedChunk, entries: dict[str, bytes]) -> ChunkResult:
    """The results of a :func:`analyze_chunk_packed` chunk; their entries go into ``entries``
    by key."""
    results = []
    for key, raw in chunk[0]:
        result = unpack(key, raw)
        if result is None:
            raise EngineError("a worker sent back a result that cannot be read")
        entries[key] = raw
        results.append(result)
    return tuple(results), chunk[1]


def add_timings(total: dict[str, float], part: dict[str, float]) -> None:
    """Add the stage seconds of ``part`` to ``total``.

    >>> t = {"parse": 1.0}
    >>> add_timings(t, {"parse": 0.5, "extract": 2.0})
    >>> t
    {'parse': 1.5, 'extract': 2.0}
    """
    for k, v in part.items():
        total[k] = total.get(k, 0.0) + v


class Engine(Protocol):
    """Runs the per-document stages over articles; results come back in input order.

    With ``entries``, results analyzed in other processes come with the bytes of their cache
    entries, put into ``entries`` by key (:func:`kgbuild.cache.pack`) before the result is
    yielded; results analyzed in the build's own process come without."""

    name: str
    workers: int
    timings: dict[str, float]

    def run(
        self,
        articles: Sequence[Article],
        *,
        model: str,
        batch_size: int,
        gazetteer: str | None = None,
        entries: dict[str, bytes] | None = None,
    ) -> Iterator[DocumentResult]: ...


def _collect(entries: dict[str, bytes] | None) -> tuple[Any, Callable[[Any], ChunkResult]]:
    """The function a worker runs on a chunk, and what turns a finished future into results."""
    if entries is None:
        return analyze_chunk, lambda f: f.result()
    return analyze_chunk_packed, lambda f: unpack_chunk(f.result(), entries)


@dataclass
class LocalEngine:
    """This machine: the build's own process (``jobs=1``) or ``jobs`` worker processes.

    With less than two chunks of work (a few new articles), the work stays in this process:
    starting workers and loading the model in each would take longer than the work.
    """

    jobs: int = 1
    name: str = "local"
    workers: int = 1
    timings: dict[str, float] = field(default_factory=dict)

    def run(
        self,
        articles: Sequence[Article],
        *,
        model: str,
        batch_size: int,
        gazetteer: str | None = None,
        entries: dict[str, bytes] | None = None,
    ) -> Iterator[DocumentResult]:
        parts = article_chunks(articles, batch_size)
        self.workers = max(1, min(self.jobs, len(parts)))
        if not parts:
            return
        if self.workers == 1:  # BLIS tuned for the analysis, then given back as it was
            with tuned_blis():
                yield from analyze_articles(
                    articles,
                    model=model,
                    batch_size=batch_size,
                    timings=self.timings,
                    gazetteer=gazetteer,
                )
            return
        yield from self._pool(parts, model, batch_size, gazetteer, entries)

    def _pool(
        self,
        parts: list[list[Article]],
        model: str,
        batch_size: int,
        gazetteer: str | None = None,
        entries: dict[str, bytes] | None = None,
    ) -> Iterator[DocumentResult]:
        import multiprocessing
        from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
        from concurrent.futures.process import BrokenProcessPool

        ctx = multiprocessing.get_context("spawn")
        pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)
        work, result = _collect(entries)
        try:

            def submit(part: list[Article]) -> Any:
                return pool.submit(work, part, model, batch_size, gazetteer)

            def first_done(futures: list[Any]) -> Iterable[Any]:
                return wait(futures, return_when=FIRST_COMPLETED).done

            with gc_paused():  # this process only receives records (see kgbuild.runtime.collector)
                yield from ordered(parts, submit, result, self.workers, self.timings, first_done)
        except BrokenProcessPool:
            raise EngineError(
                "a worker process died (out of memory?); try fewer jobs (-j) or a smaller "
                "--batch-size"
            ) from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


@dataclass
class DaskEngine:
    """A Dask cluster: the scheduler at ``scheduler``, else a local cluster of ``jobs`` workers.

    The workers of a remote cluster need kgbuild and the spaCy model installed (the same
    versions as here, or the cache and the output may differ from a local build).
    """

    scheduler: str | None = None
    jobs: int = 1
    name: str = "dask"
    workers: int = 1
    timings: dict[str, float] = field(default_factory=dict)

    def run(
        self,
        articles: Sequence[Article],
        *,
        model: str,
        batch_size: int,
        gazetteer: str | None = None,
        entries: dict[str, bytes] | None = None,
    ) -> Iterator[DocumentResult]:
        parts = article_chunks(articles, batch_size)
        if not parts:
            return
        work, result = _collect(entries)
        client, cluster = self._connect()
        try:
            self.workers = max(1, sum(client.nthreads().values()))

            def submit(part: list[Article]) -> Any:
                return client.submit(work, part, model, batch_size, gazetteer, pure=False)

            def first_done(futures: list[Any]) -> Iterable[Any]:
                from distributed import wait

                return wait(futures, return_when="FIRST_COMPLETED").done

            yield from ordered(parts, submit, result, self.workers, self.timings, first_done)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self) -> tuple[Any, Any]:
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise EngineError(
                "the Dask engine needs dask and distributed: pip install 'kgbuild[dask]'"
            ) from None
        if self.scheduler:
            try:
                return Client(self.scheduler, timeout="20s"), None
            except (OSError, TimeoutError, ValueError) as exc:
                raise EngineError(
                    f"cannot reach the Dask scheduler at {self.scheduler}: {exc}"
                ) from None
        import logging

        cluster = LocalCluster(
            n_workers=max(1, self.jobs),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return Client(cluster), cluster


def ordered(
    parts: Sequence[list[Article]],
    submit: Callable[[list[Article]], Any],
    result: Callable[[Any], ChunkResult],
    workers: int,
    timings: dict[str, float],
    first_done: Callable[[list[Any]], Iterable[Any]] | None = None,
) -> Iterator[DocumentResult]:
    """Run ``parts`` with at most ``CHUNKS_PER_WORKER`` per worker in flight and yield their
    results in input order.

    ``submit`` starts a chunk and returns its future; ``first_done`` waits until at least one
    of the futures given is done and returns those done (``concurrent.futures.wait`` with
    ``FIRST_COMPLETED``, or Dask's). A chunk is started each time one finishes, whichever it
    is, up to :data:`AHEAD_PER_WORKER` per worker past the oldest unfinished chunk. Without
    ``first_done``, chunks are collected oldest first.
    """
    in_flight = max(2, CHUNKS_PER_WORKER * workers)
    ahead = max(in_flight, AHEAD_PER_WORKER * workers)
    running: dict[Any, int] = {}  # future -> index of its chunk
    finished: dict[int, ChunkResult] = {}
    start = head = 0  # next chunk to start, next chunk to yield
    while head < len(parts):
        while start < len(parts) and len(running) < in_flight and start - head < ahead:
            running[submit(parts[start])] = start
            start += 1
        if head not in finished:
            done = first_done(list(running)) if first_done else [next(iter(running))]
            for future in done:
                finished[running.pop(future)] = result(future)
        while head in finished:
            results, part_timings = finished.pop(head)
            add_timings(timings, part_timings)
            head += 1
            yield from results


class Beside:
    """An engine's run over ``articles`` in a forked copy of this process, started at once:
    this process does other work meanwhile (reading the cache), then iterates the results, in
    input order. The engine's timings are those of the copy's run once the results are all
    read. Where no process can be forked, the run happens when the results are iterated.

    >>> class Echo:
    ...     name, workers, timings = "echo", 1, {}
    ...     def run(self, articles, **kw):
    ...         self.timings["parse"] = 1.0
    ...         yield from articles
    >>> engine = Echo()
    >>> list(Beside(engine, ["a", "b"], model="m", batch_size=1)), engine.timings
    (['a', 'b'], {'parse': 1.0})
    """

    def __init__(self, engine: Engine, articles: Sequence[Article], **kw: Any) -> None:
        self.engine = engine
        self.articles = articles
        self.kw = kw
        self.child: Any = None
        self.conn: Any = None
        if not can_fork():
            return
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self.conn, send = ctx.Pipe(duplex=False)
        self.child = ctx.Process(target=self._work, args=(send, os.getpid()))
        self.child.start()
        send.close()

    def _work(self, conn: Any, parent: int) -> None:
        """In the copy: send each result, then ("done", timings) or ("error", exception)."""
        die_with_parent(parent)
        try:
            for result in self.engine.run(self.articles, **self.kw):
                conn.send(("result", result))
            msg: tuple[str, Any] = ("done", (self.engine.timings, self.engine.workers))
        except BaseException as exc:  # reported to the parent, which raises it
            msg = ("error", exc)
        with contextlib.suppress(OSError):  # a parent that gave up no longer listens
            conn.send(msg)
            conn.close()

    def __iter__(self) -> Iterator[DocumentResult]:
        if self.child is None:
            yield from self.engine.run(self.articles, **self.kw)
            return
        try:
            while True:
                try:
                    kind, value = self.conn.recv()
                except EOFError:
                    raise EngineError("the process analyzing the articles died") from None
                if kind == "result":
                    yield value
                    continue
                if kind == "error":
                    raise value
                add_timings(self.engine.timings, value[0])
                self.engine.workers = value[1]
                return
        finally:
            self.stop()

    def stop(self) -> None:
        """End the copy (at once if it is still working)."""
        if self.child is not None:
            if self.child.is_alive():
                self.child.kill()
            self.child.join()
            self.conn.close()
            self.child = None


def make_engine(name: str = "local", *, jobs: int = 1, scheduler: str | None = None) -> Engine:
    """The engine called ``name`` (``local`` or ``dask``); :class:`EngineError` otherwise."""
    if jobs < 1:
        raise EngineError(f"-j must be at least 1 (got {jobs})")
    if name == "local":
        if scheduler:
            raise EngineError("--scheduler needs --engine dask")
        return LocalEngine(jobs=jobs)
    if name == "dask":
        return DaskEngine(scheduler=scheduler, jobs=jobs)
    raise EngineError(f"unknown engine {name!r}: choose one of {', '.join(ENGINES)}")


__all__ = [
    "ENGINES",
    "Beside",
    "DaskEngine",
    "Engine",
    "LocalEngine",
    "analyze_chunk",
    "analyze_chunk_packed",
    "article_chunks",
    "chunks",
    "make_engine",
    "ordered",
    "unpack_chunk",
]
