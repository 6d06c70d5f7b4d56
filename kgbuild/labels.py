"""Labels show what they say: no invisible characters that reorder or hide text.

A name copied from a web page may hold zero-width characters (``Ro\\u200bse`` looks like
``Rose``) or bidirectional controls: an unclosed right-to-left override (U+202E) turns the
rest of a line around, so a label can make a page or a spreadsheet show text in a misleading
order. Every label the graph holds (entity labels, aliases and roles; article titles,
sources, authors and datelines; event predicates) loses those characters once, when the
documents are merged (:func:`clean_graph`), so every writer prints the same clean label.
The article text keeps them: its character offsets stay true, and evidence sentences are
quoted exactly.

>>> clean_label("Ro\\u200bse"), clean_label("abc\\u202edef"), clean_label("\\u2066x\\u2069 y")
('Rose', 'abcdef', 'x y')
"""

from __future__ import annotations

import re
from dataclasses import replace

from kgbuild.records import Article, Entity, Event, KnowledgeGraph

#: Bidirectional controls (marks, embeddings, overrides, isolates) and zero-width or otherwise
#: invisible characters (spaces, joiners, word joiner, invisible operators, byte-order mark,
#: soft hyphen, Mongolian vowel separator).
INVISIBLE = re.compile(
    "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi
    "\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e]"  # zero-width and invisible
)


def clean_label(text: str) -> str:
    """``text`` without bidi controls and zero-width characters."""
    if text.isascii():
        return text
    return INVISIBLE.sub("", text)


def _opt(text: str | None) -> str | None:
    return None if text is None else clean_label(text)


def _entity(e: Entity) -> Entity:
    label, aliases, roles = clean_label(e.label), tuple(map(clean_label, e.aliases)), e.roles
    roles = tuple(map(clean_label, roles))
    if (label, aliases, roles) == (e.label, e.aliases, e.roles):
        return e
    return replace(e, label=label, aliases=aliases, roles=roles)


def _article(a: Article) -> Article:
    fields = {
        "title": clean_label(a.title),
        "source": _opt(a.source),
        "author": _opt(a.author),
        "dateline": _opt(a.dateline),
    }
    if all(getattr(a, k) == v for k, v in fields.items()):
        return a
    return replace(a, **fields)  # type: ignore[arg-type]


def _event(e: Event) -> Event:
    predicate = clean_label(e.predicate)
    return e if predicate == e.predicate else replace(e, predicate=predicate)


def clean_graph(kg: KnowledgeGraph) -> KnowledgeGraph:
    """The graph with every label cleaned by :func:`clean_label` (the same graph, when no
    label holds such characters)."""
    articles = tuple(map(_article, kg.articles))
    entities = tuple(map(_entity, kg.entities))
    events = tuple(map(_event, kg.events))
    if (articles, entities, events) == (kg.articles, kg.entities, kg.events):
        return kg
    return replace(kg, articles=articles, entities=entities, events=events)
