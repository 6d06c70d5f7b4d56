"""Process-level tuning (kgbuild.runtime): applied by the build to processes of its own, never
to a program that imports kgbuild and calls its stages."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, SEEDS

from kgbuild.runtime import turned_off

#: A program that imports every module of kgbuild and uses its stages as a library: loads the
#: model, analyzes a seed article, merges, renders the page and writes the outputs. It prints
#: the process's settings before and after.
LIBRARY_USE = r"""
import gc, json, pkgutil, sys, tempfile
from pathlib import Path

def settings():
    from kgbuild.runtime import blis
    return {
        "gc_enabled": gc.isenabled(),
        "gc_threshold": gc.get_threshold(),
        "gc_frozen": gc.get_freeze_count(),
        "blis": sorted((lib.path, lib.kernels) for lib in blis.libraries()),
    }

before = settings()
import kgbuild
for info in pkgutil.walk_packages(kgbuild.__path__, "kgbuild."):
    if info.name != "kgbuild.__main__":
        __import__(info.name)

from kgbuild.engine.analysis import analyze_articles
from kgbuild.ingest import read_articles
from kgbuild.merge import merge
from kgbuild.outputs import write_outputs
from kgbuild.writers import html

articles = [a for a in read_articles([sys.argv[1]]) if not isinstance(a, Exception)]
kg = merge(list(analyze_articles(articles)))
html.render(kg)
write_outputs(kg, Path(tempfile.mkdtemp()))
after = settings()
print(json.dumps({"before": before, "after": after}))
"""


@pytest.mark.slow
def test_a_program_using_kgbuild_as_a_library_keeps_its_process_as_it_was():
    seed = sorted(SEEDS.glob("*.txt"))[0]
    done = subprocess.run(
        [sys.executable, "-c", LIBRARY_USE, str(seed)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["after"] == seen["before"]


@pytest.mark.parametrize(
    ("value", "off"),
    [("stock", True), ("off", True), ("0", True), ("no", True), ("OFF ", True), ("", False)],
)
def test_an_environment_variable_turns_a_tuning_off(value, off):
    assert turned_off("KGBUILD_SOMETHING", {"KGBUILD_SOMETHING": value}) is off


def test_kgbuild_gc_off_leaves_the_collector_running(monkeypatch):
    import gc

    from kgbuild.runtime import collector

    monkeypatch.setenv(collector.ENVIRONMENT, "off")
    with collector.gc_paused():
        assert gc.isenabled()
    monkeypatch.delenv(collector.ENVIRONMENT)
    with collector.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_kgbuild_fork_off_keeps_the_build_in_one_process(monkeypatch):
    from kgbuild.runtime import forks

    monkeypatch.setenv(forks.ENVIRONMENT, "off")
    assert not forks.can_fork()
