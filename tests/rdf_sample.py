"""A small hand-made knowledge graph, and a build folder of it, for the RDF, query, validation,
endpoint and push tests (no spaCy model needed)."""

from __future__ import annotations

from pathlib import Path

from kgbuild.records import Article, Entity, Event, Evidence, KnowledgeGraph, Span, TimeValue

HOSTILE = 'Ac"me <b>&\\ Corp\x01 \U0001f600 }> .'


def _ev(
    doc: str, sentence: str, subj: str, pred: str, obj: str | None, attributed: str | None = None
) -> Evidence:
    def span(word: str | None) -> Span | None:
        if word is None:
            return None
        i = max(0, sentence.find(word))
        return Span(i, i + len(word), word)

    return Evidence(
        doc=doc,
        sentence=sentence,
        sentence_span=Span(0, len(sentence), sentence),
        subject=span(subj) or Span(0, 0, ""),
        predicate=span(pred) or Span(0, 0, ""),
        object=span(obj),
        attributed_to=attributed,
        confidence=0.7,
    )


def sample_kg(hostile: bool = False) -> KnowledgeGraph:
    """Two articles, five entities, six events: a meeting reported twice, a demand, a statement,
    a denied claim, a planned (modal) event and a relation."""
    org_label = HOSTILE if hostile else "Northern Alliance Council"
    articles = (
        Article(
            id="a1",
            text="...",
            title="Leaders meet in Vienna",
            date="2023-03-01",
            source="Example Wire",
            author="A. Writer",
            dateline="VIENNA",
            paths=("news/a1.txt",),
            content_hash="h1",
        ),
        Article(
            id="a2",
            text="...",
            title='Talks "resume" <again>',
            date=None,
            source=None,
            paths=("news/a2.txt",),
            content_hash="h2",
        ),
    )
    entities = (
        Entity(
            "person:anna berg",
            "Anna Berg",
            "Person",
            aliases=("Berg",),
            roles=("President",),
            mentions=4,
            sources=("a1", "a2"),
        ),
        Entity(
            "person:li wei", "Li Wei", "Person", aliases=("Wei",), mentions=3, sources=("a1", "a2")
        ),
        Entity(
            "country:xa",
            "Examplia",
            "Country",
            aliases=("Examplian",),
            same_as=("http://www.wikidata.org/entity/Q1",),
            mentions=2,
            sources=("a1",),
        ),
        Entity(
            "org:nac", org_label, "Organization", aliases=("NAC",), mentions=2, sources=("a1", "a2")
        ),
        Entity("place:vienna", "Vienna", "Place", mentions=1, sources=("a1",)),
        Entity("thing:guarantees", "guarantees", "Thing", mentions=1, sources=("a1",)),
    )
    meet_1 = "Anna Berg met Li Wei in Vienna on Wednesday."
    meet_2 = "Berg and Wei met again, officials said."
    demand = "Examplia demanded guarantees from the Council."
    events = (
        Event(
            id="e1meet",
            predicate="meet",
            event_class="Consult",
            subject="person:anna berg",
            object="person:li wei",
            time=TimeValue("on Wednesday", "2023-03-01"),
            place="place:vienna",
            confidence=0.8,
            sources=("a1", "a2"),
            evidence=(
                _ev("a1", meet_1, "Anna Berg", "met", "Li Wei"),
                _ev("a2", meet_2, "Berg", "met", "Wei"),
            ),
        ),
        Event(
            id="e2demand",
            predicate="demand",
            event_class="Demand",
            subject="country:xa",
            object="thing:guarantees",
            arguments=(("from", "org:nac"),),
            time=TimeValue("", "2023-03", basis="reporting-date"),
            confidence=0.6,
            sources=("a1",),
            evidence=(_ev("a1", demand, "Examplia", "demanded", "guarantees"),),
        ),
        Event(
            id="e3say",
            predicate="say",
            event_class="MakePublicStatement",
            subject="org:nac",
            object=None,
            confidence=0.5,
            sources=("a2",),
            evidence=(
                _ev("a2", "The Council said talks would resume.", "The Council", "said", None),
            ),
        ),
        Event(
            id="e4deploy",
            predicate="deploy",
            event_class=None,
            subject="country:xa",
            object="org:nac",
            negated=True,
            attributed_to=("person:li wei",),
            disputed=True,
            confidence=0.4,
            sources=("a2",),
            evidence=(
                _ev(
                    "a2",
                    "Examplia did not deploy near the Council, Wei said.",
                    "Examplia",
                    "did not deploy",
                    "the Council",
                    "Wei",
                ),
            ),
        ),
        Event(
            id="e5visit",
            predicate="visit",
            event_class="Consult",
            subject="person:li wei",
            object="country:xa",
            modality="plan to",
            time=TimeValue("next year", "2024"),
            confidence=0.5,
            sources=("a2",),
            evidence=(
                _ev(
                    "a2",
                    "Wei plans to visit Examplia next year.",
                    "Wei",
                    "plans to visit",
                    "Examplia",
                ),
            ),
        ),
        Event(
            id="e6rel",
            predicate="be member of",
            event_class=None,
            subject="country:xa",
            object="org:nac",
            relation=True,
            confidence=0.9,
            sources=("a1",),
            evidence=(
                _ev(
                    "a1",
                    "Examplia, a member of the Council, agreed.",
                    "Examplia",
                    "a member of",
                    "the Council",
                ),
            ),
        ),
    )
    return KnowledgeGraph(articles=articles, entities=entities, events=events)


def ring_of_names(
    article: Article, names: list[str], start: int = 0, attributed_to: str | None = None
) -> KnowledgeGraph:
    """A graph of one article where each name is a person who met the next one (the last the
    first): hostile names through every writer. Every event has the same evidence, the
    sentence "<first name> met <second name>." found at ``start`` in the article's text."""
    doc = article.id
    a, b = names[0], names[1]
    sentence = f"{a} met {b}."
    evidence = Evidence(
        doc=doc,
        sentence=sentence,
        sentence_span=Span(start, start + len(sentence), sentence),
        subject=Span(start, start + len(a), a),
        predicate=Span(start + len(a) + 1, start + len(a) + 4, "met"),
        object=Span(start + len(a) + 5, start + len(sentence) - 1, b),
        attributed_to=attributed_to,
    )
    entities = tuple(
        Entity(
            key=f"person:{name}",
            label=name,
            type="Person",
            aliases=(name + " alias",),
            sources=(doc,),
            mentions=1,
        )
        for name in names
    )
    events = tuple(
        Event(
            id=f"ev{n}",
            predicate=f'meet <{n}> "x"\\ \U0001f600' if n % 2 else "meet",
            event_class=None,
            subject=f"person:{a}",
            object=f"person:{b}",
            sources=(doc,),
            evidence=(evidence,),
        )
        for n, (a, b) in enumerate(zip(names, names[1:] + names[:1], strict=True))
    )
    return KnowledgeGraph(articles=(article,), entities=entities, events=events)


def write_build(folder: Path, kg: KnowledgeGraph | None = None, store: bool = True) -> Path:
    """Write the RDF files of a build (and its store) into ``folder``."""
    from kgbuild.store import build_store
    from kgbuild.writers import jsonld, nquads, trig, turtle

    kg = kg or sample_kg()
    folder.mkdir(parents=True, exist_ok=True)
    turtle.write(kg, folder / "graph.ttl")
    trig.write(kg, folder / "graph.trig")
    nquads.write(kg, folder / "graph.nq")
    jsonld.write(kg, folder / "graph.jsonld")
    (folder / "graph.html").write_text(
        "<!doctype html><title>graph</title><p>graph</p>", encoding="utf-8"
    )
    if store:
        build_store(folder)
    return folder
