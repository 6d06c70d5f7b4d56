"""The summary graph: what the analysts' questions need, counted once by the build.

The merged default graph is the source of truth; answering "who met whom" or "which actors
are the most connected" from it means matching every event of the build on every question.
The summary graph (``kgid:summary``) holds the same answers derived from the same
:class:`~kgbuild.records.KnowledgeGraph` in the same build, small enough to be read whole:

* a **name index**: every entity's names and aliases, lower-cased, as ``kg:nameKey`` — the
  name itself and each run of its words ("vladimir putin", "vladimir", "putin"), so that a
  question about "Putin" finds its entities by one index look-up instead of scanning every
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
* the events reported by more than one article, with their ``kg:sourceCount``.

Stories, when the build groups articles into them, get their summary here too (a hook:
:data:`SUMMARIES`).

Every summary is a piece of the RDF stream (:mod:`kgbuild.pieces`) whose value is the summary
record itself, so an incremental build renders only the summaries that changed.
``tests/test_query_seeds.py`` checks on the seeds that the summary answers the shipped
questions exactly as the plain event graph does.

>>> name_keys("Vladimir  Putin")
['putin', 'vladimir', 'vladimir putin']
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import NamedTuple

from kgbuild.pieces import Piece
from kgbuild.rdf.iri import article_iri, entity_iri, event_iri, rel_iri, short_hash, slug
from kgbuild.rdf.model import (
    SUMMARY_GRAPH,
    Block,
    K,
    Pairs,
    block,
    class_iri,
    event_keys,
    event_label,
    has_direct_edge,
    key_label,
    time_lit,
)
from kgbuild.rdf.namespace import ID, KG
from kgbuild.rdf.terms import RDF_TYPE, XSD_DATE, lit
from kgbuild.records import PATIENT, Entity, Event, KnowledgeGraph, TimeValue

#: Entity types that act: people, organisations, countries, groups.
ACTOR_TYPES = frozenset({"Person", "Organization", "Country", "Group"})
#: Names longer than this many words are indexed whole and by single words only.
MAX_KEY_WORDS = 8
#: Examples kept per place.
PLACE_EXAMPLES = 3


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


def name_key(text: str) -> str:
    """A name as the index keys it: lower-cased, its words separated by one space.

    >>> name_key("  Vladimir   PUTIN ")
    'vladimir putin'
    """
    return " ".join(text.lower().split())


def name_keys(name: str) -> list[str]:
    """The keys a name is found by: lower-cased, each run of its words (all of them for names
    of up to :data:`MAX_KEY_WORDS` words, else the whole name and each word), sorted."""
    words = name_key(name).split()
    if not words:
        return []
    if len(words) > MAX_KEY_WORDS:
        runs = {" ".join(words), *words}
    else:
        runs = {
            " ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)
        }
    return sorted(runs)


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


def link_pairs(link: Link) -> Pairs:
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


def entity_summaries(kg: KnowledgeGraph) -> list[EntitySummary]:
    """The name keys, degree and place counts of every entity the graph describes or names."""
    ents = {e.key: e for e in kg.entities}
    deg = degrees(kg)
    at = places(kg)
    keys = list(ents) + sorted({k for ev in kg.events for k in event_keys(ev)} - ents.keys())
    out = []
    for k in keys:
        e = ents.get(k)
        names = (e.label, *e.aliases) if e else (key_label(k),)
        found = sorted({n for name in names for n in name_keys(name)})
        out.append(EntitySummary(k, tuple(found), deg.get(k), at.get(k)))
    return out


def entity_pairs(s: EntitySummary) -> Pairs:
    pairs: Pairs = [(S.nameKey, lit(n)) for n in s.names]
    if s.degree:
        pairs += [(S.partnerCount, lit(s.degree[0])), (S.edgeCount, lit(s.degree[1]))]
    if s.place:
        pairs.append((S.eventCount, lit(s.place[0])))
        pairs += [(S.example, lit(x)) for x in s.place[1]]
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


def daily_pairs(day: str, category: str, n: int) -> Pairs:
    return [
        (RDF_TYPE, S.DailyCount),
        (S.day, lit(day, XSD_DATE)),
        (S.category, lit(category)),
        (S.eventCount, lit(n)),
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


def _one(subject: str, pairs: Pairs) -> list[Block]:
    return [block(SUMMARY_GRAPH, subject, pairs)]


def _piece(pid: str, value: object, subject: str, make: Callable[[], Pairs]) -> Piece:
    return Piece("S" + pid, value, SUMMARY_GRAPH, lambda: _one(subject, make()))


def entity_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    for s in entity_summaries(kg):
        yield _piece("e " + s.key, s, str(entity_iri(s.key)), partial(entity_pairs, s))


def link_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    for link in links(kg):
        yield _piece("l " + link_iri(link), link, link_iri(link), partial(link_pairs, link))


def article_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    counts = article_counts(kg)
    for a in kg.articles:
        if a.id in counts:
            n, only = counts[a.id]
            pairs: Pairs = [(S.eventCount, lit(n)), (S.exclusiveCount, lit(only))]
            yield _piece("a " + a.id, counts[a.id], str(article_iri(a.id)), partial(list, pairs))


def daily_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    for (day, cat), n in daily_counts(kg).items():
        iri = str(ID[f"summary/day/{slug(day)}/{slug(cat) or short_hash(cat)}"])
        yield _piece("d " + iri, (day, cat, n), iri, partial(daily_pairs, day, cat, n))


def dispute_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    for key, yes, no in disputes(kg):
        iri = str(ID[f"summary/dispute/{short_hash(chr(31).join(key), 12)}"])
        yield _piece("x " + iri, (key, yes, no), iri, partial(dispute_pairs, yes, no))


def reported_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """Events reported by more than one article, with how many."""
    for ev in kg.events:
        if len(ev.sources) > 1 and not ev.relation:
            n = len(ev.sources)
            pairs: Pairs = [(K.sourceCount, lit(n))]
            yield _piece("r " + ev.id, n, str(event_iri(ev.id)), partial(list, pairs))


#: The summaries of a build, in the order they are written. Story summaries join here when
#: the build's records carry stories.
SUMMARIES: tuple[Callable[[KnowledgeGraph], Iterable[Piece]], ...] = (
    entity_pieces,
    link_pieces,
    article_pieces,
    daily_pieces,
    dispute_pieces,
    reported_pieces,
)


def summary_pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """The summary graph as pieces of the RDF stream, one per summed-up subject."""
    for make in SUMMARIES:
        yield from make(kg)


__all__ = [
    "ACTOR_TYPES",
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
    "summary_pieces",
]
