"""Ingest: files on disk → :class:`~kgbuild.records.Article` records.

``discover`` finds the inputs, ``read_file`` reads one file safely (binary files refused,
encodings detected; web pages, PDF, Word and Markdown documents converted to plain text, see
:mod:`~kgbuild.ingest.formats`), ``parse_article`` separates title, date, source, author and
dateline from the body and strips page furniture.
"""

from kgbuild.ingest.article import content_hash, is_furniture, parse_article
from kgbuild.ingest.decode import decode
from kgbuild.ingest.files import (
    article_id,
    discover,
    discover_inputs,
    display_path,
    read_articles,
    read_file,
    skipped_summary,
)
from kgbuild.ingest.webpage import html_to_text, looks_like_html

__all__ = [
    "article_id",
    "content_hash",
    "decode",
    "discover",
    "discover_inputs",
    "display_path",
    "html_to_text",
    "is_furniture",
    "looks_like_html",
    "parse_article",
    "read_articles",
    "read_file",
    "skipped_summary",
]
