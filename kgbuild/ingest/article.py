"""Separate an article's parts: title, publication date, source, author, dateline, body.

The rules are about page layout, not about any particular site: a short line above the
story is a title; a date line right under the title is the publication date, while a clock
or weather header above the title is not; "Source: X", "(AP)", "/TASS/" and an author's bio
line name the source; furniture lines come from ``data/furniture.txt``.

>>> a = parse_article("Talks resume\\nMarch 3, 2020\\n\\nGENEVA (Reuters) - Envoys met on Monday.\\n\\nRead more", article_id="x")
>>> a.title, a.date, a.source, a.dateline
('Talks resume', '2020-03-03', 'Reuters', 'GENEVA')
>>> a.text
'Talks resume\\n\\nEnvoys met on Monday.'
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from kgbuild.dates import date_span, parse_explicit_date
from kgbuild.records import Article

_TITLE_MAX_WORDS = 30


@cache
def _patterns(name: str) -> tuple[re.Pattern[str], ...]:
    text = resources.files("kgbuild.data").joinpath(name).read_text(encoding="utf-8")
    rows = [ln.strip() for ln in text.splitlines()]
    return tuple(re.compile(r, re.I) for r in rows if r and not r.startswith("#"))


def is_furniture(line: str) -> bool:
    """True for a whole line of page furniture ("Also Read: …", "Most Popular Articles")."""
    s = line.strip()
    return any(p.fullmatch(s) for p in _patterns("furniture.txt"))


def strip_trailing_furniture(paragraph: str) -> str:
    for p in _patterns("trailing_furniture.txt"):
        paragraph = p.sub("", paragraph)
    return paragraph.rstrip()


# ----------------------------------------------------------------------------- metadata lines

_SOURCE_LINE = re.compile(r"^(?:source|sources|via|credit)\s*:\s*(?P<src>.{2,60})$", re.I)
_AUTHOR_LINE = re.compile(r"^(?i:author|by|written by|reporting by)\s*:?\s+(?P<name>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})\.?$")
_BIO_LINE = re.compile(
    r"^(?P<name>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}) (?:is|was) (?:a|an|the) [\w\s-]{0,40}?"
    r"(?:editor|reporter|correspondent|writer|journalist|columnist|contributor|producer)"
    r"(?: [\w\s-]{0,20})? (?:of|at|for|with) (?P<src>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})"
)
_AGENCY_TAIL = re.compile(r"\s*\((?P<src>[A-Z][A-Za-z.&' ]{1,24})\)\s*$")
_AGENCY_SLASH = re.compile(r"/(?P<src>[A-Z][A-Za-z]{1,14})/\.?")

# Datelines: "MOSCOW, February 15. /TASS/.", "GENEVA (Reuters) -", "MOSCOW – ", "Moscow: "
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]+(?:[ -][A-Z][A-Z.'-]+){0,3})"
    r"(?:,\s*(?P<when>[A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?))?"
    r"(?:\.?\s*/(?P<slash>[A-Za-z]{2,15})/\.?)?"
    r"(?:\s*\((?P<paren>[A-Za-z][A-Za-z.&' ]{1,24})\))?"
    r"\s*(?:[–—-]{1,2}|:|\.(?=\s))\s+"
)
_COLON_DATELINE = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?):\s+(?=[A-Z])")
_HEADING = re.compile(r"^[A-Z0-9][A-Z0-9 '&,.-]{2,40}$")


def _is_date_line(line: str) -> bool:
    """A line that is mostly a date (and maybe a section name or a clock)."""
    span = date_span(line)
    if not span:
        return False
    rest = (line[: span[0]] + line[span[1] :]).strip(" ,|-–—:")
    rest = re.sub(r"\b\d{1,2}:\d{2}(\s*[ap]\.?m\.?)?\b", "", rest, flags=re.I)
    rest = re.sub(r"\b(mon|tues|wednes|thurs|fri|satur|sun)day\b,?", "", rest, flags=re.I)
    return len(rest.split()) <= 6


def _is_header_noise(line: str) -> bool:
    """Clock, weather and place lines that scraped pages carry above the title."""
    s = line.strip()
    if is_furniture(s) or _is_date_line(s):
        return True
    words = s.split()
    return len(words) <= 1 and not re.search(r"[.!?:]$", s)


def parse_article(
    raw: str,
    *,
    article_id: str,
    path: str | None = None,
    content_hash: str | None = None,
    warnings: tuple[str, ...] = (),
) -> Article:
    """Split a decoded article into an :class:`Article`."""
    from kgbuild.ingest.files import content_hash as _hash

    lines = [ln.strip() for ln in raw.split("\n")]
    source: str | None = None
    author: str | None = None
    date: str | None = None

    # 1. Header: skip clock/weather/place lines above the title; the title is the first
    #    line that reads like one.
    i = 0
    while i < len(lines) and (not lines[i] or _is_header_noise(lines[i])):
        i += 1
    title = ""
    derived_title = False
    body_lines: list[str]
    if i < len(lines):
        first = lines[i]
        if len(first.split()) <= _TITLE_MAX_WORDS:
            title = first
            body_lines = lines[i + 1 :]
        else:  # no title line: the story starts at once; its first sentence names it
            body_lines = lines[i:]
            derived_title = True
            m = re.match(r"(.{20,200}?[.!?])(\s|$)", first)
            title = (m.group(1) if m else " ".join(first.split()[:15]) + " …").strip()
    else:
        body_lines = []

    # 2. Publication date: a date line in the first lines under the title.
    kept: list[str] = []
    for n, ln in enumerate(body_lines):
        if not ln:
            kept.append("")
            continue
        if n < 6 and date is None and _is_date_line(ln) and len(ln.split()) <= 10:
            date = parse_explicit_date(ln)
            continue
        m = _SOURCE_LINE.match(ln)
        if m and len(ln.split()) <= 8:
            source = source or m["src"].strip().rstrip(".")
            continue
        m = _AUTHOR_LINE.match(ln)
        if m:
            author = author or m["name"].strip()
            continue
        m = _BIO_LINE.match(ln)
        if m and len(ln.split()) <= 40:
            author = author or m["name"]
            source = source or m["src"].rstrip(".,")
            continue
        if is_furniture(ln):
            continue
        if _HEADING.fullmatch(ln) and len(ln.split()) <= 4 and not ln.endswith("."):
            continue  # section heading in capitals: "NEW CEASEFIRE"
        kept.append(ln)

    # 3. Paragraphs; dateline and agency marks at their edges.
    paragraphs = [strip_trailing_furniture(p) for p in _paragraphs(kept)]
    paragraphs = [p for p in paragraphs if p and not is_furniture(p)]
    dateline: str | None = None
    for k, para in enumerate(paragraphs[:3]):
        m = _DATELINE.match(para)
        if m and len(m["place"]) >= 3 and len(para.split()) > 3:
            dateline = m["place"].strip()
            source = source or m["slash"] or m["paren"]
            if m["when"] and date is None:
                date = parse_explicit_date(m["when"])
            paragraphs[k] = para[m.end() :]
            break
        m2 = _COLON_DATELINE.match(para)
        if m2 and len(para.split()) > 12:
            dateline = m2["place"]
            paragraphs[k] = para[m2.end() :]
            if derived_title and title.startswith(m2.group(0)):
                title = title[len(m2.group(0)) :]
            break
    if paragraphs:
        last = paragraphs[-1]
        m3 = _AGENCY_TAIL.search(last)
        if m3 and len(m3["src"].split()) <= 3:
            source = source or m3["src"].strip()
            paragraphs[-1] = last[: m3.start()].rstrip()
        if source is None:
            for para in paragraphs[:3]:
                m4 = _AGENCY_SLASH.search(para[:200])
                if m4:
                    source = m4["src"]
                    break
    paragraphs = [p for p in paragraphs if p]
    title = title.strip()
    # A title taken from the first sentence is not repeated in the text.
    text = "\n\n".join(paragraphs if derived_title or not title else [title, *paragraphs])
    return Article(
        id=article_id,
        text=text,
        title=title,
        date=date,
        source=source,
        author=author,
        dateline=dateline,
        paths=(path,) if path else (),
        content_hash=content_hash or _hash(raw),
        warnings=warnings,
    )


def _paragraphs(lines: list[str]) -> list[str]:
    """Join lines into paragraphs: blank lines separate; a line that does not end a sentence
    and is followed by one starting in lower case is a broken line and is joined."""
    out: list[str] = []
    cur: list[str] = []
    for ln in lines:
        if not ln:
            if cur:
                out.append(" ".join(cur))
                cur = []
            continue
        if cur and (re.search(r"[.!?”\"’')\]]$", cur[-1]) or not ln[:1].islower()):
            out.append(" ".join(cur))
            cur = []
        cur.append(ln)
    if cur:
        out.append(" ".join(cur))
    return out
