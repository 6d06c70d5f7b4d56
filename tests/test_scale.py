"""Streaming analysis, the build command's scale flags and its stage timings line."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from kgbuild.cli import main
from kgbuild.cli.build_cmd import stage_line
from kgbuild.pipeline import BuildSummary
from kgbuild.records import Article


def test_build_help_lists_the_scale_flags(capsys):
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    text = capsys.readouterr().out
    for flag in ("--engine", "--scheduler", "--no-cache", "--batch-size", "-j", "tcp://host:8786"):
        assert flag in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--scheduler", "tcp://127.0.0.1:8786"], "--scheduler needs --engine dask"),
        (["-j", "0"], "-j must be at least 1"),
    ],
)
def test_bad_engine_flags_are_one_clear_error(tmp_path, capsys, argv, message):
    code = main(["build", "seeds", "--out", str(tmp_path / "out"), "-q", "--no-cache", *argv])
    assert code != 0
    assert message in capsys.readouterr().err


def summary(**changes) -> BuildSummary:
    values = dict(
        articles=10,
        entities=5,
        events=7,
        triples=7,
        warnings=(),
        seconds=3.0,
        out=Path("out"),
        stage_seconds={
            "ingest": 0.1,
            "cache": 0.2,
            "analyze": 2.0,
            "analyze.parse": 3.1,
            "analyze.extract": 0.8,
            "merge": 0.1,
            "write.graph.ttl": 0.3,
            "write.graph.html": 0.1,
            "write": 0.4,
        },
        cached=6,
        extracted=4,
        engine="local",
        workers=2,
    )
    values.update(changes)
    return BuildSummary(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {},
            "stages: ingest 0.1 s · cache 0.2 s (6 of 10 cached) · analyze 2.0 s (4 articles, "
            "local, 2 workers: parse 3.1, extract 0.8) · merge 0.1 s · write 0.4 s "
            "(slowest graph.ttl 0.3)",
        ),
        (
            {"extracted": 0, "cached": 10, "stage_seconds": {"cache": 0.5, "analyze": 0.0}},
            "stages: cache 0.5 s (10 of 10 cached) · analyze 0.0 s",
        ),
        (
            {
                "stage_seconds": {"write": 0.4, "write.rdf": 0.2},
                "pieces_reused": 1200,
                "pieces_rendered": 35,
            },
            "stages: write 0.4 s (slowest rdf 0.2; 35 pieces written, 1,200 copied from the "
            "previous build)",
        ),
    ],
)
def test_stage_line(changes, expected):
    assert stage_line(summary(**changes)) == expected


class Watched(Sequence[Article]):
    """A sequence of articles that records how far it has been read."""

    def __init__(self, n: int) -> None:
        self.items = [
            Article(id=f"a{i}", text=f"The minister met the envoy on day {i}.", title=f"Day {i}")
            for i in range(n)
        ]
        self.read = 0

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            return self.items[i]
        self.read = max(self.read, i + 1)
        return self.items[i]

    def __iter__(self):
        for i in range(len(self.items)):
            yield self[i]


@pytest.mark.slow
def test_analysis_streams_one_batch_at_a_time():
    from kgbuild.engine.analysis import analyze_articles

    articles = Watched(40)
    timings: dict[str, float] = {}
    stream = analyze_articles(articles, batch_size=4, timings=timings)
    first = next(stream)
    assert first.article.id == "a0"
    assert articles.read <= 3 * 4  # a batch or two ahead, not the whole corpus
    rest = list(stream)
    assert [r.article.id for r in rest] == [f"a{i}" for i in range(1, 40)]
    assert set(timings) == {"parse", "extract"}
