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


@pytest.mark.parametrize(
    ("text", "word", "lemma"),
    [
        ("He was arrested on suspicion of driving under the influence.", "influence", "dui"),
        ("A gunman opened fire at an office Christmas party.", "party", "party"),
        ("Dozens of people were at the party when he came in.", "party", "party"),
        ("They threw a party for her.", "party", "party"),
        ("She will host the Oscars next year.", "Oscars", "academy awards"),
        ("He won at the Academy Awards in Los Angeles.", "Awards", "academy awards"),
        ("The Golden Globes were held on Sunday.", "Globes", "golden globes"),
        ("The gunman opened fire at the party.", "opened", "shoot"),
        ("She opened the door.", "opened", "open"),
        ("The navy took 23 pirates into custody.", "took", "arrest"),
        ("She was killed in a hit-and-run on Friday.", "run", "flee"),
        ("Woman Killed In Queens Hit - And - Run", "Run", "flee"),
        # a headline in title case: verbs and adjectives tagged as proper nouns
        ("Board Nominates Smith As Chair", "Nominates", "nominate"),
        ("Local Team Wins Title", "Wins", "win"),
        ("Climber Found Dead On Mountain Ridge", "Dead", "die"),
    ],
)
def test_phrases_names_and_nouns_in_context_name_events(
    nlp, text: str, word: str, lemma: str
) -> None:
    found = {m.span.text: m.lemma for m in find_event_mentions(nlp(text), ())}
    assert found.get(word) == lemma, found


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The party won the election.", "party"),
        ("He joined the party in 1990.", "party"),
        ("Oscar Wilde wrote plays.", "Oscar"),
        ("The Academy Awards Committee met.", "Awards"),
        ("The Wins family moved to Ohio last year.", "Wins"),  # no headline
    ],
)
def test_a_noun_or_name_without_its_company_names_no_event(nlp, text: str, word: str) -> None:
    found = {m.span.text for m in find_event_mentions(nlp(text), ())}
    assert word not in found, found
