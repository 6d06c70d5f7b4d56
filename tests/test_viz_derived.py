"""The page's shared computations (``viz.derive``) give what computing each piece apart gives.

Random graphs (hypothesis) go through both paths: the functions alone, and with
:func:`kgbuild.viz.derive` passed along as ``html.render`` does. Plain reference versions of
the edge folding, the entity index and the event data pin the results down independently of
the faster code.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgbuild.records import (
    Article,
    Entity,
    Event,
    Evidence,
    KnowledgeGraph,
    Span,
    TimeValue,
)
from kgbuild.runtime.collector import gc_paused
from kgbuild.viz import (
    THING,
    EdgeGroup,
    derive,
    edge_groups,
    ego_view,
    entity_index,
    event_keys,
    events_by_key,
    find_entities,
    rank,
    top_view,
)
from kgbuild.writers import html

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

KEYS = ["person:ann", "person:bob", "country:x", "org:y", "thing:war", "thing:talks", "z"]
DOCS = ["d1", "d2", "d3", "d9"]  # d9 is no article of the graph


def _evidence(doc: str, start: int) -> Evidence:
    sentence = "Ann met Bob in X."
    return Evidence(
        doc=doc,
        sentence=sentence,
        sentence_span=Span(start, start + len(sentence), sentence),
        subject=Span(start, start + 3, "Ann"),
        predicate=Span(start + 4, start + 7, "met"),
        object=Span(start + 12, start + 13, "X") if start % 2 else None,
    )


@st.composite
def events(draw: Any, i: int) -> Event:
    key = st.sampled_from(KEYS)
    return Event(
        id=str(i),
        predicate=draw(st.sampled_from(["meet", "visit", "be"])),
        event_class=draw(st.sampled_from([None, "Consult", "Travel"])),
        subject=draw(key),
        object=draw(st.one_of(st.none(), key)),
        arguments=tuple(draw(st.lists(st.tuples(st.just("arg2"), key), max_size=2))),
        relation=draw(st.booleans()),
        negated=draw(st.booleans()),
        modality=draw(st.sampled_from([None, "", "may"])),
        attributed_to=tuple(draw(st.lists(key, max_size=2))),
        time=draw(
            st.sampled_from(
                [None, TimeValue("Monday", "2022-02-14"), TimeValue("2021", "2021"), None]
            )
        ),
        place=draw(st.one_of(st.none(), key)),
        sources=tuple(draw(st.lists(st.sampled_from(DOCS), max_size=3))),
        evidence=tuple(
            _evidence(d, s)
            for d, s in draw(st.lists(st.tuples(st.sampled_from(DOCS), st.integers(-1, 9))))
        ),
        disputed=draw(st.booleans()),
    )


@st.composite
def graphs(draw: Any) -> KnowledgeGraph:
    n = draw(st.integers(0, 14))
    evs = tuple(draw(events(i)) for i in range(n))
    defined = draw(st.lists(st.sampled_from(KEYS[:-1]), unique=True))
    ents = tuple(
        Entity(k, k.split(":")[-1].title(), THING if k.startswith("thing:") else "Person")
        for k in defined
    )
    arts = (
        Article("d1", "", "One", date="2022-02-15"),
        Article("d2", "", "Two"),
        Article("d3", "", "Three", date="2022-01"),
    )
    return KnowledgeGraph(arts, ents, evs)


# --------------------------------------------------------------------------- references


def ref_edge_groups(kg: KnowledgeGraph) -> list[EdgeGroup]:
    groups: dict[tuple[str, str, str, bool], list[int]] = defaultdict(list)
    for i, ev in enumerate(kg.events):
        if ev.object is not None and ev.object != ev.subject:
            groups[(ev.subject, ev.object, ev.predicate, ev.negated)].append(i)
    out = []
    for (subj, obj, pred, negated), idx in sorted(groups.items()):
        evs = [kg.events[i] for i in idx]
        out.append(
            EdgeGroup(
                subj,
                obj,
                pred,
                negated,
                tuple(idx),
                tuple(sorted({s for e in evs for s in e.sources})),
                all(bool(e.modality) for e in evs),
                any(e.disputed for e in evs),
                all(e.relation for e in evs),
            )
        )
    return out


def ref_entity_index(kg: KnowledgeGraph) -> list[tuple[str, Entity]]:
    index = {e.key: e for e in kg.entities}
    for ev in kg.events:
        for key in event_keys(ev):
            if key not in index:
                label = key.split(":", 1)[1] if ":" in key else key
                index[key] = Entity(key=key, label=label, type=THING)
    return list(index.items())


def ref_touching(kg: KnowledgeGraph) -> list[tuple[str, list[int]]]:
    touching: dict[str, list[int]] = defaultdict(list)
    for i, ev in enumerate(kg.events):
        for k in dict.fromkeys(event_keys(ev)):
            touching[k].append(i)
    return list(touching.items())


def ref_reported_and_flags(ev: Event, dates: dict[str, str | None]) -> dict[str, Any]:
    reported = min((d for s in ev.sources if (d := dates.get(s))), default=None)
    out: dict[str, Any] = {}
    for key, flag in (("n", ev.negated), ("d", ev.disputed), ("r", ev.relation)):
        if flag:
            out[key] = 1
    if reported:
        out["rp"] = reported
    return out


# --------------------------------------------------------------------------- tests


@SETTINGS
@given(graphs())
def test_derive_matches_references(kg):
    d = derive(kg)
    groups = edge_groups(kg)
    assert groups == ref_edge_groups(kg)
    assert list(d.index.items()) == ref_entity_index(kg) == list(entity_index(kg).items())
    assert list(d.touching.items()) == ref_touching(kg) == list(events_by_key(kg).items())
    nb: dict[str, set[str]] = defaultdict(set)
    for g in groups:
        nb[g.subject].add(g.object)
        nb[g.object].add(g.subject)
    assert d.neighbours == nb
    among = set(KEYS[::2])
    assert edge_groups(kg, among, edges=d.edges) == [
        g for g in groups if g.subject in among and g.object in among
    ]


@SETTINGS
@given(graphs(), st.integers(1, 4), st.integers(0, 12))
def test_views_same_with_and_without_derive(kg, top, budget):
    d = derive(kg)
    assert rank(kg, derived=d) == rank(kg) == rank(kg, edge_groups(kg))
    assert top_view(kg, top, budget=budget, derived=d) == top_view(kg, top, budget=budget)
    for focus in ("person:ann", "z", "nobody"):
        for hops in (0, 1, 2):
            assert ego_view(kg, focus, hops, top, budget=budget, derived=d) == ego_view(
                kg, focus, hops, top, budget=budget
            )
    assert find_entities(kg, "ann", derived=d) == find_entities(kg, "ann")


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(graphs(), st.integers(1, 4), st.booleans())
def test_page_same_with_and_without_derive(kg, top, ego):
    d = derive(kg)
    focus = next(iter(d.index), None)  # an ego page is made for an entity of the graph
    view = ego_view(kg, focus, 1) if ego and focus else top_view(kg, top, budget=6)
    with_groups = html.page_parts(kg, view, edge_groups(kg))
    assert html.page_parts(kg, view, derived=d) == with_groups
    assert html.page_parts(kg, view, edge_groups(kg), derived=d) == with_groups
    assert html.render_view(kg, view, derived=d) == html.render_view(kg, view)


@SETTINGS
@given(graphs())
def test_event_data_reported_date_and_flags(kg):
    dates = {a.id: a.date for a in kg.articles}
    ent, art, sentences = html._Table(), html._Table(), html._Table()
    for ev in kg.events:
        row = html.event_data(ev, dates, ent, art, sentences)
        want = ref_reported_and_flags(ev, dates)
        assert {k: row[k] for k in ("n", "d", "r", "rp") if k in row} == want


@pytest.mark.parametrize("enabled", [True, False])
def test_gc_paused_restores_the_collector(enabled):
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        with gc_paused():
            assert not gc.isenabled()
            with gc_paused():
                assert not gc.isenabled()
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(ValueError), gc_paused():
            raise ValueError
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_objects_made_in_a_pause_leave_it_in_the_oldest_generation():
    """The next collections must not walk them all again, once per generation."""
    was = gc.isenabled()
    try:
        gc.enable()
        with gc_paused():
            made = [[n] for n in range(5000)]
        oldest = {id(o) for o in gc.get_objects(generation=2)}
        assert all(id(x) in oldest for x in made)
    finally:
        gc.enable() if was else gc.disable()


def test_a_pause_leaves_objects_the_program_froze_frozen():
    was = gc.isenabled()
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        gc.enable()
        with gc_paused():
            pass
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        gc.enable() if was else gc.disable()
