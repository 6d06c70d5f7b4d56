"""The embedded SPARQL store of a build: Oxigraph (through pyoxigraph) in ``<out>/store/``.

``kgbuild build`` loads ``graph.nq`` as it writes it (:class:`StoreFeed`), with the ontology,
into a persistent Oxigraph store beside the other files, or changes the previous build's
store by the quads that differ (:func:`update_store`); queries (``kgbuild query``,
``kgbuild serve``) open it read-only. Oxigraph loads and joins many times faster than rdflib's memory store; rdflib stays
the programming interface for building and changing graphs (:mod:`kgbuild.rdf.graph`).

The store holds the build's dataset as written in ``graph.nq`` — the merged default graph, one
named graph per article and the provenance graph — plus the ontology in the named graph
``<https://w3id.org/kgbuild/ns>``. A small manifest (``store/kgbuild-store.json``) records which
``graph.nq`` it was loaded from, so a store left behind by an interrupted build is never used
for a newer graph: :func:`open_store` then loads the files into memory instead.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from kgbuild.errors import OutputError, RefusedQueryError
from kgbuild.fsutil import current_umask
from kgbuild.rdf.namespace import ONTOLOGY_IRI
from kgbuild.rdf.ontology import ontology_path
from kgbuild.sparql_guard import check_local

#: Folder of the store inside a build folder.
STORE_DIR = "store"
#: File (inside the store folder) recording what the store was loaded from.
MANIFEST = "kgbuild-store.json"
#: Named graph of the ontology in the store.
ONTOLOGY_GRAPH = str(ONTOLOGY_IRI)
#: Build files a store can be loaded from, best first.
SOURCES = ("graph.nq", "graph.trig", "graph.ttl")

_TMP_PREFIX = ".store-"


def _fingerprint(path: Path, name: str | None = None) -> dict[str, Any]:
    st = path.stat()
    return {"source": name or path.name, "size": st.st_size, "mtime_ns": st.st_mtime_ns}


def _manifest(size: int, mtime_ns: int) -> dict[str, Any]:
    """The manifest of a store loaded from a ``graph.nq`` of this size and time."""
    return {"source": SOURCES[0], "size": size, "mtime_ns": mtime_ns}


def store_path(folder: str | Path) -> Path:
    return Path(folder) / STORE_DIR


def staleness(folder: str | Path) -> str | None:
    """Why ``<folder>/store`` is not the store of the ``graph.nq`` now in the folder; None
    when it is."""
    folder = Path(folder)
    if not store_path(folder).is_dir():
        return "missing"
    try:
        text = (store_path(folder) / MANIFEST).read_text(encoding="utf-8")
    except OSError:
        return f"its {MANIFEST} is missing"
    try:
        manifest = json.loads(text)
    except ValueError:
        return f"its {MANIFEST} is damaged"
    try:
        made_from = _fingerprint(folder / SOURCES[0], SOURCES[0])
    except OSError:
        return f"no {SOURCES[0]} beside it"
    return None if manifest == made_from else f"not made from the {SOURCES[0]} beside it"


def is_fresh(folder: str | Path) -> bool:
    """True when ``<folder>/store`` was loaded from the ``graph.nq`` now in the folder."""
    return staleness(folder) is None


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def remove_stale(folder: str | Path) -> None:
    """Delete half-built stores an interrupted build left in ``folder``."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.name.startswith(_TMP_PREFIX) and entry.is_dir(follow_symlinks=False):
                _remove_tree(Path(entry.path))


def _load_ontology(store: Any) -> None:
    import pyoxigraph as ox

    store.load(
        path=str(ontology_path()), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH)
    )


#: Bytes of N-Quads handed to one bulk load: the loader's memory grows with its input, so the
#: file goes in pieces (about 580 MB of memory for 64 MiB pieces, whatever the file's size).
#: Smaller pieces cost more CPU while the pieces come in as ``graph.nq`` is written: the store
#: compacts its files between them. Fed at the writer's pace, the full Wikinews ``graph.nq``
#: took 63 CPU-seconds in pieces of 16 MiB, 57 in 32 MiB, 45 in 64 MiB and 40 in 128 MiB
#: (1.1 GB of memory).
CHUNK_BYTES = 64 << 20


def _line_chunks(path: Path, size: int | None = None) -> Iterator[bytes]:
    r"""The file in pieces of about ``size`` bytes, each ending at a line end.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.nq"
    >>> _ = p.write_bytes(b"a\nbb\nccc\n")
    >>> list(_line_chunks(p, size=4))
    [b'a\n', b'bb\n', b'ccc\n']
    """
    size = size or CHUNK_BYTES
    rest = b""
    with open(path, "rb") as fh:
        while block := fh.read(size):
            block = rest + block
            cut = block.rfind(b"\n") + 1
            if cut == 0:
                rest = block
                continue
            rest = block[cut:]
            yield block[:cut]
    if rest:
        yield rest


def _child(work: Any, args: tuple[Any, ...], conn: Any) -> None:
    """In the store's process: ``work(*args, conn)``, its folder or its error sent back."""
    try:
        msg: tuple[str, Any] = ("ok", str(work(*args, conn)))
    except BaseException as exc:  # reported to the parent, which raises it
        msg = ("error", exc)
    with contextlib.suppress(OSError):  # a parent that gave up no longer listens
        conn.send(msg)
        conn.close()


def _make(folder: str, source: str | None, changes: Any, _conn: Any) -> Path:
    return build_store(folder, source) if changes is None else update_store(folder, *changes)


class StoreJob:
    """A store being built or changed in a process of its own (started fresh, not forked);
    :meth:`wait` returns its folder or raises what went wrong."""

    def __init__(self, folder: str | Path, source: str | Path | None, changes: Any) -> None:
        args = (str(folder), None if source is None else str(source), changes)
        self._start(folder, _make, args)

    def _start(self, folder: str | Path, work: Any, args: tuple[Any, ...]) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")
        self.folder = Path(folder)
        self.conn, child_end = ctx.Pipe(duplex=True)
        self.child = ctx.Process(target=_child, args=(work, args, child_end), daemon=True)
        self.child.start()
        child_end.close()

    def wait(self) -> Path:
        try:
            msg = self.conn.recv()
        except (EOFError, OSError):
            raise OutputError(f"{self.folder}: the process loading the store died") from None
        finally:
            self.child.join()
            self.conn.close()
        if msg[0] == "error":
            raise msg[1]
        return Path(msg[1])

    def stop(self) -> None:
        """Stop the process (the store stays as it was) and remove what it left."""
        self.child.kill()
        self.child.join()
        self.conn.close()
        remove_stale(self.folder)


def _apart(folder: str | Path, source: str | Path | None, changes: Any) -> Path:
    return StoreJob(folder, source, changes).wait()


def build_store_apart(folder: str | Path, source: str | Path | None = None) -> Path:
    """:func:`build_store` in a new process (started fresh, not forked): the store's memory
    is not added to the caller's, and the store engine never runs in a forked process (it is
    not safe there once the parent has used it)."""
    return _apart(folder, source, None)


def update_store_apart(
    folder: str | Path,
    removals: str | Path,
    additions: str | Path,
    *,
    made_from: tuple[int, int] | None = None,
    base: str | Path | None = None,
) -> Path:
    """:func:`update_store` in a new process, like :func:`build_store_apart`."""
    changes = (str(removals), str(additions), made_from, None if base is None else str(base))
    return _apart(folder, None, changes)


def _swap_in(tmp: Path, folder: Path, source: Path | dict[str, Any]) -> Path:
    """Record ``source`` (a file, or its fingerprint) in the manifest of the store built in
    ``tmp`` and put it in place of ``<folder>/store``: readers see the previous store or the
    new one, never half of one."""
    manifest = source if isinstance(source, dict) else _fingerprint(source, SOURCES[0])
    (tmp / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    os.chmod(tmp, 0o777 & ~current_umask())
    final = store_path(folder)
    old = None
    if final.exists():
        old = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, suffix=".old", dir=folder))
        os.replace(final, old / STORE_DIR)
    os.replace(tmp, final)
    if old is not None:
        _remove_tree(old)
    return final


def load_fed(folder: str | Path, conn: Any) -> Path:
    """Load into a new ``<folder>/store`` the N-Quads received on ``conn`` (pieces of whole
    lines, then an empty piece), then the ontology; the fingerprint of the ``graph.nq`` those
    lines make comes last, for the manifest."""

    def manifest() -> dict[str, Any]:
        return _manifest(*conn.recv())

    return _load_new(Path(folder), iter(conn.recv_bytes, b""), manifest)


def _load_new(
    folder: Path, chunks: Iterable[bytes], source: Callable[[], Path | dict[str, Any]]
) -> Path:
    """Bulk-load ``chunks`` of N-Quads and the ontology into a new store, built in a temporary
    folder and swapped in for ``<folder>/store`` under the manifest of ``source()``."""
    import pyoxigraph as ox

    remove_stale(folder)
    tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, suffix=".tmp", dir=folder))
    try:
        store = ox.Store(str(tmp))
        for chunk in chunks:
            # lenient: the lines come from the build's own N-Quads writer, whose IRIs and
            # literals are made safe (kgbuild.rdf.terms); checking them again costs 7%
            store.bulk_load(chunk, format=ox.RdfFormat.N_QUADS, lenient=True)
        _load_ontology(store)
        store.flush()
        del store
        gc.collect()
        return _swap_in(tmp, folder, source())
    except OSError as exc:
        _remove_tree(tmp)
        raise OutputError(f"{folder}: cannot build the store ({exc})") from None
    except BaseException:
        _remove_tree(tmp)
        raise


class StoreFeed(StoreJob):
    """A store loaded, in a process of its own, from the N-Quads of ``graph.nq`` handed to
    :meth:`write` while the file is written: the loading runs beside the writing instead of
    after it. Lines go over in pieces of about :data:`CHUNK_BYTES`, so the loader's memory
    stays that of a store loaded from the file in pieces."""

    def __init__(self, folder: str | Path) -> None:
        self._start(folder, load_fed, (str(folder),))
        self.parts: list[bytes] = []
        self.size = 0
        self.broken = False

    def write(self, data: bytes) -> None:
        """Hand over the next bytes of the file (pieces go over at line ends)."""
        self.parts.append(data)
        self.size += len(data)
        if self.size >= CHUNK_BYTES:
            self._send(whole=False)

    def _send(self, whole: bool = True) -> None:
        chunk = b"".join(self.parts)
        cut = len(chunk) if whole else chunk.rfind(b"\n") + 1
        chunk, rest = chunk[:cut], chunk[cut:]
        self.parts, self.size = ([rest], len(rest)) if rest else ([], 0)
        if chunk and not self.broken:
            try:
                self.conn.send_bytes(chunk)
            except OSError:  # the loader stopped: wait() reports why
                self.broken = True

    def finish(self, fingerprint: tuple[int, int]) -> Path:
        """Wait for the store of the ``graph.nq`` of this (size, modification time)."""
        self._send()
        if not self.broken:
            with contextlib.suppress(OSError):
                self.conn.send_bytes(b"")
                self.conn.send(fingerprint)
        return self.wait()


def build_store(folder: str | Path, source: str | Path | None = None) -> Path:
    """Load ``<folder>/graph.nq`` and the ontology into a new ``<folder>/store``.

    The store is built in a temporary folder and swapped in when complete, so readers see the
    previous store or the new one, never half of one. Call while holding the folder's lock.
    ``source`` is the N-Quads file to load when it is not yet in place (a temporary file that
    will be renamed to ``graph.nq`` with its size and time unchanged).
    """
    folder = Path(folder)
    path = Path(source) if source is not None else folder / SOURCES[0]
    if not path.is_file():
        raise OutputError(f"{folder}: no {path.name} to load into the store")
    return _load_new(folder, _line_chunks(path), lambda: path)


def update_store(
    folder: str | Path,
    removals: str | Path,
    additions: str | Path,
    made_from: tuple[int, int] | None = None,
    base: str | Path | None = None,
) -> Path:
    """Make ``<folder>/store`` the store of the new ``graph.nq``: the store ``base`` (default:
    ``<folder>/store``) without the quads of the N-Quads file ``removals``, with those of
    ``additions``, and with the ontology loaded again.

    ``base`` must be fresh for the previous ``graph.nq`` (see :func:`is_fresh`); it is only
    read. The new ``graph.nq`` is already in ``folder``, or ``made_from`` gives its (size,
    modification time in ns) when it is still to be put in place. The change is made on a copy
    (hard links to the store's immutable files, so the copy is quick and small) that is
    swapped in when complete. :class:`OutputError` when ``base`` cannot be read or changed.
    """
    import pyoxigraph as ox

    folder = Path(folder)
    source: Path | dict[str, Any] = folder / SOURCES[0]
    if made_from is not None:
        source = _manifest(*made_from)
    remove_stale(folder)
    tmp = Path(tempfile.mkdtemp(prefix=_TMP_PREFIX, suffix=".tmp", dir=folder))
    try:
        os.rmdir(tmp)  # the copy makes its own folder
        current = ox.Store.read_only(str(store_path(folder) if base is None else base))
        current.backup(str(tmp))
        del current
        gc.collect()
        store = ox.Store(str(tmp))
        for quad in ox.parse(path=str(removals), format=ox.RdfFormat.N_QUADS):
            store.remove(quad)
        store.extend(ox.parse(path=str(additions), format=ox.RdfFormat.N_QUADS))
        store.remove_graph(ox.NamedNode(ONTOLOGY_GRAPH))
        _load_ontology(store)
        store.flush()
        del store
        gc.collect()
        return _swap_in(tmp, folder, source)
    except (OSError, SyntaxError, ValueError, RuntimeError) as exc:  # RuntimeError: a damaged store
        _remove_tree(tmp)
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise OutputError(f"{folder}: the previous store cannot be changed ({first})") from None
    except BaseException:
        _remove_tree(tmp)
        raise


def source_file(folder: str | Path) -> Path:
    """The best RDF file of a build folder (or ``folder`` itself when it is an RDF file)."""
    p = Path(folder)
    if p.is_file():
        return p
    for name in SOURCES:
        if (p / name).is_file():
            return p / name
    raise OutputError(
        f"{p}: no build here (graph.nq, graph.trig or graph.ttl missing); run 'kgbuild build' first"
    )


def memory_store(path: str | Path) -> Any:
    """An in-memory Oxigraph store of an RDF file or a build folder, with the ontology."""
    import pyoxigraph as ox

    src = source_file(path)
    fmt = ox.RdfFormat.from_extension(src.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
    store = ox.Store()
    try:
        store.load(path=str(src), format=fmt)
    except (SyntaxError, ValueError, OSError) as exc:
        raise OutputError(f"{src}: cannot be read ({str(exc).splitlines()[0]})") from None
    _load_ontology(store)
    return store


class LocalStore:
    """A build's store as queries see it: read-only, and never reaching out.

    :meth:`query` refuses a query that would fetch from the network (``SERVICE``; see
    :mod:`kgbuild.sparql_guard`) before Oxigraph runs it, and :meth:`update` refuses every
    update (``LOAD`` fetches too). Everything else is the pyoxigraph store's own.
    """

    def __init__(self, store: Any) -> None:
        self._store = store

    def query(self, query: str, **kwargs: Any) -> Any:
        check_local(query)
        return self._store.query(query, **kwargs)

    def update(self, update: str, **_kwargs: Any) -> None:
        raise RefusedQueryError(
            "SPARQL updates are refused: a build is read-only (rebuild to change it)"
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def __len__(self) -> int:
        return len(self._store)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._store)


def open_store(folder: str | Path) -> LocalStore:
    """The build's store, read-only; an in-memory copy when the store is missing, stale or
    damaged."""
    import pyoxigraph as ox

    p = Path(folder)
    if p.is_dir() and store_path(p).is_dir() and is_fresh(p):
        try:
            return LocalStore(ox.Store.read_only(str(store_path(p))))
        except (OSError, RuntimeError):  # RuntimeError: a damaged store
            pass
    return LocalStore(memory_store(p))
