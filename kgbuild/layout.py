"""Where the analysed text of an article comes from in the text that was read.

Ingest keeps an article's text as it was read (``Article.text``: the decoded file, or for a
web page the text that ``kgbuild text FILE`` prints) and analyses a cleaned copy of it: title
and body, without metadata lines, furniture and the dateline, broken lines joined. The cleaned
copy is made of *runs* of the source text, separated by a space (two lines of one paragraph) or
a blank line (two paragraphs). ``Article.layout`` lists the runs as flat triples
``(start in the cleaned text, start in the source, length)``; with no layout the cleaned text is
the source itself.

:func:`relocate` moves every span of a document's result from the cleaned text to the source,
so that every ``[start, end)`` the project writes counts characters of the text that was read.

>>> from kgbuild.records import Article
>>> a = Article(id="x", text="Title\\n2020-01-01\\n\\nOne line\\nand the next.", title="Title",
...             layout=(0, 0, 5, 7, 18, 8, 16, 27, 13))
>>> analysis_text(a)
'Title\\n\\nOne line and the next.'
>>> source_span(a.layout, 7, 28)
(18, 39)
>>> a.text[18:39]
'One line\\nand the next'
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from kgbuild.records import (
    Argument,
    Article,
    DocumentResult,
    EventMention,
    Mention,
    Predicate,
    Span,
    TimeValue,
    Triple,
)


def analysis_text(article: Article) -> str:
    """The cleaned text the NLP stage reads (:attr:`Article.cleaned`).

    >>> analysis_text(Article(id="x", text="Plain text.", title=""))
    'Plain text.'
    """
    return article.cleaned


class _Runs:
    """The runs of a layout, searchable by their start in the cleaned text."""

    __slots__ = ("at", "length", "start")

    def __init__(self, layout: Sequence[int]) -> None:
        self.at = list(layout[0::3])
        self.start = list(layout[1::3])
        self.length = list(layout[2::3])

    def begin(self, pos: int) -> int:
        """The source offset of the character at ``pos``; a position between runs takes the
        start of the next run."""
        k = bisect.bisect_right(self.at, pos) - 1
        if k >= 0 and pos < self.at[k] + self.length[k]:
            return self.start[k] + pos - self.at[k]
        k += 1
        if k < len(self.at):
            return self.start[k]
        return self.start[-1] + self.length[-1] if self.at else pos

    def finish(self, end: int) -> int:
        """The source offset just after the character before ``end``; an end between runs
        takes the end of the previous run."""
        k = bisect.bisect_right(self.at, end - 1) - 1
        if k < 0:
            return self.start[0] if self.at else end
        return self.start[k] + min(end - self.at[k], self.length[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """``[start, end)`` of the cleaned text as ``[start, end)`` of the source."""
        s = self.begin(start)
        e = self.finish(end) if end > start else s
        return s, max(s, e)


def source_span(layout: tuple[int, ...], start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` of the cleaned text as ``[start, end)`` of the source.

    For one span; :func:`relocate` indexes a layout once for all the spans of a document
    (a layout has about one run per line of the source, so indexing it for every span would
    make moving a document's spans grow with the square of its length).

    >>> source_span((0, 10, 5), 1, 4)
    (11, 14)
    """
    return _Runs(layout).span(start, end) if layout else (start, end)


class _Relocator:
    """Moves the spans of one document's records from the cleaned text to the source."""

    def __init__(self, article: Article) -> None:
        self.runs = _Runs(article.layout)
        self.text = article.text
        self.done: dict[Span, Span] = {}

    def span(self, s: Span) -> Span:
        hit = self.done.get(s)
        if hit is None:
            start, end = self.runs.span(s.start, s.end)
            hit = self.done[s] = Span(start, end, self.text[start:end])
        return hit

    def opt(self, s: Span | None) -> Span | None:
        return None if s is None else self.span(s)

    def argument(self, a: Argument | None) -> Any:
        if a is None:
            return None
        return replace(a, span=self.span(a.span), head=self.span(a.head))

    def predicate(self, p: Predicate) -> Predicate:
        return replace(p, span=self.span(p.span), head=self.opt(p.head))

    def time(self, t: TimeValue | None) -> TimeValue | None:
        if t is None or t.span is None:
            return t
        span = self.span(t.span)
        return replace(t, span=span, text=span.text if t.text == t.span.text else t.text)

    def triple(self, t: Triple) -> Triple:
        return replace(
            t,
            sentence=self.span(t.sentence),
            subject=self.argument(t.subject),
            predicate=self.predicate(t.predicate),
            object=self.argument(t.object),
            arguments=tuple(self.argument(a) for a in t.arguments),
            attributed_to=self.argument(t.attributed_to),
            time=self.time(t.time),
            place=self.argument(t.place),
        )

    def mention(self, m: Mention) -> Mention:
        return replace(m, span=self.span(m.span))

    def event_mention(self, m: EventMention) -> EventMention:
        return replace(
            m, span=self.span(m.span), sentence=self.span(m.sentence), time=self.time(m.time)
        )


def relocate(result: DocumentResult) -> DocumentResult:
    """A document's result with every span moved from the cleaned text to the source text
    (:attr:`Article.text`); the result itself when the article has no layout."""
    if not result.article.layout:
        return result
    r = _Relocator(result.article)
    return replace(
        result,
        mentions=tuple(r.mention(m) for m in result.mentions),
        triples=tuple(r.triple(t) for t in result.triples),
        time_expressions=tuple(x for t in result.time_expressions if (x := r.time(t))),
        event_mentions=tuple(r.event_mention(m) for m in result.event_mentions),
    )


__all__ = ["analysis_text", "relocate", "source_span"]
