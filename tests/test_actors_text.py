"""Actors on hand-written sentences, through the spaCy model: which entity each mention is."""

from __future__ import annotations

import pytest

from kgbuild.actors import analyze_actors
from kgbuild.records import Article, Span

pytestmark = pytest.mark.slow


def _index(nlp, text: str):
    return analyze_actors(nlp(text), Article(id="t", text=text, title=""))


def _entity_at(index, text: str, surface: str, nth: int = 0):
    """The entity of the ``nth`` occurrence of ``surface`` (by its last word, the head)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    head_word = surface.split()[-1]
    h = start + surface.rindex(head_word)
    ref = index.lookup(
        Span(start, start + len(surface), surface), Span(h, h + len(head_word), head_word)
    )
    return ref


CASES = [
    # (text, surface, occurrence, expected key)  — names, variants, titles
    (
        "French President Emmanuel Macron met farmers on Monday. Macron promised new subsidies.",
        "Macron",
        1,
        "person:emmanuel macron",
    ),
    (
        "Macron arrives in Brussels. French President Emmanuel Macron will meet other leaders there.",
        "Macron",
        0,
        "person:emmanuel macron",
    ),
    ("Officials in the U.S. and the United States Congress disagreed.", "U.S.", 0, "country:US"),
    ("The USA and Canada signed the deal.", "USA", 0, "country:US"),
    ("Britain’s economy grew faster than expected.", "Britain", 0, "country:GB"),
    ("BERLIN, March 3 (Reuters) - Germany's economy shrank.", "Germany", 0, "country:DE"),
    ("The Group of Seven said it would act.", "Group of Seven", 0, "organization:g7"),
    ("Nato allies met in Vilnius.", "Nato", 0, "organization:nato"),
    ("The EU and Japan agreed on tariffs.", "EU", 0, "organization:eu"),
    # metonymy is applied on triples; mentions keep the place
    ("Paris said on Monday that the plan was dead.", "Paris", 0, "place:paris"),
    ("The Kremlin denied the report.", "Kremlin", 0, "place:kremlin"),
    # country adjectives and institutions
    ("Japanese officials declined to comment.", "Japanese", 0, "country:JP"),
    ("The Italian government collapsed on Thursday.", "The Italian government", 0, "country:IT"),
    (
        "The Australian Government criticised the plan.",
        "The Australian Government",
        0,
        "country:AU",
    ),
    (
        "France’s Foreign Ministry summoned the ambassador.",
        "France’s Foreign Ministry",
        0,
        "organization:french foreign ministry",
    ),
    # a title after a country inside a span the model took for an organisation
    (
        "United States Representative Jonah Example died on Monday. He was 68.",
        "United States Representative Jonah Example",
        0,
        "person:jonah example",
    ),
    # an acronym the article spells out is keyed by what it stands for
    (
        "The Northern Rail Workers Union (NRWU) called a strike. The NRWU said talks failed."
        " The NRWU will meet on Monday.",
        "NRWU",
        1,
        "organization:northern rail workers union",
    ),
]

#: A surname past the lead, before every full name that ends with it, is someone else.
LATE = (
    "The congressman died on Thursday. He was 68. Colleagues praised his work. "
    "The hearing was postponed. Lawmakers left the capital. "
    "Harlow had chaired the committee since 2019. "
    "His mother, Mae Ellen Harlow, was a farmer."
)


GENERIC = [
    # capitalised common nouns name a different body in each country: no entity of their own
    ("The Government announced new taxes on Monday.", "The Government"),
    ("Parliament passed the bill after a long debate.", "Parliament"),
    ("The Senate rejected the budget.", "Senate"),
    ("Police arrested two men in the city centre.", "Police"),
    ("The Opposition called for an inquiry.", "Opposition"),
]


@pytest.mark.parametrize(("text", "surface"), GENERIC)
def test_generic_capitalised_noun_is_no_named_entity(nlp, text, surface):
    ref = _entity_at(_index(nlp, text), text, surface)
    assert ref is None or ref.key.startswith("thing:") or "/" in ref.key, ref


@pytest.mark.parametrize(("text", "surface", "nth", "key"), CASES)
def test_mention_entity(nlp, text, surface, nth, key):
    ref = _entity_at(_index(nlp, text), text, surface, nth)
    assert ref is not None and ref.key == key


COREF = [
    # pronouns
    (
        "Angela Merkel arrived late. She said the talks had gone well.",
        "She",
        "person:angela merkel",
    ),
    ("Chancellor Gerhard Schroeder said he would resign.", "he", "person:gerhard schroeder"),
    ("Spain said it would send ships.", "it", "country:ES"),
    # definite descriptions
    (
        "German Chancellor Angela Merkel visited Kyiv. The German chancellor promised aid.",
        "The German chancellor",
        "person:angela merkel",
    ),
    (
        "Turkish President Recep Tayyip Erdogan spoke first. The Turkish leader warned the rebels.",
        "The Turkish leader",
        "person:recep tayyip erdogan",
    ),
    (
        "NATO members met in Madrid. The alliance agreed to raise spending.",
        "The alliance",
        "organization:nato",
    ),
    (
        "Siemens reported higher profits. The company also raised its forecast.",
        "The company",
        "organization:siemens",
    ),
    # quotations: I is the speaker; a person's we is the country or organisation named as
    # theirs
    (
        "“We will not give in,” New Zealand Prime Minister Jacinda Ardern said.",
        "We",
        "country:NZ",
    ),
    (
        "Mayor Sadiq Khan told reporters: “I am proud of this city.”",
        "I",
        "person:sadiq khan",
    ),
]


def test_surname_past_the_lead_before_the_full_names_stays_apart(nlp):
    ref = _entity_at(_index(nlp, LATE), LATE, "Harlow")
    assert ref is None or ref.key == "person:harlow", ref


@pytest.mark.parametrize(("text", "surface", "key"), COREF)
def test_coreference(nlp, text, surface, key):
    ref = _entity_at(_index(nlp, text), text, surface)
    assert ref is not None and ref.key == key
    assert ref.mentioned_as is not None


@pytest.mark.parametrize(
    "text",
    [
        "“We will not give in,” Prime Minister Jacinda Ardern said.",
        '"We sometimes make mistakes," said Ann Lee.',
    ],
)
def test_a_persons_we_is_not_the_person(nlp, text):
    ref = _entity_at(_index(nlp, text), text, "We")
    assert ref is None or ref.type != "Person", ref


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("It is clear that the plan failed.", "It"),
        ("Do you want it or not?", "it"),
        ("The president arrived late.", "president"),  # no president named before
        ("They said nothing.", "They"),
    ],
)
def test_unresolved_stays_unresolved(nlp, text, surface):
    assert _entity_at(_index(nlp, text), text, surface) is None


def test_title_becomes_role_and_person_type(nlp):
    text = (
        "Chancellor Scholtzberg met Finance Minister Karl Example of Ruritania. Scholtzberg left."
    )
    roles = {(m.entity.key, m.entity.type, m.role) for m in _index(nlp, text).mentions}
    assert ("person:scholtzberg", "Person", "Chancellor") in roles
    assert ("person:karl example", "Person", "Finance Minister") in roles


def test_capital_tagged_as_person_is_a_place(nlp):
    text = "Kyiv accused Moscow of stalling, and Kyiv asked for more weapons."
    index = _index(nlp, text)
    ref = _entity_at(index, text, "Kyiv")
    assert ref is not None and ref.key == "place:kyiv" and ref.type == "Place"
    assert index.stands_for["place:kyiv"].key == "country:UA"


def test_mention_spans_are_exact(nlp):
    text = "Russia’s Defence Ministry said Swedish Foreign Minister Ann Example arrived in Oslo."
    for m in _index(nlp, text).mentions:
        assert text[m.span.start : m.span.end] == m.span.text


def test_user_gazetteer_in_analysis(nlp, tmp_path):
    f = tmp_path / "g.tsv"
    f.write_text(
        "Zorblax Industries\tOrganization\tZorblax\thttp://www.wikidata.org/entity/Q42\n",
        encoding="utf-8",
    )
    text = "Zorblax shares fell sharply on Friday."
    index = analyze_actors(nlp(text), Article(id="t", text=text, title=""), gazetteer=str(f))
    keys = {m.entity.key for m in index.mentions}
    assert "organization:zorblax industries" in keys


@pytest.mark.parametrize(
    ("text", "surface", "key"),
    [
        # a name organisations of many countries share is one node per country
        (
            "Australia's Green Party criticised the budget. Australia votes in May.",
            "Green Party",
            "organization:green party@AU",
        ),
        (
            "The Green Party of Canada criticised the budget. Canada votes in May.",
            "Green Party of Canada",
            "organization:green party of canada",
        ),
        (
            "The Democratic Party chose its candidate in Ohio. The United States votes in "
            "November, and the United States counts every vote.",
            "Democratic Party",
            "organization:democratic party@US",
        ),
    ],
)
def test_a_name_many_countries_share_is_one_node_per_country(nlp, text, surface, key):
    ref = _entity_at(_index(nlp, text), text, surface)
    assert ref is not None and ref.key == key


def test_a_name_many_countries_share_without_a_country_stays_in_its_article(nlp):
    one = "The Green Party won two seats in Ontario. Venezuela sent observers."
    two = "The Green Party lost its leader."
    a = _entity_at(_index(nlp, one), one, "Green Party")
    b = _entity_at(_index(nlp, two), two, "Green Party")
    assert a is not None and b is not None and a.key != b.key
    assert a.key.startswith("organization:green party@")
