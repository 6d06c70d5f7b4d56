"""Ingest: files on disk → :class:`~kgbuild.records.Article` records.

``discover`` finds the inputs, ``read_file`` decodes one file safely, ``parse_article``
separates title, date, source, author and dateline from the body and strips page furniture.
"""

from kgbuild.ingest.article import parse_article
from kgbuild.ingest.files import discover, read_articles, read_file

__all__ = ["discover", "parse_article", "read_articles", "read_file"]
