"""The event taxonomy: lexicon → class, and the classes in the ontology and the namespace."""

from __future__ import annotations

import doctest
import re

import pytest
from conftest import ROOT
from rdflib import RDFS, Graph, Literal, URIRef

from kgbuild.events import taxonomy
from kgbuild.events.taxonomy import CLASS_NAMES, CLASSES, classify, lexicon
from kgbuild.rdf.namespace import KG

ONTOLOGY = ROOT / "ontology" / "kgbuild.ttl"
NAMESPACE = ROOT / "kgbuild" / "rdf" / "namespace.py"
TAXONOMY_START = "# ---- event taxonomy"
TAXONOMY_END = "# ---- end of event taxonomy"


@pytest.mark.parametrize(
    ("lemma", "cls"),
    [
        ("say", "MakePublicStatement"),
        ("announce", "MakePublicStatement"),
        ("speak", "MakePublicStatement"),
        ("speak with", "Consult"),
        ("call for", "Appeal"),
        ("urge", "Appeal"),
        ("offer", "ExpressIntentToCooperate"),
        ("meet", "Consult"),
        ("meet with", "Consult"),
        ("visit", "Consult"),
        ("host", "Consult"),
        ("talks", "Consult"),
        ("sign", "EngageInDiplomaticCooperation"),
        ("cooperate", "EngageInMaterialCooperation"),
        ("provide", "ProvideAid"),
        ("pull back", "Yield"),
        ("withdraw", "Yield"),
        ("investigate", "Investigate"),
        ("demand", "Demand"),
        ("accuse", "Disapprove"),
        ("criticize", "Disapprove"),
        ("reject", "Reject"),
        ("deny", "Reject"),
        ("dismiss", "Reject"),
        ("threaten", "Threaten"),
        ("protest", "Protest"),
        ("deploy", "ExhibitForcePosture"),
        ("mass", "ExhibitForcePosture"),
        ("sanction", "ReduceRelations"),
        ("arrest", "Coerce"),
        ("attack", "Assault"),
        ("invade", "Fight"),
        ("massacre", "UseUnconventionalMassViolence"),
        # the whole lemma first, then without its trailing preposition
        ("say on", "MakePublicStatement"),
        ("deploy near", "ExhibitForcePosture"),
        # generic events keep no class
        ("want", None),
        ("be", None),
        ("call", None),
        ("", None),
    ],
)
def test_classify(lemma: str, cls: str | None) -> None:
    assert classify(lemma) == cls


def test_twenty_cameo_categories_in_code_order() -> None:
    assert len(CLASSES) == 20
    assert [c.code for c in CLASSES] == [f"{i:02d}" for i in range(1, 21)]
    assert len(set(CLASS_NAMES)) == 20


def test_lexicon_uses_only_known_classes() -> None:
    table = lexicon()
    assert len(table) > 300
    assert set(table.values()) <= set(CLASS_NAMES)
    assert set(table.values()) == set(CLASS_NAMES), "every class has at least one lemma"


def test_lexicon_rows_are_well_formed() -> None:
    text = (ROOT / "kgbuild" / "data" / "cameo.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        lemma, cls, code = line.split("\t")
        assert lemma == lemma.lower().strip(), n
        assert taxonomy.event_class(cls) is not None and taxonomy.event_class(cls).code == code, n


def test_ontology_declares_every_class() -> None:
    g = Graph().parse(ONTOLOGY)
    for c in CLASSES:
        iri = URIRef(str(KG._NS) + c.name)
        assert (iri, RDFS.subClassOf, KG.Event) in g, c.name
        assert (iri, RDFS.label, Literal(c.label, lang="en")) in g, c.name
        assert (iri, RDFS.comment, Literal(c.comment, lang="en")) in g, c.name
    subclasses = {str(s).removeprefix(str(KG._NS)) for s in g.subjects(RDFS.subClassOf, KG.Event)}
    assert set(CLASS_NAMES) <= subclasses


def test_taxonomy_section_is_one_delimited_block_at_the_end() -> None:
    text = ONTOLOGY.read_text(encoding="utf-8")
    start = text.index(
        "# ================================================================== event taxonomy"
    )
    end = text.index(
        "# ================================================================== end of event taxonomy"
    )
    assert not text[end:].split("\n", 1)[1].strip(), "nothing after the taxonomy section"
    declared = re.findall(r"^kg:(\w+) a owl:Class", text[start:end], flags=re.M)
    assert declared == list(CLASS_NAMES)


def test_namespace_block_mirrors_the_taxonomy() -> None:
    text = NAMESPACE.read_text(encoding="utf-8")
    block = text[text.index(TAXONOMY_START) : text.index(TAXONOMY_END)]
    assert re.findall(r"^\s+(\w+): URIRef", block, flags=re.M) == list(CLASS_NAMES)
    for name in CLASS_NAMES:
        assert str(getattr(KG, name)) == str(KG._NS) + name


def test_doctests() -> None:
    assert doctest.testmod(taxonomy).failed == 0
