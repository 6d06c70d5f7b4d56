"""Relations, not events: copular clauses, appositions and titles (``relation=True``).

* copula: "X is a footballer" → (X; is; a footballer), "X is in Y" → (X; is in; Y);
* apposition: "X, the German chancellor, …" → (X; is; the German chancellor);
* title before a name: "Chancellor Anna Koski" → (Anna Koski; is; Chancellor).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from kgbuild.extract import confidence
from kgbuild.extract.arguments import adjacent, attribution, complements, prep_arguments, time_of
from kgbuild.extract.context import DocContext
from kgbuild.extract.control import adjective_complement
from kgbuild.extract.predicates import is_negated, modality, predicate
from kgbuild.extract.spans import argument, token_span, tokens_span
from kgbuild.extract.subjects import subject_of
from kgbuild.records import Argument, Predicate, Triple

#: Copular verbs whose complement states a relation.
COPULA_LEMMAS = frozenset({"be"})

#: Named-entity labels of people, whose preceding title words make a relation.
PERSON_LABELS = frozenset({"PERSON"})

#: Title words are capitalized common nouns or proper nouns in a compound before a name.
TITLE_POS = frozenset({"PROPN", "NOUN"})


def _relation(
    ctx: DocContext,
    anchor: Token,
    subj: Argument,
    pred: Predicate,
    obj: Argument,
    kind: str,
    **kw: object,
) -> Triple:
    return Triple(
        doc=ctx.doc_id,
        sentence=ctx.sentence(anchor),
        subject=subj,
        predicate=pred,
        object=obj,
        relation=True,
        confidence=confidence.score(confidence.Features(construction=kind, object="complement")),
        via=confidence.describe(confidence.Features(construction=kind, object="complement")),
        **kw,  # type: ignore[arg-type]
    )


def copular_triples(ctx: DocContext) -> Iterator[Triple]:
    """(subject; is; complement) for every copular clause."""
    for tok in ctx.doc:
        if tok.lemma_.lower() not in COPULA_LEMMAS or tok.dep_ in {"aux", "auxpass"}:
            continue
        if adjective_complement(tok) is not None:
            continue  # "is ready to talk": a control chain, reported by the verbal extractor
        s = subject_of(tok)
        if s is None:
            continue
        comps = complements(tok)
        common = {
            "negated": is_negated(tok),
            "modality": modality(tok),
            "attributed_to": attribution([tok]),
            "time": time_of(ctx, [tok]),
        }
        subj = argument(s.token, "subject")
        if comps:
            for c in comps:
                pred = predicate([tok], lemma="be", kind="copula")
                yield _relation(ctx, tok, subj, pred, argument(c, "object"), "copula", **common)
            continue
        preps = [(p, o) for p, o in prep_arguments(tok) if p.i > tok.i]
        if preps:
            p, o = preps[0]
            fold = adjacent(tok, p)
            pred = predicate(
                [tok], lemma="be " + p.lower_, kind="copula", extra=(p,) if fold else ()
            )
            yield _relation(ctx, tok, subj, pred, argument(o, "object"), "copula", **common)


def _description(tok: Token) -> bool:
    """An appositive that can describe its head: a noun phrase, not a pronoun ("himself"), or
    a person's age ("Robert Hunter, 78,")."""
    return tok.pos_ in {"NOUN", "PROPN"} or _age(tok)


def _age(tok: Token) -> bool:
    """A bare number in apposition to a person's name: an age."""
    return (
        tok.pos_ == "NUM"
        and tok.text.isdigit()
        and 0 < int(tok.text) < 125
        and tok.head.ent_type_ in PERSON_LABELS
        and len(list(tok.subtree)) == 1
    )


def apposition_triples(ctx: DocContext) -> Iterator[Triple]:
    """(X; is; Y) for every apposition "X, Y," of noun phrases."""
    doc = ctx.doc
    for tok in doc:
        if tok.dep_ != "appos" or tok.head.pos_ not in {"PROPN", "NOUN"} or not _description(tok):
            continue
        head = tok.head
        between = [doc[k] for k in range(head.i + 1, tok.left_edge.i) if doc[k].is_punct]
        anchor = between[-1] if between else tok
        pred = Predicate(
            span=token_span(anchor),
            lemma="be aged" if _age(tok) else "be",
            kind="apposition",
            head=token_span(anchor),
        )
        yield _relation(
            ctx, tok, argument(head, "subject"), pred, argument(tok, "object"), "apposition"
        )


def title_triples(ctx: DocContext) -> Iterator[Triple]:
    """(Name; is; Title) for a title written before a person's name ("Chancellor Anna Koski")."""
    doc = ctx.doc
    for ent in doc.ents:
        if ent.label_ not in PERSON_LABELS:
            continue
        head = ent.root
        titles = [
            c
            for c in head.children
            if c.dep_ == "compound"
            and c.i < ent.start
            and c.pos_ in TITLE_POS
            and c.text[:1].isupper()
        ]
        if not titles:
            continue
        titles += [c for c in head.children if c.dep_ == "amod" and c.i < min(t.i for t in titles)]
        lo = min(t.left_edge.i for t in titles)
        hi = max(t.i for t in titles)
        if hi + 1 != ent.start:
            continue
        title = tokens_span(doc, lo, hi)
        name = tokens_span(doc, ent.start, ent.end - 1)
        subj = Argument(
            span=name,
            head=token_span(head),
            role="subject",
            ner_label=ent.label_,
            pos=head.pos_,
            lemma=head.lemma_.lower(),
        )
        obj = Argument(
            span=title,
            head=token_span(doc[hi]),
            role="object",
            pos=doc[hi].pos_,
            lemma=doc[hi].lemma_.lower(),
            core=title,
        )
        pred = Predicate(span=title, lemma="be", kind="apposition", head=token_span(doc[hi]))
        yield _relation(ctx, head, subj, pred, obj, "title")


__all__ = ["apposition_triples", "copular_triples", "title_triples"]
