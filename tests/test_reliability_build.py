"""A build killed while writing leaves the previous output whole; the next build cleans up."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow

#: Runs ``kgbuild`` with every atomic write followed by a pause, announced on standard output.
SLOW_WRITES = """
import contextlib, sys, time
import kgbuild.fsutil as fsutil
real = fsutil.atomic_write

@contextlib.contextmanager
def slow(path, *args, **kwargs):
    with real(path, *args, **kwargs) as fh:
        yield fh
    print("wrote", path, flush=True)
    time.sleep(float(sys.argv[1]))

fsutil.atomic_write = slow
from kgbuild.cli import main
sys.exit(main(sys.argv[2:]))
"""


def _outputs() -> list[str]:
    from kgbuild.pipeline import OUTPUTS

    return list(OUTPUTS)


def _previous(seed_build, folder: Path) -> dict[str, bytes]:
    """The seed build's files copied into ``folder``: the output a new build must not spoil."""
    src, _ = seed_build
    folder.mkdir(parents=True, exist_ok=True)
    for name in _outputs():
        shutil.copy(src / name, folder / name)
    return {name: (folder / name).read_bytes() for name in _outputs()}


def _assert_whole(folder: Path) -> None:
    import pyoxigraph as ox

    formats = {".ttl": "TURTLE", ".trig": "TRIG", ".nq": "N_QUADS", ".jsonld": "JSON_LD"}
    for name in _outputs():
        path = folder / name
        fmt = formats.get(path.suffix)
        if fmt:
            assert list(ox.parse(path=str(path), format=getattr(ox.RdfFormat, fmt))), name
    with open(folder / "triples.csv", encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh))


def _temporaries(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_build_killed_while_writing_leaves_previous_output(seed_build, tmp_path):
    out = tmp_path / "out"
    before = _previous(seed_build, out)
    two_seeds = sorted(str(p) for p in SEEDS.glob("*.txt"))[:2]
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITES, "30", "build", *two_seeds, "--out", str(out), "-q"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith("wrote") and Path(line.split(" ", 1)[1].strip()).name in before:
                break  # one output file written, the build is pausing inside its write stage
        else:
            pytest.fail("the build ended before writing its outputs")
        assert _temporaries(out)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert {name: (out / name).read_bytes() for name in before} == before
    _assert_whole(out)

    from kgbuild.cli import main

    assert main(["build", *two_seeds, "--out", str(out), "-q"]) == 0
    assert _temporaries(out) == []
    assert (out / "triples.csv").read_bytes() != before["triples.csv"]
    _assert_whole(out)


def test_build_killed_at_any_moment_leaves_whole_files(seed_build, tmp_path):
    """The real command killed as soon as a temporary file shows: every file is whole."""
    out = tmp_path / "out"
    before = _previous(seed_build, out)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kgbuild", "build", str(SEEDS), "--out", str(out), "-q"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 280
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if any(n.endswith(".tmp") for n in os.listdir(out)):
                break
            time.sleep(0.001)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # Whether the kill came before, during or after the write stage, each file is the previous
    # one or the new one, and the new one is byte-identical (the build is deterministic).
    assert {name: (out / name).read_bytes() for name in before} == before
    _assert_whole(out)
