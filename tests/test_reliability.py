"""Safe writes: atomic files, files committed together, the output folder lock."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from kgbuild.errors import LockError, OutputError
from kgbuild.fsutil import (
    LOCK_NAME,
    atomic_write,
    commit_together,
    folder_lock,
    output_transaction,
    remove_stale_temporaries,
    write_text,
)


def _temporaries(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_atomic_write_replaces_whole_file(tmp_path):
    f = tmp_path / "graph.ttl"
    write_text(f, "old")
    write_text(f, "new")
    assert f.read_text() == "new"
    assert _temporaries(tmp_path) == []


def test_interrupted_write_leaves_previous_file(tmp_path):
    f = tmp_path / "graph.ttl"
    write_text(f, "old")
    with pytest.raises(KeyboardInterrupt), atomic_write(f) as fh:
        fh.write("half of the new")
        raise KeyboardInterrupt
    assert f.read_text() == "old"
    assert _temporaries(tmp_path) == []


def test_commit_together_renames_only_at_the_end(tmp_path):
    write_text(tmp_path / "a", "old a")
    with commit_together():
        write_text(tmp_path / "a", "new a")
        write_text(tmp_path / "b", "new b")
        assert (tmp_path / "a").read_text() == "old a"
        assert not (tmp_path / "b").exists()
    assert (tmp_path / "a").read_text() == "new a"
    assert (tmp_path / "b").read_text() == "new b"
    assert _temporaries(tmp_path) == []


def test_failure_midway_leaves_every_previous_file(tmp_path):
    for name in ("a", "b", "c"):
        write_text(tmp_path / name, f"old {name}")
    with pytest.raises(RuntimeError), commit_together():
        write_text(tmp_path / "a", "new a")
        write_text(tmp_path / "b", "new b")
        raise RuntimeError("writer crashed")
    assert [(tmp_path / n).read_text() for n in "abc"] == ["old a", "old b", "old c"]
    assert _temporaries(tmp_path) == []


def test_build_failing_in_a_writer_keeps_previous_output(tmp_path, monkeypatch):
    """The pipeline's own write stage: a writer that fails after others wrote changes nothing."""
    from kgbuild import outputs
    from kgbuild.records import KnowledgeGraph
    from kgbuild.writers import streams

    names = list(outputs.OUTPUTS)
    for name in names:
        write_text(tmp_path / name, f"previous {name}")

    def broken(kg, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(streams.WHOLE, "graph.html", broken)  # the file written last
    kg = KnowledgeGraph(articles=(), entities=(), events=())
    with pytest.raises(OSError), output_transaction(tmp_path):
        outputs.write_outputs(kg, tmp_path, {})
    assert [(tmp_path / n).read_text() for n in names] == [f"previous {n}" for n in names]
    assert _temporaries(tmp_path) == []


def test_write_error_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_text(blocker / "graph.ttl", "x")  # a file where a folder should be


def test_output_folder_that_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write output folder"), folder_lock(blocker):
        pass


def test_lock_is_reentrant_in_one_process(tmp_path):
    with folder_lock(tmp_path), folder_lock(tmp_path), output_transaction(tmp_path):
        write_text(tmp_path / "x", "1")
    assert (tmp_path / LOCK_NAME).exists()
    assert (tmp_path / "x").read_text() == "1"


HOLDER = """
import sys, time
from kgbuild.fsutil import folder_lock
with folder_lock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def held_folder(tmp_path):
    """An output folder whose lock another process holds."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield tmp_path
    finally:
        holder.kill()
        holder.wait()


def test_second_writer_is_refused_while_the_lock_is_held(held_folder):
    with pytest.raises(LockError, match="another build is writing"), folder_lock(held_folder):
        pass


def test_lock_free_again_after_holder_killed(tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    with folder_lock(tmp_path):
        pass


def test_lock_waits_for_a_holder_on_its_way_out(tmp_path):
    """A build killed a moment ago may leave forked copies that take a moment to die: the
    next build waits for them instead of calling the folder busy."""
    import threading

    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    threading.Timer(0.5, holder.kill).start()
    try:
        with folder_lock(tmp_path):
            assert holder.wait() != 0
    finally:
        holder.kill()
        holder.wait()


def test_cli_build_refused_while_another_holds_the_folder(held_folder, capsys):
    from kgbuild.cli import main

    code = main(["build", "--out", str(held_folder), "--quiet", str(held_folder)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines() == [
        f"kgbuild: error: {held_folder}: another build is writing this folder"
    ]


def test_stale_temporaries_removed_under_the_lock(tmp_path):
    stale = tmp_path / ".graph.ttl.abcd_123.tmp"
    stale.write_text("half")
    mine = tmp_path / "notes.tmp"
    mine.write_text("user file")
    with folder_lock(tmp_path):
        pass
    assert not stale.exists()
    assert mine.exists()
    assert remove_stale_temporaries(tmp_path) == []


def test_file_mode_follows_umask(tmp_path):
    f = tmp_path / "x"
    write_text(f, "1")
    mask = os.umask(0)
    os.umask(mask)
    assert f.stat().st_mode & 0o777 == 0o666 & ~mask


KILLED_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from kgbuild.fsutil import output_transaction, write_text
    out = sys.argv[1]
    with output_transaction(out):
        for name in ("a.txt", "b.txt", "c.txt"):
            write_text(os.path.join(out, name), "new " * 100000)
            print(name, flush=True)
            time.sleep(60)
    """
)


def test_killed_writer_leaves_previous_files(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        write_text(tmp_path / name, f"old {name}")
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "a.txt"
    proc.kill()
    proc.wait()
    assert [(tmp_path / n).read_text() for n in ("a.txt", "b.txt", "c.txt")] == [
        "old a.txt",
        "old b.txt",
        "old c.txt",
    ]
    assert len(_temporaries(tmp_path)) == 1  # the killed writer's, removed by the next build
    with folder_lock(tmp_path):
        pass
    assert _temporaries(tmp_path) == []
