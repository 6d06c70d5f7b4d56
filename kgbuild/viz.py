"""What the interactive page shows: edges, node ranking, top-N and ego selections, layout.

The page (:mod:`kgbuild.writers.html`) draws entities as nodes and merged facts as edges: one
edge per (subject, object, predicate, negated), like a row of ``triples.csv``, carrying every
event behind it. This module holds the graph logic, free of HTML:

* :func:`edge_groups` folds events into edges; :func:`derive` computes once what the views
  and the page need of a graph (edges, neighbours, entities, events by entity);
* :func:`degrees` counts each entity's distinct neighbours, the "most connected" measure;
* :func:`top_view` picks the default view (the N most connected actors and the things they
  act on) and :func:`ego_view` the neighbourhood of one entity;
* :func:`find_entities` resolves a name typed by a user against labels and aliases;
* :func:`layout` computes positions beforehand for views too large for in-browser physics.

>>> from kgbuild.records import Entity, Event, KnowledgeGraph
>>> kg = KnowledgeGraph(
...     articles=(),
...     entities=(Entity("p:a", "Ann", "Person", aliases=("A. Smith",)), Entity("c:x", "Xland", "Country")),
...     events=(Event("1", "meet", None, "p:a", "c:x"), Event("2", "visit", None, "p:a", "c:x")),
... )
>>> [(g.subject, g.predicate, g.object) for g in edge_groups(kg)]
[('p:a', 'meet', 'c:x'), ('p:a', 'visit', 'c:x')]
>>> degrees(kg)
{'p:a': 1, 'c:x': 1}
>>> [e.key for e in find_entities(kg, "a. smith")]
['p:a']
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kgbuild.errors import InputError
from kgbuild.records import Entity, Event, KnowledgeGraph

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np
    from numpy.typing import NDArray

#: Default number of actors in the default view of a page.
DEFAULT_TOP = 150

#: Views with more nodes than this get a layout computed beforehand and no physics.
PHYSICS_MAX_NODES = 400

#: A page carries in full the most connected entities whose events add up to at most this
#: many (every entity stays searchable by name); it keeps a page of a large build under ~10 MB.
EVENT_BUDGET = 30_000

#: Beyond the entities it carries in full, a page draws the next most connected ones, with their
#: facts but not their events or evidence, for as long as the facts add up to at most this many
#: (every fact of a build of the whole Wikinews corpus: about 150,000).
FACT_BUDGET = 250_000

#: The entity type of concept arguments ("guarantees", "war"): not an actor.
THING = "Thing"

#: The entity types a page opens on; concepts (``Thing``) and places appear on demand.
ACTOR_TYPES = ("Person", "Organization", "Country", "Group")


@dataclass(frozen=True, slots=True)
class EdgeGroup:
    """One drawn edge: every event with the same subject, object, predicate and polarity."""

    subject: str
    object: str
    predicate: str
    negated: bool
    events: tuple[int, ...]  # indices into ``KnowledgeGraph.events``
    sources: tuple[str, ...]  # article ids, sorted
    modal: bool  # every event behind the edge is hedged ("may", "plans to")
    disputed: bool  # some event behind the edge is disputed between sources
    relation: bool  # a copular or appositive relation rather than an event


@dataclass(frozen=True, slots=True)
class View:
    """A selection of the graph for one page.

    ``pool``: the entities the page carries in full (node, facts, events, evidence);
    ``shown``: those drawn when the page opens (a part of the pool); ``listed``: entities the
    page knows by name only, so that search finds them too (a build too large for one page).
    """

    pool: tuple[str, ...]
    shown: tuple[str, ...]
    focus: str | None = None  # entity selected when the page opens
    hops: int | None = None
    listed: tuple[str, ...] = ()
    min_degree: int = 1  # the page's "connections" filter when it opens
    types: tuple[str, ...] = ACTOR_TYPES  # the entity types drawn when it opens


#: An edge's identity: (subject, object, predicate, negated).
EdgeKey = tuple[str, str, str, bool]


@dataclass(frozen=True, slots=True)
class Derived:
    """What the views and the page derive from one graph; :func:`derive` computes it once per
    page, and the functions that take it as ``derived`` skip computing it again.

    ``edges``: :func:`fold_edges`; ``neighbours``: each entity's neighbours along those edges
    (as :func:`neighbours`); ``index``: :func:`entity_index`; ``touching``:
    :func:`events_by_key`.
    """

    edges: dict[EdgeKey, list[int]]
    neighbours: dict[str, set[str]]
    index: dict[str, Entity]
    touching: dict[str, list[int]]


def derive(kg: KnowledgeGraph) -> Derived:
    """The edges, neighbours, entity index and events by entity of ``kg``, computed once.

    >>> from kgbuild.records import Event, KnowledgeGraph
    >>> d = derive(KnowledgeGraph((), (), (Event("1", "meet", None, "a", "b"),)))
    >>> d.edges, d.neighbours, sorted(d.index), d.touching
    ({('a', 'b', 'meet', False): [0]}, {'a': {'b'}, 'b': {'a'}}, ['a', 'b'], {'a': [0], 'b': [0]})
    """
    edges = fold_edges(kg)
    touching = events_by_key(kg)
    nb = _neighbours((s, o) for s, o, _, _ in edges)
    return Derived(edges, nb, entity_index(kg, touching), touching)


def fold_edges(kg: KnowledgeGraph) -> dict[EdgeKey, list[int]]:
    """The events (indices into ``kg.events``) behind each edge, keyed (subject, object,
    predicate, negated), edges in order of their first event: every event with an object
    other than its subject.

    >>> from kgbuild.records import Event, KnowledgeGraph
    >>> evs = [Event(str(i), "meet", None, "a", o) for i, o in enumerate(["b", "a", "b", None])]
    >>> fold_edges(KnowledgeGraph((), (), tuple(evs)))
    {('a', 'b', 'meet', False): [0, 2]}
    """
    edges: dict[EdgeKey, list[int]] = {}
    for i, ev in enumerate(kg.events):
        obj = ev.object
        if obj is not None and obj != ev.subject and ev.fact:
            key = (ev.subject, obj, ev.predicate, ev.negated)
            idx = edges.get(key)
            if idx is None:
                edges[key] = [i]
            else:
                idx.append(i)
    return edges


def edge_groups(
    kg: KnowledgeGraph,
    among: Collection[str] | None = None,
    *,
    edges: dict[EdgeKey, list[int]] | None = None,
) -> list[EdgeGroup]:
    """Events with an object, folded into one edge per (subject, object, predicate, negated).

    Sorted by subject, object, predicate and polarity, so pages are the same run after run.
    With ``among``, only the edges between two entities of ``among``. ``edges``:
    :func:`fold_edges` of ``kg``, if at hand.
    """
    edges = fold_edges(kg) if edges is None else edges
    if among is None:
        keys = sorted(edges)
    else:
        keys = sorted(k for k in edges if k[0] in among and k[1] in among)
    events = kg.events
    out = []
    for key in keys:
        idx = edges[key]
        if len(idx) == 1:  # most edges: one event, nothing to fold
            ev = events[idx[0]]
            sources = ev.sources
            if len(sources) > 1:
                sources = tuple(sorted(set(sources)))
            modal, disputed, relation = bool(ev.modality), bool(ev.disputed), bool(ev.relation)
        else:
            evs = [events[i] for i in idx]
            sources = tuple(sorted({s for e in evs for s in e.sources}))
            modal = all(e.modality for e in evs)
            disputed = any(e.disputed for e in evs)
            relation = all(e.relation for e in evs)
        out.append(
            EdgeGroup(
                key[0],
                key[1],
                key[2],
                key[3],
                tuple(idx),
                tuple(sources),
                modal,
                disputed,
                relation,
            )
        )
    return out


def neighbours(groups: Iterable[EdgeGroup]) -> dict[str, set[str]]:
    """Each entity's distinct neighbours, ignoring direction."""
    return _neighbours((g.subject, g.object) for g in groups)


def _neighbours(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    nb: dict[str, set[str]] = defaultdict(set)
    for subject, object_ in pairs:
        nb[subject].add(object_)
        nb[object_].add(subject)
    return dict(nb)


def degrees(
    kg: KnowledgeGraph,
    groups: Sequence[EdgeGroup] | None = None,
    *,
    derived: Derived | None = None,
) -> dict[str, int]:
    """Number of distinct neighbours of every entity that has at least one edge."""
    if derived is not None:
        nb = derived.neighbours
    else:
        nb = neighbours(groups if groups is not None else edge_groups(kg))
    return {k: len(v) for k, v in nb.items()}


def entity_index(kg: KnowledgeGraph, keys: Iterable[str] | None = None) -> dict[str, Entity]:
    """Entities by key, including a stand-in for any key an event uses but no entity defines.

    ``keys``: every key the events use, in order of first use (such as the keys of
    :func:`events_by_key`), when the caller has them already.
    """
    index = {e.key: e for e in kg.entities}
    if keys is None:
        keys = dict.fromkeys(k for ev in kg.events for k in event_keys(ev))
    for key in keys:
        if key not in index:
            index[key] = Entity(key=key, label=_label_from_key(key), type=THING)
    return index


def event_keys(ev: Event) -> list[str]:
    """The entity keys an event uses: subject, object, arguments, attributed to, place.

    >>> event_keys(Event("1", "meet", None, "a", "b", arguments=(("with", "c"),), place="d"))
    ['a', 'b', 'c', 'd']
    """
    keys = [ev.subject] if ev.subject else []
    if ev.object:
        keys.append(ev.object)
    if ev.arguments:
        keys.extend([k for _, k in ev.arguments])
    if ev.attributed_to:
        keys.extend(ev.attributed_to)
    if ev.place:
        keys.append(ev.place)
    return keys


def events_by_key(kg: KnowledgeGraph) -> dict[str, list[int]]:
    """The events (indices into ``kg.events``, ascending) using each entity key, keys in order
    of first use.

    >>> from kgbuild.records import Event, KnowledgeGraph
    >>> events_by_key(KnowledgeGraph((), (), (Event("1", "p", None, "a", "a"),)))
    {'a': [0]}
    """
    touching: dict[str, list[int]] = {}
    get = touching.get
    for i, ev in enumerate(kg.events):
        keys: Iterable[str]
        if not ev.fact:  # an event whose actor is not known is not drawn
            continue
        if ev.arguments or ev.attributed_to or ev.place:
            keys = dict.fromkeys(event_keys(ev))
        elif ev.object and ev.object != ev.subject:  # most events: a subject and an object
            keys = (ev.subject, ev.object)
        else:
            keys = (ev.subject,)
        for k in keys:
            at = get(k)
            if at is None:
                touching[k] = [i]
            else:
                at.append(i)
    return touching


def _label_from_key(key: str) -> str:
    """``"thing:security guarantees"`` → ``"security guarantees"``."""
    return key.split(":", 1)[1] if ":" in key else key


def rank(
    kg: KnowledgeGraph,
    groups: Sequence[EdgeGroup] | None = None,
    *,
    derived: Derived | None = None,
) -> list[str]:
    """Entity keys from most to least connected (ties: more events, more mentions, label)."""
    n_events: dict[str, int] = defaultdict(int)
    if derived is not None:
        index = derived.index
        deg = degrees(kg, derived=derived)
        for (subject, object_, _, _), idx in derived.edges.items():
            n_events[subject] += len(idx)
            n_events[object_] += len(idx)
    else:
        groups = edge_groups(kg) if groups is None else groups
        index = entity_index(kg)
        deg = degrees(kg, groups)
        for g in groups:
            n_events[g.subject] += len(g.events)
            n_events[g.object] += len(g.events)
    return sorted(
        index,
        key=lambda k: (-deg.get(k, 0), -n_events[k], -index[k].mentions, index[k].label.lower(), k),
    )


def top_view(
    kg: KnowledgeGraph,
    top: int = DEFAULT_TOP,
    *,
    budget: int = EVENT_BUDGET,
    derived: Derived | None = None,
) -> View:
    """The default view: at most ``top`` of the most connected actors and the facts between them.

    Actors are entities of the :data:`ACTOR_TYPES`; concepts and places are left for the
    reader to add. The view is what the page's own filters give when it opens (see
    :func:`opening`): actors with at least ``min_degree`` connections, the smallest number
    that leaves at most ``top`` of them, drawn when one of their facts links them to another.

    The pool is the view and then every other entity, most connected first, for as long as
    their events add up to at most ``budget``; the entities beyond are listed by name, so
    search still finds every entity. ``derived``: :func:`derive` of ``kg``, if at hand.
    """
    if top < 1:
        raise InputError("--top", f"must be at least 1, not {top}")
    derived = derive(kg) if derived is None else derived
    ranked = rank(kg, derived=derived)
    connected = [k for k in ranked if k in derived.neighbours]
    shown, min_degree, types = opening(connected, top, derived)
    pool, listed = within_budget(kg, shown, ranked, budget, touching=derived.touching)
    return View(pool=pool, shown=tuple(shown), listed=listed, min_degree=min_degree, types=types)


def opening(
    keys: Sequence[str], top: int, derived: Derived, pinned: Collection[str] = ()
) -> tuple[list[str], int, tuple[str, ...]]:
    """What a page drawing ``keys`` shows when it opens: ``(shown, min_degree, types)``.

    An entity passes the opening filters when its type is one of ``types`` (the
    :data:`ACTOR_TYPES`, or every type when no two actors of ``keys`` share a fact) and it
    has at least ``min_degree`` distinct neighbours in the build, the smallest number that
    lets at most ``top`` entities pass (or, when that leaves no fact to draw, the largest
    that leaves one). It is shown when it passes and a fact links it to
    another entity of ``keys`` that passes or is pinned; ``pinned`` entities are always
    shown. The page's script applies the same rule, so what it draws is ``shown``.

    >>> from kgbuild.records import Entity, Event, KnowledgeGraph
    >>> ents = (Entity("a", "A", "Person"), Entity("b", "B", "Country"), Entity("t", "t", "Thing"))
    >>> kg = KnowledgeGraph((), ents, (Event("1", "p", None, "a", "b"), Event("2", "p", None, "a", "t")))
    >>> opening(["a", "b", "t"], 5, derive(kg))
    (['a', 'b'], 1, ('Person', 'Organization', 'Country', 'Group'))
    >>> opening(["a", "b", "t"], 1, derive(kg))[:2]  # "a" alone has no fact to draw
    (['a', 'b'], 1)
    """
    index, nb = derived.index, derived.neighbours
    among = set(keys)
    pins = set(pinned)

    def linked(ks: Collection[str]) -> bool:
        return any(not nb.get(k, set()).isdisjoint(ks) for k in ks)

    types: tuple[str, ...] = ACTOR_TYPES
    candidates = [k for k in keys if k in nb and index[k].type in ACTOR_TYPES]
    if not linked(set(candidates)):
        types = ()  # every type
        candidates = [k for k in keys if k in nb]
    degs = sorted((len(nb[k]) for k in candidates), reverse=True)
    lower = sorted(set(degs), reverse=True)
    min_degree = 1 if len(degs) <= top else degs[top] + 1
    while True:
        passing = {k for k in candidates if len(nb[k]) >= min_degree}
        ends = passing | (pins & among)
        shown = [
            k
            for k in keys
            if k in pins or (k in passing and not (nb[k] & among).isdisjoint(ends - {k}))
        ]
        below = [d for d in lower if d < min_degree]
        if not below or any(k not in pins for k in shown):
            return shown, min_degree, types
        min_degree = below[0]  # no fact left to draw: the next lower number


def within_budget(
    kg: KnowledgeGraph,
    first: Sequence[str],
    ranked: Sequence[str],
    budget: int,
    *,
    touching: dict[str, list[int]] | None = None,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split ``ranked`` into a pool and the rest: ``first``, then entities in ``ranked`` order
    until the events touching the pool would number more than ``budget``.

    ``touching``: :func:`events_by_key` of ``kg``, if at hand.

    >>> from kgbuild.records import Event, KnowledgeGraph
    >>> kg = KnowledgeGraph((), (), tuple(Event(str(i), "p", None, "a", f"b{i}") for i in range(3)))
    >>> within_budget(kg, ["b0"], ["a", "b0", "b1", "b2"], 3)
    (('b0', 'a', 'b1', 'b2'), ())
    >>> within_budget(kg, ["b0"], ["a", "b0", "b1", "b2"], 2)
    (('b0',), ('a', 'b1', 'b2'))
    """
    touching = events_by_key(kg) if touching is None else touching
    seen: set[int] = set()
    pool = list(dict.fromkeys(first))
    for k in pool:
        seen.update(touching.get(k, ()))
    chosen = set(pool)
    rest = []
    full = False
    for k in ranked:
        if k in chosen:
            continue
        if full:
            rest.append(k)
            continue
        new = [i for i in touching.get(k, ()) if i not in seen]
        if len(seen) + len(new) > budget:
            full = True
            rest.append(k)
            continue
        seen.update(new)
        pool.append(k)
        chosen.add(k)
    return tuple(pool), tuple(rest)


def ego_view(
    kg: KnowledgeGraph,
    focus: str,
    hops: int = 1,
    top: int | None = None,
    *,
    budget: int = EVENT_BUDGET,
    derived: Derived | None = None,
) -> View:
    """The entities within ``hops`` edges of ``focus`` (direction ignored).

    The page carries only this neighbourhood (nearest first, within ``budget`` events like
    :func:`top_view`) and opens on the focus and at most ``top`` (default
    :data:`DEFAULT_TOP`) of its most connected actors, by the rule of :func:`opening`.
    ``derived``: :func:`derive` of ``kg``, if at hand.
    """
    if hops < 0:
        raise InputError("--hops", f"must be 0 or more, not {hops}")
    derived = derive(kg) if derived is None else derived
    nb = derived.neighbours
    dist = {focus: 0}
    frontier = [focus]
    for d in range(1, hops + 1):
        nxt = []
        for k in frontier:
            for m in sorted(nb.get(k, ())):
                if m not in dist:
                    dist[m] = d
                    nxt.append(m)
        frontier = nxt
    order = {k: i for i, k in enumerate(rank(kg, derived=derived))}
    near = sorted(dist, key=lambda k: (dist[k], order.get(k, len(order)), k))
    pool, listed = within_budget(kg, [focus], near, budget, touching=derived.touching)
    shown, min_degree, types = opening(
        pool, DEFAULT_TOP if top is None else top, derived, pinned=[focus]
    )
    return View(
        pool=pool,
        shown=tuple(shown),
        focus=focus,
        hops=hops,
        listed=listed,
        min_degree=min_degree,
        types=types,
    )


def find_entities(kg: KnowledgeGraph, name: str, *, derived: Derived | None = None) -> list[Entity]:
    """Entities a user means by ``name``, best first.

    Exact matches of the label, an alias or the key (case and surrounding space ignored) come
    first; failing those, entities whose label or an alias contains ``name``. Within each
    kind, the most connected entity comes first. ``derived``: :func:`derive` of ``kg``, if at
    hand.

    >>> from kgbuild.records import Entity, KnowledgeGraph
    >>> kg = KnowledgeGraph((), (Entity("p:1", "Jo Bloggs", "Person", aliases=("Bloggs",)),), ())
    >>> [e.label for e in find_entities(kg, " BLOGGS ")], find_entities(kg, "nobody")
    (['Jo Bloggs'], [])
    """
    want = " ".join(name.split()).casefold()
    if not want:
        return []
    derived = derive(kg) if derived is None else derived
    index = derived.index
    order = {k: i for i, k in enumerate(rank(kg, derived=derived))}

    def names(e: Entity) -> list[str]:
        return [n.casefold() for n in (e.label, *e.aliases)]

    exact = [e for e in index.values() if want in names(e) or want == e.key.casefold()]
    found = exact or [e for e in index.values() if any(want in n for n in names(e))]
    return sorted(found, key=lambda e: order.get(e.key, len(order)))


#: Largest core laid out with networkx's ForceAtlas2 (its cost grows with the square of the
#: number of nodes: 1.4 s for 400 nodes here); larger cores use :func:`sampled_spring_layout`.
FA2_MAX_NODES = 600

_GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def layout(
    nodes: Sequence[str],
    edges: Iterable[tuple[str, str]],
    *,
    core: Sequence[str] = (),
    seed: int = 0,
    spacing: float = 90.0,
) -> dict[str, tuple[float, float]]:
    """Positions in screen units for ``nodes``, computed for reading, so the browser needs
    no physics.

    The ``core`` (the nodes a page opens on; by default all of them) is laid out with
    networkx's ForceAtlas2: strong repulsion against strong gravity, nodes kept from
    overlapping, which spreads the hubs and their neighbours evenly over the view; a core
    larger than :data:`FA2_MAX_NODES` uses :func:`sampled_spring_layout` instead. Every other
    node is placed around its most connected neighbour already placed (breadth first from
    the core), on a sunflower spiral so that many neighbours of one hub fill a disc evenly;
    nodes that no path links to the core are laid out apart, to the right, with networkx's
    spring layout (the sampled one, quicker, when they are 100 or more). ``spacing`` is
    the typical distance between neighbours.

    >>> pos = layout(["a", "b", "c"], [("a", "b"), ("b", "c")], core=["a", "b"])
    >>> sorted(pos), all(isinstance(v, float) for xy in pos.values() for v in xy)
    (['a', 'b', 'c'], True)
    """
    import networkx as nx

    g = nx.Graph()  # nodes and edges in sorted order: the same positions whatever the hash seed
    known = set(nodes)
    g.add_nodes_from(sorted(known))
    ends = {(a, b) if a < b else (b, a) for a, b in edges if a in known and b in known and a != b}
    g.add_edges_from(sorted(ends))
    if g.number_of_nodes() == 0:
        return {}
    inner = [k for k in dict.fromkeys(core) if k in g] or list(g)
    pos = _reading_layout(_induced(g, inner), seed, spacing)
    rest = [k for k in g if k not in pos]
    if rest:
        _place_around(g, pos, spacing)
        apart = [k for k in rest if k not in pos]
        if apart:
            away = _reading_layout(_induced(g, apart), seed, spacing, fa2=False)
            shift = max(x for x, _ in pos.values()) - min(x for x, _ in away.values()) + 3 * spacing
            pos.update({k: (x + shift, y) for k, (x, y) in away.items()})
    return {k: (round(x, 1), round(y, 1)) for k, (x, y) in pos.items()}


def _induced(g: nx.Graph, keys: Sequence[str]) -> nx.Graph:
    """The subgraph of ``g`` on ``keys``, nodes and edges in sorted order (networkx's
    subgraph view iterates a set, whose order changes with the hash seed)."""
    import networkx as nx

    keep = set(keys)
    sub = nx.Graph()
    sub.add_nodes_from(sorted(keep))
    sub.add_edges_from(sorted({(min(a, b), max(a, b)) for a, b in g.edges(keep) if b in keep}))
    return sub


def _reading_layout(
    g: nx.Graph, seed: int, spacing: float, *, fa2: bool = True
) -> dict[str, tuple[float, float]]:
    """ForceAtlas2 (or, without ``fa2``, networkx's spring layout; for large graphs the
    sampled spring layout) scaled to ``spacing``."""
    import networkx as nx
    import numpy as np

    n = g.number_of_nodes()
    if n == 1:
        return {next(iter(g)): (0.0, 0.0)}
    order = list(g)
    if not fa2 and n < 100:
        raw = nx.spring_layout(g, seed=seed, iterations=100)
        xy = np.array([raw[k] for k in order], dtype=float)
    elif n <= FA2_MAX_NODES:
        size = {k: 1.0 + math.sqrt(g.degree(k)) for k in order}
        with np.errstate(invalid="ignore", divide="ignore"):  # checked just below
            raw = nx.forceatlas2_layout(
                g,
                max_iter=300 if n <= 200 else 150,
                scaling_ratio=20.0,
                gravity=1.0,
                strong_gravity=True,
                node_size=size,
                seed=seed,
            )
        xy = np.array([raw[k] for k in order], dtype=float)
        if not np.isfinite(xy).all():  # networkx's ForceAtlas2 gives NaN for some tiny graphs
            raw = nx.spring_layout(g, seed=seed, iterations=100)
            xy = np.array([raw[k] for k in order], dtype=float)
    else:
        idx = {k: i for i, k in enumerate(order)}
        pairs = np.array([(idx[a], idx[b]) for a, b in g.edges()], dtype=np.int64).reshape(-1, 2)
        xy = sampled_spring_layout(n, pairs, seed=seed)
    xy -= xy.mean(axis=0)
    extent = float(np.abs(xy).max()) or 1.0
    xy *= spacing * math.sqrt(n) / 2 / extent
    return {k: (float(x), float(y)) for k, (x, y) in zip(order, xy, strict=True)}


def _place_around(g: nx.Graph, pos: dict[str, tuple[float, float]], spacing: float) -> None:
    """Place the nodes linked to ``pos`` (breadth first), each on a spiral around its most
    connected neighbour already placed."""
    from collections import deque

    around: dict[str, int] = defaultdict(int)
    queue = deque(m for k in list(pos) for m in g[k] if m not in pos)
    while queue:
        k = queue.popleft()
        if k in pos:
            continue
        hub = max((m for m in g[k] if m in pos), key=lambda m: (g.degree(m), m))
        i = around[hub] = around[hub] + 1
        r = spacing * (0.55 + 0.3 * math.sqrt(i))
        hx, hy = pos[hub]
        pos[k] = (hx + r * math.cos(i * _GOLDEN_ANGLE), hy + r * math.sin(i * _GOLDEN_ANGLE))
        queue.extend(m for m in g[k] if m not in pos)


def sampled_spring_layout(
    n: int,
    pairs: NDArray[np.int64],
    *,
    seed: int = 0,
    iterations: int = 120,
    sample: int = 160,
    gravity: float = 0.05,
) -> NDArray[np.float64]:
    """Fruchterman–Reingold positions (an ``n`` × 2 array) for a large graph.

    ``pairs`` is an ``m`` × 2 integer array of edges. Each iteration pulls neighbours together
    along every edge and pushes every node away from ``sample`` randomly chosen nodes (scaled
    up to stand for all ``n``), plus a weak pull to the centre that keeps disconnected pieces
    in view; the step size cools linearly. Cost O(n · sample + m) per iteration.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    e = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    x, y = rng.uniform(-1.0, 1.0, size=(2, n))
    k = math.sqrt(4.0 / n)  # ideal distance in a 2 × 2 box
    s = min(sample, n)
    push = k * k * n / s  # each sampled node stands for n / s nodes
    pull = gravity * n * k
    for it in range(iterations):
        pick = rng.choice(n, size=s, replace=False)
        dx = x[:, None] - x[None, pick]
        dy = y[:, None] - y[None, pick]
        w = dx * dx
        w += dy * dy
        np.maximum(w, 1e-6, out=w)
        np.divide(push, w, out=w)
        fx = (dx * w).sum(axis=1) - pull * x
        fy = (dy * w).sum(axis=1) - pull * y
        if len(e):
            ex = x[e[:, 0]] - x[e[:, 1]]
            ey = y[e[:, 0]] - y[e[:, 1]]
            f = np.sqrt(ex * ex + ey * ey) / k
            ex *= f
            ey *= f
            fx -= np.bincount(e[:, 0], ex, n) - np.bincount(e[:, 1], ex, n)
            fy -= np.bincount(e[:, 0], ey, n) - np.bincount(e[:, 1], ey, n)
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step = np.minimum(length, 0.1 * (1.0 - it / iterations)) / length
        x += fx * step
        y += fy * step
    return np.column_stack([x, y])
