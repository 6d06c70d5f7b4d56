"""The merge's shortcuts give what its general rules give.

A lone report becomes its event without vote counting, one article's confidence without a
product, and disputes are found by grouping claims: each shortcut is checked against the
general rule it stands for.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import product

import pytest

from kgbuild import merge as m
from kgbuild.events.timex import parse_iso
from kgbuild.records import (
    CLAUSE,
    PATIENT,
    Argument,
    EntityRef,
    Event,
    Predicate,
    Span,
    TimeValue,
    Triple,
)
from tests.test_merge import ALICE, BORIS, NORDLAND

KEY_MAP = {"person:boris sample": "person:boris q sample"}


def _arg(ent: EntityRef | None, text: str, role: str) -> Argument:
    span = Span(10, 10 + len(text), text)
    return Argument(span=span, head=span, role=role, entity=ent)


BASE = Triple(
    doc="a",
    sentence=Span(0, 30, "Alice Example met Boris Sample."),
    subject=_arg(ALICE, "Alice Example", "subject"),
    predicate=Predicate(span=Span(14, 17, "met"), lemma="meet"),
    object=_arg(BORIS, "Boris Sample", "object"),
    confidence=0.6,
    event_class="Consult",
)

SHAPES = {
    "plain": BASE,
    "no object": replace(BASE, object=None, event_class=None),
    "clause object": replace(BASE, object=_arg(None, "that it rained", CLAUSE)),
    "concept object": replace(BASE, object=_arg(None, "plans", "object")),
    "patient subject": replace(BASE, subject=_arg(NORDLAND, "Nordland", PATIENT), object=None),
    "modality": replace(BASE, modality="may"),
    "negated": replace(BASE, negated=True),
    "relation": replace(BASE, relation=True, event_class=None),
    "attributed": replace(BASE, attributed_to=_arg(BORIS, "Boris Sample", "attribution")),
    "attributed concept": replace(BASE, attributed_to=_arg(None, "officials", "attribution")),
    "dateline place": replace(BASE, place=_arg(NORDLAND, "NORDLAND", "dateline")),
    "place": replace(BASE, place=_arg(NORDLAND, "Nordland", "in")),
    "arguments": replace(
        BASE,
        arguments=(
            _arg(NORDLAND, "Nordland", "in"),
            _arg(None, "talks", "for"),
            _arg(BORIS, "Boris Sample", "with"),
        ),
    ),
    "dated": replace(BASE, time=TimeValue("on 7 March", "2023-03-07")),
    "weekday": replace(BASE, time=TimeValue("on Tuesday", None)),
    "reporting date": replace(BASE, time=TimeValue("", "2023-03-08", basis="reporting-date")),
    "disputed": replace(BASE, disputed=True),
    "confidence above one": replace(BASE, confidence=1.7),
    "negative confidence": replace(BASE, confidence=-0.2),
}


def _lone(t: Triple, policy: m.MergePolicy = m.DEFAULT_POLICY) -> m._Report:
    subj, obj = m.argument_key(t.subject, KEY_MAP), m.argument_key(t.object, KEY_MAP)
    return m._report(t, parse_iso("2023-03-09"), policy, subj, obj)


@pytest.mark.parametrize("name", SHAPES)
def test_lone_report_event_is_what_the_votes_give(name: str) -> None:
    """The same report twice goes through the general rules (votes, sets, maxima) and must
    give the lone report's event, but for the repeated evidence."""
    t = SHAPES[name]
    report = _lone(t)
    ident = m.identity(t, KEY_MAP)
    lone = m._build_event(ident, report.value, [report], KEY_MAP)
    voted = m._build_event(ident, report.value, [report, report], KEY_MAP)
    assert voted.evidence == (lone.evidence[0], lone.evidence[0])
    assert replace(voted, evidence=lone.evidence) == lone


def test_lone_report_is_one_cluster_at_its_own_time() -> None:
    for t, policy in product(
        SHAPES.values(), (m.DEFAULT_POLICY, m.MergePolicy(time_granularity="none"))
    ):
        report = _lone(t, policy)
        (time_key,) = m.cluster_by_time([report], policy)
        assert time_key == (report.value if policy.time_granularity != "none" else None)


@pytest.mark.parametrize(
    "confidence", [-1.0, -0.0, 0.0, 0.25, 0.6, 0.99999, 1.0, 1.7, float("nan")]
)
def test_one_article_confidence_is_the_general_product(confidence: float) -> None:
    t = replace(BASE, confidence=confidence)
    nothing = replace(BASE, confidence=0.0)  # same article, adds no confidence
    assert repr(m.combined_confidence([t])) == repr(m.combined_confidence([t, nothing]))


def _event(i: int, negated: bool, subject: str, sources: tuple[str, ...], day: str | None) -> Event:
    return Event(
        id=f"e{i}",
        predicate="deploy",
        event_class="ExhibitForcePosture",
        subject=subject,
        object="thing:troops",
        negated=negated,
        time=TimeValue("", day) if day else None,
        sources=sources,
    )


def test_disputes_are_every_compatible_pair_of_opposite_claims() -> None:
    """:func:`mark_conflicts` against its definition, pair by pair."""
    events = []
    for i, (negated, subject, sources, day, modality) in enumerate(
        product(
            (False, True),
            ("country:nordland", "thing:plans"),
            (("a",), ("b",), ("a", "b")),
            (None, "2023-03-07", "2023-03", "2023-04-01"),
            (None, "may", "conditional"),
        )
    ):
        e = replace(_event(i, negated, subject, sources, day), modality=modality)
        ident = (("class", e.event_class), (subject, e.object), (), negated, False, modality)
        events.append((ident, e))
    expected = {
        x.id
        for (ix, x), (iy, y) in product(events, events)
        if ix[:3] == iy[:3]
        and ix[4] == iy[4]
        and ix[3] != iy[3]
        and m._may_conflict(x)
        and m._may_conflict(y)
        and set(x.sources) != set(y.sources)
        and m._times_compatible(x, y)
    }
    marked = m.mark_conflicts(events)
    assert [e.id for e in marked] == [e.id for _i, e in events]
    assert {e.id for e in marked if e.disputed} == expected
    assert expected  # the table has disputes to find
