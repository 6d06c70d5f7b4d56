"""Claims met by their denial inside one article.

Two constructions mark a claim as disputed:

* a rebuttal of a claim noun — "the army has rejected the allegation", "allegations that the army
  denies", "dismissed allegations … that it may be preparing an attack";
* a concessive — "observers saw no sign of a retreat, despite the announcement that troops
  are pulling back": the clause goes against the claim when it is negated or itself rejects,
  disapproves or threatens.

The claim is the content of the claim noun ("allegations that X") or, when the noun has no
content of its own, the complement of the nearest earlier verb that makes such a claim
("accused the army of shelling …" → "the allegation"). Cross-article conflicts (the same
event reported and denied) are found by :mod:`kgbuild.merge`.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from kgbuild.events.lexicon import claim_verbs, words
from kgbuild.records import Triple

#: Event classes of a clause that goes against a claim it concedes.
OPPOSING_CLASSES = frozenset({"Disapprove", "Reject", "Threaten"})
#: Dependencies of a claim noun's own content clause.
CONTENT_DEPS = frozenset({"acl", "ccomp", "relcl"})
#: Dependencies of a claim verb's complement.
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "prep", "parataxis"})
#: How many sentences before the claim noun an antecedent claim verb may be.
ANTECEDENT_SENTENCES = 2
RELATIVE_PRONOUNS = frozenset({"that", "which", "it", "this"})


def _head(doc: Doc, t: Triple) -> Token | None:
    span = t.predicate.head or t.predicate.span
    cs = doc.char_span(span.start, span.end, alignment_mode="expand")
    return cs.root if cs is not None and len(cs) else None


def _rebutted_noun(verb: Token) -> Token | None:
    """The claim noun a rebuttal verb denies, if it denies one."""
    claims = words("claim")
    for c in verb.children:
        if c.dep_ in {"dobj", "nsubjpass"}:
            if c.lemma_.lower() in claims or c.lower_ in claims:
                return c
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep_ in {"relcl", "acl"}:
                noun = verb.head
                if noun.lemma_.lower() in claims or noun.lower_ in claims:
                    return noun
    return None


def _content_tokens(noun: Token, exclude: Token | None) -> set[int]:
    """Token indices of the clause a claim noun carries ("allegations that it may attack")."""
    out: set[int] = set()
    for c in noun.children:
        if c.dep_ in CONTENT_DEPS and c is not exclude:
            if any(
                g.dep_ in {"dobj", "nsubjpass"} and g.lower_ in RELATIVE_PRONOUNS
                for g in c.children
            ):
                continue  # "allegations that the army denies": a relative clause, not the content
            if c.dep_ == "acl" and not any(g.dep_ == "mark" for g in c.children):
                continue  # "accusations issued by the panel": a modifier, not the content
            out.update(t.i for t in c.subtree)
        if c.dep_ == "prep" and c.lower_ in {"that", "of"}:
            out.update(t.i for t in c.subtree if t.pos_ in {"VERB", "AUX"} or t.dep_ == "pcomp")
    return out


def _antecedent_tokens(noun: Token) -> set[int]:
    """The complement of the nearest earlier verb that makes the claim the noun names."""
    verbs = claim_verbs(noun.lemma_) | claim_verbs(noun.lower_)
    if not verbs:
        return set()
    doc = noun.doc
    lo = noun.sent.start  # back sentence by sentence (no list of all the document's sentences)
    for _ in range(ANTECEDENT_SENTENCES):
        if lo == 0:
            break
        lo = doc[lo - 1].sent.start
    for i in range(noun.i - 1, lo - 1, -1):
        v = doc[i]
        if v.pos_ in {"VERB", "AUX"} and v.lemma_.lower() in verbs:
            out: set[int] = set()
            for c in v.children:
                if c.dep_ in COMPLEMENT_DEPS:
                    out.update(t.i for t in c.subtree)
            if out:
                return out
    return set()


def _claim_tokens(noun: Token, exclude: Token | None = None) -> set[int]:
    return _content_tokens(noun, exclude) or _antecedent_tokens(noun)


def disputed_indices(doc: Doc, triples: Sequence[Triple]) -> set[int]:
    """Indices of the triples that state a claim the article reports denied."""
    heads = [_head(doc, t) for t in triples]
    # the triples by their head token, to find those of one sentence without a scan of all
    by_head = sorted((h.i, k) for k, h in enumerate(heads) if h is not None)
    head_tokens = [i for i, _ in by_head]
    disputed_tokens: set[int] = set()
    rebuttals = words("rebuttal")
    for tok in doc:
        if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in rebuttals:
            noun = _rebutted_noun(tok)
            if noun is not None:
                disputed_tokens |= _claim_tokens(noun, exclude=tok)
    concessives = words("concessive")
    claims = words("claim")
    for tok in doc:
        if tok.lower_ not in concessives or tok.dep_ != "prep":
            continue
        for noun in (c for c in tok.children if c.dep_ == "pobj"):
            if noun.lemma_.lower() not in claims:
                continue
            sent = tok.sent
            claim = {t.i for t in noun.subtree}
            lo = bisect.bisect_left(head_tokens, sent.start)
            hi = bisect.bisect_left(head_tokens, sent.end)
            opposed = any(
                i not in claim
                and (triples[k].negated or triples[k].event_class in OPPOSING_CLASSES)
                for i, k in by_head[lo:hi]
            )
            if opposed:
                disputed_tokens |= _claim_tokens(noun)
    return {i for i, h in enumerate(heads) if h is not None and h.i in disputed_tokens}


__all__ = ["disputed_indices"]
