"""Extraction lexicons, read once from ``kgbuild/data/`` (plain text, ``#`` comments).

>>> "say" in speech_verbs()
True
>>> nominal_events()["talks"]
'meet'
>>> control_verbs()["fail"]
'neg'
"""

from __future__ import annotations

from functools import cache

from kgbuild import datafiles

_lines = datafiles.lines
_rows = datafiles.rows


def _table(name: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for ln in _lines(name):
        key, _, value = ln.partition("\t")
        out[key.strip().lower()] = value.strip()
    return out


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas of verbs of saying: their complement clause is attributed to their subject."""
    return frozenset(x.lower() for x in _lines("speech_verbs.txt"))


@cache
def complex_preposition_nouns() -> frozenset[str]:
    """Nouns that make a complex preposition with the preposition before them and "of"/"to"
    after ("in favour of", "on behalf of", "in response to"): the object is what follows."""
    return frozenset(x.lower() for x in _lines("complex_preposition_nouns.txt"))


@cache
def light_verbs() -> frozenset[str]:
    """Lemmas of light verbs: with an event noun as object, the noun carries the event."""
    return frozenset(x.lower() for x in _lines("light_verbs.txt"))


@cache
def unaccusative_verbs() -> frozenset[str]:
    """Lemmas whose subject undergoes the event when they take no object ("shares fell")."""
    return frozenset(_table("unaccusative_verbs.txt"))


@cache
def motion_verbs() -> frozenset[str]:
    """Unaccusative verbs of motion: a person as their subject acts ("the envoy arrived")."""
    return frozenset(k for k, v in _table("unaccusative_verbs.txt").items() if v == "motion")


@cache
def object_control_verbs() -> frozenset[str]:
    """Lemmas whose object is the subject of their infinitive ("urged X to talk": X talks)."""
    return frozenset(x.lower() for x in _lines("object_control_verbs.txt"))


@cache
def prepositional_control_verbs() -> frozenset[str]:
    """Verb lemma and preposition whose object is the subject of their infinitive ("call on":
    "called on X to meet": X meets)."""
    return frozenset(" ".join(x.lower().split()) for x in _lines("prepositional_control_verbs.txt"))


@cache
def agent_nouns() -> frozenset[str]:
    """Common nouns naming actors: as modifiers of an event noun, its agent ("government aid")."""
    return frozenset(x.lower() for x in _lines("agent_nouns.txt"))


#: Nouns of a group of people taken as one body: "the team, which …" is fine.
COLLECTIVE_NOUNS = frozenset(
    {"police", "force", "troop", "team", "crew", "coalition", "opposition", "jury", "source"}
)


@cache
def person_nouns() -> frozenset[str]:
    """Common nouns of which one is a person ("officer", "spokesman"): the ``Person`` and
    ``Group`` lemmas of ``actor_nouns.tsv`` but collective ones."""
    return frozenset(
        row[0].lower()
        for row in _rows("actor_nouns.tsv")
        if len(row) > 1 and row[1] in {"Person", "Group"} and row[0].lower() not in COLLECTIVE_NOUNS
    )


@cache
def actor_nouns() -> frozenset[str]:
    """Common nouns naming actors, people or institutions ("minister", "police"), the lemmas of
    ``actor_nouns.tsv``."""
    return frozenset(row[0].lower() for row in _rows("actor_nouns.tsv") if row)


@cache
def topic_event_verbs() -> frozenset[str]:
    """Verbs whose event noun takes a topic as modifier ("security talks"), with verbs of saying."""
    return frozenset(x.lower() for x in _lines("topic_event_verbs.txt")) | speech_verbs()


@cache
def nominal_events() -> dict[str, str]:
    """Event nouns (lemma or plural form) → the verb predicate they stand for."""
    return _table("nominal_events.tsv")


@cache
def control_verbs() -> dict[str, str]:
    """Governors of open complements ("agree to", "ready to") → "pos" or "neg" polarity."""
    return _table("control_verbs.txt")


__all__ = [
    "actor_nouns",
    "agent_nouns",
    "complex_preposition_nouns",
    "control_verbs",
    "light_verbs",
    "motion_verbs",
    "nominal_events",
    "object_control_verbs",
    "person_nouns",
    "prepositional_control_verbs",
    "speech_verbs",
    "topic_event_verbs",
    "unaccusative_verbs",
]
