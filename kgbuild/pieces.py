"""Output files written piece by piece, reusing a previous file's text where nothing changed.

An output file is a head, a sequence of *pieces* (the text of one event, one entity, one row
of the table) with separators between them, and a tail. Each :class:`Piece` has an ``id``,
unique in its stream, and a ``value``: everything its text depends on. When the previous build
left its files and its :class:`Previous` state, a build copies the text of every piece whose id
and value it wrote before, and renders only the others. Adding ten articles to a large build
thus renders the events, entities and rows they touch, and copies the rest.

Separators depend only on the *groups* of neighbouring pieces (the named graph of a TriG
block, the list of a JSON document), never on their text, so a copied piece fits wherever it
lands. Several files can share one stream of pieces: the content of a piece (its RDF blocks,
its row) is then made once and rendered by each file's :class:`Format`.

>>> import tempfile, pathlib
>>> class Lines:
...     def takes(self, group): return True
...     def head(self): return "# pieces\\n"
...     def text(self, content): return content + "\\n"
...     def glue(self, before, group): return ""
...     def tail(self, last): return ""
>>> path = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
>>> pieces = [Piece("a", 1, None, lambda: "one"), Piece("b", 2, None, lambda: "two")]
>>> written = write_pieces(pieces, {path: Lines()})
>>> path.read_text()
'# pieces\\none\\ntwo\\n'
>>> old = PreviousStream.of(pieces, {path.name: written.indexes[path]}, path.parent)
>>> again = [Piece("a", 1, None, lambda: "ONE"), Piece("c", 3, None, lambda: "three")]
>>> written = write_pieces(again, {path: Lines()}, old)
>>> path.read_text()  # "a" did not change: its text comes from the previous file
'# pieces\\none\\nthree\\n'
>>> written.reused, written.rendered
(1, 1)
"""

from __future__ import annotations

import os
from array import array
from collections.abc import Callable, Hashable, Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from kgbuild.fsutil import atomic_write


class _Start:
    """The group before the first piece of a file."""

    def __repr__(self) -> str:
        return "START"


#: The group "before" the first piece, handed to :meth:`Format.glue` and :meth:`Format.tail`.
START: Hashable = _Start()


class Piece(NamedTuple):
    """One piece of an output stream."""

    id: str  # unique in its stream
    value: object  # everything the piece's text depends on: equal values, equal text
    group: Hashable  # decides the separators around it (see Format.glue)
    make: Callable[[], Any]  # the content each format renders


class Format(Protocol):
    """How one file renders a stream of pieces."""

    def takes(self, group: Hashable) -> bool:
        """Whether pieces of this group go into the file."""
        ...

    def head(self) -> str: ...

    def text(self, content: Any) -> str:
        """The text of one piece (no separator)."""
        ...

    def glue(self, before: Hashable, group: Hashable) -> str:
        """What comes between a piece of group ``before`` (or :data:`START`) and one of
        ``group``."""
        ...

    def tail(self, last: Hashable) -> str:
        """The end of the file after a piece of group ``last`` (or :data:`START`: no piece)."""
        ...


@dataclass
class FileIndex:
    """Where each piece of a stream lies in a written file, by position in the stream
    (``-1``: not in this file), and the file's size and time when written."""

    fingerprint: tuple[int, int]
    starts: array[int] = field(default_factory=lambda: array("q"))
    lengths: array[int] = field(default_factory=lambda: array("q"))


def fingerprint(path: str | Path) -> tuple[int, int] | None:
    """(size, modification time in ns) of a file, None when it is missing."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


class _OldFile:
    """A previous file, open for reading, with its index."""

    def __init__(self, path: Path, index: FileIndex) -> None:
        self.index = index
        self.fd = os.open(path, os.O_RDONLY)

    def span(self, pos: int) -> tuple[int, int] | None:
        """(start, length) of the piece at ``pos`` in this file, or None."""
        n = self.index.lengths[pos]
        return None if n < 0 else (self.index.starts[pos], n)

    def read(self, pos: int) -> str | None:
        """The text of the piece at ``pos`` in this file, or None."""
        span = self.span(pos)
        return None if span is None else os.pread(self.fd, span[1], span[0]).decode("utf-8")

    def close(self) -> None:
        os.close(self.fd)


@dataclass
class PreviousStream:
    """A stream of pieces as the previous build wrote it: each piece by id with its position,
    and the files it went into (name → index) in ``folder``."""

    pieces: dict[str, tuple[int, Piece]]
    files: dict[str, FileIndex]
    folder: Path

    @classmethod
    def of(
        cls, pieces: Iterable[Piece], files: Mapping[str, FileIndex], folder: str | Path
    ) -> PreviousStream:
        return cls({p.id: (n, p) for n, p in enumerate(pieces)}, dict(files), Path(folder))

    def open(self, name: str) -> _OldFile | None:
        """The previous file ``name`` if it is still the one indexed, else None."""
        index = self.files.get(name)
        path = self.folder / name
        if index is None or fingerprint(path) != index.fingerprint:
            return None
        if len(index.lengths) != len(self.pieces):
            return None
        try:
            return _OldFile(path, index)
        except (OSError, ValueError):
            return None


@dataclass
class Written:
    """What :func:`write_pieces` did: each file's index, the pieces rendered anew (when asked
    to keep them) and the positions of the previous stream that were reused."""

    indexes: dict[Path, FileIndex]
    reused: int = 0
    rendered: int = 0
    fresh: list[tuple[Piece, Any]] = field(default_factory=list)
    overflow: bool = False
    kept: set[int] = field(default_factory=set)


#: Bytes copied by one system call (copies of long runs of unchanged pieces are split).
_COPY_CHUNK = 1 << 30
#: Bytes of a copied run read at once to hand to a tee.
_TEE_CHUNK = 16 << 20


def copy_range(src: int, dst: int, start: int, length: int) -> None:
    """Append ``length`` bytes of the file ``src`` from ``start`` to the file ``dst`` (file
    descriptors), inside the kernel where the system can (no copy through this process)."""
    done = 0
    while done < length:
        n = min(length - done, _COPY_CHUNK)
        try:
            copied = os.copy_file_range(src, dst, n, start + done)
        except (AttributeError, OSError):
            copied = os.write(dst, os.pread(src, n, start + done))
        if copied <= 0:
            raise OSError(f"copy stopped after {done} of {length} bytes")
        done += copied


class _Out:
    """One file being written: rendered text goes through the buffered file, runs of pieces
    copied from the previous file are joined and copied in the kernel."""

    def __init__(
        self, fmt: Format, fh: Any, old: _OldFile | None, tee: Callable[[bytes], None] | None
    ) -> None:
        self.fmt = fmt
        self.fh = fh
        self.old = old
        self.tee = tee
        self.pos = 0  # bytes written so far, the pending run included
        self.last: Hashable = START
        self.starts: array[int] = array("q")
        self.lengths: array[int] = array("q")
        self.run: list[int] | None = None  # [start, end) of the previous file to copy next

    def put(self, data: bytes) -> None:
        if self.run is not None:
            self.flush_run()
        self.fh.write(data)
        if self.tee is not None:
            self.tee(data)
        self.pos += len(data)

    def reuse(self, glue: bytes, start: int, length: int) -> None:
        """The piece at ``start`` of the previous file, after ``glue``. A piece that followed
        the run's last one in the previous file, with the same glue between, joins the run:
        the previous file's bytes between them are that glue."""
        run = self.run
        if run is not None and start == run[1] + len(glue):
            run[1] = start + length
            self.pos += len(glue)
        else:
            if glue:
                self.put(glue)
            elif run is not None:
                self.flush_run()
            self.run = [start, start + length]
        self.starts.append(self.pos)
        self.lengths.append(length)
        self.pos += length

    def flush_run(self) -> None:
        run, self.run = self.run, None
        if run is not None and self.old is not None:
            self.fh.flush()
            copy_range(self.old.fd, self.fh.fileno(), run[0], run[1] - run[0])
            if self.tee is not None:
                for start in range(run[0], run[1], _TEE_CHUNK):
                    self.tee(os.pread(self.old.fd, min(_TEE_CHUNK, run[1] - start), start))


def write_pieces(
    pieces: Iterable[Piece],
    files: Mapping[Path, Format],
    previous: PreviousStream | None = None,
    *,
    keep_fresh: int = 0,
    tee: Mapping[Path, Callable[[bytes], None]] | None = None,
) -> Written:
    """Write every file of ``files`` from one stream of pieces, each file atomically.

    With ``previous``, a piece whose id and value the previous stream holds is copied from the
    previous file; the others are rendered. ``keep_fresh`` keeps up to that many rendered
    pieces with their content in :attr:`Written.fresh` (to update a store with them); past it,
    :attr:`Written.overflow` is set and none are kept. ``tee``: for some files, a function
    that receives their bytes too, in order, piece by piece (whole pieces, never cut).
    """
    done = Written({})
    with ExitStack() as stack:
        outs: list[_Out] = []
        for path, fmt in files.items():
            fh = stack.enter_context(atomic_write(path, "wb"))
            old = previous.open(path.name) if previous is not None else None
            if old is not None:
                stack.callback(old.close)
            out = _Out(fmt, fh, old, (tee or {}).get(path))
            out.put(fmt.head().encode("utf-8"))
            outs.append(out)
        before = previous.pieces if previous is not None else {}
        missing = object()
        for piece in pieces:
            old_pos = -1
            if before:
                hit = before.get(piece.id)
                if hit is not None:
                    value = hit[1].value
                    if value is piece.value or value == piece.value:
                        old_pos = hit[0]
                        done.kept.add(old_pos)
            content: Any = missing
            for o in outs:
                if not o.fmt.takes(piece.group):
                    o.starts.append(-1)
                    o.lengths.append(-1)
                    continue
                glue = o.fmt.glue(o.last, piece.group).encode("utf-8")
                o.last = piece.group
                span = o.old.span(old_pos) if old_pos >= 0 and o.old is not None else None
                if span is not None:
                    o.reuse(glue, *span)
                    continue
                if content is missing:
                    content = piece.make()
                if glue:
                    o.put(glue)
                data = o.fmt.text(content).encode("utf-8")
                o.starts.append(o.pos)
                o.lengths.append(len(data))
                o.put(data)
            if content is missing:
                done.reused += 1
            else:
                done.rendered += 1
                if keep_fresh and not done.overflow:
                    done.fresh.append((piece, content))
                    if len(done.fresh) > keep_fresh:
                        done.fresh.clear()
                        done.overflow = True
        for o, path in zip(outs, files, strict=True):
            o.put(o.fmt.tail(o.last).encode("utf-8"))
            o.fh.flush()
            st = os.fstat(o.fh.fileno())
            done.indexes[path] = FileIndex((st.st_size, st.st_mtime_ns), o.starts, o.lengths)
    return done


def render_text(pieces: Iterable[Piece], fmt: Format) -> str:
    """The whole text a file of format ``fmt`` holds for ``pieces``, as one string.

    >>> class Words:
    ...     def takes(self, group): return True
    ...     def head(self): return "("
    ...     def text(self, content): return content
    ...     def glue(self, before, group): return "" if before is START else " "
    ...     def tail(self, last): return ")"
    >>> render_text([Piece("a", 1, None, lambda: "one"), Piece("b", 2, None, lambda: "two")], Words())
    '(one two)'
    """
    parts = [fmt.head()]
    last: Hashable = START
    for piece in pieces:
        if fmt.takes(piece.group):
            parts += [fmt.glue(last, piece.group), fmt.text(piece.make())]
            last = piece.group
    return "".join(parts) + fmt.tail(last)


__all__ = [
    "START",
    "FileIndex",
    "Format",
    "Piece",
    "PreviousStream",
    "Written",
    "copy_range",
    "fingerprint",
    "render_text",
    "write_pieces",
]
