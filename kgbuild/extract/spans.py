"""Turning spaCy tokens into :class:`~kgbuild.records.Span` records (whole phrases, exact offsets).

An argument phrase is the subtree of its head without the clauses and conjuncts hanging on it
(relative and adverbial clauses, appositions, coordinated phrases), kept contiguous around the
head and trimmed of punctuation at its edges.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from kgbuild import datafiles
from kgbuild.doctext import doc_text
from kgbuild.records import Argument, Span

#: Dependents cut off an argument phrase: clauses hanging on the head, appositions, conjuncts.
PHRASE_EXCLUDED_DEPS = frozenset(
    {"relcl", "advcl", "appos", "cc", "conj", "parataxis", "preconj", "meta", "dep"}
)

#: Tokens trimmed from the edges of a phrase.
EDGE_TRIM_DEPS = frozenset({"punct", "cc", "preconj", "mark", "case"})


def token_span(tok: Token) -> Span:
    """The span of one token."""
    return Span(tok.idx, tok.idx + len(tok.text), tok.text)


def char_span(doc: Doc | str, start: int, end: int) -> Span:
    """The span ``[start, end)`` of the document (or its text), trimmed of white space.

    >>> char_span("  a b  ", 0, 7)
    Span(start=2, end=5, text='a b')
    """
    text = (doc if isinstance(doc, str) else doc_text(doc))[start:end]
    lead = len(text) - len(text.lstrip())
    trail = len(text) - len(text.rstrip())
    return Span(start + lead, end - trail, text.strip())


def tokens_span(doc: Doc, lo: int, hi: int) -> Span:
    """The span from token ``lo`` to token ``hi`` (both included), without edge white space."""
    while lo < hi and doc[lo].is_space:
        lo += 1
    while hi > lo and doc[hi].is_space:
        hi -= 1
    if hi < lo:  # no token: the empty span where token ``lo`` starts
        start = doc[lo].idx if lo < len(doc) else len(doc_text(doc))
        return Span(start, start, "")
    last = doc[hi]
    return char_span(doc_text(doc), doc[lo].idx, last.idx + len(last.text))


def phrase_bounds(
    head: Token,
    *,
    keep_prep: bool = True,
    without: Token | None = None,
    excluded: frozenset[str] = PHRASE_EXCLUDED_DEPS,
) -> tuple[int, int]:
    """First and last token index of the phrase headed by ``head`` (see module doc).

    ``without``: a token whose branch is cut off too (the predicate of a clause modifying
    its own argument: "the case reviewed by a court" → "the case").
    """
    lo, hi = head.left_edge.i, head.right_edge.i
    for child in head.children:
        inside = without is not None and child.left_edge.i <= without.i <= child.right_edge.i
        if inside or child.dep_ in excluded or (not keep_prep and child.dep_ in {"prep", "agent"}):
            if child.i > head.i:
                hi = min(hi, child.left_edge.i - 1)
            else:
                lo = max(lo, child.right_edge.i + 1)
    doc = head.doc
    lo, hi = line_bounds(doc, head.i, lo, hi)
    while lo < head.i and (doc[lo].is_punct or doc[lo].dep_ in EDGE_TRIM_DEPS):
        lo += 1
    while hi > head.i and (doc[hi].is_punct or doc[hi].dep_ in EDGE_TRIM_DEPS):
        hi -= 1
    return lo, max(hi, head.i)


def is_line_break(tok: Token) -> bool:
    """Whether ``tok`` is white space holding a line break."""
    return tok.is_space and "\n" in tok.text


def line_bounds(doc: Doc, i: int, lo: int, hi: int) -> tuple[int, int]:
    """``[lo, hi]`` narrowed to the line of token ``i``: a phrase never crosses a line break.

    Titles, datelines and body lines are separate units; a parse gluing them is an error.
    """
    for k in range(i - 1, lo - 1, -1):
        if is_line_break(doc[k]):
            lo = k + 1
            break
    for k in range(i + 1, hi + 1):
        if is_line_break(doc[k]):
            hi = k - 1
            break
    return lo, hi


def _balanced(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    """Drop a dangling opening quote or bracket at the end of a phrase."""
    while hi > lo and doc[hi].text in {"(", "[", "``", '"', "'", "`"}:
        hi -= 1
    return lo, hi


def phrase_span(head: Token, *, keep_prep: bool = True) -> Span:
    """Contiguous span covering the phrase headed by ``head``."""
    lo, hi = _balanced(head.doc, *phrase_bounds(head, keep_prep=keep_prep))
    return tokens_span(head.doc, lo, hi)


#: Modifiers to the left of a noun that say what it is: they stay in its concept label
#: ("world order", "vice presidential spot", "legally binding security guarantees").
CORE_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod", "hmod", "hyph", "nn"})

#: Adjectives that evaluate or count rather than say what a thing is: left out of a core.
NON_CORE_ADJECTIVES = frozenset(
    {"other", "such", "same", "own", "certain", "various", "several", "many", "few", "more", "most"}
    | {"last", "next", "first", "second", "previous", "former", "latest", "recent", "further"}
)


#: Nouns that say how much or what kind of something: their "of" phrase says what
#: ("a variety *of roles*", "a series of attacks", "the rest of the money").
PARTITIVE_NOUNS = frozenset(
    "variety range number kind type sort series set part piece bit lot lots way form amount "  # noqa: SIM905
    "majority minority half rest couple pair dozen handful host array list string wave spate "
    "round share portion fraction percentage proportion total body member members".split()
)


#: Longest "of" phrase a core keeps ("the site of the blast"), in tokens.
MAX_OF_PHRASE = 5

#: Prepositions whose phrase right after a noun says what the noun is of, with, about …:
#: it stays in the concept ("talks with the rebels", "sanctions against the regime").
NOUN_COMPLEMENT_PREPS = frozenset(
    {"of", "with", "about", "for", "on", "against", "between", "over", "into", "toward", "towards"}
)


@cache
def _to_complement_nouns() -> frozenset[str]:
    """Nouns whose "to" phrase is their complement (``data/to_complement_nouns.txt``)."""
    return frozenset(datafiles.lines("to_complement_nouns.txt"))


@cache
def _relation_nouns() -> frozenset[str]:
    """Nouns of a standing relation (``data/relation_nouns.txt``)."""
    return frozenset(datafiles.lines("relation_nouns.txt"))


def _names(tok: Token) -> bool:
    """Whether the phrase of ``tok`` holds a name (a proper noun or a named entity)."""
    return any(t.pos_ == "PROPN" or t.ent_type_ not in {"", "DATE", "TIME"} for t in tok.subtree)


def _inner_hyphen(tok: Token) -> bool:
    """A hyphen inside a word ("cease-fire"): no space on either side."""
    return (
        tok.text in {"-", "–"}
        and tok.i > 0
        and not tok.whitespace_
        and not tok.doc[tok.i - 1].whitespace_
        and tok.doc[tok.i - 1].is_alpha
    )


def core_bounds(head: Token) -> tuple[int, int]:
    """First and last token index of the core of a noun phrase: the head and the contiguous
    modifiers before it that say what it is (compounds, adjectives, noun modifiers, a bare
    common-noun possessive: "women's rights"), without determiners, other possessives,
    numbers and evaluative adjectives; for a partitive head ("a
    variety of roles") the core goes on to the core of its "of" phrase."""
    lo = head.i
    for child in sorted((c for c in head.children if c.i < head.i), key=lambda c: -c.i):
        kind_of = (  # "women's rights", "children's hospital": a kind, not an owner
            child.dep_ == "poss" and child.pos_ == "NOUN" and not child.ent_type_
        )
        if _inner_hyphen(child) and child.i == lo - 1:
            lo = child.i  # "cease-fire", its "-" hung on the head: one word
            continue
        if (
            (child.dep_ not in CORE_DEPS and not kind_of)
            or child.right_edge.i != lo - 1
            or child.lower_ in NON_CORE_ADJECTIVES
            or any(t.is_punct and t.text not in {"-", "–"} for t in child.subtree)
            or any(t.pos_ in {"DET", "PRON", "NUM"} for t in child.subtree)
        ):
            break
        lo = child.left_edge.i
    hi = head.i
    doc = head.doc
    while (
        hi + 2 < len(doc)
        and not doc[hi].whitespace_
        and doc[hi + 1].text in {"-", "–"}
        and not doc[hi + 1].whitespace_
        and doc[hi + 2].is_alpha
    ):
        hi += 2  # "non-proliferation", parsed as "non" with the rest hanging elsewhere
    if (
        hi + 1 < len(doc)
        and doc[hi + 1].head.i == head.i
        and doc[hi + 1].dep_ in {"nummod", "appos", "npadvmod"}
        and doc[hi + 1].like_num
    ):
        hi += 1  # "H.R. 874", "Phase 1", "Flight 447": the number names which one
    of = next(
        (
            c
            for c in head.children
            if c.dep_ == "prep"
            and (
                c.lower_ in NOUN_COMPLEMENT_PREPS
                or (c.lower_ == "to" and head.lemma_.lower() in _to_complement_nouns())
            )
        ),
        None,
    )
    obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    post = next((c for c in head.children if c.dep_ == "amod" and c.i == hi + 1), None)
    if obj is not None and of is not None and of.i == hi + 1:
        if head.lemma_.lower() in PARTITIVE_NOUNS and of.lower_ == "of":
            hi = core_bounds(obj)[1]  # "a variety of roles": the roles are what it is
        elif head.pos_ == "NOUN" and (
            of.lower_ == "of" or not _names(obj) or head.lemma_.lower() in _relation_nouns()
        ):
            # "the site of the blast", "talks with the rebels", "relations with Spain"; a name
            # after another preposition is an actor of its own ("talks with Jane Roe"), not
            # part of a concept; the phrase goes on through its own complement when short
            # ("a lack of respect for the king")
            for keep in (True, False):
                end = phrase_bounds(obj, keep_prep=keep)[1]
                if end - of.i <= MAX_OF_PHRASE:
                    hi = end
                    break
            if obj.lemma_.lower() in PARTITIVE_NOUNS and of.lower_ == "of":
                hi = max(hi, core_bounds(obj)[1])  # "ownership of the string of islands"
    elif post is not None and head.pos_ == "NOUN" and post.pos_ == "ADJ":
        # "acts prejudicial to the kingdom": an adjective phrase after its noun says what it is
        end = phrase_bounds(post, keep_prep=True)[1]
        if end - hi <= MAX_OF_PHRASE:
            hi = end
    elif head.pos_ == "NOUN":  # "chances to stop the attack": what they are chances of
        inf = next((c for c in head.children if c.dep_ == "acl" and c.i > hi), None)
        if inf is not None and inf.left_edge.i == hi + 1 and inf.left_edge.tag_ == "TO":
            end = phrase_bounds(inf, keep_prep=False)[1]
            if end - hi <= MAX_OF_PHRASE:
                hi = end
        elif inf is not None and inf.i == hi + 1 and inf.tag_ == "VBG":
            # "any border deal involving Hamas": a participle and its object say which one
            obj = next((c for c in inf.children if c.dep_ == "dobj"), None)
            end = core_bounds(obj)[1] if obj is not None and obj.i > inf.i else inf.i
            if end - hi <= MAX_OF_PHRASE - 2 and obj is not None:
                hi = end
    return lo, hi


def argument(
    head: Token,
    role: str,
    *,
    keep_prep: bool = True,
    prep: Token | None = None,
    without: Token | None = None,
) -> Argument:
    """An :class:`Argument` for the phrase headed by ``head``.

    With ``prep`` the phrase starts at that preposition ("for the Jets"), and ``role`` is
    usually its text; ``without`` cuts off the branch holding that token (see
    :func:`phrase_bounds`).
    """
    lo, hi = _balanced(head.doc, *phrase_bounds(head, keep_prep=keep_prep, without=without))
    if prep is not None and prep.i < lo:
        lo = prep.i
    c_lo, c_hi = core_bounds(head)
    return Argument(
        span=tokens_span(head.doc, lo, hi),
        head=token_span(head),
        role=role,
        ner_label=head.ent_type_ or "",
        pos=head.pos_,
        lemma=head.lemma_.lower(),
        core=tokens_span(head.doc, max(c_lo, lo), min(c_hi, hi)) if c_lo < c_hi else None,
    )


#: Quotation marks as tokens.
QUOTE_MARKS = frozenset({'"', "“", "”", "„", "«", "»", "``", "''"})


def _quote_end(verb: Token, lo: int, hi: int) -> int:
    """For a clause that opens a quotation the sentence closes after the clause ends ("said
    “A ship was to leave on Tuesday, but we delayed it”", "added that Parks “is not just a
    hero, she is …”"), the last token before the closing mark: what was said goes on to the
    end of the quote. ``hi`` otherwise."""
    doc, sent = verb.doc, verb.sent
    marks = [t.i for t in sent if t.text in QUOTE_MARKS]
    opening = [i for n, i in enumerate(marks) if lo - 2 <= i <= hi and n % 2 == 0]
    if not opening:
        return hi
    closing = [i for i in marks if i > opening[-1]]
    if not closing or closing[0] <= hi + 1:
        return hi  # the quote closes inside the clause, or right after it
    if opening[-1] >= lo:
        return closing[0]  # the quote opens inside the clause: its closing mark with it
    end = closing[0] - 1
    while end > hi and (doc[end].is_punct or doc[end].is_space):
        end -= 1
    return end


def clause_argument(verb: Token, role: str = "object") -> Argument:
    """An :class:`Argument` for a whole clause headed by ``verb`` (its subtree, trimmed; to
    the end of the quotation it opens)."""
    doc = verb.doc
    lo, hi = line_bounds(doc, verb.i, verb.left_edge.i, verb.right_edge.i)
    hi = max(hi, _quote_end(verb, lo, hi))
    while lo < verb.i and (
        doc[lo].is_punct
        or (doc[lo].dep_ == "mark" and doc[lo].head.i == verb.i)  # "that", not a nested "If"
        or doc[lo].dep_ == "cc"
        or (doc[lo].dep_ == "neg" and lo > 0 and doc[lo - 1].lower_ == "or")  # whether or not
    ):
        lo += 1
    while hi > verb.i and doc[hi].is_punct:
        hi -= 1
    return Argument(
        span=tokens_span(doc, lo, hi),
        head=token_span(verb),
        role=role,
        pos=verb.pos_,
        lemma=verb.lemma_.lower(),
    )


__all__ = [
    "CORE_DEPS",
    "EDGE_TRIM_DEPS",
    "PHRASE_EXCLUDED_DEPS",
    "QUOTE_MARKS",
    "argument",
    "char_span",
    "clause_argument",
    "core_bounds",
    "is_line_break",
    "line_bounds",
    "phrase_bounds",
    "phrase_span",
    "token_span",
    "tokens_span",
]
