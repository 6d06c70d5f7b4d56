"""Incremental builds: adding, removing or changing articles in a built folder gives the very
files and store a build from scratch gives, while copying the unchanged pieces."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kgbuild import generations
from kgbuild.pipeline import OUTPUTS, BuildOptions, build
from kgbuild.reuse import state_folder
from kgbuild.store import MANIFEST, ONTOLOGY_GRAPH, STORE_DIR, is_fresh, store_path
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow

ALL = sorted(SEEDS.glob("*.txt"))


def corpus(folder, files):
    folder.mkdir(parents=True, exist_ok=True)
    for f in folder.iterdir():
        f.unlink()
    for f in files:
        shutil.copy(f, folder / f.name)
    return folder


def outputs(folder, inputs):
    """Every output file, with the input folder's path (the articles' paths) replaced."""
    where = str(inputs).encode()
    return {name: (folder / name).read_bytes().replace(where, b"IN") for name in OUTPUTS}


def store_quads(folder, inputs):
    """The store's quads, outside the ontology graph (whose blank nodes are named anew)."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path(folder)))
    return {
        str(q).replace(str(inputs), "IN")
        for q in store.quads_for_pattern(None, None, None, None)
        if not (isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value == ONTOLOGY_GRAPH)
    }


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """Builds from scratch (no cache, no previous build) of some sets of seeds."""
    made = {}

    def get(n):
        if n not in made:
            base = tmp_path_factory.mktemp(f"scratch{n}")
            out = base / "out"
            inputs = corpus(base / "in", ALL[:n])
            build([inputs], out, BuildOptions(cache=False))
            made[n] = (outputs(out, inputs), store_quads(out, inputs))
        return made[n]

    return get


@pytest.mark.parametrize(
    "steps",
    [(3, 5), (5, 4), (2, 5, 3)],
    ids=["add-two", "remove-one", "add-then-remove"],
)
def test_each_step_gives_the_build_from_scratch(tmp_path, scratch, steps):
    out = tmp_path / "out"
    for n, size in enumerate(steps):
        inputs = corpus(tmp_path / "in", ALL[:size])
        summary = build([inputs], out)
        assert outputs(out, inputs) == scratch(size)[0], f"step {n}: {size} articles"
        assert is_fresh(out)
        assert store_quads(out, inputs) == scratch(size)[1]
        if n:
            assert summary.pieces_reused > 0


def test_one_process_writes_the_same_files_and_store(tmp_path, scratch, monkeypatch):
    """Where no process can be forked (or KGBUILD_FORK=off), one process writes everything,
    with the same result."""
    monkeypatch.setenv("KGBUILD_FORK", "off")
    out = tmp_path / "out"
    for size in (3, 5):
        inputs = corpus(tmp_path / "in", ALL[:size])
        build([inputs], out)
        assert outputs(out, inputs) == scratch(size)[0]
        assert store_quads(out, inputs) == scratch(size)[1]


def test_a_rebuild_of_the_same_articles_renders_nothing(tmp_path):
    out = tmp_path / "out"
    build([SEEDS], out)
    summary = build([SEEDS], out)
    assert summary.pieces_rendered == 0 and summary.pieces_reused > 1000


def test_a_file_changed_by_hand_is_written_anew(tmp_path, scratch):
    out = tmp_path / "out"
    inputs = corpus(tmp_path / "in", ALL[:5])
    build([inputs], out)
    (out / "graph.nq").write_text("<urn:x> <urn:y> <urn:z> .\n")
    (out / "graph.graphml").unlink()
    build([inputs], out)
    assert outputs(out, inputs) == scratch(5)[0]
    assert store_quads(out, inputs) == scratch(5)[1]


def test_no_cache_means_no_state_and_everything_written(tmp_path, scratch):
    out = tmp_path / "out"
    build([corpus(tmp_path / "in", ALL[:3])], out)
    inputs = corpus(tmp_path / "in", ALL[:5])
    summary = build([inputs], out, BuildOptions(cache=False))
    assert summary.pieces_reused == 0
    assert outputs(out, inputs) == scratch(5)[0]


def test_a_store_gone_is_loaded_again_beside_the_writing(tmp_path, scratch):
    """With the previous files reused but no store to change, the store loads from the new
    graph.nq as it is written, copied pieces included."""
    out = tmp_path / "out"
    build([corpus(tmp_path / "in", ALL[:3])], out)
    (out / STORE_DIR).unlink()  # the link people see; what it shows goes with it
    inputs = corpus(tmp_path / "in", ALL[:5])
    summary = build([inputs], out)
    assert summary.pieces_reused > 0
    assert is_fresh(out)
    assert store_quads(out, inputs) == scratch(5)[1]


def _current(out: Path) -> Path:
    gen = generations.current(out)
    assert gen is not None
    return gen


#: Damage done to a build folder between two builds of the same articles, and the warning
#: the second build gives as it makes again what was damaged.
DAMAGE = {
    "store-link-deleted": (lambda out: (out / STORE_DIR).unlink(), "store: missing"),
    "store-deleted": (
        lambda out: shutil.rmtree(_current(out) / STORE_DIR),
        "store: missing",
    ),
    "store-manifest-deleted": (
        lambda out: (out / STORE_DIR / MANIFEST).unlink(),
        f"store: its {MANIFEST} is missing",
    ),
    "store-manifest-damaged": (
        lambda out: (out / STORE_DIR / MANIFEST).write_text("{"),
        f"store: its {MANIFEST} is damaged",
    ),
    "store-current-damaged": (
        lambda out: (out / STORE_DIR / "CURRENT").write_text("garbage\n"),
        "the previous store cannot be changed (Corruption",
    ),
    "state-graph-damaged": (
        lambda out: (state_folder(_current(out)) / "graph.pickle").write_bytes(b"\x80\x05K"),
        "state cannot be used (graph.pickle damaged)",
    ),
    "state-files-deleted": (
        lambda out: (state_folder(_current(out)) / "files.pickle").unlink(),
        "state cannot be used (files.pickle missing)",
    ),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_store_or_state_is_made_again_with_one_warning(tmp_path, scratch, damage):
    do, warning = DAMAGE[damage]
    out = tmp_path / "out"
    inputs = corpus(tmp_path / "in", ALL[:3])
    build([inputs], out)
    do(out)
    summary = build([inputs], out)
    assert [w for w in summary.warnings if warning in w] == list(summary.warnings)
    assert len(summary.warnings) == 1
    assert outputs(out, inputs) == scratch(3)[0]
    assert is_fresh(out)
    assert store_quads(out, inputs) == scratch(3)[1]
    again = build([inputs], out)  # made again whole: the next build has nothing to say
    assert again.warnings == () and again.pieces_rendered == 0


def test_the_store_loads_from_pieces_cut_anywhere(tmp_path, monkeypatch):
    """The N-Quads handed to the loader go over at line ends, however they were cut."""
    import pyoxigraph as ox

    from kgbuild import store

    monkeypatch.setattr(store, "CHUNK_BYTES", 50)  # many pieces
    lines = [f'<urn:s{i}> <urn:p> "o {i}" <urn:g> .\n' for i in range(40)]
    text = "".join(lines).encode()
    nq = tmp_path / "graph.nq"
    nq.write_bytes(text)
    feed = store.StoreFeed(tmp_path)
    for start in range(0, len(text), 7):  # cut in the middle of lines
        feed.write(text[start : start + 7])
    st = nq.stat()
    path = feed.finish((st.st_size, st.st_mtime_ns))
    assert is_fresh(tmp_path)
    got = ox.Store.read_only(str(path))
    assert len(list(got.quads_for_pattern(None, None, None, ox.NamedNode("urn:g")))) == 40
