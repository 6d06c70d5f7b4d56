"""Reported speech: who an event is attributed to (spaCy parses)."""

from __future__ import annotations

import doctest

import pytest

from kgbuild.events import attribution
from kgbuild.events.attribution import find_sources, quote_regions


def _source(nlp, text: str, word: str, nth: int = 0):
    doc = nlp(text)
    tok = [t for t in doc if t.text == word][nth]
    return find_sources(doc).source(tok)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "word", "speaker", "kind"),
    [
        ("The minister said the army had left the town.", "left", "minister", "speech"),
        ("The minister said that the army had left the town.", "left", "minister", "speech"),
        ("The army has left the town, the minister said.", "left", "minister", "speech"),
        ("The minister told reporters the army had left the town.", "left", "minister", "speech"),
        ("Rebels accused the army of shelling the town.", "shelling", "Rebels", "speech"),
        ("According to the ministry, the army left the town.", "left", "ministry", "according"),
        (
            "“The army has left the town,” the mayor said on Sunday.",
            "left",
            "mayor",
            "speech",
        ),
        (
            "The mayor spoke to reporters. “The army has left the town. We are safe now.”",
            "are",
            None,
            None,
        ),
        (
            "“The army has left the town,” the mayor said. “We will rebuild the school.”",
            "rebuild",
            "mayor",
            "quote",
        ),
        ("Mayor Lindqvist: army has left the town\nMore follows.", "left", "Lindqvist", "headline"),
        ("Army has left the town — Lindqvist\nMore follows.", "left", "Lindqvist", "headline"),
        # not reported speech
        ("The army left the town on Sunday.", "left", None, None),
        ("The mayor said the army had left.\nThe school reopened.", "reopened", None, None),
        (
            "PARIS – The army left the town on Sunday, officials confirmed.",
            "left",
            "officials",
            "speech",
        ),
    ],
)
def test_source(nlp, text: str, word: str, speaker: str | None, kind: str | None) -> None:
    src = _source(nlp, text, word)
    if speaker is None:
        assert src is None
    else:
        assert src is not None and src.speaker.text == speaker and src.kind == kind


@pytest.mark.slow
def test_dateline_is_no_headline_speaker(nlp) -> None:
    src = _source(nlp, "PARIS – Army has left the town\nMore follows.", "left")
    assert src is None


@pytest.mark.slow
def test_saying_verb_is_not_attributed_to_its_own_speaker(nlp) -> None:
    assert _source(nlp, "The minister said the army had left the town.", "said") is None


def test_quote_regions() -> None:
    text = "He said: “We are ready.” Then \"no\" and ``fine''."
    assert [text[a:b] for a, b in quote_regions(text)] == ["We are ready.", "no", "fine"]
    assert quote_regions("an “unclosed quotation\n\nnext paragraph") == []


def test_doctests() -> None:
    assert doctest.testmod(attribution).failed == 0
