"""Time expressions found in a parsed article: spaCy's DATE and TIME entities, cut where they
join two expressions, and the time words the entity recognizer misses; each normalized
(:mod:`kgbuild.events.timex.normalize`) in the tense of its clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from kgbuild.actors.ranges import RangeIndex
from kgbuild.dates import parse_explicit_date
from kgbuild.doctext import doc_text
from kgbuild.events.timex.normalize import FUTURE, PAST, PRESENT, normalize, parse_iso
from kgbuild.records import Span

#: spaCy entity labels that hold time expressions.
TIME_LABELS = frozenset({"DATE", "TIME"})

#: Time words spaCy's entity recognizer tends to miss; found by a plain text scan.
_EXTRA = re.compile(
    r"\b(?:(?:more\s+|most\s+)?recently|currently|nowadays|presently|ongoing|"
    r"in\s+the\s+(?:near\s+)?future|the\s+(?:near\s+)?future|the\s+(?:long|short|medium)\s+term|"
    r"single-day|intraday|later|recent|at\s+one\s+point|(?:by|at|until)\s+that\s+time|"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+"
    r"(?:straight|consecutive)?\s*(?:week|month|day|year|quarter)s?\s+in\s+a\s+row|"
    r"recent\s+(?:years|months|weeks|days|[\w.]+\s+history)|"
    r"(?:(?:this|last|next|early|late)\s+)?(?:spring|summer|autumn|winter)|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"today|yesterday|tomorrow|tonight)\b",
    re.I,
)
#: Prepositions of an end point: one not in the simple past lies ahead.
_UNTIL = frozenset({"until", "till", "through"})
#: Words after an expression that belong to it ("the year previous", "two weeks ago").
_POSTPOSED = frozenset({"previous", "before", "earlier", "later", "ago", "prior"})
#: Words that stop an extra scan match from being a time expression ("spring" as a verb).
_EXTRA_POS = frozenset({"NOUN", "PROPN", "ADV", "ADJ", "NUM"})


@dataclass(frozen=True, slots=True)
class Timex:
    """A time expression found in a document, with its TIMEX3 type and value."""

    span: Span
    type: str  # DATE | TIME | DURATION
    value: str | None  # TIMEX3 value; None when it cannot be resolved (no article date)
    tense: str = PAST


# --------------------------------------------------------------------------- finding in a document


_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
#: Verbs and adjectives whose open complement lies ahead: "is set to begin on Wednesday".
_FUTURE_GOVERNORS = frozenset(
    {
        "set",
        "schedule",
        "due",
        "expect",
        "plan",
        "intend",
        "go",
        "aim",
        "prepare",
        "scheduled",
        "expected",
        "likely",
        "poised",
        "slate",
        "slated",
    }
)


def clause_verb(tok: Token) -> Token:
    """The verb of the clause a token belongs to (the token itself when it is one)."""
    t = tok
    for _ in range(50):
        if t.pos_ in {"VERB", "AUX"} and t.dep_ not in {"aux", "auxpass"}:
            return t
        if t.head.i == t.i:
            return t
        t = t.head
    return t


def clause_tense(tok: Token) -> str:
    """``past``, ``present`` or ``future``: the tense of the clause of ``tok``.

    Future: a *will*/*shall* auxiliary or *going to*, or an open complement of a verb or
    adjective of planning ("set to", "expected to", "due to") in the present tense.
    """
    verb = clause_verb(tok)
    if verb.dep_ == "ROOT" and any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return FUTURE  # headline infinitive: "Markets to remain closed until Friday"
    chain = [verb]
    while chain[-1].dep_ in {"xcomp", "conj"} and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    for v in chain:
        aux = [c for c in v.children if c.dep_ in {"aux", "auxpass"}]
        if any(a.lower_ in _FUTURE_AUX or a.lemma_.lower() in {"will", "shall"} for a in aux):
            return FUTURE
        planned = v.i != verb.i and v.lemma_.lower() in _FUTURE_GOVERNORS
        if planned and (
            v.tag_ == "VBN" or (v.tag_ != "VBD" and not any(a.tag_ == "VBD" for a in aux))
        ):
            return FUTURE
    if verb.tag_ in {"VBD"} or any(
        c.tag_ == "VBD" for c in verb.children if c.dep_ in {"aux", "auxpass"}
    ):
        return PAST
    if verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in verb.children if c.dep_ == "aux"):
        return PAST
    if (
        verb.tag_ == "VBN"
        and verb.lemma_.lower() in _FUTURE_GOVERNORS
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    ):
        return PRESENT  # "the convention, scheduled for July 11": the nearest such date
    if verb.tag_ == "VBN":
        return PAST
    if verb.tag_ in {"VBZ", "VBP"} or any(
        c.tag_ in {"VBZ", "VBP"} for c in verb.children if c.dep_ == "aux"
    ):
        return PRESENT
    return PAST


def _simple_past(verb: Token) -> bool:
    """A verb in the simple past ("stayed", "was closed"), not the present perfect."""
    return verb.tag_ == "VBD" or any(
        c.tag_ == "VBD" for c in verb.children if c.dep_ in {"aux", "auxpass"}
    )


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of time expressions: spaCy DATE/TIME entities and missed time words."""
    ranges: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in TIME_LABELS:
            ranges.extend(_split(doc, ent))
    # the ranges by character, so that a match is checked against those near it only
    near = RangeIndex(ranges, _identity)
    for m in _EXTRA.finditer(doc_text(doc)):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in near.near(s, e)):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not any(t.pos_ in _EXTRA_POS for t in span):
            continue
        if span.root.pos_ == "VERB":
            continue
        ranges.append((s, e))
        near.add((s, e), _identity)
    return sorted(ranges)


def _identity(r: tuple[int, int]) -> tuple[int, int]:
    return r


def _split(doc: Doc, ent: SpacySpan) -> list[tuple[int, int]]:
    """An entity cut where it joins two expressions ("June 17, two days"), trimmed of glue
    words and extended by a following "previous", "before", "ago" … ("the year previous")."""
    text = ent.text
    end_char = ent.end_char
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if nxt is not None and nxt.lower_ in _POSTPOSED:
        text = doc_text(doc)[ent.start_char : nxt.idx + len(nxt)]
        end_char = nxt.idx + len(nxt)
    if parse_explicit_date(text):
        return [(ent.start_char, end_char)]
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r",\s+|\s+(?:and|or|to)\s+", text):
        pieces.append((start, m.start()))
        start = m.end()
    pieces.append((start, len(text)))
    out = []
    for a, b in pieces:
        seg = text[a:b]
        lead = len(seg) - len(re.sub(r"^(?:[\s\"“”‘(]|'(?!\d\d))+", "", seg))
        seg2 = seg.rstrip(' \n\t,.;:"”)')
        seg2 = re.sub(r"(?:\s+(?:and|or|the))+$", "", seg2, flags=re.I)
        if len(seg2) > lead:
            out.append((ent.start_char + a + lead, ent.start_char + a + len(seg2)))
    if len(out) > 1 and not all(_looks_temporal(text_of(doc, s, e)) for s, e in out):
        return [(ent.start_char, end_char)]
    return out


def text_of(doc: Doc, start: int, end: int) -> str:
    return doc_text(doc)[start:end]


def _looks_temporal(text: str) -> bool:
    return normalize(text, date(2000, 1, 1))[1] is not None


def find_timexes(doc: Doc, anchor: date | str | None) -> tuple[Timex, ...]:
    """Every time expression of the document, normalized against ``anchor`` (the article date)."""
    if isinstance(anchor, str):
        anchor = parse_iso(anchor)
    out: list[Timex] = []
    previous: list[str] = []
    years: list[tuple[int, int]] = []  # (end, year) of the bare years written so far
    for s, e in _candidates(doc):
        span = doc.char_span(s, e, alignment_mode="expand")
        tense = clause_tense(span.root) if span is not None else PAST
        bound = span is not None and span.start > 0 and doc[span.start - 1].lower_ in _UNTIL
        if bound and span is not None and not _simple_past(clause_verb(span.root)):
            tense = FUTURE  # "has kept markets closed until Friday"
        text = doc_text(doc)[s:e]
        type_, value = normalize(text, anchor, tense=tense, previous=previous)
        unresolved = value is None and type_ == "DATE" and not _is_time_of_day(text)
        if unresolved and (anchor is not None or not _looks_temporal(text)):
            continue
        if _told_of_another_year(text, value, anchor, s, years):
            continue  # "In 1981, Butz pleaded guilty … On June 19 he was sentenced"
        if value and re.fullmatch(r"(?:19|20)\d\d", value):
            years.append((e, int(value)))
        if value is None and _is_time_of_day(text):
            type_ = "TIME"
        out.append(Timex(span=Span(s, e, text), type=type_, value=value, tense=tense))
        if value and type_ == "DATE" and value[:1].isdigit():
            previous.append(value)
    return tuple(out)


#: How far back (in characters) a year written alone sets the year of the story being told.
STORY_YEAR_REACH = 400


def _told_of_another_year(
    text: str, value: str | None, anchor: date | None, start: int, years: list[tuple[int, int]]
) -> bool:
    """Whether a day written without its year ("On June 19") follows closely a year before
    the article's ("In 1981, …"): the story is of that time, and which year the day is in is
    not known, so it dates nothing."""
    if anchor is None or not value or len(value) != 10 or re.search(r"\b(?:19|20)\d\d\b", text):
        return False
    return any(start - end <= STORY_YEAR_REACH and y < anchor.year for end, y in years)


def _is_time_of_day(text: str) -> bool:
    return bool(
        re.search(r"\d{1,2}[:.]\d\d|\b(?:a\.?m\.?|p\.?m\.?|noon|midnight|gmt|utc)\b", text, re.I)
    )


__all__ = [
    "TIME_LABELS",
    "Timex",
    "clause_tense",
    "clause_verb",
    "find_timexes",
    "text_of",
]
