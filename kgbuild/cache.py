"""The extraction cache: one entry per article, reused by later builds.

The per-document stages (parse, extraction, actors, events) are by far the slowest part of
a build, and their result depends only on the article, the spaCy pipeline and the extraction
code. The cache stores each :class:`~kgbuild.records.DocumentResult` in the output folder,
under ``.cache/<namespace>/<key>.pickle``:

* the **namespace** names everything an article's result depends on besides the article: the
  model name and version, the spaCy version, the extractor version (a hash of the source and
  data files of the extraction code, see :func:`extractor_version`) and the user gazetteer.
  A change to any of them starts a fresh namespace; older namespaces are deleted by
  :meth:`ExtractionCache.prune`.
* the **key** is a hash of the article's content and metadata (id, title, text, date,
  source, author, dateline), not of the paths it was read from: moving the corpus keeps the
  cache.

A rebuild of an unchanged corpus therefore parses nothing; adding articles parses only the
new ones before everything is merged again.

An entry is a pickle of the record, which loads several times faster than JSON would (the
records pickle as tuples, see :func:`kgbuild.records.pickled_by_slots`). Since the extraction
code, records included, is part of the namespace, an entry is only ever read by the code
that wrote it. Like the rest of an output folder, the cache is to be trusted as much as
whoever can write to that folder.

>>> import tempfile
>>> from kgbuild.records import Article
>>> cache = ExtractionCache(Path(tempfile.mkdtemp()), namespace="test")
>>> a = Article(id="a1", text="Text.", title="Title")
>>> cache.get(a) is None
True
>>> cache.put(DocumentResult(article=a))
>>> cache.get(a) == DocumentResult(article=a)
True
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from pathlib import Path

from kgbuild.records import Article, DocumentResult, to_json

#: Folder of the cache inside an output folder.
CACHE_DIR = ".cache"

#: Version of the cache layout; bump it when the way entries are stored changes.
CACHE_FORMAT = 2

#: Suffix of an entry's file.
ENTRY_SUFFIX = ".pickle"

#: Modules of the per-document stages and the module that chains them. They, every
#: ``kgbuild`` module they import (followed through the imports), and every file under
#: ``kgbuild/data/`` make the extractor version.
EXTRACTION_ROOTS = (
    "kgbuild.extract",
    "kgbuild.actors",
    "kgbuild.events",
    "kgbuild.nlp",
    "kgbuild.layout",
    "kgbuild.engine.analysis",
)

#: Article fields that do not go into the cache key (where a file lies, what reading it said).
_NOT_KEYED = frozenset({"paths", "warnings", "content_hash"})


def extractor_version(root: Path | None = None) -> str:
    """A hash of the source and data files of the per-document stages and of the module that
    chains them (:mod:`kgbuild.engine.analysis`).

    ``root`` is the package folder (default: the installed ``kgbuild``). The files are those of
    :data:`EXTRACTION_ROOTS` and of every package module they import, directly or not, plus
    the data folder: a change to the writers or the CLI keeps the cache, a change to a rule,
    a lexicon or a module the rules use starts a new one.
    """
    base = root or Path(__file__).resolve().parent
    return _tree_hash(str(base))


@cache
def _tree_hash(base: str) -> str:
    root = Path(base)
    files = set(extraction_files(root))
    data = root / "data"
    if data.is_dir():
        files.update(p for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    h = hashlib.sha256()
    for path in sorted(files):
        h.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def extraction_files(root: Path) -> list[Path]:
    """The source files of :data:`EXTRACTION_ROOTS` and of the package modules they import."""
    seen: set[str] = set()
    files: set[Path] = set()
    todo = [m for m in EXTRACTION_ROOTS if _source(root, m)]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for path in _source(root, name):
            files.add(path)
            todo.extend(_imported(root, path, name))
    return sorted(files)


def _source(root: Path, module: str) -> list[Path]:
    """The files of a package module: a module file, or every file of a sub-package."""
    parts = module.split(".")[1:]
    if not parts:
        return [root / "__init__.py"] if (root / "__init__.py").is_file() else []
    target = root.joinpath(*parts)
    if target.is_dir():
        return sorted(p for p in target.rglob("*.py") if "__pycache__" not in p.parts)
    file = target.with_suffix(".py")
    return [file] if file.is_file() else []


def _imported(root: Path, path: Path, module: str) -> list[str]:
    """The package modules a source file imports (absolute or relative imports)."""
    import ast

    top = module.split(".")[0]
    try:
        tree = ast.parse(path.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return []
    package = path.relative_to(root).parent.parts
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names if a.name.split(".")[0] == top)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                up = package[: len(package) - node.level + 1]
                base = ".".join((top, *up, *([node.module] if node.module else [])))
            else:
                base = node.module or ""
            if base.split(".")[0] != top:
                continue
            for a in node.names:
                sub = f"{base}.{a.name}"
                names.append(sub if _source(root, sub) else base)
    return names


def model_version(model: str) -> str:
    """The version of a spaCy pipeline, without loading it: its package version or meta.json.

    >>> model_version("no-such-model-anywhere")
    'unknown'
    """
    from importlib import metadata

    meta = Path(model) / "meta.json"
    if meta.is_file():
        return hashlib.sha256(meta.read_bytes()).hexdigest()[:16]
    for name in (model, model.replace("_", "-")):
        with contextlib.suppress(metadata.PackageNotFoundError, ValueError):
            return metadata.version(name)
    return "unknown"


def namespace(model: str, gazetteer: str | Path | None = None) -> str:
    """The namespace of cache entries made with this model, extraction code and gazetteer."""
    import spacy

    parts = {
        "format": CACHE_FORMAT,
        "model": model,
        "model_version": model_version(model),
        "spacy": spacy.__version__,
        "extractor": extractor_version(),
        "gazetteer": _file_hash(gazetteer) if gazetteer else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def _file_hash(path: str | Path) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return f"unreadable:{path}"


def article_key(article: Article) -> str:
    """The cache key of an article: a hash of its content and metadata, not of its paths.

    >>> a = Article(id="a", text="T.", title="T", paths=("x/a.txt",))
    >>> article_key(a) == article_key(replace(a, paths=("y/a.txt",)))
    True
    >>> article_key(a) == article_key(replace(a, text="U."))
    False
    """
    data = {k: v for k, v in to_json(article).items() if k not in _NOT_KEYED}
    raw = json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:32]


def pack(result: DocumentResult) -> tuple[str, bytes]:
    """The cache key of a result's article and the bytes of its cache entry: what a worker
    sends back, so that the build stores the entry without pickling the result again.

    >>> a = Article(id="a", text="T.", title="T")
    >>> key, raw = pack(DocumentResult(article=a))
    >>> unpack(key, raw) == DocumentResult(article=a)
    True
    """
    key = article_key(result.article)
    return key, _entry(key, result)


def _entry(key: str, result: DocumentResult) -> bytes:
    """The bytes of the cache entry of ``result`` under ``key``."""
    return pickle.dumps((CACHE_FORMAT, key, result), protocol=5)


def unpack(key: str, raw: bytes) -> DocumentResult | None:
    """The result in the bytes of a cache entry, or None when they hold no entry of ``key``."""
    try:
        entry = pickle.loads(raw)
    except Exception:  # whatever a damaged entry raises, it holds nothing
        return None
    ok = (
        isinstance(entry, tuple)
        and len(entry) == 3
        and entry[:2] == (CACHE_FORMAT, key)
        and isinstance(entry[2], DocumentResult)
    )
    return entry[2] if ok else None


# --------------------------------------------------------------------------- the cache


class ExtractionCache:
    """The cache entries of one namespace in an output folder.

    Entries are written atomically (a temporary file renamed into place); an entry that
    cannot be read back is a miss, never an error.
    """

    def __init__(self, out: str | Path, *, namespace: str) -> None:
        self.base = Path(out) / CACHE_DIR
        self.namespace = namespace
        self.folder = self.base / namespace
        self.used: set[str] = set()
        self.hits = 0
        self.misses = 0

    @classmethod
    def open(
        cls, out: str | Path, model: str, gazetteer: str | Path | None = None
    ) -> ExtractionCache:
        """The cache of the output folder ``out`` for this model, extractor and gazetteer."""
        return cls(out, namespace=namespace(model, gazetteer))

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{ENTRY_SUFFIX}"

    def has(self, article: Article) -> bool:
        """Whether an entry for ``article`` is stored (it may still prove unreadable)."""
        return self.path(article_key(article)).is_file()

    def get(self, article: Article) -> DocumentResult | None:
        """The cached result of ``article`` (with this very article record), or None."""
        key = article_key(article)
        self.used.add(key)
        try:
            raw = self.path(key).read_bytes()
        except OSError:
            raw = b""
        result = unpack(key, raw)
        if result is None:
            self.misses += 1
            return None
        self.hits += 1
        return replace(result, article=article)

    def put(self, result: DocumentResult, packed: dict[str, bytes] | None = None) -> None:
        """Store the result of one article (best effort: a full disk only loses the entry).
        ``packed``: entries :func:`pack` made, by key; this result's is taken from it (and
        stored as it is) when it is there."""
        key = article_key(result.article)
        self.used.add(key)
        raw = packed.pop(key, None) if packed else None
        if raw is None:
            raw = _entry(key, result)
        with contextlib.suppress(OSError):
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=self.folder)
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(raw)
                os.chmod(tmp, 0o644)
                os.replace(tmp, self.path(key))
            except OSError:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise

    def keys(self) -> list[str]:
        """The keys of every entry stored in this namespace."""
        if not self.folder.is_dir():
            return []
        return sorted(p.stem for p in self.folder.glob(f"*{ENTRY_SUFFIX}"))

    def prune(self, keep: Iterable[str] | None = None) -> int:
        """Delete other namespaces and the entries not in ``keep`` (default: the keys used).

        Returns the number of entries deleted. Call it after a build succeeded, so the cache
        holds exactly the articles of the last build.
        """
        wanted = set(self.used if keep is None else keep)
        removed = 0
        if self.base.is_dir():
            for other in self.base.iterdir():
                if other.is_dir() and other.name != self.namespace:
                    removed += sum(1 for _ in other.glob(f"*{ENTRY_SUFFIX}"))
                    shutil.rmtree(other, ignore_errors=True)
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                stale = entry.suffix == ".tmp" or (
                    entry.suffix == ENTRY_SUFFIX and entry.stem not in wanted
                )
                if stale:
                    with contextlib.suppress(OSError):
                        entry.unlink()
                        removed += entry.suffix == ENTRY_SUFFIX
        return removed

    def clear(self) -> None:
        """Delete the whole cache of the output folder."""
        shutil.rmtree(self.base, ignore_errors=True)


__all__ = [
    "CACHE_DIR",
    "CACHE_FORMAT",
    "ENTRY_SUFFIX",
    "ExtractionCache",
    "article_key",
    "extractor_version",
    "model_version",
    "namespace",
    "pack",
    "unpack",
]
