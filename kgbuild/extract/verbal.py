"""Verbal predicates: active and passive clauses with their objects and n-ary arguments.

For every clause-heading verb (with its open-complement chain, see :mod:`.control`):

* active: subject – verb – each direct object (conjuncts split); without one, a predicative
  complement ("became a justice"), a complement clause ("said that …"), or the first
  prepositional object, whose preposition then joins the predicate ("called for a ceasefire");
* passive with a by-agent: agent – verb – patient ("X was defeated by Y" → Y defeat X);
* passive without agent: patient – "be" + participle ("be closed") – first prepositional object;
  joint agents in a "between" phrase count as its agent ("reached between the two companies");
* every other prepositional phrase is a further argument ("for the Jets", "in 1941").

A subject that undergoes the event gets the role :data:`PATIENT` instead of ``"subject"``: the
subject of a passive without agent, and of an intransitive change of state
(``data/unaccusative_verbs.txt``: "shares fell", "the plant closed").
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from kgbuild.extract import confidence
from kgbuild.extract.arguments import (
    ADJUNCT_PREPS,
    AMOUNT_LABELS,
    TIME_LABELS,
    adjacent,
    attribution,
    complements,
    complex_preposition,
    conjuncts,
    direct_objects,
    extra_arguments,
    is_amount,
    is_time,
    place_of,
    prep_argument,
    prep_arguments,
    time_of,
)
from kgbuild.extract.context import DocContext
from kgbuild.extract.control import (
    adjective_complement,
    chain_modality,
    chain_negative,
    chain_of,
    has_object_before,
    is_chained,
)
from kgbuild.extract.lexicon import (
    motion_verbs,
    speech_verbs,
    unaccusative_verbs,
)
from kgbuild.extract.predicates import (
    is_negated,
    modality,
    object_negated,
    particle,
    predicate,
    verb_lemma,
)
from kgbuild.extract.spans import argument, clause_argument, core_bounds
from kgbuild.extract.subjects import (
    OBJECT_PCOMP_PREPS,
    RELATIVE_TAGS,
    Subject,
    actor_like,
    is_passive,
    prepositional_controller,
    subject_of,
)
from kgbuild.records import CLAUSE, PATIENT, Argument, Triple

#: Parts of speech that head clauses.
VERB_POS = frozenset({"VERB", "AUX"})

#: Dependency labels of tokens that never head a clause of their own.
NON_CLAUSE_DEPS = frozenset({"aux", "auxpass", "amod", "compound", "nmod", "poss"})

#: Prepositions naming the joint agents of an agentless passive ("reached between X and Y").
RECIPROCAL_PREPS = frozenset({"between"})

#: Penn tags of plural nouns.
PLURAL_TAGS = frozenset({"NNS", "NNPS"})

#: Named-entity labels and pronouns of people: they act when they move ("the envoy arrived").
PERSON_LABELS = frozenset({"PERSON"})
PERSONAL_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "they"})

#: Parts of speech of a relative clause's antecedent.
NOUN_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})

#: Complement clauses that can be the object of a verb ("said that …").
CLAUSE_OBJECT_DEPS = frozenset({"ccomp", "xcomp"})

#: Object predicatives that complete a transitive verb ("called the plan *unnecessary*",
#: "elected him *president*"): they join the predicate, since without them it says something else.
OBJECT_PREDICATIVE_DEPS = frozenset({"oprd"})

#: Modifiers that make a prepositional object more than a bare noun ("under *strict* control").
BARE_NOUN_BLOCKERS = frozenset(
    {"det", "poss", "amod", "compound", "nummod", "prep", "relcl", "acl", "appos", "conj"}
)

#: Lemmas left to the copular extractor (see :mod:`.copular`).
COPULA_LEMMAS = frozenset({"be"})


#: Arguments longer than this (in characters) lower the confidence.
LONG_ARGUMENT = 90


@dataclass(frozen=True, slots=True)
class _Object:
    arg: Argument | None
    kind: str  # dobj | complement | clause | prep | agent | none
    folded: Token | None = None  # preposition joined to the predicate
    #: the rest of a complex preposition joined to the predicate ("in *favour of*")
    phrase: tuple[Token, ...] = ()
    used: tuple[int, ...] = ()  # token indices consumed (preposition, object)
    negated: bool = False
    addressee: Argument | None = None  # whom a verb of saying speaks to ("told reporters")
    #: words after the object that complete the predicate ("brought … *under control*")
    completes: tuple[Token, ...] = ()


def _object_clause(verb: Token, clause: Token) -> bool:
    """Whether a complement clause can be the object of ``verb``: after it, or before it only
    for a verb of saying ("'Prices will rise,' the minister said"). A clause before any other
    verb is a parse of a colon or dash ("It was a milestone: the jet landed")."""
    return clause.pos_ in VERB_POS and (clause.i > verb.i or verb.lemma_.lower() in speech_verbs())


def _relative_antecedent(obj: Token, clause: Token) -> Token:
    """The noun a relative pronoun object stands for ("the loans *that* it received" → the
    loans), else the object itself."""
    if obj.tag_ in RELATIVE_TAGS and clause.dep_ == "relcl" and clause.head.pos_ in NOUN_POS:
        return clause.head
    return obj


def _objects(ev: Token, *, passive: bool, clause: Token | None = None) -> list[_Object]:
    """Candidate objects of the event verb ``ev`` (in the clause headed by ``clause``), one
    triple each."""
    objs = direct_objects(ev)
    said = [c for c in ev.children if c.dep_ in CLAUSE_OBJECT_DEPS and _object_clause(ev, c)]
    if objs and said and ev.lemma_.lower() in speech_verbs():
        # "told reporters (that) …": what was said is the object, the hearer a further argument
        return [
            _Object(
                clause_argument(said[0], CLAUSE),
                "clause",
                used=(objs[0].i,),
                addressee=argument(objs[0], "to"),
            )
        ]
    if objs:
        rest = object_complement(ev, objs[-1])
        return [
            _Object(
                argument(_relative_antecedent(o, clause or ev), "object"),
                "dobj",
                negated=object_negated(o),
                completes=rest,
                used=tuple(t.i for t in rest),
            )
            for o in objs
        ]
    comps = [c for c in complements(ev) if not passive or c.dep_ == "oprd"]
    if comps:
        return [_Object(argument(c, "object"), "complement") for c in comps]
    clauses = [
        c
        for c in ev.children
        if c.dep_ in CLAUSE_OBJECT_DEPS
        and _object_clause(ev, c)
        and not (c.dep_ == "xcomp" and has_object_before(ev, c))  # "called on X to meet"
        and not (passive and c.dep_ == "xcomp" and c.tag_ == "VBG")  # "arrested demonstrating"
    ]
    if clauses:
        return [_Object(clause_argument(clauses[0], CLAUSE), "clause")]
    amounts = [c for c in ev.children if c.dep_ == "npadvmod" and c.ent_type_ in AMOUNT_LABELS]
    if amounts:
        return [_Object(argument(amounts[0], "object"), "dobj", used=(amounts[0].i,))]
    preps = [
        (p, o)
        for p, o in prep_arguments(ev)
        if p.dep_ == "prep" and p.i > ev.i and p.lower_ not in ADJUNCT_PREPS
    ]
    if preps:
        p, o = ([(p, o) for p, o in preps if not is_time(o)] or preps)[0]
        fold = adjacent(ev, p) and not is_time(o)
        inner = complex_preposition(p, o) if fold else None
        if inner is not None:  # "spoke in favour of the bill": the bill is the object
            of, target = inner
            return [
                _Object(
                    argument(target, "object"),
                    "prep",
                    folded=p,
                    phrase=(o, of),
                    used=(p.i, o.i, of.i, target.i),
                )
            ]
        arg = argument(o, "object") if fold else prep_argument(p, o)
        return [_Object(arg, "prep", folded=p if fold else None, used=(p.i, o.i))]
    return [_Object(None, "none")]


def _head_actor_like(verb: Token, arg: Argument) -> bool:
    """Whether the head word of ``arg`` (an argument of ``verb``) names someone who can act."""
    span = verb.doc.char_span(arg.head.start, arg.head.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and actor_like(span.root)


def _bidden_clause(verb: Token, obj: _Object) -> Argument | None:
    """The infinitive a verb of object control bids its object to do ("urged the council *to
    approve the budget*", "called on Egypt *to reverse the decision*"), as a clause argument:
    the fact about the bidding keeps it as its content."""
    if obj.kind not in {"dobj", "prep"} or obj.arg is None or obj.arg.role == CLAUSE:
        return None
    for c in verb.children:
        if (
            c.dep_ in {"xcomp", "advcl"}
            and c.idx > obj.arg.head.start
            and any(a.dep_ == "aux" and a.tag_ == "TO" for a in c.children)
            and (c.dep_ == "xcomp" or prepositional_controller(verb, c) is not None)
        ):
            return clause_argument(c, CLAUSE)
        if (  # "accused Hezbollah *of bankrolling violence*": what the object is accused of
            c.dep_ == "prep"
            and c.lower_ in OBJECT_PCOMP_PREPS
            and c.idx > obj.arg.head.start
            and obj.kind == "dobj"
            and _head_actor_like(verb, obj.arg)
        ):
            gerund = next((g for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"), None)
            if gerund is not None:
                return clause_argument(gerund, CLAUSE)
    return None


def object_complement(verb: Token, obj: Token) -> tuple[Token, ...]:
    """What completes a transitive ``verb`` after its object ``obj``: an object predicative
    ("called the amendment *unnecessary*", "elected him *president*"), what it is taken "as"
    ("recognised Tibet *as part of China*"), or a preposition with a
    bare singular common noun ("brought the situation *under control*", "took him *into
    custody*", "put the plan *on hold*"). Without it the predicate says something else
    ("call", "bring"), so it joins the predicate's lemma.
    """
    for c in verb.children:
        if c.i > obj.i and (
            (c.dep_ in OBJECT_PREDICATIVE_DEPS and c.pos_ in {"ADJ", "NOUN"})
            or (c.dep_ == "advmod" and c.tag_ == "JJ")  # "ruled the prorogation unlawful"
        ):
            return (c,)
    for p, o in prep_arguments(verb):
        if (
            p.lower_ == "as"
            and p.dep_ == "prep"
            and p.i > obj.i
            and o.pos_ in {"NOUN", "ADJ"}
            and not o.ent_type_
        ):
            # "recognised Tibet *as part of China*", "saw it *as a detriment*": what the
            # object is taken for
            lo, hi = core_bounds(o)
            return (p, *o.doc[lo : hi + 1])
    for p, o in prep_arguments(verb):
        if (
            p.dep_ == "prep"
            and p.i > obj.i
            and o.i == p.i + 1
            and o.tag_ == "NN"
            and not o.ent_type_
            and p.lower_ not in ADJUNCT_PREPS
            and not any(c.dep_ in BARE_NOUN_BLOCKERS for c in o.children)
        ):
            return (p, o)
    return ()


def _named_owner(verb: Token, obj: _Object) -> Token | None:
    """The name owning a common-noun object ("condemned *the Attorney General's* actions"):
    whose actions they are is part of the fact (an "of" argument), while the object stays the
    concept."""
    if obj.arg is None or obj.arg.role == CLAUSE or obj.arg.pos != "NOUN":
        return None
    span = verb.doc.char_span(obj.arg.head.start, obj.arg.head.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return None
    return next((c for c in span[0].children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)


def _is_long(*args: Argument | None) -> bool:
    return any(a is not None and len(a.span.text) > LONG_ARGUMENT for a in args)


def _make(
    ctx: DocContext,
    chain: Sequence[Token],
    subj: Argument,
    obj: _Object,
    *,
    lemma: str,
    construction: str,
    via: str,
    negated: bool,
    extra: tuple[Argument, ...],
    split: bool,
    theme: bool = False,
) -> Triple:
    ev = chain[-1]
    folded = ((obj.folded,) if obj.folded is not None else ()) + obj.phrase
    pred = predicate(chain, lemma=lemma, extra=folded)
    owner = _named_owner(ev, obj)
    feats = confidence.Features(
        construction=construction,
        object=obj.kind,
        subject_via=via,
        pronoun_subject=subj.head.text.lower() in {"it", "they", "this", "he", "she", "that"},
        long_argument=_is_long(subj, obj.arg),
        split_conjunct=split,
        theme_subject=theme,
        sentence_tokens=ctx.sentence_length(ev),
        bare=obj.arg is None and not extra and owner is None,
    )
    return Triple(
        doc=ctx.doc_id,
        sentence=ctx.sentence(ev),
        subject=subj,
        predicate=pred,
        object=obj.arg,
        arguments=extra + ((argument(owner, "of"),) if owner is not None else ()),
        negated=negated or obj.negated,
        modality=next((m for m in (modality(v) for v in chain) if m), None)
        or chain_modality(list(chain)),
        attributed_to=attribution(chain),
        time=time_of(ctx, chain),
        place=place_of(chain),
        confidence=confidence.score(feats),
        via=confidence.describe(feats),
    )


def _subjects(s: Subject) -> list[Token]:
    return conjuncts(s.token) if s.token.pos_ in {"NOUN", "PROPN"} else [s.token]


def _line_subject(ctx: DocContext, verb: Token, found: Subject) -> Subject | None:
    """A subject on the verb's own line when the parser found one across a line break.

    A title glued to the first sentence of the body gives the body's verb a subject in the
    title; the body's real subject is then a noun phrase on the verb's line whose head lies
    outside that line.
    """
    line = ctx.line(verb)
    doc = ctx.doc
    for k in range(verb.i - 1, -1, -1):
        if ctx.line(doc[k]) != line:
            break
    else:
        k = -1
    for tok in doc[k + 1 : verb.i]:
        if tok.pos_ in {"NOUN", "PROPN", "PRON"} and ctx.line(tok.head) != line:
            return Subject(tok, found.passive, found.via)
    return None


def _agent_of(ev: Token) -> Token | None:
    """The "by" of a passive verb, or of a passive verb conjoined with it ("selected and
    purchased by the government"), else a reciprocal "between"."""
    for cand in (
        ev,
        *[c for c in ev.children if c.dep_ == "conj"],
        ev.head if ev.dep_ == "conj" else ev,
    ):
        if cand.i != ev.i and not is_passive(cand) and cand.tag_ != "VBN":
            continue
        if cand.i != ev.i and _own_auxiliaries(ev if cand.i == ev.head.i else cand):
            continue  # "are denied by X and has never been charged": a clause of its own
        for c in cand.children:
            if c.dep_ == "agent":
                return c
    return _reciprocal_agent(ev)


def _own_auxiliaries(verb: Token) -> bool:
    """Whether a conjoined verb has auxiliaries of its own (a clause of its own)."""
    return verb.dep_ == "conj" and any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _reciprocal_agent(ev: Token) -> Token | None:
    """The "between" of an agentless passive naming its agents together ("an agreement reached
    between the two companies", "talks held between X and Y"): a plural or coordinated object.
    """
    for p, o in prep_arguments(ev):
        if p.lower_ in RECIPROCAL_PREPS and (o.tag_ in PLURAL_TAGS or len(conjuncts(o)) > 1):
            return p
    return None


def _unaccusative(verb: Token) -> bool:
    """An intransitive change-of-state verb: its subject undergoes the event ("shares fell").

    An amount as object ("fell 5%", "lost more than 250 points") does not make the verb
    transitive; a clausal complement makes it an aspectual verb whose subject acts ("began
    selling", "would stop making").
    """
    if verb.lemma_.lower() not in unaccusative_verbs():
        return False
    if any(c.dep_ in CLAUSE_OBJECT_DEPS and c.i > verb.i for c in verb.children):
        return False
    return all(is_amount(o) for o in direct_objects(verb))


def _moves_itself(verb: Token, subject: Token) -> bool:
    """A person as subject of a verb of motion acts ("the envoy arrived"), unlike a thing
    ("the jet arrived")."""
    return verb.lemma_.lower() in motion_verbs() and (
        subject.ent_type_ in PERSON_LABELS or subject.lower_ in PERSONAL_PRONOUNS
    )


def clause_triples(ctx: DocContext, verb: Token) -> Iterator[Triple]:
    """The triples of the clause headed by ``verb`` (with its open-complement chain)."""
    chain = chain_of(verb)
    ev = chain[-1]
    s = subject_of(verb)
    if s is not None and not ctx.same_line(s.token, verb):
        s = _line_subject(ctx, verb, s)
    if s is None:
        return
    passive = is_passive(ev) if ev.i != verb.i else s.passive
    negated = any(is_negated(v) for v in chain) != chain_negative(chain)
    construction = "control" if len(chain) > 1 else "verbal"
    subjects = _subjects(s)
    split = len(subjects) > 1
    if passive:
        agent_prep = _agent_of(ev)
        agents = (
            [o for p, o in prep_arguments(agent_prep.head) if p.i == agent_prep.i]
            if agent_prep
            else []
        )
        if agents and agent_prep is not None:
            skip = {agent_prep.i, agents[0].i}
            extra = tuple(extra_arguments(chain, skip))
            rest = object_complement(ev, s.token)  # "was sentenced *to death* by"
            lemma = verb_lemma(ev) + "".join(" " + t.lower_ for t in rest)
            for a in conjuncts(agents[0]):
                for patient in subjects:
                    yield _make(
                        ctx,
                        chain,
                        argument(a, "subject"),
                        _Object(argument(patient, "object", without=verb), "agent"),
                        lemma=lemma,
                        construction="passive",
                        via=s.via,
                        negated=negated,
                        extra=extra,
                        split=split,
                    )
            return
        prt = particle(ev)  # "the plans were turned down": be turned down
        lemma_base = "be " + ev.lower_ + (" " + prt.lower_ if prt is not None else "")
    else:
        lemma_base = verb_lemma(ev)
    unaccusative = _unaccusative(ev)
    for obj in _objects(ev, passive=passive, clause=verb):
        lemma = lemma_base + (" " + obj.folded.lower_ if obj.folded is not None else "")
        lemma += "".join(" " + t.lemma_.lower() for t in obj.phrase)
        lemma += "".join(" " + t.lower_ for t in obj.completes)
        if (
            obj.kind == "prep"
            and obj.folded is None
            and obj.arg is not None
            and obj.arg.ner_label not in TIME_LABELS  # "died on Sunday": the time is no target
        ):
            lemma += " " + obj.arg.role  # "was provided for *under* the licence"
        extra = tuple(extra_arguments(chain, set(obj.used)))
        if obj.addressee is not None:
            extra = (obj.addressee, *extra)
        bidden = _bidden_clause(ev, obj)
        if bidden is not None:  # "called on Egypt *to reverse the decision*": what was asked
            extra = (*extra, bidden)
        for subj in subjects:
            theme = passive or (unaccusative and not _moves_itself(ev, subj))
            yield _make(
                ctx,
                chain,
                argument(subj, PATIENT if theme else "subject", without=verb),
                obj,
                lemma=lemma,
                construction=construction if not passive else "passive",
                via=s.via,
                negated=negated,
                extra=extra,
                split=split or len(direct_objects(ev)) > 1,
                theme=theme,
            )


def _word_fragment(tok: Token) -> bool:
    """Whether ``tok`` is no word of its own: punctuation, or the part of a hyphenated word
    before its hyphen ("re" of "re-designated", which the tagger may take for a verb)."""
    if not any(ch.isalpha() for ch in tok.text):
        return True
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return (
        nxt is not None
        and not tok.whitespace_
        and nxt.text == "-"
        and not nxt.whitespace_
        and nxt.i + 1 < len(tok.doc)
        and tok.doc[nxt.i + 1].is_alpha
    )


def is_clause_head(tok: Token) -> bool:
    """Whether ``tok`` heads a verbal clause of its own (not an auxiliary, copula or chain link)."""
    if tok.pos_ not in VERB_POS or tok.dep_ in NON_CLAUSE_DEPS or _word_fragment(tok):
        return False
    if tok.lemma_.lower() in COPULA_LEMMAS and adjective_complement(tok) is None:
        return False
    return not is_chained(tok)


def verbal_triples(ctx: DocContext) -> Iterator[Triple]:
    """Triples of every verbal clause in the document."""
    for tok in ctx.doc:
        if is_clause_head(tok):
            yield from clause_triples(ctx, tok)


__all__ = ["clause_triples", "is_clause_head", "verbal_triples"]
