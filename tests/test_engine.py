"""Engines: chunking, ordering, bounded work in flight, and identical output everywhere."""

from __future__ import annotations

from concurrent.futures import Future

import pytest

from kgbuild.engine import (
    AHEAD_PER_WORKER,
    CHARS_PER_ARTICLE,
    DaskEngine,
    LocalEngine,
    article_chunks,
    chunks,
    make_engine,
    ordered,
)
from kgbuild.errors import EngineError
from kgbuild.records import Article, DocumentResult


@pytest.mark.parametrize(
    ("items", "size", "expected"),
    [
        ([], 3, []),
        ([1], 3, [[1]]),
        ([1, 2, 3], 3, [[1, 2, 3]]),
        ([1, 2, 3, 4], 3, [[1, 2, 3], [4]]),
        ([1, 2], 0, [[1], [2]]),
    ],
)
def test_chunks(items, size, expected):
    assert chunks(items, size) == expected


@pytest.mark.parametrize(
    ("items", "size", "limit", "expected"),
    [
        (["aa", "b", "c"], 5, 3, [["aa", "b"], ["c"]]),
        (["aaaa", "b"], 5, 3, [["aaaa"], ["b"]]),  # heavier than the limit: a chunk alone
        (["a", "bbbb", "c"], 5, 3, [["a"], ["bbbb"], ["c"]]),
        (["a", "b", "c"], 2, 10, [["a", "b"], ["c"]]),  # the count still bounds a chunk
        ([], 2, 10, []),
    ],
)
def test_chunks_by_weight(items, size, limit, expected):
    assert chunks(items, size, weight=len, limit=limit) == expected


def test_a_long_article_is_a_chunk_of_its_own():
    short = [Article(id=f"s{i}", text="x" * 2000, title="") for i in range(6)]
    long = Article(id="long", text="x" * (4 * CHARS_PER_ARTICLE), title="")
    parts = article_chunks([*short[:3], long, *short[3:]], 4)
    assert [[a.id for a in p] for p in parts] == [
        ["s0", "s1", "s2"],
        ["long"],
        ["s3", "s4", "s5"],
    ]


@pytest.mark.parametrize(
    ("name", "jobs", "scheduler", "kind"),
    [
        ("local", 1, None, LocalEngine),
        ("local", 4, None, LocalEngine),
        ("dask", 2, None, DaskEngine),
        ("dask", 1, "tcp://127.0.0.1:8786", DaskEngine),
    ],
)
def test_make_engine(name, jobs, scheduler, kind):
    assert isinstance(make_engine(name, jobs=jobs, scheduler=scheduler), kind)


@pytest.mark.parametrize(
    ("name", "jobs", "scheduler", "message"),
    [
        ("spark", 1, None, "unknown engine"),
        ("local", 0, None, "at least 1"),
        ("local", 1, "tcp://127.0.0.1:8786", "needs --engine dask"),
    ],
)
def test_make_engine_refuses(name, jobs, scheduler, message):
    with pytest.raises(EngineError, match=message):
        make_engine(name, jobs=jobs, scheduler=scheduler)


def _articles(n: int) -> list[Article]:
    return [Article(id=f"a{i}", text=f"Text {i}.", title=f"T{i}") for i in range(n)]


def test_ordered_keeps_input_order_and_bounds_work_in_flight():
    parts = chunks(_articles(10), 2)
    in_flight: list[Future] = []
    peak = 0

    def submit(part):
        nonlocal peak
        f: Future = Future()
        f.set_result((tuple(DocumentResult(article=a) for a in part), {"parse": 1.0}))
        in_flight.append(f)
        peak = max(peak, len(in_flight))
        return f

    def result(f):
        in_flight.remove(f)
        return f.result()

    timings: dict[str, float] = {}
    out = [r.article.id for r in ordered(parts, submit, result, 1, timings)]
    assert out == [f"a{i}" for i in range(10)]
    assert peak <= 2
    assert timings == {"parse": 5.0}


class _Slow:
    """A future whose chunk finishes when the test says so."""

    def __init__(self, index: int, part: list[Article]) -> None:
        self.index, self.part = index, part


def test_ordered_feeds_workers_while_an_older_chunk_is_slow():
    parts = chunks(_articles(40), 2)  # 20 chunks
    running: list[_Slow] = []
    started: list[int] = []
    collected: list[int] = []

    def submit(part):
        f = _Slow(len(started), part)
        started.append(f.index)
        running.append(f)
        return f

    def first_done(futures):
        # chunk 0 is slow: every other chunk finishes first, newest first
        others = [f for f in futures if f.index != 0]
        return [max(others, key=lambda f: f.index)] if others else futures

    def result(f):
        running.remove(f)
        collected.append(f.index)
        return tuple(DocumentResult(article=a) for a in f.part), {"parse": 1.0}

    timings: dict[str, float] = {}
    out = [r.article.id for r in ordered(parts, submit, result, 1, timings, first_done)]
    assert out == [f"a{i}" for i in range(40)]  # input order, whatever the finishing order
    # while chunk 0 ran, the worker was kept busy with later chunks, up to the look-ahead
    assert collected.index(0) == AHEAD_PER_WORKER - 1
    assert started[:AHEAD_PER_WORKER] == list(range(AHEAD_PER_WORKER))
    assert timings == {"parse": 20.0}


def test_no_articles_start_no_worker_and_load_no_model():
    engine = LocalEngine(jobs=4)
    assert list(engine.run([], model="unused", batch_size=8)) == []
    assert engine.workers == 1


def test_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    engine = DaskEngine(scheduler="tcp://127.0.0.1:1")
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler"):
        list(engine.run(_articles(1), model="unused", batch_size=1))


def test_unpack_chunk_gives_the_results_and_keeps_their_entries():
    from kgbuild.cache import pack
    from kgbuild.engine import unpack_chunk

    results = [DocumentResult(article=a) for a in _articles(2)]
    entries: dict[str, bytes] = {}
    got, timings = unpack_chunk((tuple(pack(r) for r in results), {"parse": 1.0}), entries)
    assert list(got) == results and timings == {"parse": 1.0}
    assert entries == dict(pack(r) for r in results)


def test_a_result_sent_back_unreadable_is_an_engine_error():
    from kgbuild.engine import unpack_chunk

    with pytest.raises(EngineError, match="cannot be read"):
        unpack_chunk(((("key", b"garbage"),), {}), {})
