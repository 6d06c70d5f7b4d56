"""The noise report of a build: how much of what the graph holds a reader would not sign off.

:func:`noise_report` reads a built graph and counts, among its facts (events with a known
actor, the rows of ``triples.csv``):

* facts with a pronoun, quantifier or determiner as a participant ("he", "some", "the");
* self-loops (the same node on both sides);
* copula facts ("X be Y"): statements about an entity that should be its attributes;
* facts with no object and nothing said, and among them those that are not complete alone
  (a verb of the ``standalone`` list, or a subject that undergoes the event);
* internal ids (``thing:x``, ``person:y``) where a label should be, in ``triples.csv``;
* common-noun actors (no named entity) acting in more than one article: one node joining
  unrelated stories.

``kgbuild stats DIR`` prints it; a build prints its first lines at the end.

>>> r = NoiseReport(facts=10, pronoun_arguments=1)
>>> r.share(r.pronoun_arguments)
0.1
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kgbuild.facts import QUANTIFIERS, standalone_verbs
from kgbuild.records import PATIENT, Entity, Event, KnowledgeGraph
from kgbuild.table import row_count

#: A key where a label should be: "thing:i", "person:angela merkel".
INTERNAL_ID = re.compile(r"^(?:thing|person|organization|country|place|group|amount):\S")
#: Words that are never a participant of a fact.
NON_PARTICIPANTS = QUANTIFIERS | frozenset(
    [
        "i",
        "me",
        "my",
        "we",
        "us",
        "our",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "it",
        "its",
        "they",
        "them",
        "their",
        "there",
        "here",
        "one",
    ]
)


@dataclass(frozen=True)
class NoiseReport:
    """Counts over the facts of a build (see the module docstring)."""

    facts: int = 0
    rows: int = 0
    events: int = 0
    pronoun_arguments: int = 0
    self_loops: int = 0
    copula_facts: int = 0
    no_object: int = 0
    no_object_incomplete: int = 0
    internal_ids: int = 0
    shared_common_actors: int = 0
    examples: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def share(self, n: int) -> float:
        return n / self.facts if self.facts else 0.0

    def lines(self) -> list[str]:
        """The report for people, one measure a line."""
        pct = self.share
        return [
            f"{self.facts:,} facts in {self.rows:,} rows of triples.csv "
            f"({self.events - self.facts:,} more events whose actor is not known)",
            f"  pronoun, quantifier or determiner as a participant: {self.pronoun_arguments:,} "
            f"({pct(self.pronoun_arguments):.1%})",
            f"  self-loops: {self.self_loops:,} ({pct(self.self_loops):.1%})",
            f"  copula facts (X be Y): {self.copula_facts:,} ({pct(self.copula_facts):.1%})",
            f"  no object and nothing said: {self.no_object:,} ({pct(self.no_object):.1%}), "
            f"of which not complete alone: {self.no_object_incomplete:,}",
            f"  internal ids in triples.csv: {self.internal_ids:,}",
            f"  common-noun actors in more than one article: {self.shared_common_actors:,}",
        ]


def _label(key: str, ents: dict[str, Entity]) -> str:
    e = ents.get(key)
    return e.label if e else key


def _is_named(key: str, ents: dict[str, Entity]) -> bool:
    """Whether a key is a named entity (not a concept, amount or common noun of an article)."""
    e = ents.get(key)
    return e is not None and e.type != "Thing" and "/" not in key.split(":", 1)[-1]


def _participants(ev: Event) -> list[str]:
    keys = [ev.subject, *(k for _r, k in ev.arguments), *ev.attributed_to]
    return [k for k in (*keys, ev.object, ev.place) if k]


def _bare(label: str) -> str:
    """A label without the article title a scoped node carries."""
    return label.split(" (", 1)[0].strip().lower()


def _naming_articles(ev: Event, key: str, words: str) -> set[str]:
    """The articles whose own node ``key`` names the actor of ``ev``: the article a scoped
    node belongs to ("group:a1/officials"), else those whose report of ``ev`` holds its words.
    A second article that reports the same event does not make one article's "officials" its
    own: its own officials are its own node."""
    scope = key.split(":", 1)[-1]
    if "/" in scope:
        return {scope.split("/", 1)[0]}
    return {e.doc for e in ev.evidence if words in e.sentence.lower()} or set(ev.sources[:1])


def noise_report(kg: KnowledgeGraph, folder: str | Path | None = None) -> NoiseReport:
    """Count the noise among the facts of ``kg``; with ``folder``, also look for internal ids in
    its ``triples.csv``."""
    ents = {e.key: e for e in kg.entities}
    facts = [ev for ev in kg.events if ev.fact]
    examples: dict[str, list[str]] = defaultdict(list)

    def note(kind: str, ev: Event) -> None:
        if len(examples[kind]) < 5:
            obj = _label(ev.object, ents) if ev.object else (ev.content or "")
            examples[kind].append(f"{_label(ev.subject, ents)} — {ev.predicate} → {obj}")

    counts: Counter[str] = Counter()
    actor_docs: dict[str, set[str]] = defaultdict(set)
    for ev in facts:
        if any(_bare(_label(k, ents)) in NON_PARTICIPANTS for k in _participants(ev)):
            counts["pronoun"] += 1
            note("pronoun", ev)
        if ev.object is not None and ev.object == ev.subject:
            counts["loop"] += 1
            note("loop", ev)
        if ev.relation or ev.predicate == "be":
            counts["copula"] += 1
            note("copula", ev)
        if ev.object is None and not ev.content:
            counts["no_object"] += 1
            if ev.subject_role != PATIENT and ev.predicate not in standalone_verbs():
                counts["incomplete"] += 1
                note("incomplete", ev)
        if ev.subject_role != PATIENT and not _is_named(ev.subject, ents):
            actor_docs[ev.subject].update(
                _naming_articles(ev, ev.subject, _bare(_label(ev.subject, ents)))
            )
    shared = [k for k, docs in actor_docs.items() if len(docs) > 1]
    for k in shared[:5]:
        examples["shared"].append(f"{_label(k, ents)} ({len(actor_docs[k])} articles)")
    internal = 0
    rows = 0
    if folder is not None and (Path(folder) / "triples.csv").is_file():
        with open(Path(folder) / "triples.csv", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                rows += 1
                cells = [
                    row["subject"],
                    row["object"],
                    row["place"],
                    *row["attributed_to"].split(";"),
                ]
                bad = [c for c in cells if INTERNAL_ID.match(c)]
                if bad:
                    internal += 1
                    if len(examples["internal"]) < 5:
                        examples["internal"].append(", ".join(bad))
    else:
        rows = row_count(kg)
    return NoiseReport(
        facts=len(facts),
        rows=rows,
        events=len(kg.events),
        pronoun_arguments=counts["pronoun"],
        self_loops=counts["loop"],
        copula_facts=counts["copula"],
        no_object=counts["no_object"],
        no_object_incomplete=counts["incomplete"],
        internal_ids=internal,
        shared_common_actors=len(shared),
        examples={k: tuple(v) for k, v in examples.items()},
    )


__all__ = ["INTERNAL_ID", "NoiseReport", "noise_report"]
