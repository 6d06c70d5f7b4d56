"""A build killed while writing leaves the previous output whole; the next build cleans up."""

from __future__ import annotations

import csv
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
    """Temporary files anywhere in a build folder (its new generation included), the cache
    apart."""
    return [
        p.name
        for p in folder.rglob("*")
        if p.name.endswith(".tmp") and ".cache" not in p.relative_to(folder).parts
    ]


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
            if _temporaries(out):
                break
            time.sleep(0.001)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    # Whether the kill came before, during or after the write stage, each file is the previous
    # one or the new one, and the new one is byte-identical (the build is deterministic).
    assert {name: (out / name).read_bytes() for name in before} == before
    _assert_whole(out)


#: Runs ``kgbuild`` and kills it (SIGKILL) right after its K-th rename of a file into the
#: output folder (the cache apart), or counts those renames when K is 0.
KILL_AT_RENAME = """
import os, signal, sys
k, out = int(sys.argv[1]), os.path.abspath(sys.argv[2])
me, seen = os.getpid(), [0]

def counted(real):
    def rename(src, dst, *args, **kwargs):
        real(src, dst, *args, **kwargs)
        where = os.path.abspath(dst)
        if os.getpid() == me and where.startswith(out + os.sep) and "/.cache/" not in where:
            seen[0] += 1
            if seen[0] == k:
                os.kill(me, signal.SIGKILL)
    return rename

os.replace, os.rename = counted(os.replace), counted(os.rename)
from kgbuild.cli import main
code = main(sys.argv[3:])
print("renames", seen[0], flush=True)
sys.exit(code)
"""


def _shown(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in _outputs()}


@pytest.fixture(scope="module")
def switch_builds(tmp_path_factory):
    """A build of three seeds (the previous build), the files a build of all five gives, and
    how many renames into the folder a build of the five makes after the three."""
    from kgbuild.cli import main

    base = tmp_path_factory.mktemp("switch")
    inputs = base / "in"
    inputs.mkdir()
    for f in sorted(SEEDS.glob("*.txt"))[:3]:
        shutil.copy(f, inputs / f.name)
    previous = base / "previous"
    assert main(["build", str(inputs), "--out", str(previous), "-q"]) == 0
    before = _shown(previous)
    for f in sorted(SEEDS.glob("*.txt")):
        shutil.copy(f, inputs / f.name)
    reference = base / "reference"
    assert main(["build", str(inputs), "--out", str(reference), "-q"]) == 0
    counting = base / "counting"
    shutil.copytree(previous, counting, symlinks=True)
    done = _killed_build(0, counting, inputs)
    assert done.returncode == 0, done.stderr
    renames = int(done.stdout.split()[-1])
    assert renames > 2
    return inputs, previous, before, _shown(reference), renames


def _killed_build(k: int, out: Path, inputs: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            KILL_AT_RENAME,
            str(k),
            str(out),
            "build",
            str(inputs),
            "--out",
            str(out),
            "-q",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.mark.parametrize("when", ["first", "second", "middle", "last-but-one", "last"])
def test_a_build_killed_between_two_renames_shows_all_previous_or_all_new(
    switch_builds, tmp_path, when
):
    """The build is killed right after one of its renames into the output folder: every
    output name then shows the previous build, or every one shows the new build; the store
    goes with the graph.nq shown; the next build cleans up and shows the new build."""
    from kgbuild import generations
    from kgbuild.cli import main
    from kgbuild.store import is_fresh

    inputs, previous, before, after, renames = switch_builds
    k = {"first": 1, "second": 2, "middle": renames // 2, "last-but-one": renames - 1}.get(
        when, renames
    )
    out = tmp_path / "out"
    shutil.copytree(previous, out, symlinks=True)
    done = _killed_build(k, out, inputs)
    assert done.returncode == -signal.SIGKILL, done.stderr
    shown = _shown(out)
    assert shown in (before, after), [n for n in shown if shown[n] not in (before[n], after[n])]
    assert is_fresh(out)
    assert main(["build", str(inputs), "--out", str(out), "-q"]) == 0
    assert _shown(out) == after and is_fresh(out)
    left = sorted(p.name for p in (out / generations.GENERATIONS).iterdir())
    assert left == sorted([generations.CURRENT, _current_name(out)])  # nothing stale left


def _current_name(out: Path) -> str:
    from kgbuild import generations

    gen = generations.current(out)
    assert gen is not None
    return gen.name
