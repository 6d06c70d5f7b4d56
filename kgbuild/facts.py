"""Which extracted triples the graph admits as facts, and what the others become.

``kgbuild extract`` is broad: every clause it can read becomes a triple. The graph a build
writes holds only what a reader would sign off. :func:`admit` decides, triple by triple, on
records alone (the actors and events stages have resolved entities, negation, attribution):

* **fact** — who did what (to whom): an actor that is an entity, or a group or institution
  named by a common noun that no entity was found for ("officials", "the police"), then scoped
  to its article (its own node, labelled with the article's title, never one node for many
  articles), or a force or happening acting ("an earthquake struck"), also scoped; a target
  that is an entity, a concept named by its words ("world order", "security guarantees"), an
  amount of its article ("$44 billion"), or what was said (the clause of a verb of saying or
  thinking: the event's ``content``); or no target when the event is complete without one ("the
  minister resigned", a subject that undergoes the event: "the plant was closed").
* **event** — the predicate is a happening but its participants are not known (an unresolved
  pronoun, a quantifier, a word that names no actor): the event is kept as a node with its
  time, class and mention, marked as such, and is no fact (no row of ``triples.csv``, no edge).
* **attribute** — copulas, appositions and titles say what an entity is, not what happened:
  "X, the mayor of Oslo" gives X the role "mayor of Oslo", "X, 78," the age 78.
* **rejected** — the rest, with the reason (``kgbuild stats`` counts them).

A fact never has a pronoun, quantifier or determiner as a participant, never an unresolved
source ("he said"), never the same entity on both sides.

>>> from kgbuild.records import Span, Predicate
>>> def arg(text, pos="NOUN", role="subject", entity=None, lemma=None):
...     s = Span(0, len(text), text)
...     return Argument(s, s, role, entity, pos=pos, lemma=lemma or text.lower())
>>> t = Triple("d", Span(0, 1, "."), arg("He", "PRON"), Predicate(Span(0, 4, "left"), "leave"))
>>> admit(t, "A title").kind, admit(t, "A title").reason
('event', 'pronoun subject')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from kgbuild import datafiles
from kgbuild.actors import OTHER_PRONOUNS
from kgbuild.actors.lexicon import PRONOUNS
from kgbuild.extract.lexicon import speech_verbs
from kgbuild.records import CLAUSE, PATIENT, Argument, EntityRef, Triple

#: Verdicts.
FACT, EVENT, ATTRIBUTE, REJECTED = "fact", "event", "attribute", "rejected"

#: Quantifiers and determiners: heads that name no participant ("some sell shirts").
QUANTIFIERS = frozenset(
    "some all many most both each several few one any none much more others another either "  # noqa: SIM905
    "neither half lot lots number majority minority part rest plenty enough dozens hundreds "
    "thousands millions the a an this that these those which what who whom whose".split()
)
#: Parts of speech of heads that name no participant.
NON_NOUN_POS = frozenset({"PRON", "DET", "NUM", "SYM", "X", "PUNCT", "ADJ", "ADV", "ADP", "CCONJ"})
#: Heads too general to stand for an actor even within one article.
GENERIC_NOUNS = frozenset(
    "people person man men woman women child children thing something someone everyone "  # noqa: SIM905
    "anyone nobody other others".split()
)
#: Named-entity labels of amounts.
AMOUNT_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})
#: Named-entity labels of time expressions: when, never who or what ("spoke Tuesday").
TIME_LABELS = frozenset({"DATE", "TIME"})
#: Predicates that describe rather than report: never an event node of their own.
STATIVE = frozenset(
    "be have seem appear become remain include consist contain mean need own possess belong "  # noqa: SIM905
    "lack deserve resemble cost weigh equal matter exist".split()
)
#: Verbs too light to make a fact of a thing undergoing them ("the speech came a day after").
LIGHT_PATIENT_VERBS = frozenset(
    "come go remain stay continue appear emerge happen occur begin start end stop change "  # noqa: SIM905
    "follow lead result get".split()
)
#: Nouns that say nothing alone, as a target: how much or what kind of something, said
#: without what ("felt the same *way*", "had a *bit*").
EMPTY_NOUNS = frozenset(
    "way bit lot lots part kind sort type number variety range series set piece thing things "  # noqa: SIM905
    "time times something anything everything nothing one ones".split()
)
#: Verbs of having: a fact only when what is had is an entity ("X owns Acme").
POSSESSION = frozenset({"have", "get", "own", "possess"})
#: Longest role phrase kept from a copula or apposition.
MAX_ROLE_WORDS = 12
#: Below this confidence a resolved reference ("they" → the nearest group, "it" → the nearest
#: state) is too unsure to make a fact of.
MIN_REFERENCE_CONFIDENCE = 0.7

_LEADING_DET = re.compile(r"^(?:the|a|an|its|their|his|her|our|this|that)\s+", re.I)
_TITLE_CHARS = 40


@cache
def actor_nouns() -> dict[str, str]:
    """Lemma → entity type of the common nouns that name actors (``data/actor_nouns.tsv``)."""
    return {row[0].lower(): row[1] for row in datafiles.rows("actor_nouns.tsv") if len(row) >= 2}


@cache
def force_nouns() -> frozenset[str]:
    """Lemmas of forces and happenings that act ("the blast killed 12")."""
    return frozenset(x.lower() for x in datafiles.lines("force_nouns.txt"))


@cache
def standalone_verbs() -> frozenset[str]:
    """Predicate lemmas whose event is complete without an object (``data/standalone_verbs.txt``)."""
    return frozenset(x.lower() for x in datafiles.lines("standalone_verbs.txt"))


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the graph makes of one triple: ``kind`` is fact, event, attribute or rejected;
    ``triple`` the triple to merge (its arguments rewritten: scoped actors, concepts) for facts
    and events; ``attribute`` (entity key, name, value) for attributes; ``reason`` why a
    triple is not a fact."""

    kind: str
    triple: Triple | None = None
    reason: str = ""
    attribute: tuple[str, str, str] | None = None


def short_title(title: str, n: int = _TITLE_CHARS) -> str:
    """An article's title cut to about ``n`` characters, to tell its scoped nodes apart.

    >>> short_title("Storm hits the coast")
    'Storm hits the coast'
    >>> short_title("A very long headline about the talks that went on all night long in Geneva")
    'A very long headline about the talks…'
    """
    title = " ".join(title.split())
    if len(title) <= n:
        return title
    cut = title.rfind(" ", 0, n)
    return title[: cut if cut > n // 2 else n].rstrip(" ,;:—–-") + "…"


def word_class(arg: Argument) -> str:
    """What kind of word heads an unresolved argument: ``pronoun``, ``quantifier``, ``time``,
    ``amount``, ``noun``, ``clause`` or ``other``.

    >>> from kgbuild.records import Span
    >>> s = Span(0, 4, "some")
    >>> word_class(Argument(s, s, pos="DET", lemma="some"))
    'quantifier'
    """
    if arg.role == CLAUSE:
        return "clause"
    head = arg.head.text.lower()
    lemma = arg.lemma or head
    if arg.pos == "PRON" or head in _pronouns():
        return "pronoun"
    if head in QUANTIFIERS or lemma in QUANTIFIERS or arg.pos == "DET":
        return "quantifier"
    if arg.ner_label in TIME_LABELS:
        return "time"
    if arg.ner_label in AMOUNT_LABELS or arg.pos == "NUM" or head == "%":
        return "amount"
    if arg.pos in NON_NOUN_POS:
        return "other"
    if arg.pos in {"NOUN", "PROPN"} or (not arg.pos and head.isalpha()):
        return "noun"
    return "other"


@cache
def _pronouns() -> frozenset[str]:
    return frozenset(PRONOUNS) | OTHER_PRONOUNS | {"it", "its", "there", "one"}


def _words(arg: Argument) -> str:
    """The words that name a common-noun argument, a capital that only starts its sentence
    lowered ("Officials said" → "officials")."""
    words = arg.core_text or arg.head.text
    if arg.pos == "NOUN" and " " not in words and words.istitle():
        words = words.lower()
    return words


def scoped(arg: Argument, doc: str, title: str, type_: str) -> EntityRef:
    """The entity of a common-noun actor of one article: its own node, labelled with the
    article's title ("officials (Talks resume in Geneva)")."""
    words = _words(arg)
    label = f"{words} ({short_title(title)})" if title else words
    return EntityRef(key=f"{type_.lower()}:{doc}/{words.lower()}", label=label, type=type_)


def concept(arg: Argument) -> EntityRef:
    """The concept node of a common-noun target: its words, shared by every article; the
    label keeps the case of the names in it ("talks with Georgia")."""
    words = _words(arg)
    first, _, rest = words.partition(" ")
    if first.istitle() and not any(w[:1].isupper() for w in rest.split()):
        # a capital that starts a sentence or a headline ("Men"), not a name ("Pervez Musharraf")
        words = f"{first.lower()} {rest}".strip()
    return EntityRef(key="thing:" + words.lower(), label=words, type="Thing")


def amount(arg: Argument, doc: str) -> EntityRef:
    """An amount of one article ("$44 billion"): its own node."""
    words = " ".join(arg.span.text.split())
    return EntityRef(key=f"amount:{doc}/{words.lower()}", label=words, type="Thing")


def _actor(arg: Argument, doc: str, title: str, *, patient: bool) -> EntityRef | str:
    """The entity an actor argument stands for, or why it stands for none."""
    if arg.entity is not None:
        return arg.entity if arg.entity.confidence >= MIN_REFERENCE_CONFIDENCE else "unsure"
    cls = word_class(arg)
    if cls != "noun":
        return cls
    lemma = arg.lemma or arg.head.text.lower()
    if lemma in GENERIC_NOUNS:
        return "generic noun"
    type_ = actor_nouns().get(lemma)
    if type_ is not None:
        return scoped(arg, doc, title, type_)
    if patient or lemma in force_nouns():
        return scoped(arg, doc, title, "Thing")
    return "not an actor"


def _target(arg: Argument, doc: str) -> EntityRef | str:
    """The entity or concept a target argument stands for, or why it stands for none."""
    if arg.entity is not None:
        return arg.entity if arg.entity.confidence >= MIN_REFERENCE_CONFIDENCE else "unsure"
    cls = word_class(arg)
    if cls == "noun":
        if arg.core_text.lower() in EMPTY_NOUNS:
            return "empty noun"  # "felt the same way", "had a bit"
        return concept(arg)
    if cls == "amount":
        return amount(arg, doc)
    return cls


def _role_text(arg: Argument) -> str | None:
    """The role a copula or apposition gives ("the former mayor of Oslo" → "former mayor of
    Oslo"), or None when it says no role (an adjective, a pronoun, a long clause)."""
    if word_class(arg) != "noun":
        return None
    text = _LEADING_DET.sub("", " ".join(arg.span.text.split())).strip(" ,;:")
    if not text or len(text.split()) > MAX_ROLE_WORDS:
        return None
    return text


_AGE = re.compile(r"(?:^|\baged?\s+)(\d{1,3})$")


def _age(t: Triple) -> str | None:
    """An age stated by a relation: "X, 78," or "X, aged 78"."""
    texts = [a.span.text for a in (t.object, *t.arguments) if a is not None]
    if t.predicate.lemma in {"be aged", "be age"}:
        texts.append(t.predicate.span.text)
    for text in texts:
        m = _AGE.search(text.strip())
        if m and 0 < int(m.group(1)) < 125:
            return m.group(1)
    return None


def _attribute(t: Triple) -> Verdict:
    subj = t.subject.entity
    if subj is None or subj.type == "Thing":
        return Verdict(REJECTED, reason="relation of no entity")
    age = _age(t)
    if age is not None:
        return Verdict(ATTRIBUTE, attribute=(subj.key, "age", age))
    obj = t.object
    if obj is None:
        return Verdict(REJECTED, reason="relation without object")
    if obj.entity is not None:
        return Verdict(REJECTED, reason="relation of two entities")
    role = _role_text(obj)
    if role is None:
        return Verdict(REJECTED, reason="relation without role")
    return Verdict(ATTRIBUTE, attribute=(subj.key, "role", role))


#: Prefixes that the tokenizer cuts off a word ("re-elected" → "re", "-", "elected").
_PREFIXES = frozenset({"re", "pre", "co", "non", "anti", "ex", "un", "de", "mis", "over", "under"})


def _word_like(lemma: str) -> bool:
    """Whether a predicate lemma is made of words (no punctuation, no cut-off prefix).

    >>> _word_like("call for"), _word_like("be -"), _word_like("be re"), _word_like("-affiliate")
    (True, False, False, False)
    >>> _word_like("hand over"), _word_like("be over")
    (True, False)
    """
    words = lemma.split()
    particle = len(words) > 1 and words[-1] in _PARTICLES and words[0] != "be"
    return (
        bool(words) and all(w.isalpha() for w in words) and (words[-1] not in _PREFIXES or particle)
    )


#: Prefixes that are also verb particles: after a verb they complete it ("hand over").
_PARTICLES = frozenset({"over", "under"})


def _main_verb(lemma: str) -> str:
    """The verb of a predicate lemma: "come" of "come at", "close" of "be closed".

    >>> _main_verb("come at"), _main_verb("be closed"), _main_verb("step down")
    ('come', 'closed', 'step')
    """
    words = lemma.split() or [""]
    return words[1] if len(words) > 1 and words[0] == "be" else words[0]


def _event_only(t: Triple, reason: str) -> Verdict:
    """The event of a triple whose participants are not known: kept as an event node, with only
    the participants that are entities, and no fact."""
    if t.relation or _main_verb(t.predicate.lemma) in STATIVE:
        return Verdict(REJECTED, reason=reason)
    keep = tuple(a for a in t.arguments if a.entity is not None)
    obj = t.object if t.object is not None and t.object.entity is not None else None
    subject = replace(t.subject, entity=None)
    return Verdict(
        EVENT,
        triple=replace(t, subject=subject, object=obj, arguments=keep, attributed_to=None),
        reason=reason,
    )


#: Verbs whose clause object is an event they cause or perceive, not something said.
SMALL_CLAUSE_VERBS = frozenset({"help", "make", "let", "have", "see", "watch", "hear", "get"})

#: Words a complete clause does not end with: a clause of what was said ending so was cut by
#: the parse ("its content posted without permission on").
DANGLING_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "on",
        "in",
        "at",
        "to",
        "for",
        "from",
        "with",
        "by",
        "about",
        "into",
        "onto",
        "over",
        "under",
        "as",
        "than",
        "that",
        "which",
        "who",
        "whose",
        "whom",
        "if",
        "because",
        "while",
        "although",
        "though",
    ]
)


#: Words that begin a participant of which the sentence says few or not all took part ("*not
#: enough* proposals were integrated", "*few* Republicans supported it"): no plain fact of it.
SCANT_QUANTIFIERS = ("not", "few", "fewer", "hardly", "scarcely", "too few", "very few")


def _scant(arg: Argument) -> bool:
    """Whether an argument is quantified as few, or as not all ("Not all members").

    >>> from kgbuild.records import Span
    >>> s = Span(0, 11, "Few members")
    >>> _scant(Argument(s, Span(4, 11, "members"))), _scant(Argument(Span(0, 9, "a few men"), s))
    (True, False)
    """
    words = arg.span.text.lower().split()
    return any(words[: len(q.split())] == q.split() for q in SCANT_QUANTIFIERS)


#: Predicates that give something's name, not an event ("the Republic of China, also known as
#: Taiwan").
NAMING_PREDICATES = frozenset(
    {"be known as", "be also known as", "be referred to as", "be nicknamed", "be dubbed"}
)


def _naming(t: Triple) -> bool:
    """A predicate of naming ("also known as"); "called" is left alone: police are called to
    a scene."""
    return t.predicate.lemma in NAMING_PREDICATES


def admit(t: Triple, title: str = "") -> Verdict:
    """What the graph makes of one triple of an article titled ``title`` (see the module doc)."""
    if t.relation or t.predicate.lemma in {"be", "be aged", "be age"}:
        # "X is Y", "X, aged 78": what X is, not what happened
        return _attribute(t)
    if not _word_like(t.predicate.lemma):  # a parse of punctuation ("-affiliated", "re-")
        return Verdict(REJECTED, reason="no predicate")
    if t.predicate.lemma == "base":  # "the Hong Kong based AHRC": where it is, no deed
        return Verdict(REJECTED, reason="no predicate")
    if _naming(t):
        return _event_only(t, "a name, not an event")
    if t.via.startswith("passive/none/acl/") and not t.arguments:
        # "flags of the groups mentioned above": a noun described, nothing that happened
        return _event_only(t, "description")
    if any(_scant(a) for a in (t.subject, t.object) if a is not None and a.role != CLAUSE):
        return _event_only(t, "scant quantifier")  # "not enough proposals were integrated"
    patient = t.subject.role == PATIENT
    subj = _actor(t.subject, t.doc, title, patient=patient)
    if isinstance(subj, str):
        return _event_only(t, f"{subj} subject")
    if (
        t.subject.entity is None
        and (t.subject.lemma or "") in force_nouns()
        and (t.predicate.verb or _main_verb(t.predicate.lemma)) in speech_verbs()
    ):
        return _event_only(t, "a happening says nothing")  # "after the attack warning …"
    if patient and t.subject.entity is None:
        # a thing that undergoes the event: a change it undergoes, not a noun's modifier
        # ("world order" read as "the world ordered") or a light verb ("the speech came")
        if t.predicate.kind == "noun":
            return _event_only(t, "thing under an event noun")
        if _main_verb(t.predicate.lemma) in LIGHT_PATIENT_VERBS:
            return _event_only(t, "thing under a light verb")
    obj_ref: EntityRef | None = None
    obj_arg = t.object
    if obj_arg is not None and obj_arg.role != CLAUSE and word_class(obj_arg) == "time":
        obj_arg = None  # "died on Sunday": the time is no target
        t = replace(t, object=None)
    if (
        obj_arg is not None
        and obj_arg.role == CLAUSE
        and not any(ch.isalpha() for ch in obj_arg.span.text)
    ):
        return Verdict(REJECTED, reason="nothing said")  # a clause of punctuation
    if t.predicate.lemma == "say" and obj_arg is not None and obj_arg.role != CLAUSE:
        # "said comments by X highlight divisions", "a textbook that protesters say whitewashes
        # …": a noun is no statement; what was said, the parse lost
        return _event_only(t, "nothing said")
    if (
        obj_arg is not None
        and obj_arg.role == CLAUSE
        and obj_arg.span.text.lower().startswith("to ")
        and (patient or (t.predicate.verb or _main_verb(t.predicate.lemma)) not in speech_verbs())
    ):
        # "X is said to have fled": hearsay about X, nothing X said; "X appeared to be
        # relieved": how X seemed, no statement (the infinitive's event carries the hedge)
        return _event_only(t, "infinitive is no statement")
    if (
        obj_arg is not None
        and obj_arg.role == CLAUSE
        and (t.predicate.verb or _main_verb(t.predicate.lemma)) in SMALL_CLAUSE_VERBS
    ):
        # "helped recover from the conflict", "saw the jets land": what is helped or seen
        # happens as its own event, nothing said
        return _event_only(t, "small clause is no statement")
    if (
        obj_arg is not None
        and obj_arg.role == CLAUSE
        and obj_arg.span.text.rstrip(" ,;:").split()[-1:][0].lower() in DANGLING_WORDS
    ):
        # "said its content posted without permission on": the parse cut what was said
        return _event_only(t, "said clause cut")
    if (
        _main_verb(t.predicate.lemma) == "do"
        and (obj_arg is None or obj_arg.role != CLAUSE)
        and (t.object is None or t.object.entity is None)
    ):
        return _event_only(t, "pro-verb")  # "did so on condition of anonymity"
    if (
        obj_arg is not None
        and obj_arg.role == CLAUSE
        and obj_arg.span.start <= t.predicate.span.start < obj_arg.span.end
    ):
        # "what X and Y believe is crucial": a clause holding its own verb of saying is a
        # parse of a free relative, not what was said
        return _event_only(t, "said clause holds its verb")
    if obj_arg is not None:
        if obj_arg.role != CLAUSE:
            o = _target(obj_arg, t.doc)
            if isinstance(o, str):
                return _event_only(t, f"{o} object")
            obj_ref = o
    elif not patient and t.predicate.lemma not in standalone_verbs():
        return _event_only(t, "no object")
    elif t.predicate.kind == "noun" and t.predicate.lemma not in standalone_verbs():
        return _event_only(t, "event noun without object")  # "Commonwealth meetings"
    elif patient and subj.type == "Thing":
        return _event_only(t, "thing undergoing, no object")  # "the money was appropriated"
    if obj_ref is not None and obj_ref.key == subj.key:
        return Verdict(REJECTED, reason="self-loop")
    if _main_verb(t.predicate.lemma) in POSSESSION and (obj_ref is None or obj_ref.type == "Thing"):
        # "had a bit of a lend", "has a variety of roles": what one has, said of a thing
        return Verdict(REJECTED, reason="possession of a thing")
    if t.attributed_to is not None:
        source = _actor(t.attributed_to, t.doc, title, patient=False)
        if isinstance(source, str):
            return _event_only(t, "unknown source")
        attributed: Argument | None = replace(t.attributed_to, entity=source)
    else:
        attributed = None
    subject = replace(t.subject, entity=subj)
    obj = replace(t.object, entity=obj_ref) if t.object is not None and obj_ref else t.object
    arguments = tuple(_argument(a, t.doc) for a in t.arguments)
    place = t.place if t.place is not None and t.place.entity is not None else None
    fact = replace(
        t,
        subject=subject,
        object=obj,
        arguments=tuple(a for a in arguments if a is not None),
        attributed_to=attributed,
        place=place,
    )
    return Verdict(FACT, triple=fact)


def _argument(a: Argument, doc: str) -> Argument | None:
    """A further argument as the graph keeps it: an entity, or a concept or amount named by its
    words, or the clause a bidding bids (the fact's content, see :func:`content_of`); other
    words are left out."""
    if a.entity is not None or a.role == CLAUSE:  # an entity, or what was bidden: content
        return a
    ref = _target(a, doc)
    return replace(a, entity=ref) if isinstance(ref, EntityRef) else None


def content_of(t: Triple) -> str | None:
    """What a fact reports was said or thought: the words of its clause object, of the
    infinitive it bids its object to do ("urged the council *to approve the budget*"), or of
    the "that" clause of its object noun ("dismissed claims *that the mosque was tied to*
    …": the claims are the target, what they say its content)."""
    if t.object is None:
        return None
    if t.object.role == CLAUSE:
        return " ".join(t.object.span.text.split())
    bidden = next((a for a in t.arguments if a.role == CLAUSE), None)
    if bidden is not None:  # "urged the council to approve the budget"
        return " ".join(bidden.span.text.split())
    head, span = t.object.head, t.object.span
    if head.end < span.end and span.start <= head.start:
        rest = " ".join(span.text[head.end - span.start :].split())
        if rest.lower().startswith("that ") and len(rest.split()) > 2:
            return rest[5:]
    return None


__all__ = [
    "ATTRIBUTE",
    "EVENT",
    "FACT",
    "REJECTED",
    "Verdict",
    "actor_nouns",
    "admit",
    "concept",
    "content_of",
    "force_nouns",
    "scoped",
    "short_title",
    "standalone_verbs",
    "word_class",
]
