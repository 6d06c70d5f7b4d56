"""Cross-article merge: one event node per happening, with every source and its evidence."""

from __future__ import annotations

import doctest
from dataclasses import replace

import pytest

from kgbuild import merge as merge_module
from kgbuild.errors import KgbuildError
from kgbuild.merge import MergePolicy, merge
from kgbuild.records import (
    Argument,
    Article,
    DocumentResult,
    EntityRef,
    Predicate,
    Span,
    TimeValue,
    Triple,
)

ALICE = EntityRef(key="person:alice example", label="Alice Example", type="Person")
BORIS = EntityRef(key="person:boris sample", label="Boris Sample", type="Person")
NORDLAND = EntityRef(key="country:nordland", label="Nordland", type="Country")


def _arg(ent: EntityRef | None, text: str, role: str) -> Argument:
    span = Span(0, len(text), text)
    return Argument(span=span, head=span, role=role, entity=ent)


def _triple(
    doc: str,
    subj: EntityRef,
    lemma: str,
    obj: EntityRef | None = None,
    *,
    cls: str | None = None,
    time: TimeValue | None = None,
    negated: bool = False,
    modality: str | None = None,
    sentence: str = "A sentence.",
    disputed: bool = False,
    obj_text: str = "it",
) -> Triple:
    return Triple(
        doc=doc,
        sentence=Span(0, len(sentence), sentence),
        subject=_arg(subj, subj.label, "subject"),
        predicate=Predicate(span=Span(0, len(lemma), lemma), lemma=lemma),
        object=_arg(obj, obj.label if obj else obj_text, "object") if (obj or obj_text) else None,
        negated=negated,
        modality=modality,
        time=time,
        event_class=cls,
        disputed=disputed,
        confidence=0.6,
    )


def _result(doc: str, *triples: Triple, date: str | None = None) -> DocumentResult:
    return DocumentResult(article=Article(id=doc, text="", title=doc, date=date), triples=triples)


def _day(value: str | None, text: str = "on Tuesday") -> TimeValue:
    return TimeValue(text=text, value=value, basis="expression")


def _reported(value: str) -> TimeValue:
    return TimeValue(text="", value=value, basis="reporting-date")


def _events(kg, lemma_or_class: str):
    return [e for e in kg.events if lemma_or_class in (e.predicate, e.event_class)]


def test_same_event_in_three_articles_is_one_node() -> None:
    kg = merge(
        [
            _result(
                "a",
                _triple(
                    "a",
                    ALICE,
                    "meet",
                    BORIS,
                    cls="Consult",
                    time=_day("2023-03-07"),
                    sentence="S1.",
                ),
                date="2023-03-07",
            ),
            _result("b", _triple("b", ALICE, "meet", BORIS, cls="Consult", sentence="S2.")),
            _result(
                "c",
                _triple("c", BORIS, "meet", ALICE, cls="Consult", sentence="S3.", time=_day(None)),
            ),
        ]
    )
    (ev,) = _events(kg, "Consult")
    assert ev.sources == ("a", "b", "c")
    assert [e.sentence for e in ev.evidence] == ["S1.", "S2.", "S3."]
    assert ev.time is not None and ev.time.value == "2023-03-07"
    assert 0.6 < ev.confidence <= 1.0


def test_predicates_of_one_class_merge_and_keep_the_usual_predicate() -> None:
    kg = merge(
        [
            _result("a", _triple("a", ALICE, "meet", BORIS, cls="Consult")),
            _result("b", _triple("b", ALICE, "meet", BORIS, cls="Consult")),
            _result("c", _triple("c", ALICE, "host", BORIS, cls="Consult")),
        ]
    )
    (ev,) = _events(kg, "Consult")
    assert ev.predicate == "meet" and len(ev.sources) == 3


def test_merge_by_predicate_when_asked() -> None:
    results = [
        _result("a", _triple("a", ALICE, "meet", BORIS, cls="Consult")),
        _result("c", _triple("c", ALICE, "host", BORIS, cls="Consult")),
    ]
    assert len(_events(merge(results, MergePolicy(by_class=False)), "Consult")) == 2


def test_generic_events_need_the_same_predicate() -> None:
    kg = merge(
        [
            _result("a", _triple("a", ALICE, "want", NORDLAND)),
            _result("b", _triple("b", ALICE, "need", NORDLAND)),
        ]
    )
    assert len(kg.events) == 2


def test_participants_must_match() -> None:
    kg = merge(
        [
            _result("a", _triple("a", ALICE, "meet", BORIS, cls="Consult")),
            _result("b", _triple("b", ALICE, "meet", NORDLAND, cls="Consult")),
        ]
    )
    assert len(_events(kg, "Consult")) == 2


def test_subject_only_policy() -> None:
    results = [
        _result("a", _triple("a", ALICE, "meet", BORIS, cls="Consult")),
        _result("b", _triple("b", ALICE, "meet", NORDLAND, cls="Consult")),
    ]
    assert len(_events(merge(results, MergePolicy(roles=("subject",))), "Consult")) == 1


def test_direction_matters_for_asymmetric_classes() -> None:
    kg = merge(
        [
            _result("a", _triple("a", ALICE, "accuse", BORIS, cls="Disapprove")),
            _result("b", _triple("b", BORIS, "accuse", ALICE, cls="Disapprove")),
        ]
    )
    assert len(_events(kg, "Disapprove")) == 2


def test_different_days_are_different_events() -> None:
    kg = merge(
        [
            _result(
                "a", _triple("a", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03-07"))
            ),
            _result(
                "b", _triple("b", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-05-02"))
            ),
        ]
    )
    assert len(_events(kg, "Consult")) == 2


def test_month_granularity_joins_days_of_a_month() -> None:
    results = [
        _result("a", _triple("a", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03-07"))),
        _result("b", _triple("b", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03-21"))),
    ]
    assert len(_events(merge(results, MergePolicy(time_granularity="month")), "Consult")) == 1
    assert len(_events(merge(results, MergePolicy(time_granularity="none")), "Consult")) == 1


def test_coarser_time_joins_the_one_finer_event_it_contains() -> None:
    kg = merge(
        [
            _result(
                "a", _triple("a", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03-07"))
            ),
            _result(
                "b",
                _triple("b", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03", "in March")),
            ),
        ]
    )
    (ev,) = _events(kg, "Consult")
    assert ev.time is not None and ev.time.value == "2023-03-07"


def test_undated_report_between_two_dated_events_stays_apart() -> None:
    kg = merge(
        [
            _result(
                "a", _triple("a", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03-07"))
            ),
            _result(
                "b", _triple("b", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-05-02"))
            ),
            _result("c", _triple("c", ALICE, "meet", BORIS, cls="Consult")),
        ]
    )
    assert sorted(len(e.sources) for e in _events(kg, "Consult")) == [1, 1, 1]


def test_undated_report_named_weekday_picks_the_matching_day() -> None:
    kg = merge(
        [
            _result(
                "a", _triple("a", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03-07"))
            ),
            _result(
                "b", _triple("b", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-05-03"))
            ),
            _result(
                "c",
                _triple("c", ALICE, "meet", BORIS, cls="Consult", time=_day(None, "on Tuesday")),
            ),
        ]
    )
    by_day = {e.time.value: e.sources for e in _events(kg, "Consult") if e.time}
    assert by_day["2023-03-07"] == ("a", "c")
    assert by_day["2023-05-03"] == ("b",)


def test_undated_report_cannot_join_a_later_event() -> None:
    kg = merge(
        [
            _result(
                "a", _triple("a", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03-07"))
            ),
            _result(
                "b",
                _triple("b", ALICE, "meet", BORIS, cls="Consult", time=_reported("2023-01-10")),
                date="2023-01-10",
            ),
        ]
    )
    assert len(_events(kg, "Consult")) == 2


def test_join_undated_can_be_switched_off() -> None:
    results = [
        _result("a", _triple("a", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03-07"))),
        _result("b", _triple("b", ALICE, "meet", BORIS, cls="Consult")),
    ]
    assert len(_events(merge(results, MergePolicy(join_undated=False)), "Consult")) == 2


def test_reporting_date_is_the_fallback_time() -> None:
    kg = merge(
        [
            _result(
                "a",
                _triple("a", ALICE, "meet", BORIS, cls="Consult", time=_reported("2023-03-09")),
                date="2023-03-09",
            ),
            _result(
                "b",
                _triple("b", ALICE, "meet", BORIS, cls="Consult", time=_reported("2023-03-08")),
                date="2023-03-08",
            ),
        ]
    )
    (ev,) = _events(kg, "Consult")
    assert ev.time is not None and (ev.time.value, ev.time.basis) == (
        "2023-03-08",
        "reporting-date",
    )


def test_claim_and_denial_stay_side_by_side_and_are_disputed() -> None:
    kg = merge(
        [
            _result(
                "a",
                _triple(
                    "a", NORDLAND, "deploy", None, cls="ExhibitForcePosture", obj_text="troops"
                ),
            ),
            _result(
                "b",
                _triple(
                    "b",
                    NORDLAND,
                    "deploy",
                    None,
                    cls="ExhibitForcePosture",
                    obj_text="troops",
                    negated=True,
                ),
            ),
            _result("c", _triple("c", ALICE, "sign", BORIS, cls="EngageInDiplomaticCooperation")),
        ]
    )
    deploy = _events(kg, "ExhibitForcePosture")
    assert len(deploy) == 2 and all(e.disputed for e in deploy)
    assert {e.negated: e.sources for e in deploy} == {False: ("a",), True: ("b",)}
    assert not any(e.disputed for e in _events(kg, "EngageInDiplomaticCooperation"))


def test_a_question_is_no_claim() -> None:
    kg = merge(
        [
            _result("a", _triple("a", NORDLAND, "want", None, obj_text="war", modality="question")),
            _result("b", _triple("b", NORDLAND, "want", None, obj_text="war", negated=True)),
        ]
    )
    assert not any(e.disputed for e in kg.events)


def test_disputed_report_marks_its_event() -> None:
    kg = merge([_result("a", _triple("a", NORDLAND, "plot", None, obj_text="coup", disputed=True))])
    assert kg.events[0].disputed


def test_negation_and_modality_separate_events() -> None:
    kg = merge(
        [
            _result("a", _triple("a", ALICE, "meet", BORIS, cls="Consult")),
            _result("b", _triple("b", ALICE, "meet", BORIS, cls="Consult", modality="may")),
            _result("c", _triple("c", ALICE, "meet", BORIS, cls="Consult", negated=True)),
        ]
    )
    assert len(_events(kg, "Consult")) == 3
    relaxed = merge(
        [
            _result("a", _triple("a", ALICE, "meet", BORIS, cls="Consult")),
            _result("b", _triple("b", ALICE, "meet", BORIS, cls="Consult", modality="may")),
        ],
        MergePolicy(match_modality=False),
    )
    assert len(_events(relaxed, "Consult")) == 1


def test_event_ids_are_stable() -> None:
    results = [
        _result("a", _triple("a", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03-07"))),
        _result("b", _triple("b", ALICE, "meet", BORIS, cls="Consult")),
    ]
    assert [e.id for e in merge(results).events] == [
        e.id for e in merge(list(reversed(results))).events
    ]


def test_unresolved_pronoun_subjects_make_no_fact() -> None:
    """An unresolved pronoun subject: the event is kept as a partial event, no fact; it joins
    a fact of the same kind in its story as one more (partial) report of it, adding no fact."""
    he = Argument(span=Span(0, 2, "he"), head=Span(0, 2, "he"), role="subject", pos="PRON")
    t = _triple("a", ALICE, "meet", BORIS, cls="Consult")
    by_pronoun = replace(t, subject=he)
    alone = merge([_result("a", by_pronoun)]).events
    assert [(ev.fact, ev.subject, ev.object) for ev in alone] == [(False, "", BORIS.key)]
    events = merge([_result("a", t, by_pronoun)]).events
    assert [(ev.fact, ev.subject, ev.object) for ev in events] == [(True, ALICE.key, BORIS.key)]
    assert sorted(evd.partial for evd in events[0].evidence) == [False, True]


@pytest.mark.parametrize("kwargs", [{"roles": ("subject", "colour")}, {"time_granularity": "week"}])
def test_policy_is_validated(kwargs) -> None:
    with pytest.raises(KgbuildError):
        MergePolicy(**kwargs)


def test_doctests() -> None:
    assert doctest.testmod(merge_module).failed == 0


def test_lone_report_id_matches_the_built_event() -> None:
    from kgbuild.merge import report_event_id

    t = _triple("a", ALICE, "meet", BORIS, cls="Consult", time=_day("2023-03-07"))
    (ev,) = merge([_result("a", t)]).events
    assert report_event_id(t) == ev.id


def test_one_article_contradicting_itself_is_no_dispute() -> None:
    kg = merge(
        [
            _result(
                "a",
                _triple(
                    "a", NORDLAND, "deploy", None, cls="ExhibitForcePosture", obj_text="troops"
                ),
                _triple(
                    "a",
                    NORDLAND,
                    "deploy",
                    None,
                    cls="ExhibitForcePosture",
                    obj_text="troops",
                    negated=True,
                ),
            )
        ]
    )
    assert not any(e.disputed for e in kg.events)


def test_concepts_and_sayings_are_never_disputed() -> None:
    things = EntityRef(key="thing:plans", label="plans", type="Thing")
    kg = merge(
        [
            _result("a", _triple("a", things, "work", None, obj_text="out")),
            _result("b", _triple("b", things, "work", None, obj_text="out", negated=True)),
            _result(
                "c", _triple("c", ALICE, "say", None, cls="MakePublicStatement", obj_text="was")
            ),
            _result(
                "d",
                _triple(
                    "d", ALICE, "say", None, cls="MakePublicStatement", obj_text="was", negated=True
                ),
            ),
        ]
    )
    assert not any(e.disputed for e in kg.events)
