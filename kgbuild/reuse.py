"""Incremental reuse: what a build leaves for the next one, and how the next one uses it.

A build's output files are written piece by piece (:mod:`kgbuild.pieces`). A build leaves its
merged graph and where each piece lies in each file (:class:`Previous`, stored by
:class:`StateJob`); the next build makes its own pieces, and every piece whose id and value it
finds in the previous build's (:func:`previous_stream`) is copied from the previous file
instead of rendered. :func:`adopt` makes the new graph share the previous one's records where
they are equal, so comparing the pieces mostly compares identities.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kgbuild.pieces import FileIndex, PreviousStream
from kgbuild.records import KnowledgeGraph
from kgbuild.runtime.collector import gc_paused
from kgbuild.runtime.forks import can_fork, die_with_parent
from kgbuild.writers.streams import Stream

# --------------------------------------------------------------------------- the records


def adopt(new: KnowledgeGraph, old: KnowledgeGraph) -> KnowledgeGraph:
    """``new`` with each article, entity and event equal to one of ``old`` replaced by that
    very object: comparing the two builds' pieces then mostly compares identities.

    >>> from kgbuild.records import Article
    >>> a, b = Article(id="a", text="T.", title="T"), Article(id="a", text="T.", title="T")
    >>> kg = adopt(KnowledgeGraph((b,), (), ()), KnowledgeGraph((a,), (), ()))
    >>> kg.articles[0] is a
    True
    """

    def same(items: tuple[Any, ...], before: tuple[Any, ...], key: str) -> tuple[Any, ...]:
        index = {getattr(x, key): x for x in before}
        out = []
        for x in items:
            y = index.get(getattr(x, key))
            out.append(y if y is not None and y == x else x)
        return tuple(out)

    return replace(
        new,
        articles=same(new.articles, old.articles, "id"),
        entities=same(new.entities, old.entities, "key"),
        events=same(new.events, old.events, "id"),
        mentions=same(new.mentions, old.mentions, "doc"),
        stories=same(new.stories, old.stories, "id"),
    )


# --------------------------------------------------------------------------- the state

#: Folder of the state inside a generation of the output folder.
STATE_DIR = "state"
#: Files of the state, in the state folder: the graph, and where each piece of each file lies.
GRAPH_FILE, FILES_FILE = "graph.pickle", "files.pickle"
#: Version of the state's layout.
STATE_FORMAT = 2


def output_version() -> str:
    """A hash of the package's source and data: any change to how outputs are made (a
    writer, the ontology, a template) makes the previous build's text unusable."""
    return _package_hash(str(Path(__file__).resolve().parent))


@functools.cache
def _package_hash(base: str) -> str:
    files = []
    for folder, dirs, names in os.walk(base, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        files += [Path(folder, n) for n in names if not n.endswith((".pyc", ".tmp"))]
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.relative_to(base).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


@dataclass
class Previous:
    """What a build leaves for the next one: its graph and the index of every file it wrote
    from a stream of pieces (by file name), in the generation ``folder``."""

    kg: KnowledgeGraph
    files: dict[str, FileIndex]
    folder: Path


def previous_stream(stream: Stream, previous: Previous | None) -> PreviousStream | None:
    """The previous build's pieces of ``stream`` and the indexes of its files; None when there
    is nothing to reuse."""
    if previous is None:
        return None
    indexes = {n: previous.files[n] for n in stream.names if n in previous.files}
    if not indexes:
        return None
    return PreviousStream.of(stream.pieces(previous.kg), indexes, previous.folder)


def state_folder(gen: str | Path) -> Path:
    """The state's folder in a generation of the output folder (:mod:`kgbuild.generations`)."""
    return Path(gen) / STATE_DIR


def _header(token: str) -> dict[str, Any]:
    return {"format": STATE_FORMAT, "version": output_version(), "build": token}


def _dump(path: Path, header: dict[str, Any], data: Any) -> None:
    """Pickle ``header`` then ``data`` into ``path`` atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as fh, gc_paused():
            pickle.dump(header, fh, protocol=5)
            pickle.dump(data, fh, protocol=5)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


#: What reading a file of the state found: its header and data, or why there are none.
_MISSING, _DAMAGED, _OTHER = "missing", "damaged", "other"


def _load(path: Path, header: dict[str, Any] | None) -> tuple[dict[str, Any], Any] | str:
    """(header, data) of a file made by :func:`_dump`; else :data:`_MISSING`, :data:`_DAMAGED`,
    or :data:`_OTHER` when its header is not ``header`` (then the data is not even read)."""
    try:
        with open(path, "rb") as fh, gc_paused():
            found = pickle.load(fh)
            if not isinstance(found, dict):
                return _DAMAGED
            if header is not None and found != header:
                return _OTHER
            return found, pickle.load(fh)
    except FileNotFoundError:
        return _MISSING
    except (OSError, EOFError, ValueError, TypeError, AttributeError, pickle.UnpicklingError):
        return _DAMAGED


def load_previous(gen: str | Path) -> tuple[Previous | None, str | None]:
    """The state the build of generation ``gen`` left, if it is there, whole and of this
    version of kgbuild; else None and, when a state is there but cannot be used for another
    reason than a new version, what is wrong with it (for one warning)."""
    folder = state_folder(gen)
    if not folder.is_dir():
        return None, None  # a build without the cache, or the first one
    files = _load(folder / FILES_FILE, None)
    if isinstance(files, str):
        return None, f"{FILES_FILE} {files}"
    token = files[0].get("build")
    if token is None:
        return None, f"{FILES_FILE} {_DAMAGED}"
    if files[0] != _header(token):
        return None, None  # made by another version of kgbuild
    graph = _load(folder / GRAPH_FILE, files[0])
    if isinstance(graph, str):
        return None, f"{GRAPH_FILE} {graph if graph != _OTHER else 'of another build'}"
    if not isinstance(graph[1], KnowledgeGraph):
        return None, f"{GRAPH_FILE} {_DAMAGED}"
    return Previous(kg=graph[1], files=files[1], folder=Path(gen)), None


class StateJob:
    """The state of a build, stored into its generation in two steps: the graph as soon as it
    is merged, by a forked copy of this process while this one writes the outputs (the graph is
    already in the copy's memory: nothing is sent; the copy runs at a lower priority, on what
    the writers leave of the cores), then, by :meth:`finish`, the files' indexes once they are
    all written. The indexes name the graph they go with, so a state is whole or not used.

    Where processes cannot be forked, the graph is stored at once. Storing the state is never
    worth failing a build for: when it fails there is no state, and the next build writes
    every file.
    """

    def __init__(self, gen: str | Path, kg: KnowledgeGraph) -> None:
        self.folder = state_folder(gen)
        self.header = _header(os.urandom(8).hex())
        self.pid = 0
        self.ok = True
        path = self.folder / GRAPH_FILE
        if can_fork():
            parent = os.getpid()
            self.pid = os.fork()
            if self.pid == 0:  # the copy: store the graph and leave at once
                code = 1
                try:
                    die_with_parent(parent)
                    with contextlib.suppress(OSError):  # the writers come first
                        os.nice(10)
                    _dump(path, self.header, kg)
                    code = 0
                finally:
                    os._exit(code)
        else:
            try:
                _dump(path, self.header, kg)
            except OSError:
                self.ok = False

    def _join(self) -> None:
        if self.pid:
            _, status = os.waitpid(self.pid, 0)
            self.pid = 0
            self.ok = self.ok and os.waitstatus_to_exitcode(status) == 0

    def finish(self, files: dict[str, FileIndex]) -> None:
        """Wait for the graph, then store the indexes (the state is then complete)."""
        self._join()
        try:
            if self.ok:
                _dump(self.folder / FILES_FILE, self.header, files)
        except OSError:
            self.ok = False
        if not self.ok:
            self._remove()

    def stop(self) -> None:
        """Give up: no state is left."""
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, 9)
            self._join()
        self._remove()

    def _remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


__all__ = [
    "STATE_DIR",
    "Previous",
    "StateJob",
    "adopt",
    "load_previous",
    "output_version",
    "previous_stream",
    "state_folder",
]
