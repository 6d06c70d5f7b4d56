"""Open complements and control: "agreed to discuss", "has had to close", "is ready to talk".

A governor with an infinitival open complement and no object of its own forms a chain with
it; the last verb of the chain is the event, the governors give its modality ("agree to") and,
for verbs like "fail" or "refuse", its polarity. With an object ("urged X to talk") there is no
chain: the complement is a clause of its own whose subject is that object.
"""

from __future__ import annotations

from spacy.tokens import Token

from kgbuild.extract.lexicon import control_verbs, prepositional_control_verbs
from kgbuild.nlp.components import continuation

#: Parts of speech of verbs in a chain.
VERB_POS = frozenset({"VERB", "AUX"})

#: Predicative adjectives that govern an open complement ("ready to", "able to").
ADJ_COMPLEMENT_DEPS = frozenset({"acomp"})


def _infinitive(tok: Token) -> bool:
    return (
        tok.pos_ in VERB_POS
        and tok.tag_ == "VB"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def has_object_before(gov: Token, comp: Token) -> bool:
    """An object of ``gov`` before its complement: "urged *X* to talk", "called *on X* to
    meet" (a verb and preposition of object control): the complement is X's, no chain."""
    for c in gov.children:
        if c.i >= comp.i:
            continue
        if c.dep_ in {"dobj", "dative"}:
            return True
        if c.dep_ == "prep" and f"{gov.lemma_.lower()} {c.lower_}" in prepositional_control_verbs():
            return True
    return False


def open_complement(gov: Token) -> Token | None:
    """The infinitival open complement that continues the chain of ``gov``, if any."""
    for c in gov.children:
        if c.dep_ == "xcomp" and _infinitive(c) and not has_object_before(gov, c):
            return c
    return None


def adjective_complement(verb: Token) -> tuple[Token, Token] | None:
    """(adjective, verb) for "is ready to continue": a control adjective with an infinitive."""
    for a in verb.children:
        if a.dep_ in ADJ_COMPLEMENT_DEPS and a.lemma_.lower() in control_verbs():
            for c in a.children:
                if c.dep_ == "xcomp" and _infinitive(c):
                    return a, c
    return None


def chain_of(verb: Token) -> list[Token]:
    """``verb`` followed by the verbs (and control adjectives) of its open-complement chain."""
    chain = [verb]
    adj = adjective_complement(verb)
    if adj is not None:
        chain.extend(adj)
    v = chain[-1]
    for _ in range(6):
        nxt = open_complement(v)
        if nxt is None:
            break
        chain.append(nxt)
        v = nxt
    return chain


def is_chained(verb: Token) -> bool:
    """Whether ``verb`` is the continuation of a governor's chain (and is reported there)."""
    if verb.dep_ != "xcomp" or not _infinitive(verb):
        return False
    gov = verb.head
    if gov.pos_ in VERB_POS:
        return not has_object_before(gov, verb)
    return (
        gov.pos_ == "ADJ"
        and gov.dep_ in ADJ_COMPLEMENT_DEPS
        and gov.lemma_.lower() in control_verbs()
    )


def chain_modality(chain: list[Token]) -> str | None:
    """The governors of a chain as a modality: "agree to", "ready to", "try to plan to"."""
    if len(chain) < 2:
        return None
    govs = [t for t in chain[:-1] if t.lemma_.lower() not in {"be"} and not continuation(t)]
    return " ".join(f"{t.lemma_.lower()} to" for t in govs) or None


def chain_negative(chain: list[Token]) -> bool:
    """Whether a governor of the chain denies its complement ("failed to", "refused to")."""
    return sum(control_verbs().get(t.lemma_.lower()) == "neg" for t in chain[:-1]) % 2 == 1


__all__ = [
    "adjective_complement",
    "chain_modality",
    "chain_negative",
    "chain_of",
    "has_object_before",
    "is_chained",
    "open_complement",
]
