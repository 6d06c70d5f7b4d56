"""Turning spaCy tokens into :class:`~kgbuild.records.Span` records (whole phrases, exact offsets)."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kgbuild.records import Argument, Span

#: Dependents left out of an argument phrase: clauses hanging on the head, and punctuation.
PHRASE_EXCLUDED_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "punct", "cc", "conj", "prep"})


def token_span(tok: Token) -> Span:
    return Span(tok.idx, tok.idx + len(tok.text), tok.text)


def char_span(doc: Doc, start: int, end: int) -> Span:
    """The span ``[start, end)`` of the document, trimmed of surrounding white space."""
    text = doc.text[start:end]
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return Span(start + lead, end - trail, text.strip())


def phrase_tokens(head: Token, *, keep_prep: bool = True) -> list[Token]:
    """The tokens of the phrase headed by ``head``: its subtree without clauses and conjuncts."""
    out = [head]
    for child in head.children:
        if child.dep_ in PHRASE_EXCLUDED_DEPS and not (keep_prep and child.dep_ == "prep"):
            continue
        out.extend(phrase_tokens(child, keep_prep=keep_prep))
    return out


def phrase_span(head: Token, *, keep_prep: bool = True) -> Span:
    """Contiguous span around ``head`` covering its phrase, trimmed of edge punctuation."""
    toks = sorted(phrase_tokens(head, keep_prep=keep_prep), key=lambda t: t.i)
    # keep the contiguous run around the head
    idx = [t.i for t in toks]
    lo = hi = head.i
    s = set(idx)
    while lo - 1 in s:
        lo -= 1
    while hi + 1 in s:
        hi += 1
    doc = head.doc
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].dep_ == "cc"):
        hi -= 1
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
    return char_span(doc, start, end)


def argument(head: Token, role: str, *, keep_prep: bool = True) -> Argument:
    """An :class:`Argument` for the phrase headed by ``head``."""
    ner = head.ent_type_ or ""
    return Argument(span=phrase_span(head, keep_prep=keep_prep), head=token_span(head), role=role, ner_label=ner)
