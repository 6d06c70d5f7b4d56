"""Writing the outputs of a build: the files, the validation beside them, and the store.

The files are written from streams of pieces (:mod:`kgbuild.writers.streams`), each piece
copied from the previous build's file where it did not change (:mod:`kgbuild.reuse`). Where
the system can fork and has more than one core, two processes write: a forked copy writes the
RDF files and makes the store (loaded as ``graph.nq`` is written, or changed by the quads that
differ) while the build writes the other files, and a third process validates the graph.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgbuild import validate
from kgbuild.errors import OutputError
from kgbuild.fsutil import (
    adopt_renames,
    discard_renames,
    output_transaction,
    pending_renames,
    remove_stale_temporaries,
)
from kgbuild.pieces import FileIndex, Piece, PreviousStream, Written
from kgbuild.rdf.model import Block
from kgbuild.records import KnowledgeGraph
from kgbuild.reuse import Previous, previous_stream
from kgbuild.runtime.forks import Forked, can_fork
from kgbuild.store import StoreFeed, build_store_apart, remove_stale, update_store_apart
from kgbuild.writers import (
    gexf,
    graphml,
    html,
    jsonld,
    mentions_csv,
    model_json,
    nquads,
    streams,
    trig,
    triples_csv,
    turtle,
)

#: The RDF files of a build, written together from one stream of pieces.
RDF_FILES: tuple[str, ...] = streams.RDF.names
#: The other output files of a build.
OTHER_FILES: tuple[str, ...] = (
    *(name for s in streams.STREAMS if s is not streams.RDF for name in s.names),
    *streams.WHOLE,
)
#: Every output file of a build and a writer of each file alone.
OUTPUTS: dict[str, Callable[[KnowledgeGraph, Path], None]] = {
    "graph.ttl": turtle.write,
    "graph.trig": trig.write,
    "graph.nq": nquads.write,
    "graph.jsonld": jsonld.write,
    "triples.csv": triples_csv.write,
    "mentions.csv": mentions_csv.write,
    "graph.html": html.write,
    "graph.json": model_json.write,
    "graph.graphml": graphml.write,
    "graph.gexf": gexf.write,
}

Warn = Callable[[str], None]


@dataclass
class Outputs:
    """What writing the outputs did: the files, the index of each file written from a stream
    (for the next build), how many pieces were copied or rendered, and the RDF stream's
    changes against the previous build (to update the store with)."""

    files: list[Path] = field(default_factory=list)
    indexes: dict[str, FileIndex] = field(default_factory=dict)
    reused: int = 0
    rendered: int = 0
    rdf: tuple[Written, PreviousStream] | None = None

    def add(self, written: Written) -> None:
        self.files += list(written.indexes)
        self.indexes.update({p.name: idx for p, idx in written.indexes.items()})
        self.reused += written.reused
        self.rendered += written.rendered

    def join(self, other: Outputs) -> None:
        """Take in what another writing (another process's) did."""
        self.files += other.files
        self.indexes.update(other.indexes)
        self.reused += other.reused
        self.rendered += other.rendered

    def sort(self) -> None:
        """Files in the order of :data:`OUTPUTS`."""
        order = list(OUTPUTS)
        self.files.sort(key=lambda p: order.index(p.name) if p.name in order else len(order))


#: Above this share of the RDF pieces changed, the store is loaded anew rather than changed.
STORE_UPDATE_SHARE = 0.25

#: Folder, in the folder written, of the quads the store loses and gains (removed when done).
CHANGES_DIR = ".quads-changed"


def write_outputs(
    kg: KnowledgeGraph,
    out: Path,
    timings: dict[str, float] | None = None,
    previous: Previous | None = None,
    *,
    rdf: bool = True,
    others: bool = True,
    feed: StoreFeed | None = None,
) -> Outputs:
    """Write the output files: each stream's files together (the RDF files when ``rdf``), then
    (when ``others``) the other streams and the files written whole.

    With ``previous``, the pieces that did not change are copied from the previous files
    (:mod:`kgbuild.reuse`); without ``feed``, the RDF pieces rendered anew are kept to change
    the previous build's store with (:attr:`Outputs.rdf`). ``feed``: a store loading from
    ``graph.nq`` as it is written. ``timings`` receives ``write.<stream>`` and
    ``write.<file>`` seconds."""
    out.mkdir(parents=True, exist_ok=True)
    timings = {} if timings is None else timings
    done = Outputs()
    for stream in streams.STREAMS:
        if not (rdf if stream is streams.RDF else others):
            continue
        t = time.perf_counter()
        old = previous_stream(stream, previous)
        keep = 0
        if stream is streams.RDF and old is not None and feed is None:
            keep = int(STORE_UPDATE_SHARE * len(old.pieces))
        tee = {"graph.nq": feed.write} if feed is not None else None
        written = streams.write_stream(stream, kg, out, old, keep_fresh=keep, tee=tee)
        if keep and old is not None and not written.overflow:
            done.rdf = (written, old)
        done.add(written)
        timings[f"write.{stream.name}"] = time.perf_counter() - t
    if others:
        for name, writer in streams.WHOLE.items():
            t = time.perf_counter()
            writer(kg, out / name)
            timings[f"write.{name}"] = time.perf_counter() - t
            done.files.append(out / name)
    done.sort()
    return done


def store_changes(rdf: tuple[Written, PreviousStream], folder: Path) -> tuple[Path, Path] | None:
    """Write the quads the store must lose and gain for the new RDF files into ``folder`` (as
    two N-Quads files); None when so much changed that loading the store anew is quicker.

    A piece rendered anew is compared, quad by quad, with the previous build's piece of the
    same id: an entity named by a thousand articles that gains one keeps its other quads. The
    previous piece's quads are read from the previous ``graph.nq`` where it is still there."""
    written, old = rdf
    fresh = {piece.id for piece, _content in written.fresh}
    kept = written.kept
    gone = [(pos, p) for pos, p in old.pieces.values() if pos not in kept and p.id not in fresh]
    if (len(gone) + len(fresh)) / max(len(old.pieces), 1) > STORE_UPDATE_SHARE:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    removals, additions = folder / "removed.nq", folder / "added.nq"
    nq = old.open("graph.nq")

    def before(pos: int, piece: Piece) -> set[str]:
        text = nq.read(pos) if nq is not None else None
        return _quads(piece.make()) if text is None else set(text.splitlines(keepends=True))

    try:
        with (
            open(removals, "w", encoding="utf-8") as lose,
            open(additions, "w", encoding="utf-8") as gain,
        ):
            for pos, p in gone:
                lose.writelines(before(pos, p))
            for piece, content in written.fresh:
                new = _quads(content)
                hit = old.pieces.get(piece.id)
                if hit is None:
                    gain.writelines(new)
                elif hit[0] not in kept:  # changed: the difference only
                    was = before(*hit)
                    lose.writelines(was - new)
                    gain.writelines(new - was)
    finally:
        if nq is not None:
            nq.close()
    return removals, additions


def _quads(blocks: list[Block]) -> set[str]:
    """The N-Quads lines of some blocks."""
    return {line for b in blocks for line in nquads.block_text(b).splitlines(keepends=True)}


def load_store(out: Path, stages: dict[str, float]) -> Path:
    """Load the written ``graph.nq`` into the embedded store ``out/store``, in a process of
    its own (see :func:`kgbuild.store.build_store_apart`)."""
    t = time.perf_counter()
    store = build_store_apart(out)
    stages["store"] = time.perf_counter() - t
    return store


def finish_store(feed: StoreFeed, outputs: Outputs, stages: dict[str, float]) -> Path:
    """Wait for the store loading from the ``graph.nq`` just written (``stages["store"]``: the
    wait after the writing)."""
    t = time.perf_counter()
    store = feed.finish(outputs.indexes["graph.nq"].fingerprint)
    stages["store"] = time.perf_counter() - t
    return store


def _timed_check(kg: KnowledgeGraph) -> tuple[list[str], float]:
    t = time.perf_counter()
    return validate.check_build(kg), time.perf_counter() - t


def check_graph(kg: KnowledgeGraph, stages: dict[str, float], warn: Warn) -> None:
    """Validate a sample of the graph against the shapes; one warning per violation."""
    found, stages["validate"] = _timed_check(kg)
    for msg in found:
        warn(msg)


def check_beside(kg: KnowledgeGraph) -> Forked:
    """:func:`check_graph`'s validation, started in a forked copy of this process; hand the
    copy to :func:`checked` for its warnings."""
    return Forked(_timed_check, kg)


def checked(checking: Forked, stages: dict[str, float], warn: Warn, out: Path) -> None:
    """The warnings of a validation started by :func:`check_beside`."""
    try:
        found, stages["validate"] = checking.result()
    except ChildProcessError:
        raise OutputError(f"{out}: the process validating the graph died") from None
    for msg in found:
        warn(msg)


def write_rdf(
    kg: KnowledgeGraph,
    out: Path,
    timings: dict[str, float],
    previous: Previous | None = None,
    base: Path | None = None,
    notes: list[str] | None = None,
) -> tuple[Outputs, Path | None]:
    """Write the RDF files and make the store: loaded anew as ``graph.nq`` is written, or,
    given the previous build's store ``base`` (fresh for its ``graph.nq``), changed by the
    quads that differ. The store is None when it is still to load from ``graph.nq``: so much
    changed that a new load is quicker, or ``base`` could not be changed (why goes into
    ``notes``). ``timings["store"]`` is what the store took after the files."""
    feed = StoreFeed(out) if previous is None or base is None else None
    try:
        done = write_outputs(kg, out, timings, previous, others=False, feed=feed)
    except BaseException:
        if feed is not None:
            feed.stop()
        raise
    if feed is not None:
        return done, finish_store(feed, done, timings)
    rdf, done.rdf = done.rdf, None
    changes = store_changes(rdf, out / CHANGES_DIR) if rdf is not None else None
    if changes is None:
        return done, None
    t = time.perf_counter()
    made_from = done.indexes["graph.nq"].fingerprint  # put in place by the caller
    try:
        store: Path | None = update_store_apart(out, *changes, made_from=made_from, base=base)
    except OutputError as exc:  # the previous store cannot be read: loaded anew instead
        if notes is not None:
            notes.append(str(exc).removeprefix(f"{out}: "))
        store = None
    finally:
        shutil.rmtree(out / CHANGES_DIR, ignore_errors=True)
    timings["store"] = time.perf_counter() - t
    return done, store


def _rdf_child(
    kg: KnowledgeGraph, out: Path, previous: Previous | None, base: Path | None
) -> tuple[Any, ...]:
    """In a forked copy (:class:`~kgbuild.runtime.forks.Forked`): :func:`write_rdf`, renames
    left to the parent; the renames, timings, store, files' indexes and notes, or
    ``("error", exception)`` with its renames discarded."""
    before = len(pending_renames())
    timings: dict[str, float] = {}
    notes: list[str] = []
    try:
        done, store = write_rdf(kg, out, timings, previous, base, notes)
        return ("ok", pending_renames()[before:], timings, store, done, notes)
    except BaseException as exc:  # reported to the parent, which raises it
        discard_renames(pending_renames()[before:])
        return ("error", exc)


def write_in_two(
    kg: KnowledgeGraph,
    out: Path,
    stages: dict[str, float],
    warn: Warn,
    previous: Previous | None = None,
    base: Path | None = None,
    notes: list[str] | None = None,
) -> tuple[Outputs, Path | None]:
    """Write every output and make the store with two processes: a forked child writes the
    RDF files and makes the store (:func:`write_rdf`) while this one writes the other files;
    a third validates (:func:`check_beside`). The child's files are committed with this
    process's (inside :func:`output_transaction`)."""
    child = Forked(_rdf_child, kg, out, previous, base)
    checking = check_beside(kg)
    try:
        done = write_outputs(kg, out, stages, previous, rdf=False)
        checked(checking, stages, warn, out)
        try:
            msg = child.result()
        except ChildProcessError:
            raise OutputError(f"{out}: the process writing the RDF files died") from None
    except BaseException:
        checking.stop()
        child.stop()
        remove_stale_temporaries(out)  # what the killed process was writing
        remove_stale(out)
        raise
    if msg[0] == "error":
        raise msg[1]
    _, renames, timings, store, rdf_done, child_notes = msg
    if notes is not None:
        notes += child_notes
    adopt_renames(renames)
    stages.update(timings)
    done.join(rdf_done)
    done.sort()
    return done, store


def write_all(
    kg: KnowledgeGraph,
    out: Path,
    stages: dict[str, float],
    warn: Warn,
    previous: Previous | None,
    base: Path | None,
    notes: list[str] | None = None,
) -> tuple[Outputs, Path | None]:
    """Write the outputs into ``out``, validate the graph and make the store: the files anew or
    changed from the previous build's; the store loaded anew as ``graph.nq`` is written, or
    the previous build's store ``base`` changed by the quads that differ; None when it is
    still to load anew from ``graph.nq`` (too much changed to change it, or ``base`` could not
    be changed: why goes into ``notes``)."""
    t = time.perf_counter()
    with output_transaction(out):
        if can_fork() and (os.cpu_count() or 1) > 1:
            outputs, store = write_in_two(kg, out, stages, warn, previous, base, notes)
        else:  # one process: the RDF files and the store, then the other files
            outputs, store = write_rdf(kg, out, stages, previous, base, notes)
            outputs.join(write_outputs(kg, out, stages, previous, rdf=False))
            outputs.sort()
            check_graph(kg, stages, warn)
    stages["write"] = time.perf_counter() - t
    return outputs, store


__all__ = [
    "OTHER_FILES",
    "OUTPUTS",
    "RDF_FILES",
    "STORE_UPDATE_SHARE",
    "Outputs",
    "Warn",
    "load_store",
    "store_changes",
    "write_all",
    "write_in_two",
    "write_outputs",
    "write_rdf",
]
