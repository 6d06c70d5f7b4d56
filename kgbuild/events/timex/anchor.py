"""Time expressions anchored to the words they date: which event a time expression dates
("said" in "said on Tuesday"), and the time of an event's clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from kgbuild.events.lexicon import words
from kgbuild.events.timex.find import Timex, clause_tense, find_timexes
from kgbuild.events.timex.normalize import to_xsd
from kgbuild.extract.lexicon import speech_verbs

#: Prepositions that place an event before, after or around a time rather than at it.
NON_DATING_PREPS = frozenset(
    {"before", "after", "since", "until", "till", "by", "from", "through", "ahead", "prior", "than"}
)
#: Dependencies not followed when looking for the time of an event: a relative clause or an
#: aside has its own time.
TIME_BARRIER_DEPS = frozenset({"relcl", "parataxis", "appos"})


def attachment(doc: Doc, timex: Timex) -> Token | None:
    """The word a time expression dates ("said" in "said on Tuesday"), or None when the
    expression only bounds it ("since 2003", "by next year")."""
    span = doc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root.head
    for _ in range(10):
        if head.i < span.start or head.i >= span.end:
            break
        if head.head.i == head.i:
            return None
        head = head.head
    if head.i == span.root.i:
        return None
    if head.pos_ == "ADP" or head.dep_ == "prep":
        if head.lower_ in NON_DATING_PREPS:
            return None
        head = head.head
    while head.dep_ == "advmod" and head.pos_ == "ADV" and head.head.i != head.i:
        head = head.head
    return head


#: Subordinators of a clause whose event happens at another time than its matrix clause's
#: ("the vote was called on Friday *after* Rudd challenged Beazley").
OTHER_TIME_MARKS = frozenset({"after", "before", "since", "until", "till", "once"})


def _own_time(clause: Token) -> bool:
    """Whether the clause headed by ``clause`` does not share the time of the clause above: a
    temporal adverbial clause ("after X challenged"), or what a verb of saying reports ("said
    on Friday that the army had withdrawn": the withdrawal is not dated Friday)."""
    if clause.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in OTHER_TIME_MARKS for c in clause.children)
    if clause.dep_ == "ccomp":
        head = clause.head.lemma_.lower()
        return head in speech_verbs() or head in words("speech")
    return False


@dataclass(frozen=True)
class TimeIndex:
    """The time expressions of a document by the word they date."""

    timexes: tuple[Timex, ...]
    by_token: dict[int, tuple[Timex, ...]]

    @classmethod
    def build(cls, doc: Doc, anchor: date | str | None) -> TimeIndex:
        found = find_timexes(doc, anchor)
        table: dict[int, list[Timex]] = {}
        for tx in found:
            if tx.type == "DURATION" or (tx.value is not None and to_xsd(tx.value) is None):
                continue
            head = attachment(doc, tx)
            if head is not None:
                table.setdefault(head.i, []).append(tx)
        return cls(found, {k: tuple(v) for k, v in table.items()})

    def time_of(self, tok: Token) -> Timex | None:
        """The expression governing the clause of ``tok``: on the word itself, else on the
        nearest word above it, not crossing into a relative clause."""
        cur = tok
        for _ in range(40):
            hits = self.by_token.get(cur.i)
            if hits:
                return hits[0]
            if cur.head.i == cur.i or cur.dep_ in TIME_BARRIER_DEPS or _own_time(cur):
                return None
            if (
                cur.dep_ == "conj"
                and cur.pos_ in {"VERB", "AUX"}
                and clause_tense(cur) != clause_tense(cur.head)
            ):
                return None  # "was formed in 1998 and operates studios": another time
            cur = cur.head
        return None


__all__ = ["NON_DATING_PREPS", "TIME_BARRIER_DEPS", "TimeIndex", "attachment"]
