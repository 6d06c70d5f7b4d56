"""The Python API: the README's example runs as written; the views of a build agree with its
files; ``import kgbuild`` stays cheap and leaves the process as it was."""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent


def readme_example() -> str:
    """The Python block under the README's "From Python" heading."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## From Python", 1)[1]
    m = re.search(r"```python\n(.*?)```", section, re.S)
    assert m is not None
    return m.group(1)


def test_readme_example_is_at_most_ten_lines():
    lines = [ln for ln in readme_example().splitlines() if ln.strip()]
    assert len(lines) <= 10


@pytest.mark.slow
def test_readme_example_runs(tmp_path, monkeypatch, capsys):
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    scope: dict[str, object] = {"__name__": "readme"}
    exec(compile(readme_example(), "README.md", "exec"), scope)
    b = scope["b"]
    assert re.fullmatch(
        r"<Build of 5 articles: \d+ entities, \d+ events, \d+ triples>\n", capsys.readouterr().out
    )
    assert (tmp_path / "putin.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with open(tmp_path / "output" / "triples.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(b.triples) == len(rows)  # type: ignore[attr-defined]
    assert b.query("SELECT ?who ?whom WHERE { ?who rel:meet ?whom }")  # type: ignore[attr-defined]


@pytest.mark.slow
def test_views_agree_with_the_build_files(seed_build):
    import kgbuild

    out, _ = seed_build
    b = kgbuild.load(out)
    with open(out / "triples.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    frame = b.triples
    assert list(frame["subject"]) == [r["subject"] for r in rows]
    assert b.network.number_of_edges() == sum(1 for r in rows if r["object_iri"])
    n = b.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    assert int(n) == len(b.graph)
    assert b.articles == 5 and b.summary is None and b.warnings == []


@pytest.mark.slow
def test_triples_without_pandas_are_a_list_of_dicts(seed_build, monkeypatch):
    import kgbuild

    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas fails
    t = kgbuild.load(seed_build[0]).triples
    assert isinstance(t, list) and isinstance(t[0], dict) and "predicate" in t[0]


@pytest.mark.slow
def test_a_folder_with_nothing_to_read_raises(tmp_path):
    import kgbuild
    from kgbuild.errors import NothingToBuildError

    (tmp_path / "table.csv").write_bytes(b"")
    with pytest.raises(NothingToBuildError, match="1 unsupported file type"):
        kgbuild.build(tmp_path)


def test_import_is_cheap_and_changes_nothing():
    code = (
        "import gc, sys\n"
        "before = (gc.isenabled(), gc.get_threshold(), sorted(sys.modules))\n"
        "import kgbuild\n"
        "kgbuild.build, kgbuild.load, kgbuild.Build\n"
        "after = (gc.isenabled(), gc.get_threshold())\n"
        "assert after == before[:2], (before[:2], after)\n"
        "heavy = {'spacy', 'rdflib', 'pyoxigraph', 'networkx', 'trafilatura', 'pandas'}\n"
        "assert not heavy & set(sys.modules), heavy & set(sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KGBUILD_")}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert run.returncode == 0, run.stderr
