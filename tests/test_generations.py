"""The output folder's generations (kgbuild.generations): one rename switches a build in."""

from __future__ import annotations

import os
from pathlib import Path

from kgbuild.generations import (
    CURRENT,
    GENERATIONS,
    adopt_previous_layout,
    current,
    new_generation,
    remove_stale,
    switch,
)

NAMES = ["graph.ttl", "graph.html"]


def _generation(out: Path, text: str) -> Path:
    gen = new_generation(out)
    for name in NAMES:
        (gen / name).write_text(f"{text} {name}")
    (gen / "store").mkdir()
    (gen / "store" / "data").write_text(text)
    return gen


def _shown(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text() for name in NAMES} | {
        "store": (out / "store" / "data").read_text()
    }


def test_a_switch_shows_the_new_generation_by_every_name_and_drops_the_old(tmp_path):
    out = tmp_path / "out"
    switch(out, _generation(out, "first"), [*NAMES, "store"])
    assert _shown(out) == {
        "graph.ttl": "first graph.ttl",
        "graph.html": "first graph.html",
        "store": "first",
    }
    old = current(out)
    switch(out, _generation(out, "second"), [*NAMES, "store"])
    assert _shown(out)["graph.html"] == "second graph.html" and _shown(out)["store"] == "second"
    assert old is not None and not old.exists()
    assert all((out / name).is_symlink() for name in [*NAMES, "store"])
    assert sorted(p.name for p in (out / GENERATIONS).iterdir()) == sorted(
        [CURRENT, current(out).name]
    )


def test_a_folder_of_an_older_kgbuild_is_taken_over_as_it_shows(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for name in NAMES:
        (out / name).write_text(f"old {name}")
    (out / "store").mkdir()
    (out / "store" / "data").write_text("old")
    inode = (out / "graph.ttl").stat().st_ino
    adopt_previous_layout(out, [*NAMES, "graph.nq"], ["store"])  # graph.nq: not there, skipped
    assert _shown(out) == {
        "graph.ttl": "old graph.ttl",
        "graph.html": "old graph.html",
        "store": "old",
    }
    assert (out / "graph.ttl").is_symlink() and (out / "graph.ttl").stat().st_ino == inode
    assert not (out / "graph.nq").exists()
    gen = current(out)
    adopt_previous_layout(out, NAMES, ["store"])  # once only
    assert current(out) == gen


def test_what_a_killed_build_left_is_removed_and_the_current_build_kept(tmp_path):
    out = tmp_path / "out"
    switch(out, _generation(out, "first"), [*NAMES, "store"])
    left = _generation(out, "killed")  # never switched in
    os.symlink("nowhere", out / ".graph.ttl.123.link.tmp")  # a link being made
    remove_stale(out)
    assert not left.exists() and not (out / ".graph.ttl.123.link.tmp").is_symlink()
    assert _shown(out)["store"] == "first"


def test_a_file_written_over_a_name_is_replaced_by_the_link_again(tmp_path):
    """``kgbuild viz output/`` writes ``output/graph.html`` itself: the next build links it."""
    out = tmp_path / "out"
    switch(out, _generation(out, "first"), [*NAMES, "store"])
    (out / "graph.html").unlink()
    (out / "graph.html").write_text("a page made by hand")
    switch(out, _generation(out, "second"), [*NAMES, "store"])
    assert (out / "graph.html").is_symlink() and _shown(out)["graph.html"] == "second graph.html"


def test_no_generation_before_the_first_build(tmp_path):
    assert current(tmp_path) is None
    assert adopt_previous_layout(tmp_path, NAMES, ["store"]) is None
    assert current(tmp_path) is None
