"""Engines: chunking, ordering, bounded work in flight, and identical output everywhere."""

from __future__ import annotations

from concurrent.futures import Future

import pytest

from kgbuild.engine import DaskEngine, LocalEngine, chunks, make_engine, ordered
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


def test_no_articles_start_no_worker_and_load_no_model():
    engine = LocalEngine(jobs=4)
    assert list(engine.run([], model="unused", batch_size=8)) == []
    assert engine.workers == 1


def test_unreachable_scheduler_is_a_clear_error():
    pytest.importorskip("distributed")
    engine = DaskEngine(scheduler="tcp://127.0.0.1:1")
    with pytest.raises(EngineError, match="cannot reach the Dask scheduler"):
        list(engine.run(_articles(1), model="unused", batch_size=1))
