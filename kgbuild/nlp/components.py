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
governor, the finite verb it is coordinated with. It mends three more: an adverbial
"to"-infinitive of a verb of going on ("went on *to say*") is its open complement, not its aim;
a conjunct with auxiliaries and no subject is the conjunct of the nearest verb of the same form
("in which X *had raised* $3 million but *had spent* $0.6 million", not of the main verb); and a
proper-noun apposition glued to its subject ("*Arizona* Senator John McCain says") is the
subject, the word before it a modifier.

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

#: Marks that open the items of a list some articles run into one line.
LIST_BULLETS = frozenset({"*", "•"})

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
            elif i > 0 and tok.text in LIST_BULLETS and doc[i - 1].whitespace_:
                tok.is_sent_start = True  # "… void *Bombings reported …": a list run into a line
                if i + 1 < len(doc):
                    doc[i + 1].is_sent_start = False
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


#: Verbs (with their particle, every form: the component runs before the lemmatizer) after
#: which a "to"-infinitive is what happened next, not an aim: "went on to say", "proceeded to
#: read".
CONTINUATION_VERBS = frozenset(
    {f"{v} on" for v in ("go", "goes", "going", "went", "gone", "move", "moves", "moving", "moved")}
    | {"proceed", "proceeds", "proceeding", "proceeded"}
)


def continuation(verb: Token) -> bool:
    """Whether ``verb`` is a verb of going on to something ("went on", "proceeded")."""
    prt = " ".join(c.lower_ for c in verb.children if c.dep_ == "prt")
    return f"{verb.lower_} {prt}".strip() in CONTINUATION_VERBS


def _continued_infinitive(tok: Token) -> bool:
    """An adverbial "to"-infinitive of a verb of going on ("went on *to say*"), which the
    parser reads as an aim: it is the open complement of that verb."""
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VB"
        and _to_infinitive(tok)
        and continuation(tok.head)
        and not any(c.dep_ in {"dobj", "dative"} for c in tok.head.children)
    )


#: Dependencies of subjects.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _auxiliaries(verb: Token) -> tuple[str, ...]:
    return tuple(c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"})


def _parallel_conjunct(tok: Token) -> Token | None:
    """For a conjunct verb with auxiliaries and no subject, hung on a verb before the nearest
    one of the same form ("filed a complaint citing a report in which X *had raised* $3
    million but *had spent* $0.6 million"): that nearest verb, whose conjunct it is."""
    head = tok.head
    aux = _auxiliaries(tok)
    if tok.dep_ != "conj" or not aux or head.i > tok.i:
        return None
    if any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in tok.children):
        return None
    if _auxiliaries(head) == aux and head.tag_ == tok.tag_:
        return None
    for cand in reversed(tok.doc[head.i + 1 : tok.i]):
        if cand.pos_ in {"VERB", "AUX"} and cand.tag_ == tok.tag_ and _auxiliaries(cand) == aux:
            return cand if tok.i not in {t.i for t in cand.ancestors} else None
    return None


#: Quantifiers a "not" before them negates ("*not enough* proposals were integrated": the
#: negation is the quantifier's, not the verb's or the governing verb's).
NEGATED_QUANTIFIERS = frozenset(
    {"enough", "all", "many", "much", "every", "everyone", "everybody", "everything"}
)


#: Dependencies of a quantifier that is a participant itself ("not *all* agreed").
NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj"})


def _quantifier_negation(tok: Token) -> Token | None:
    """The quantifier right after a "not" the parser hung on a verb, or None."""
    doc = tok.doc
    if tok.lower_ != "not" or tok.i + 1 >= len(doc):
        return None
    nxt = doc[tok.i + 1]
    if nxt.lower_ not in NEGATED_QUANTIFIERS or tok.head.i == nxt.i or nxt.head.i == tok.i:
        return None
    nominal = nxt.head.tag_.startswith(("NN", "PRP")) or nxt.dep_ in NOMINAL_DEPS
    return nxt if nominal else None  # the tags: the component runs before the attribute ruler


def _glued_apposition(tok: Token) -> Token | None:
    """A proper-noun apposition that follows the subject ``tok`` with no comma ("*Arizona*
    Senator John McCain says", "the poet Robert Frost said"): the name is the subject, and
    the word before it modifies it. None otherwise."""
    if tok.dep_ not in SUBJECT_DEPS:
        return None
    for c in tok.children:
        if c.dep_ == "appos" and c.tag_ in {"NNP", "NNPS"} and c.left_edge.i == tok.i + 1:
            return c
    return None


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
        if _continued_infinitive(tok):
            tok.dep_ = "xcomp"
            continue
        quantifier = _quantifier_negation(tok)
        if quantifier is not None:
            tok.head = quantifier
            continue
        name = _glued_apposition(tok)
        if name is not None:
            name.head, name.dep_ = tok.head, tok.dep_
            tok.head, tok.dep_ = name, "compound"
            continue
        target = (
            _bare_infinitive_conjunct(tok)
            or _finite_conjunct_of_infinitive(tok)
            or _parallel_conjunct(tok)
        )
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
    "CONTINUATION_VERBS",
    "COORDINATION_REPAIR",
    "LINE_BREAKS",
    "NEGATED_QUANTIFIERS",
    "LineBreakSentences",
    "continuation",
    "coordination_repair",
    "make_line_break_sentences",
    "repair_coordination",
]
