"""Answer rows of the summary graph: per-entity event lists and per-story summaries.

A question with a name parameter ("what did X say?") is answered from rows the build keys by
the entity, so that the store reads only the rows of the entities the name finds, never every
event of the build:

* the **timeline** of an actor (``kg:timelineRank``): a row per event it did, the row pointing
  at the event (``kg:event``);
* its **demands** (``kg:demandRank``): a row per report of an event of class Demand or Appeal
  (or of a predicate of asking) it stated as happening, pointing at the event and the evidence
  (``kg:rowEvidence``);
* its **statements** (``kg:statementRank``): a row per report of a statement it made (class
  MakePublicStatement or a predicate of saying) or of a claim attributed to it
  (``kg:statementKind`` "statement" or "reported claim").
* the **links of an organisation** (``kg:linkedRank``): a row per actor linked to it — by a
  direct edge either way ("meet →", "← meet") or by an event both take part in ("same event:
  meet") — naming the actor (``kg:linkedActor``) and the link (``kg:linkText``).

A list is ranked over the whole build in the order of its question (the timeline by time, then
event; demands by time, actor, what was demanded, sentence; statements by speaker, article,
sentence, claim; an organisation's links by organisation, actor, link). The entity carries
the ranks of its rows (``<entity> kg:timelineRank 42``) and the row its own
(``…/summary/timeline/42 kg:timelineRow 42``). So a page of the rows of
the entities a name finds is read from the entities alone — one look-up per entity, the ranks
coming with it, integers the store sorts without reading their text — and only the page's
rows are then looked up, by their rank.

A **story** (``kg:Story``, :mod:`kgbuild.stories`) gets its summary in the same graph: how many
events its articles report (``kg:eventCount``) and the most widely reported of them
(``kg:topEvent``); its articles, first and last dates and main actors are on the story node of
the default graph.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import NamedTuple

from kgbuild.pieces import Piece
from kgbuild.rdf.iri import entity_iri, event_iri, evidence_iri, story_iri
from kgbuild.rdf.model import (
    SUMMARY_GRAPH,
    Block,
    Pairs,
    block,
    event_label,
    has_direct_edge,
    key_label,
)
from kgbuild.rdf.namekeys import all_name_keys
from kgbuild.rdf.namespace import ID, KG
from kgbuild.rdf.terms import lit
from kgbuild.records import PATIENT, Entity, Event, KnowledgeGraph

#: Predicates of asking: an event of one of them is a demand whatever its class.
DEMAND_PREDICATES = frozenset(
    {"demand", "call for", "ask", "ask for", "urge", "insist on", "request"}
)
#: Classes of asking.
DEMAND_CLASSES = frozenset({"Demand", "Appeal"})
#: Predicates of saying: an event of one of them is a statement whatever its class.
STATEMENT_PREDICATES = frozenset(
    {"say", "tell", "state", "declare", "announce", "claim", "stress", "add"}
)
#: Classes of saying.
STATEMENT_CLASSES = frozenset({"MakePublicStatement"})
#: Entity types an organisation's links name.
LINKED_TYPES = frozenset({"Person", "Organization", "Country", "Group"})
#: Events named per story.
TOP_EVENTS = 5


class T:
    """The terms of the answer rows, as plain strings."""

    linkedRank = str(KG.linkedRank)
    linkedRow = str(KG.linkedRow)
    linkedActor = str(KG.linkedActor)
    linkText = str(KG.linkText)
    timelineRank = str(KG.timelineRank)
    timelineNameKey = str(KG.timelineNameKey)
    demandNameKey = str(KG.demandNameKey)
    statementNameKey = str(KG.statementNameKey)
    linkedNameKey = str(KG.linkedNameKey)
    demandRank = str(KG.demandRank)
    statementRank = str(KG.statementRank)
    timelineRow = str(KG.timelineRow)
    demandRow = str(KG.demandRow)
    statementRow = str(KG.statementRow)
    statementKind = str(KG.statementKind)
    event = str(KG.event)
    rowEvidence = str(KG.rowEvidence)
    eventCount = str(KG.eventCount)
    topEvent = str(KG.topEvent)


class Row(NamedTuple):
    """One answer row: the entity it is keyed by, the event, the evidence (an IRI) if the
    question quotes a report, the kind of statement if it says one; for a link of an
    organisation, the actor linked and how."""

    entity: str
    event: str | None
    evidence: str | None = None
    kind: str | None = None
    actor: str | None = None
    link: str | None = None


def has_actor(ev: Event) -> bool:
    """Whether the event has a ``kg:actor``: a subject that does it, not one that undergoes it."""
    return bool(ev.subject) and ev.subject_role != PATIENT


def label_of(ents: Mapping[str, Entity], key: str) -> str:
    """An entity's label as the graph gives it (``rdfs:label``), also without a record."""
    e = ents.get(key)
    return e.label if e else key_label(key)


def _time(ev: Event) -> str:
    return ev.time.value if ev.time and ev.time.value else ""


def _reports(ev: Event) -> Iterator[tuple[str, str, str]]:
    """(evidence IRI, article, sentence) of every report of an event."""
    for n, evd in enumerate(ev.evidence):
        yield str(evidence_iri(ev.id, evd.doc, n)), evd.doc, evd.sentence


def timeline(kg: KnowledgeGraph) -> list[Row]:
    """Every event (no relation) with an actor, in time order (no time first), then by IRI."""
    chosen = [ev for ev in kg.events if has_actor(ev) and not ev.relation]
    chosen.sort(key=lambda ev: (_time(ev), str(event_iri(ev.id))))
    return [Row(ev.subject, ev.id) for ev in chosen]


def demands(kg: KnowledgeGraph) -> list[Row]:
    """Every report of an actor's demand stated as happening: by time, actor, what, sentence."""
    ents = {e.key: e for e in kg.entities}
    titles = {a.id: a.title or a.id for a in kg.articles}
    keyed: dict[tuple[str, ...], Row] = {}
    for ev in kg.events:
        asks = ev.event_class in DEMAND_CLASSES or ev.predicate in DEMAND_PREDICATES
        if not (has_actor(ev) and asks and not ev.negated):
            continue
        what = label_of(ents, ev.object) if ev.object else ev.content or ""
        who = label_of(ents, ev.subject)
        for iri, doc, sentence in _reports(ev):
            shown = (_time(ev), who, what, sentence, titles.get(doc, doc), ev.predicate)
            keyed.setdefault((*shown, ev.subject), Row(ev.subject, ev.id, iri))
    return [keyed[k] for k in sorted(keyed)]


def statements(kg: KnowledgeGraph) -> list[Row]:
    """Every report of an actor's statement and of a claim attributed to it: by speaker,
    article, sentence, claim."""
    ents = {e.key: e for e in kg.entities}
    titles = {a.id: a.title or a.id for a in kg.articles}
    keyed: dict[tuple[str, ...], Row] = {}

    def add(who: str, ev: Event, kind: str) -> None:
        claim = event_label(ev, ents)
        for iri, doc, sentence in _reports(ev):
            shown = (label_of(ents, who), titles.get(doc, doc), sentence, claim, kind)
            keyed.setdefault((*shown, ev.content or "", who), Row(who, ev.id, iri, kind))

    for ev in kg.events:
        for who in ev.attributed_to:
            add(who, ev, "reported claim")
        says = ev.event_class in STATEMENT_CLASSES or ev.predicate in STATEMENT_PREDICATES
        if has_actor(ev) and says:
            add(ev.subject, ev, "statement")
    return [keyed[k] for k in sorted(keyed)]


def involved(ev: Event) -> list[str]:
    """The entities an event has as ``kg:actor``, ``kg:target`` or ``kg:participant``."""
    return [k for k in (ev.subject, ev.object, *(k for _r, k in ev.arguments)) if k]


def organisation_links(kg: KnowledgeGraph) -> list[Row]:
    """Every actor linked to an organisation — a direct edge either way ("meet →", "← meet"),
    or an event both take part in ("same event: meet") — by organisation, actor and link."""
    ents = {e.key: e for e in kg.entities}
    found: set[tuple[str, str, str]] = set()
    for ev in kg.events:
        if ev.object is not None and has_direct_edge(ev):
            edge = ("not " if ev.negated else "") + ev.predicate
            found |= {(ev.object, ev.subject, f"{edge} →"), (ev.subject, ev.object, f"← {edge}")}
        keys = set(involved(ev))
        found |= {(o, a, f"same event: {ev.predicate}") for o in keys for a in keys}
    keyed: dict[tuple[str, ...], Row] = {}
    for o, a, link in found:
        org, actor = ents.get(o), ents.get(a)
        if org is None or actor is None or org.type != "Organization" or a == o:
            continue
        if actor.type in LINKED_TYPES:
            shown = (org.label, actor.label, link, actor.type)
            keyed.setdefault((*shown, o), Row(o, None, actor=a, link=link))
    return [keyed[k] for k in sorted(keyed)]


def row_iri(name: str, rank: int) -> str:
    """The IRI of the row of rank ``rank`` (from 1) of list ``name``.

    >>> row_iri("timeline", 42).rsplit("/", 2)[1:]
    ['timeline', '42']
    """
    return str(ID[f"summary/{name}/{rank}"])


def row_blocks(name: str, props: tuple[str, str], rank: int, row: Row) -> list[Block]:
    """The rank on the entity, and the row."""
    prop, row_prop = props
    pairs: Pairs = [(row_prop, lit(rank))]
    if row.event:
        pairs.append((T.event, str(event_iri(row.event))))
    if row.evidence:
        pairs.append((T.rowEvidence, row.evidence))
    if row.kind:
        pairs.append((T.statementKind, lit(row.kind)))
    if row.actor:
        pairs.append((T.linkedActor, str(entity_iri(row.actor))))
    if row.link:
        pairs.append((T.linkText, lit(row.link)))
    return [
        block(SUMMARY_GRAPH, str(entity_iri(row.entity)), [(prop, lit(rank))]),
        block(SUMMARY_GRAPH, row_iri(name, rank), pairs),
    ]


#: The per-entity lists: (name in the IRIs, the properties of a row's rank on the entity and
#: on the row, the rows).
LISTS: tuple[tuple[str, tuple[str, str], Callable[[KnowledgeGraph], list[Row]]], ...] = (
    ("timeline", (T.timelineRank, T.timelineRow), timeline),
    ("demand", (T.demandRank, T.demandRow), demands),
    ("statement", (T.statementRank, T.statementRow), statements),
    ("linked", (T.linkedRank, T.linkedRow), organisation_links),
)

#: The name index of each list (``rdfs:subPropertyOf kg:nameKey``): the name keys of the
#: entities that have rows in it, so that a name finds only those.
LIST_KEYS: Mapping[str, str] = {
    "timeline": T.timelineNameKey,
    "demand": T.demandNameKey,
    "statement": T.statementNameKey,
    "linked": T.linkedNameKey,
}


def _one(subject: str, pairs: Pairs) -> list[Block]:
    return [block(SUMMARY_GRAPH, subject, pairs)]


def summary_piece(pid: str, value: object, subject: str, make: Callable[[], Pairs]) -> Piece:
    """A piece of the summary graph: one subject, its pairs made when the piece is rendered."""
    return Piece("S" + pid, value, SUMMARY_GRAPH, lambda: _one(subject, make()))


def key_blocks(prop: str, entity: str, keys: tuple[str, ...]) -> list[Block]:
    return [block(SUMMARY_GRAPH, str(entity_iri(entity)), [(prop, lit(k)) for k in keys])]


def row_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """The rows of every per-entity list, one piece per row, and the list's name index: one
    piece per entity with rows in it."""
    ents = {e.key: e for e in kg.entities}
    for name, prop, make in LISTS:
        rows = make(kg)
        for rank, row in enumerate(rows, start=1):
            pid = f"Sw {name} {rank}"
            yield Piece(pid, row, SUMMARY_GRAPH, partial(row_blocks, name, prop, rank, row))
        for key in dict.fromkeys(row.entity for row in rows):
            e = ents.get(key)
            keys = all_name_keys((e.label, *e.aliases) if e else (key_label(key),))
            make_blocks = partial(key_blocks, LIST_KEYS[name], key, keys)
            yield Piece(f"Sk {name} {key}", keys, SUMMARY_GRAPH, make_blocks)


def story_summary(kg: KnowledgeGraph) -> Iterator[tuple[str, int, tuple[str, ...]]]:
    """(story id, events its articles report, the most widely reported of them) of every story
    of more than one article (the stories the default graph describes)."""
    by_doc: dict[str, list[Event]] = {}
    for ev in kg.events:
        if not ev.relation:
            for doc in ev.sources:
                by_doc.setdefault(doc, []).append(ev)
    for st in kg.stories:
        if len(st.articles) < 2:
            continue
        evs = {ev.id: ev for doc in st.articles for ev in by_doc.get(doc, [])}
        top = sorted(evs.values(), key=lambda ev: (-len(ev.sources), str(event_iri(ev.id))))
        yield st.id, len(evs), tuple(ev.id for ev in top[:TOP_EVENTS])


def story_pairs(events: int, top: tuple[str, ...]) -> Pairs:
    return [(T.eventCount, lit(events))] + [(T.topEvent, str(event_iri(e))) for e in top]


def story_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    for sid, n, top in story_summary(kg):
        iri = str(story_iri(sid))
        yield summary_piece("y " + sid, (n, top), iri, partial(story_pairs, n, top))


def rows_of(kg: KnowledgeGraph) -> Iterable[tuple[str, list[Row]]]:
    """(list name, its rows in order) of every per-entity list: what the rows' IRIs rank."""
    return [(name, make(kg)) for name, _prop, make in LISTS]


__all__ = [
    "DEMAND_CLASSES",
    "DEMAND_PREDICATES",
    "LISTS",
    "LIST_KEYS",
    "STATEMENT_CLASSES",
    "STATEMENT_PREDICATES",
    "Row",
    "demands",
    "involved",
    "label_of",
    "organisation_links",
    "row_iri",
    "row_pieces",
    "rows_of",
    "statements",
    "story_pieces",
    "story_summary",
    "summary_piece",
    "timeline",
]
