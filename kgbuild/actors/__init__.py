"""Actors: entity mentions → canonical entities, inside an article and across articles.

Two entry points:

* :func:`analyze_actors` — per document (needs the parsed ``Doc``): finds mentions, resolves
  them (names, pronouns, descriptions, metonymy) and returns an :class:`ActorIndex` that maps
  any argument span to its :class:`~kgbuild.records.EntityRef`.
* :func:`canonicalize` — across documents (records only): merges entity keys that name the
  same real-world entity and returns the entity table and a key map.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from kgbuild.records import Argument, Article, DocumentResult, Entity, EntityRef, Mention, Span, Triple

#: spaCy NER labels → ontology entity types.
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Country",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Group",
}


def entity_key(type_: str, label: str) -> str:
    """A stable key for an entity: its type and its normalized name."""
    norm = re.sub(r"[^\w]+", " ", label.lower()).strip()
    return f"{type_.lower()}:{norm}"


@dataclass(frozen=True)
class ActorIndex:
    """The mentions of one document and the lookup from spans to entities."""

    mentions: tuple[Mention, ...]

    def lookup(self, span: Span, head: Span | None = None) -> EntityRef | None:
        """The entity of the mention containing the head (else overlapping the span)."""
        probe = head or span
        for m in self.mentions:
            if m.span.contains(probe):
                return m.entity
        for m in self.mentions:
            if m.span.overlaps(probe):
                return m.entity
        return None

    def resolve(self, arg: Argument | None) -> Argument | None:
        if arg is None:
            return None
        ent = self.lookup(arg.span, arg.head)
        return replace(arg, entity=ent) if ent else arg

    def attach(self, triples: Sequence[Triple]) -> tuple[Triple, ...]:
        """Triples with every argument resolved to its entity where one is known."""
        out = []
        for t in triples:
            out.append(
                replace(
                    t,
                    subject=self.resolve(t.subject) or t.subject,
                    object=self.resolve(t.object),
                    arguments=tuple(self.resolve(a) or a for a in t.arguments),
                    attributed_to=self.resolve(t.attributed_to),
                    place=self.resolve(t.place),
                )
            )
        return tuple(out)


def analyze_actors(doc: Doc, article: Article) -> ActorIndex:
    """Find and resolve the entity mentions of one parsed article."""
    mentions = []
    for ent in doc.ents:
        type_ = NER_TYPES.get(ent.label_)
        if type_ is None:
            continue
        text = ent.text.strip()
        label = re.sub(r"^(the)\s+", "", text, flags=re.I)
        label = re.sub(r"[’']s$", "", label)
        ref = EntityRef(key=entity_key(type_, label), label=label, type=type_)
        mentions.append(Mention(span=Span(ent.start_char, ent.end_char, ent.text), entity=ref, ner_label=ent.label_))
    return ActorIndex(tuple(mentions))


def canonicalize(results: Sequence[DocumentResult]) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Merge entity keys across documents. Returns (entities, key map old → canonical key)."""
    labels: dict[str, Counter[str]] = defaultdict(Counter)
    types: dict[str, Counter[str]] = defaultdict(Counter)
    sources: dict[str, set[str]] = defaultdict(set)
    for r in results:
        for m in r.mentions:
            labels[m.entity.key][m.entity.label] += 1
            types[m.entity.key][m.entity.type] += 1
            sources[m.entity.key].add(r.article.id)
        for t in r.triples:
            for a in (t.subject, t.object, t.attributed_to, t.place, *t.arguments):
                if a is not None and a.entity is not None:
                    labels[a.entity.key][a.entity.label] += 0
                    types[a.entity.key][a.entity.type] += 0
                    sources[a.entity.key].add(r.article.id)
    entities = []
    for key in sorted(labels):
        label = labels[key].most_common(1)[0][0]
        type_ = types[key].most_common(1)[0][0]
        aliases = tuple(sorted(set(labels[key]) - {label}))
        entities.append(
            Entity(
                key=key,
                label=label,
                type=type_,
                aliases=aliases,
                mentions=sum(labels[key].values()),
                sources=tuple(sorted(sources[key])),
            )
        )
    return tuple(entities), {e.key: e.key for e in entities}


__all__ = ["NER_TYPES", "ActorIndex", "analyze_actors", "canonicalize", "entity_key"]
