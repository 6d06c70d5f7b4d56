"""Acceptance on the seed articles: one meeting node, negated and attributed claims, dates."""

from __future__ import annotations

import pytest
from conftest import SEEDS

from kgbuild.engine.analysis import analyze_articles
from kgbuild.ingest import read_articles
from kgbuild.merge import merge

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def kg():
    articles = [a for a in read_articles([SEEDS]) if not isinstance(a, Exception)]
    return merge(list(analyze_articles(articles)))


def _label(kg, key: str | None) -> str:
    ent = kg.entity(key) if key else None
    return ent.label if ent else (key or "")


def _events(kg, subject: str, predicate: str, obj: str):
    return [
        e
        for e in kg.events
        if subject in _label(kg, e.subject)
        and e.predicate == predicate
        and obj in _label(kg, e.object)
    ]


def test_meeting_is_one_event_with_three_sources_dated_by_the_dated_article(kg) -> None:
    meetings = [
        e
        for e in kg.events
        if e.event_class == "Consult"
        and {"Putin", "Scholz"} <= {w for k in (e.subject, e.object) for w in _label(kg, k).split()}
    ]
    assert len(meetings) == 1, [(m.predicate, m.sources) for m in meetings]
    (meeting,) = meetings
    assert len(meeting.sources) >= 3
    assert "004_375e21362847584f" in meeting.sources  # states February 15, 2022 and "on Tuesday"
    assert meeting.time is not None and meeting.time.value == "2022-02-15"
    assert meeting.predicate == "meet"


def test_russia_does_not_want_war_negated_and_attributed(kg) -> None:
    reports = _events(kg, "Russia", "want", "war")
    assert reports, "Russia – want – war is extracted"
    assert all(e.negated for e in reports)
    assert any(any("Putin" in _label(kg, a) for a in e.attributed_to) for e in reports)
    assert not any(
        e.predicate == "want"
        and _label(kg, e.object).lower() == "war"
        and not e.negated
        and e.modality != "question"
        for e in kg.events
    ), "nothing says Russia wants war"


def test_russia_demands_guarantees(seed_rows) -> None:
    rows = [
        r for r in seed_rows if r["predicate"] == "demand" and r["object"].endswith("guarantees")
    ]
    assert any(r["subject"] == "Russia" for r in rows), rows
    assert all(r["event_class"] == "Demand" for r in rows)


def test_on_january_26_dates_its_events(kg) -> None:
    # the events that sentence reports; a word of it that names an earlier event ("written
    # responses to Russia's security proposals": the proposals came in December) is no report
    # of it, and does not date it
    dated = [
        e
        for e in kg.events
        if any("On January 26" in ev.sentence and not ev.partial for ev in e.evidence)
    ]
    assert dated
    assert all(e.time is not None and e.time.value == "2022-01-26" for e in dated)
    proposals = [
        e
        for e in kg.events
        if e.predicate == "propose"
        and any("On January 26" in ev.sentence and ev.partial for ev in e.evidence)
    ]
    assert all(e.time is None or e.time.value != "2022-01-26" for e in proposals)


def test_every_classed_event_is_in_the_taxonomy(kg, seed_rows) -> None:
    from kgbuild.events.taxonomy import CLASS_NAMES

    assert {e.event_class for e in kg.events if e.event_class} <= set(CLASS_NAMES)
    assert any(r["event_class"] == "Consult" and r["predicate"] == "meet" for r in seed_rows)
