"""Output files written piece by piece, reusing the previous build's text (kgbuild.pieces)."""

from __future__ import annotations

from collections.abc import Hashable
from pathlib import Path

import pytest

from kgbuild.pieces import START, FileIndex, Piece, PreviousStream, write_pieces
from kgbuild.records import Article, Entity, KnowledgeGraph
from kgbuild.reuse import StateJob, adopt, load_previous, state_folder


class Listing:
    """A toy format: ``[group]`` headers, one line per piece."""

    def __init__(self, only: Hashable | None = None) -> None:
        self.only = only
        self.rendered: list[str] = []

    def takes(self, group: Hashable) -> bool:
        return self.only is None or group == self.only

    def head(self) -> str:
        return "head\n"

    def text(self, content: str) -> str:
        self.rendered.append(content)
        return content + "\n"

    def glue(self, before: Hashable, group: Hashable) -> str:
        return "" if before == group else f"[{group}]\n"

    def tail(self, last: Hashable) -> str:
        return "(empty)\n" if last is START else "end\n"


def pieces(*items: tuple[str, str, str]) -> list[Piece]:
    """(id, value, group) → pieces whose content is the value."""
    return [Piece(i, v, g, lambda v=v: v) for i, v, g in items]


def write(path: Path, items, previous=None, fmt=None):
    fmt = fmt or Listing()
    done = write_pieces(pieces(*items), {path: fmt}, previous)
    return done, fmt


def test_first_write_renders_everything(tmp_path):
    path = tmp_path / "f.txt"
    done, fmt = write(path, [("a", "A", "x"), ("b", "B", "x"), ("c", "C", "y")])
    assert path.read_text() == "head\n[x]\nA\nB\n[y]\nC\nend\n"
    assert (done.reused, done.rendered) == (0, 3)
    assert fmt.rendered == ["A", "B", "C"]


def test_empty_stream_has_head_and_tail(tmp_path):
    path = tmp_path / "f.txt"
    write(path, [])
    assert path.read_text() == "head\n(empty)\n"


@pytest.mark.parametrize(
    ("second", "expected", "rendered"),
    [
        # unchanged: everything copied
        ([("a", "A", "x"), ("b", "B", "x")], "head\n[x]\nA\nB\nend\n", []),
        # a changed value is rendered again, the rest copied
        ([("a", "A", "x"), ("b", "B2", "x")], "head\n[x]\nA\nB2\nend\n", ["B2"]),
        # a new piece in the middle, in a new group: separators follow the new neighbours
        (
            [("a", "A", "x"), ("n", "N", "y"), ("b", "B", "x")],
            "head\n[x]\nA\n[y]\nN\n[x]\nB\nend\n",
            ["N"],
        ),
        # a piece gone
        ([("b", "B", "x")], "head\n[x]\nB\nend\n", []),
        # everything gone
        ([], "head\n(empty)\n", []),
    ],
    ids=["same", "changed", "inserted", "removed", "emptied"],
)
def test_second_write_copies_what_did_not_change(tmp_path, second, expected, rendered):
    path = tmp_path / "f.txt"
    first = [("a", "A", "x"), ("b", "B", "x")]
    done, _ = write(path, first)
    old = PreviousStream.of(pieces(*first), {path.name: done.indexes[path]}, tmp_path)
    # the old text is what gets copied: make the new pieces render differently to see it
    done2, fmt = write(path, second, old)
    assert path.read_text() == expected
    assert fmt.rendered == rendered
    assert done2.reused == len(second) - len(rendered)


def test_a_file_changed_since_is_not_reused(tmp_path):
    path = tmp_path / "f.txt"
    first = [("a", "A", "x")]
    done, _ = write(path, first)
    path.write_text("head\n[x]\nZ\nend\n")  # edited by hand: another size
    old = PreviousStream.of(pieces(*first), {path.name: done.indexes[path]}, tmp_path)
    _, fmt = write(path, first, old)
    assert fmt.rendered == ["A"]
    assert path.read_text() == "head\n[x]\nA\nend\n"


def test_files_sharing_a_stream_take_their_groups(tmp_path):
    all_, only_y = tmp_path / "all.txt", tmp_path / "y.txt"
    items = pieces(("a", "A", "x"), ("c", "C", "y"))
    done = write_pieces(items, {all_: Listing(), only_y: Listing(only="y")})
    assert only_y.read_text() == "head\n[y]\nC\nend\n"
    assert done.indexes[only_y].lengths[0] == -1  # "a" is not in that file
    old = PreviousStream.of(items, {p.name: i for p, i in done.indexes.items()}, tmp_path)
    fmt_all, fmt_y = Listing(), Listing(only="y")
    write_pieces(items, {all_: fmt_all, only_y: fmt_y}, old)
    assert fmt_all.rendered == fmt_y.rendered == []


def test_fresh_pieces_are_kept_up_to_a_limit(tmp_path):
    path = tmp_path / "f.txt"
    items = pieces(("a", "A", "x"), ("b", "B", "x"))
    done = write_pieces(items, {path: Listing()}, keep_fresh=5)
    assert [p.id for p, _content in done.fresh] == ["a", "b"] and not done.overflow
    done = write_pieces(items, {path: Listing()}, keep_fresh=1)
    assert done.fresh == [] and done.overflow


def test_adopt_keeps_the_previous_objects_of_equal_records():
    old_e, new_e = Entity("k", "Kyiv", "Place"), Entity("k", "Kyiv", "Place")
    changed = Entity("m", "Moscow", "Place", mentions=2)
    old = KnowledgeGraph((), (old_e, Entity("m", "Moscow", "Place")), ())
    kg = adopt(KnowledgeGraph((), (new_e, changed), ()), old)
    assert kg.entities[0] is old_e
    assert kg.entities[1] is changed


def test_state_round_trip(tmp_path):
    kg = KnowledgeGraph((Article(id="a", text="T.", title="T"),), (), ())
    assert load_previous(tmp_path) == (None, None)  # no state: a first build, nothing to say
    StateJob(tmp_path, kg).finish({"x.txt": FileIndex((1, 2))})
    prev, problem = load_previous(tmp_path)
    assert problem is None and prev is not None
    assert prev.kg == kg and prev.files["x.txt"].fingerprint == (1, 2)
    assert prev.folder == tmp_path


def test_a_state_of_another_version_is_not_used_without_a_word(tmp_path, monkeypatch):
    from kgbuild import reuse

    StateJob(tmp_path, KnowledgeGraph((), (), ())).finish({})
    monkeypatch.setattr(reuse, "output_version", lambda: "another version")
    assert load_previous(tmp_path) == (None, None)
    monkeypatch.undo()
    assert load_previous(tmp_path)[0] is not None


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda d: (d / "files.pickle").unlink(), "files.pickle missing"),
        (lambda d: (d / "files.pickle").write_bytes(b"not a pickle"), "files.pickle damaged"),
        (lambda d: (d / "graph.pickle").unlink(), "graph.pickle missing"),
        (lambda d: (d / "graph.pickle").write_bytes(b"\x80\x05"), "graph.pickle damaged"),
        (
            lambda d: StateJob(d.parent, KnowledgeGraph((), (), ()))._join(),
            "graph.pickle of another build",
        ),
    ],
    ids=["files-gone", "files-damaged", "graph-gone", "graph-damaged", "graph-of-another-build"],
)
def test_a_damaged_or_incomplete_state_is_not_used_and_says_why(tmp_path, damage, problem):
    StateJob(tmp_path, KnowledgeGraph((), (), ())).finish({})
    damage(state_folder(tmp_path))
    assert load_previous(tmp_path) == (None, problem)


def test_a_stopped_state_leaves_nothing(tmp_path):
    job = StateJob(tmp_path, KnowledgeGraph((), (), ()))
    job.stop()
    assert load_previous(tmp_path) == (None, None)
    assert not state_folder(tmp_path).exists()
