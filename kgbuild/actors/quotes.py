"""Quotations and their speakers: "I" and "we" inside a quote refer to whoever says it.

>>> quote_spans('He said: “We are ready.” Then ``we left.\\'\\' "Fine," she said.')
[(9, 24), (30, 42), (43, 50)]
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from kgbuild.actors.lexicon import words
from kgbuild.doctext import doc_text

#: Opening mark → closing mark.
_PAIRS = {"“": "”", "«": "»", "``": "''", "„": "“"}
#: Where a quotation opens: a mark of ``_PAIRS`` or a straight double quote.
_OPENING = re.compile("|".join(map(re.escape, (*_PAIRS, '"'))))
_MAX_QUOTE = 3000
#: A quote this few tokens after the previous one continues it ("…,” he said. “…”).
_CONTINUATION_GAP = 25


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges ``[start, end)`` of quotations, marks included.

    Curly, guillemet and TeX-style quotes pair with their closing mark; straight double
    quotes pair in turn. A quote left open closes at the end of its paragraph.
    """
    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    para = -1  # the next paragraph break at or after i (found again only once passed)
    while (found := _OPENING.search(text, i)) is not None:
        i, opener = found.start(), found.group()
        close = _PAIRS.get(opener, '"')
        if para < i:
            para = text.find("\n\n", i)
            para = n if para < 0 else para
        limit = min(para, i + _MAX_QUOTE, n)
        # a closing mark past the limit does not count: look no further
        j = text.find(close, i + len(opener), limit + len(close))
        end = limit if j < 0 else j + len(close)
        out.append((i, end))
        i = end
    return out


def quote_at(pos: int, spans: list[tuple[int, int]]) -> int | None:
    """The index of the span holding ``pos``, among spans in order that do not overlap (those
    of :func:`quote_spans`); None when none holds it."""
    k = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return k if k >= 0 and spans[k][0] <= pos < spans[k][1] else None


#: Verbs of quoting someone: their object is the speaker ("Reuters quoted the minister as
#: saying").
QUOTING_VERBS = frozenset({"quote", "cite"})


def _speech_subject(verb: Token, quotes: list[tuple[int, int]]) -> Token | None:
    """The subject of a speech verb, or of the clause a participle hangs on ("…, stressing").

    Subjects inside a quotation belong to the quoted clause, not to the speech verb.
    """
    if verb.dep_ == "pcomp" and verb.head.lower_ == "as":  # "quotes X as adding"
        verb = verb.head.head
    if verb.lemma_.lower() in QUOTING_VERBS:
        quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if quoted is not None:
            return quoted  # "Reuters quotes Jumblatt as adding": Jumblatt speaks
    for _ in range(3):
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and quote_at(c.idx, quotes) is None:
                return c
        if verb.dep_ not in {"advcl", "conj", "xcomp"} or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def quote_speakers(
    doc: Doc,
    quotes: list[tuple[int, int]],
    who: Callable[[Token], object | None],
    text: str | None = None,
) -> dict[int, object]:
    """The speaker of each quote (by index): whatever ``who`` says the speech verb's subject is.

    The speech verb is looked for right after the closing mark ("…,” Merkel said), then before
    the opening mark in the same sentence (He said: “…”).
    """
    speech = words("speech")
    out: dict[int, object] = {}
    starts = [t.idx for t in doc]
    text = doc_text(doc) if text is None else text
    for k, (qs, qe) in enumerate(quotes):
        speaker = None
        attributed = False  # a verb of saying with a subject of its own was found
        after = _first_token_at(starts, qe)
        closed_sentence = text[qs:qe].rstrip("”»'\"“ ").endswith(".")
        if after is not None and not closed_sentence:
            sent_end = doc[after].sent.end
            for t in doc[after : min(sent_end, after + 10)]:
                if quote_at(t.idx, quotes) is not None or "\n" in t.text:
                    break
                if t.lemma_.lower() in speech and t.pos_ in {"VERB", "AUX"}:
                    subj = _speech_subject(t, quotes)
                    if subj is not None:
                        speaker, attributed = who(subj), True
                    break
        if speaker is None:
            before = _first_token_at(starts, qs)
            if before is not None and before > 0:
                sent_start = doc[before].sent.start
                if doc[before - 1].sent.start != sent_start:
                    sent_start = doc[before - 1].sent.start
                for t in reversed(doc[sent_start:before]):
                    if quote_at(t.idx, quotes) is not None:
                        break
                    if t.lemma_.lower() in speech and t.pos_ in {"VERB", "AUX"}:
                        subj = _speech_subject(t, quotes)
                        if subj is not None:
                            speaker, attributed = who(subj), True
                        break
        if (
            speaker is None
            and not attributed  # its own speaker, even unresolved, is no one else
            and k - 1 in out
            and _gap_tokens(starts, quotes[k - 1][1], qs) <= _CONTINUATION_GAP
        ):
            speaker = out[k - 1]  # a quote continued after its attribution
        if speaker is not None:
            out[k] = speaker
    return out


def _gap_tokens(starts: list[int], end: int, start: int) -> int:
    return bisect.bisect_left(starts, start) - bisect.bisect_left(starts, end)


def _first_token_at(starts: list[int], pos: int) -> int | None:
    """Index of the first token starting at or after character ``pos``."""
    i = bisect.bisect_left(starts, pos)
    return i if i < len(starts) else None


__all__ = ["quote_at", "quote_spans", "quote_speakers"]
