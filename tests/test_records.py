from kgbuild.records import (
    Argument,
    Article,
    DocumentResult,
    EntityRef,
    Predicate,
    Span,
    TimeValue,
    Triple,
    from_json,
    to_json,
)


def _triple() -> Triple:
    s = Span(0, 5, "Putin")
    return Triple(
        doc="d",
        sentence=Span(0, 17, "Putin met Scholz."),
        subject=Argument(s, s, "subject", EntityRef("person:x", "X", "Person", mentioned_as="he")),
        predicate=Predicate(Span(6, 9, "met"), "meet"),
        object=Argument(Span(10, 16, "Scholz"), Span(10, 16, "Scholz"), "object"),
        arguments=(Argument(Span(0, 1, "P"), Span(0, 1, "P"), "with"),),
        time=TimeValue("on Tuesday", "2022-02-15", Span(1, 2, "x")),
    )


def test_triple_round_trips_through_json():
    t = _triple()
    assert from_json(Triple, to_json(t)) == t


def test_document_result_round_trips():
    r = DocumentResult(
        article=Article(id="a", text="t", title="T", paths=("p",)), triples=(_triple(),)
    )
    assert from_json(DocumentResult, to_json(r)) == r


def test_argument_label_prefers_entity():
    t = _triple()
    assert t.subject.label == "X"
    assert t.object is not None and t.object.label == "Scholz" and t.object.type == "Thing"


def test_span_relations():
    a, b = Span(0, 10, "x" * 10), Span(2, 4, "xx")
    assert a.contains(b) and a.overlaps(b) and not b.contains(a)
    assert not Span(0, 2, "ab").overlaps(Span(2, 4, "cd"))
