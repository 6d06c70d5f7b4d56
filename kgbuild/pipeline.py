"""The build: ingest → nlp → extract → actors → events → merge → rdf → outputs.

:func:`build` is the table of contents of a build; each step is done by the module named:

1. read the articles, one warning per file that cannot be used (:mod:`kgbuild.ingest`);
2. take each article's result from the cache, or analyze it with an engine: parse, extract,
   actors, events (:mod:`kgbuild.engine.corpus`, :mod:`kgbuild.engine.analysis`);
3. merge the results into one graph (:mod:`kgbuild.merge`);
4. match the graph to the previous build's state, so that unchanged pieces of the outputs are
   copied (:mod:`kgbuild.reuse`);
5. write the outputs, validate the graph and make the store (:mod:`kgbuild.outputs`), and
   store the state for the next build (:mod:`kgbuild.reuse`), all into a new generation of
   the output folder;
6. switch the folder to the new generation, at once (:mod:`kgbuild.generations`).

Library first: :func:`build` returns a :class:`BuildSummary` and never prints; progress and
warnings are reported through callbacks, which the CLI turns into a progress bar and lines.
"""

from __future__ import annotations

import gc
import shutil
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kgbuild import generations
from kgbuild.engine import make_engine
from kgbuild.engine.corpus import Analysis, analyze_corpus
from kgbuild.errors import InputError, NothingToBuildError, StrictModeError
from kgbuild.fsutil import folder_lock
from kgbuild.ingest import read_articles, skipped_summary
from kgbuild.merge import merge
from kgbuild.nlp import DEFAULT_MODEL
from kgbuild.outputs import OUTPUTS, Outputs, Warn, load_store, write_all
from kgbuild.records import Article
from kgbuild.reuse import Previous, StateJob, adopt, load_previous
from kgbuild.runtime.collector import gc_paused
from kgbuild.stats import NoiseReport, noise_report
from kgbuild.store import SOURCES, STORE_DIR, staleness
from kgbuild.table import row_count

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    model: str = DEFAULT_MODEL
    jobs: int = 1  # worker processes (local engine) or local Dask workers
    batch_size: int = 32  # articles per nlp.pipe batch and per chunk sent to a worker
    strict: bool = False
    gazetteer: str | None = None  # user gazetteer file (aliases, types, same-as links)
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # Dask scheduler address; None: a local Dask cluster
    cache: bool = True  # reuse and store per-article results in <out>/.cache/


@dataclass(frozen=True)
class BuildSummary:
    articles: int
    entities: int
    events: int
    triples: int
    warnings: tuple[str, ...]
    seconds: float
    out: Path
    files: tuple[Path, ...] = ()
    #: Wall seconds of each stage (ingest, cache, analyze, merge, write), plus details under
    #: dotted names: ``analyze.parse`` / ``analyze.extract`` (seconds summed over the workers)
    #: and ``write.<file>`` per output file.
    stage_seconds: dict[str, float] = field(default_factory=dict)
    cached: int = 0  # articles whose results came from the cache
    extracted: int = 0  # articles parsed and analyzed in this build
    engine: str = "local"
    workers: int = 1
    #: Pieces of the output files copied from the previous build, and rendered anew.
    pieces_reused: int = 0
    pieces_rendered: int = 0
    #: The noise report of the graph (:mod:`kgbuild.stats`).
    noise: NoiseReport | None = None
    #: The inputs that could not be used, each with its path and reason.
    skipped: tuple[InputError, ...] = ()


def collect_articles(
    inputs: Iterable[str | Path], warn: Warn, skipped: list[InputError] | None = None
) -> list[Article]:
    """The articles of the inputs; every file that cannot be used is warned of (and added to
    ``skipped`` when given)."""
    articles = []
    for item in read_articles(inputs):
        if isinstance(item, InputError):
            if skipped is not None:
                skipped.append(item)
            warn(str(item))
            continue
        for w in item.warnings:
            warn(w)
        articles.append(item)
    return articles


#: The names of a build folder that show the current build (links into its generation).
SHOWN: tuple[str, ...] = (*OUTPUTS, STORE_DIR)


def _merge_and_write(
    done: Analysis, out: Path, opts: BuildOptions, stages: dict[str, float], warn: Warn
) -> tuple[tuple[int, int, int, int], Outputs, NoiseReport]:
    """Merge the results, then write the outputs, make the store and store the state into a
    new generation of ``out``, reusing the previous build's where it can, and switch ``out`` to
    it; the counts of articles, entities, events and rows, and the graph's noise report."""
    t = time.perf_counter()
    kg = merge(done.results, gazetteer=opts.gazetteer)
    del done.results[:]
    stages["merge"] = time.perf_counter() - t
    # the previous build's state, loaded once the results are freed
    t = time.perf_counter()
    previous = _previous(out, opts, warn)
    base = _previous_store(out, warn) if previous is not None else None
    if previous is not None:
        kg = adopt(kg, previous.kg)
    stages["previous"] = time.perf_counter() - t
    counts = (len(kg.articles), len(kg.entities), len(kg.events), row_count(kg))
    noise = noise_report(kg)
    gen = generations.new_generation(out)
    state = StateJob(gen, kg) if opts.cache else None  # the graph is stored meanwhile
    notes: list[str] = []
    try:
        outputs, store = write_all(kg, gen, stages, warn, previous, base, notes)
        for note in notes:
            warn(f"{out}: {note}; the store is loaded again from {SOURCES[0]}")
        if store is None:
            del kg, previous  # the store loads from graph.nq: the graph's memory is free
            gc.collect()
            load_store(gen, stages)
        if state is not None:
            t = time.perf_counter()
            state.finish(outputs.indexes)
            stages["state"] = time.perf_counter() - t
        generations.switch(out, gen, SHOWN)
    except BaseException:
        if state is not None:
            state.stop()
        shutil.rmtree(gen, ignore_errors=True)
        raise
    return counts, outputs, noise


def _previous(out: Path, opts: BuildOptions, warn: Warn) -> Previous | None:
    """The state the current build of ``out`` left for this one, if it can be used; one warning
    when it is there but damaged or incomplete."""
    gen = generations.current(out)
    if gen is None or not opts.cache:
        return None
    previous, problem = load_previous(gen)
    if problem is not None:
        warn(
            f"{out}: the previous build's state cannot be used ({problem}); every file is written anew"
        )
    return previous


def _previous_store(out: Path, warn: Warn) -> Path | None:
    """The store of the current build of ``out``, to change into the new one; None, with one
    warning, when it cannot be (missing, or not made from the ``graph.nq`` beside it)."""
    why = staleness(out)
    if why is not None:
        warn(f"{out / STORE_DIR}: {why}; loaded again from {SOURCES[0]}")
        return None
    return (out / STORE_DIR).resolve()


def build(
    inputs: Sequence[str | Path],
    out: str | Path,
    options: BuildOptions | None = None,
    *,
    warn: Warn | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """Build the graph of the articles in ``inputs`` into the folder ``out``."""
    opts = options or BuildOptions()
    out = Path(out)
    warnings: list[str] = []

    def _warn(msg: str) -> None:
        warnings.append(msg)
        if warn:
            warn(msg)
        if opts.strict:
            raise StrictModeError(f"{msg} (--strict)")

    engine = make_engine(opts.engine, jobs=opts.jobs, scheduler=opts.scheduler)
    t0 = time.perf_counter()
    stages: dict[str, float] = {}
    skipped: list[InputError] = []
    articles = collect_articles(inputs, _warn, skipped)
    stages["ingest"] = time.perf_counter() - t0
    if not articles:
        why = skipped_summary(skipped)
        raise NothingToBuildError(
            "no article could be read from "
            + ", ".join(map(str, inputs))
            + (f" ({why})" if why else "")
        )
    with folder_lock(out):
        # a folder built before generations is taken over as it is; what killed builds left goes
        generations.adopt_previous_layout(out, OUTPUTS, [STORE_DIR])
        generations.remove_stale(out)
        done = analyze_corpus(
            articles,
            out,
            engine,
            stages,
            progress,
            model=opts.model,
            batch_size=opts.batch_size,
            gazetteer=opts.gazetteer,
            use_cache=opts.cache,
        )
        # from here on the process holds millions of records without cycles: the collector's
        # full passes over them would only cost time (see kgbuild.runtime.collector)
        with gc_paused():
            counts, outputs, noise = _merge_and_write(done, out, opts, stages, _warn)
        files = (*(out / f.name for f in outputs.files), out / STORE_DIR)
        if done.cache:
            done.cache.prune()
    return BuildSummary(
        articles=counts[0],
        entities=counts[1],
        events=counts[2],
        triples=counts[3],
        warnings=tuple(warnings),
        seconds=time.perf_counter() - t0,
        out=out,
        files=files,
        stage_seconds=stages,
        cached=done.cached,
        pieces_reused=outputs.reused,
        pieces_rendered=outputs.rendered,
        extracted=len(articles) - done.cached,
        engine=done.engine.name,
        workers=done.engine.workers,
        noise=noise,
        skipped=tuple(skipped),
    )


__all__ = ["OUTPUTS", "SHOWN", "BuildOptions", "BuildSummary", "build", "collect_articles"]
