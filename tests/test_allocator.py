"""A worker's allocator keeps the memory it frees for its next chunk (kgbuild.runtime.allocator)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from kgbuild.runtime import allocator

#: In a process of its own: write a block larger than glibc's largest mapping threshold a few
#: times over, with or without keep_freed_memory(), and report the page faults.
PROGRAM = """
import json, resource, sys
from kgbuild.runtime.allocator import keep_freed_memory
kept = keep_freed_memory() if sys.argv[1] == "keep" else False
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(4):
    block = b"x" * (48 << 20)
    del block
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
print(json.dumps({"kept": kept, "faults": faults, "pages": (48 << 20) // resource.getpagesize()}))
"""


def _run(mode: str) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", PROGRAM, mode], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


@pytest.mark.skipif(allocator._glibc() is None, reason="glibc's allocator only")
def test_freed_blocks_are_reused_instead_of_faulted_in_again():
    stock, kept = _run("stock"), _run("keep")
    assert not stock["kept"] and kept["kept"]
    assert stock["faults"] >= 4 * stock["pages"] * 0.9  # each block faulted in anew
    assert kept["faults"] <= kept["pages"] * 1.5  # the first block only


def test_stock_leaves_the_allocator_alone(monkeypatch):
    monkeypatch.setenv(allocator.ENVIRONMENT, "stock")
    monkeypatch.setattr(allocator, "_set", lambda *a: pytest.fail("the allocator was changed"))
    assert not allocator.keep_freed_memory()


def test_elsewhere_than_glibc_nothing_changes(monkeypatch):
    monkeypatch.setattr(allocator, "_glibc", lambda: None)
    assert not allocator.keep_freed_memory()


def test_workers_keep_their_freed_memory(monkeypatch):
    from concurrent import futures

    seen = {}

    class Pool:
        def __init__(self, **kw):
            seen.update(kw)
            raise RuntimeError("stop here")

    monkeypatch.setattr(futures, "ProcessPoolExecutor", Pool)
    from kgbuild.engine import LocalEngine

    with pytest.raises(RuntimeError, match="stop here"):
        list(LocalEngine(jobs=2)._pool([[], []], "model", 1))
    assert seen["initializer"] is allocator.keep_freed_memory
