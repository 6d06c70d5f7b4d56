"""Incremental builds: a rebuild reuses the cache; new articles are the only ones analyzed."""

from __future__ import annotations

import shutil

import pytest

from kgbuild.cache import CACHE_DIR, ENTRY_SUFFIX
from kgbuild.pipeline import BuildOptions, build
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow


def seed_files():
    return sorted(SEEDS.glob("*.txt"))


def counting():
    seen: list[tuple[int, int]] = []
    return seen, lambda n, total: seen.append((n, total))


def test_rebuild_of_an_unchanged_corpus_analyzes_nothing(tmp_path, seed_build):
    reference, _ = seed_build
    out = tmp_path / "out"
    first = build([SEEDS], out)
    calls, progress = counting()
    again = build([SEEDS], out, progress=progress)
    assert (first.extracted, first.cached) == (len(seed_files()), 0)
    assert (again.extracted, again.cached) == (0, len(seed_files()))
    assert calls == []
    assert (out / "triples.csv").read_bytes() == (reference / "triples.csv").read_bytes()


def test_adding_articles_analyzes_only_the_new_ones(tmp_path, seed_build):
    reference, _ = seed_build
    files = seed_files()
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in files[:-2]:
        shutil.copy(f, corpus / f.name)
    out = tmp_path / "out"
    build([corpus], out)
    for f in files[-2:]:
        shutil.copy(f, corpus / f.name)
    calls, progress = counting()
    grown = build([corpus], out, progress=progress)
    assert (grown.extracted, grown.cached) == (2, len(files) - 2)
    assert calls == [(1, 2), (2, 2)]
    assert (out / "triples.csv").read_bytes() == (reference / "triples.csv").read_bytes()


def test_moving_the_corpus_keeps_the_cache(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    shutil.copytree(SEEDS, a)
    out = tmp_path / "out"
    build([a], out)
    a.rename(b)
    assert build([b], out).cached == len(seed_files())


def test_no_cache_neither_reads_nor_writes(tmp_path):
    out = tmp_path / "out"
    s = build([SEEDS], out, BuildOptions(cache=False))
    assert (s.cached, s.extracted) == (0, len(seed_files()))
    assert not (out / CACHE_DIR).exists()


def test_removed_articles_leave_the_cache(tmp_path):
    files = seed_files()
    out = tmp_path / "out"
    build(files, out)
    build(files[:2], out)
    entries = list((out / CACHE_DIR).rglob(f"*{ENTRY_SUFFIX}"))
    assert len(entries) == 2


def test_stage_timings_are_reported(tmp_path):
    s = build([SEEDS], tmp_path / "out")
    for stage in (
        "ingest",
        "cache",
        "analyze",
        "merge",
        "write",
        "analyze.parse",
        "analyze.extract",
    ):
        assert stage in s.stage_seconds
    assert any(k.startswith("write.") for k in s.stage_seconds)
