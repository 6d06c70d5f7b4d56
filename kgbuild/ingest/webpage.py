"""Saved web pages → the plain-text article layout that :func:`~kgbuild.ingest.parse_article` reads.

The story is taken from the page's ``<article>`` (else ``<main>``, else ``<body>``); scripts,
styles, navigation, headers, footers, asides, forms and elements whose class or id names page
furniture (share bars, related links, newsletters, comments, adverts) are dropped. The page's
metadata (``og:title``, ``article:published_time``, ``author``, ``og:site_name``) becomes the
title line, the date line, a "By" line and a "Source:" line of the plain-text layout.

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
from dataclasses import dataclass
from html.parser import HTMLParser

from kgbuild.dates import parse_explicit_date

#: Elements whose content is never article text.
SKIP_TAGS = frozenset(
    "script style nav header footer aside noscript form svg iframe template button select "  # noqa: SIM905
    "menu dialog object canvas video audio map".split()
)
#: Elements that end a paragraph.
BLOCK_TAGS = frozenset(
    "p div br h1 h2 h3 h4 h5 h6 li ul ol tr table article section main blockquote pre dd dt dl "  # noqa: SIM905
    "hr figure figcaption address details summary".split()
)
#: Elements without an end tag.
VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())  # noqa: SIM905

#: Words in a class or id that mark page furniture around the story.
FURNITURE_MARKS = re.compile(
    r"(?:^|[-_\s])(?:share|sharing|social|related|recommend\w*|newsletter|subscribe|comments?|"
    r"advert\w*|ads?|promo\w*|cookie\w*|breadcrumbs?|sidebar|menu|navbar|nav|footer|header|"
    r"masthead|byline-social|popular|trending|tags|paywall|signup|sign-up|modal|banner)(?:$|[-_\s])",
    re.I,
)

_META_KEYS = {
    "og:title": "title",
    "twitter:title": "title",
    "og:site_name": "site",
    "application-name": "site",
    "article:published_time": "date",
    "datepublished": "date",
    "date": "date",
    "pubdate": "date",
    "dc.date": "date",
    "dc.date.issued": "date",
    "parsely-pub-date": "date",
    "author": "author",
    "article:author": "author",
    "dc.creator": "author",
    "parsely-author": "author",
}


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


@dataclass
class _Node:
    tag: str
    skip: bool
    kind: str | None = None  # "article" or "main": the story container


class _PageParser(HTMLParser):
    """Collects the text of the page's story containers and its metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Node] = []
        self.body: list[str] = []
        self.article: list[str] | None = None
        self.main: list[str] | None = None
        self.meta: dict[str, str] = {}
        self.title = ""
        self.h1 = ""
        self._in_title = False
        self._in_h1 = False

    # -- structure
    def _skipping(self) -> bool:
        return any(n.skip for n in self.stack)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            self._meta(a)
            return
        if tag == "title":
            self._in_title = True
        if tag in BLOCK_TAGS:
            self._emit("\n")
        if tag in VOID_TAGS:
            return
        marks = " ".join((a.get("class", ""), a.get("id", ""), a.get("role", "")))
        skip = tag in SKIP_TAGS or bool(FURNITURE_MARKS.search(marks))
        skip = skip or "hidden" in a or a.get("aria-hidden") == "true"
        if tag == "h1" and not self.h1:
            self._in_h1 = True
        kind = None
        if tag == "article" and self.article is None and not skip and not self._skipping():
            self.article, kind = [], "article"
        elif (tag == "main" or a.get("role") == "main") and self.main is None and not skip:
            self.main, kind = [], "main"
        self.stack.append(_Node(tag, skip, kind))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if any(n.tag == tag for n in self.stack):
            while self.stack:
                if self.stack.pop().tag == tag:
                    break
        if tag in BLOCK_TAGS:
            self._emit("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
            return
        if self._in_h1:
            self.h1 += data
        self._emit(data)

    def _emit(self, data: str) -> None:
        if self._skipping():
            return
        self.body.append(data)
        kinds = {n.kind for n in self.stack}
        if self.article is not None and "article" in kinds:
            self.article.append(data)
        if self.main is not None and "main" in kinds:
            self.main.append(data)

    def _meta(self, a: dict[str, str]) -> None:
        key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
        slot = _META_KEYS.get(key)
        content = a.get("content", "").strip()
        if slot and content and slot not in self.meta:
            self.meta[slot] = content


def _lines(parts: list[str]) -> list[str]:
    text = "".join(parts)
    lines = (re.sub(r"\s+", " ", ln).strip() for ln in text.split("\n"))
    return [ln for ln in lines if ln]


def _clean_title(title: str, site: str | None) -> str:
    """Drop the site name from a page title: "Talks resume | Daily" → "Talks resume"."""
    t = " ".join(title.split())
    if site:
        t = re.sub(r"\s*[|\-–—:·]\s*" + re.escape(site) + r"\s*$", "", t, flags=re.I)
    parts = re.split(r"\s+[|–—·]\s+", t)
    return max(parts, key=len) if len(parts) > 1 else t


def html_to_text(page: str) -> str:
    """The article of an HTML page in plain-text layout: title, date line, blank, paragraphs."""
    p = _PageParser()
    p.feed(page)
    p.close()
    meta = p.meta
    site = meta.get("site")
    chosen = next(
        (c for c in (p.article, p.main) if c is not None and len("".join(c).split()) >= 20),
        p.body,
    )
    paragraphs = _lines(chosen)
    title = _clean_title(meta.get("title") or p.h1 or p.title, site)
    if paragraphs and title and paragraphs[0].lower() == title.lower():
        paragraphs = paragraphs[1:]
    date = parse_explicit_date(meta["date"]) if "date" in meta else None
    head = [ln for ln in (title, date) if ln]
    author = meta.get("author")
    if author and not re.match(r"https?:", author) and len(author.split()) <= 5:
        head.append(f"By {author}")
    out = "\n".join(head)
    if paragraphs:
        out += ("\n\n" if out else "") + "\n\n".join(paragraphs)
    if site and len(site.split()) <= 6:
        out += f"\n\nSource: {site}"
    return out
