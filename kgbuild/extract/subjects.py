"""Who does what: the subject of a verb, its own or inherited from the clause it hangs on.

Inheritance rules, each a general construction of English:

* conjoined verbs share the subject of the first ("Moscow asked … and demanded …");
* open complements take the subject of their governor ("agreed to discuss"), or its object
  when the governor is a verb of causing, asking or permitting
  (``data/object_control_verbs.txt``: "urged Kyiv to negotiate"); after the object of any
  other verb the infinitive is a purpose clause with the governor's subject ("used the funds
  to buy shares");
* relative pronouns stand for the antecedent ("an opening that led to …");
* participial and infinitival adverbial clauses take the subject of the clause they modify
  ("Speaking after talks, X said …"); a comma-separated participle at the end of a complement
  clause modifies the matrix clause ("X asked that Y deny …, demanding guarantees" → X),
  unless it is quoted and the matrix clause is not (the quote goes on);
* participles modifying a noun take it as subject ("men preparing to invade"), or as patient
  when passive ("the case reviewed by a court");
* a clause under a preposition takes the subject of the verb the preposition hangs on
  ("left after meeting Y").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kgbuild.extract.lexicon import (
    actor_nouns,
    light_verbs,
    nominal_events,
    object_control_verbs,
    person_nouns,
    prepositional_control_verbs,
    speech_verbs,
    unaccusative_verbs,
)
from kgbuild.extract.spans import QUOTE_MARKS

#: Dependency labels of a verb's own subject (active and passive).
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})

#: Passive subjects: the surface subject is the patient.
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass"})

#: Direct objects, for object control ("urged X to negotiate").
OBJECT_DEPS = frozenset({"dobj"})

#: Relative pronouns and determiners that stand for the antecedent of a relative clause.
RELATIVE_TAGS = frozenset({"WDT", "WP"})

#: Verb-like parts of speech that may head a clause.
VERB_POS = frozenset({"VERB", "AUX"})

#: Participle tags whose clause inherits a subject.
PARTICIPLE_TAGS = frozenset({"VBG", "VBN"})

#: Complement clauses through which a final participle climbs to the matrix clause.
COMPLEMENT_DEPS = frozenset({"ccomp"})

#: Complements that can be a small clause with a bare participle ("see the jets delivered").
SMALL_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "oprd", "advcl"})

#: How deep inheritance may climb (guards against pathological parses).
MAX_DEPTH = 6


@dataclass(frozen=True, slots=True)
class Subject:
    """A verb's subject token, whether it is a patient (passive), and how it was found."""

    token: Token
    passive: bool = False
    #: own | relative | conj | control | object-control | purpose | participle | acl | pcomp …
    via: str = "own"


def is_passive(verb: Token) -> bool:
    """Whether ``verb`` is a passive participle (own passive auxiliary or passive subject)."""
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children)


def _own(verb: Token) -> Token | None:
    """The verb's own subject; the parser sometimes hangs it on an auxiliary instead. Of two
    subjects (a misparse: "X, whose mate Y spoke …, provided …" gives "spoke" both X and Y),
    the one nearest before the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1:
        # "a plane in Nevada, United States crashed": a place right after a comma, behind
        # another subject, is the rest of that subject's phrase, not the subject
        first = min(c.i for c in subjects)
        rest = [
            c
            for c in subjects
            if not (c.ent_type_ in PLACE_LABELS and c.i > first and _comma_before_name(c))
        ]
        if rest:
            subjects = rest
    if subjects:
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    for aux in verb.children:
        if aux.dep_ in {"aux", "auxpass"}:
            for c in aux.children:
                if c.dep_ in SUBJECT_DEPS:
                    return c
    return None


def _comma_before_name(tok: Token) -> bool:
    """Whether a comma stands right before the first word of ``tok``'s name."""
    start = tok.left_edge.i
    return start > 0 and tok.doc[start - 1].text == ","


#: Verbs whose subject is a happening, not an actor ("the conflict occurred").
OCCURRENCE_VERBS = frozenset({"occur", "happen", "erupt", "unfold", "escalate", "last"})


def _resolve_relative(subj: Token, verb: Token) -> tuple[Token, bool]:
    """The antecedent of a relative pronoun subject, else the subject itself."""
    if (
        subj.tag_ in RELATIVE_TAGS
        and verb.dep_ == "relcl"
        and verb.head.pos_ in {"NOUN", "PROPN", "PRON", "NUM"}
    ):
        head = verb.head
        if any(c.dep_ == "case" for c in head.children) and head.dep_ != "poss":
            # "with Apple's iPad and with Samsung's, which runs on …": the antecedent is the
            # thing left unsaid, not its owner
            return subj, True
        if (
            verb.lemma_.lower() in OCCURRENCE_VERBS
            and head.ent_type_ in ACTOR_LABELS
            and head.dep_ == "pobj"
            and head.head.head.pos_ == "NOUN"
        ):
            # "its conflict with Russia, which occurred in August": the conflict occurred
            return head.head.head, True
        host = _located_thing(head, verb, personal=subj.lower_ in PERSONAL_RELATIVES)
        if host is None and subj.lower_ in {"which", "that"}:
            host = _phrase_host(head)  # "the attacks on Casablanca, Morocco, which killed 45"
        if (
            host is None
            and subj.lower_ == "which"
            and (head.ent_type_ == "PERSON" or _person_noun(head))
        ):
            # "a book published by Nicky Hager, which is expected to be released": no person
            # is a "which"; the nearest common noun above is
            host = next((a for a in head.ancestors if a.pos_ == "NOUN"), None)
            if host is None:
                return subj, True
        if host is not None:
            # "bombs detonated in Ahwaz and Tehran, which produced fatalities": the bombs did
            return host, True
        return head, True
    return subj, False


#: The prepositions that make a place (``PLACE_LABELS``) the place of an event.
PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})

#: Prepositions of place: a place after one of them says where something is or happened.
LOCATIVE_PREPS = PLACE_PREPS | {"across"}


#: Relative pronouns of people: a place after a preposition is not "who".
PERSONAL_RELATIVES = frozenset({"who", "whom"})


def _person_noun(tok: Token) -> bool:
    """A singular common noun of a person ("a police officer", "the spokesman")."""
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in person_nouns()


def _located_thing(place: Token, verb: Token, personal: bool = False) -> Token | None:
    """For a relative clause with an object (or a personal relative pronoun: ``personal``) on
    a place named after a preposition of place, the thing located there, when a noun is
    ("bombs detonated in Tehran, which produced injuries", "a man living in Gambia, who has
    escaped"): a place produces, kills or escapes nothing; None otherwise."""
    if place.ent_type_ not in PLACE_LABELS:
        return None
    if not personal and not any(c.dep_ == "dobj" for c in verb.children):
        return None
    if verb.lemma_.lower() in {"have", "host", "house", "hold", "border", "see"}:
        return None  # "Tehran, which has a population of …": a place can have things
    top = place
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    prep = top.head
    if top.dep_ != "pobj" or prep.lower_ not in LOCATIVE_PREPS:
        return None
    host = prep.head
    if host.pos_ in {"VERB", "AUX"} and host.dep_ in {"acl", "relcl"}:
        host = host.head  # "bombs *detonated* in Tehran"
    return host if host.pos_ == "NOUN" else None


def _phrase_host(place: Token) -> Token | None:
    """For a place named inside the phrase of a common noun ("the attacks *on Casablanca,
    Morocco*", "the withdrawal of the UK *from the EU*"), that noun: what a clause hung on the
    place's name is about ("which killed 45", "known as Brexit"); None otherwise."""
    if place.ent_type_ not in PLACE_LABELS and place.ent_type_ != "ORG":
        return None
    top = place
    while top.dep_ in {"conj", "appos"} and top.head.i != top.i:
        top = top.head
    host = None
    while (
        top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.pos_ in {"NOUN", "PROPN"}
    ):
        host = top.head.head
        top = host
    return host if host is not None and host.pos_ == "NOUN" else None


def _has_comma_before(tok: Token) -> bool:
    return tok.i > 0 and tok.doc[tok.i - 1].text in {",", ";", "--", "—"}


def _quote_between(a: Token, b: Token) -> bool:
    """Whether a quotation mark stands between two tokens: one is quoted, the other not."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text in QUOTE_MARKS for t in a.doc[lo + 1 : hi])


def _matrix_of(verb: Token) -> Token:
    """For a final comma participle inside a complement clause: the matrix verb, unless the
    participle is quoted and the matrix verb is not ("“…, resulting in …,” X said": the quote
    goes on, it does not say what X did)."""
    h = verb.head
    while h.dep_ == "conj" and h.head.pos_ in VERB_POS:
        h = h.head
    if (
        h.dep_ in COMPLEMENT_DEPS
        and h.head.pos_ in VERB_POS
        and verb.i > h.i
        and not _quote_between(verb, h.head)
    ):
        return h.head
    return verb.head


def subject_of(verb: Token, depth: int = 0) -> Subject | None:
    """The subject of ``verb``, its own or inherited (see the module doc); None if unknown."""
    if depth > MAX_DEPTH:
        return None
    own = _own(verb)
    if own is not None and _in_quoted_name(own, verb):
        return None  # 'a video titled "Bush, the Pope and the Crusades" was released': a title
    if own is not None:
        tok, rel = _resolve_relative(own, verb)
        passive = (
            own.dep_ in PASSIVE_SUBJECT_DEPS
            or is_passive(verb)
            or _small_clause(verb)
            or headline_passive(verb)
        )
        return Subject(tok, passive, "relative" if rel else "own")
    if any(c.dep_ == "expl" for c in verb.children):
        return None
    dep, head = verb.dep_, verb.head
    if _loose_participle(verb):
        dep = "advcl"  # "…, demanding X" parsed as a conjunct of a finite verb
    if dep == "conj" and head.pos_ in VERB_POS:
        if _inverted_report(verb):
            return None  # "…, reported The Australian": the paper reports, not the clause's subject
        if head.dep_ == "acl" and verb.tag_ == "VBG" and head.tag_ == "VBN":
            return None  # "flags of groups mentioned above and chanting slogans": not the groups
        s = subject_of(head, depth + 1)
        if s is None:
            return None
        passive = (
            s.passive
            if (verb.tag_ == "VBN" or _bare_complement_past(verb)) and not _has_aux(verb)
            else is_passive(verb)
        )
        return Subject(s.token, passive, "conj")
    if verb.lower_ in PREPOSITIONAL_PARTICIPLES and verb.tag_ in PARTICIPLE_TAGS:
        return None  # "considering the turmoil", "based on a study": a preposition, no deed
    if dep == "xcomp":
        if head.pos_ == "ADJ" and head.dep_ in {"acomp", "amod"}:
            s = subject_of(head.head, depth + 1)
            return Subject(s.token, is_passive(verb), "control") if s else None
        if head.pos_ in VERB_POS:
            objs = [c for c in head.children if c.dep_ in OBJECT_DEPS and c.i < verb.i]
            if objs and head.lemma_.lower() in object_control_verbs():
                return Subject(objs[0], is_passive(verb), "object-control")
            called = prepositional_controller(head, verb)
            if called is not None:  # "called on the council to meet": the council meets
                return Subject(called, is_passive(verb), "object-control")
            s = subject_of(head, depth + 1)
            via = "purpose" if objs else "control"  # "used X to buy": the user buys
            return Subject(s.token, is_passive(verb), via) if s else None
        return None
    if verb.lower_ in PREPOSITIONAL_PARTICIPLES and verb.tag_ in PARTICIPLE_TAGS:
        return None  # "considering the turmoil", "based on a study": a preposition, no deed
    if (
        dep == "advcl"
        and (verb.tag_ in PARTICIPLE_TAGS or _is_infinitive(verb))
        and not _marked(verb)
    ):
        quoted = _quoted_speaker(verb, head)
        if quoted is not None:  # "York quotes Smith saying …": Smith speaks
            return Subject(quoted, False, "object-control")
        target = _matrix_of(verb) if _has_comma_before(verb) else head
        if target.pos_ not in VERB_POS:
            return None
        objs = [c for c in head.children if c.dep_ in OBJECT_DEPS and c.i < verb.i]
        if (
            _is_infinitive(verb)
            and objs
            and head.lemma_.lower() in object_control_verbs()
            and not _has_comma_before(verb)
        ):  # "could not get the FBI to certify", the infinitive parsed as adverbial
            return Subject(objs[0], is_passive(verb), "object-control")
        if _is_infinitive(verb) and _noun_infinitive(verb, objs):
            return None  # "announced the selection of X to head the bank": X is to head it
        if _is_infinitive(verb) and _nearer_clause(target, verb):
            return None  # "received tourists, most of whom troop to K. to visit": not the receiver
        called = (
            prepositional_controller(head, verb)
            if _is_infinitive(verb) and not objs and not _has_comma_before(verb)
            else None
        )
        if called is not None:  # "called on Egypt to reverse", the infinitive parsed as adverbial
            return Subject(called, is_passive(verb), "object-control")
        s = subject_of(target, depth + 1)
        if s is None:
            return None
        if (
            s.passive
            and _is_infinitive(verb)
            and target.lemma_.lower() not in object_control_verbs()
        ):
            return None  # "the road was closed to allow repairs": the closer's aim, unnamed
        return Subject(
            s.token, (verb.tag_ == "VBN" and not _has_aux(verb)) or is_passive(verb), "participle"
        )
    if dep in {"acl", "relcl"} and head.pos_ in {"NOUN", "PROPN", "PRON"}:
        if verb.tag_ == "VBG":
            if head.ent_type_ in PLACE_LABELS and dep == "acl":
                return None  # "arrested in Sinai carrying weapons": a place carries nothing
            if verb.lemma_.lower() in speech_verbs() and not actor_like(head):
                return None  # "a statement after the attack warning residents": no attack speaks
            return Subject(head, False, "acl")
        if verb.tag_ == "VBN" and not _has_aux(verb):
            host = _phrase_host(head)
            return Subject(host if host is not None else head, True, "acl")
        if _is_infinitive(verb):
            return _infinitive_subject(verb, head, depth)
        return None
    if dep == "pcomp" and head.dep_ == "prep" and verb.tag_ == "VBG":
        gov = head.head
        if gov.lemma_.lower() in COMPARISON_VERBS:
            return None  # "compared the bill to using a weapon on an ant": a likeness
        objs = [c for c in gov.children if c.dep_ in OBJECT_DEPS and c.i < head.i]
        if gov.pos_ in VERB_POS and head.lower_ == "from" and objs:
            return Subject(objs[0], is_passive(verb), "object-control")  # "barred X from using"
        if (
            gov.pos_ in VERB_POS
            and head.lower_ in OBJECT_PCOMP_PREPS
            and objs
            and actor_like(objs[0])
        ):
            # "accused Musharraf of not taking", "thanked the nurses for helping", "warned
            # the group against attacking", "criticised the minister over handling"
            return Subject(objs[0], is_passive(verb), "object-control")
        if gov.pos_ in VERB_POS and head.lower_ in OBJECT_PCOMP_PREPS and objs:
            # "developed a notation for expressing large numbers" (its use), "reached deals
            # with the site over using their content": not the subject's deed
            return None
        if gov.pos_ in VERB_POS:
            s = subject_of(gov, depth + 1)
            return Subject(s.token, is_passive(verb), "pcomp") if s else None
        if gov.pos_ == "ADJ" and gov.dep_ == "amod":
            return Subject(gov.head, False, "pcomp")
        if gov.pos_ == "ADJ" and gov.dep_ == "acomp":
            s = subject_of(gov.head, depth + 1)
            return Subject(s.token, False, "pcomp") if s else None
    return None


#: Participles used as prepositions: what follows them is no one's deed ("recommended
#: reforms *considering* the turmoil", "1.2 billion streams, *based* on a study").
PREPOSITIONAL_PARTICIPLES = frozenset(
    {
        "considering",
        "regarding",
        "concerning",
        "including",
        "excluding",
        "following",
        "according",
        "given",
        "based",
        "barring",
        "pending",
        "assuming",
        "supposing",
        "provided",
    }
)

#: Verbs of likening: the gerund they liken something to is nobody's deed.
COMPARISON_VERBS = frozenset({"compare", "liken", "equate"})

#: Prepositions whose gerund, after a verb with an actor as its object, is what that object
#: did or is to do ("accused X of lying", "warned X against attacking").
OBJECT_PCOMP_PREPS = frozenset({"of", "for", "on", "about", "against", "over"})


def prepositional_controller(head: Token, verb: Token) -> Token | None:
    """The object of a verb's preposition that is the subject of its infinitive ``verb``
    ("called *on the council* to meet", "appealed to donors to give"), when the verb and the
    preposition are listed together in ``data/object_control_verbs.txt``."""
    for c in head.children:
        if c.dep_ == "prep" and c.i < verb.i:
            phrase = f"{head.lemma_.lower()} {c.lower_}"
            obj = next((o for o in c.children if o.dep_ == "pobj"), None)
            if obj is None:  # "called on Prime Minister Rudd to …", the name parsed as object
                obj = next(
                    (o for o in head.children if o.dep_ == "dobj" and c.i < o.i < verb.i), None
                )
            if obj is not None and phrase in prepositional_control_verbs():
                return obj
    return None


#: Named-entity labels of places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

#: Named-entity labels of actors.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def actor_like(tok: Token) -> bool:
    """A name, a personal pronoun or a common noun of people or institutions: someone who can
    act."""
    return (
        tok.ent_type_ in ACTOR_LABELS
        or tok.pos_ in {"PROPN", "PRON"}
        or (tok.pos_ == "NOUN" and tok.lemma_.lower() in actor_nouns())
    )


#: Nouns of asking: their infinitive is what someone else is asked to do ("a petition to
#: grant powers", "a request to extradite him").
REQUEST_NOUNS = frozenset(
    {"petition", "request", "plea", "application", "motion", "appeal", "demand", "call"}
)


def _infinitive_subject(verb: Token, noun: Token, depth: int) -> Subject | None:
    """Subject of "to"-infinitive on a noun: "the first to leave" (the noun), "X's decision to
    sell" (the possessor), "X signed a contract to supply" (the subject of the governing clause).
    """
    if verb.dep_ == "relcl":
        return Subject(noun, is_passive(verb), "acl")
    if noun.lemma_.lower() in REQUEST_NOUNS:
        return None  # "the SEC's petition to grant powers": the court is asked to grant them
    for c in noun.children:
        if c.dep_ == "poss":
            return Subject(c, is_passive(verb), "possessive")
    if any(c.dep_ in {"compound", "amod"} and c.ent_type_ in ACTOR_LABELS for c in noun.children):
        return None  # "rejected a UN plan to bolster the force": the UN's plan, not the rejecter's
    gov = noun.head
    if noun.dep_ == "pobj" and gov.dep_ == "prep":
        gov = gov.head
    if noun.dep_ in {"dobj", "pobj", "attr"} and gov.pos_ in VERB_POS and gov.i != verb.i:
        if _definite(noun) and gov.lemma_.lower() not in light_verbs():
            return None  # "criticised the decision to raise prices": someone else's decision
        s = subject_of(gov, depth + 1)
        if s is not None and s.passive:
            return None  # "in efforts to avoid bias, the parties were given air-time": whose?
        return Subject(s.token, is_passive(verb), "governor") if s else None
    return None


#: Words that introduce a name in quotation marks ("a film titled “…”", "a group called “…”").
NAMING_WORDS = frozenset(
    {"titled", "entitled", "called", "named", "dubbed", "labelled", "labeled", "headlined"}
)


def _in_quoted_name(subj: Token, verb: Token) -> bool:
    """Whether ``subj`` stands inside a quoted name ("titled “Bush, the Pope and the Crusades”")
    while ``verb`` stands outside the quotation: a misparse that makes the title the subject."""
    if not _quote_between(subj, verb):
        return False
    k = subj.i - 1
    while k >= 0 and subj.doc[k].text not in QUOTE_MARKS:
        k -= 1
    return k > 0 and subj.doc[k - 1].lower_ in NAMING_WORDS


#: Verbs of quoting someone: their object is the one who speaks ("quotes the minister saying").
QUOTING_VERBS = frozenset({"quote", "cite"})


def _quoted_speaker(verb: Token, head: Token) -> Token | None:
    """The quoted one, for a participle of saying on a verb of quoting ("X quotes Y saying",
    "citing Y as saying"): Y speaks, not X."""
    if head.lemma_.lower() not in QUOTING_VERBS or verb.lemma_.lower() not in speech_verbs():
        return None
    return next((c for c in head.children if c.dep_ == "dobj" and c.i < verb.i), None)


def _inverted_report(verb: Token) -> bool:
    """A verb of saying after a comma whose object closes the sentence with a name ("…, reported
    The Australian"): the name is the speaker, written after its verb."""
    if verb.lemma_.lower() not in speech_verbs() or not _has_comma_before(verb):
        return False
    deps = [c for c in verb.children if c.dep_ not in {"punct"}]
    return (
        len(deps) == 1
        and deps[0].dep_ in {"dobj", "nsubj"}
        and deps[0].i > verb.i
        and (deps[0].pos_ == "PROPN" or deps[0].ent_type_ in ACTOR_LABELS)
        and all(t.is_punct for t in verb.doc[deps[0].right_edge.i + 1 : verb.sent.end])
    )


#: Nouns of choosing someone for something ("the nomination of X to lead the court").
CHOICE_NOUNS = frozenset(
    {"selection", "nomination", "appointment", "choice", "pick", "designation", "election"}
)


def _noun_infinitive(verb: Token, objs: list[Token]) -> bool:
    """An infinitive written right after an object that names an event or a choice ("the
    selection of X *to head* the bank", "the decision to sell"), hung on the verb by the parser:
    it belongs to that noun, and whose deed it is, the verb's subject's or the noun's "of"
    person, the parse does not say."""
    if not objs:
        return False
    obj = objs[-1]
    to = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None or obj.right_edge.i != to.i - 1:
        return False
    table = nominal_events()
    lemma = obj.lemma_.lower()
    return obj.pos_ == "NOUN" and (obj.lower_ in table or lemma in table or lemma in CHOICE_NOUNS)


def _nearer_clause(target: Token, verb: Token) -> bool:
    """Whether a finite clause with a subject of its own stands between ``target`` and its
    infinitive ``verb`` ("received tourists, most of whom troop to Kogelo *to visit*"): the
    infinitive more likely belongs to that clause than to ``target``."""
    if target.i > verb.i:
        return False
    return any(
        any(c.dep_ in SUBJECT_DEPS for c in t.children) and t not in verb.ancestors
        for t in verb.doc[target.i + 1 : verb.i]
    )


def _definite(noun: Token) -> bool:
    """A noun with "the", "this" or "that": one already known, not the subject's new one."""
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.children)


def _loose_participle(verb: Token) -> bool:
    """A comma-separated "-ing" participle the parser made a conjunct of a finite verb."""
    return (
        verb.dep_ == "conj"
        and verb.tag_ == "VBG"
        and verb.head.tag_ != "VBG"
        and _has_comma_before(verb)
        and not _has_aux(verb)
    )


def _small_clause(verb: Token) -> bool:
    """A bare passive participle with its own subject as a complement: "will see the jets
    delivered", "had the plant closed" (no auxiliary, no object)."""
    return (
        verb.tag_ == "VBN"
        and verb.dep_ in SMALL_CLAUSE_DEPS
        and not _has_aux(verb)
        and not any(c.dep_ in OBJECT_DEPS for c in verb.children)
    )


#: Verbs with two objects, or an object and what it is named, whose headline passive keeps one
#: ("X awarded Nobel Prize", "X elected president").
DITRANSITIVE_VERBS = frozenset(
    {"award", "give", "grant", "hand", "offer", "deny", "refuse", "promise", "assign", "show"}
    | {"elect", "name", "appoint", "nominate", "crown", "proclaim", "dub", "choose"}
)


def is_headline(sent: Span) -> bool:
    """Whether a sentence is an article's headline: the first of the text, alone on its line,
    with no final stop."""
    doc = sent.doc
    return (
        sent.start == 0
        and (
            sent.end == len(doc)
            or doc.text[sent.end_char :].startswith("\n")
            or doc[sent.end - 1].is_space
        )
        and not any(t.text in {".", "?", "!"} for t in sent[-2:])
    )


def headline_passive(verb: Token) -> bool:
    """A headline's past participle with no auxiliary: the passive whose "be" headlines drop
    ("Ana Ferreira elected president", "Rebel leader sworn in", "Two activists awarded prize").
    Not when it has an object (an active past, "Mayor met the minister") unless the verb takes
    two; not for a clause, an infinitive of its own or a change a subject undergoes anyway
    ("GDP grew")."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBD", "VBN"} or _has_aux(verb):
        return False
    if not any(c.dep_ == "nsubj" for c in verb.children) or not is_headline(verb.sent):
        return False
    lemma = verb.lemma_.lower()
    if lemma in unaccusative_verbs() or verb.lower_ == lemma:  # "grew"; "hit", "quit", "set"
        return False
    if any(c.dep_ in {"ccomp", "prt"} for c in verb.children):
        return False
    xcomp = [c for c in verb.children if c.dep_ == "xcomp"]
    if xcomp and lemma not in object_control_verbs():  # "failed to fix": active
        return False
    objects = [c for c in verb.children if c.dep_ in OBJECT_DEPS]
    return not objects or lemma in DITRANSITIVE_VERBS


def _bare_complement_past(verb: Token) -> bool:
    """A past form with a complement but no object ("was found guilty and *ordered
    dissolved*"): after a passive, the participle of a passive that shares its auxiliary."""
    return (
        verb.tag_ == "VBD"
        and not any(c.dep_ in OBJECT_DEPS for c in verb.children)
        and any(
            c.dep_ in {"xcomp", "oprd"} and not _is_infinitive(c) and c.tag_ != "VBG"
            for c in verb.children
        )
    )


def _has_aux(verb: Token) -> bool:
    return any(c.dep_ in {"aux", "auxpass"} for c in verb.children)


def _is_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _marked(verb: Token) -> bool:
    """Adverbial clauses with a subordinator of their own ("because", "if") keep no subject."""
    return any(
        c.dep_ == "mark" and c.lower_ not in {"while", "when", "after", "before", "by"}
        for c in verb.children
    )


__all__ = [
    "OBJECT_PCOMP_PREPS",
    "PLACE_LABELS",
    "PLACE_PREPS",
    "Subject",
    "actor_like",
    "is_passive",
    "prepositional_controller",
    "subject_of",
]
