"""spaCy pipeline components of kgbuild.

``line_break_sentences`` marks the first word after a line break as the start of a sentence,
before the parser runs. An article is a title, a date line, a blank line and the body; the
small English model otherwise joins the title (and other lines) to the first sentence of the
paragraph that follows, which gives the body's first verb a subject taken from the title and
attributes its clauses to the wrong speaker. The parser keeps boundaries set before it, and
adds its own inside each line.

``coordination_repair`` (after the parser) mends one attachment the small English parser gets
wrong often: a bare verb coordinated with a governor's infinitive ("asked the judge to issue
orders, and appoint a receiver") hung on the governor instead, which makes the asker appoint.
A base-form verb with no subject or auxiliary of its own, conjoined to a finite verb that has
a "to"-infinitive complement before it, is moved under that infinitive, with its ``and``. The
converse too: a finite verb hung on an infinitive ("refused to visit the site and referred to
them as …", which makes the refusal deny the second act) is moved up to the infinitive's
governor, the finite verb it is coordinated with.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("line_break_sentences")
>>> doc = nlp("Markets rally\\nShares rose on Monday.")
>>> [t.text for t in doc if t.is_sent_start]
['Markets', 'Shares']
>>> doc = nlp("One line\\n\\nnext paragraph")
>>> [t.text for t in doc if t.is_sent_start]
['One', 'next']
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from kgbuild.errors import ModelError

#: The name of the component in a pipeline (``nlp.add_pipe(LINE_BREAKS)``).
LINE_BREAKS = "line_break_sentences"


class LineBreakSentences:
    """Sets ``is_sent_start`` on the first non-space token after ``min_breaks`` line breaks."""

    def __init__(self, min_breaks: int = 1) -> None:
        if min_breaks < 1:
            raise ModelError(f"{LINE_BREAKS}: min_breaks must be at least 1, not {min_breaks}")
        self.min_breaks = min_breaks

    def __call__(self, doc: Doc) -> Doc:
        breaks = 0
        for i, tok in enumerate(doc):
            if tok.is_space:
                breaks += tok.text.count("\n")
                continue
            if i > 0 and breaks >= self.min_breaks:
                tok.is_sent_start = True
            breaks = tok.whitespace_.count("\n")
        return doc


@Language.factory(LINE_BREAKS, default_config={"min_breaks": 1})
def make_line_break_sentences(
    nlp: Language, name: str, *, min_breaks: int = 1
) -> LineBreakSentences:
    """The ``line_break_sentences`` factory. ``min_breaks``: how many line breaks (1: any line
    break; 2: only a blank line) start a sentence."""
    return LineBreakSentences(min_breaks=min_breaks)


#: The name of the coordination repair in a pipeline.
COORDINATION_REPAIR = "coordination_repair"

#: Tags of a finite verb.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})


def _to_infinitive(verb: Token) -> bool:
    return any(a.dep_ == "aux" and a.tag_ == "TO" for a in verb.children)


def _bare_infinitive_conjunct(tok: Token) -> Token | None:
    """The infinitive ``tok`` is really conjoined to, or None (see the module doc)."""
    head = tok.head
    if tok.dep_ != "conj" or tok.tag_ != "VB" or head.tag_ not in FINITE_TAGS:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "mark"} for c in tok.children):
        return None
    xcomps = [
        c
        for c in head.children
        if c.dep_ == "xcomp" and c.tag_ == "VB" and c.i < tok.i and _to_infinitive(c)
    ]
    return xcomps[-1] if xcomps else None


def _finite_conjunct_of_infinitive(tok: Token) -> Token | None:
    """The finite verb a finite ``tok`` hung on an infinitive is really conjoined to, or None."""
    head = tok.head
    if tok.dep_ != "conj" or tok.tag_ not in FINITE_TAGS or head.tag_ != "VB":
        return None
    if head.dep_ != "xcomp" or head.head.tag_ not in FINITE_TAGS:
        return None
    if not _to_infinitive(head):
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "mark"} for c in tok.children):
        return None
    return head.head


def repair_coordination(doc: Doc) -> Doc:
    """Move bare verbs conjoined to a governor under its infinitive (see the module doc).

    >>> import spacy
    >>> from spacy.tokens import Doc, Token
    >>> words = "He asked them to stay , and help".split()
    >>> doc = Doc(spacy.blank("en").vocab, words=words,
    ...     heads=[1, 1, 1, 4, 1, 1, 1, 1],
    ...     deps=["nsubj", "ROOT", "dobj", "aux", "xcomp", "punct", "cc", "conj"],
    ...     tags=["PRP", "VBD", "PRP", "TO", "VB", ",", "CC", "VB"])
    >>> [(t.text, t.head.text) for t in repair_coordination(doc)[5:]]
    [(',', 'stay'), ('and', 'stay'), ('help', 'stay')]
    >>> words = "He refused to go and stayed".split()
    >>> doc = Doc(spacy.blank("en").vocab, words=words, heads=[1, 1, 3, 1, 3, 3],
    ...     deps=["nsubj", "ROOT", "aux", "xcomp", "cc", "conj"],
    ...     tags=["PRP", "VBD", "TO", "VB", "CC", "VBD"])
    >>> [(t.text, t.head.text) for t in repair_coordination(doc)[4:]]
    [('and', 'refused'), ('stayed', 'refused')]
    """
    for tok in doc:
        target = _bare_infinitive_conjunct(tok) or _finite_conjunct_of_infinitive(tok)
        if target is None:
            continue
        head = tok.head
        for c in list(head.children):  # the "and" and comma between the two conjuncts
            if c.dep_ in {"cc", "punct"} and min(target.i, head.i) < c.i < tok.i:
                c.head = target
        tok.head = target
    return doc


@Language.component(COORDINATION_REPAIR)
def coordination_repair(doc: Doc) -> Doc:
    """The ``coordination_repair`` component: :func:`repair_coordination`."""
    return repair_coordination(doc)


__all__ = [
    "COORDINATION_REPAIR",
    "LINE_BREAKS",
    "LineBreakSentences",
    "coordination_repair",
    "make_line_break_sentences",
    "repair_coordination",
]
