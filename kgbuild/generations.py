"""The output folder's generations: a build is switched in whole, by one rename.

A build writes all it makes (the files, the store, the state for the next build) into a new
folder of its own, a *generation*, under ``<out>/.generations/``. The folder's link
``.generations/current`` names the generation people see, and each output name of the folder is
a link through it: ``<out>/graph.html`` → ``.generations/current/graph.html``. When the new
generation is complete, one rename puts a new ``current`` link in place of the old one: every
name then shows the new build, at once. A build killed at any moment, even between two system
calls of the switch, leaves every name showing the previous build or every name showing the
new one, never a mix; the generations a killed build left are removed by the next build.

>>> import tempfile
>>> out = Path(tempfile.mkdtemp())
>>> gen = new_generation(out)
>>> _ = (gen / "a.txt").write_text("first")
>>> switch(out, gen, ["a.txt"])
>>> (out / "a.txt").read_text(), (out / "a.txt").is_symlink()
('first', True)
>>> gen = new_generation(out)
>>> _ = (gen / "a.txt").write_text("second")
>>> switch(out, gen, ["a.txt"])
>>> (out / "a.txt").read_text(), len(list((out / GENERATIONS).iterdir()))
('second', 2)
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kgbuild.errors import OutputError
from kgbuild.fsutil import current_umask, sync_folder

#: Folder of the generations inside an output folder.
GENERATIONS = ".generations"
#: The link, inside :data:`GENERATIONS`, to the current generation.
CURRENT = "current"
#: Prefix of a generation folder's name.
_PREFIX = "g-"
#: End of the name of a link being made.
_LINK_TMP = ".link.tmp"


def _folder(out: str | Path) -> Path:
    return Path(out) / GENERATIONS


def current(out: str | Path) -> Path | None:
    """The current generation's folder, or None when the folder holds none (no build yet, or
    one made before generations)."""
    link = _folder(out) / CURRENT
    try:
        target = os.readlink(link)
    except OSError:
        return None
    gen = _folder(out) / target
    return gen if gen.is_dir() else None


def new_generation(out: str | Path) -> Path:
    """A new, empty generation folder (not current yet)."""
    base = _folder(out)
    try:
        base.mkdir(parents=True, exist_ok=True)
        gen = Path(tempfile.mkdtemp(prefix=_PREFIX, dir=base))
        os.chmod(gen, 0o777 & ~current_umask())  # as readable as any folder made here
        return gen
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None


def _replace_link(path: Path, target: str) -> None:
    """Make ``path`` a symbolic link to ``target`` in one rename (a reader sees the old entry
    or the new link, never no entry)."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    tmp = path.with_name(f".{path.name}.{os.getpid()}{_LINK_TMP}")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    os.symlink(target, tmp)
    try:
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def switch(out: str | Path, gen: Path, names: Iterable[str]) -> None:
    """Make ``gen`` the current generation of ``out`` in one rename, then make sure each of
    ``names`` is a link through ``current`` and remove the other generations."""
    out = Path(out)
    try:
        sync_folder(gen)
        _replace_link(_folder(out) / CURRENT, gen.name)
        sync_folder(_folder(out))
        for name in names:
            _link_name(out, name)
        sync_folder(out)
    except OSError as exc:
        raise OutputError(
            f"{out}: cannot switch to the new build ({exc.strerror or exc})"
        ) from None
    remove_stale(out)


def _link_name(out: Path, name: str) -> None:
    """``<out>/<name>`` as a link to ``.generations/current/<name>``; a folder of that name
    (a store of a build made before generations) is removed first."""
    path = out / name
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    _replace_link(path, f"{GENERATIONS}/{CURRENT}/{name}")


def remove_stale(out: str | Path) -> None:
    """Remove the generations that are not current (left by builds killed or replaced), and
    the links a killed build was making."""
    base = _folder(out)
    keep = current(out)
    with contextlib.suppress(OSError):
        for entry in Path(out).iterdir():
            if entry.name.endswith(_LINK_TMP) and entry.is_symlink():
                entry.unlink()
    with contextlib.suppress(OSError):
        for entry in base.iterdir():
            if entry.name == CURRENT or (keep is not None and entry.name == keep.name):
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    entry.unlink()


def adopt_previous_layout(out: str | Path, names: Iterable[str], folders: Iterable[str]) -> None:
    """Turn a folder built before generations into one whose current generation holds that
    build: its files (hard links, so their content and times stay), then its ``folders``
    (moved). Every name shows the previous build's content throughout."""
    out = Path(out)
    files = [n for n in names if (out / n).is_file() and not (out / n).is_symlink()]
    dirs = [n for n in folders if (out / n).is_dir() and not (out / n).is_symlink()]
    if current(out) is not None or not (files or dirs):
        return
    gen = new_generation(out)
    try:
        for name in files:
            try:
                os.link(out / name, gen / name)
            except OSError:
                shutil.copy2(out / name, gen / name)
        sync_folder(gen)
        _replace_link(_folder(out) / CURRENT, gen.name)
        for name in files:
            _link_name(out, name)
        for name in dirs:
            os.rename(out / name, gen / name)
            _link_name(out, name)
    except OSError as exc:
        raise OutputError(f"{out}: cannot take over the previous build ({exc})") from None


__all__ = [
    "CURRENT",
    "GENERATIONS",
    "adopt_previous_layout",
    "current",
    "new_generation",
    "remove_stale",
    "switch",
]
