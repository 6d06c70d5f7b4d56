"""Confidence of a triple: a logistic model of how triples built this way fare against gold.

Each triple is described by how it was built (:class:`Features`); the confidence is
``sigmoid(INTERCEPT + sum of the weights of its features)``. The weights were fit by logistic
regression on the development halves of CaRB (target: how well the triple matches its best
gold tuple) and MEANTIME (target: whether the triple links an annotated event to its agent or
patient; weighted four times, as it judges who did what to whom), so a higher confidence means a
triple that is more often right. ``docs/extraction.md`` describes the fit.

>>> good = score(Features(construction="verbal", object="dobj"))
>>> good > score(Features(construction="verbal", object="dobj", pronoun_subject=True))
True
>>> 0.0 < score(Features(construction="title", object="complement")) < good < 1.0
True

A bare triple (no object, no further argument: "the talks collapsed") ranks below one that
says more:

>>> bare = Features(construction="verbal", object="none", bare=True)
>>> score(bare) < score(Features(construction="verbal", object="none")) < good
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: The constant of the logistic model.
INTERCEPT = 0.27

#: Weight per construction (which extractor built the triple).
CONSTRUCTION = {
    "apposition": -2.81,
    "control": 0.83,
    "copula": 0.88,
    "light": 1.29,
    "nominal": 0.70,
    "passive": 0.66,
    "title": -2.22,
    "verbal": 0.69,
}

#: Weight per kind of object.
OBJECT = {
    "agent": -0.13,
    "clause": 0.99,
    "complement": -0.73,
    "dobj": 0.42,
    "none": -0.44,
    "prep": -0.12,
}

#: Weight per way the subject was found (see :mod:`kgbuild.extract.subjects`).
SUBJECT = {
    "acl": -0.47,
    "conj": 0.39,
    "control": 0.57,
    "governor": -0.12,
    "noun": 0.59,
    "object-control": -0.79,
    "own": 0.39,
    "participle": -0.51,
    "pcomp": -0.04,
    "possessive": 0.55,
    "purpose": -0.11,
    "relative": -0.46,
}

#: Weights of yes/no features.
LONG_ARGUMENT = -0.18
LONG_SENTENCE = -0.06
PRONOUN_SUBJECT = -0.25
SPLIT_CONJUNCT = -0.17
#: The subject undergoes the event rather than doing it ("shares fell", "X was closed"). Its
#: role is ``patient`` and it is scored as PropBank's Arg1; such a triple is more often right
#: than others (a fit that scored it as an agent gave it -1.24).
THEME_SUBJECT = 0.43

#: The triple has neither an object nor a further argument ("the talks collapsed"): it says
#: the least, and is the least often a whole proposition.
BARE = -0.94

#: Sentences longer than this (in tokens) parse less reliably.
LONG_SENTENCE_TOKENS = 40


@dataclass(frozen=True, slots=True)
class Features:
    """What is known about how a triple was built."""

    construction: str
    object: str = "dobj"
    subject_via: str = "own"
    pronoun_subject: bool = False
    long_argument: bool = False
    split_conjunct: bool = False
    theme_subject: bool = False
    sentence_tokens: int = 20
    #: neither object nor further argument
    bare: bool = False


def describe(f: Features) -> str:
    """How a triple was built, as :attr:`Triple.via` records it.

    >>> describe(Features(construction="verbal", object="dobj", sentence_tokens=12))
    'verbal/dobj/own/12'
    """
    return f"{f.construction}/{f.object}/{f.subject_via}/{f.sentence_tokens}"


def score(f: Features) -> float:
    """The confidence of a triple with features ``f``, in (0, 1), rounded to 3 places."""
    z = INTERCEPT
    z += CONSTRUCTION.get(f.construction, 0.0)
    z += OBJECT.get(f.object, 0.0)
    z += SUBJECT.get(f.subject_via, 0.0)
    z += LONG_ARGUMENT * f.long_argument
    z += LONG_SENTENCE * (f.sentence_tokens > LONG_SENTENCE_TOKENS)
    z += PRONOUN_SUBJECT * f.pronoun_subject
    z += SPLIT_CONJUNCT * f.split_conjunct
    z += THEME_SUBJECT * f.theme_subject
    z += BARE * f.bare
    return round(1.0 / (1.0 + math.exp(-z)), 3)


__all__ = ["CONSTRUCTION", "INTERCEPT", "OBJECT", "SUBJECT", "Features", "score"]
