"""The build: ingest → nlp → actors → events → merge → rdf → outputs.

Library first: :func:`build` returns a :class:`BuildSummary` and never prints; progress and
warnings are reported through callbacks, which the CLI turns into a progress bar and lines.
"""

from __future__ import annotations

import contextlib
import gc
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from kgbuild import events
from kgbuild.actors import analyze_actors
from kgbuild.cache import ExtractionCache
from kgbuild.engine import Engine, make_engine
from kgbuild.errors import InputError, NothingToBuildError, OutputError, StrictModeError
from kgbuild.extract import extract_triples
from kgbuild.fsutil import (
    adopt_renames,
    discard_renames,
    folder_lock,
    output_transaction,
    pending_renames,
    remove_stale_temporaries,
)
from kgbuild.ingest import read_articles
from kgbuild.merge import merge
from kgbuild.nlp import DEFAULT_MODEL, load_model, parse
from kgbuild.records import Article, DocumentResult, KnowledgeGraph
from kgbuild.store import remove_stale
from kgbuild.table import row_count
from kgbuild.writers import (
    gexf,
    graphml,
    html,
    jsonld,
    model_json,
    nquads,
    rdf_files,
    trig,
    triples_csv,
    turtle,
)

#: The RDF files of a build, written together in one pass (:mod:`kgbuild.writers.rdf_files`).
RDF_FILES: tuple[str, ...] = tuple(rdf_files.SINKS)
#: The other output files of a build and the writer of each.
OTHER_FILES: dict[str, Callable[[KnowledgeGraph, Path], None]] = {
    "triples.csv": triples_csv.write,
    "graph.html": html.write,
    "graph.json": model_json.write,
    "graph.graphml": graphml.write,
    "graph.gexf": gexf.write,
}
#: Every output file of a build and a writer of each file alone.
OUTPUTS: dict[str, Callable[[KnowledgeGraph, Path], None]] = {
    "graph.ttl": turtle.write,
    "graph.trig": trig.write,
    "graph.nq": nquads.write,
    "graph.jsonld": jsonld.write,
    **OTHER_FILES,
}

Warn = Callable[[str], None]
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


def analyze(doc: Doc, article: Article, *, gazetteer: str | None = None) -> DocumentResult:
    """The per-document stages on a parsed article: extraction, actors, events."""
    triples = tuple(extract_triples(doc, doc_id=article.id))
    actors = analyze_actors(doc, article, gazetteer=gazetteer)
    triples = actors.attach(triples)
    triples = events.annotate(doc, article, triples, actors)
    return DocumentResult(article=article, mentions=actors.mentions, triples=triples)


def analyze_articles(
    articles: Sequence[Article],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    progress: Progress | None = None,
    timings: dict[str, float] | None = None,
    gazetteer: str | None = None,
) -> Iterator[DocumentResult]:
    """Parse articles in batches and analyze each; yields results in input order.

    Streaming: one batch of ``Doc`` objects at a time is alive, never the whole corpus.
    ``timings``, when given, accumulates the seconds spent parsing (``parse``) and in the
    per-document stages (``extract``).
    """
    nlp = load_model(model)
    total = len(articles)
    clock = time.perf_counter
    spent = {"parse": 0.0, "extract": 0.0}
    docs = parse(nlp, (a.text for a in articles), batch_size=batch_size)
    try:
        for n, article in enumerate(articles, 1):
            t0 = clock()
            doc = next(docs)
            t1 = clock()
            result = analyze(doc, article, gazetteer=gazetteer)
            spent["parse"] += t1 - t0
            spent["extract"] += clock() - t1
            yield result
            if progress:
                progress(n, total)
    finally:
        if timings is not None:
            for k, v in spent.items():
                timings[k] = timings.get(k, 0.0) + v


def collect_articles(inputs: Iterable[str | Path], warn: Warn) -> list[Article]:
    articles = []
    for item in read_articles(inputs):
        if isinstance(item, InputError):
            warn(str(item))
            continue
        for w in item.warnings:
            warn(w)
        articles.append(item)
    return articles


def write_outputs(
    kg: KnowledgeGraph, out: Path, timings: dict[str, float] | None = None
) -> tuple[Path, ...]:
    """Write every file of :data:`OUTPUTS`: the RDF files together, then the others.

    ``timings`` receives ``write.rdf`` (the four RDF files) and ``write.<file>`` seconds."""
    out.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    rdf_files.write_together(kg, {name: out / name for name in RDF_FILES})
    if timings is not None:
        timings["write.rdf"] = time.perf_counter() - t
    written = [out / name for name in RDF_FILES]
    for name, writer in OTHER_FILES.items():
        t = time.perf_counter()
        writer(kg, out / name)
        if timings is not None:
            timings[f"write.{name}"] = time.perf_counter() - t
        written.append(out / name)
    return tuple(written)


def load_store(out: Path, stages: dict[str, float], source: Path | None = None) -> Path:
    """Load the written ``graph.nq`` (or ``source``) into the embedded store ``out/store``, in
    a process of its own (see :func:`kgbuild.store.build_store_apart`)."""
    from kgbuild.store import build_store_apart

    t = time.perf_counter()
    store = build_store_apart(out, source)
    stages["store"] = time.perf_counter() - t
    return store


def check_graph(kg: KnowledgeGraph, stages: dict[str, float], warn: Warn) -> None:
    """Validate a sample of the graph against the shapes; one warning per violation."""
    from kgbuild.validate import check_build

    t = time.perf_counter()
    for msg in check_build(kg):
        warn(msg)
    stages["validate"] = time.perf_counter() - t


def _rdf_child(kg: KnowledgeGraph, out: Path, conn: Any) -> None:
    """In a forked process: write the RDF files (renames left to the parent), then load the
    store from the new N-Quads file; report the renames and timings through ``conn``."""
    before = len(pending_renames())
    timings: dict[str, float] = {}
    try:
        t = time.perf_counter()
        rdf_files.write_together(kg, {name: out / name for name in RDF_FILES})
        timings["write.rdf"] = time.perf_counter() - t
        mine = pending_renames()[before:]
        nq = next(tmp for tmp, final in mine if final.name == "graph.nq")
        store = load_store(out, timings, nq)
        msg: tuple[Any, ...] = ("ok", mine, timings, store)
    except BaseException as exc:  # reported to the parent, which raises it
        discard_renames(pending_renames()[before:])
        msg = ("error", exc)
    with contextlib.suppress(OSError):  # a parent that gave up no longer listens
        conn.send(msg)
        conn.close()


def write_in_two(
    kg: KnowledgeGraph, out: Path, stages: dict[str, float], warn: Warn
) -> tuple[Path, ...]:
    """Write every output and the store with two processes: a forked child writes the RDF
    files and loads the store while this one writes the other files and validates. The
    child's files are committed with this process's (inside :func:`output_transaction`)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_rdf_child, args=(kg, out, send))
    child.start()
    send.close()
    try:
        written = []
        for name, writer in OTHER_FILES.items():
            t = time.perf_counter()
            writer(kg, out / name)
            stages[f"write.{name}"] = time.perf_counter() - t
            written.append(out / name)
        check_graph(kg, stages, warn)
        try:
            msg = recv.recv()
        except EOFError:
            raise OutputError(f"{out}: the process writing the RDF files died") from None
    except BaseException:
        child.kill()
        child.join()
        remove_stale_temporaries(out)  # what the killed process was writing
        remove_stale(out)
        raise
    finally:
        child.join()
        recv.close()
    if msg[0] == "error":
        raise msg[1]
    _, renames, timings, store = msg
    adopt_renames(renames)
    stages.update(timings)
    return tuple(out / name for name in RDF_FILES) + tuple(written) + (store,)


@dataclass
class _Analysis:
    results: list[DocumentResult]
    cached: int
    engine: Engine
    cache: ExtractionCache | None


def analyze_corpus(
    articles: Sequence[Article],
    out: Path,
    opts: BuildOptions,
    stages: dict[str, float],
    progress: Progress | None = None,
    engine: Engine | None = None,
) -> _Analysis:
    """Results of every article: from the cache of ``out`` where present, else from the engine.

    Progress counts the articles to analyze (cached ones are not), so its rate and ETA are
    those of the real work. Fills ``stages`` with ``cache``, ``analyze`` and details.
    """
    clock = time.perf_counter
    t = clock()
    cache = ExtractionCache.open(out, opts.model, opts.gazetteer) if opts.cache else None
    found = [cache.get(a) if cache else None for a in articles]
    todo = [i for i, r in enumerate(found) if r is None]
    stages["cache"] = clock() - t
    if engine is None:
        engine = make_engine(opts.engine, jobs=opts.jobs, scheduler=opts.scheduler)
    t = clock()
    stored = 0.0
    if todo:
        new = engine.run(
            [articles[i] for i in todo],
            model=opts.model,
            batch_size=opts.batch_size,
            gazetteer=opts.gazetteer,
        )
        for n, (i, result) in enumerate(zip(todo, new, strict=True), 1):
            found[i] = result
            if cache:
                t_put = clock()
                cache.put(result)
                stored += clock() - t_put
            if progress:
                progress(n, len(todo))
    stages["analyze"] = clock() - t
    for k, v in engine.timings.items():
        stages[f"analyze.{k}"] = v
    if cache:
        stages["analyze.cache-store"] = stored
    results = [r for r in found if r is not None]
    return _Analysis(results, len(articles) - len(todo), engine, cache)


def _can_fork() -> bool:
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


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
    articles = collect_articles(inputs, _warn)
    stages["ingest"] = time.perf_counter() - t0
    if not articles:
        raise NothingToBuildError("no article could be read from " + ", ".join(map(str, inputs)))
    with folder_lock(out):
        done = analyze_corpus(articles, out, opts, stages, progress, engine)
        t2 = time.perf_counter()
        kg = merge(done.results, gazetteer=opts.gazetteer)
        del done.results[:]
        stages["merge"] = time.perf_counter() - t2
        counts = (len(kg.articles), len(kg.entities), len(kg.events), row_count(kg))
        t3 = time.perf_counter()
        if opts.jobs > 1 and _can_fork():
            with output_transaction(out):
                files = write_in_two(kg, out, stages, _warn)
            stages["write"] = time.perf_counter() - t3
        else:
            with output_transaction(out):
                files = write_outputs(kg, out, stages)
            stages["write"] = time.perf_counter() - t3
            check_graph(kg, stages, _warn)
            del kg  # the store loads from graph.nq: the graph's memory is free for it
            gc.collect()
            files += (load_store(out, stages),)
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
        extracted=len(articles) - done.cached,
        engine=done.engine.name,
        workers=done.engine.workers,
    )
