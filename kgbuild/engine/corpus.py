"""The analysis of a corpus: each article's result from the cache of the output folder where
it is stored, else from an engine, which stores it there.

New articles of a mostly cached corpus are analyzed by a forked copy of the build
(:class:`~kgbuild.engine.Beside`) while the cache is read.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgbuild.cache import ExtractionCache
from kgbuild.engine import Beside, Engine
from kgbuild.engine.analysis import Progress
from kgbuild.nlp import DEFAULT_MODEL
from kgbuild.records import Article, DocumentResult
from kgbuild.runtime.collector import gc_paused


@dataclass
class Analysis:
    results: list[DocumentResult]
    cached: int
    engine: Engine
    cache: ExtractionCache | None


def analyze_corpus(
    articles: Sequence[Article],
    out: Path,
    engine: Engine,
    stages: dict[str, float],
    progress: Progress | None = None,
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    gazetteer: str | None = None,
    use_cache: bool = True,
) -> Analysis:
    """Results of every article: from the cache of ``out`` where present, else from the engine.

    Progress counts the articles to analyze (cached ones are not), so its rate and ETA are
    those of the real work. Fills ``stages`` with ``cache``, ``analyze`` and details.
    """
    clock = time.perf_counter
    t = clock()
    kw: dict[str, Any] = {"model": model, "batch_size": batch_size, "gazetteer": gazetteer}
    cache = ExtractionCache.open(out, model, gazetteer) if use_cache else None
    found: list[DocumentResult | None] = [None] * len(articles)
    stored = [bool(cache and cache.has(a)) for a in articles]
    new = [a for a, s in zip(articles, stored, strict=True) if not s]
    # new articles are analyzed by a copy of this process while it reads the cache
    beside = None
    if new and len(new) < len(articles) and engine.name == "local":
        beside = Beside(engine, new, **kw)
    try:
        with gc_paused():
            for i, article in enumerate(articles):
                if stored[i] and cache is not None:
                    found[i] = cache.get(article)
        stages["cache"] = clock() - t
        t = clock()
        todo = [i for i, s in enumerate(stored) if not s]
        results: Iterable[DocumentResult] = beside if beside is not None else ()
        # workers send each result as the bytes of its cache entry, stored as they are
        entries: dict[str, bytes] | None = {} if cache else None
        if beside is None and todo:
            results = engine.run([articles[i] for i in todo], entries=entries, **kw)
        unreadable = [i for i, r in enumerate(found) if r is None and stored[i]]
        if unreadable:  # entries found but not readable: analyzed after the others
            todo += unreadable
            again = engine.run([articles[i] for i in unreadable], entries=entries, **kw)
            results = itertools.chain(results, again)
        put = 0.0
        for n, (i, result) in enumerate(zip(todo, results, strict=True), 1):
            found[i] = result
            if cache:
                t_put = clock()
                cache.put(result, entries)
                put += clock() - t_put
            if progress:
                progress(n, len(todo))
    finally:
        if beside is not None:
            beside.stop()
    stages["analyze"] = clock() - t
    for k, v in engine.timings.items():
        stages[f"analyze.{k}"] = v
    if cache:
        stages["analyze.cache-store"] = put
    done = [r for r in found if r is not None]
    return Analysis(done, len(articles) - len(todo), engine, cache)


__all__ = ["Analysis", "analyze_corpus"]
