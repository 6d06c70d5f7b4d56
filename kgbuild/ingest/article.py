"""Separate an article's parts: title, publication date, source, author, dateline, body.

The rules are about page layout, not about any particular site: a short line above the
story is a title; a date line right under the title is the publication date, while a clock
or weather header above the title is not; "Source: X", "(AP)", "/TASS/" and an author's bio
line name the source; furniture lines come from ``data/furniture.txt``.

>>> a = parse_article("Talks resume\\nMarch 3, 2020\\n\\nGENEVA (Reuters) - Envoys met on Monday.\\n\\nRead more", article_id="x")
>>> a.title, a.date, a.source, a.dateline
('Talks resume', '2020-03-03', 'Reuters', 'GENEVA')
>>> a.cleaned
'Talks resume\\n\\nEnvoys met on Monday.'

``Article.text`` keeps the text as it was read; ``Article.cleaned``, what the NLP stage reads, is
made of runs of it (``Article.layout``, see :mod:`kgbuild.layout`), so every offset into the
cleaned text has its place in the text that was read.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache

from kgbuild import datafiles
from kgbuild.dates import date_span, parse_explicit_date
from kgbuild.records import Article

#: Line breaks as ``str.splitlines`` knows them.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Traced:
    """A piece of cleaned text that knows where each of its characters was read: runs of
    ``(start here, start in the source, length)``; the characters between runs are separators.

    >>> t = Traced.read("  Hello world  ", 0).strip()
    >>> t.text, t.runs
    ('Hello world', ((0, 2, 11),))
    >>> Traced.join(" ", [t[:5], Traced.read("there", 40)]).runs
    ((0, 2, 5), (6, 40, 5))
    """

    text: str
    runs: tuple[tuple[int, int, int], ...] = ()

    @classmethod
    def read(cls, text: str, start: int) -> Traced:
        """Text read from the source at ``start``."""
        return cls(text, ((0, start, len(text)),) if text else ())

    def __getitem__(self, key: slice) -> Traced:
        start, stop, _ = key.indices(len(self.text))
        stop = max(start, stop)
        runs = []
        for at, src, n in self.runs:
            lo, hi = max(at, start), min(at + n, stop)
            if lo < hi:
                runs.append((lo - start, src + lo - at, hi - lo))
        return Traced(self.text[start:stop], tuple(runs))

    def strip(self) -> Traced:
        lead = len(self.text) - len(self.text.lstrip())
        return self[lead : len(self.text.rstrip())]

    def rstrip(self) -> Traced:
        return self[: len(self.text.rstrip())]

    @staticmethod
    def join(sep: str, parts: list[Traced]) -> Traced:
        """The parts joined by ``sep``, which is a separator, not source text."""
        text: list[str] = []
        runs: list[tuple[int, int, int]] = []
        pos = 0
        for i, p in enumerate(parts):
            if i:
                text.append(sep)
                pos += len(sep)
            text.append(p.text)
            runs.extend((pos + at, src, n) for at, src, n in p.runs)
            pos += len(p.text)
        return Traced("".join(text), tuple(runs))

    def layout(self) -> tuple[int, ...]:
        """The runs as the flat triples of :attr:`Article.layout`, neighbours merged (one empty
        run when there is no text: an empty layout would mean the whole source)."""
        if not self.runs:
            return (0, 0, 0)
        out: list[int] = []
        for at, src, n in self.runs:
            if out and out[-3] + out[-1] == at and out[-2] + out[-1] == src:
                out[-1] += n
            else:
                out += (at, src, n)
        return tuple(out)


def traced_lines(raw: str) -> list[Traced]:
    """The lines of a text, each stripped of surrounding white space, with their place.

    >>> [(t.text, t.runs) for t in traced_lines(" a\\r\\nb \\n")]
    [('a', ((0, 1, 1),)), ('b', ((0, 4, 1),))]
    """
    out = []
    pos = 0
    for m in _LINE_BREAK.finditer(raw):
        out.append(Traced.read(raw[pos : m.start()], pos).strip())
        pos = m.end()
    if pos < len(raw):
        out.append(Traced.read(raw[pos:], pos).strip())
    return out


#: A first line longer than this is the story itself, not a title.
_TITLE_MAX_WORDS = 30
#: A title taken from the first sentence is cut near this many characters.
_DERIVED_TITLE_CHARS = 200
#: Only the first lines under the title may be a date line.
_DATE_LINE_WINDOW = 6


@cache
def _patterns(name: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r, re.I) for r in datafiles.lines(name))


def is_furniture(line: str) -> bool:
    """True for a whole line of page furniture ("Also Read: …", "Most Popular Articles").

    >>> is_furniture("Also Read: NATO hints at support"), is_furniture("Talks went on.")
    (True, False)
    """
    return _any_pattern("furniture.txt").fullmatch(line.strip()) is not None


@cache
def _any_pattern(name: str) -> re.Pattern[str]:
    """The patterns of a data file as one alternation (one match instead of one per line)."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in _patterns(name)), re.I)


def strip_trailing_furniture(paragraph: str) -> str:
    """Remove furniture glued to the end of a paragraph ("… the region. Learn more").

    >>> strip_trailing_furniture("The colony shrank. Read more")
    'The colony shrank.'
    """
    return _strip_trailing(Traced(paragraph)).text


def _strip_trailing(paragraph: Traced) -> Traced:
    for p in _patterns("trailing_furniture.txt"):
        m = p.search(paragraph.text)
        if m is not None:  # every pattern ends at the end of the paragraph
            paragraph = paragraph[: m.start()]
    return paragraph.rstrip()


# ----------------------------------------------------------------------------- metadata lines

_NAME = r"[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}"
#: A "Source:" line longer than this is a sentence of the story.
_SOURCE_LINE_WORDS = 8
_SOURCE_LINE = re.compile(r"^(?:source|sources|via|credit)\s*:\s*(?P<src>.{2,60})$", re.I)
_AUTHOR_LINE = re.compile(
    r"^(?i:author|authors|by|written by|reporting by|words by)\s*:?\s+"
    rf"(?P<name>{_NAME}(?:(?:,|\s+and|\s+&)\s+{_NAME})*)\.?$"
)
_BIO_LINE = re.compile(
    r"^(?P<name>[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}) (?:is|was) (?:a|an|the) [\w\s-]{0,40}?"
    r"(?:editor|reporter|correspondent|writer|journalist|columnist|contributor|producer)"
    r"(?: [\w\s-]{0,20})? (?:of|at|for|with) (?P<src>[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})"
)
_AGENCY_TAIL = re.compile(r"(?<=[.!?”\"’'])\s*\((?P<src>[A-Z][A-Za-z.&' ]{1,24})\)\s*$")
_AGENCY_SLASH = re.compile(r"/(?P<src>[A-Z][A-Za-z]{1,14})/\.?")

# Datelines: "MOSCOW, February 15. /TASS/.", "GENEVA (Reuters) -", "MOSCOW – ", "Moscow: "
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'-]+(?:[ -][A-Z][A-Z.'-]+){0,3})"
    r"(?:,\s*(?P<when>[A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?))?"
    r"(?:\.?\s*/(?P<slash>[A-Za-z]{2,15})/\.?)?"
    r"(?:\s*\((?P<paren>[A-Za-z][A-Za-z.&' ]{1,24})\))?"
    r"\s*(?P<sep>[–—-]{1,2}|\.(?=\s))\s+"
)
_COLON_DATELINE = re.compile(r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?):\s+(?=[A-Z])")

#: Words that open a paragraph like a dateline but name no place: "UPDATE: …", "Analysis: …".
_KICKERS = frozenset(
    "update updated breaking exclusive analysis opinion editorial comment commentary note "  # noqa: SIM905
    "correction watch live video photos photo audio podcast explainer factbox timeline "
    "interview transcript summary background advertisement".split()
)
_HEADING = re.compile(r"^(?=.*[A-Z])[A-Z0-9][A-Z0-9 '&,.-]{2,40}$")

#: Lower-case words a date line may hold besides the date: "Published on …", "10:32 am".
_DATE_LINE_WORDS = frozenset(
    "published updated posted last modified on at am pm a.m. p.m. gmt utc bst cet cest est edt "  # noqa: SIM905
    "pst pdt ist msk jst".split()
)
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?::\d{2})?(\s*[ap]\.?m\.?)?\b", re.I)
_WEEKDAY = re.compile(r"\b(mon|tues|wed|wednes|thu|thurs|fri|sat|satur|sun)(day)?\b\.?,?", re.I)
_TEMPERATURE = re.compile(r"-?\d{1,3}(?:[.,]\d)?\s*°?\s*[CF]\b|°")
_WEATHER = re.compile(
    r"\b(sunny|cloudy|clear|rain|showers|haze|hazy|mist|fog|snow|humid|humidity|windy|overcast)\b",
    re.I,
)
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Prof|St|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Maj|Adm|Rev|Jr|Sr|"
    r"No|Inc|Corp|Co|Ltd|vs|etc|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|Mt|Ft))\.$"
)


def is_author_line(line: str) -> bool:
    """A line naming the article's authors: "By John Smith and Jane Roe", "Author: Jane Roe".

    >>> is_author_line("By John Smith and Jane Roe"), is_author_line("By the river")
    (True, False)
    """
    return _AUTHOR_LINE.match(line) is not None


def is_source_line(line: str) -> bool:
    """A line naming the article's publisher or agency: "Source: Daily Example".

    >>> is_source_line("Source: Daily Example"), is_source_line("Source: " + "word " * 20)
    (True, False)
    """
    return _SOURCE_LINE.match(line) is not None and len(line.split()) <= _SOURCE_LINE_WORDS


def is_date_line(line: str) -> bool:
    """A line that is a date and perhaps a section name, a clock or "Published on".

    >>> is_date_line("Russian Politics & Diplomacy February 15, 2022, 19:25")
    True
    >>> is_date_line("He died on March 3, 2020.")
    False
    """
    span = date_span(line)
    if not span:
        return False
    rest = line[: span[0]] + " " + line[span[1] :]
    rest = _WEEKDAY.sub(" ", _CLOCK.sub(" ", rest))
    words = [w for w in re.split(r"[\s,|:;/()–—-]+", rest) if w and w not in "&."]
    if len(words) > 6:
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _DATE_LINE_WORDS for w in words)


def _is_weather(line: str) -> bool:
    words = line.split()
    return (
        len(words) <= 6
        and bool(_TEMPERATURE.search(line) or _WEATHER.search(line))
        and (not re.search(r"[.!?]$", line) or len(words) <= 2)
    )


def _is_header_noise(line: str, following: str = "", after_noise: bool = False) -> bool:
    """Clock, weather, date and place lines that scraped pages carry above the title.

    A date line directly above another date line is a title that holds a date ("Business
    Brief for December 12, 2005" above "2005-12-12"). A lone word is a place name of the
    header ("Delhi") when it stands next to other header lines, else a one-word title.
    """
    s = line.strip()
    if is_furniture(s) or _is_weather(s) or _CLOCK.fullmatch(s):
        return True
    if is_date_line(s):
        return not is_date_line(following)
    if len(s.split()) <= 1 and not re.search(r"[.!?:]$", s):
        f = following.strip()
        return after_noise or bool(f and (_is_weather(f) or _CLOCK.fullmatch(f) or is_date_line(f)))
    return False


@dataclass
class _Meta:
    date: str | None = None
    source: str | None = None
    author: str | None = None
    dateline: str | None = None


def content_hash(text: str) -> str:
    """Hash of an article's text, whitespace-normalised: the identity of its content."""
    norm = " ".join(text.split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


_content_hash = content_hash  # for parse_article, whose parameter of that name hides it


def parse_article(
    raw: str,
    *,
    article_id: str,
    path: str | None = None,
    content_hash: str | None = None,
    warnings: tuple[str, ...] = (),
) -> Article:
    """Split a decoded article into an :class:`Article`.

    ``text`` is ``raw`` as given; the cleaned text the NLP stage reads (``Article.cleaned``) is
    the title, a blank line and the body paragraphs separated by blank lines, with furniture,
    metadata lines and the dateline removed, and ``layout`` says where each of its runs lies in
    ``raw``. When the article has no title line, the title is its first sentence and is not
    repeated in the cleaned text.
    """
    lines = traced_lines(raw)
    meta = _Meta()
    start = _title_index([ln.text for ln in lines])
    title = ""
    title_line: Traced | None = None
    body_lines: list[Traced] = []
    if start < len(lines):
        if len(lines[start].text.split()) <= _TITLE_MAX_WORDS:
            title_line = lines[start]
            title = _squash(title_line.text)
            body_lines = lines[start + 1 :]
        else:  # no title line: the story starts at once; its first sentence names it
            body_lines = lines[start:]
    kept = _metadata(body_lines, meta)
    paragraphs = [_strip_trailing(p) for p in _rejoin_abbreviations(_paragraphs(kept))]
    paragraphs = [p for p in paragraphs if p.text and not is_furniture(p.text)]
    paragraphs = _dateline(paragraphs, meta)
    paragraphs = _agency(paragraphs, meta)
    paragraphs = [p for p in paragraphs if p.text and not is_furniture(p.text)]
    if title_line is None and paragraphs:
        title = first_sentence(paragraphs[0].text)
    cleaned = Traced.join("\n\n", paragraphs if title_line is None else [title_line, *paragraphs])
    return Article(
        id=article_id,
        text=raw,
        title=title,
        date=meta.date,
        source=meta.source,
        author=meta.author,
        dateline=meta.dateline,
        paths=(path,) if path else (),
        content_hash=content_hash or _content_hash(raw),
        warnings=warnings,
        layout=cleaned.layout(),
    )


def _squash(line: str) -> str:
    return " ".join(line.split())


def _title_index(lines: list[str]) -> int:
    """Index of the title line: the first line that is not header noise."""
    i = 0
    after_noise = False
    while i < len(lines):
        line = lines[i]
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if line:
            if not _is_header_noise(line, following, after_noise):
                break
            after_noise = True
        i += 1
    return i


def _metadata(body_lines: list[Traced], meta: _Meta) -> list[Traced]:
    """Take date, source, author and bio lines out of the body; drop furniture and headings."""
    kept: list[Traced] = []
    for n, line in enumerate(body_lines):
        ln = line.text
        if not ln:
            kept.append(line)
            continue
        if (
            n < _DATE_LINE_WINDOW
            and meta.date is None
            and len(ln.split()) <= 10
            and is_date_line(ln)
        ):
            meta.date = parse_explicit_date(ln)
            continue
        m = _SOURCE_LINE.match(ln)
        if m and len(ln.split()) <= _SOURCE_LINE_WORDS:
            meta.source = meta.source or m["src"].strip().rstrip(".")
            continue
        m = _AUTHOR_LINE.match(ln)
        if m:
            meta.author = meta.author or _squash(m["name"])
            continue
        m = _BIO_LINE.match(ln)
        if m and len(ln.split()) <= 40:
            meta.author = meta.author or m["name"]
            meta.source = meta.source or m["src"].rstrip(".,")
            continue
        if is_furniture(ln):
            continue
        if _HEADING.fullmatch(ln) and len(ln.split()) <= 4 and not ln.endswith("."):
            continue  # section heading in capitals: "NEW CEASEFIRE"
        kept.append(line)
    return kept


def _dateline(paragraphs: list[Traced], meta: _Meta) -> list[Traced]:
    """Find the dateline at the start of one of the first paragraphs and cut it off."""
    out = list(paragraphs)
    for k, traced in enumerate(out[:3]):
        para = traced.text
        m = _DATELINE.match(para)
        if (
            m
            and len(m["place"]) >= 3
            and len(para.split()) > 3
            and m["place"].lower() not in _KICKERS
            and (m["sep"] != "." or m["when"] or m["slash"])
        ):
            meta.dateline = m["place"].strip()
            meta.source = meta.source or m["slash"] or m["paren"]
            if m["when"] and meta.date is None:
                meta.date = parse_explicit_date(m["when"])
            out[k] = traced[m.end() :]
            break
        m2 = _COLON_DATELINE.match(para) if k == 0 else None  # "Moscow: …" opens the story
        if m2 and len(para.split()) > 12 and m2["place"].lower() not in _KICKERS:
            meta.dateline = m2["place"]
            out[k] = traced[m2.end() :]
            break
    return out


def _agency(paragraphs: list[Traced], meta: _Meta) -> list[Traced]:
    """An agency mark closing the story ("… soon. (AP)") or in its first lines ("/TASS/")."""
    out = list(paragraphs)
    if not out:
        return out
    m = _AGENCY_TAIL.search(out[-1].text)
    if m and len(m["src"].split()) <= 3:
        meta.source = meta.source or m["src"].strip()
        out[-1] = out[-1][: m.start()].rstrip()
    if meta.source is None:
        for para in out[:3]:
            m4 = _AGENCY_SLASH.search(para.text[:200])
            if m4:
                meta.source = m4["src"]
                break
    return out


def first_sentence(paragraph: str, limit: int = _DERIVED_TITLE_CHARS) -> str:
    """The first sentence of a paragraph, to serve as a title; long ones cut with "…".

    >>> first_sentence("Officials in the U.S. and Canada met on Monday. Talks went on.")
    'Officials in the U.S. and Canada met on Monday.'
    >>> first_sentence("no punctuation at all " * 30).endswith("at all …")
    True
    """
    text = _squash(paragraph)
    for m in re.finditer(r"[.!?](?=[”\"’']?(\s+[“\"‘']?[A-Z0-9]|$))", text):
        end = m.end()
        if not _ABBREVIATION.search(text[:end]) or end == len(text):
            if end <= 1.6 * limit:
                return text[:end].rstrip()
            break
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:—–-") + " …"


#: Words that start sentences: a paragraph starting with one of them after an abbreviation
#: starts a sentence of its own ("… near the U.S." / "The bill passed …").
SENTENCE_STARTERS = frozenset(
    "a an the this that these those he she it they we i you his her its their our my your "  # noqa: SIM905
    "there here in on at by for from with as after before during since while when if but and "
    "or so yet however meanwhile also then later earlier according no not some many most "
    "other one all both each every such what who which where why how along although though "
    "yesterday today tomorrow".split()
)

#: Prepositions of place: "in the U.S." ends a phrase of place, which usually ends its
#: sentence too ("… operated in the U.S." / "Although the agency …").
PLACE_PREPOSITIONS = frozenset({"in", "across", "throughout", "within", "around", "inside"})


#: Initials of two or more letters: "U.S.", "E.U.".
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_INITIALS_AT_END = re.compile(_INITIALS.pattern + "$")


@cache
def _abbreviations() -> tuple[frozenset[str], frozenset[str]]:
    """The prenominal abbreviations of ``prenominal_abbreviations.txt``, and those left out."""
    entries = datafiles.lines("prenominal_abbreviations.txt")
    return (
        frozenset(e for e in entries if not e.startswith("-")),
        frozenset(e[1:] for e in entries if e.startswith("-")),
    )


def ends_in_prenominal_abbreviation(paragraph: str) -> bool:
    """Whether a paragraph ends with an abbreviation that stands before a name or noun.

    >>> ends_in_prenominal_abbreviation("Ana Ferreira, leader of the U.K.")
    True
    >>> ends_in_prenominal_abbreviation("He lives in Washington, D.C."), ends_in_prenominal_abbreviation("Talks went on.")
    (False, False)
    >>> ends_in_prenominal_abbreviation("It is sold in the U.S.")  # a place ends its sentence
    False
    """
    words = paragraph.split()
    if not words:
        return False
    last = words[-1].lstrip("(\"'“‘")
    titles, left_out = _abbreviations()
    if last in titles:
        return True
    if last in left_out or _INITIALS.fullmatch(last) is None:
        return False
    before = [w.lower() for w in words[-3:-1]]
    return not (len(before) == 2 and before[0] in PLACE_PREPOSITIONS and before[1] == "the")


def continues_sentence(paragraph: str) -> bool:
    """Whether a paragraph can continue a sentence broken after an abbreviation: it starts
    with a capitalised content word ("Congress, has caused …", "Secretary of State …").

    >>> continues_sentence("Department of Labor has released data"), continues_sentence("The bill passed.")
    (True, False)
    """
    first = paragraph.split(maxsplit=1)[0] if paragraph.split() else ""
    word = re.split(r"['’]", first.lower().strip(",;:"), maxsplit=1)[0]  # "He's" → "he"
    return first[:1].isupper() and word not in SENTENCE_STARTERS


#: The end of an appositive after an abbreviation: capitalised words, a comma, a finite
#: verb ("… leader of the U.K." / "Conservative Party, has outlined …").
_APPOSITIVE_END = re.compile(
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*, (?:has|have|had|is|was|were|are|will|would|said|says)\b"
)


def _rejoin_abbreviations(paragraphs: list[Traced]) -> list[Traced]:
    """Join a paragraph broken after a prenominal abbreviation to the one it continues ("the
    only Muslim in the U.S." / "Congress, has caused controversy …")."""
    out: list[Traced] = []
    for p in paragraphs:
        prev = out[-1].text if out else ""
        if (
            out
            and continues_sentence(p.text)
            and (
                ends_in_prenominal_abbreviation(prev)
                or (_INITIALS_AT_END.search(prev) and _APPOSITIVE_END.match(p.text))
            )
        ):
            out[-1] = Traced.join(" ", [out[-1], p])
        else:
            out.append(p)
    return out


def _paragraphs(lines: list[Traced]) -> list[Traced]:
    """Join lines into paragraphs: blank lines separate; a line that does not end a sentence
    and is followed by one starting in lower case is a broken line and is joined."""
    out: list[Traced] = []
    cur: list[Traced] = []
    for line in lines:
        ln = line.text
        if not ln:
            if cur:
                out.append(Traced.join(" ", cur))
                cur = []
            continue
        if cur and (re.search(r"[.!?”\"’')\]]$", cur[-1].text) or not ln[:1].islower()):
            out.append(Traced.join(" ", cur))
            cur = []
        cur.append(line)
    if cur:
        out.append(Traced.join(" ", cur))
    return out
