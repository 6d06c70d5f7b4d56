"""Same input, byte-identical output: across processes, hash seeds, folders and a warm cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

pytestmark = pytest.mark.slow


def _build(out: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    run = subprocess.run(
        [sys.executable, "-m", "kgbuild", "build", str(SEEDS), "--out", str(out), "-q"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr


def _files(folder: Path) -> dict[str, bytes]:
    from kgbuild.pipeline import OUTPUTS

    return {name: (folder / name).read_bytes() for name in OUTPUTS}


def _differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in a if a[name] != b[name])


def test_same_input_gives_byte_identical_files(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    _build(first, "1")
    _build(second, "2")  # another process, hash seed and folder
    assert _differing(_files(first), _files(second)) == []
    reference = _files(first)
    _build(first, "3")  # again into the same folder: analysis read from the cache
    assert _differing(reference, _files(first)) == []
