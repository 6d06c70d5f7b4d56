"""Verbal predicates: subject – verb (+ particle/preposition) – object."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Token

from kgbuild.extract.spans import argument, char_span, token_span
from kgbuild.records import Predicate, Triple

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "attr", "oprd"})
NEGATION_DEPS = frozenset({"neg"})
AUX_DEPS = frozenset({"aux", "auxpass", "neg"})


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in SUBJECT_DEPS:
            return c
    # conjoined verbs and open complements share their subject
    if verb.dep_ in {"conj", "xcomp"} and verb.head.pos_ in {"VERB", "AUX"}:
        return _subject(verb.head)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return _subject(verb.head)
    return None


def _predicate(verb: Token, prep: Token | None) -> Predicate:
    toks = [verb] + [c for c in verb.children if c.dep_ in AUX_DEPS | {"prt"}]
    if prep is not None:
        toks.append(prep)
    lo = min(t.idx for t in toks)
    hi = max(t.idx + len(t.text) for t in toks)
    lemma = verb.lemma_.lower()
    prt = [c for c in verb.children if c.dep_ == "prt"]
    if prt:
        lemma += " " + prt[0].lower_
    if prep is not None:
        lemma += " " + prep.lower_
    return Predicate(span=char_span(verb.doc, lo, hi), lemma=lemma, kind="verb", head=token_span(verb))


def verbal_triples(doc: Doc, *, doc_id: str) -> Iterator[Triple]:
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ in {"aux", "auxpass"}:
            continue
        subj = _subject(verb)
        if subj is None:
            continue
        negated = any(c.dep_ in NEGATION_DEPS for c in verb.children)
        sent = verb.sent
        sentence = char_span(doc, sent.start_char, sent.end_char)
        objs = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
        preps = [c for c in verb.children if c.dep_ == "prep" and any(g.dep_ == "pobj" for g in c.children)]
        if objs:
            for obj in objs:
                extra = tuple(
                    argument(next(g for g in p.children if g.dep_ == "pobj"), p.lower_) for p in preps
                )
                yield Triple(
                    doc=doc_id,
                    sentence=sentence,
                    subject=argument(subj, "subject"),
                    predicate=_predicate(verb, None),
                    object=argument(obj, "object"),
                    arguments=extra,
                    negated=negated,
                    confidence=0.6,
                )
        elif preps:
            p = preps[0]
            pobj = next(g for g in p.children if g.dep_ == "pobj")
            yield Triple(
                doc=doc_id,
                sentence=sentence,
                subject=argument(subj, "subject"),
                predicate=_predicate(verb, p),
                object=argument(pobj, "object"),
                negated=negated,
                confidence=0.5,
            )
