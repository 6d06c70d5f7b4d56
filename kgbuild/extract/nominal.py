"""Nominal and light-verb events: "talks with X", "Russia's demand for guarantees", "held talks".

An event noun (``data/nominal_events.tsv``) stands for a verb ("talks" → meet). Its agent is,
in order: a possessive ("Russia's demand"), a "by" phrase, a nationality or organization
modifier ("Russian withdrawal"), the subject of a light verb taking it as object ("X held
talks" → kind ``light``), or the subject of the clause it hangs on through a preposition
("Speaking after talks with Y, X said …", "X spoke following talks with Y"). Its object is a
partner ("with Y", "between X and Y") or a theme ("of troops", "for guarantees").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Token

from kgbuild.extract import confidence
from kgbuild.extract.arguments import (
    PLACE_LABELS,
    TIME_LABELS,
    attribution,
    complex_preposition,
    conjuncts,
    is_amount,
    prep_object,
    time_of,
)
from kgbuild.extract.context import DocContext
from kgbuild.extract.lexicon import (
    agent_nouns,
    light_verbs,
    nominal_events,
    speech_verbs,
    topic_event_verbs,
    unaccusative_verbs,
)
from kgbuild.extract.predicates import NEGATIVE_WORDS, is_negated, modality, predicate
from kgbuild.extract.spans import argument, token_span
from kgbuild.extract.subjects import subject_of
from kgbuild.records import PATIENT, Predicate, Triple

#: Prepositions introducing the partner of an event noun ("talks with X").
PARTNER_PREPS = frozenset({"with", "between"})

#: Prepositions introducing the theme of an event noun ("withdrawal of troops").
THEME_PREPS = frozenset({"of", "for", "on", "against", "to", "into", "over", "from"})

#: Verbs of event nouns of consultation ("talks", "negotiations") and the prepositions of
#: their topic ("talks *on* the dispute"): with a topic and no partner, the event is discussing.
CONSULT_VERBS = frozenset({"meet", "talk", "negotiate", "consult"})
TOPIC_PREPS = frozenset({"on", "about", "over", "regarding"})

#: Prepositions introducing what undergoes an event noun ("the delivery of the jets").
THEME_OF_PREPS = frozenset({"of"})


#: Penn tags of plural nouns ("between the two companies").
PLURAL_TAGS = frozenset({"NNS", "NNPS"})

#: Event nouns whose clause's subject undergoes them: who "gave an interview to" a station,
#: or spoke "in an interview with" it, was interviewed; the noun lends no agent from its clause.
UNDERGONE_NOUNS = frozenset({"interview"})

#: Verbs whose event noun takes with "with" what comes instead, not a partner ("the
#: replacement of the system *with* a single chamber").
REPLACING_VERBS = frozenset({"replace", "substitute", "exchange", "swap"})

#: Prepositions of an event noun's object that stay with its verb ("withdrawal *from* X").
FOLDED_PREPS = frozenset({"from"})

#: Prepositions introducing the agent ("an attack by X").
AGENT_PREPS = frozenset({"by"})

#: Verbs whose event noun names its agent with "from": what comes from someone ("an order
#: from X", "criticism from X", "a request from X").
SOURCE_AGENT_VERBS = frozenset(
    {
        "order",
        "request",
        "offer",
        "bid",
        "demand",
        "support",
        "aid",
        "assist",
        "help",
        "criticize",
        "condemn",
        "warn",
        "threaten",
        "propose",
        "invest",
        "appeal",
        "reply",
        "respond",
        "answer",
    }
)

#: Prepositions through which the governing clause lends its subject to the event noun.
GOVERNING_PREPS = frozenset(
    {
        "after",
        "following",
        "during",
        "before",
        "since",
        "amid",
        "upon",
        "ahead",
        "throughout",
        "in",
        "at",
    }
)

#: Entity labels of modifiers that name the agent ("Russian demands", "NATO expansion").
AGENT_MODIFIER_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})

#: Parts of speech of clause heads.
VERB_POS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True, slots=True)
class _Agent:
    token: Token
    via: str  # possessive | by | modifier | light | governor
    light: Token | None = None


def event_verb(noun: Token) -> str | None:
    """The verb an event noun stands for, from the lexicon."""
    table = nominal_events()
    return table.get(noun.lower_) or table.get(noun.lemma_.lower())


def _agent(noun: Token, verb: str) -> _Agent | None:
    for c in noun.children:
        if c.dep_ == "poss":
            return _Agent(c, "possessive")
    preps = AGENT_PREPS | ({"from"} if verb in SOURCE_AGENT_VERBS else set())
    for c in noun.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps:
            obj = prep_object(c)
            if obj is not None:
                return _Agent(obj, "by")
    for c in noun.children:
        if (
            c.dep_ in {"compound", "amod"}
            and c.i < noun.i
            and _names_actor(c)
            and c.ent_type_ not in PLACE_LABELS
            and not (c.i > 0 and c.doc[c.i - 1].text == "-")
        ):  # "London bombings", "the Gaza withdrawal": where, not who; "two-party talks": how
            return _Agent(c, "modifier")
    head = noun.head
    if noun.lemma_.lower() in UNDERGONE_NOUNS:
        return None  # "in an interview with the station, X said": the station interviewed X
    if noun.dep_ == "dobj" and head.pos_ in VERB_POS and head.lemma_.lower() in light_verbs():
        s = subject_of(head)
        return _Agent(s.token, "light", light=head) if s else None
    gov: Token | None = None
    if noun.dep_ == "dobj" and head.dep_ == "prep" and head.tag_ == "VBG":
        gov = head.head  # "following talks": a participle used as a preposition
    elif noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in GOVERNING_PREPS:
        gov = head.head
    if gov is not None and gov.pos_ in VERB_POS:
        s = subject_of(gov)
        if s is None or s.passive:
            return None  # "a soldier was killed in an operation with X": not the soldier's
        return _Agent(s.token, "governor")
    return None


#: The ways of finding an event noun's agent that leave a noun modifier free to be its theme:
#: "Iran's missile tests", "missile tests by Iran", "Iran carried out missile tests" test
#: missiles; when the agent is itself a modifier ("Malawi food appeal") or comes from the verb
#: above ("said in a media release"), a second modifier is a kind, not a theme.
COMPOUND_THEME_AGENTS = frozenset({"possessive", "by", "between", "light"})


def _objects(
    noun: Token, agent: Token | None, verb: str = "", agent_via: str = "possessive"
) -> list[tuple[Token, str]]:
    """(object token, preposition) pairs: partners first, then themes. For a noun of saying,
    "to" gives the hearer, no theme ("a statement to the press"). A noun modifier is a theme
    only after an agent of :data:`COMPOUND_THEME_AGENTS`, and never the agent itself
    ("parliament elections" is no parliament electing a parliament)."""
    out: list[tuple[Token, str]] = []
    # "criticism from leaders as well as from opponents": a second "from" is a second agent
    agent_prep = (
        "from"
        if agent is not None and agent.dep_ == "pobj" and agent.head.lower_ == "from"
        else None
    )
    for group in (PARTNER_PREPS, THEME_PREPS):
        for c in noun.children:
            if (
                c.dep_ == "prep"
                and c.lower_ in group
                and c.lower_ != agent_prep
                and not (c.lower_ == "to" and verb in speech_verbs())
                and not (c.lower_ == "with" and verb in REPLACING_VERBS)
            ):
                obj = prep_object(c)
                if obj is None:
                    continue
                if c.lower_ == "between" and agent is None:
                    continue
                out.extend((o, c.lower_) for o in conjuncts(obj) if agent is None or o.i != agent.i)
        if out:
            return out
    if agent_via not in COMPOUND_THEME_AGENTS:
        return []
    return [
        (c, "compound")
        for c in noun.children
        if c.dep_ == "compound"
        and c.i < noun.i
        and c.pos_ == "NOUN"
        and not c.ent_type_
        and (agent is None or c.i != agent.i)
    ]


def _in_complex_preposition(noun: Token) -> bool:
    """An event noun that is part of a complex preposition ("aid *in support of* the effort",
    "*in response to* the attack"): no event of its own."""
    return noun.dep_ == "pobj" and complex_preposition(noun.head, noun, next_to=True) is not None


def _other_modifier(noun: Token, agent: Token) -> bool:
    """Whether the event noun has a noun or number modifier besides its agent."""
    return any(
        c.dep_ in {"compound", "amod", "nummod"} and c.i != agent.i and c.pos_ in {"NOUN", "NUM"}
        for c in noun.children
    ) or any(c.dep_ == "amod" and c.lower_ in {"multiple", "several"} for c in noun.children)


def _between_agent(noun: Token) -> Token | None:
    """ "talks between X and Y": X is the agent, Y the partner; "a dispute between the two
    companies": the companies together."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "between":
            obj = prep_object(c)
            if obj is not None and (len(conjuncts(obj)) > 1 or obj.tag_ in PLURAL_TAGS):
                return obj
    return None


def _theme(noun: Token, verb: str) -> Token | None:
    """What undergoes an event noun: its "of" phrase ("the delivery of the jets"), else a
    noun modifying it ("car sales", "wage cuts"), unless the noun takes a topic there
    ("security talks", ``data/topic_event_verbs.txt``); not an amount ("a fall of 5%"), a time
    or a place ("a tour of Asia"), nor an agent-like name (see :func:`_agent`)."""
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in THEME_OF_PREPS:
            obj = prep_object(c)
            if obj is not None and _can_undergo(obj):
                return obj
    if verb in topic_event_verbs():
        return None
    mods = [
        c
        for c in noun.children
        if c.dep_ == "compound"
        and c.i < noun.i
        and c.pos_ in {"NOUN", "PROPN"}
        and not _names_actor(c)
        and _can_undergo(c)
    ]
    return mods[-1] if mods else None


def _names_actor(tok: Token) -> bool:
    """A modifier naming an actor: a person, organization or nation ("Russian demands", "NATO
    expansion"), or a noun of ``data/agent_nouns.txt`` ("government aid")."""
    return tok.ent_type_ in AGENT_MODIFIER_LABELS or (
        tok.pos_ == "NOUN" and not tok.ent_type_ and tok.lemma_.lower() in agent_nouns()
    )


def _can_undergo(tok: Token) -> bool:
    return not is_amount(tok) and tok.ent_type_ not in PLACE_LABELS | TIME_LABELS


def _undergoer(noun: Token, agent: _Agent | None, verb: str) -> _Agent | None:
    """The patient of an event noun that has no agent, or of a change-of-state noun.

    A change of state names what changes with a possessive, a modifier or "of" ("the index's
    fall", "the fall of the index"); any other event noun without an agent names its patient
    with "of" ("the bailout of the insurer", like "the insurer was bailed out").
    """
    if verb in unaccusative_verbs():
        if agent is not None and agent.via in {"possessive", "modifier"}:
            return agent
        if agent is None or agent.via == "governor":
            theme = _theme(noun, verb)
            return _Agent(theme, "theme") if theme is not None else None
        return None
    if agent is None:
        theme = _theme(noun, verb)
        return _Agent(theme, "theme") if theme is not None else None
    return None


def nominal_triples(ctx: DocContext) -> Iterator[Triple]:
    """Triples of event nouns with an agent (and, when given, an object), or with a patient."""
    for noun in ctx.doc:
        if noun.pos_ != "NOUN":
            continue
        verb = event_verb(noun)
        if verb is None or _in_complex_preposition(noun):
            continue
        agent = _agent(noun, verb)
        if agent is None:
            between = _between_agent(noun)
            agent = _Agent(between, "between") if between is not None else None
        patient = _undergoer(noun, agent, verb)
        if patient is not None:
            yield _patient_triple(ctx, noun, verb, patient)
            continue
        if agent is None:
            continue
        objects = _objects(noun, agent.token, verb, agent.via)
        if not objects and (agent.via in {"governor", "light"} or agent.token.pos_ == "PRON"):
            continue
        if not objects and agent.via == "modifier" and _other_modifier(noun, agent.token):
            continue  # "NYC transit strike", "multiple party talks": who does what, unclear
        if verb in CONSULT_VERBS and objects and all(p in TOPIC_PREPS for _o, p in objects):
            verb = "discuss"  # "talks on the dispute": the dispute is discussed, not met
        negated = any(c.dep_ == "det" and c.lower_ in NEGATIVE_WORDS for c in noun.children)
        clause = [agent.light] if agent.light is not None else []
        if agent.light is not None:
            negated = negated or is_negated(agent.light)
            pred = predicate([agent.light], lemma=verb, kind="light", extra=(noun,))
            pred = Predicate(
                span=pred.span, lemma=verb, kind="light", head=token_span(noun), verb=verb
            )
        else:
            pred = Predicate(
                span=token_span(noun), lemma=verb, kind="noun", head=token_span(noun), verb=verb
            )
        subj = argument(agent.token, "subject", keep_prep=False, without=noun)
        feats = confidence.Features(
            construction="light" if agent.light is not None else "nominal",
            object="prep" if objects else "none",
            subject_via=agent.via if agent.via in confidence.SUBJECT else "noun",
            bare=not objects,
        )
        targets: list[tuple[Token | None, str]] = list(objects) or [(None, "")]
        for obj, prep in targets:
            yield Triple(
                doc=ctx.doc_id,
                sentence=ctx.sentence(noun),
                subject=subj,
                # "the withdrawal from Georgia": withdraw from, not withdraw Georgia
                predicate=replace(pred, lemma=f"{verb} {prep}") if prep in FOLDED_PREPS else pred,
                object=argument(obj, "object") if obj is not None else None,
                negated=negated,
                modality=modality(agent.light) if agent.light is not None else None,
                attributed_to=attribution(clause or [_clause_of(noun)]),
                time=time_of(ctx, clause) if clause else None,
                confidence=confidence.score(feats),
                via=confidence.describe(feats),
            )


def _patient_triple(ctx: DocContext, noun: Token, verb: str, patient: _Agent) -> Triple:
    """(patient; event noun; —): "the fall of the index" → (the index; fall), role patient."""
    feats = confidence.Features(
        construction="nominal", object="none", subject_via="noun", theme_subject=True, bare=True
    )
    return Triple(
        doc=ctx.doc_id,
        sentence=ctx.sentence(noun),
        subject=argument(patient.token, PATIENT, keep_prep=False, without=noun),
        predicate=Predicate(
            span=token_span(noun), lemma=verb, kind="noun", head=token_span(noun), verb=verb
        ),
        negated=any(c.dep_ == "det" and c.lower_ in NEGATIVE_WORDS for c in noun.children),
        attributed_to=attribution([_clause_of(noun)]),
        confidence=confidence.score(feats),
        via=confidence.describe(feats),
    )


def _clause_of(noun: Token) -> Token:
    """The nearest verb above ``noun`` (the noun itself when there is none)."""
    t = noun
    for _ in range(6):
        if t.head.i == t.i:
            break
        t = t.head
        if t.pos_ in VERB_POS:
            return t
    return noun


__all__ = ["event_verb", "nominal_triples"]
