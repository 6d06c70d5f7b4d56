"""The build: ingest → nlp → actors → events → merge → rdf → outputs.

Library first: :func:`build` returns a :class:`BuildSummary` and never prints; progress and
warnings are reported through callbacks, which the CLI turns into a progress bar and lines.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from kgbuild import events
from kgbuild.actors import analyze_actors
from kgbuild.errors import InputError, NothingToBuildError, StrictModeError
from kgbuild.extract import extract_triples
from kgbuild.fsutil import folder_lock
from kgbuild.ingest import read_articles
from kgbuild.merge import merge
from kgbuild.nlp import DEFAULT_MODEL, load_model
from kgbuild.records import Article, DocumentResult, KnowledgeGraph
from kgbuild.writers import html, jsonld, trig, triples_csv, turtle

#: Output files of a build and the writer of each.
OUTPUTS: dict[str, Callable[[KnowledgeGraph, Path], None]] = {
    "graph.ttl": turtle.write,
    "graph.trig": trig.write,
    "graph.jsonld": jsonld.write,
    "triples.csv": triples_csv.write,
    "graph.html": html.write,
}

Warn = Callable[[str], None]
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BuildOptions:
    model: str = DEFAULT_MODEL
    jobs: int = 1
    batch_size: int = 32
    strict: bool = False
    gazetteer: str | None = None  # user gazetteer file (aliases, types, same-as links)


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
    stage_seconds: dict[str, float] = field(default_factory=dict)


def analyze(doc: Doc, article: Article) -> DocumentResult:
    """The per-document stages on a parsed article: extraction, actors, events."""
    triples = tuple(extract_triples(doc, doc_id=article.id))
    actors = analyze_actors(doc, article)
    triples = actors.attach(triples)
    triples = events.annotate(doc, article, triples, actors)
    return DocumentResult(article=article, mentions=actors.mentions, triples=triples)


def analyze_articles(
    articles: Sequence[Article],
    *,
    model: str = DEFAULT_MODEL,
    batch_size: int = 32,
    progress: Progress | None = None,
) -> Iterator[DocumentResult]:
    """Parse articles in batches and analyze each; yields results in input order."""
    nlp = load_model(model)
    total = len(articles)
    for n, (doc, article) in enumerate(
        zip(nlp.pipe((a.text for a in articles), batch_size=batch_size), articles, strict=True), 1
    ):
        yield analyze(doc, article)
        if progress:
            progress(n, total)


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


def write_outputs(kg: KnowledgeGraph, out: Path) -> tuple[Path, ...]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, writer in OUTPUTS.items():
        writer(kg, out / name)
        written.append(out / name)
    return tuple(written)


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

    t0 = time.perf_counter()
    stages: dict[str, float] = {}
    articles = collect_articles(inputs, _warn)
    stages["ingest"] = time.perf_counter() - t0
    if not articles:
        raise NothingToBuildError("no article could be read from " + ", ".join(map(str, inputs)))
    t1 = time.perf_counter()
    results = list(analyze_articles(articles, model=opts.model, batch_size=opts.batch_size, progress=progress))
    stages["analyze"] = time.perf_counter() - t1
    t2 = time.perf_counter()
    kg = merge(results)
    stages["merge"] = time.perf_counter() - t2
    t3 = time.perf_counter()
    with folder_lock(out):
        files = write_outputs(kg, out)
    stages["write"] = time.perf_counter() - t3
    from kgbuild.table import rows

    return BuildSummary(
        articles=len(kg.articles),
        entities=len(kg.entities),
        events=len(kg.events),
        triples=len(rows(kg)),
        warnings=tuple(warnings),
        seconds=time.perf_counter() - t0,
        out=out,
        files=files,
        stage_seconds=stages,
    )
