"""The formats kgbuild reads, and the text each file gives.

Plain text and Markdown are decoded (:mod:`~kgbuild.ingest.decode`); web pages, PDF and Word
documents are converted by the library made for each (trafilatura, pdfminer.six, python-docx,
markdown-it-py). Whatever the format, the result is plain text in the layout
:func:`~kgbuild.ingest.parse_article` reads — title line, date, author and source lines, blank
line, paragraphs — and is what ``kgbuild text FILE`` prints: every ``[start, end)`` the
outputs write counts its characters.

A PDF or a Word document is known by its content whatever its name; a web page by its markup.

>>> to_text(b"# Talks resume\\n\\nEnvoys *met*.", ".md", "a.md")
('Talks resume\\n\\nEnvoys met.', [])
>>> format_of("news/page.HTM"), format_of("notes.csv")
('web page', None)
"""

from __future__ import annotations

from pathlib import Path

from kgbuild.ingest.decode import clean_text, decode
from kgbuild.ingest.markdown import markdown_to_text
from kgbuild.ingest.pdf import pdf_to_text
from kgbuild.ingest.webpage import html_to_text, looks_like_html
from kgbuild.ingest.word import docx_to_text, is_docx

#: File endings read from a folder, and the format each names.
FORMATS = {
    ".txt": "plain text",
    ".text": "plain text",
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".html": "web page",
    ".htm": "web page",
    ".xhtml": "web page",
    ".pdf": "PDF",
    ".docx": "Word document",
}

_PDF = b"%PDF"
_ZIP = b"PK\x03\x04"


def format_of(path: str | Path) -> str | None:
    """The format a file's ending names, None for a type kgbuild does not read."""
    return FORMATS.get(Path(path).suffix.lower())


def to_text(data: bytes, suffix: str, name: str) -> tuple[str, list[str]]:
    """The text of a file's bytes and notes about reading it; :class:`InputError` when the
    file cannot be used (binary, encrypted, damaged, without text)."""
    suffix = suffix.lower()
    if data.startswith(_PDF) or suffix == ".pdf":
        return clean_text(pdf_to_text(data, name), name), []
    if (suffix == ".docx" or data.startswith(_ZIP)) and (suffix == ".docx" or is_docx(data)):
        return clean_text(docx_to_text(data, name), name), []
    text, notes = decode(data, name)
    if FORMATS.get(suffix) == "Markdown":
        return markdown_to_text(text), notes
    if looks_like_html(text, suffix=suffix):
        return html_to_text(text), notes
    return text, notes
