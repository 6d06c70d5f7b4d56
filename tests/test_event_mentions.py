"""Event mentions: the words that name an event, whether or not a triple reports it."""

from __future__ import annotations

import pytest

from kgbuild.events.mentions import find_event_mentions

# (sentence, words that are event mentions, words that are not)
CASES = [
    ("The earthquake killed dozens of people.", {"earthquake", "killed"}, {"people"}),
    ("He was arrested on suspicion of DUI.", {"arrested", "suspicion", "DUI"}, {"He"}),
    ("Two men face charges of piracy and manslaughter.", {"piracy", "manslaughter"}, {"men"}),
    ("The injured man was taken to a hospital.", {"injured"}, {"man", "hospital"}),
    ("She said the talks had been a success.", {"talks"}, {"said", "been"}),
]


@pytest.mark.parametrize(("text", "events", "others"), CASES)
def test_event_mentions(nlp, text: str, events: set[str], others: set[str]) -> None:
    found = {m.span.text for m in find_event_mentions(nlp(text), ())}
    assert events <= found, found
    assert not others & found, found


@pytest.mark.parametrize(
    ("text", "lemma"),
    [("He was arrested for drunk driving.", "drunk driving"), ("She was driving home.", "drive")],
)
def test_a_word_and_the_word_before_it_may_name_the_event(nlp, text: str, lemma: str) -> None:
    (driving,) = [m for m in find_event_mentions(nlp(text), ()) if m.span.text == "driving"]
    assert driving.lemma == lemma
