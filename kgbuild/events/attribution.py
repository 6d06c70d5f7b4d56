"""Reported speech: who an event is attributed to, and by which words.

Four constructions give an event a source:

* a clause in the complement of a verb of saying ("X said (that) Y", "X told reporters Y",
  "X accused Z of Y-ing", "Y, X said") — the source is the verb's subject;
* "according to X" in the event's clause;
* a quotation: every event inside the quotation marks belongs to the speaker of the verb of
  saying next to the quotation, even across sentences;
* a headline "X: statement" or "statement — X".

:func:`find_sources` returns, for a parsed document, an :class:`AttributionIndex`; its
:meth:`~AttributionIndex.source` gives the :class:`Source` of an event token.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from spacy.tokens import Doc, Token

from kgbuild.doctext import doc_text
from kgbuild.events.lexicon import speech_verbs

#: Dependencies that inherit the subject of the verb above them ("stressing, …", "and added …").
SUBJECT_INHERITING_DEPS = frozenset({"conj", "xcomp", "advcl"})
#: Dependencies that make a clause the content of the verb of saying above it.
CONTENT_DEPS = frozenset({"ccomp", "parataxis"})
#: Noun-phrase dependents kept in a speaker's phrase.
NP_DEPS = frozenset(
    {"compound", "det", "amod", "poss", "case", "nmod", "flat", "nummod", "quantmod"}
)
#: Quotation marks: opening → closing.
QUOTES = {"“": "”", '"': '"', "«": "»", "``": "''"}
_OPENERS = re.compile("|".join(map(re.escape, QUOTES)))
#: Headline separators between a speaker and a statement.
HEADLINE_SEPARATORS = re.compile(r"\s*:\s+|\s+[—–-]\s+")
#: Entity labels that cannot speak in a headline ("PARIS – …" is a dateline).
HEADLINE_NON_SPEAKER_LABELS = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "NORP"})
HEADLINE_MAX_WORDS = 20
#: Shorter quotations are scare quotes ("a “good sign”"), not reported speech.
MIN_QUOTE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Source:
    """Who says so: the speaker's head token, and the words that say it.

    ``cue_start``/``cue_end`` delimit the verb of saying ("said"), "according to", or the
    headline separator; ``verb`` is the verb of saying when there is one.
    """

    speaker: Token
    cue_start: int
    cue_end: int
    kind: str  # speech | according | quote | headline
    verb: Token | None = None


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, inherited from the verb above for conjuncts and participles."""
    cur = verb
    for _ in range(10):
        for c in cur.children:
            if (
                c.dep_ in {"nsubj", "nsubjpass"}
                and c.lower_ not in {"it", "there"}
                and same_line(c, cur)
            ):
                return c
        if cur.dep_ in SUBJECT_INHERITING_DEPS and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def np_range(tok: Token) -> tuple[int, int]:
    """Token range ``[start, end)`` of the core noun phrase headed by ``tok``."""
    idx = {tok.i}
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if (
                c.dep_ in NP_DEPS
                or (c.dep_ == "conj" and t.i == tok.i)
                or (c.dep_ == "cc" and t.i == tok.i)
            ):
                idx.add(c.i)
                stack.append(c)
    lo = hi = tok.i
    while lo - 1 in idx:
        lo -= 1
    while hi + 1 in idx:
        hi += 1
    return lo, hi + 1


def same_line(a: Token, b: Token) -> bool:
    """Whether two tokens stand on one line: reported speech does not cross a line break,
    even where the parser joins two paragraphs into one sentence."""
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in doc_text(a.doc)[lo:hi]


def _is_speech(tok: Token) -> bool:
    return tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in speech_verbs()


def _ancestors(tok: Token) -> Iterator[tuple[Token, Token]]:
    """(child, parent) pairs from ``tok`` up to its sentence root."""
    cur = tok
    for _ in range(60):
        if cur.head.i == cur.i:
            return
        yield cur, cur.head
        cur = cur.head


def _according_to(tok: Token) -> Token | None:
    """The X of an "according to X" on the token or one of its ancestors' clauses."""
    for node in (tok, *(p for _c, p in _ancestors(tok))):
        for c in node.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for to in c.children:
                    if to.lower_ == "to":
                        for x in to.children:
                            if x.dep_ == "pobj":
                                return x
    return None


@dataclass(frozen=True)
class AttributionIndex:
    """The attribution sources of one document."""

    doc: Doc
    quotes: tuple[tuple[int, int, Source | None], ...]
    headlines: tuple[tuple[int, int, Source], ...]

    def source(self, tok: Token) -> Source | None:
        """The nearest source of the event of ``tok``: syntax first, then quotation, headline."""
        for child, parent in _ancestors(tok):
            if not same_line(tok, parent):
                break
            if child.dep_ in CONTENT_DEPS and _is_speech(parent):
                sp = speaker_of(parent)
                if sp is not None:
                    return Source(sp, parent.idx, parent.idx + len(parent), "speech", parent)
            if child.dep_ == "pcomp" and parent.dep_ == "prep" and _is_speech(parent.head):
                # "accused the army of shelling …"
                sp = subject_of(parent.head)
                if sp is not None:
                    v = parent.head
                    return Source(sp, v.idx, v.idx + len(v), "speech", v)
        para = self._parenthetical(tok)
        if para is not None:
            return para
        acc = _according_to(tok)
        if acc is not None:
            cue = acc.head.head
            return Source(acc, cue.idx, acc.head.idx + len(acc.head), "according")
        # quotations are in order and do not overlap: only the last one opening at or before
        # the token can hold it
        k = bisect.bisect_right(self.quotes, tok.idx, key=lambda q: q[0]) - 1
        if k >= 0:
            start, end, src = self.quotes[k]
            if src is not None and start <= tok.idx < end:
                return src
        # a headline attribution lies within its line: only those of the token's line count
        line = doc_text(self.doc).rfind("\n", 0, tok.idx) + 1
        for start, end, src in self._headlines_by_line.get(line, ()):
            if start <= tok.idx < end:
                return src
        return None

    @cached_property
    def _headlines_by_line(self) -> dict[int, list[tuple[int, int, Source]]]:
        """The headline attributions by the start of their line, in order."""
        text = doc_text(self.doc)
        out: dict[int, list[tuple[int, int, Source]]] = {}
        for h in self.headlines:
            out.setdefault(text.rfind("\n", 0, h[0]) + 1, []).append(h)
        return out

    def _parenthetical(self, tok: Token) -> Source | None:
        """ "The army has left, the mayor said": a verb of saying with no content of its own hanging
        on the root of the event's sentence."""
        root = tok.sent.root
        if tok.i == root.i or tok.is_ancestor(root):
            return None
        if not root.is_ancestor(tok):
            return None
        for c in root.children:
            if not same_line(c, tok) or c.i == tok.i or c.is_ancestor(tok):
                continue
            if c.dep_ in {"parataxis", "advcl"} and _is_speech(c):
                if any(g.dep_ in CONTENT_DEPS for g in c.children):
                    continue
                sp = subject_of(c)
                if sp is not None and sp.head.i == c.i:
                    return Source(sp, c.idx, c.idx + len(c), "speech", c)
        return None


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges ``[start, end)`` inside quotation marks (the marks excluded).

    >>> quote_regions('He said: “We are ready.” Then “no.”')
    [(10, 23), (31, 34)]
    """
    out = []
    i = 0
    n = len(text)
    para = -1  # the next paragraph break at or after i (found again only once passed)
    while (found := _OPENERS.search(text, i)) is not None:
        i, opener = found.start(), found.group()
        closer = QUOTES[opener]
        if para < i:
            para = text.find("\n\n", i)
            para = n if para < 0 else para
        # a quotation closes within its paragraph: look no further
        j = text.find(closer, i + len(opener), para)
        if j < 0:
            i += len(opener)
            continue
        out.append((i + len(opener), j))
        i = j + len(closer)
    return out


def speaker_of(verb: Token) -> Token | None:
    """The speaker of a verb of saying: its subject; a participle of saying ("…, stressing
    that …") inside what another verb of saying reports belongs to that verb's speaker."""
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        for child, parent in _ancestors(verb):
            if child.dep_ in CONTENT_DEPS and _is_speech(parent):
                return subject_of(parent)
    return subject_of(verb)


def _next_sentence(tok: Token, pos: int) -> bool:
    """Whether character ``pos`` starts the sentence right after the one of ``tok``."""
    sent = tok.sent
    gap = doc_text(tok.doc)[sent.end_char : pos]
    return sent.end_char <= pos and not gap.strip(' \n\t“"«') and "\n\n" not in gap


class _Sentences:
    """The sentences of a document with their character bounds, to find those a range touches
    without going through all of them."""

    def __init__(self, doc: Doc) -> None:
        self.sents = list(doc.sents)
        self.starts = [s.start_char for s in self.sents]
        self.ends = [s.end_char for s in self.sents]

    def touching(self, start: int, end: int) -> list[Any]:
        """The sentences with ``start_char <= end`` and ``end_char > start - 1``, in order."""
        lo = bisect.bisect_right(self.ends, start - 1)
        hi = bisect.bisect_right(self.starts, end)
        return self.sents[lo:hi]


def _inside(pos: int, regions: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` is in one of ``regions`` (in order, not overlapping: quote regions)."""
    k = bisect.bisect_right(regions, (pos, math.inf)) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]


def _quote_source(
    doc: Doc,
    start: int,
    end: int,
    regions: list[tuple[int, int]],
    previous: Source | None,
    sentences: _Sentences | None = None,
) -> Source | None:
    """The speaker of a quotation: the nearest verb of saying outside quotation marks in the
    sentences the quotation touches; a quotation that opens a sentence right after another
    attributed quotation ("“…,” X said. “…”") continues it."""
    if len(doc_text(doc)[start:end].split()) < MIN_QUOTE_WORDS:
        return None  # scare quotes: "a “good sign”"

    def outside(t: Token) -> bool:
        return not _inside(t.idx, regions)

    touched = (sentences or _Sentences(doc)).touching(start, end)
    candidates: list[tuple[int, Token, Token]] = []
    for sent in touched:
        for t in sent:
            if (
                not (_is_speech(t) and outside(t))
                or "\n" in doc_text(doc)[min(t.idx, start) : max(t.idx, end)]
            ):
                continue
            sp = speaker_of(t)
            if sp is None or not outside(sp):
                continue
            dist = t.idx - end if t.idx >= end else max(0, start - t.idx)
            candidates.append((dist, t, sp))
    if candidates:
        _d, verb, speaker = min(candidates, key=lambda c: c[0])
        return Source(speaker, verb.idx, verb.idx + len(verb), "quote", verb)
    if previous is not None and previous.verb is not None and _next_sentence(previous.verb, start):
        return Source(
            previous.speaker, previous.cue_start, previous.cue_end, "quote", previous.verb
        )
    return None


def _headline_speaker(doc: Doc, start: int, end: int, *, leading: bool) -> Token | None:
    """The speaker a short headline part names: a name alone (proper nouns, no verb).

    A leading part ("Lindqvist: …") may not be a place or a date, which would be a dateline;
    a trailing part ("…: Lindqvist") may, as the recognizer often takes surnames for places.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not 1 <= len(span) <= 4 or any(t.pos_ != "PROPN" for t in span):
        return None
    if leading and any(t.ent_type_ in HEADLINE_NON_SPEAKER_LABELS for t in span):
        return None
    return span[-1]


def _headline_sources(doc: Doc) -> list[tuple[int, int, Source]]:
    """ "Lindqvist: army has left the town" / "Army has left the town — Lindqvist".

    Only short lines without a final full stop count as headlines. A leading speaker needs a
    colon and may not be written in capitals, which mark a dateline ("PARIS – …").
    """
    out = []
    pos = 0
    for line in doc_text(doc).split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not 3 <= len(line.split()) <= HEADLINE_MAX_WORDS or line.rstrip().endswith("."):
            continue
        for m in HEADLINE_SEPARATORS.finditer(line):
            cue = (start + m.start(), start + m.end())
            left, right = (start, cue[0]), (cue[1], end)
            colon = ":" in m.group()
            for who, what, leading in ((left, right, True), (right, left, False)):
                if leading and (not colon or doc_text(doc)[who[0] : who[1]].isupper()):
                    continue  # "PARIS – …", "OSLO: …": a dateline
                speaker = _headline_speaker(doc, *who, leading=leading)
                if speaker is not None:
                    out.append((what[0], what[1], Source(speaker, cue[0], cue[1], "headline")))
                    break
    return out


def find_sources(doc: Doc) -> AttributionIndex:
    """The quotations and headline attributions of a document, for :meth:`AttributionIndex.source`."""
    regions = quote_regions(doc_text(doc))
    quotes: list[tuple[int, int, Source | None]] = []
    previous: Source | None = None
    sentences = _Sentences(doc) if regions else None
    for a, b in regions:
        src = _quote_source(doc, a, b, regions, previous, sentences)
        quotes.append((a, b, src))
        previous = src if src is not None else previous
    return AttributionIndex(doc=doc, quotes=tuple(quotes), headlines=tuple(_headline_sources(doc)))


__all__ = [
    "AttributionIndex",
    "Source",
    "find_sources",
    "np_range",
    "quote_regions",
    "subject_of",
]
