"""Confidence of a triple: a logistic model of how triples built this way fare against gold.

Each triple is described by how it was built (:class:`Features`); the confidence is
``sigmoid(INTERCEPT + sum of the weights of its features)``. The weights were fit by logistic
regression on the development halves of CaRB (target: how well the triple matches its best
gold tuple) and MEANTIME (target: whether the triple links an annotated event to its agent or
patient; weighted four times, as it judges who did what to whom), so a higher confidence means a
triple that is more often right. ``docs/extraction.md`` describes the fit.

>>> good = score(Features(construction="verbal", object="dobj"))
>>> good > score(Features(construction="verbal", object="dobj", theme_subject=True))
True
>>> 0.0 < score(Features(construction="title", object="complement")) < good < 1.0
True
"""

from __future__ import annotations

import math
from dataclasses import dataclass

#: The constant of the logistic model.
INTERCEPT = 0.69

#: Weight per construction (which extractor built the triple).
CONSTRUCTION = {
    "apposition": -0.88,
    "control": 1.12,
    "copula": -0.16,
    "light": 1.11,
    "nominal": 0.11,
    "passive": 0.27,
    "title": -1.30,
    "verbal": 0.04,
}

#: Weight per kind of object.
OBJECT = {
    "agent": 0.37,
    "clause": 0.65,
    "complement": -0.49,
    "dobj": 0.49,
    "none": -0.67,
    "prep": -0.04,
}

#: Weight per way the subject was found (see :mod:`kgbuild.extract.subjects`).
SUBJECT = {
    "acl": -0.15,
    "conj": 0.34,
    "control": 0.04,
    "governor": -0.02,
    "noun": 0.41,
    "object-control": -0.60,
    "own": 0.41,
    "participle": -0.20,
    "pcomp": -0.30,
    "possessive": 0.28,
    "relative": 0.09,
}

#: Weights of yes/no features.
LONG_ARGUMENT = 0.12
LONG_SENTENCE = -0.23
PRONOUN_SUBJECT = -0.14
SPLIT_CONJUNCT = 0.29
#: The subject undergoes the event rather than doing it ("shares fell", "X was closed"):
#: the triple is true, but its subject is no agent.
THEME_SUBJECT = -1.24

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
    return round(1.0 / (1.0 + math.exp(-z)), 3)


__all__ = ["CONSTRUCTION", "INTERCEPT", "OBJECT", "SUBJECT", "Features", "score"]
