"""Saved web pages → the plain-text article layout that :func:`~kgbuild.ingest.parse_article` reads.

trafilatura finds the story of the page (and drops navigation, share bars, related links,
comments and adverts) and its metadata: title, author, site name, and the publication date
through htmldate (from the page's markup only: a copyright year in a footer is no date). They
become the title line, the date line, a "By" line and a "Source:" line of the plain-text
layout, so that a page gives the same :class:`~kgbuild.records.Article` as a text file.

>>> page = ('<html><head><title>Talks resume | Daily</title>'
...         '<meta property="og:site_name" content="Daily">'
...         '<meta property="article:published_time" content="2020-03-03T10:00:00Z"></head>'
...         '<body><nav>Home</nav><article><h1>Talks resume</h1><p>Envoys met.</p>'
...         '<div class="share">Share</div></article><script>x=1</script></body></html>')
>>> print(html_to_text(page))
Talks resume
2020-03-03
<BLANKLINE>
Envoys met.
<BLANKLINE>
Source: Daily
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from kgbuild.ingest.article import is_author_line, is_source_line
from kgbuild.ingest.logs import quiet_logs


def looks_like_html(text: str, *, suffix: str = "") -> bool:
    """True for a web page: it starts with markup and has the tags of a page.

    >>> looks_like_html("<!DOCTYPE html><html><body><p>Hi</p></body></html>")
    True
    >>> looks_like_html("The <html> tag starts a page.")
    False
    """
    head = text.lstrip()[:4000].lower()
    if suffix.lower() in (".html", ".htm", ".xhtml") and re.search(r"<(p|div|body|html)\b", head):
        return True
    if not head.startswith("<"):
        return False
    return bool(re.search(r"<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]", head))


@cache
def _config() -> Any:
    """trafilatura's settings, with the story of a short page taken as it is: by default a
    text under 250 characters sends trafilatura to a cruder extractor that joins paragraphs."""
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "0")
    config.set("DEFAULT", "EXTENSIVE_DATE_SEARCH", "off")
    return config


def html_to_text(page: str) -> str:
    """The article of an HTML page in plain-text layout: title, date line, author and source
    lines, blank, paragraphs (one per block of the story)."""
    import trafilatura

    with quiet_logs("trafilatura", "htmldate", "courlan"):
        try:
            doc = trafilatura.bare_extraction(
                page,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                config=_config(),
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception:  # markup lxml cannot make a tree of: the page's text, as below
            doc = None
    title = _one_line(getattr(doc, "title", None))
    body = getattr(doc, "text", None) or ""
    if not body.strip():  # no story found: every text of the page, as one paragraph
        body = trafilatura.html2txt(page)
    paragraphs = [p for p in (_one_line(ln) for ln in body.split("\n")) if p]
    if paragraphs and title and paragraphs[0].lower() == title.lower():
        paragraphs = paragraphs[1:]
    date = getattr(doc, "date", None)
    head = [ln for ln in (title, date) if ln]
    author = _one_line(getattr(doc, "author", None)).replace("; ", ", ")
    if author and is_author_line(f"By {author}"):
        head.append(f"By {author}")
    out = "\n".join(head)
    if paragraphs:
        out += ("\n\n" if out else "") + "\n\n".join(paragraphs)
    site = _one_line(getattr(doc, "sitename", None))
    if site and is_source_line(f"Source: {site}"):
        out += f"\n\nSource: {site}"
    return out


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())
