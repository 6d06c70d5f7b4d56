"""A line break starts a sentence: the ``line_break_sentences`` pipeline component."""

from __future__ import annotations

import doctest

import pytest
import spacy

import kgbuild.nlp.components as components
from kgbuild.errors import ModelError
from kgbuild.nlp.components import LINE_BREAKS

TEXT = "Carmaker cuts jobs\nMay 4, 2009\n\nThe company said on Monday it would close two plants."


def _starts(text: str, **config: int) -> list[str]:
    nlp = spacy.blank("en")
    nlp.add_pipe(LINE_BREAKS, config=config)
    return [t.text for t in nlp(text) if t.is_sent_start]


@pytest.mark.parametrize(
    ("text", "config", "starts"),
    [
        (TEXT, {}, ["Carmaker", "May", "The"]),
        (TEXT, {"min_breaks": 2}, ["Carmaker", "The"]),
        ("One line only.", {}, ["One"]),
        ("Ends with a break\n", {}, ["Ends"]),
        ("Indented\n   next line", {}, ["Indented", "next"]),
        ("Windows\r\nline", {}, ["Windows", "line"]),
    ],
)
def test_first_word_after_a_line_break_starts_a_sentence(text, config, starts):
    assert _starts(text, **config) == starts


def test_config_is_checked():
    with pytest.raises(ModelError):
        _starts(TEXT, min_breaks=0)


def test_doctests():
    assert doctest.testmod(components).failed == 0


@pytest.mark.slow
def test_model_runs_it_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index(LINE_BREAKS) < names.index("parser")


@pytest.mark.slow
def test_title_and_date_lines_are_sentences_of_their_own(nlp):
    from kgbuild.extract import extract_triples

    doc = nlp(TEXT)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[:2] == ["Carmaker cuts jobs", "May 4, 2009"]
    said = [t for t in extract_triples(doc, doc_id="t") if t.predicate.lemma == "say"]
    assert [t.subject.span.text for t in said] == ["The company"]
