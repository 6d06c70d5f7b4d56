"""Stories: the articles of a build about the same real-world happening.

As news aggregators and Event Registry do, articles are grouped by what they share:

* **named participants** — the entities they mention (people, organisations, countries,
  groups, places; not concepts), each weighted by how often the article names it and how few
  articles of the build do (tf-idf): two articles about one strike share its union, its firm,
  its town; every article about anything shares "United States";
* **event words** — the lemmas of the events they report, weighted the same way, counting for
  less than participants;
* **time** — two articles whose dates lie more than :attr:`StoryPolicy.window_days` apart are
  never one story (two earthquakes in one country, years apart, are two stories); an article
  without a date is placed by the years its text states, when it states any.

Two articles are linked when the cosine similarity of their profiles reaches
:attr:`StoryPolicy.threshold`; linked articles form a story, but a story only takes an article
whose similarity to its members is on average at least half the threshold (no chains of
articles each like the next and the first unlike the last). Nothing uses gold topics.

>>> p = Profile("a", {"person:x": 2.0, "country:y": 1.0}, {}, None, None)
>>> q = Profile("b", {"person:x": 1.0}, {}, None, None)
>>> idf = {"person:x": 1.0, "country:y": 1.0}
>>> round(similarity(p, q, idf, {}, event_weight=0.0), 3)  # participants alone
0.894
>>> round(similarity(p, q, idf, {}), 3)  # no event word in common: less alike
0.688
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kgbuild.events.timex import parse_iso
from kgbuild.records import DocumentResult, Entity, Story

#: Entity types that name participants of a story.
PARTICIPANT_TYPES = frozenset({"Person", "Organization", "Country", "Group", "Place"})


@dataclass(frozen=True)
class StoryPolicy:
    """The knobs of story finding (see the module docstring)."""

    threshold: float = 0.2
    #: days between the dates of two articles of one story, at most
    window_days: int = 30
    #: weight of event words against participants
    event_weight: float = 0.3
    #: an entity named by more than this share of the articles links no two of them
    max_df_share: float = 0.02
    #: ... unless the build is small: it always links up to this many articles
    min_df_cap: int = 20


DEFAULT_STORY_POLICY = StoryPolicy()


@dataclass(frozen=True)
class Profile:
    """What an article is about: participant and event-word counts, its date or stated year."""

    doc: str
    entities: dict[str, float]
    events: dict[str, float]
    day: date | None
    year: int | None


def _year(values: Iterable[str]) -> int | None:
    """The year an undated article's text states most."""
    years = Counter(v[:4] for v in values if v and v[:4].isdigit())
    return int(years.most_common(1)[0][0]) if years else None


def profile(r: DocumentResult, key_map: Mapping[str, str], types: Mapping[str, str]) -> Profile:
    """The profile of one article's result (entity keys made canonical by ``key_map``)."""
    ents: Counter[str] = Counter()
    for m in r.mentions:
        key = key_map.get(m.entity.key, m.entity.key)
        if types.get(key) in PARTICIPANT_TYPES and "/" not in key:
            ents[key] += 1
    evs: Counter[str] = Counter()
    for t in r.triples:
        evs[t.predicate.lemma] += 1
        for arg in (t.subject, t.object):  # a participant the mention layer lacks
            ref = arg.entity if arg is not None else None
            key = key_map.get(ref.key, ref.key) if ref is not None else ""
            if key and key not in ents and types.get(key) in PARTICIPANT_TYPES and "/" not in key:
                ents[key] = 1
    for em in r.event_mentions:
        evs[em.lemma] += 1
    day = parse_iso(r.article.date) if r.article.date else None
    stated = [
        t.time.value for t in r.triples if t.time and t.time.basis == "expression" and t.time.value
    ]
    stated += [m.time.value for m in r.event_mentions if m.time and m.time.value]
    year = day.year if day else _year(v for v in stated if v)
    return Profile(
        r.article.id,
        {k: 1 + math.log(c) for k, c in ents.items()},
        {k: 1 + math.log(c) for k, c in evs.items()},
        day,
        year,
    )


def _norm(weights: Mapping[str, float], idf: Mapping[str, float]) -> float:
    return math.sqrt(sum((w * idf.get(k, 0.0)) ** 2 for k, w in weights.items()))


def _dot(a: Mapping[str, float], b: Mapping[str, float], idf: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b[k] * idf.get(k, 0.0) ** 2 for k, w in a.items() if k in b)


def similarity(
    p: Profile,
    q: Profile,
    idf: Mapping[str, float],
    event_idf: Mapping[str, float],
    event_weight: float = DEFAULT_STORY_POLICY.event_weight,
) -> float:
    """How alike two articles are: the cosine of their participants, plus ``event_weight``
    times the cosine of their event words, over ``1 + event_weight``."""
    na, nb = _norm(p.entities, idf), _norm(q.entities, idf)
    ents = _dot(p.entities, q.entities, idf) / (na * nb) if na and nb else 0.0
    ea, eb = _norm(p.events, event_idf), _norm(q.events, event_idf)
    evs = _dot(p.events, q.events, event_idf) / (ea * eb) if ea and eb else 0.0
    if not event_weight:
        return ents
    return (ents + event_weight * evs) / (1 + event_weight) if ents else 0.0


def compatible_times(p: Profile, q: Profile, window_days: int) -> bool:
    """Whether two articles can be of one story by their dates or stated years."""
    if p.day is not None and q.day is not None:
        return abs((p.day - q.day).days) <= window_days
    if p.year is not None and q.year is not None:
        return abs(p.year - q.year) <= (1 if window_days >= 0 else 0)
    return True


def _idf(profiles: Sequence[Profile], attr: str) -> dict[str, float]:
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(getattr(p, attr).keys())
    n = len(profiles)
    return {k: math.log(1 + n / c) for k, c in df.items()}


def find_stories(
    results: Sequence[DocumentResult],
    key_map: Mapping[str, str],
    entities: Sequence[Entity],
    policy: StoryPolicy = DEFAULT_STORY_POLICY,
) -> tuple[Story, ...]:
    """The stories of a build, every article in exactly one (a story may be one article)."""
    types = {e.key: e.type for e in entities}
    labels = {e.key: e.label for e in entities}
    profiles = [profile(r, key_map, types) for r in results]
    idf, event_idf = _idf(profiles, "entities"), _idf(profiles, "events")
    cap = max(policy.min_df_cap, int(policy.max_df_share * len(profiles)))
    index: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for k in p.entities:
            index[k].append(i)
    pairs: dict[tuple[int, int], float] = {}
    for members in index.values():
        if len(members) > cap:
            continue
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if (a, b) in pairs:
                    continue
                p, q = profiles[a], profiles[b]
                if not compatible_times(p, q, policy.window_days):
                    pairs[(a, b)] = 0.0
                    continue
                pairs[(a, b)] = similarity(p, q, idf, event_idf, policy.event_weight)
    parent = list(range(len(profiles)))
    members_of: dict[int, list[int]] = {i: [i] for i in range(len(profiles))}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def sim(a: int, b: int) -> float:
        return pairs.get((a, b) if a < b else (b, a), 0.0)

    for (a, b), s in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < policy.threshold:
            break
        ra, rb = find(a), find(b)
        if ra == rb:
            continue
        ma, mb = members_of[ra], members_of[rb]
        if any(
            not compatible_times(profiles[x], profiles[y], policy.window_days)
            for x in ma
            for y in mb
        ):
            continue
        mean = sum(sim(x, y) for x in ma for y in mb) / (len(ma) * len(mb))
        if mean < policy.threshold / 2:
            continue
        parent[rb] = ra
        members_of[ra] = ma + mb
        del members_of[rb]
    stories = []
    for root in sorted(members_of, key=lambda r: min(profiles[i].doc for i in members_of[r])):
        docs = sorted(profiles[i].doc for i in members_of[root])
        weight: dict[str, float] = defaultdict(float)
        for i in members_of[root]:
            for k, w in profiles[i].entities.items():
                weight[k] += w * idf.get(k, 0.0)
        actors = tuple(sorted(weight, key=lambda k: (-weight[k], k))[:5])
        days = sorted(d for i in members_of[root] if (d := profiles[i].day) is not None)
        label = ", ".join(labels.get(k, k) for k in actors[:3]) or docs[0]
        stories.append(
            Story(
                id=hashlib.sha1("\n".join(docs).encode("utf-8")).hexdigest()[:12],
                label=label,
                articles=tuple(docs),
                start=days[0].isoformat() if days else None,
                end=days[-1].isoformat() if days else None,
                actors=actors,
            )
        )
    return tuple(stories)


def story_index(stories: Iterable[Story]) -> dict[str, str]:
    """Article id → the id of its story."""
    return {doc: s.id for s in stories for doc in s.articles}


__all__ = [
    "DEFAULT_STORY_POLICY",
    "PARTICIPANT_TYPES",
    "Profile",
    "StoryPolicy",
    "compatible_times",
    "find_stories",
    "profile",
    "similarity",
    "story_index",
]
