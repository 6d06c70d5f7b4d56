"""Safe file writing: atomic replacement, files committed together, a lock per output folder.

Every output file is written to a temporary file beside it and renamed into place, so a
reader never sees half a file. Inside :func:`output_transaction` the renames wait until every
file of the build is written: a build interrupted while writing (Ctrl-C, a kill, a full disk)
leaves all the previous files as they were. A lock on the folder keeps two builds from writing
into it at the same time.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import IO

from kgbuild.errors import LockError, OutputError

#: Name of the lock file in an output folder.
LOCK_NAME = ".kgbuild.lock"

#: Temporary files of :func:`atomic_write`: ``.<name>.<random>.tmp``.
_TMP_PREFIX = "."
_TMP_SUFFIX = ".tmp"
_STALE_TMP = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")

#: Renames waiting for the end of the innermost :func:`commit_together` block.
_PENDING: ContextVar[list[tuple[Path, Path]] | None] = ContextVar("kgbuild_pending", default=None)

#: Output folders whose lock this process holds, with the number of holders.
_HELD: dict[Path, int] = {}
#: Seconds a build waits for the lock of its folder before calling the folder busy: the forked
#: copies of a build killed a moment ago are killed with it by the system, but may take a
#: moment to go and release the lock they share (:mod:`kgbuild.runtime.forks`).
LOCK_WAIT = 3.0


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:  # type: ignore[type-arg]
    """Write to a temporary file beside ``path`` and rename it into place on success.

    An interrupted write leaves the previous file whole; inside :func:`commit_together` the
    rename waits for the end of the block. :class:`OutputError` when the file cannot be written.
    """
    p = Path(path)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            prefix=f"{_TMP_PREFIX}{p.name}.", suffix=_TMP_SUFFIX, dir=p.parent
        )
    except OSError as exc:
        raise OutputError(f"{p}: cannot write ({exc.strerror or exc})") from None
    tmp = Path(name)
    try:
        kwargs = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as fh:  # type: ignore[call-overload]
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~current_umask())
        pending = _PENDING.get()
        if pending is None:
            os.replace(tmp, p)
        else:
            pending.append((tmp, p))
    except OSError as exc:
        _remove(tmp)
        raise OutputError(f"{p}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        _remove(tmp)
        raise


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def current_umask() -> int:
    """The process's file mode creation mask (read without changing it for long)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    with atomic_write(path) as fh:
        fh.write(text)


@contextlib.contextmanager
def commit_together() -> Iterator[None]:
    """Hold back the renames of :func:`atomic_write` until the block ends without error.

    Every file is then renamed into place in one quick pass; an error or interruption inside
    the block removes the temporary files and leaves every earlier file untouched.
    """
    pending: list[tuple[Path, Path]] = []
    token = _PENDING.set(pending)
    try:
        yield
    except BaseException:
        for tmp, _ in pending:
            _remove(tmp)
        raise
    finally:
        _PENDING.reset(token)
    for n, (tmp, final) in enumerate(pending):
        try:
            os.replace(tmp, final)
        except OSError as exc:
            for rest, _ in pending[n:]:
                _remove(rest)
            raise OutputError(f"{final}: cannot write ({exc.strerror or exc})") from None
    for folder in sorted({final.parent for _, final in pending}):
        sync_folder(folder)


def pending_renames() -> list[tuple[Path, Path]]:
    """The (temporary, final) renames waiting in the innermost :func:`commit_together` block
    (empty outside one)."""
    return list(_PENDING.get() or [])


def adopt_renames(pairs: list[tuple[Path, Path]]) -> None:
    """Add renames prepared elsewhere (by a forked process writing for this one) to the
    innermost :func:`commit_together` block, or do them now outside one."""
    pending = _PENDING.get()
    if pending is None:
        for tmp, final in pairs:
            os.replace(tmp, final)
    else:
        pending.extend(pairs)


def discard_renames(pairs: list[tuple[Path, Path]]) -> None:
    """Remove the temporary files of renames that will not happen."""
    for tmp, _ in pairs:
        _remove(tmp)


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (the renames) to disk where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _flock_within(fd: int, seconds: float) -> bool:
    """Take an exclusive ``flock`` on ``fd``, trying again for up to ``seconds``."""
    import fcntl

    deadline = time.monotonic() + seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


@contextlib.contextmanager
def folder_lock(folder: str | Path) -> Iterator[None]:
    """Hold an exclusive lock on an output folder; :class:`LockError` if another build still
    holds it after :data:`LOCK_WAIT` seconds.

    Creates the folder if needed (:class:`OutputError` if it cannot be written). The lock is
    re-entrant within one process, so a command may take it early and the build again later.
    """
    d = Path(folder)
    key = d.resolve()
    if _HELD.get(key):
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    try:
        d.mkdir(parents=True, exist_ok=True)
        fh = open(d / LOCK_NAME, "w")  # noqa: SIM115
    except OSError as exc:
        raise OutputError(f"{d}: cannot write output folder ({exc.strerror or exc})") from None
    try:
        if not _flock_within(fh.fileno(), LOCK_WAIT):
            raise LockError(f"{d}: another build is writing this folder")
        _HELD[key] = 1
        try:
            remove_stale_temporaries(d)
            yield
        finally:
            del _HELD[key]
    finally:
        fh.close()


def remove_stale_temporaries(folder: str | Path) -> list[Path]:
    """Delete temporary files an interrupted build left in ``folder``; returns them.

    Call only while holding the folder's lock.
    """
    removed = []
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if entry.is_file(follow_symlinks=False) and _STALE_TMP.fullmatch(entry.name):
                _remove(Path(entry.path))
                removed.append(Path(entry.path))
    return removed


@contextlib.contextmanager
def output_transaction(folder: str | Path) -> Iterator[None]:
    """Lock ``folder`` and commit the files written inside the block together.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> with output_transaction(d):
    ...     write_text(d / "a.txt", "new")
    ...     (d / "a.txt").exists()
    False
    >>> (d / "a.txt").read_text()
    'new'
    """
    with folder_lock(folder), commit_together():
        yield
