"""One event however many reports: coreference of events within and across the articles of a
story.

The merge first joins reports with the same identity (class or predicate, participants,
polarity, time: :mod:`kgbuild.merge`). Reports of one happening often share less: "the
earthquake", "the quake struck", "killed 12" are one event reported by words that differ and
participants that are not named. Within one story (:mod:`kgbuild.stories`) — so within one
article too — two events are one when the evidence agrees:

* **kind** — the same group of ``data/event_synonyms.tsv`` ("killed", "death"; a verb and its
  object: "opened fire", "shooting"), else the same class of the taxonomy, else the same
  predicate; verbs of saying, events with what was said, and verbs that name no event of their
  own (``be``, ``have``, ``make`` …) are never joined this way (two statements are two events);
* **polarity and modality** — the same negation, and stated as fact or not alike;
* **time** — two events with different known times never join; an undated one never joins an
  event dated after its article, nor one of two dated events it fits;
* **participants** — never two named participants in one role that have no word of their names
  in common (Alice Smith's arrest is not Bob Jones's; "Smith" may be Alice Smith), nor two
  different things one article names in one role (the closure of the plant is not that of the
  mine); across articles the words for one participant differ ("the suspect", "the man"), so
  there only names conflict. Never one named participant (or the same words) acting in one
  report and undergoing in the other ("the plant closed" is not "the plant was closed").

Statements are joined apart from this: two reports of what one speaker said (a name, or the
same common noun: "the police"), in one story, are one statement when they say the same (a
quarter of the content words of the shorter, two at least, in the other:
:func:`same_statements`); a speaker's other statements stay events of their own.

Events of different stories join only when, besides all this, they have a named participant in
common in the role of who undergoes them (the arrest of one named man, told by two stories the
build did not join): :func:`across_stories`.

>>> event_group("kill"), event_group("death"), event_group("shooting"), event_group("buy")
('kill', 'kill', 'shoot', 'acquire')
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache
from typing import Any

from kgbuild import datafiles
from kgbuild.events.lexicon import speech_verbs
from kgbuild.events.mentions import NON_EVENT_VERBS, event_name_words
from kgbuild.events.timex import interval
from kgbuild.records import PATIENT, Entity, Event, TimeValue

#: The class of sayings: two statements are two events.
SAYING_CLASS = "MakePublicStatement"
#: Classes whose participants may swap sides: A met B is B met A.
SYMMETRIC_CLASSES = frozenset({"Consult"})
#: Entity types that name a participant (concepts and scoped common nouns do not).
NAMED_TYPES = frozenset({"Person", "Organization", "Country", "Group", "Place"})


@cache
def _stemmer() -> Any:
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 14)
def stem(word: str) -> str:
    """The Snowball stem of a word: "driving" and "drive", "arrested" and "arrest" share one.

    >>> stem("driving") == stem("drive"), stem("arrested")
    (True, 'arrest')
    """
    return str(_stemmer().stemWord(word.lower()))


@cache
def synonyms() -> dict[str, str]:
    """Word (and its stem) → its group of ``data/event_synonyms.tsv``."""
    out: dict[str, str] = {}
    for row in datafiles.rows("event_synonyms.tsv"):
        if len(row) >= 2:
            for w in row[1].split():
                if "_" in w:  # a verb and its object
                    out.setdefault(w.replace("_", " ").lower(), row[0])
                    continue
                out.setdefault(w.lower(), row[0])
                out.setdefault(stem(w), row[0])
    return out


def event_group(lemma: str) -> str | None:
    """The synonym group of a predicate lemma (its verb, or the verb of "be X")."""
    words = lemma.lower().split()
    if not words:
        return None
    main = words[1] if words[0] == "be" and len(words) > 1 else words[0]
    return synonyms().get(lemma.lower()) or synonyms().get(main)


def kind_of(ev: Event) -> str | None:
    """What an event must share with another to be the same happening; None: never joined by
    kind (sayings, what was said, verbs that name no event)."""
    if ev.content or ev.event_class == SAYING_CLASS or ev.relation:
        return None
    words = ev.predicate.split()
    main = ev.verb or (
        words[1] if words and words[0] == "be" and len(words) > 1 else (words or [""])[0]
    )
    phrase = synonyms().get(ev.predicate.lower())  # "take into custody"
    if phrase is not None and " " in ev.predicate:
        return "group:" + phrase
    if main in NON_EVENT_VERBS:
        return None
    thing = ev.object.split(":", 1)[1] if ev.object and ev.object.startswith("thing:") else ""
    group = (
        synonyms().get(f"{main} {thing}")  # a verb and its object: "open fire"
        or synonyms().get(main)
        or synonyms().get(stem(main))
        or event_group(ev.predicate)
    )
    if group is not None:
        return "group:" + group
    if ev.event_class is not None:
        return "class:" + ev.event_class
    return "stem:" + stem(main)


#: Modalities under which a report still tells that the event happened, only with less
#: certainty or at second hand ("allegedly killed", "is said to have fled", "claims that …"):
#: such a report may join a plain one. Plans, wishes, conditions and biddings may not.
ASSERTING_MODALITIES = frozenset(
    {
        "reportedly",
        "allegedly",
        "apparently",
        "purportedly",
        "supposedly",
        "probably",
        "likely",
        "often",
        "sometimes",
        "usually",
        "occasionally",
        "partly",
        "partially",
        "claim",
        "report",
        "allegation",
        "accusation",
        "charge",
        "assertion",
        "announcement",
        "statement",
    }
)


def asserted(modality: str | None) -> bool:
    """Whether an event under ``modality`` is told as having happened (see
    ``ASSERTING_MODALITIES``).

    >>> asserted(None), asserted("allegedly"), asserted("speak of")
    (True, True, True)
    >>> asserted("plan to"), asserted("conditional"), asserted("ask")
    (False, False, False)
    """
    return (
        modality is None
        or modality in ASSERTING_MODALITIES
        or modality.endswith(TOPIC_MARKS)  # "speak of", "tell about", "accuse of": told of
    )


#: The ends of modalities of what someone told of ("spoke of giving", "accused of taking").
TOPIC_MARKS = (" of", " about")


def _span(ev: Event) -> tuple[date, date] | None:
    t = ev.time
    if t is None or t.basis != "expression" or not t.value:
        return None
    return interval(t.value)


class _Cluster:
    def __init__(self, ev: Event, ents: Mapping[str, Entity], story: str = "") -> None:
        self.events = [ev]
        self.story = {story}  # the stories of its events
        self.times = [s for s in (_span(ev),) if s is not None]
        self.roles: dict[str, dict[str, set[str]]] = defaultdict(dict)  # role: key: articles
        self.sides: dict[str, set[str]] = defaultdict(set)  # any participant: its roles
        self._add_roles(ev, ents)

    def _add_roles(self, ev: Event, ents: Mapping[str, Entity]) -> None:
        for side, role in _sides(ev):
            self.sides[side].add(role)
        for role, key in _roles(ev):
            if key and "/" not in key:
                self.roles[role].setdefault(key, set()).update(ev.sources)

    def fits(self, ev: Event, ents: Mapping[str, Entity], join_undated: bool = True) -> bool:
        span = _span(ev)
        if span is not None and any(not _overlap(span, s) for s in self.times):
            return False
        if span is None and self.times:
            reported = _reported(ev)
            if not join_undated or (reported and reported < min(s[0] for s in self.times)):
                return False  # reported before the dated event happened
        if ev.event_class not in SYMMETRIC_CLASSES and any(
            self.sides.get(key, set()) - {role}
            for key, role in _sides(ev)
            if "@" in key or named(key, ents)
        ):
            return False  # who (or which words) acts in one report undergoes in the other
        for role, key in _roles(ev):
            if key and any(
                different(key, k, ents, same_article=bool(docs & set(ev.sources)))
                for k, docs in self.roles.get(role, {}).items()
            ):
                return False
        return True

    def add(self, ev: Event, ents: Mapping[str, Entity]) -> None:
        self.events.append(ev)
        span = _span(ev)
        if span is not None:
            self.times.append(span)
        self._add_roles(ev, ents)


def named(key: str, ents: Mapping[str, Entity]) -> bool:
    """Whether a participant key is a named person, organisation, country, group or place (not
    a concept, nor a common noun scoped to its article)."""
    ent = ents.get(key)
    return ent is not None and ent.type in NAMED_TYPES and "/" not in key


@cache
def _country_adjectives() -> dict[str, frozenset[str]]:
    """Country key → its adjectives and demonyms (``data/country_adjectives.tsv``)."""
    return {
        f"country:{r[0]}": frozenset(a.strip().lower() for a in r[1].split(";"))
        for r in datafiles.rows("country_adjectives.tsv")
        if len(r) > 1
    }


def _name_words(ent: Entity) -> set[str]:
    """The words of a name, less initials and words such as "the", "of"; a country's name
    has its adjectives too (the Indian Navy is India's)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = ent.label.lower().replace(".", " ").split()
    words += _country_adjectives().get(ent.key, ())
    return {w for w in words if len(w) > 1 and w not in STOP_WORDS}


def different(a: str, b: str, ents: Mapping[str, Entity], same_article: bool = False) -> bool:
    """Whether two participants are surely two: named, with no word of their names in common ("Jackson" may be "Vincent Jackson"); or, in one article, two different
    things ("the plant", "the mine"). Across articles the words for one thing differ ("the
    suspect", "the man"): there only names conflict.

    >>> from kgbuild.records import Entity
    >>> ents = {k: Entity(k, k.split(":")[1].title(), t) for k, t in
    ...         (("person:vincent jackson", "Person"), ("person:jackson", "Person"),
    ...          ("person:alice smith", "Person"), ("thing:suspect", "Thing"))}
    >>> different("person:vincent jackson", "person:jackson", ents)
    False
    >>> different("person:vincent jackson", "person:alice smith", ents)
    True
    >>> different("person:alice smith", "thing:suspect", ents)
    False
    """
    if a == b or "/" in a or "/" in b:
        return False
    if named(a, ents) and named(b, ents):
        return not (_name_words(ents[a]) & _name_words(ents[b]))
    return same_article and not (named(a, ents) or named(b, ents))


def _roles(ev: Event) -> list[tuple[str, str | None]]:
    """(role, key) of an event's main participants: who acts, and who or what undergoes."""
    if ev.subject_role == PATIENT:
        return [("actor", None), ("target", ev.subject)]
    return [("actor", ev.subject), ("target", ev.object)]


def _sides(ev: Event) -> list[tuple[str, str]]:
    """(participant, role) of an event, by key and by the words of each report (a subject the
    merge left out as no actor still counts here)."""
    out = [(key, role) for role, key in _roles(ev) if key]
    subject_role = "target" if ev.subject_role == PATIENT else "actor"
    for evd in ev.evidence:
        out.append((f"{evd.doc}@{evd.subject.start}", subject_role))
        if evd.object is not None:
            out.append((f"{evd.doc}@{evd.object.start}", "target"))
    return out


def _naming(ev: Event, clusters: Sequence[_Cluster], ents: Mapping[str, Entity]) -> list[_Cluster]:
    """The one cluster of ``clusters`` with a named participant of ``ev`` in the same role (a
    list of it), or none when none or several have."""
    keys = [(role, key) for role, key in _roles(ev) if key and named(key, ents)]
    found = [c for c in clusters if any(key in c.roles.get(role, {}) for role, key in keys)]
    return found if len(found) == 1 else []


def _named_events(
    events: Sequence[Event], story_of: Mapping[str, str]
) -> dict[tuple[str | None, str], str]:
    """(story, common noun) → the kind of the named recurring event the noun stands for in
    that story: of the events the story names that the noun may stand for
    (``data/event_names.tsv``), the one it names at least twice as often as any other ("the
    ceremony" of a story about the Academy Awards that mentions the Golden Globes once)."""
    words = event_name_words()
    counts: dict[str | None, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    for ev in events:
        if ev.verb in words and not ev.fact and (kind := kind_of(ev)) is not None:
            counts[_story(ev, story_of)][ev.verb] += len(ev.evidence) or 1
            kinds[ev.verb] = kind
    out: dict[tuple[str | None, str], str] = {}
    for story, named in counts.items():
        for word in {w for name in named for w in words[name]}:
            (first, n), *rest = sorted(
                ((name, c) for name, c in named.items() if word in words[name]),
                key=lambda nc: (-nc[1], nc[0]),
            )
            if not rest or n >= 2 * rest[0][1]:
                out[(story, word)] = kinds[first]
    return out


def _reported(ev: Event) -> date | None:
    t = ev.time
    if t is None or t.basis == "expression" or not t.value:
        return None
    span = interval(t.value)
    return span[0] if span else None


def _overlap(a: tuple[date, date], b: tuple[date, date]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _story(ev: Event, story_of: Mapping[str, str]) -> str | None:
    stories = Counter(story_of.get(doc) for doc in ev.sources)
    story, _ = stories.most_common(1)[0] if stories else (None, 0)
    return story


def combine(events: Sequence[Event], event_id: str) -> Event:
    """One event of several reports of it: the participants of its facts (a named actor first),
    every source and evidence, the most precise time and the most common place its facts
    give (of all its reports when none is a fact)."""
    facts = [e for e in events if e.fact] or list(events)
    main = max(
        facts,
        key=lambda e: (bool(e.subject), e.object is not None, len(e.sources), e.confidence, e.id),
    )
    # the time and place of what the facts among the reports say: a word that only names
    # the event elsewhere ("trading" in "energy trading giant Enron … in 2001") dates nothing
    times = [e.time for e in facts if e.time is not None and e.time.value]
    stated = [t for t in times if t.basis == "expression"]
    time: TimeValue | None = None
    if stated:
        time = max(stated, key=lambda t: (len(t.value or ""), t.value or ""))
    elif times:
        time = min(times, key=lambda t: t.value or "")
    places = Counter(e.place for e in facts if e.place)
    sources = tuple(sorted({s for e in events for s in e.sources}))
    best: dict[str, float] = {}
    for e in events:
        for s in e.sources:
            best[s] = max(best.get(s, 0.0), e.confidence)
    miss = 1.0
    for c in best.values():
        miss *= 1.0 - min(max(c, 0.0), 1.0)
    evidence = tuple(
        evd for e in sorted(events, key=lambda e: (not e.fact, e.id)) for evd in e.evidence
    )
    return replace(
        main,
        id=event_id,
        arguments=tuple(sorted({a for e in events for a in e.arguments})),
        attributed_to=tuple(sorted({a for e in events for a in e.attributed_to})),
        time=time,
        place=places.most_common(1)[0][0] if places else main.place,
        confidence=round(1.0 - miss, 4),
        sources=sources,
        evidence=evidence,
        disputed=any(e.disputed for e in events),
        fact=any(e.fact for e in events),
    )


def _joined_id(ids: Sequence[str]) -> str:
    import hashlib

    return hashlib.sha1("\x1f".join(("coref", *ids)).encode("utf-8")).hexdigest()[:16]


def corefer(
    events: Iterable[Event],
    story_of: Mapping[str, str],
    entities: Mapping[str, Entity],
    new_id: Callable[[Sequence[str]], str] = _joined_id,
    join_undated: bool = True,
) -> list[Event]:
    """The events with the reports of one happening joined, within a story and, more cautiously,
    across stories (see the module doc).

    ``new_id``: a function from the sorted ids of joined events to the id of the joint event;
    ``join_undated``: whether an undated report may join a dated event (as
    :class:`kgbuild.merge.MergePolicy` says)."""
    groups: dict[tuple[object, ...], list[Event]] = defaultdict(list)
    sayings: dict[tuple[object, ...], list[Event]] = defaultdict(list)
    out: list[Event] = []
    events = list(events)
    named_as = _named_events(events, story_of)
    for ev in events:
        story = _story(ev, story_of)
        kind = (None if ev.fact else named_as.get((story, ev.verb))) or kind_of(ev)
        if kind is None and story is not None and _quoted(ev, entities):
            sayings[(_speaker(ev.subject), ev.negated, story)].append(ev)
            continue
        if kind is None or story is None:
            out.append(ev)
            continue
        groups[(kind, ev.negated, asserted(ev.modality), story)].append(ev)
    found: dict[tuple[object, ...], list[_Cluster]] = defaultdict(list)
    for key, members in sorted(groups.items(), key=lambda kv: str(kv[0])):
        clusters: list[_Cluster] = []
        ordered = sorted(members, key=lambda e: (_span(e) is None, not e.fact, e.id))
        for ev in ordered:
            fit = [c for c in clusters if c.fits(ev, entities, join_undated)]
            if _span(ev) is None and sum(1 for c in fit if c.times) > 1:
                # an undated report that fits two dated events joins neither, unless one
                # alone has the very participant it names
                fit = _naming(ev, [c for c in fit if c.times], entities)
            if fit:
                fit[0].add(ev, entities)
            else:
                clusters.append(_Cluster(ev, entities, str(key[-1])))
        found[key[:-1]].extend(clusters)
    joint = [c.events for cs in found.values() for c in across_stories(cs, entities, join_undated)]
    for _key, members in sorted(sayings.items(), key=lambda kv: str(kv[0])):
        joint.extend(same_statements(members))
    for reports in joint:
        if len(reports) == 1:
            out.append(reports[0])
        else:
            out.append(combine(reports, new_id(sorted(e.id for e in reports))))
    return out


#: Share of the content words of the shorter of two statements of one speaker that the other
#: must hold for the two to be reports of one statement.
SAME_STATEMENT_OVERLAP = 0.25
#: ... and at least this many content words in common.
SAME_STATEMENT_WORDS = 2


def _quoted(ev: Event, entities: Mapping[str, Entity]) -> bool:
    """Whether an event is a statement with what was said and a speaker that is named or a
    common noun of its article ("the police")."""
    return bool(
        ev.content
        and ev.subject_role != PATIENT
        and (ev.event_class == SAYING_CLASS or ev.verb in speech_verbs())
        and (named(ev.subject, entities) or "/" in ev.subject)
    )


def _speaker(key: str) -> str:
    """Who speaks, alike across the articles of a story: a name's key, or the type and words
    of a common noun scoped to its article ("group:doc1/police" → "group:police")."""
    if "/" not in key:
        return key
    return key.split(":", 1)[0] + ":" + key.rsplit("/", 1)[-1]


def _content_words(ev: Event) -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = (w.strip(".,;:!?\"'()").lower() for w in (ev.content or "").split())
    return frozenset(w for w in words if len(w) > 2 and w.isalpha() and w not in STOP_WORDS)


def same_statements(events: Sequence[Event]) -> list[list[Event]]:
    """Statements of one speaker in one story, joined when they say the same: enough of
    the content words of the shorter in the other (two articles quoting one sentence), at
    times that do not differ. Two statements saying different things stay two events."""
    out: list[tuple[list[Event], set[str], list[tuple[date, date]]]] = []
    for ev in sorted(events, key=lambda e: e.id):
        words, span = _content_words(ev), _span(ev)
        for members, seen, times in out:
            common = len(words & seen)
            if (
                common >= SAME_STATEMENT_WORDS
                and common >= SAME_STATEMENT_OVERLAP * min(len(words), len(seen))
                and (span is None or all(_overlap(span, t) for t in times))
            ):
                members.append(ev)
                seen.update(words)
                times.extend([span] if span else [])
                break
        else:
            out.append(([ev], set(words), [span] if span else []))
    return [members for members, _w, _t in out]


#: A named participant undergoing events of one kind in more clusters than this links none of
#: them across stories (no quadratic pass over a name every story mentions).
MAX_CLUSTERS_PER_NAME = 50


def across_stories(
    clusters: Sequence[_Cluster], entities: Mapping[str, Entity], join_undated: bool = True
) -> list[_Cluster]:
    """Events of one kind in different stories (clusters of them, in story order) joined when
    they have a named participant in common in the role of who undergoes them (the arrest of
    one named man, told by two stories the build did not join) and every other check agrees.
    The pairs that share the most participants join first: of two firings of one coach, the
    reports that also name the same team and the same club join before either could take the
    other ("Cheeks was fired as coach of the 76ers" and "… of the Blazers")."""
    by_target: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(clusters):
        for key in _named_targets(c, entities):
            by_target[key].append(i)
    shared: dict[tuple[int, int], int] = {}
    parts = {i: _participants(clusters[i]) for ms in by_target.values() for i in ms}
    for members in by_target.values():
        if len(members) <= MAX_CLUSTERS_PER_NAME:
            for a_pos, a in enumerate(members):
                for b in members[a_pos + 1 :]:
                    if (a, b) not in shared and not clusters[a].story & clusters[b].story:
                        shared[(a, b)] = len(parts[a] & parts[b])
    parent = list(range(len(clusters)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in sorted(shared, key=lambda ab: (-shared[ab], ab)):
        ra, rb = sorted((find(a), find(b)))
        d, c = clusters[ra], clusters[rb]
        if ra == rb or d.story & c.story:
            continue
        if all(d.fits(ev, entities, join_undated) for ev in c.events):
            for ev in c.events:
                d.add(ev, entities)
            d.story |= c.story
            parent[rb] = ra
    return [c for i, c in enumerate(clusters) if parent[i] == i]


def _participants(c: _Cluster) -> set[str]:
    """The participants of a cluster's events, in any role (common nouns scoped to an article
    left out)."""
    return {k for ev in c.events for k in (ev.subject, ev.object) if k and "/" not in k}


def _named_targets(c: _Cluster, entities: Mapping[str, Entity]) -> set[str]:
    return {k for k in c.roles.get("target", {}) if named(k, entities)}


__all__ = [
    "NAMED_TYPES",
    "across_stories",
    "combine",
    "corefer",
    "different",
    "event_group",
    "kind_of",
    "named",
    "same_statements",
    "synonyms",
]
