"""Factuality of an event mention: negation, modality, conditionals and questions.

Each function takes the head token of an event (its verb, or its event noun) in a parsed
document. The markers come from ``kgbuild/data/factuality.tsv``.

* :func:`negated` — "not", "never", "no" on an argument ("saw no signs"), a negating governor
  ("failed to agree", "refused to meet"), a denial ("denies that it has plans"), "without",
  a negated holder of the means ("does not have the power to decide"); negations along a chain
  of complements cancel out in pairs. :func:`excepted` tells an exception ("no outcome *but
  victory*") from what the "no" negates.
* :func:`modality` — a modal auxiliary ("may", "will", "won't" → "will"), a governor of
  intent ("ready to", "plans to", "threatens to", "a bid to"), a request ("asked that",
  "urged … to"), a condition ("conditional") or a question ("question").
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterator
from functools import cache

from spacy.tokens import Doc, Token

from kgbuild.doctext import doc_text
from kgbuild.events.lexicon import modal_marker, words
from kgbuild.extract.lexicon import control_verbs, object_control_verbs, speech_verbs
from kgbuild.extract.subjects import prepositional_controller

#: Dependencies through which a clause is the complement of the word above it.
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "acl", "pcomp"})
#: Dependencies of arguments whose "no" negates their verb ("saw no signs", "no deal was reached").
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "oprd"})
#: Dependencies by which an event noun is an argument of its verb ("held talks", "no talks took place").
NOUN_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
#: Question and conditional markers on a clause.
QUESTION_MARKS = frozenset({"if", "whether"})

#: Adverbs by which a verb says its event came close to happening and did not.
NEAR_MISS = frozenset({"almost", "nearly"})

QUESTION = "question"
CONDITIONAL = "conditional"


def _direct_negation(tok: Token) -> bool:
    """A negation on the word itself, its auxiliaries, or a "no" on one of its arguments."""
    negation = words("negation")
    for c in tok.children:
        if c.dep_ == "neg" and not _whether_or_not(c):
            return True
        if c.dep_ in {"aux", "auxpass"} and any(g.dep_ == "neg" for g in c.children):
            return True  # "is not yet named": the "not" hangs on the auxiliary
        if c.dep_ == "advmod" and any(g.dep_ == "neg" for g in c.children):
            return True  # "no longer"
        if c.dep_ in {"advmod", "preconj"} and c.lower_ in {"never", "neither"}:
            return True
        if c.dep_ == "prep" and any(
            o.dep_ == "pobj"
            and o.lower_ in {"way", "case", "circumstances", "account"}
            and any(d.dep_ == "det" and d.lower_ == "no" for d in o.children)
            for o in c.children
        ):
            return True  # "in no way directed", "under no circumstances will"
        if c.dep_ == "advmod" and c.lower_ in NEAR_MISS and tok.pos_ == "VERB":
            return True  # "nearly died", "almost caused him to resign": it did not happen
        if c.dep_ in ARGUMENT_DEPS and tok.pos_ in {"VERB", "AUX"}:
            if c.lower_ in negation - {"not", "n't", "without", "nor"}:
                return True
            if any(
                d.dep_ in {"det", "preconj"} and d.lower_ in {"no", "neither"} for d in c.children
            ):
                return True
    if tok.pos_ in {"NOUN", "PROPN"}:
        return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
    return False


def _controlled(verb: Token) -> bool:
    """An infinitive after the object of a verb of object control, parsed as adverbial
    ("could not get the FBI *to certify*"): a complement of that verb."""
    gov = verb.head
    if verb.dep_ not in {"advcl", "ccomp"} or not _infinitive(verb):
        return False
    if gov.lemma_.lower() not in object_control_verbs():
        return False
    if verb.dep_ == "ccomp":  # "get [the FBI to certify]" parsed as a small clause
        return any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)
    return any(c.dep_ == "dobj" and c.i < verb.i for c in gov.children)


def _shares_negation(verb: Token) -> bool:
    """A verb conjoined to a negated verb, with no subject or auxiliary of its own, shares its
    negation ("did not act fast and pass the bill")."""
    if verb.dep_ != "conj" or verb.pos_ != "VERB" or verb.head.pos_ not in {"VERB", "AUX"}:
        return False
    own = {"nsubj", "nsubjpass", "aux", "auxpass", "neg"}
    if any(c.dep_ in own for c in verb.children):
        return False
    head = verb.head
    if verb.tag_ not in {"VB", "VBN", "VBG"} or verb.tag_ != head.tag_:
        return False  # "did not attend and *left*": a verb of its own tense is no sharer
    return any(c.dep_ in {"aux", "auxpass"} for c in head.children) and any(
        c.dep_ == "neg" and c.i < head.i for c in head.children
    )


def _prevented(verb: Token) -> bool:
    """The event of a "from" complement of a verb of preventing ("prevented citizens *from
    visiting*", "barred him from running"): it does not happen."""
    prep = verb.head
    return (
        verb.dep_ == "pcomp"
        and prep.lower_ == "from"
        and prep.head.lemma_.lower() in words("preventer")
    )


#: Verbs of letting: what they let happen is allowed, not reported.
PERMISSION_VERBS = frozenset({"allow", "permit", "enable", "let", "authorize", "authorise"})

#: Verbs of letting whose negation forbids (a rule: "are not permitted to sit", "cannot allow
#: them to disburse"), rather than says the act did not happen (as "could not enable" does).
LETTING_VERBS = PERMISSION_VERBS - {"enable"}


def _permitted(verb: Token) -> str | None:
    """The verb of letting whose complement ``verb`` is ("allowed Parks *to lie* in honour",
    "let them *go*"), unless the letting is negated (that is a negation, see
    :func:`negated`)."""
    passive_infinitive = verb.tag_ == "VBN" and _infinitive(verb)  # "to be caught"
    if verb.dep_ not in {"xcomp", "ccomp"} or (verb.tag_ != "VB" and not passive_infinitive):
        return None
    gov = verb.head
    lemma = gov.lemma_.lower()
    if lemma not in PERMISSION_VERBS:
        return None
    going = gov.dep_ == "xcomp" and gov.head.lower_ == "going"  # "is not going to allow"
    if _direct_negation(gov) or (going and _direct_negation(gov.head)):
        if lemma not in LETTING_VERBS:
            return None
        lemma = f"not {lemma}"  # "are not permitted to sit": a rule, not an absence
    elif gov.dep_ == "xcomp" and control_verbs().get(gov.head.lemma_.lower()) == "neg":
        return f"{gov.head.lemma_.lower()} to {lemma}"  # "refused to allow him to debate"
    aux = _modal_aux(gov)
    if aux == "can" and lemma.startswith("not "):
        return "cannot" + lemma[3:]  # "cannot allow the agency to disburse funds"
    return f"{aux} {lemma}" if aux else lemma  # "would have allowed him to seek": would allow


def _whether_or_not(neg: Token) -> bool:
    """The "not" of "whether or not", which negates nothing."""
    doc = neg.doc
    return (
        neg.i >= 2 and doc[neg.i - 1].lower_ == "or" and doc[neg.i - 2].lower_ in {"whether", "if"}
    )


def _copula_negation(tok: Token) -> bool:
    """An adjective or noun predicate negated on its copula ("is not ready")."""
    return tok.dep_ in {"acomp", "attr"} and tok.head.lemma_ == "be" and _direct_negation(tok.head)


def _governors(tok: Token) -> Iterator[tuple[Token, Token]]:
    """(complement, governor) pairs up the chain of complements and conjuncts above ``tok``.

    Conjuncts share the status of their first conjunct; an adjective or noun predicate
    hands its complement on to its copula ("was ready to continue" → *was*).
    """
    cur = tok
    for _ in range(20):
        if cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
            continue
        if (cur.dep_ not in COMPLEMENT_DEPS and not _controlled(cur)) or cur.head.i == cur.i:
            return
        gov = cur.head
        if gov.pos_ == "ADP":  # "without saying", "accused … of preparing"
            yield cur, gov
            if gov.head.i == gov.i:
                return
            cur = gov
            gov = gov.head
            yield cur, gov
        else:
            yield cur, gov
        cur = gov


def negated(tok: Token) -> bool:
    """Whether the event of ``tok`` is stated as not happening.

    An event noun that is the argument of a verb ("held no talks", "talks did not take
    place") shares the negation of that verb.
    """
    noun = tok.pos_ in {"NOUN", "PROPN"} and _noun_negation(tok)
    flips = 1 if (_direct_negation(tok) or _copula_negation(tok) or noun) else 0
    if not flips and _shares_negation(tok):
        flips = 1  # "did not act and pass the bill": not passed either
    if _prevented(tok) and not _infinitive(tok.head.head):
        flips += 1  # "prevented citizens from visiting Cuba": no visit
    negators = words("negator")
    denials = words("denial")
    for comp, gov in _governors(tok):
        if gov.pos_ == "ADP":
            flips += gov.lower_ == "without"
            continue
        lemma = _lemma(gov, _governor_words("negator", "denial", "intent", "implicative"))
        if comp.dep_ in {"xcomp", "acl"} and lemma in negators:
            flips += 1
        if (
            comp.dep_ in {"ccomp", "xcomp"} and lemma in denials
        ):  # "denies that …", "denied having …"
            flips += 1
        if _have_yet(comp, lemma, gov):
            flips += 1  # "have yet to announce": not announced yet
        implied = (_controlled(comp) and lemma in words("implicative")) or (
            comp.pos_ == "ADP" and comp.lower_ == "to" and lemma in words("intent")
        )  # "would not commit to accepting": no accepting
        if (
            (comp.dep_ in {"xcomp", "acl"} or implied)
            and (_direct_negation(gov) or _copula_negation(gov))
            and _permitted(comp) is None
        ):
            flips += 1  # "could not get the FBI to certify", "has no justification to take"
        elif (
            comp.dep_ == "acl"
            and gov.pos_ == "NOUN"
            and gov.dep_ in {"dobj", "attr"}
            and _direct_negation(gov.head)
        ):
            flips += 1  # "does not have the power to determine": the event does not happen
        if comp.dep_ == "ccomp":
            break
    return flips % 2 == 1


def excepted(obj: Token) -> bool:
    """Whether ``obj`` is the exception after a negated argument ("accept no outcome but
    victory": victory is accepted), which the argument's "no" does not negate."""
    if obj.dep_ != "conj":
        return False
    first = obj.head
    return any(c.dep_ == "cc" and c.lower_ in {"but", "except"} for c in first.children) and any(
        c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in first.children
    )


def _noun_negation(noun: Token) -> bool:
    """An event noun negated through its verb ("held no talks", "talks did not take place")
    or called off ("the summit was cancelled", "the postponed talks")."""
    verb = noun.head
    cancellers = words("canceller")
    if any(
        c.dep_ == "amod" and c.lemma_.lower().split("-")[-1] in cancellers for c in noun.children
    ):
        return True
    if noun.dep_ in {"dobj", "nsubjpass"} and verb.lemma_.lower() in cancellers:
        return verb.lemma_.lower() != "call" or any(c.lower_ == "off" for c in verb.children)
    if noun.dep_ == "dobj" or (noun.dep_ == "nsubj" and verb.lemma_.lower() in words("occurrence")):
        return _direct_negation(verb)
    return False


def _modal_aux(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ in {"aux", "auxpass"}:
            m = modal_marker(c.lower_) or (modal_marker(c.lemma_) if c.tag_ == "MD" else None)
            if m:
                return m
    return None


def _headline_infinitive(tok: Token) -> bool:
    """A root infinitive with a subject, the headline future: "Workers to strike over pay"."""
    return (
        tok.dep_ == "ROOT"
        and _infinitive(tok)
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in tok.children)
    )


def _clause_mark(tok: Token) -> tuple[str, Token] | None:
    """The subordinator of the clause of ``tok`` ("if", "whether") and the clause verb."""
    cur = tok
    for _ in range(20):
        for c in cur.children:
            if c.dep_ == "mark":
                return c.lower_, cur
        if cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
            continue
        return None
    return None


def question_regions(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of direct questions: from the start of the clause to its "?"."""
    out = []
    text = doc_text(doc)
    # where a clause may begin: after the last of these marks before the "?"
    marks = [m.start() for m in _CLAUSE_MARKS.finditer(text)]
    for m in re.finditer(r"\?", text):
        end = m.end()
        k = bisect.bisect_left(marks, m.start())
        start = (marks[k - 1] if k else -1) + 1
        out.append((start, end))
    return out


_CLAUSE_MARKS = re.compile('[.!?\n“"«]')


def in_regions(pos: int, regions: list[tuple[int, int]]) -> bool:
    """Whether ``pos`` is in one of ``regions``, in order and not overlapping (those of
    :func:`question_regions`)."""
    k = bisect.bisect_right(regions, (pos, math.inf)) - 1
    return k >= 0 and regions[k][0] <= pos < regions[k][1]


def modality(tok: Token, *, questions: list[tuple[int, int]] | None = None) -> str | None:
    """The modality under which the event of ``tok`` is stated, or None for a plain statement."""
    if questions is None:
        questions = question_regions(tok.doc)
    if in_regions(tok.idx, questions):
        return QUESTION
    event = tok
    if tok.pos_ in {"NOUN", "PROPN"} and tok.dep_ in NOUN_ARGUMENT_DEPS:
        event = tok.head
    doubted = _doubted(event)
    if doubted is not None:
        return doubted  # "doubtful that Bolton will win": not reported, doubted
    mark = _clause_mark(event)
    if mark is not None:
        word, clause = mark
        head_lemma = clause.head.lemma_.lower()
        if word == "whether" or (
            word == "if" and head_lemma in words("question") and clause.dep_ == "ccomp"
        ):
            return QUESTION
        if (
            word == "if"
            and clause.dep_ == "ccomp"
            and clause.head.lemma_.lower() in {"ask", "wonder"}
        ):
            return QUESTION
        if word in words("condition") and clause.dep_ in {"advcl", "ccomp"}:
            return CONDITIONAL
        if word == "for" and _infinitive(clause):
            if clause.head.pos_ in {"VERB", "AUX"}:
                return clause.head.lemma_.lower()  # "voted for Beazley to remain": wanted
            return "for … to"  # "it is not an issue for Taiwan to declare": not reported
    if _conditioned(event):
        return CONDITIONAL
    hedge = next(
        (c.lower_ for c in event.children if c.dep_ == "advmod" and c.lower_ in words("hedge")),
        None,
    )
    if hedge is not None:
        return hedge  # "allegedly poisoned", "reportedly fled"
    if _speech_formula(event):
        return None
    aux = _modal_aux(event) or (_modal_aux(event.head) if _copula_like(event) else None)
    if aux:
        return aux
    if _headline_infinitive(event):
        return "will"
    degree = _degree(event)
    if degree is not None:
        return degree
    caller = _called_on(event)
    if caller is not None:
        return caller  # "called on Egypt to reverse the decision", parsed as adverbial: a call
    if _quoted_as(event):
        return "reportedly"  # "is quoted as saying": someone else's report of the saying
    noun = _claim_noun_of(event)
    if noun is not None:
        return noun  # "rumours of Kennett returning to politics": rumoured, not reported
    if _bidden_in_an_aim(event):
        return "in order to"  # "sent an envoy to persuade Hezbollah to desist": not done yet
    spoken = _spoken_of(event)
    if spoken is not None:
        return spoken  # "spoke of giving a speech": what was told, not what was done
    if _purpose(event):
        return "in order to"  # "arrived to arrest him", "worked to complete it": an aim
    if _prevented(event):
        preventer = event.head.head
        if _infinitive(preventer):  # "a bill to stop the agency from raiding": an aim
            return f"to {preventer.lemma_.lower()}"
        return preventer.lemma_.lower()  # "barred from visiting": not visit [bar]
    permit = _permitted(event)
    if permit is not None:
        return permit  # "the ruling allows losses to be offset": offset [allow]
    intent, directive = words("intent"), words("directive")
    for comp, gov in _governors(event):
        if gov.pos_ == "ADP":
            continue
        lemma = _lemma(gov, _governor_words("intent", "directive", "directive_to"))
        lower = gov.lower_
        # "committed to investing", "plans on deploying"
        to_gerund = comp.pos_ == "ADP" and comp.lower_ in {"to", "on"}
        if _have_yet(comp, lemma, gov):
            return None  # "have yet to announce": not announced (a negation), no obligation
        if (comp.dep_ == "xcomp" or (comp.dep_ == "acl" and _infinitive(comp)) or to_gerund) and (
            lemma in intent or lower in intent
        ):
            # "plans to visit", "a bid to join"; not "the efforts *launched* by"
            if gov.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in gov.children):
                return f"{lower} to"  # "is expected to resign"
            return f"{lower if lower in intent else lemma} to"
        if (
            comp.dep_ == "xcomp"
            and lemma in words("hearsay")
            and any(c.dep_ == "auxpass" for c in gov.children)
        ):
            return "reportedly"  # "is said to have been captured"
        if comp.dep_ == "xcomp" and lower in DEGREE_WORDS:
            negated_degree = _direct_negation(gov.head) if gov.head.i != gov.i else False
            # "had not done enough to kill": no killing reported
            return f"not {lower} to" if negated_degree else f"{lower} to"
        if comp.dep_ == "xcomp" and lemma in words("directive_to"):
            return lemma  # "told reporters to back off": a bidding, not a report
        if (
            comp.dep_ in {"acl", "ccomp"}
            and gov.pos_ == "NOUN"
            and lemma in words("claim")
            and any(c.dep_ == "mark" and c.lower_ == "that" for c in comp.children)
        ):
            return lemma  # "claims that the mosque was tied to …": claimed, not reported
        noun_clause = comp.dep_ == "acl" and gov.pos_ == "NOUN"  # "a demand that Iran suspend"
        if (comp.dep_ in {"xcomp", "ccomp"} or noun_clause) and lemma in directive:
            if comp.dep_ == "ccomp" and any(
                c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in comp.children
            ):
                return QUESTION
            return lemma
        if comp.dep_ == "ccomp" and not _small_clause(comp, gov):
            break
        outer = _modal_aux(gov)
        if outer:
            return outer
    if event.dep_ == "ROOT" or event.dep_ == "ccomp":
        for c in event.children:
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in words("condition") for m in c.children
            ):
                return CONDITIONAL
    return None


#: First-person pronouns: "I must say" is the speaker's figure of speech.
FIRST_PERSON = frozenset({"i", "we"})


@cache
def _governor_words(*categories: str) -> frozenset[str]:
    """The words of ``categories`` of the lexicon, among which a governor's lemma is looked
    up (see :func:`_lemma`), united once."""
    return frozenset().union(*(words(c) for c in categories))


def _lemma(tok: Token, known: frozenset[str]) -> str:
    """The lemma of ``tok``, or the listed word its inflected form is of when the model's
    lemma is off ("hoped" → "hop" by the model, "hope" here)."""
    lemma = tok.lemma_.lower()
    if lemma in known:
        return lemma
    low = tok.lower_
    for stem in (low[:-1], low[:-2], low[:-3]) if low.endswith(("ed", "es", "s")) else ():
        if stem in known:
            return stem
    return lemma


#: Words of degree whose infinitive is measured, not reported ("enough to kill", "too late to
#: stop").
DEGREE_WORDS = frozenset({"enough", "too", "sufficient", "sufficiently"})


def _degree(verb: Token) -> str | None:
    """ "enough to" or "too … to" when an infinitive measures its governor ("had not done
    *enough* to kill", "was *too* late to stop")."""
    if not _infinitive(verb) or verb.dep_ not in {"advcl", "xcomp"}:
        return None
    for c in (verb.head, *verb.head.children):
        if c.lower_ in DEGREE_WORDS:
            # "had not done enough to kill": not enough
            return f"not {c.lower_} to" if _direct_negation(verb.head) else f"{c.lower_} to"
        if c.dep_ in {"acomp", "advmod"} and any(g.lower_ == "too" for g in c.children):
            return "too … to"
    return None


#: Verbs of perception and causation whose bare-infinitive small clause shares their status
#: ("hoped to see them join", "will make Telecom unbundle": hoped for, to come).
PERCEPTION_VERBS = frozenset(
    {"see", "watch", "hear", "witness", "notice", "make", "let", "have", "help"}
)


def _have_yet(comp: Token, lemma: str, gov: Token) -> bool:
    """ "have yet to": the complement has not happened yet."""
    return comp.dep_ == "xcomp" and lemma == "have" and any(c.lower_ == "yet" for c in gov.children)


def _called_on(verb: Token) -> str | None:
    """The governor's lemma when ``verb`` is the infinitive a verb of prepositional control
    bids its prepositional object to do ("called on Egypt *to reverse*"), which the parser
    may hang on it as an adverbial clause; None otherwise."""
    if verb.dep_ != "advcl" or not _infinitive(verb):
        return None
    return verb.head.lemma_.lower() if prepositional_controller(verb.head, verb) else None


#: Verbs whose passive with "as" reports someone's words at second hand ("is quoted as
#: saying", "was reported as saying").
QUOTING_VERBS = frozenset({"quote", "report", "cite"})


def _quoted_as(event: Token) -> bool:
    """A gerund after "as" under a passive verb of quoting ("is quoted *as saying*")."""
    prep, gov = event.head, event.head.head
    return (
        event.dep_ == "pcomp"
        and prep.lower_ == "as"
        and gov.lemma_.lower() in QUOTING_VERBS
        and any(c.dep_ == "auxpass" for c in gov.children)
    )


#: Words whose "that" clause is doubted ("doubtful that he will win", "doubts that …").
DOUBTING = frozenset({"doubtful", "doubt", "skeptical", "sceptical", "dubious"})


def _doubted(event: Token) -> str | None:
    """ "doubt" when ``event`` heads (or is conjoined to) a clause a word of doubt governs."""
    cur = event
    while cur.dep_ == "conj" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in DOUBTING:
        return "doubt"
    return None


def _claim_noun_of(event: Token) -> str | None:
    """The claim noun whose content a participle is ("rumours *of* Kennett *returning*",
    "reports of troops leaving", "fears about prices rising"), or None."""
    if event.tag_ != "VBG" or event.dep_ not in {"acl", "pcomp"}:
        return None
    host = event.head
    if event.dep_ == "acl" and host.dep_ == "pobj" and host.head.lower_ in TOPIC_PREPS:
        host = host.head.head  # "rumours of Kennett returning": the participle on the name
    elif event.dep_ == "pcomp" and host.lower_ in TOPIC_PREPS:
        host = host.head  # "reports of leaving"
    lemma = host.lemma_.lower()
    return lemma if host.pos_ == "NOUN" and lemma in words("claim") else None


#: Prepositions of a verb of saying that introduce what was talked of ("spoke *of* giving").
TOPIC_PREPS = frozenset({"of", "about"})


#: Verbs of accusing and the preposition of what they accuse of, besides "of" ("charged
#: *with* diverting money"): what is charged is alleged, not reported.
ACCUSING_PREPS = {"charge": "with", "indict": "for"}


def _spoken_of(event: Token) -> str | None:
    """ "speak of", "talk about", "boast of": a gerund after a preposition of topic under a verb
    of saying is what was said ("had spoken of giving a speech"); None otherwise."""
    prep, gov = event.head, event.head.head
    lemma = gov.lemma_.lower()
    topic = prep.lower_ in TOPIC_PREPS or ACCUSING_PREPS.get(lemma) == prep.lower_
    if event.dep_ != "pcomp" or event.tag_ != "VBG" or not topic:
        return None
    if gov.pos_ not in {"VERB", "AUX"} or lemma not in (words("speech") | speech_verbs()):
        return None
    return f"{lemma} {prep.lower_}"


def _bidden_in_an_aim(event: Token) -> bool:
    """An infinitive bidden by a verb that is itself only an aim ("sent an envoy *to persuade*
    Hezbollah *to desist*"): what is bidden has not happened."""
    gov = event.head
    return (
        event.dep_ == "xcomp"
        and _infinitive(event)
        and gov.lemma_.lower() in object_control_verbs()
        and any(c.dep_ in {"dobj", "dative"} and c.i < event.i for c in gov.children)
        and _purpose(gov)
    )


def _purpose(event: Token) -> bool:
    """A "to"-infinitive (or a conjunct of one) that says what its clause was for: an adverbial
    infinitive ("police arrived *to arrest* him", "in order to adopt"), an aim, not a report."""
    cur = event
    for _ in range(10):
        if cur.dep_ == "conj" and cur.head.i != cur.i and cur.head.pos_ in {"VERB", "AUX"}:
            cur = cur.head
            continue
        break
    if cur.dep_ == "acl" and cur.head.lower_ == "order" and cur.head.head.lower_ == "in":
        return True  # "in order to adopt", parsed as a clause of the noun "order"
    return cur.dep_ == "advcl" and cur.tag_ == "VB" and _infinitive(cur)


def _small_clause(comp: Token, gov: Token) -> bool:
    """A bare-infinitive clause of a verb of perception ("see Sinn Féin *join*"), or a
    "to"-infinitive with a subject of its own, which the parser gives verbs of letting and
    causing ("would have allowed him *to seek*", "caused me *to defer*"): the clause is
    stated as its governor is."""
    if any(c.dep_ == "mark" for c in comp.children):
        return False
    if _infinitive(comp):
        return comp.tag_ == "VB" and any(c.dep_ == "nsubj" for c in comp.children)
    return (
        gov.lemma_.lower() in PERCEPTION_VERBS
        and comp.tag_ == "VB"
        and not any(c.dep_ == "aux" for c in comp.children)
    )


def _infinitive(verb: Token) -> bool:
    """A "to"-infinitive ("to join")."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children)


def _speech_formula(verb: Token) -> bool:
    """A first-person verb of saying under a modal ("I must say", "we have to admit"): the
    modal is a figure of speech, not a hedge on what is said."""
    holder = verb.head if verb.dep_ == "xcomp" else verb  # "we *have* to admit"
    return verb.lemma_.lower() in words("formula") and any(
        c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in (*verb.children, *holder.children)
    )


#: Subordinators that make a condition of a clause about the future ("would release them
#: *once* he was no longer under audit").
FUTURE_CONDITIONS = frozenset({"once", "when", "until", "after"})


def _inverted(clause: Token) -> bool:
    """An inverted condition: "should some protesters try", "had he known", "were it to"."""
    aux = [c for c in clause.children if c.dep_ in {"aux", "auxpass"} or c.lemma_ == "be"]
    subj = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if not (aux and subj and aux[0].lower_ in {"should", "had", "were"} and aux[0].i < subj[0].i):
        return False
    first = aux[0]
    return first.is_sent_start or first.i == clause.left_edge.i or first.nbor(-1).text == ","


def _conditioned(event: Token) -> bool:
    """Whether a condition ("if", "unless") hangs on the event's verb or on a verb that governs
    it through an open complement ("would be willing to meet … *if* he were to …"), short of a
    reported clause."""
    cur = event
    for _ in range(8):
        future = _modal_aux(cur) in {"will", "would", "shall"}
        marks = words("condition") | (FUTURE_CONDITIONS if future else frozenset())
        if _inverted(cur):
            return True  # the event is the inverted condition itself
        if any(
            c.dep_ == "advcl"
            and (any(m.dep_ == "mark" and m.lower_ in marks for m in c.children) or _inverted(c))
            for c in cur.children
        ):
            return True
        if cur.dep_ not in {"xcomp", "acomp", "conj"} or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _copula_like(tok: Token) -> bool:
    return tok.dep_ in {"acomp", "attr"} and tok.head.lemma_ == "be"


__all__ = [
    "CONDITIONAL",
    "QUESTION",
    "excepted",
    "in_regions",
    "modality",
    "negated",
    "question_regions",
]
