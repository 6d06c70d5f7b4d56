"""Worker processes and Dask produce the very output of the single-process build."""

from __future__ import annotations

import pytest

from kgbuild.pipeline import OUTPUTS, BuildOptions, build
from kgbuild.store import is_fresh
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_build(tmp_path_factory):
    """The single-process build of the seeds, made next to the others (not from the cache)."""
    out = tmp_path_factory.mktemp("local")
    return out, build([SEEDS], out, BuildOptions(cache=False))


def same_graph(a, b) -> bool:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    return isomorphic(Graph().parse(a, format="turtle"), Graph().parse(b, format="turtle"))


@pytest.mark.parametrize(
    "options",
    [
        BuildOptions(jobs=2, batch_size=2, cache=False),
        pytest.param(BuildOptions(engine="dask", jobs=2, batch_size=2, cache=False), id="dask"),
    ],
    ids=["local-j2", "dask"],
)
def test_engine_output_is_identical_to_the_local_build(tmp_path, local_build, options):
    if options.engine == "dask":
        pytest.importorskip("distributed")
    reference, ref_summary = local_build
    out = tmp_path / "out"
    s = build([SEEDS], out, options)
    assert s.engine == options.engine
    assert s.workers == 2
    assert s.extracted == ref_summary.articles
    assert (out / "triples.csv").read_bytes() == (reference / "triples.csv").read_bytes()
    assert same_graph(out / "graph.ttl", reference / "graph.ttl")
    assert s.stage_seconds["analyze.parse"] > 0
    # with two processes the RDF files and the store are written by a second process
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name
    assert is_fresh(out)
    assert s.stage_seconds["store"] > 0 and s.stage_seconds["write.rdf"] > 0


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_workers_cache_entries_are_those_of_the_build_process(tmp_path, engine):
    """Workers send each result as the bytes of its cache entry, which the build stores as
    they are: the entries hold the results the build's own process makes, and a rebuild from
    them writes the same files."""
    if engine == "dask":
        pytest.importorskip("distributed")
    from kgbuild.cache import ExtractionCache
    from kgbuild.nlp import DEFAULT_MODEL
    from kgbuild.pipeline import collect_articles

    ref, out = tmp_path / "ref", tmp_path / "out"
    build([SEEDS], ref, BuildOptions())
    s = build([SEEDS], out, BuildOptions(engine=engine, jobs=2, batch_size=2))
    assert s.workers == 2 and s.extracted == s.articles
    articles = collect_articles([SEEDS], lambda _msg: None)
    mine, theirs = (
        ExtractionCache.open(ref, DEFAULT_MODEL),
        ExtractionCache.open(out, DEFAULT_MODEL),
    )
    assert sorted(theirs.keys()) == sorted(mine.keys())
    assert [theirs.get(a) for a in articles] == [mine.get(a) for a in articles]
    again = build([SEEDS], out, BuildOptions(engine=engine, jobs=2, batch_size=2))
    assert again.cached == again.articles
    for name in OUTPUTS:
        assert (out / name).read_bytes() == (ref / name).read_bytes(), name


@pytest.mark.parametrize(
    "failing", ["graph.nq", "graph.graphml"], ids=["second-process", "build-process"]
)
def test_failure_in_either_writing_process_keeps_the_previous_output(
    tmp_path, monkeypatch, failing
):
    """With -j 2, the RDF files are written (and the store loaded) by a second process, the
    other files by the build's own: a failure in either lands nothing of the new build."""
    from kgbuild.errors import OutputError
    from kgbuild.writers import graphml, nquads

    out = tmp_path / "out"
    opts = BuildOptions(jobs=2, batch_size=2, cache=False)  # a whole build: two processes
    build([SEEDS], out, opts)
    before = {name: (out / name).read_bytes() for name in OUTPUTS}

    def broken(*_args):
        raise OutputError(f"{failing}: cannot write (No space left on device)")

    fmt = nquads.Format if failing == "graph.nq" else graphml.Format
    monkeypatch.setattr(fmt, "text", broken)
    with pytest.raises(OutputError, match="No space left"):
        build([SEEDS / "000_e476a9087ee0a105.txt"], out, opts)
    assert {name: (out / name).read_bytes() for name in OUTPUTS} == before
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []
    assert is_fresh(out)
