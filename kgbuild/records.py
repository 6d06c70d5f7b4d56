"""Typed, immutable records that cross stage boundaries.

Every stage of the pipeline (ingest → nlp → actors → events → merge → rdf → outputs)
hands the next one these frozen dataclasses. They carry text and character offsets,
never spaCy objects, so they can be cached, sent to worker processes, written as JSON and
compared in tests.

>>> s = Span(0, 5, "Paris")
>>> s.text, s.start, s.end
('Paris', 0, 5)
>>> Span.from_dict(s.to_dict()) == s
True
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R", bound=type)


def pickled_by_slots(cls: R) -> R:
    """Pickle a record as the tuple of its field values, and rebuild it by setting its slots
    directly. ``dataclasses`` gives slotted classes state functions that list the fields again
    for every record; these load a large graph (or a cache entry) twice as fast.

    >>> import pickle
    >>> pickle.loads(pickle.dumps(Span(0, 2, "Hi")))
    Span(start=0, end=2, text='Hi')
    """
    names = tuple(f.name for f in fields(cls))
    get = operator.attrgetter(*names)
    one = len(names) == 1

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return (get(self),) if one else get(self)  # type: ignore[no-any-return]

    cls.__getstate__ = __getstate__  # type: ignore[method-assign,assignment]
    cls.__setstate__ = _slot_setter(cls, names)  # type: ignore[attr-defined]
    return cls


def _slot_setter(cls: type, names: tuple[str, ...]) -> Callable[[Any, tuple[Any, ...]], None]:
    """``__setstate__`` for a tuple of the values of ``names``: one unpacking and one slot
    write per field, written out (as ``dataclasses`` writes ``__init__``) rather than looped,
    which loads records 15% faster. A state of another length raises ``ValueError``.

    >>> class P:
    ...     __slots__ = ("x", "y")
    >>> p = P.__new__(P)
    >>> _slot_setter(P, ("x", "y"))(p, (1, 2))
    >>> p.x, p.y
    (1, 2)
    """
    env = {f"_set{i}": cls.__dict__[n].__set__ for i, n in enumerate(names)}
    values = "".join(f"v{i}, " for i in range(len(names)))
    sets = "".join(f"\n    _set{i}(self, v{i})" for i in range(len(names)))
    exec(f"def __setstate__(self, state):\n    {values}= state{sets}", env)
    return env["__setstate__"]  # type: ignore[no-any-return]


#: Entity types of the ontology (``kg:Person`` …). ``Thing`` is a non-entity argument
#: ("guarantees", "war"): a concept node, not an actor.
#: Role of a subject that undergoes the event rather than doing it: the subject of a passive
#: without agent ("the plant was closed") or of an intransitive change of state ("shares fell").
#: It answers PropBank's Arg1 (patient/theme), not Arg0.
PATIENT = "patient"
#: Role of a subject that does the event (PropBank's Arg0).
AGENT = "agent"
#: Role of the subject of a relation ("X is a chemist", an apposition): neither does nor undergoes.
COPULA = "copula"
#: Role of an object that is a whole clause ("said that troops were withdrawn"): it names no
#: entity or concept, so it becomes no node of the graph.
CLAUSE = "clause"

ENTITY_TYPES = ("Person", "Organization", "Country", "Place", "Group", "Thing")


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a document: ``text == document[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Span:
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from disk.

    ``text`` is the text as read (the decoded file; for a converted input such as a web page,
    the text that ``kgbuild text FILE`` prints): every offset the project writes counts its
    characters. The NLP stage reads a cleaned copy (title, blank line, body; metadata lines,
    furniture and dateline removed), made of runs of ``text`` that ``layout`` lists
    (:mod:`kgbuild.layout`); an empty layout means the cleaned copy is ``text`` itself.
    """

    id: str
    text: str
    title: str
    date: str | None = None  # ISO 8601 publication date, when the article states it
    source: str | None = None  # publisher or agency: "TASS", "AP", "Press TV"
    author: str | None = None
    dateline: str | None = None  # dateline place as written: "MOSCOW"
    paths: tuple[str, ...] = ()
    content_hash: str = ""
    warnings: tuple[str, ...] = ()
    #: flat ``(start in the cleaned text, start in text, length)`` triples; see kgbuild.layout
    layout: tuple[int, ...] = ()

    @property
    def cleaned(self) -> str:
        """The text the NLP stage reads: the runs of ``layout`` joined by a space (lines of
        one paragraph) or a blank line (paragraphs); ``text`` itself without a layout.

        >>> Article(id="a", text="T\\nMay 1, 2020\\n\\nBody.", title="T",
        ...         layout=(0, 0, 1, 3, 15, 5)).cleaned
        'T\\n\\nBody.'
        """
        lay = self.layout
        if not lay:
            return self.text
        src = self.text
        out: list[str] = []
        pos = 0
        for k in range(0, len(lay), 3):
            at, start, n = lay[k], lay[k + 1], lay[k + 2]
            if at > pos:
                out.append(" " if at - pos == 1 else "\n\n")
            out.append(src[start : start + n])
            pos = at + n
        return "".join(out)


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class EntityRef:
    """The canonical entity an argument or mention stands for.

    ``key`` is stable across articles ("country:RU", "person:angela merkel");
    ``mentioned_as`` keeps the surface referent when metonymy or coreference
    replaced it ("Moscow" for Russia, "he" for a named person).
    """

    key: str
    label: str
    type: str
    mentioned_as: str | None = None
    confidence: float = 1.0


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class Mention:
    """An entity mention in a document, with the entity it was resolved to."""

    span: Span
    entity: EntityRef
    ner_label: str = ""
    kind: str = "name"  # name | pronoun | description | apposition | acronym
    role: str | None = None  # title stripped from the name: "President", "Chancellor"


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class Argument:
    """A whole argument phrase of a triple, with its head word and resolved entity."""

    span: Span
    head: Span
    #: subject | patient (a subject that undergoes the event) | object | a preposition
    #: ("with", "for") | attribution
    role: str = "arg"
    entity: EntityRef | None = None
    ner_label: str = ""
    #: the coarse part of speech of the head (spaCy's ``pos_``: NOUN, PROPN, PRON, DET, NUM …)
    pos: str = ""
    #: the head's lemma ("official" for "officials")
    lemma: str = ""
    #: the head with the modifiers that say what it is ("world order" of "a new world order",
    #: "security guarantees" of "legally binding security guarantees"); None: the head alone
    core: Span | None = None

    @property
    def label(self) -> str:
        """The node label: the canonical entity, else the head word."""
        return self.entity.label if self.entity else self.head.text

    @property
    def core_text(self) -> str:
        """The words of :attr:`core` (the head's when there is no core), white space folded."""
        return " ".join((self.core or self.head).text.split())

    @property
    def type(self) -> str:
        return self.entity.type if self.entity else "Thing"


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class Predicate:
    """The predicate as written (with auxiliaries and negation) and normalized."""

    span: Span  # surface: "does not want", "called for"
    lemma: str  # normalized: "want", "call for"
    kind: str = "verb"  # verb | noun | light | copula | apposition
    head: Span | None = None  # the main verb or event noun alone
    #: the lemma of the main verb alone ("arrest" of "be arrested", "call" of "call for"), or of
    #: the verb an event noun stands for; "" when not known
    verb: str = ""


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class TimeValue:
    """A time expression with its normalized ISO value (date, year-month or year)."""

    text: str
    value: str | None  # "2022-02-15", "2022-01", "2022", or None when unresolved
    span: Span | None = None
    basis: str = "expression"  # expression | reporting-date

    @property
    def stated(self) -> str:
        """The value when the text states it (an expression of the event's clause), else "":
        the tables show no time the sentence does not give.

        >>> TimeValue("", "2022-02-15", basis="reporting-date").stated
        ''
        """
        return self.value or "" if self.basis == "expression" else ""


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class Triple:
    """One extracted fact: subject – predicate – object in one sentence of one document."""

    doc: str
    sentence: Span
    subject: Argument
    predicate: Predicate
    object: Argument | None = None
    arguments: tuple[Argument, ...] = ()  # further (n-ary) arguments: arg2, arg3 …
    relation: bool = False  # copular / appositive relation, not an event
    negated: bool = False
    modality: str | None = None  # "may", "will", "ready to" …
    attributed_to: Argument | None = None  # the source of reported speech
    time: TimeValue | None = None
    place: Argument | None = None
    confidence: float = 0.5
    event_class: str | None = None  # taxonomy class local name, "Consult"; None = generic
    disputed: bool = False  # a claim the same article reports denied ("allegations X denies")
    #: how the extractor built it: "construction/object/subject-via/sentence-tokens"
    #: ("verbal/dobj/own/18"), see kgbuild.extract.confidence
    via: str = ""

    @property
    def subject_role(self) -> str:
        """What the subject is to the predicate: ``agent`` (it does the event), ``patient`` (it
        undergoes it: "the index fell") or ``copula`` (a relation: "X is a chemist").

        >>> from dataclasses import replace
        >>> s = Span(0, 1, "X")
        >>> t = Triple("d", s, Argument(s, s, role=PATIENT), Predicate(s, "fall"))
        >>> t.subject_role, replace(t, relation=True).subject_role
        ('patient', 'copula')
        """
        if self.relation:
            return COPULA
        return PATIENT if self.subject.role == PATIENT else AGENT


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class EventMention:
    """A word that names an event of the article which no extracted triple reports ("the
    earthquake", "the shooting", a verb whose subject is not known): a mention of an event
    whose participants the text does not give here."""

    span: Span  # the word: "earthquake", "killed"
    lemma: str  # "earthquake", "kill"
    sentence: Span
    time: TimeValue | None = None
    event_class: str | None = None


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What the per-document stages produce for one article: the unit that is cached."""

    article: Article
    mentions: tuple[Mention, ...] = ()
    triples: tuple[Triple, ...] = ()
    time_expressions: tuple[TimeValue, ...] = ()
    event_mentions: tuple[EventMention, ...] = ()


# --------------------------------------------------------------------------- merged level


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class Entity:
    """One node per real-world entity after merging all articles."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()  # external IRIs (Wikidata, GeoNames)
    roles: tuple[str, ...] = ()  # titles seen with the name, offices stated: "President"
    mentions: int = 0
    sources: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()  # ages the articles state ("78")
    #: why other names were joined to it: "Bush (person:bush): the surname of …"
    merged: tuple[str, ...] = ()


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class Evidence:
    """One source of a fact: an article, the sentence and the triple as written there."""

    doc: str
    sentence: str
    sentence_span: Span
    subject: Span
    predicate: Span
    object: Span | None
    attributed_to: str | None = None
    confidence: float = 0.5
    #: the further arguments as written: (role, span) — "with", "for", "to" …
    arguments: tuple[tuple[str, Span], ...] = ()
    #: True when this sentence names the event without saying who did it (a partial report:
    #: "the earthquake"), so it states no fact of its own
    partial: bool = False


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class Event:
    """One event node: the same happening however many articles report it."""

    id: str  # stable hash of its identity
    predicate: str
    event_class: str | None
    subject: str  # entity key
    object: str | None  # entity key
    arguments: tuple[tuple[str, str], ...] = ()  # (role, entity key)
    relation: bool = False
    negated: bool = False
    modality: str | None = None
    attributed_to: tuple[str, ...] = ()  # entity keys
    time: TimeValue | None = None
    place: str | None = None  # entity key
    confidence: float = 0.5
    sources: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    disputed: bool = False
    #: ``agent``: the subject does the event; ``patient``: it undergoes it ("the plant was
    #: closed", "shares fell"), and the event has no known actor. A relation's subject is
    #: ``copula`` in tables (:attr:`row_subject_role`).
    subject_role: str = "agent"
    #: what the event reports was said or thought: the words of its clause ("X said *that …*")
    content: str | None = None
    #: False for an event kept for its mentions, time and class whose actor is not known (an
    #: unresolved pronoun, a word that names no actor): no fact, no row, no edge; its
    #: ``subject`` is then ``""``
    fact: bool = True
    #: the lemma of its main verb ("arrest" of "be arrested"): what tells its kind
    verb: str = ""

    @property
    def row_subject_role(self) -> str:
        """The subject's role as the tables write it: ``copula`` for a relation."""
        return COPULA if self.relation else self.subject_role


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class EntityMention:
    """One place where an article names an entity: a name, an acronym, a description, or a
    pronoun that coreference resolved to it."""

    span: Span
    entity: str  # canonical entity key
    kind: str = (
        "name"  # name | acronym | adjective | institution | description | pronoun | apposition
    )


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class ArticleMentions:
    """The entity mentions of one article, in text order: the mention layer of the graph."""

    doc: str
    mentions: tuple[EntityMention, ...] = ()


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one real-world happening (:mod:`kgbuild.stories`)."""

    id: str
    label: str  # its main participants: "Indonesia, Padang, Sumatra"
    articles: tuple[str, ...]
    start: str | None = None  # first and last dates of its articles (ISO), when they have any
    end: str | None = None
    actors: tuple[str, ...] = ()  # entity keys of its main participants, most central first


@pickled_by_slots
@dataclass(frozen=True, slots=True)
class KnowledgeGraph:
    """Everything the writers need: articles, entities and events after merging, and where
    each article mentions each entity (events are mentioned by their evidence)."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    events: tuple[Event, ...]
    mentions: tuple[ArticleMentions, ...] = ()
    stories: tuple[Story, ...] = ()
    warnings: tuple[str, ...] = ()

    def entity(self, key: str) -> Entity | None:
        for e in self.entities:
            if e.key == key:
                return e
        return None


# --------------------------------------------------------------------------- (de)serialisation


def to_json(obj: Any) -> Any:
    """Turn a record (or nested records) into plain JSON data: a dict per record, a list per
    tuple or list.

    >>> to_json(Span(0, 2, "Hi"))
    {'start': 0, 'end': 2, 'text': 'Hi'}
    """
    tp = type(obj)
    if tp in _PLAIN:
        return obj
    if tp is tuple or tp is list:
        return [x if type(x) in _PLAIN else to_json(x) for x in obj]
    if tp is dict:
        return {k: v if type(v) in _PLAIN else to_json(v) for k, v in obj.items()}
    names = _field_names(tp)  # type: ignore[arg-type]
    if names is None:
        return obj
    out = {}
    for name in names:
        value = getattr(obj, name)
        out[name] = value if type(value) in _PLAIN else to_json(value)
    return out


#: Types :func:`to_json` passes through as they are.
_PLAIN = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(tp: type) -> tuple[str, ...] | None:
    """The field names of a record type (None for anything else), looked up once per type."""
    return tuple(f.name for f in fields(tp)) if is_dataclass(tp) else None


def from_json(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_json` output; fields the data does not
    hold take their defaults.

    The type annotations are read once per type into a decoder that does only the work a
    field needs (plain values are taken as they are), which makes loading a large document
    many times faster than walking the annotations for every record.

    >>> from_json(Span, {"start": 0, "end": 2, "text": "Hi"})
    Span(start=0, end=2, text='Hi')
    """
    if data is None:
        return None  # type: ignore[return-value]
    dec = _decoder(cls)  # type: ignore[arg-type]
    return data if dec is None else dec(data)  # type: ignore[no-any-return]


Decoder = Callable[[Any], Any]


@cache
def _decoder(tp: Any) -> Decoder | None:
    """The decoder of a non-None value of type ``tp``; None when the JSON value is the value."""
    import types
    import typing

    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decoder(members[0]) if len(members) == 1 else None
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return _homogeneous(_decoder(args[0]))
        return _positional(tuple(_decoder(a) for a in args))
    if is_dataclass(tp) and isinstance(tp, type):
        hints = typing.get_type_hints(tp)
        return _record(tp, tuple((f.name, _decoder(hints[f.name])) for f in fields(tp)))
    return None


def _homogeneous(item: Decoder | None) -> Decoder:
    if item is None:
        return tuple

    def dec(value: Any) -> Any:
        return tuple([None if v is None else item(v) for v in value])

    return dec


def _positional(items: tuple[Decoder | None, ...]) -> Decoder:
    def dec(value: Any) -> Any:
        return tuple(
            [v if d is None or v is None else d(v) for d, v in zip(items, value, strict=False)]
        )

    return dec


def _record(tp: type[Any], parts: tuple[tuple[str, Decoder | None], ...]) -> Decoder:
    def dec(value: Any) -> Any:
        try:
            args = [value[n] for n, _ in parts]
        except KeyError:  # a field the data does not hold takes its default
            return tp(**{n: _field(d, value[n]) for n, d in parts if n in value})
        return tp(
            *[v if d is None or v is None else d(v) for (_, d), v in zip(parts, args, strict=True)]
        )

    return dec


def _field(dec: Decoder | None, value: Any) -> Any:
    return value if dec is None or value is None else dec(value)


__all__ = [
    "AGENT",
    "CLAUSE",
    "COPULA",
    "ENTITY_TYPES",
    "PATIENT",
    "Argument",
    "Article",
    "ArticleMentions",
    "DocumentResult",
    "Entity",
    "EntityMention",
    "EntityRef",
    "Event",
    "EventMention",
    "Evidence",
    "KnowledgeGraph",
    "Mention",
    "Predicate",
    "Span",
    "Story",
    "TimeValue",
    "Triple",
    "asdict",
    "field",
    "from_json",
    "pickled_by_slots",
    "to_json",
]
