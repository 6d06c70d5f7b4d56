"""The events stage on hand-made articles: class, factuality, attribution, time, place, disputes.

Triples are built by hand from the parsed sentences, so that these tests exercise the events
stage alone, whatever the extractor finds.
"""

from __future__ import annotations

import pytest

from kgbuild import events
from kgbuild.actors import analyze_actors
from kgbuild.records import Argument, Article, Predicate, Span, Triple

pytestmark = pytest.mark.slow

WEDNESDAY = "2023-03-08"


def _span(doc, word: str, nth: int = 0) -> Span:
    tok = [t for t in doc if t.text == word][nth]
    return Span(tok.idx, tok.idx + len(tok), tok.text)


def _triple(
    doc, article: Article, subj: str, verb: str, obj: str | None = None, lemma: str | None = None
):
    v = _span(doc, verb)
    sent = next(s for s in doc.sents if s.start_char <= v.start < s.end_char)
    s = _span(doc, subj)
    o = _span(doc, obj) if obj else None
    return Triple(
        doc=article.id,
        sentence=Span(sent.start_char, sent.end_char, sent.text),
        subject=Argument(span=s, head=s, role="subject"),
        predicate=Predicate(
            span=v, lemma=lemma or next(t for t in doc if t.text == verb).lemma_, head=v
        ),
        object=Argument(span=o, head=o, role="object") if o else None,
    )


def _annotate(nlp, text: str, specs, *, date: str | None = WEDNESDAY, dateline: str | None = None):
    article = Article(id="a", text=text, title="", date=date, dateline=dateline)
    doc = nlp(text)
    actors = analyze_actors(doc, article)
    triples = actors.attach([_triple(doc, article, *spec) for spec in specs])
    return events.annotate(doc, article, triples, actors)


def test_class_and_predicate_are_both_kept(nlp) -> None:
    (t,) = _annotate(
        nlp, "The president met the prime minister.", [("president", "met", "minister")]
    )
    assert t.predicate.lemma == "meet" and t.event_class == "Consult"


def test_generic_event_has_no_class(nlp) -> None:
    (t,) = _annotate(nlp, "The farmers grew wheat.", [("farmers", "grew", "wheat")])
    assert t.event_class is None


def test_negated_and_attributed_and_the_saying_is_an_event(nlp) -> None:
    out = _annotate(
        nlp,
        "The minister said the government does not want new elections.",
        [("government", "want", "elections")],
    )
    want = next(t for t in out if t.predicate.lemma == "want")
    assert (
        want.negated
        and want.attributed_to is not None
        and want.attributed_to.head.text == "minister"
    )
    saying = [t for t in out if t.predicate.lemma == "say"]
    assert len(saying) == 1
    assert (
        saying[0].subject.head.text == "minister" and saying[0].event_class == "MakePublicStatement"
    )
    assert not saying[0].negated and saying[0].attributed_to is None
    assert not any(t.predicate.lemma == "want" and not t.negated for t in out)


def test_saying_already_extracted_is_not_added_twice(nlp) -> None:
    out = _annotate(
        nlp,
        "The minister said the government does not want new elections.",
        [("government", "want", "elections"), ("minister", "said")],
    )
    assert [t.predicate.lemma for t in out].count("say") == 1


def test_question_and_modality(nlp) -> None:
    out = _annotate(
        nlp,
        "Will the army attack the town? The general may resign.",
        [("army", "attack", "town"), ("general", "resign")],
    )
    assert out[0].modality == "question" and out[1].modality == "may"


def test_time_expression_of_the_clause(nlp) -> None:
    (t,) = _annotate(
        nlp,
        "On Monday, the president met the prime minister in Oslo.",
        [("president", "met", "minister")],
    )
    assert t.time is not None
    assert (t.time.value, t.time.basis, t.time.text) == ("2023-03-06", "expression", "Monday")
    assert t.place is not None and t.place.span.text == "Oslo" and t.place.role == "in"


def test_reporting_date_when_no_expression(nlp) -> None:
    (t,) = _annotate(
        nlp, "The president met the prime minister.", [("president", "met", "minister")]
    )
    assert t.time is not None and (t.time.value, t.time.basis) == (WEDNESDAY, "reporting-date")


def test_no_time_without_article_date_or_expression(nlp) -> None:
    (t,) = _annotate(
        nlp, "The president met the prime minister.", [("president", "met", "minister")], date=None
    )
    assert t.time is None


def test_weekday_without_article_date_keeps_its_text(nlp) -> None:
    (t,) = _annotate(
        nlp,
        "The president met the prime minister on Friday.",
        [("president", "met", "minister")],
        date=None,
    )
    assert t.time is not None and t.time.value is None and t.time.text == "Friday"


def test_the_dateline_is_no_events_place(nlp) -> None:
    """The dateline is where the report was filed, not where what it reports happened."""
    text = "OSLO, March 8. The president signed the agreement. In 2019, the president visited Rome."
    out = _annotate(
        nlp,
        text,
        [("president", "signed", "agreement"), ("president", "visited", "Rome")],
        dateline="OSLO",
    )
    assert out[0].place is None and out[1].place is None


def test_rebutted_allegation_is_disputed(nlp) -> None:
    text = "Rebels accused the army of shelling the town, an allegation that the army denies."
    out = _annotate(nlp, text, [("army", "shelling", "town"), ("Rebels", "accused", "army")])
    assert out[0].disputed and out[0].attributed_to is not None
    assert not out[1].disputed


def test_claim_met_by_concessive_negation_is_disputed(nlp) -> None:
    text = (
        "Observers saw no sign of a retreat, despite the ministry's announcement that the army "
        "is leaving the town."
    )
    out = _annotate(nlp, text, [("army", "leaving", "town"), ("Observers", "saw", "sign")])
    assert out[0].disputed and out[1].negated and not out[1].disputed


def test_concession_without_opposition_is_no_dispute(nlp) -> None:
    text = "Prices rose, despite the ministry's announcement that the army is leaving the town."
    out = _annotate(nlp, text, [("army", "leaving", "town"), ("Prices", "rose")])
    assert not out[0].disputed
