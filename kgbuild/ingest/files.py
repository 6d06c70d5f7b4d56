"""Finding input files, reading them safely, and turning them into articles.

A file that cannot be used becomes an :class:`~kgbuild.errors.InputError` naming it and the
reason; it never stops the others. Ids are file stems, made unique and printable.
"""

from __future__ import annotations

import os
import re
import stat
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from kgbuild.errors import InputError
from kgbuild.fsutil import LOCK_NAME
from kgbuild.ingest.article import content_hash, parse_article
from kgbuild.ingest.formats import FORMATS, to_text
from kgbuild.records import Article

#: File endings read as articles when a folder is given (a file named on its own is always read).
TEXT_SUFFIXES = tuple(FORMATS)

#: Names of the files that document a folder rather than hold news (README.md, LICENSE.txt):
#: not read from a folder, with a warning; a file named on its own is read.
FOLDER_DOCUMENTS = re.compile(
    r"(?i)(?:readme|read_me|changelog|changes|history|license|licence|copying|notice|authors|"
    r"contributing|contributors|code_of_conduct|security|todo)(?:[._-].*)?"
)

#: Larger files are refused: they are dumps, not articles, and would exhaust memory when parsed.
MAX_FILE_BYTES = 10 * 1024 * 1024

#: Texts longer than spaCy's default ``max_length`` are parsed in pieces; a note says so.
LONG_TEXT = 1_000_000

_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")


def display_path(path: str | Path) -> str:
    """A path as one printable line: undecodable bytes and control characters escaped.

    >>> display_path("news/a b.txt")
    'news/a b.txt'
    >>> display_path("news/bad\\nname.txt")
    'news/bad\\\\nname.txt'
    """
    s = os.fsdecode(path) if not isinstance(path, str) else path
    return _UNPRINTABLE.sub(_escape, s)


def _escape(m: re.Match[str]) -> str:
    c = m.group(0)
    o = ord(c)
    if 0xDC80 <= o <= 0xDCFF:  # an undecodable byte kept by the file system encoding
        return f"\\x{o - 0xDC00:02x}"
    return c.encode("unicode_escape").decode("ascii")


def article_id(path: str | Path) -> str:
    """The article id of a file: its stem, printable, without ``;`` (the sources separator).

    >>> article_id("news/2022 talks; day 1.txt")
    '2022 talks_ day 1'
    >>> article_id("-odd.txt")
    '-odd'
    """
    stem = display_path(Path(path).stem)
    stem = " ".join(stem.replace(";", "_").split())
    return stem or "article"


def discover_inputs(paths: Iterable[str | Path]) -> tuple[list[Path], list[InputError]]:
    """Files to read and the problems met finding them.

    Files are taken as given; folders are searched recursively (hidden files and folders
    skipped, symbolic links to folders not followed, output folders of earlier builds
    skipped) for files ending in :data:`TEXT_SUFFIXES`, sorted; a file of another type, or
    one that documents the folder (:data:`FOLDER_DOCUMENTS`), is a problem that names it. A
    path read twice is kept once.
    """
    found: list[Path] = []
    problems: list[InputError] = []
    for p in map(Path, paths):
        if p.is_dir():
            files, errors = _walk(p)
            found.extend(files)
            problems.extend(errors)
        elif p.exists():
            found.append(p)
        else:
            problems.append(InputError(display_path(p), "no such file or folder"))
    seen: set[Path] = set()
    unique = []
    for f in found:
        try:
            r = f.resolve()
        except (OSError, RuntimeError):
            r = f.absolute()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, problems


def _walk(root: Path) -> tuple[list[Path], list[InputError]]:
    errors: list[InputError] = []

    def onerror(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else root
        errors.append(
            InputError(display_path(where), f"cannot read folder ({exc.strerror or exc})")
        )

    files = []
    if (root / LOCK_NAME).exists():
        return [], [InputError(display_path(root), "a kgbuild output folder, not read as input")]
    for folder, dirs, names in os.walk(root, onerror=onerror):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not os.path.exists(os.path.join(folder, d, LOCK_NAME))
        )
        for name in names:
            if name.startswith("."):
                continue
            f = Path(folder) / name
            if not f.is_file():
                if (kind := special_kind(f)) is not None:
                    errors.append(InputError(display_path(f), f"{kind}, not a regular file"))
                continue
            reason = _not_read(name)
            if reason:
                errors.append(InputError(display_path(f), reason))
            else:
                files.append(f)
    return sorted(files), errors


def special_kind(path: str | Path, mode: int | None = None) -> str | None:
    """What a path is when it is not a regular file (a FIFO, a device, a socket), found without
    opening it; None for a regular file or a path that cannot be looked at.

    >>> special_kind("/dev/null"), special_kind(__file__)
    ('character device', None)
    """
    if mode is None:
        try:
            mode = os.stat(path).st_mode
        except OSError:
            return None
    for test, kind in _SPECIAL:
        if test(mode):
            return kind
    return None


_SPECIAL = (
    (stat.S_ISFIFO, "named pipe (FIFO)"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISDIR, "folder"),
)


def _read_regular(p: Path, name: str) -> bytes:
    """The bytes of a regular file of at most :data:`MAX_FILE_BYTES`; anything else is an
    :class:`InputError`. The path's type is looked at before it is opened, and again on the
    open file (opened without blocking, so a FIFO put there meanwhile cannot hang the read)."""
    kind = special_kind(p)
    if kind is not None:
        raise InputError(name, f"{kind}, not a regular file")
    fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fd)
        kind = special_kind(p, st.st_mode)
        if kind is not None:
            raise InputError(name, f"{kind}, not a regular file")
        if st.st_size > MAX_FILE_BYTES:
            raise _too_large(name, st.st_size)
        data = fh.read(MAX_FILE_BYTES + 1)  # the file may have grown since
    if len(data) > MAX_FILE_BYTES:
        raise _too_large(name, len(data))
    return data


def _too_large(name: str, size: int) -> InputError:
    return InputError(
        name,
        f"file too large ({size // (1024 * 1024)} MiB; the limit is "
        f"{MAX_FILE_BYTES // (1024 * 1024)} MiB), not an article",
    )


def _not_read(name: str) -> str | None:
    """Why a file found in a folder is not read, None when it is."""
    suffix = Path(name).suffix.lower()
    if suffix not in FORMATS:
        kinds = ", ".join(sorted(set(FORMATS)))
        return f"unsupported file type ({suffix or 'no file ending'}; kgbuild reads {kinds})"
    if FOLDER_DOCUMENTS.fullmatch(name):
        return "folder documentation, not an article (name the file to read it)"
    return None


def reason_kind(reason: str) -> str:
    """A reason without its details, to count files skipped for the same reason.

    >>> reason_kind("binary file (PNG image), not text"), reason_kind("damaged PDF (cut short)")
    ('binary file, not text', 'damaged PDF')
    """
    return re.sub(r"\s*\([^()]*\)", "", reason).strip()


def skipped_summary(problems: Iterable[InputError]) -> str:
    """How many files were skipped, by reason, most frequent first ("" when none).

    >>> skipped_summary([InputError("a.csv", "unsupported file type (.csv)"),
    ...                  InputError("b.png", "unsupported file type (.png)"),
    ...                  InputError("c.txt", "empty file")])
    '3 files skipped: 2 unsupported file type; 1 empty file'
    """
    counts = Counter(reason_kind(p.reason) for p in problems)
    total = sum(counts.values())
    if not total:
        return ""
    kinds = "; ".join(f"{n} {kind}" for kind, n in counts.most_common())
    return f"{total} file{'s' if total > 1 else ''} skipped: {kinds}"


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files to read (see :func:`discover_inputs`); :class:`InputError` for the first problem."""
    files, problems = discover_inputs(paths)
    if problems:
        raise problems[0]
    return files


def read_file(path: str | Path) -> tuple[str, list[str]]:
    """Read one input file: its text (decoded, or converted from a web page, PDF, Word or
    Markdown document: see :mod:`~kgbuild.ingest.formats`) and at most one warning line.

    :class:`InputError` with the reason when the file cannot be used: not a regular file (a
    FIFO or a device is refused by its type, never read), unreadable, empty, binary, too
    large, or without any text.
    """
    p = Path(path)
    name = display_path(p)
    try:
        data = _read_regular(p, name)
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(name, "empty file" if not data else "empty file (only white space)")
    text, notes = to_text(data, p.suffix, name)
    if not text.strip():
        raise InputError(name, "no text in file")
    if len(text) > LONG_TEXT:
        notes.append(f"very long text ({len(text):,} characters), parsed in pieces")
    return text, [f"{name}: {'; '.join(notes)}"] if notes else []


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Read every input as an Article; a file that cannot be used yields an InputError instead.

    The same content under two paths gives one article that notes both paths. Two different
    articles whose files share a stem get ids made distinct by their content hash. When not
    one of the given paths can be used (none exists, each is an output folder …),
    :class:`InputError` is raised.
    """
    paths = list(paths)
    files, problems = discover_inputs(paths)
    given = {display_path(p) for p in paths}
    if paths and not files and given <= {e.path for e in problems}:
        raise problems[0]
    results: list[Article | InputError] = list(problems)
    by_hash: dict[str, int] = {}
    for f in files:
        try:
            text, warnings = read_file(f)
        except InputError as err:
            results.append(err)
            continue
        h = content_hash(text)
        if h in by_hash:
            i = by_hash[h]
            prev = results[i]
            assert isinstance(prev, Article)
            results[i] = replace(
                prev,
                paths=(*prev.paths, display_path(f)),
                warnings=(*prev.warnings, f"{display_path(f)}: same article as {prev.paths[0]}"),
            )
            continue
        article = parse_article(
            text,
            article_id=article_id(f),
            path=display_path(f),
            content_hash=h,
            warnings=tuple(warnings),
        )
        if not article.cleaned.strip():
            results.append(
                InputError(display_path(f), "no article text after removing page furniture")
            )
            continue
        by_hash[h] = len(results)
        results.append(article)
    yield from unique_ids(results)


def unique_ids(items: list[Article | InputError]) -> list[Article | InputError]:
    """Give articles that share an id (same file stem) distinct, stable ids: ``stem-<hash>``."""
    counts = Counter(a.id for a in items if isinstance(a, Article))
    taken = set(counts)
    out: list[Article | InputError] = []
    for a in items:
        if isinstance(a, Article) and counts[a.id] > 1:
            n = 8
            new = f"{a.id}-{a.content_hash[:n]}"
            while new in taken and n < len(a.content_hash):
                n += 2
                new = f"{a.id}-{a.content_hash[:n]}"
            taken.add(new)
            a = replace(a, id=new)
        out.append(a)
    return out
