"""Type repair: one type per entity, voted over all its mentions.

The small model tags a surname as a place in one sentence and as a person in the next, and a
capital as a person. Every mention votes (a model label counts 1, a two-word person name 2); a
title before the name ("Chancellor X") counts 5; a gazetteer entry decides outright.

>>> decide({"Place": 3.0, "Person": 2.0})
'Place'
>>> decide({"Place": 3.0, "Person": 2.0}, title=True)
'Person'
>>> decide({"Person": 1.0}, gazetteer="Country")
'Country'
>>> decide({})
'Thing'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kgbuild.records import ENTITY_TYPES

#: Weight of a title cue: more than any likely run of contrary model labels.
TITLE_WEIGHT = 5.0

#: Tie-break order: the more specific reading first.
_PRIORITY = {
    t: i for i, t in enumerate(("Person", "Organization", "Country", "Place", "Group", "Thing"))
}


def add_votes(total: dict[str, float], votes: Mapping[str, float]) -> None:
    """Add one mention's votes to an entity's tally."""
    for t, w in votes.items():
        total[t] = total.get(t, 0.0) + w


def decide(votes: Mapping[str, float], *, gazetteer: str | None = None, title: bool = False) -> str:
    """The entity type: the gazetteer's, else Person after a title, else the heaviest vote."""
    if gazetteer:
        return gazetteer
    if title:
        return "Person"
    best = sorted(
        ((w, t) for t, w in votes.items() if t in ENTITY_TYPES and w > 0),
        key=lambda wt: (-wt[0], _PRIORITY.get(wt[1], 99)),
    )
    return best[0][1] if best else "Thing"


def majority(types: Iterable[tuple[str, float]]) -> str:
    """The heaviest type of weighted ``(type, weight)`` pairs (across articles)."""
    total: dict[str, float] = {}
    for t, w in types:
        total[t] = total.get(t, 0.0) + w
    return decide(total)


__all__ = ["TITLE_WEIGHT", "add_votes", "decide", "majority"]
