"""The compiled attribute ruler gives the attributes of spaCy's ``attribute_ruler``, token for
token: on hand-built ``Doc``s with spaCy's own ruler as the reference, and on the seeds with
the real model."""

from __future__ import annotations

import doctest
import random
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

import kgbuild.nlp.attributes as attributes
from kgbuild.nlp.attributes import (
    ATTRIBUTE_TABLE,
    AttributeTable,
    UnsupportedPattern,
    compile_ruler,
    token_test,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

#: Patterns of every kind the English models use: a tag map, word exceptions that override
#: it, sets, negated sets, regular expressions, dependency labels, spaces, and patterns of two
#: tokens that set the first or the second one.
PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "VBZ"}]], "attrs": {"POS": "VERB", "MORPH": "Number=Sing|Person=3"}},
    {"patterns": [[{"TAG": "PRP"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": "IN"}]], "attrs": {"POS": "ADP"}},
    {"patterns": [[{"TAG": "DT"}]], "attrs": {"POS": "DET"}},
    {"patterns": [[{"TAG": "_SP"}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
    {"patterns": [[{"TAG": "PRP", "LOWER": "him"}]], "attrs": {"LEMMA": "he", "MORPH": "Case=Acc"}},
    {"patterns": [[{"TAG": "VBZ", "LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"TAG": "IN", "LOWER": {"IN": ["that", "if"]}}]], "attrs": {"POS": "SCONJ"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "him", "DEP": {"IN": ["dobj", "pobj"]}}]], "attrs": {"LEMMA": "HE"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": "aux"}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "DT"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "'s"]}}]], "attrs": {"POS": "VERB"}, "index": -1},
    {"patterns": [[{"TAG": "VBZ", "LOWER": "gets"}], [{"TAG": "NN", "LOWER": "is"}]], "attrs": {"LEMMA": "get"}},
    {"patterns": [[{"TAG": "_SP", "IS_SPACE": False}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], "attrs": {"DEP": "dep"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "MORPH": "_"}},
]  # fmt: skip

WORDS = ["him", "is", "'s", "that", "if", "gon", "na", "nothin'", "there", "the", "gets", "\n", "x"]
TAGS = ["NN", "VBZ", "PRP", "IN", "DT", "_SP", "TO", "MD"]
DEPS = ["dobj", "pobj", "aux", "det", "expl", "nsubj", "ROOT", "dep"]


def _attrs(doc):
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def _random_doc(vocab, rng: random.Random, n: int) -> Doc:
    words = [rng.choice(WORDS) for _ in range(n)]
    heads = [rng.randrange(n) for _ in range(n)]
    return Doc(
        vocab,
        words=words,
        spaces=[False] * n,
        tags=[rng.choice(TAGS) for _ in range(n)],
        deps=[rng.choice(DEPS) for _ in range(n)],
        heads=heads,
    )


@pytest.fixture(scope="module")
def pair():
    """A blank pipeline with spaCy's ruler of :data:`PATTERNS`, one with the table."""
    ruler_nlp, table_nlp = spacy.blank("en"), spacy.blank("en")
    ruler_nlp.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    table_nlp.add_pipe(ATTRIBUTE_TABLE, config={"patterns": PATTERNS})
    return ruler_nlp, table_nlp


@pytest.mark.parametrize("seed", range(40))
def test_table_sets_what_spacys_ruler_sets(pair, seed):
    ruler_nlp, table_nlp = pair
    rng = random.Random(seed)
    n = rng.randrange(1, 30)
    expected = ruler_nlp.get_pipe("attribute_ruler")(_random_doc(ruler_nlp.vocab, rng, n))
    rng = random.Random(seed)
    rng.randrange(1, 30)
    got = table_nlp.get_pipe(ATTRIBUTE_TABLE)(_random_doc(table_nlp.vocab, rng, n))
    assert _attrs(got) == _attrs(expected)


@pytest.mark.parametrize(
    ("words", "tags", "deps", "expected"),
    [
        # the tag map, then a word exception that overrides it: a later pattern wins
        (["him"], ["PRP"], ["nsubj"], [("PRON", "he", "Case=Acc")]),
        (["him"], ["PRP"], ["dobj"], [("PRON", "HE", "Case=Acc")]),
        # both tokens of a two-token pattern, each set by its own rule
        (["gon", "na"], ["NN", "TO"], ["ROOT", "aux"], [("NOUN", "go", "Number=Sing"), ("", "to", "")]),
        # index -1 sets the last token of the match
        (["there", "is"], ["DT", "VBZ"], ["expl", "ROOT"], [("PRON", "", ""), ("VERB", "", "Number=Sing|Person=3")]),
        (["nothin'"], ["NN"], ["ROOT"], [("NOUN", "nothing", "Number=Sing")]),
        (["the"], ["DT"], ["det"], [("DET", "", "")]),
    ],
)  # fmt: skip
def test_table_examples(pair, words, tags, deps, expected):
    _, table_nlp = pair
    n = len(words)
    doc = Doc(table_nlp.vocab, words=words, tags=tags, deps=deps, heads=list(range(n)))
    doc = table_nlp.get_pipe(ATTRIBUTE_TABLE)(doc)
    assert [(t.pos_, t.lemma_, str(t.morph)) for t in doc] == expected


def test_a_space_takes_the_space_rules(pair):
    _, table_nlp = pair
    doc = Doc(table_nlp.vocab, words=["x", "\n"], spaces=[False, False], tags=["NN", "NN"])
    doc = table_nlp.get_pipe(ATTRIBUTE_TABLE)(doc)
    assert [(t.tag_, t.pos_, str(t.morph)) for t in doc][1] == ("_SP", "NOUN", "")


def test_empty_doc(pair):
    _, table_nlp = pair
    assert len(table_nlp.get_pipe(ATTRIBUTE_TABLE)(Doc(table_nlp.vocab, words=[]))) == 0


@pytest.mark.parametrize(
    "pattern",
    [
        {"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"ORTH": "Him"}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"LOWER": {"FUZZY": "him"}}]], "attrs": {"POS": "PRON"}},
        {"patterns": [[{"LENGTH": {">=": 3}}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"_": {"x": 1}}},
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}, "index": 2},
    ],
)
def test_patterns_it_cannot_evaluate_are_refused(pattern):
    with pytest.raises(UnsupportedPattern):
        AttributeTable(spacy.blank("en").vocab, [pattern])


def test_compile_ruler_keeps_a_ruler_it_cannot_compile():
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(
        [{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}}]
    )
    assert not compile_ruler(nlp)
    assert nlp.pipe_names == ["attribute_ruler"]


def test_compile_ruler_takes_the_rulers_place():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("attribute_ruler").add_patterns(PATTERNS)
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert compile_ruler(nlp)
    assert nlp.pipe_names == ["sentencizer", ATTRIBUTE_TABLE, "lemmatizer"]
    assert not compile_ruler(nlp)  # no ruler left


def test_token_test_on_a_key():
    test = token_test({"TAG": "IN", "LOWER": {"IN": ["that", "if"]}, "IS_SPACE": False})
    assert test(("IN", "that", "mark", False))
    assert not test(("IN", "that", "mark", True))
    assert not test(("IN", "of", "prep", False))


def test_doctests():
    assert doctest.testmod(attributes).failed == 0


@pytest.mark.slow
def test_the_model_runs_the_table_in_place_of_its_ruler(nlp):
    assert ATTRIBUTE_TABLE in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names
    assert nlp.pipe_names.index("parser") < nlp.pipe_names.index(ATTRIBUTE_TABLE)
    assert nlp.pipe_names.index(ATTRIBUTE_TABLE) < nlp.pipe_names.index("lemmatizer")


@pytest.mark.slow
def test_the_model_annotates_the_seeds_as_with_its_own_ruler(nlp):
    from kgbuild.nlp import DEFAULT_MODEL

    reference = spacy.load(DEFAULT_MODEL)
    reference.add_pipe("line_break_sentences", before="parser")
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert texts
    for ours, theirs in zip(nlp.pipe(texts), reference.pipe(texts), strict=True):
        assert [(*a, t.head.i, t.ent_type_) for a, t in zip(_attrs(ours), ours, strict=True)] == [
            (*a, t.head.i, t.ent_type_) for a, t in zip(_attrs(theirs), theirs, strict=True)
        ]
