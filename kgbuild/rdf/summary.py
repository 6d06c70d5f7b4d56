"""The summary graph: what the analysts' questions need, counted once by the build.

The merged default graph is the source of truth; answering "who met whom" or "which actors
are the most connected" from it means matching every event of the build on every question.
The summary graph (``kgid:summary``) holds the same answers derived from the same
:class:`~kgbuild.records.KnowledgeGraph` in the same build, small enough to be read whole:

* a **name index**: every entity's names and aliases, lower-cased, as ``kg:nameKey`` — the
  name itself and each run of its words ("ana ferreira", "ana", "ferreira"), so that a
  question about "Ferreira" finds its entities by one index look-up instead of scanning every
  label;
* **links** (``kg:Link``): the facts of one actor about another (an actor, a predicate, a
  partner that is no mere thing, the polarity) summed up — how many events, in how many
  articles, first and last date, the event classes, and the events themselves;
* per **entity**: how many other actors it has direct edges with (``kg:partnerCount``) and
  how many such edges (``kg:edgeCount``); for a place, how many events happened there and a
  few of them (``kg:eventCount``, ``kg:example``);
* per **article**: how many events it reports and how many of them no other article reports;
* per **day and event category** (``kg:DailyCount``): how many events;
* **disputes** (``kg:Dispute``): an actor, predicate and target reported as happening and as
  not happening, with the events on each side;
* the events reported by more than one article, with their ``kg:sourceCount``;
* per-entity event lists and per-story summaries (:mod:`kgbuild.rdf.rows`).

**Ranks.** A question that lists a whole summary in one order (the most connected actors,
the meetings, the daily counts, the places, the articles, the events most widely reported)
would read and sort every node of it; the build ranks the nodes in that order instead
(``kg:degreeRank``, ``kg:meetingRank``, ``kg:dayRank``, ``kg:placeRank``, ``kg:reportRank``,
``kg:sourceRank``, all ``rdfs:subPropertyOf kg:rank``, from 1), so that a page of the answer
is a range of ranks: the store scans one property and looks up the details of the page's rows
alone (``FILTER(?rank <= 100)``, see :func:`kgbuild.query.paged`).

Every summary is a piece of the RDF stream (:mod:`kgbuild.pieces`) whose value is the summary
record itself, so an incremental build renders only the summaries that changed.
``tests/test_query_seeds.py`` checks on the seeds that the summary answers the shipped
questions exactly as the plain event graph does.

>>> name_keys("Ana  Ferreira")
['ana', 'ana ferreira', 'ferreira']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any, NamedTuple, TypeVar

from kgbuild.pieces import Piece
from kgbuild.rdf.iri import article_iri, entity_iri, event_iri, rel_iri, short_hash, slug
from kgbuild.rdf.model import (
    SUMMARY_GRAPH,
    K,
    Pairs,
    class_iri,
    event_keys,
    event_label,
    has_direct_edge,
    key_label,
    time_lit,
)
from kgbuild.rdf.namekeys import all_name_keys, name_key, name_keys
from kgbuild.rdf.namespace import ID, KG
from kgbuild.rdf.rows import label_of as _label
from kgbuild.rdf.rows import row_pieces, story_pieces, summary_piece
from kgbuild.rdf.terms import RDF_TYPE, XSD_DATE, lit
from kgbuild.records import PATIENT, Entity, Event, KnowledgeGraph, TimeValue

#: Entity types that act: people, organisations, countries, groups.
ACTOR_TYPES = frozenset({"Person", "Organization", "Country", "Group"})
#: Examples kept per place.
PLACE_EXAMPLES = 3

_T = TypeVar("_T")


class S:
    """The summary terms, as plain strings."""

    Link = str(KG.Link)
    DailyCount = str(KG.DailyCount)
    Dispute = str(KG.Dispute)
    nameKey = str(KG.nameKey)
    linkActor = str(KG.linkActor)
    partner = str(KG.partner)
    event = str(KG.event)
    eventClass = str(KG.eventClass)
    eventCount = str(KG.eventCount)
    first = str(KG.first)
    last = str(KG.last)
    partnerCount = str(KG.partnerCount)
    edgeCount = str(KG.edgeCount)
    exclusiveCount = str(KG.exclusiveCount)
    day = str(KG.day)
    category = str(KG.category)
    example = str(KG.example)
    affirmedBy = str(KG.affirmedBy)
    deniedBy = str(KG.deniedBy)
    meetingRank = str(KG.meetingRank)
    dayRank = str(KG.dayRank)
    degreeRank = str(KG.degreeRank)
    placeRank = str(KG.placeRank)
    reportRank = str(KG.reportRank)
    sourceRank = str(KG.sourceRank)


#: Predicates of meeting: a link of one of them is a meeting whatever its events' class.
MEETING_PREDICATES = frozenset(
    {
        "meet",
        "meet with",
        "talk",
        "talk with",
        "talk to",
        "hold talks",
        "visit",
        "negotiate",
        "negotiate with",
        "host",
    }
)


def ranked(items: Iterable[_T], *keys: tuple[Callable[[_T], Any], bool]) -> dict[_T, int]:
    """Each item → its rank (from 1) in the order of ``keys``: (key, descending) pairs, the
    first the most significant.

    >>> ranked(["b", "a", "cc"], (len, True), (str, False))
    {'cc': 1, 'a': 2, 'b': 3}
    """
    order = list(items)
    for key, descending in reversed(keys):
        order.sort(key=key, reverse=descending)
    return {x: n for n, x in enumerate(order, start=1)}


class Link(NamedTuple):
    """The facts of one actor about one partner with one predicate and polarity."""

    actor: str
    predicate: str
    negated: bool
    partner: str
    events: tuple[str, ...]
    sources: int
    first: str | None
    last: str | None
    classes: tuple[str, ...]


def _time(ev: Event) -> str | None:
    return ev.time.value if ev.time and ev.time.value else None


def _type(ents: Mapping[str, Entity], key: str) -> str:
    e = ents.get(key)
    return e.type if e else "Thing"


def acts(ev: Event) -> bool:
    """Whether an event has an actor (``kg:actor``): a fact whose subject does it."""
    return ev.fact and bool(ev.subject) and ev.subject_role != PATIENT


def partners(ev: Event) -> list[str]:
    """The entities an acting event is about: its target and further participants."""
    out = [ev.object] if ev.object else []
    return out + [k for _r, k in ev.arguments]


def links(kg: KnowledgeGraph) -> list[Link]:
    """Every link between two entities that are no mere things, in key order."""
    ents = {e.key: e for e in kg.entities}
    grouped: dict[tuple[str, str, bool, str], list[Event]] = defaultdict(list)
    for ev in kg.events:
        if not acts(ev) or _type(ents, ev.subject) == "Thing":
            continue
        for p in dict.fromkeys(partners(ev)):
            if p != ev.subject and _type(ents, p) != "Thing":
                grouped[(ev.subject, ev.predicate, ev.negated, p)].append(ev)
    out = []
    for (a, pred, neg, p), evs in sorted(grouped.items()):
        times = sorted(t for ev in evs if (t := _time(ev)))
        out.append(
            Link(
                a,
                pred,
                neg,
                p,
                tuple(sorted({ev.id for ev in evs})),
                len({s for ev in evs for s in ev.sources}),
                times[0] if times else None,
                times[-1] if times else None,
                tuple(sorted({ev.event_class for ev in evs if ev.event_class})),
            )
        )
    return out


def link_iri(link: Link) -> str:
    ident = "\x1f".join([link.actor, link.predicate, str(link.negated), link.partner])
    return str(ID[f"summary/link/{slug(link.predicate) or 'link'}-{short_hash(ident, 12)}"])


def _time_pairs(prop: str, value: str | None) -> Pairs:
    t = time_lit(TimeValue(value, value)) if value else None
    return [] if t is None else [(prop, t)]


def is_meeting(link: Link) -> bool:
    """A link stated as happening whose events are consultations (class Consult) or of a
    predicate of meeting."""
    return not link.negated and ("Consult" in link.classes or link.predicate in MEETING_PREDICATES)


def meeting_ranks(kg: KnowledgeGraph, found: Iterable[Link]) -> dict[Link, int]:
    """The meetings among ``found`` ranked as *who met whom* lists them: most events first,
    then most sources, then by actor, partner and predicate."""
    ents = {e.key: e for e in kg.entities}
    return ranked(
        [link for link in found if is_meeting(link)],
        (lambda link: len(link.events), True),
        (lambda link: link.sources, True),
        (
            lambda link: (_label(ents, link.actor), _label(ents, link.partner), link.predicate),
            False,
        ),
    )


def link_pairs(link: Link, rank: int | None = None) -> Pairs:
    pairs: Pairs = [
        (RDF_TYPE, S.Link),
        (S.linkActor, str(entity_iri(link.actor))),
        (K.predicate, lit(link.predicate)),
        (K.negated, lit(link.negated)),
        (S.partner, str(entity_iri(link.partner))),
        (S.eventCount, lit(len(link.events))),
        (K.sourceCount, lit(link.sources)),
    ]
    pairs += [(S.event, str(event_iri(e))) for e in link.events]
    pairs += [(S.eventClass, class_iri(c)) for c in link.classes]
    if rank is not None:
        pairs.append((S.meetingRank, lit(rank)))
    return pairs + _time_pairs(S.first, link.first) + _time_pairs(S.last, link.last)


def degrees(kg: KnowledgeGraph) -> dict[str, tuple[int, int]]:
    """Each actor → (partners, edges): the other actors it has direct edges with, either way,
    and the distinct (direction, property, other actor) edges."""
    ents = {e.key: e for e in kg.entities}
    edges: dict[str, set[tuple[bool, str, str]]] = defaultdict(set)
    for ev in kg.events:
        if ev.object is None or not has_direct_edge(ev):
            continue
        a, b = ev.subject, ev.object
        if a == b or _type(ents, a) not in ACTOR_TYPES or _type(ents, b) not in ACTOR_TYPES:
            continue
        p = str(rel_iri(ev.predicate, negated=ev.negated))
        edges[a].add((True, p, b))
        edges[b].add((False, p, a))
    return {k: (len({o for _d, _p, o in v}), len(v)) for k, v in edges.items()}


def places(kg: KnowledgeGraph) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Each place → (events that happened there, a few of their labels)."""
    ents = {e.key: e for e in kg.entities}
    found: dict[str, list[Event]] = defaultdict(list)
    for ev in kg.events:
        if ev.place and not ev.relation:
            found[ev.place].append(ev)
    out = {}
    for k, evs in found.items():
        best = sorted(evs, key=lambda ev: (-len(ev.sources), event_label(ev, ents)))
        labels = tuple(dict.fromkeys(event_label(ev, ents) for ev in best))[:PLACE_EXAMPLES]
        out[k] = (len({ev.id for ev in evs}), labels)
    return out


class EntitySummary(NamedTuple):
    key: str
    names: tuple[str, ...]
    degree: tuple[int, int] | None
    place: tuple[int, tuple[str, ...]] | None
    degree_rank: int | None = None
    place_rank: int | None = None


def entity_summaries(kg: KnowledgeGraph) -> list[EntitySummary]:
    """The name keys, degree and place counts of every entity the graph describes or names."""
    ents = {e.key: e for e in kg.entities}
    deg = degrees(kg)
    at = places(kg)
    by_degree = ranked(deg, (lambda k: deg[k], True), (lambda k: (_label(ents, k), k), False))
    by_events = ranked(at, (lambda k: at[k][0], True), (lambda k: (_label(ents, k), k), False))
    keys = list(ents) + sorted({k for ev in kg.events for k in event_keys(ev)} - ents.keys())
    out = []
    for k in keys:
        e = ents.get(k)
        names = (e.label, *e.aliases) if e else (key_label(k),)
        ranks = (by_degree.get(k), by_events.get(k))
        out.append(EntitySummary(k, all_name_keys(names), deg.get(k), at.get(k), *ranks))
    return out


def entity_pairs(s: EntitySummary) -> Pairs:
    pairs: Pairs = [(S.nameKey, lit(n)) for n in s.names]
    if s.degree:
        pairs += [(S.partnerCount, lit(s.degree[0])), (S.edgeCount, lit(s.degree[1]))]
    if s.place:
        pairs.append((S.eventCount, lit(s.place[0])))
        pairs += [(S.example, lit(x)) for x in s.place[1]]
    pairs += [(S.degreeRank, lit(s.degree_rank))] if s.degree_rank else []
    pairs += [(S.placeRank, lit(s.place_rank))] if s.place_rank else []
    return pairs


def article_counts(kg: KnowledgeGraph) -> dict[str, tuple[int, int]]:
    """Each article that reports events → (events, events no other article reports)."""
    seen: dict[str, set[str]] = defaultdict(set)
    only: dict[str, set[str]] = defaultdict(set)
    for ev in kg.events:
        if ev.relation:
            continue
        for doc in ev.sources:
            seen[doc].add(ev.id)
            if len(ev.sources) == 1:
                only[doc].add(ev.id)
    return {doc: (len(ids), len(only[doc])) for doc, ids in seen.items()}


def daily_counts(kg: KnowledgeGraph) -> dict[tuple[str, str], int]:
    """(day, event class or "Event") → events dated to that day."""
    out: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ev in kg.events:
        t = _time(ev)
        if ev.relation or t is None or len(t) != 10 or t[4] != "-" or t[7] != "-":
            continue
        out[(t, ev.event_class or "Event")].add(ev.id)
    return {k: len(v) for k, v in sorted(out.items())}


def daily_pairs(day: str, category: str, n: int, rank: int) -> Pairs:
    return [
        (RDF_TYPE, S.DailyCount),
        (S.day, lit(day, XSD_DATE)),
        (S.category, lit(category)),
        (S.eventCount, lit(n)),
        (S.dayRank, lit(rank)),
    ]


def disputes(
    kg: KnowledgeGraph,
) -> list[tuple[tuple[str, str, str], tuple[str, ...], tuple[str, ...]]]:
    """(actor, predicate, target) reported both as happening and as not: the events on each
    side."""
    sides: dict[tuple[str, str, str], tuple[set[str], set[str]]] = defaultdict(
        lambda: (set(), set())
    )
    for ev in kg.events:
        if acts(ev) and ev.object:
            sides[(ev.subject, ev.predicate, ev.object)][ev.negated].add(ev.id)
    return [
        (k, tuple(sorted(yes)), tuple(sorted(no)))
        for k, (yes, no) in sorted(sides.items())
        if yes and no
    ]


def dispute_pairs(yes: tuple[str, ...], no: tuple[str, ...]) -> Pairs:
    pairs: Pairs = [(RDF_TYPE, S.Dispute)]
    pairs += [(S.affirmedBy, str(event_iri(e))) for e in yes]
    pairs += [(S.deniedBy, str(event_iri(e))) for e in no]
    return pairs


_piece = summary_piece


def entity_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    for s in entity_summaries(kg):
        yield _piece("e " + s.key, s, str(entity_iri(s.key)), partial(entity_pairs, s))


def link_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    found = links(kg)
    ranks = meeting_ranks(kg, found)
    for link in found:
        iri, rank = link_iri(link), ranks.get(link)
        yield _piece("l " + iri, (link, rank), iri, partial(link_pairs, link, rank))


def article_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """Per article its counts, ranked as *what each source reports* lists them: most events
    first, then by title."""
    counts = article_counts(kg)
    titles = {a.id: a.title or a.id for a in kg.articles}
    ranks = ranked(
        counts, (lambda doc: counts[doc][0], True), (lambda doc: (titles.get(doc, doc), doc), False)
    )
    for a in kg.articles:
        if a.id in counts:
            n, only = counts[a.id]
            value = (n, only, ranks[a.id])
            pairs: Pairs = [(S.eventCount, lit(n)), (S.exclusiveCount, lit(only))]
            pairs.append((S.reportRank, lit(ranks[a.id])))
            yield _piece("a " + a.id, value, str(article_iri(a.id)), partial(list, pairs))


def daily_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """Daily counts ranked as *events by category per day* lists them: latest day first, then
    most events, then by category."""
    counts = daily_counts(kg)
    ranks = ranked(counts, (lambda k: (k[0], counts[k]), True), (lambda k: k[1], False))
    for (day, cat), n in counts.items():
        iri = str(ID[f"summary/day/{slug(day)}/{slug(cat) or short_hash(cat)}"])
        rank = ranks[(day, cat)]
        yield _piece("d " + iri, (day, cat, n, rank), iri, partial(daily_pairs, day, cat, n, rank))


def dispute_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    for key, yes, no in disputes(kg):
        iri = str(ID[f"summary/dispute/{short_hash(chr(31).join(key), 12)}"])
        yield _piece("x " + iri, (key, yes, no), iri, partial(dispute_pairs, yes, no))


def reported_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """Events reported by more than one article, with how many, ranked as *which sources
    report an event* lists them: most sources first, then by label and IRI."""
    ents = {e.key: e for e in kg.entities}
    chosen = {ev.id: ev for ev in kg.events if len(ev.sources) > 1 and not ev.relation}
    ranks = ranked(
        chosen,
        (lambda e: len(chosen[e].sources), True),
        (lambda e: (event_label(chosen[e], ents), str(event_iri(e))), False),
    )
    for e, ev in chosen.items():
        n, rank = len(ev.sources), ranks[e]
        pairs: Pairs = [(K.sourceCount, lit(n)), (S.sourceRank, lit(rank))]
        yield _piece("r " + e, (n, rank), str(event_iri(e)), partial(list, pairs))


#: The summaries of a build, in the order they are written.
SUMMARIES: tuple[Callable[[KnowledgeGraph], Iterable[Piece]], ...] = (
    entity_pieces,
    link_pieces,
    article_pieces,
    daily_pieces,
    dispute_pieces,
    reported_pieces,
    row_pieces,
    story_pieces,
)


def summary_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """The summary graph as pieces of the RDF stream, one per summed-up subject."""
    for make in SUMMARIES:
        yield from make(kg)


__all__ = [
    "ACTOR_TYPES",
    "MEETING_PREDICATES",
    "SUMMARIES",
    "SUMMARY_GRAPH",
    "Link",
    "article_counts",
    "daily_counts",
    "degrees",
    "disputes",
    "entity_summaries",
    "links",
    "name_key",
    "name_keys",
    "places",
    "ranked",
    "summary_pieces",
]
