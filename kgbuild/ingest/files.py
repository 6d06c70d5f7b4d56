"""Finding input files and decoding them safely into text."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

from kgbuild.errors import InputError
from kgbuild.records import Article

#: File endings read as articles when a folder is given.
TEXT_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")

_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x7fELF", b"\xd0\xcf\x11\xe0")


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files to read: files as given, folders searched recursively for text files, sorted.

    Raises :class:`InputError` for a path that does not exist.
    """
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(
                sorted(
                    f
                    for f in p.rglob("*")
                    if f.is_file()
                    and f.suffix.lower() in TEXT_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                )
            )
        elif p.is_file():
            found.append(p)
        else:
            raise InputError(str(p), "no such file or folder")
    seen: set[Path] = set()
    unique = []
    for f in found:
        r = f.resolve()
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique


def decode(data: bytes, name: str = "<input>") -> tuple[str, list[str]]:
    """Decode bytes as text. Returns the text and warnings; raises InputError for binary data."""
    warnings: list[str] = []
    if any(data.startswith(m) for m in _BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise InputError(name, "binary file (not text)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(name, "cannot detect the text encoding") from None
        encoding = best.encoding
        text = str(best)
        warnings.append(f"{name}: not UTF-8, decoded as {encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = sum(1 for c in text if ord(c) < 32 and c not in "\n\t")
    if text and control / len(text) > 0.05:
        raise InputError(name, "binary file (too many control characters)")
    text = "".join(c if ord(c) >= 32 or c in "\n\t" else " " for c in text)
    if looks_like_html(text):
        text = html_to_text(text)
        warnings.append(f"{name}: HTML page, article text extracted")
    return text, warnings


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head and "</" in text)


class _TextExtractor(HTMLParser):
    SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "form", "svg", "iframe"}
    BLOCK = {"p", "div", "br", "h1", "h2", "h3", "h4", "li", "tr", "article", "section", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: str | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip:
            self.skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data
            return
        if not self.skip:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """The readable text of an HTML page: title first, then its paragraphs; scripts dropped."""
    parser = _TextExtractor()
    parser.feed(page)
    parser.close()
    body = "".join(parser.parts)
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in body.split("\n")]
    paragraphs = [ln for ln in lines if ln]
    title = html.unescape(parser.title or "").strip()
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    return "\n\n".join(paragraphs)


def read_file(path: str | Path) -> tuple[str, list[str]]:
    """Read and decode one input file. Raises InputError with the reason when it cannot be used."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(str(p), exc.strerror or "cannot be read") from None
    if not data.strip():
        raise InputError(str(p), "empty file")
    text, warnings = decode(data, str(p))
    if not text.strip():
        raise InputError(str(p), "no text in file")
    return text, warnings


def content_hash(text: str) -> str:
    """Hash of an article's text, whitespace-normalised: the identity of its content."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def read_articles(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Read every input as an Article; a file that cannot be used yields an InputError instead.

    The same content under two paths gives one article that notes both paths.
    """
    from kgbuild.ingest.article import parse_article

    files = discover(paths)
    by_hash: dict[str, int] = {}
    results: list[Article | InputError] = []
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
            from dataclasses import replace

            results[i] = replace(
                prev,
                paths=(*prev.paths, str(f)),
                warnings=(*prev.warnings, f"{f}: same article as {prev.paths[0]}"),
            )
            continue
        article = parse_article(text, article_id=f.stem, path=str(f), warnings=tuple(warnings))
        if not article.text.strip():
            results.append(InputError(str(f), "no article text after removing page furniture"))
            continue
        by_hash[h] = len(results)
        results.append(article)
    yield from results
