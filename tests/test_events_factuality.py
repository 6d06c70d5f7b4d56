"""Factuality of event mentions: negation, modality, conditionals, questions (spaCy parses)."""

from __future__ import annotations

import pytest

from kgbuild.events.factuality import CONDITIONAL, QUESTION, modality, negated

pytestmark = pytest.mark.slow


def _token(doc, word: str, nth: int = 0):
    hits = [t for t in doc if t.text == word]
    assert len(hits) > nth, f"{word!r} not in {doc.text!r}"
    return hits[nth]


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("The union does not want a strike.", "want", True),
        ("The union never wanted a strike.", "wanted", True),
        ("The union didn't sign the deal.", "sign", True),
        ("The ministry gave no figures on the losses.", "gave", True),
        ("Nothing changed after the vote.", "changed", True),
        ("Neither the bank nor the fund lowered its forecast.", "lowered", True),
        ("The company failed to repay the loan.", "repay", True),
        ("The mayor refused to resign.", "resign", True),
        ("The council declined to comment.", "comment", True),
        ("The firm denied that it had paid the officials.", "paid", True),
        ("She left without signing the contract.", "signing", True),
        ("He could no longer pay his workers.", "pay", True),
        ("The airline cancelled the flight.", "flight", True),
        ("The postponed summit will take place in June.", "summit", True),
        ("The parties held no talks this week.", "talks", True),
        ("The talks did not take place.", "talks", True),
        ("The union is not ready to end the strike.", "end", True),
        # a near miss did not happen
        ("The storm nearly destroyed the village.", "destroyed", True),
        ("The scandal almost forced the minister out.", "forced", True),
        ("The president in no way directed the agency to change the cover.", "directed", True),
        # not negated
        ("The union wants a strike.", "wants", False),
        ("The firm did not fail to repay the loan.", "repay", False),
        ("The firm denied that it had paid the officials.", "denied", False),
        ("The ministry said nothing had changed.", "said", False),
        ("The strike was not reported by the press.", "strike", False),
        ("The union is ready to end the strike.", "end", False),
    ],
)
def test_negated(nlp, sentence: str, word: str, expected: bool) -> None:
    assert negated(_token(nlp(sentence), word)) is expected


@pytest.mark.parametrize(
    ("sentence", "word", "expected"),
    [
        ("The bank may raise rates.", "raise", "may"),
        ("The bank might raise rates.", "raise", "might"),
        ("The bank could raise rates.", "raise", "could"),
        ("The bank would raise rates.", "raise", "would"),
        ("The bank will raise rates.", "raise", "will"),
        ("The bank won't raise rates.", "raise", "will"),
        ("The bank is ready to raise rates.", "raise", "ready to"),
        ("The bank plans to raise rates.", "raise", "plan to"),
        ("The union threatened to strike.", "strike", "threaten to"),
        ("The country's bid to join the union failed.", "join", "bid to"),
        ("The mayor asked that the council approve the budget.", "approve", "ask"),
        ("The mayor urged the council to approve the budget.", "approve", "urge"),
        ("Workers to strike over pay", "strike", "will"),
        ("If the talks fail, the union will strike.", "fail", CONDITIONAL),
        ("Unless the council approves the budget, the mayor resigns.", "approves", CONDITIONAL),
        ("Did the council approve the budget?", "approve", QUESTION),
        # an aim, not a report: an adverbial infinitive and "in order to"
        ("Police came to the house to arrest the suspect.", "arrest", "in order to"),
        ("The firm has been working to complete the plant.", "complete", "in order to"),
        ("The council met in order to adopt the budget.", "adopt", "in order to"),
        # a "to"-infinitive with its own subject is stated as its governor is
        ("The law would have allowed the mayor to seek a third term.", "seek", "would allow"),
        ("The minister was killed as she was about to deliver a speech.", "deliver", "about to"),
        # what is let or barred happening is stated as such
        ("The ruling allows companies to offset their losses.", "offset", "allow"),
        ("The envoy was barred from visiting the island.", "visiting", "bar"),
        # what a claim, report or allegation says is claimed, not reported
        ("The judge dismissed claims that the mosque was tied to crime.", "tied", "claim"),
        ("The minister rejected reports that the army had fired on crowds.", "fired", "report"),
        ("Reporters asked whether the council approved the budget.", "approved", QUESTION),
        ("She wondered if the council had approved the budget.", "approved", QUESTION),
        # plain statements
        ("The bank raised rates.", "raised", None),
        ("The union threatened to strike.", "threatened", None),
        ("The council approved the budget, and the mayor signed it.", "signed", None),
        ("The council met to approve the budget.", "met", None),
    ],
)
def test_modality(nlp, sentence: str, word: str, expected: str | None) -> None:
    assert modality(_token(nlp(sentence), word)) == expected


def test_question_ends_at_its_mark(nlp) -> None:
    doc = nlp("“Will prices rise? Nobody knows,” the economist told reporters.")
    assert modality(_token(doc, "rise")) == QUESTION
    assert modality(_token(doc, "told")) is None
