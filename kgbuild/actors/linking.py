"""Cross-article linking: the entity keys of all articles → one node per real-world entity.

Per article, :mod:`kgbuild.actors.coref` already gave every mention a key. Across articles:

* keys the gazetteer knows ("country:RU") are already shared;
* the same name typed differently in two articles ("organization:merkel" where the model
  erred, "person:merkel" elsewhere) is one entity, of the type most mentions vote for;
* a person known only by surname in one article ("person:macron") joins the one full name
  of the corpus that ends with it ("person:emmanuel macron") — only when exactly one does;
* an organisation's acronym joins the one organisation whose initials it spells.

The result is the entity table (label, type, aliases, roles, same-as links, mention count,
sources) and the map from every article-level key to its canonical key.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from kgbuild.actors.gazetteer import Gazetteer, load_gazetteer
from kgbuild.actors.names import (
    acronym_key,
    display_case,
    initials,
    key_name,
    key_type,
    name_subsumes,
    norm,
)
from kgbuild.actors.types import majority
from kgbuild.records import ENTITY_TYPES, Argument, DocumentResult, Entity, EntityRef

#: Mention kinds whose surface form is a name of the entity (an alias).
ALIAS_KINDS = frozenset({"name", "acronym"})


@dataclass
class _Stats:
    labels: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)
    mentions: int = 0
    days: set[date] = field(default_factory=set)  # the dates of its articles, when known


def _arguments(r: DocumentResult) -> Iterable[Argument]:
    for t in r.triples:
        for a in (t.subject, t.object, t.attributed_to, t.place, *t.arguments):
            if a is not None:
                yield a


def collect(results: Sequence[DocumentResult]) -> dict[str, _Stats]:
    """Per key: labels, surface aliases, type votes, roles, sources and mention count."""
    stats: dict[str, _Stats] = defaultdict(_Stats)
    for r in results:
        doc = r.article.id
        day = _day(r.article.date)
        for m in r.mentions:
            e = m.entity
            s = stats[e.key]
            if day is not None:
                s.days.add(day)
            s.labels[e.label] = s.labels.get(e.label, 0) + 1
            s.types[e.type] = s.types.get(e.type, 0) + 1
            s.sources.add(doc)
            s.mentions += 1
            if m.kind in ALIAS_KINDS:
                alias = e.mentioned_as or e.label
                s.aliases[alias] = s.aliases.get(alias, 0) + 1
            if m.role:
                s.roles[m.role] = s.roles.get(m.role, 0) + 1
        for a in _arguments(r):
            if a.entity is not None:  # seen, not counted: the entity exists with no mention
                e = a.entity
                s = stats[e.key]
                s.labels.setdefault(e.label, 0)
                s.types.setdefault(e.type, 0)
                s.sources.add(doc)
    return stats


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


#: A surname alone joins the one full name of the corpus only when each of its articles lies
#: within this many days of an article naming the full name ("at that time").
SURNAME_WINDOW_DAYS = 365


def _same_time(short: _Stats | None, full: _Stats | None) -> bool:
    """Whether every dated article of ``short`` lies near a dated article of ``full``."""
    if short is None or full is None or not short.days or not full.days:
        return True  # no dates to tell them apart
    days = sorted(full.days)
    for d in short.days:
        i = bisect_left(days, d)  # the nearest dates of ``full`` stand on either side of d
        if not any(
            abs((days[j] - d).days) <= SURNAME_WINDOW_DAYS for j in (i - 1, i) if 0 <= j < len(days)
        ):
            return False
    return True


def _union(key_map: dict[str, str], key: str) -> str:
    seen = set()
    while key_map.get(key, key) != key and key not in seen:
        seen.add(key)
        key = key_map[key]
    return key


#: Why a key was joined to another, by rule (see :func:`link_keys`).
SAME_NAME = "the same name, its type voted by its mentions"
SURNAME = "the surname of the one person of the corpus with that surname at that time"
SHORT_NAME = "a short form of the one fuller name of the corpus"
ACRONYM = "the acronym of the one organisation whose initials it spells, at that time"
STORY_SURNAME = "the surname of the one person with that surname in the articles of its story"
STORY_SHORT_NAME = "a short form of the one fuller name in the articles of its story"


def _fullest(keys: set[str]) -> set[str]:
    """The keys no other of them names more fully ("george w bush" over "george bush")."""
    return {k for k in keys if not any(o != k and name_subsumes(o, k) for o in keys)}


def link_keys(
    stats: dict[str, _Stats], gaz: Gazetteer, reasons: dict[str, str] | None = None
) -> dict[str, str]:
    """Map every key to its canonical key (see the module docstring); ``reasons`` receives,
    for every key joined to another, why."""
    why: dict[str, str] = {} if reasons is None else reasons
    key_map = {k: k for k in stats}
    free = [k for k in stats if gaz.entry(k) is None]

    def join(k: str, target: str, reason: str) -> None:
        if k != target and not gaz.forbidden(k, target):
            key_map[k] = target
            why.setdefault(k, reason)

    # 1. one name, several types: vote
    by_name: dict[str, list[str]] = defaultdict(list)
    for k in free:
        if key_type(k) != "thing":  # a common noun ("bill", "news") is no name of anyone
            by_name[key_name(k)].append(k)
    for name, keys in by_name.items():
        if len(keys) < 2:
            continue
        type_ = majority(
            (stats[k].types.most_common(1)[0][0], stats[k].mentions or 0.5) for k in keys
        )
        target = f"{type_.lower()}:{name}"
        if target not in stats:
            target = max(keys, key=lambda k: stats[k].mentions)
        for k in keys:
            join(k, target, SAME_NAME)
    # 2. a surname alone joins the one full name that ends with it; a short full name the one
    # fuller name that holds it ("Earl Butz" → "Earl Lauer Butz", never "George W. Bush" →
    # "George H. W. Bush")
    persons = {_union(key_map, k) for k in free if key_type(_union(key_map, k)) == "person"}
    by_surname: dict[str, set[str]] = defaultdict(set)
    for k in persons:
        words = key_name(k).split()
        if len(words) > 1:
            by_surname[words[-1]].add(k)
    for k in sorted(persons):
        words = key_name(k).split()
        if len(words) == 1:
            fullest = _fullest(by_surname.get(words[0], set()))
            if len(fullest) == 1 and _same_time(stats.get(k), stats.get(next(iter(fullest)))):
                join(k, next(iter(fullest)), SURNAME)
        elif len(words) > 1:
            longer = _fullest({o for o in by_surname.get(words[-1], ()) if name_subsumes(o, k)})
            if len(longer) == 1:
                join(k, next(iter(longer)), SHORT_NAME)
    # 3. an acronym joins the one organisation it abbreviates
    orgs = {_union(key_map, k) for k in stats if key_type(_union(key_map, k)) == "organization"}
    by_initials: dict[str, set[str]] = defaultdict(set)
    for k in orgs:
        label = (
            stats[k].labels.most_common(1)[0][0]
            if stats.get(k) and stats[k].labels
            else key_name(k)
        )
        if len(label.split()) > 1:
            by_initials[initials(label)].add(k)
    for k in orgs:
        if gaz.entry(k) is not None or not stats.get(k):
            continue
        label = stats[k].labels.most_common(1)[0][0]
        acr = acronym_key(label)
        if acr and len(by_initials.get(acr, ())) == 1:
            target = next(iter(by_initials[acr]))
            if _same_time(stats.get(k), stats.get(target)):
                join(k, target, ACRONYM)
    return {k: _union(key_map, k) for k in key_map}


def link_in_stories(
    key_map: dict[str, str],
    mentioned: dict[str, set[str]],
    story_of: dict[str, str],
    gaz: Gazetteer,
    reasons: dict[str, str],
) -> dict[str, str]:
    """A surname the corpus could not decide ("Jackson": several people) joins the one person
    with that surname in the articles of its story; a short full name ("George Bush": George W.
    and George H. W. in the corpus) the one fuller name that holds it there. ``mentioned``:
    canonical key → the articles that mention it."""
    out = dict(key_map)
    canon = {k: out[k] for k in out}
    persons = {c for c in set(canon.values()) if key_type(c) == "person"}
    in_story: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in persons:
        words = key_name(c).split()
        if len(words) > 1:
            for doc in mentioned.get(c, ()):
                in_story[(story_of.get(doc, doc), words[-1])].add(c)
    joined: dict[str, str] = {}
    for c in sorted(persons):
        words = key_name(c).split()
        if not words:
            continue
        stories = {story_of.get(doc, doc) for doc in mentioned.get(c, ())}
        reason = STORY_SURNAME
        if len(words) == 1:
            targets = {t for s in stories for t in _fullest(in_story.get((s, words[0]), set()))}
        else:  # "George Bush" in a story that names George W. Bush and no other George Bush
            reason = STORY_SHORT_NAME
            targets = {
                t
                for s in stories
                for t in _fullest(
                    {o for o in in_story.get((s, words[-1]), set()) if name_subsumes(o, c)}
                )
            }
        if len(targets) == 1:
            target = next(iter(targets))
            if not gaz.forbidden(c, target):
                joined[c] = target
                reasons.setdefault(c, reason)
    if joined:
        out = {k: joined.get(v, v) for k, v in out.items()}
    return out


def build_entities(
    stats: dict[str, _Stats],
    key_map: dict[str, str],
    gaz: Gazetteer,
    reasons: dict[str, str] | None = None,
) -> tuple[Entity, ...]:
    """One :class:`Entity` per canonical key, from the merged statistics of its keys; with
    ``reasons``, each entity says why every key joined it was joined (``merged``)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for k, canon in key_map.items():
        groups[canon].append(k)
    entities = []
    for canon in sorted(groups):
        members = groups[canon]
        if len(members) == 1:  # most keys stand alone: their statistics are the entity's
            merged = stats[members[0]]
        else:
            merged = _Stats()
            for k in members:
                s = stats[k]
                merged.labels.update(s.labels)
                merged.aliases.update(s.aliases)
                merged.types.update(s.types)
                merged.roles.update(s.roles)
                merged.sources |= s.sources
                merged.mentions += s.mentions
        labels, aliases, types, roles = merged.labels, merged.aliases, merged.types, merged.roles
        entry = gaz.entry(canon)
        if entry is not None:
            label, type_, same_as = entry.label, entry.type, entry.same_as
        else:
            type_ = key_type(canon).capitalize() if key_type(canon) else majority(types.items())
            label = _label(labels, person=type_ == "Person")
            same_as = ()
        normal = norm(label)
        names = {a for a in (*aliases, *labels) if a and norm(a) != normal}
        why = reasons or {}
        merged_from = tuple(
            sorted(
                f"{_member_label(stats, k)} ({k}): {why[k]}"
                for k in members
                if k != canon and k in why
            )
        )
        entities.append(
            Entity(
                key=canon,
                label=label,
                type=_type_name(type_),
                aliases=tuple(sorted(names)),
                same_as=tuple(same_as),
                roles=_roles(roles),
                mentions=merged.mentions,
                sources=tuple(sorted(merged.sources)),
                merged=merged_from,
            )
        )
    return tuple(entities)


def _member_label(stats: dict[str, _Stats], key: str) -> str:
    s = stats.get(key)
    return s.labels.most_common(1)[0][0] if s is not None and s.labels else key_name(key)


def mentioned_in(stats: dict[str, _Stats], key_map: dict[str, str]) -> dict[str, set[str]]:
    """Canonical key → the articles that mention it."""
    out: dict[str, set[str]] = defaultdict(set)
    for k, s in stats.items():
        out[key_map.get(k, k)] |= s.sources
    return out


def _roles(roles: Counter[str]) -> tuple[str, ...]:
    """Roles, most frequent first; a bare title is left out when a qualified one says more.

    >>> _roles(Counter({"Chancellor": 2, "Chancellor (Germany)": 1, "Envoy": 1}))
    ('Chancellor (Germany)', 'Envoy')
    """
    qualified = {r.split(" (", 1)[0] for r in roles if " (" in r}
    return tuple(r for r, _ in roles.most_common() if r not in qualified)


def _type_name(t: str) -> str:
    for name in ENTITY_TYPES:
        if name.lower() == t.lower():
            return name
    return "Thing"


def _label(labels: Counter[str], *, person: bool) -> str:
    if not labels:
        return ""
    if person:
        return display_case(max(labels, key=lambda n: (len(n.split()), labels[n], len(n))))
    return display_case(max(labels, key=lambda n: (labels[n], len(n.split()), len(n))))


def canonical_ref(
    ref: EntityRef, key_map: dict[str, str], entities: dict[str, Entity]
) -> EntityRef:
    """An article-level reference rewritten to its canonical entity."""
    canon = key_map.get(ref.key, ref.key)
    e = entities.get(canon)
    if e is None:
        return ref
    return EntityRef(canon, e.label, e.type, ref.mentioned_as, ref.confidence)


def canonicalize(
    results: Sequence[DocumentResult],
    *,
    gazetteer: Gazetteer | None = None,
    reasons: dict[str, str] | None = None,
) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Merge entity keys across documents. Returns (entities, key map old → canonical key);
    ``reasons`` receives why each joined key was joined."""
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    why = {} if reasons is None else reasons
    stats = collect(results)
    key_map = link_keys(stats, gaz, why)
    return build_entities(stats, key_map, gaz, why), key_map


def canonicalize_in_stories(
    results: Sequence[DocumentResult],
    key_map: dict[str, str],
    story_of: dict[str, str],
    *,
    gazetteer: Gazetteer | None = None,
    reasons: dict[str, str] | None = None,
) -> tuple[tuple[Entity, ...], dict[str, str]] | None:
    """The entities once the surnames the corpus could not decide are joined within their
    stories (:func:`link_in_stories`); None when no surname was."""
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    why = {} if reasons is None else reasons
    stats = collect(results)
    linked = link_in_stories(key_map, mentioned_in(stats, key_map), story_of, gaz, why)
    if linked == key_map:
        return None
    return build_entities(stats, linked, gaz, why), linked


__all__ = [
    "ALIAS_KINDS",
    "build_entities",
    "canonical_ref",
    "canonicalize",
    "canonicalize_in_stories",
    "collect",
    "link_in_stories",
    "link_keys",
    "mentioned_in",
]
