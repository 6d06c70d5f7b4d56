"""Place: where an event happened.

A locative argument of the event ("talks … in Oslo", "met at the palace") — a place,
country or facility introduced by a locative preposition on the event word, on one of its
arguments, or on the verbs of its clause. The article's dateline says where the report was
filed: it is no event's place.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kgbuild.actors import ActorIndex
from kgbuild.doctext import doc_text
from kgbuild.events.attribution import np_range
from kgbuild.records import Argument, Span

#: Prepositions that introduce where something happens.
LOCATIVE_PREPS = frozenset({"in", "at", "inside", "on"})
#: spaCy entity labels of places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Entity types a place argument may resolve to.
PLACE_TYPES = frozenset({"Place", "Country"})
#: Dependencies followed from the event word up to the verbs of its clause.
CLAUSE_DEPS = frozenset(
    {"conj", "xcomp", "acomp", "dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep"}
)


def token_span(doc: Doc, start: int, end: int) -> Span:
    """The :class:`Span` of tokens ``[start, end)``."""
    a, b = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return Span(a, b, doc_text(doc)[a:b])


def _place_argument(prep: Token, actors: ActorIndex) -> Argument | None:
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        lo, hi = np_range(obj)
        span = token_span(obj.doc, lo, hi)
        head = token_span(obj.doc, obj.i, obj.i + 1)
        ent = actors.lookup(span, head)
        # a name the actors know is a place only if they know it as one ("the West" is a
        # group of countries, not where something happened)
        is_place = ent.type in PLACE_TYPES if ent is not None else obj.ent_type_ in PLACE_LABELS
        if prep.lower_ == "on" and obj.ent_type_ not in {"FAC"}:
            continue
        if is_place:
            return Argument(
                span=span, head=head, role=prep.lower_, entity=ent, ner_label=obj.ent_type_
            )
    return None


def _locatives(tok: Token, actors: ActorIndex) -> Argument | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
            arg = _place_argument(c, actors)
            if arg is not None:
                return arg
    return None


def place_of(tok: Token, actors: ActorIndex) -> Argument | None:
    """The locative argument of the event of ``tok``, searched on the event word, its
    arguments ("talks with X in Oslo"), then the verbs of its clause."""
    arg = _locatives(tok, actors)
    if arg is not None:
        return arg
    for c in tok.children:
        if c.dep_ in {"dobj", "pobj", "attr"} or c.dep_ == "prep":
            targets = [g for g in c.children if g.dep_ == "pobj"] if c.dep_ == "prep" else [c]
            for t in targets:
                arg = _locatives(t, actors)
                if arg is not None:
                    return arg
    cur = tok
    for _ in range(10):
        if cur.dep_ not in CLAUSE_DEPS or cur.head.i == cur.i:
            break
        cur = cur.head
        if cur.pos_ == "ADP":
            continue
        arg = _locatives(cur, actors)
        if arg is not None:
            return arg
    return None


__all__ = ["LOCATIVE_PREPS", "place_of"]
