"""Merge: per-document results → one :class:`~kgbuild.records.KnowledgeGraph`.

Reports of the same happening in several articles become one :class:`~kgbuild.records.Event`
holding every source article with its own evidence sentence. The rules are a
:class:`MergePolicy`:

1. **Identity** — the same event class (or, for generic events, the same predicate), the same
   canonical participants in the roles the policy names (subject and object by default; for
   symmetric classes such as Consult in either order; a subject that undergoes the event,
   "Kyiv was attacked", is not one that does it), the same polarity, the same modality
   (when ``match_modality``) and the same relation flag.
2. **Time** — reports with an identity split into events by time at the policy's
   granularity. A coarser time ("February 2022") joins the one finer event it contains; an
   undated report (no time expression, only the article date) joins the one dated event it is
   compatible with: not after its article's date, on the weekday it names ("on Tuesday" in an
   undated article). Reports that fit several events, or none, stay apart.
3. **Disputes** — an event is ``disputed`` when an article reports the claim denied
   (:mod:`kgbuild.events.disputes`) or when other articles report the same event with the
   opposite polarity at a compatible time: both stay, side by side, with their sources. Only
   an actor's deed stated outright can be disputed so: not a question or condition, not a
   concept's ("things can work"), not a saying ("did not say" denies no "said").

>>> MergePolicy().time_granularity
'day'
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from typing import NamedTuple, TypeVar

from kgbuild.actors import GazetteerArg, canonicalize, canonicalize_in_stories, link_in_articles
from kgbuild.errors import KgbuildError
from kgbuild.event_coref import corefer
from kgbuild.events.factuality import CONDITIONAL, QUESTION
from kgbuild.events.timex import interval, parse_iso, weekday_of
from kgbuild.facts import ATTRIBUTE, EVENT, FACT, admit, content_of
from kgbuild.labels import clean_graph
from kgbuild.records import (
    CLAUSE,
    PATIENT,
    Argument,
    ArticleMentions,
    DocumentResult,
    Entity,
    EntityMention,
    Event,
    EventMention,
    Evidence,
    KnowledgeGraph,
    Predicate,
    TimeValue,
    Triple,
)
from kgbuild.stories import find_stories, story_index

_T = TypeVar("_T")

#: Classes whose events never conflict: "did not say" does not deny "said".
NO_CONFLICT_CLASSES = frozenset({"MakePublicStatement"})
#: Modalities that assert nothing a denial can meet.
_NOT_ASSERTED = frozenset({QUESTION, CONDITIONAL})
#: Roles a :class:`MergePolicy` can require to match.
ROLES = ("subject", "object", "arguments", "place")
#: Time granularities, finest first; ``none`` ignores time altogether.
GRANULARITIES = {"day": 10, "month": 7, "year": 4, "none": 0}


@dataclass(frozen=True)
class MergePolicy:
    """Which reports are the same event.

    ``roles``: participants that must match (canonical entity keys), among
    ``subject``, ``object``, ``arguments`` (further arguments with an entity) and ``place``.
    ``by_class``: events with a class merge across predicates of that class ("talks" and
    "meet" are one Consult); generic events always need the same predicate.
    ``time_granularity``: ``day``, ``month``, ``year`` or ``none``.
    ``join_undated``: an undated report joins the single compatible dated event.
    ``symmetric_classes``: classes whose subject and object may come in either order.
    ``match_modality``: "may meet" and "met" are different events.

    Which reports are facts at all is not a policy: :mod:`kgbuild.facts` decides.
    """

    roles: tuple[str, ...] = ("subject", "object")
    by_class: bool = True
    time_granularity: str = "day"
    join_undated: bool = True
    symmetric_classes: frozenset[str] = field(default_factory=lambda: frozenset({"Consult"}))
    match_modality: bool = True

    def __post_init__(self) -> None:
        unknown = set(self.roles) - set(ROLES)
        if unknown or self.time_granularity not in GRANULARITIES:
            raise KgbuildError(
                f"merge policy: roles must be among {', '.join(ROLES)} and time granularity one of "
                f"{', '.join(GRANULARITIES)}"
            )


DEFAULT_POLICY = MergePolicy()


def argument_key(arg: Argument | None, key_map: dict[str, str]) -> str | None:
    """The canonical key of an argument: its entity, else a concept key from its words (as
    ``kgbuild extract`` names what the graph does not admit)."""
    if arg is None:
        return None
    if arg.entity is not None:
        return key_map.get(arg.entity.key, arg.entity.key)
    if arg.role == CLAUSE:
        return None
    return "thing:" + arg.core_text.lower()


def event_id(*parts: object) -> str:
    """A stable id from the parts of an event's identity."""
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


# --------------------------------------------------------------------------- identity


def identity(
    t: Triple, key_map: dict[str, str], policy: MergePolicy = DEFAULT_POLICY
) -> tuple[object, ...]:
    """What must match for two reports to be one event (time aside)."""
    subj = argument_key(t.subject, key_map) if "subject" in policy.roles else None
    obj = argument_key(t.object, key_map) if "object" in policy.roles else None
    return _identity(t, subj, obj, key_map, policy)


def _identity(
    t: Triple, subj: str | None, obj: str | None, key_map: dict[str, str], policy: MergePolicy
) -> tuple[object, ...]:
    """:func:`identity` given the keys of the subject and object (None when not a role)."""
    kind: tuple[str, str] = (
        ("class", t.event_class)
        if policy.by_class and t.event_class
        else ("predicate", t.predicate.lemma)
    )
    participants: tuple[object, ...] = (subj, obj)
    if t.event_class in policy.symmetric_classes and subj is not None and obj is not None:
        participants = tuple(sorted((subj, obj)))
    if t.subject.role == PATIENT:  # "Kyiv was attacked" is not "Kyiv attacked"
        participants = (*participants, PATIENT)
    extra: tuple[object, ...] = ()
    if "arguments" in policy.roles:
        extra += (
            tuple(
                sorted(
                    {
                        k
                        for a in t.arguments
                        if a.entity is not None and (k := argument_key(a, key_map))
                    }
                )
            ),
        )
    if "place" in policy.roles:
        extra += (argument_key(t.place, key_map),)
    content = content_of(t)
    if content:  # what was said: two statements are two events
        extra += (content,)
    modality = t.modality if policy.match_modality else None
    return (kind, participants, extra, t.negated, t.relation, modality)


def report_identity(
    t: Triple, key_map: dict[str, str], policy: MergePolicy = DEFAULT_POLICY, *, fact: bool = True
) -> tuple[object, ...]:
    """The identity of an admitted report (:func:`kgbuild.facts.admit`): a fact's, or that of an
    event whose actor is not known, which no other report shares."""
    subj = argument_key(t.subject, key_map) if fact and "subject" in policy.roles else None
    obj = argument_key(t.object, key_map) if "object" in policy.roles else None
    ident = _identity(t, subj, obj, key_map, policy)
    if not fact:
        ident = (*ident, ("report", t.doc, t.predicate.span.start, t.predicate.span.end))
    return ident


def _joint_id(ids: Sequence[str], word_only: frozenset[str]) -> str:
    """The id of events joined by coreference: the id of the one event a triple tells of when
    the others are event words alone (so an event keeps the IRI ``kgbuild extract`` gives it),
    one of the words' ids when no triple tells of any (a partial event, no fact), else an id
    of its own."""
    told = [i for i in ids if i not in word_only]
    if len(told) == 1:
        return told[0]
    return event_id("coref", *told) if told else ids[0]


def report_event_id(
    t: Triple,
    key_map: dict[str, str] | None = None,
    policy: MergePolicy = DEFAULT_POLICY,
    *,
    title: str = "",
) -> str | None:
    """The id the event of one extracted triple gets in a build when no other report joins it;
    None when the graph does not admit it (:func:`kgbuild.facts.admit`; ``title`` is its
    article's).

    Used for per-triple records (``kgbuild extract``) so that their ``event_iri`` is the one a
    build gives the same lone report.
    """
    v = admit(t, title)
    if v.kind not in (FACT, EVENT) or v.triple is None:
        return None
    width = GRANULARITIES[policy.time_granularity]
    a = v.triple
    value = a.time.value if a.time is not None and a.time.basis == "expression" else None
    time_key = value[:width] if value and width else None
    return event_id(*report_identity(a, key_map or {}, policy, fact=v.kind == FACT), time_key)


# --------------------------------------------------------------------------- time


class _Report(NamedTuple):
    """One report of an event, with what the merge needs of it computed once."""

    triple: Triple
    value: str | None  # the expression time (xsd value) at the policy's granularity
    weekday: int | None  # weekday named by an unresolved expression ("on Tuesday", no date)
    reported: date | None  # the article date: the event is not after it
    subject_key: str | None = None  # argument_key of the subject
    object_key: str | None = None  # argument_key of the object
    fact: bool = True  # False: an event whose actor is not known (see kgbuild.facts)


def _report(
    t: Triple,
    reported: date | None,
    policy: MergePolicy,
    subject_key: str | None = None,
    object_key: str | None = None,
    fact: bool = True,
) -> _Report:
    width = GRANULARITIES[policy.time_granularity]
    value = weekday = None
    time = t.time
    if time is not None and time.basis == "expression":
        if time.value:
            value = time.value[:width] if width else None
        else:
            weekday = weekday_of(time.text)
    return _Report(t, value or None, weekday, reported, subject_key, object_key, fact)


def _within(key: str, value: str) -> bool:
    """Whether the period ``key`` lies inside the period ``value``.

    >>> _within("2022-02-15", "2022-02"), _within("2022-02", "2022-02-15")
    (True, False)
    """
    inner, outer = interval(key), interval(value)
    return inner is not None and outer is not None and outer[0] <= inner[0] and inner[1] <= outer[1]


def _compatible(report: _Report, key: str) -> bool:
    """Whether a report fits the event dated ``key``."""
    span = interval(key)
    if span is None:
        return False
    if report.value is not None:
        return _within(key, report.value)
    if report.reported is not None and span[0] > report.reported:
        return False
    if report.weekday is not None:
        return span[0] == span[1] and span[0].weekday() == report.weekday
    return True


def cluster_by_time(
    reports: Sequence[_Report], policy: MergePolicy
) -> dict[str | None, list[_Report]]:
    """Reports of one identity grouped into events by time (key None: undated)."""
    if policy.time_granularity == "none":
        return {None: list(reports)}
    dated = sorted({r.value for r in reports if r.value}, key=lambda v: (-len(v), v))
    clusters: dict[str | None, list[_Report]] = defaultdict(list)
    keys: list[str] = []
    for v in dated:
        if len([k for k in keys if _within(k, v)]) != 1:
            keys.append(v)
    for r in reports:
        if r.value is not None and r.value in keys:
            clusters[r.value].append(r)
            continue
        fits = (
            [k for k in keys if _compatible(r, k)]
            if (r.value is not None or policy.join_undated)
            else []
        )
        if len(fits) == 1:
            clusters[fits[0]].append(r)
        elif r.value is not None:
            clusters[r.value].append(r)
        else:
            clusters[None].append(r)
    return dict(clusters)


def _event_time(reports: Sequence[_Report]) -> TimeValue | None:
    """The most precise expression time among the reports, else the earliest reporting date."""
    times = [r.triple.time for r in reports if r.triple.time is not None and r.triple.time.value]
    expressed = [t for t in times if t.basis == "expression"]
    if expressed:
        return max(expressed, key=lambda t: (len(t.value or ""), t.value or ""))
    return min(times, key=lambda t: t.value or "") if times else None


# --------------------------------------------------------------------------- events


def _most_common(values: Iterable[_T | None], *, skip_none: bool = True) -> _T | None:
    """The most frequent value (None values left out unless ``skip_none`` is False), ties
    broken by the smallest text; None when there is none.

    >>> _most_common(["b", None, "a", "b", None, None]), _most_common([None])
    ('b', None)
    >>> _most_common(["b", None, None], skip_none=False) is None
    True
    """
    counts: dict[_T | None, int] = {}
    for v in values:
        if v is not None or not skip_none:
            counts[v] = counts.get(v, 0) + 1
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def _evidence(t: Triple, partial: bool = False) -> Evidence:
    return Evidence(
        doc=t.doc,
        sentence=t.sentence.text,
        sentence_span=t.sentence,
        subject=t.subject.span,
        predicate=t.predicate.span,
        object=t.object.span if t.object else None,
        attributed_to=t.attributed_to.label if t.attributed_to else None,
        confidence=t.confidence,
        arguments=tuple((a.role, a.span) for a in t.arguments),
        partial=partial,
    )


def combined_confidence(reports: Sequence[Triple]) -> float:
    """Independent sources make an event likelier: 1 − ∏(1 − best confidence per article).

    >>> round(combined_confidence([]), 2)
    0.0
    """
    if len(reports) == 1:  # the arithmetic below, for one article
        return round(1.0 - (1.0 - min(max(0.0, reports[0].confidence), 1.0)), 4)
    best: dict[str, float] = {}
    for t in reports:
        best[t.doc] = max(best.get(t.doc, 0.0), t.confidence)
    miss = 1.0
    for c in best.values():
        miss *= 1.0 - min(max(c, 0.0), 1.0)
    return round(1.0 - miss, 4)


def _arguments(ts: Iterable[Triple], key_map: dict[str, str]) -> tuple[tuple[str, str], ...]:
    """The (role, key) pairs of the further arguments that name an entity, sorted."""
    return tuple(
        sorted(
            {
                (a.role, k)
                for t in ts
                for a in t.arguments
                if a.entity is not None and (k := argument_key(a, key_map))
            }
        )
    )


def _single_event(
    ident: tuple[object, ...], time_key: str | None, report: _Report, key_map: dict[str, str]
) -> Event:
    """:func:`_build_event` for one report: every vote has a single voice."""
    t = report.triple
    attributed = argument_key(t.attributed_to, key_map)
    return Event(
        id=event_id(*ident, time_key),
        predicate=str(t.predicate.lemma),
        event_class=t.event_class,
        subject=report.subject_key or "",
        object=report.object_key,
        arguments=_arguments((t,), key_map) if t.arguments else (),
        relation=t.relation,
        negated=t.negated,
        modality=str(t.modality) if t.modality is not None else None,
        attributed_to=(attributed,) if attributed is not None else (),
        time=t.time if t.time is not None and t.time.value else None,
        place=argument_key(t.place, key_map),
        confidence=combined_confidence((t,)),
        sources=(t.doc,),
        evidence=(_evidence(t, not report.fact),),
        disputed=t.disputed,
        subject_role=PATIENT if t.subject.role == PATIENT else "agent",
        content=content_of(t),
        fact=report.fact,
        verb=t.predicate.verb,
    )


def by_story(
    ident: tuple[object, ...],
    time_key: str | None,
    reports: Sequence[_Report],
    story_of: Mapping[str, str],
) -> list[tuple[tuple[object, ...], list[_Report]]]:
    """Reports of one identity and time, as events: dated ones are one event; undated ones one
    per story (:mod:`kgbuild.stories`), whose identity then names the story — an undated
    "X arrested Y" of two stories years apart is two events."""
    if time_key is not None:
        return [(ident, list(reports))]
    parts: dict[str, list[_Report]] = defaultdict(list)
    for r in reports:
        parts[story_of.get(r.triple.doc, r.triple.doc)].append(r)
    if len(parts) == 1:
        return [(ident, list(reports))]
    return [((*ident, ("story", sid)), part) for sid, part in sorted(parts.items())]


def _build_event(
    ident: tuple[object, ...],
    time_key: str | None,
    reports: Sequence[_Report],
    key_map: dict[str, str],
) -> Event:
    if len(reports) == 1:
        return _single_event(ident, time_key, reports[0], key_map)
    ordered = sorted(
        reports,
        key=lambda r: (r.triple.doc, r.triple.sentence.start, r.triple.predicate.span.start),
    )
    ts = [r.triple for r in ordered]
    first = ts[0]
    subj = _most_common(r.subject_key for r in ordered)
    obj = _most_common((r.object_key for r in ordered), skip_none=False)
    places = [
        (t.place.role != "dateline", argument_key(t.place, key_map))
        for t in ts
        if t.place is not None
    ]
    place = (
        max(places, key=lambda p: (p[0], sum(1 for q in places if q == p)))[1] if places else None
    )
    return Event(
        id=event_id(*ident, time_key),
        predicate=str(_most_common(t.predicate.lemma for t in ts)),
        event_class=first.event_class,
        subject=subj or "",
        object=obj,
        arguments=_arguments(ts, key_map),
        relation=first.relation,
        negated=first.negated,
        modality=str(m) if (m := _most_common(t.modality for t in ts)) is not None else None,
        attributed_to=tuple(
            sorted({k for t in ts if (k := argument_key(t.attributed_to, key_map)) is not None})
        ),
        time=_event_time(reports),
        place=place,
        confidence=combined_confidence(ts),
        sources=tuple(sorted({t.doc for t in ts})),
        evidence=tuple(_evidence(r.triple, not r.fact) for r in ordered),
        disputed=any(t.disputed for t in ts),
        subject_role=PATIENT if first.subject.role == PATIENT else "agent",
        content=content_of(first),
        fact=ordered[0].fact,
        verb=str(_most_common(t.predicate.verb for t in ts) or ""),
    )


def _times_compatible(a: Event, b: Event) -> bool:
    ia = interval(a.time.value) if a.time is not None and a.time.basis == "expression" else None
    ib = interval(b.time.value) if b.time is not None and b.time.basis == "expression" else None
    if ia is None or ib is None:
        return True
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _may_conflict(e: Event) -> bool:
    """Whether an event asserts something a denial can meet: an actor's deed, stated outright
    (questions and conditions assert nothing; a saying's content carries the claim, not the
    saying)."""
    return (
        e.fact
        and e.modality not in _NOT_ASSERTED
        and not e.subject.startswith("thing:")
        and e.event_class not in NO_CONFLICT_CLASSES
    )


def mark_conflicts(events: Sequence[tuple[tuple[object, ...], Event]]) -> list[Event]:
    """Events with ``disputed`` set where other articles report the same event with the
    opposite polarity at a compatible time."""
    claims: dict[tuple[object, ...], tuple[list[Event], list[Event]]] = {}
    for ident, e in events:
        if _may_conflict(e):
            kind, participants, extra, negated, relation, _modality = ident
            claim = (kind, participants, extra, relation)  # the identity less polarity and modality
            sides = claims.get(claim)
            if sides is None:
                sides = claims[claim] = ([], [])
            sides[1 if negated else 0].append(e)
    disputed: set[str] = set()
    for asserted, denied in claims.values():
        for e in asserted:
            for other in denied:
                if set(e.sources) != set(other.sources) and _times_compatible(e, other):
                    disputed.update((e.id, other.id))
    return [
        replace(e, disputed=True) if e.id in disputed and not e.disputed else e for _i, e in events
    ]


def admitted(
    results: Sequence[DocumentResult],
) -> tuple[list[DocumentResult], dict[int, str], list[tuple[str, str, str]]]:
    """The results with only the triples the graph admits (facts, and events whose actor is
    not known) as :func:`kgbuild.facts.admit` rewrites them; the kind of each kept triple (by
    ``id``) and the attributes (entity key, name, value) of copulas and appositions."""
    out = []
    kinds: dict[int, str] = {}
    attributes: list[tuple[str, str, str]] = []
    for r in results:
        kept = []
        for t in r.triples:
            v = admit(t, r.article.title)
            if v.kind in (FACT, EVENT) and v.triple is not None:
                kept.append(v.triple)
                kinds[id(v.triple)] = v.kind
            elif v.kind == ATTRIBUTE and v.attribute is not None:
                attributes.append(v.attribute)
        for m in r.event_mentions:
            t = mention_triple(m, r.article.id)
            kept.append(t)
            kinds[id(t)] = EVENT
        out.append(replace(r, triples=tuple(kept)))
    return out, kinds, attributes


#: Confidence of an event known from a word that names it, no clause reporting it.
MENTION_CONFIDENCE = 0.3
#: The predicate kind of such an event's report.
MENTION_KIND = "mention"


def mention_triple(m: EventMention, doc: str) -> Triple:
    """An event mention as the report of a partial event: the word is its predicate; its
    subject, unknown, stands at the word."""
    return Triple(
        doc=doc,
        sentence=m.sentence,
        subject=Argument(span=m.span, head=m.span, role="subject"),
        predicate=Predicate(
            span=m.span, lemma=m.lemma, kind=MENTION_KIND, head=m.span, verb=m.lemma
        ),
        time=m.time,
        confidence=MENTION_CONFIDENCE,
        event_class=m.event_class,
    )


def with_attributes(
    entities: Sequence[Entity], attributes: Iterable[tuple[str, str, str]], key_map: dict[str, str]
) -> list[Entity]:
    """Entities with the roles and ages that copulas and appositions state of them."""
    roles: dict[str, list[str]] = defaultdict(list)
    ages: dict[str, set[str]] = defaultdict(set)
    for key, name, value in attributes:
        canon = key_map.get(key, key)
        if name == "age":
            ages[canon].add(value)
        elif value not in roles[canon]:
            roles[canon].append(value)
    out = []
    for e in entities:
        extra = [r for r in roles.get(e.key, ()) if r not in e.roles]
        if extra or e.key in ages:
            e = replace(
                e,
                roles=(*e.roles, *sorted(extra)),
                ages=tuple(sorted(ages.get(e.key, ()), key=int)),
            )
        out.append(e)
    return out


def merge(
    results: Sequence[DocumentResult],
    policy: MergePolicy = DEFAULT_POLICY,
    *,
    gazetteer: GazetteerArg = None,
) -> KnowledgeGraph:
    """Merge the results of all documents into one graph model: the facts the graph admits
    (:mod:`kgbuild.facts`), merged into events; entities with their attributes."""
    results, joins = link_in_articles(results, gazetteer=gazetteer)
    kept_results, kinds, attributes = admitted(results)
    reasons: dict[str, str] = {}
    found, key_map = canonicalize(kept_results, gazetteer=gazetteer, reasons=reasons, joins=joins)
    stories = find_stories(kept_results, key_map, found)
    in_stories = canonicalize_in_stories(
        kept_results,
        key_map,
        story_index(stories),
        gazetteer=gazetteer,
        reasons=reasons,
        joins=joins,
    )
    if in_stories is not None:
        found, linked = in_stories
        moved = {key_map[k]: v for k, v in linked.items() if key_map[k] != v}
        stories = tuple(
            replace(st, actors=tuple(dict.fromkeys(moved.get(k, k) for k in st.actors)))
            for st in stories
        )
        key_map = linked
    entities = with_attributes(found, attributes, key_map)
    story_of = story_index(stories)
    dates = {r.article.id: r.article.date for r in results}
    reported = {doc: parse_iso(d) for doc, d in dates.items()}
    groups: dict[tuple[object, ...], list[_Report]] = defaultdict(list)
    for r in kept_results:
        for t in r.triples:
            fact = kinds.get(id(t)) == FACT
            subj = argument_key(t.subject, key_map) if fact else None
            obj = argument_key(t.object, key_map)
            report = _report(t, reported.get(t.doc), policy, subj, obj, fact)
            groups[report_identity(t, key_map, policy, fact=fact)].append(report)
    built: list[tuple[tuple[object, ...], Event]] = []
    word_only: set[str] = set()  # events known from one event word alone
    timed = policy.time_granularity != "none"
    for ident, reports in sorted(groups.items(), key=lambda kv: str(kv[0])):
        if len(reports) == 1:  # the common case: a report no other matches is one event
            lone = reports[0]
            ev = _single_event(ident, lone.value if timed else None, lone, key_map)
            if lone.triple.predicate.kind == MENTION_KIND:
                word_only.add(ev.id)
            built.append((ident, ev))
            continue
        for time_key, members in sorted(
            cluster_by_time(reports, policy).items(), key=lambda kv: str(kv[0])
        ):
            for own, part in by_story(ident, time_key, members, story_of):
                built.append((ident, _build_event(own, time_key, part, key_map)))
    ents = {e.key: e for e in entities}
    joined = corefer(
        mark_conflicts(built),
        story_of,
        ents,
        new_id=partial(_joint_id, word_only=frozenset(word_only)),
        join_undated=policy.join_undated,
    )
    # a word that names an event no other report tells of is no node of its own; words of
    # one event, with no triple among them, are a partial event (no fact)
    events = [ev for ev in joined if ev.id not in word_only or len(ev.evidence) > 1]
    known = {e.key for e in entities}
    articles = tuple(sorted((r.article for r in results), key=lambda a: a.id))
    kg = KnowledgeGraph(
        articles=articles,
        entities=tuple(sorted(entities, key=lambda e: e.key)),
        events=tuple(sorted(events, key=lambda e: e.id)),
        mentions=mention_layer(results, key_map, known),
        stories=stories,
    )
    return clean_graph(kg)  # labels without bidi controls or zero-width characters


def mention_layer(
    results: Iterable[DocumentResult], key_map: dict[str, str], known: set[str]
) -> tuple[ArticleMentions, ...]:
    """Every entity mention the actors stage resolved, with its canonical entity, by article
    (in article id order) and in text order; mentions of keys that are no entity are left out."""
    out = []
    for r in sorted(results, key=lambda r: r.article.id):
        ms = []
        for m in r.mentions:
            key = key_map.get(m.entity.key, m.entity.key)
            if key in known:
                ms.append(EntityMention(m.span, key, m.kind))
        if ms:
            ms.sort(key=lambda x: (x.span.start, x.span.end, x.entity))
            out.append(ArticleMentions(r.article.id, tuple(ms)))
    return tuple(out)


__all__ = [
    "DEFAULT_POLICY",
    "GRANULARITIES",
    "ROLES",
    "MergePolicy",
    "admitted",
    "argument_key",
    "cluster_by_time",
    "combined_confidence",
    "event_id",
    "identity",
    "mark_conflicts",
    "mention_layer",
    "merge",
    "report_event_id",
    "with_attributes",
]
