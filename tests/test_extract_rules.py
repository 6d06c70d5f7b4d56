"""Fast checks of the extraction rules and lexicons (no spaCy model needed)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgbuild.extract import confidence
from kgbuild.extract.lexicon import (
    agent_nouns,
    control_verbs,
    light_verbs,
    motion_verbs,
    nominal_events,
    object_control_verbs,
    speech_verbs,
    topic_event_verbs,
    unaccusative_verbs,
)

ROOT = Path(__file__).resolve().parent.parent
RULE_FILES = (
    sorted((ROOT / "kgbuild" / "extract").glob("*.py"))
    + [
        ROOT / "kgbuild" / "data" / name
        for name in (
            "speech_verbs.txt",
            "light_verbs.txt",
            "nominal_events.tsv",
            "control_verbs.txt",
            "unaccusative_verbs.txt",
            "object_control_verbs.txt",
            "agent_nouns.txt",
            "topic_event_verbs.txt",
        )
    ]
    + [ROOT / "kgbuild" / "nlp" / "components.py"]
)

#: People of the seed articles: rules must never know them.
SEED_NAMES = ("putin", "scholz", "lavrov", "biden", "zelensky", "stoltenberg", "blinken")


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_rules_name_nobody(path):
    text = path.read_text(encoding="utf-8").lower()
    assert not [n for n in SEED_NAMES if n in text]


@pytest.mark.parametrize(
    ("noun", "verb"),
    [
        ("talks", "meet"),
        ("meeting", "meet"),
        ("summit", "meet"),
        ("demand", "demand"),
        ("withdrawal", "withdraw"),
    ],
)
def test_nominal_events(noun, verb):
    assert nominal_events()[noun] == verb


def test_lexicons_are_lower_case_and_disjoint_where_it_matters():
    for lex in (
        speech_verbs(),
        light_verbs(),
        unaccusative_verbs(),
        frozenset(control_verbs()),
        object_control_verbs(),
        agent_nouns(),
        topic_event_verbs(),
    ):
        assert lex and all(w == w.lower() and w.strip() == w and " " not in w for w in lex)
    assert set(control_verbs().values()) == {"pos", "neg"}
    assert not speech_verbs() & unaccusative_verbs()
    assert motion_verbs() and motion_verbs() <= unaccusative_verbs()
    assert not topic_event_verbs() & unaccusative_verbs()


def test_confidence_is_a_probability_and_ranks_features():
    base = confidence.Features(construction="verbal", object="dobj")
    worse = [
        confidence.Features(construction="verbal", object="none"),
        confidence.Features(construction="verbal", object="dobj", pronoun_subject=True),
        confidence.Features(construction="verbal", object="dobj", subject_via="pcomp"),
        confidence.Features(construction="title", object="complement"),
        confidence.Features(construction="verbal", object="none", bare=True),
    ]
    for f in worse:
        assert 0.0 < confidence.score(f) < confidence.score(base) < 1.0
    assert confidence.score(
        confidence.Features(construction="verbal", object="none", bare=True)
    ) < confidence.score(confidence.Features(construction="verbal", object="none"))
