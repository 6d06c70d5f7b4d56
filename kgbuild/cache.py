"""The extraction cache: one JSON record per article, reused by later builds.

The per-document stages (parse, extraction, actors, events) are by far the slowest part of
a build, and their result depends only on the article, the spaCy pipeline and the extraction
code. The cache stores each :class:`~kgbuild.records.DocumentResult` in the output folder,
under ``.cache/<namespace>/<key>.json``:

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
import shutil
import tempfile
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import fields, is_dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

from kgbuild.records import Article, DocumentResult, to_json

#: Folder of the cache inside an output folder.
CACHE_DIR = ".cache"

#: Folder, inside the cache folder, of the state the last build left for the next one's
#: outputs (:mod:`kgbuild.reuse`); not a namespace of entries.
STATE_DIR = "outputs"

#: Version of the cache layout; bump it when the way entries are stored changes.
CACHE_FORMAT = 1

#: Modules of the per-document stages. They, every ``kgbuild`` module they import (followed
#: through the imports), and every file under ``kgbuild/data/`` make the extractor version.
EXTRACTION_ROOTS = ("kgbuild.extract", "kgbuild.actors", "kgbuild.events", "kgbuild.nlp")

#: Article fields that do not go into the cache key (where a file lies, what reading it said).
_NOT_KEYED = frozenset({"paths", "warnings", "content_hash"})

Decoder = Callable[[Any], Any]


def extractor_version(root: Path | None = None) -> str:
    """A hash of the source and data files of the per-document stages.

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
        "stages": _stages_version(),
        "gazetteer": _file_hash(gazetteer) if gazetteer else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()[:16]


def _stages_version() -> str:
    """A hash of :func:`kgbuild.pipeline.analyze`, which chains the per-document stages."""
    import inspect

    from kgbuild import pipeline

    return hashlib.sha256(inspect.getsource(pipeline.analyze).encode("utf-8")).hexdigest()[:16]


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


# --------------------------------------------------------------------------- fast (de)coding


def decode(tp: type[Any], data: Any) -> Any:
    """Rebuild a record of type ``tp`` from JSON data, like :func:`kgbuild.records.from_json`.

    The type annotations are read once per type into a decoder that does only the work a
    field needs (plain values are taken as they are), which makes loading a large cache many
    times faster.

    >>> from kgbuild.records import Span
    >>> decode(Span, {"start": 0, "end": 2, "text": "Hi"})
    Span(start=0, end=2, text='Hi')
    """
    if data is None:
        return None
    dec = _decoder(tp)  # type: ignore[arg-type]
    return data if dec is None else dec(data)


@cache
def _decoder(tp: Any) -> Decoder | None:
    """The decoder of a non-None value of type ``tp``; None when the JSON value is the value."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decoder(members[0]) if len(members) == 1 else None
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return _homogeneous(_decoder(args[0]))
        return _positional(tuple(_decoder(a) for a in args))
    if is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        return _record(tp, tuple((f.name, _decoder(hints[f.name])) for f in fields(tp)))
    return None


def _homogeneous(item: Decoder | None) -> Decoder:
    if item is None:
        return tuple

    def dec(value: Any) -> Any:
        return tuple([None if v is None else item(v) for v in value])

    return dec


def _positional(items: tuple[Decoder | None, ...]) -> Decoder:
    def dec(value: Any) -> Any:
        return tuple(
            [v if d is None or v is None else d(v) for d, v in zip(items, value, strict=False)]
        )

    return dec


def _record(tp: type[Any], parts: tuple[tuple[str, Decoder | None], ...]) -> Decoder:
    def dec(value: Any) -> Any:
        try:
            args = [value[n] for n, _ in parts]
        except KeyError:  # a field the entry does not hold takes its default
            return tp(**{n: _field(d, value[n]) for n, d in parts if n in value})
        return tp(
            *[v if d is None or v is None else d(v) for (_, d), v in zip(parts, args, strict=True)]
        )

    return dec


def _field(dec: Decoder | None, value: Any) -> Any:
    return value if dec is None or value is None else dec(value)


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
        return self.folder / f"{key}.json"

    def get(self, article: Article) -> DocumentResult | None:
        """The cached result of ``article`` (with this very article record), or None."""
        key = article_key(article)
        self.used.add(key)
        try:
            data = json.loads(self.path(key).read_bytes())
            result = decode(DocumentResult, data["result"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return replace(result, article=article)

    def put(self, result: DocumentResult) -> None:
        """Store the result of one article (best effort: a full disk only loses the entry)."""
        key = article_key(result.article)
        self.used.add(key)
        data = {"format": CACHE_FORMAT, "key": key, "result": to_json(result)}
        raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
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
        return sorted(p.stem for p in self.folder.glob("*.json"))

    def prune(self, keep: Iterable[str] | None = None) -> int:
        """Delete other namespaces and the entries not in ``keep`` (default: the keys used).

        Returns the number of entries deleted. Call it after a build succeeded, so the cache
        holds exactly the articles of the last build.
        """
        wanted = set(self.used if keep is None else keep)
        removed = 0
        if self.base.is_dir():
            for other in self.base.iterdir():
                if other.is_dir() and other.name not in (self.namespace, STATE_DIR):
                    removed += sum(1 for _ in other.glob("*.json"))
                    shutil.rmtree(other, ignore_errors=True)
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                stale = entry.suffix == ".tmp" or (
                    entry.suffix == ".json" and entry.stem not in wanted
                )
                if stale:
                    with contextlib.suppress(OSError):
                        entry.unlink()
                        removed += entry.suffix == ".json"
        return removed

    def clear(self) -> None:
        """Delete the whole cache of the output folder."""
        shutil.rmtree(self.base, ignore_errors=True)


__all__ = [
    "CACHE_DIR",
    "CACHE_FORMAT",
    "STATE_DIR",
    "ExtractionCache",
    "article_key",
    "decode",
    "extractor_version",
    "model_version",
    "namespace",
]
