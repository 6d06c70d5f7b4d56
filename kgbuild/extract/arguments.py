"""Arguments of a predicate: objects, prepositional (n-ary) arguments, time, place, source.

Prepositional arguments keep their preposition at the start of the phrase ("for the Jets") and
use it as their role; the first one becomes the object when the verb has no direct object
("called for a ceasefire"), and its preposition then joins the predicate.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Token

from kgbuild.extract.context import DocContext
from kgbuild.extract.lexicon import complex_preposition_nouns, speech_verbs
from kgbuild.extract.spans import argument, token_span
from kgbuild.extract.subjects import PLACE_LABELS, PLACE_PREPS, subject_of
from kgbuild.records import Argument, TimeValue

#: Direct objects.
DIRECT_OBJECT_DEPS = frozenset({"dobj"})

#: Predicative complements ("became a justice", "remains distinct").
COMPLEMENT_DEPS = frozenset({"attr", "acomp", "oprd"})

#: Dependents introducing a prepositional argument.
PREP_DEPS = frozenset({"prep", "agent", "dative"})

#: Objects of a preposition: a noun phrase or a clause ("by forcing X out").
PREP_OBJECT_DEPS = frozenset({"pobj", "pcomp"})

#: Prepositions of time, cause and concession: they head adjuncts, never join the predicate.
ADJUNCT_PREPS = frozenset(
    {
        "after",
        "before",
        "during",
        "since",
        "until",
        "following",
        "despite",
        "amid",
        "because",
        "while",
        "throughout",
        "upon",
        "ago",
        "according",
    }
)

#: Named-entity labels of amounts ("fell 5%").
AMOUNT_LABELS = frozenset({"PERCENT", "MONEY", "QUANTITY", "CARDINAL"})

#: Units of measure that make a counted noun an amount ("250 points"), unlike "two plants".
AMOUNT_UNITS = frozenset({"point", "percent", "percentage", "cent", "pence", "basis"})

#: Named-entity labels of time expressions.
TIME_LABELS = frozenset({"DATE", "TIME"})

#: Bare noun-phrase adverbials that may hold a date ("last week").
NP_ADVERBIAL_DEPS = frozenset({"npadvmod", "tmod"})


def conjuncts(tok: Token) -> list[Token]:
    """``tok`` and the phrases coordinated with it ("X, Y and Z")."""
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and (c.pos_ == tok.pos_ or c.pos_ in {"NOUN", "PROPN"}):
                out.append(c)
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


def direct_objects(verb: Token) -> list[Token]:
    """Direct objects of ``verb`` with their conjuncts."""
    out: list[Token] = []
    seen = False
    for c in verb.children:
        if c.dep_ in DIRECT_OBJECT_DEPS:
            edge = c.left_edge.i
            if seen and c.dep_ == "dobj" and edge > 0 and c.doc[edge - 1].text == ",":
                continue  # "appointed Butz as Secretary, a position …": an aside, no object
            seen = seen or c.dep_ == "dobj"
            out.extend(conjuncts(c))
    return out


def complements(verb: Token) -> list[Token]:
    """Predicative complements of ``verb`` with their conjuncts."""
    out: list[Token] = []
    for c in verb.children:
        if c.dep_ in COMPLEMENT_DEPS:
            out.extend(conjuncts(c))
    return out


def prep_object(prep: Token) -> Token | None:
    """The object of a preposition (noun phrase or clause), if it has one."""
    for c in prep.children:
        if c.dep_ in PREP_OBJECT_DEPS:
            return c
    return None


def _purpose_phrase(prep: Token, obj: Token) -> bool:
    """ "in order to …", "in order that …": a subordinator, no prepositional argument."""
    return (
        prep.lower_ == "in"
        and obj.lower_ == "order"
        and not any(c.dep_ in {"det", "poss", "amod"} for c in obj.children)
    )


#: Nouns of degree: "to a great extent", "to some degree" say how much, not to what.
DEGREE_NOUNS = frozenset({"extent", "degree"})


#: Verbs that take "X as Y" ("referred to X as Y", "described X as Y").
AS_VERBS = frozenset(
    "refer describe regard see view consider label brand portray characterize characterise "  # noqa: SIM905
    "treat dismiss denounce hail call depict paint".split()
)


def _as_of_governor(verb: Token) -> bool:
    """Whether an "as" phrase after a noun's participle ("the soldiers *buried there* as
    losers") belongs to the verb that governs the noun ("referred to … as")."""
    if verb.dep_ != "acl" or verb.tag_ != "VBN":
        return False
    host = verb.head
    gov = host.head.head if host.dep_ == "pobj" else host.head
    return host.dep_ in {"pobj", "dobj"} and gov.lemma_.lower() in AS_VERBS


def _deictic_time(prep: Token, obj: Token) -> bool:
    """ "at the moment", "for the time being", "at the time": a time said by pointing."""
    return (
        prep.lower_ in {"at", "for"}
        and obj.lemma_.lower() in {"moment", "time"}
        and any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in obj.children)
        and not any(c.dep_ in {"prep", "relcl", "acl", "amod"} for c in obj.children)
    )


def _absolute(prep: Token, obj: Token) -> bool:
    """ "with" + a noun + a participle ("with phase 4 expected to be done", "with two people
    killed"): an absolute clause that says something of its own, not the verb's argument."""
    return (
        prep.lower_ in {"with", "without"}
        and prep.i > prep.head.i
        and any(t.dep_ == "acl" and t.tag_ in {"VBN", "VBG"} for t in obj.subtree)
        and any(t.text == "," for t in prep.doc[prep.head.i : prep.i])
    )


def prep_arguments(verb: Token) -> list[tuple[Token, Token]]:
    """(preposition, object) pairs hanging on ``verb``, in text order."""
    out = []
    for c in verb.children:
        if c.dep_ in PREP_DEPS:
            obj = prep_object(c)
            if obj is not None and obj.lemma_.lower() in DEGREE_NOUNS:
                continue  # "determined to a great extent by reality": how much, no argument
            if c.lower_ == "as" and _as_of_governor(verb):
                continue  # "referred to the soldiers buried there as losers": the referring's
            if obj is not None and _deictic_time(c, obj):
                continue  # "shying away at the moment": when, no argument
            if obj is not None and _absolute(c, obj):
                continue  # "completed in June, with phase 4 expected by May": a clause of its own
            if obj is not None and not _purpose_phrase(c, obj):
                out.append((c, obj))
            elif c.dep_ == "dative" and c.pos_ in {"NOUN", "PROPN", "PRON"}:
                out.append((c, c))
    return out


def adjacent(verb: Token, prep: Token) -> bool:
    """Whether only particles, adverbs and time adverbials of the verb stand between ``verb``
    and ``prep`` ("criticised *last year* for", "arrested *on Monday* for")."""
    if prep.i <= verb.i:
        return False
    doc = verb.doc
    timed = {
        t.i
        for c in verb.children
        if verb.i < c.i < prep.i
        and (
            (c.dep_ in NP_ADVERBIAL_DEPS and is_time(c))
            or (c.dep_ == "prep" and any(o.dep_ == "pobj" and is_time(o) for o in c.children))
        )
        for t in c.subtree
    }
    return all(
        doc[k].dep_ in {"prt", "advmod", "neg"} or k in timed for k in range(verb.i + 1, prep.i)
    )


def prep_argument(prep: Token, obj: Token) -> Argument:
    """The argument "prep + phrase" ("for the Jets"), role = the preposition."""
    if prep.i == obj.i:
        return argument(obj, "to")
    role = prep.lower_ if prep.dep_ != "agent" else "by"
    return argument(obj, role, prep=prep)


def is_amount(tok: Token) -> bool:
    """Whether ``tok`` heads a quantity: "5%", "$3 billion", "more than 250 points" (not "two
    plants")."""
    return tok.ent_type_ in AMOUNT_LABELS or tok.like_num or tok.lemma_.lower() in AMOUNT_UNITS


def is_time(tok: Token) -> bool:
    return tok.ent_type_ in TIME_LABELS


def time_of(ctx: DocContext, verbs: Sequence[Token]) -> TimeValue | None:
    """A DATE/TIME expression governing the clause: a prepositional object or bare adverbial."""
    for v in verbs:
        for c in v.children:
            cand: Token | None = None
            if c.dep_ in PREP_DEPS:
                cand = prep_object(c)
            elif c.dep_ in NP_ADVERBIAL_DEPS or c.dep_ == "advmod":
                cand = c
            if cand is not None and is_time(cand):
                span = ctx.entity_span(cand) or token_span(cand)
                return TimeValue(text=span.text, value=None, span=span)
    return None


def place_of(verbs: Sequence[Token]) -> Argument | None:
    """A locative "in Moscow" (GPE/LOC/FAC) on the clause."""
    for v in verbs:
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
                obj = prep_object(c)
                if obj is not None and obj.ent_type_ in PLACE_LABELS:
                    return argument(obj, c.lower_, keep_prep=False)
    return None


def _speech_governor(verb: Token) -> Token | None:
    """The verb of saying whose complement holds ``verb`` ("X said (that) … verb …")."""
    t = verb
    for _ in range(8):
        dep, head = t.dep_, t.head
        if head.i == t.i:
            return None
        if (
            dep in {"ccomp", "parataxis"}
            and head.pos_ in {"VERB", "AUX"}
            and head.lemma_.lower() in speech_verbs()
        ):
            return head
        if dep not in {
            "conj",
            "xcomp",
            "ccomp",
            "advcl",
            "relcl",
            "acl",
            "pcomp",
            "pobj",
            "prep",
            "dobj",
        }:
            return None
        t = head
    return None


def _speech_dependent(verb: Token) -> Token | None:
    """A parenthetical "…, X said" or "X says" attached below ``verb``."""
    for c in verb.children:
        if c.dep_ in {"parataxis", "advcl"} and c.lemma_.lower() in speech_verbs() and c.i > verb.i:
            return c
    return None


def attribution(verbs: Sequence[Token]) -> Argument | None:
    """The source of reported speech for a clause, as an Argument (role "attribution")."""
    last = verbs[-1]
    for v in verbs:
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for g in c.children:
                    obj = prep_object(g) if g.dep_ == "prep" else None
                    if obj is not None:
                        return argument(obj, "attribution")
    gov = _speech_governor(verbs[0]) or _speech_dependent(last)
    if gov is None:
        return None
    s = subject_of(gov)
    return argument(s.token, "attribution") if s is not None else None


def extra_arguments(verbs: Sequence[Token], skip: set[int]) -> Iterator[Argument]:
    """Prepositional arguments of a verb chain not used as object (token indices in ``skip``)."""
    for v in verbs:
        for prep, obj in prep_arguments(v):
            if prep.i in skip or obj.i in skip:
                continue
            if prep.lower_ == "according" or obj.i in skip:
                continue
            inner = complex_preposition(prep, obj, next_to=True)
            if inner is not None:  # "in addition to corruption": role "in addition to"
                of, target = inner
                yield argument(target, f"{prep.lower_} {obj.lower_} {of.lower_}")
                continue
            yield prep_argument(prep, obj)


def complex_preposition(
    prep: Token, noun: Token, *, next_to: bool = False
) -> tuple[Token, Token] | None:
    """The "of"/"to" and its object when a preposition and a noun make one complex preposition
    ("in favour of", "on behalf of", "in response to", ``data/complex_preposition_nouns.txt``),
    else None. ``next_to``: the noun must follow the preposition directly, and its written
    form counts as well as its lemma ("in terms of")."""
    forms = {noun.lemma_.lower(), noun.lower_} if next_to else {noun.lemma_.lower()}
    if (
        not forms & complex_preposition_nouns()
        or (next_to and noun.i != prep.i + 1)
        or any(c.dep_ in {"det", "poss", "amod"} for c in noun.children)
    ):
        return None
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in {"of", "to"} and c.i == noun.i + 1:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return c, obj
    return None


__all__ = [
    "COMPLEMENT_DEPS",
    "DIRECT_OBJECT_DEPS",
    "PLACE_LABELS",
    "PREP_DEPS",
    "TIME_LABELS",
    "adjacent",
    "attribution",
    "complements",
    "complex_preposition",
    "conjuncts",
    "direct_objects",
    "extra_arguments",
    "is_amount",
    "is_time",
    "place_of",
    "prep_argument",
    "prep_arguments",
    "time_of",
]
