"""The actor index of one document: from argument spans to the entities they stand for."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from kgbuild.actors.metonymy import acting, stand_for
from kgbuild.records import Argument, EntityRef, Mention, Span, Triple


@dataclass(frozen=True)
class ActorIndex:
    """The mentions of one document and the lookup from spans to entities.

    ``stands_for`` maps the key of a capital or seat of government to the state (or body) it
    stands for when it acts; ``unresolved`` holds the spans of pronouns and descriptions that
    could not be resolved: an argument headed by one keeps ``entity=None`` (see
    :func:`kgbuild.actors.is_unresolved`).
    """

    mentions: tuple[Mention, ...]
    stands_for: Mapping[str, EntityRef] = field(default_factory=dict)
    unresolved: tuple[Span, ...] = ()
    titles: tuple[Span, ...] = ()  # the title part of titled names ("German Chancellor")

    @cached_property
    def _by_start(self) -> tuple[list[int], list[int], int]:
        """The mentions' starts in order, their indexes in that order, the longest's length."""
        order = sorted(range(len(self.mentions)), key=lambda k: self.mentions[k].span.start)
        starts = [self.mentions[k].span.start for k in order]
        return starts, order, max((_size(m.span) for m in self.mentions), default=0)

    def mention_at(self, span: Span, head: Span | None = None) -> Mention | None:
        """The smallest mention containing the head (else the span).

        A head inside the title of a name ("*President* Emmanuel Macron") names the role, not the
        person: only a mention inside the title itself ("*NATO* Secretary General") counts.
        """
        probe = head or span
        title = self._title_holding(probe)
        best: Mention | None = None
        starts, order, longest = self._by_start
        # only a mention starting at most ``longest`` characters before the probe's end and not
        # after its start can contain it; they are tried in the order of ``mentions``
        near = order[bisect_left(starts, probe.end - longest) : bisect_right(starts, probe.start)]
        for m in map(self.mentions.__getitem__, sorted(near)):
            if not m.span.contains(probe) or (title is not None and not title.contains(m.span)):
                continue
            if best is None or _size(m.span) < _size(best.span):
                best = m
        return best

    @cached_property
    def _titles_by_start(self) -> tuple[list[int], list[int], int]:
        """The titles' starts in order, their indexes in that order, the longest's length."""
        order = sorted(range(len(self.titles)), key=lambda k: self.titles[k].start)
        starts = [self.titles[k].start for k in order]
        return starts, order, max((_size(t) for t in self.titles), default=0)

    def _title_holding(self, probe: Span) -> Span | None:
        """The first title (in the order of ``titles``) that contains ``probe``."""
        starts, order, longest = self._titles_by_start
        near = order[bisect_left(starts, probe.end - longest) : bisect_right(starts, probe.start)]
        return next((self.titles[k] for k in sorted(near) if self.titles[k].contains(probe)), None)

    def lookup(self, span: Span, head: Span | None = None) -> EntityRef | None:
        """The entity of the mention containing the head (else the whole span), as mentioned."""
        m = self.mention_at(span, head)
        return m.entity if m else None

    def resolve(
        self, arg: Argument | None, predicate: str = "", *, as_: str = "role"
    ) -> Argument | None:
        """The argument with its entity: a capital or seat that acts becomes its state.

        ``as_`` is ``"role"`` (decide from the argument's role and the predicate), ``"actor"``
        (the source of reported speech) or ``"place"`` (a locative: never a state).
        """
        if arg is None:
            return None
        ent = self.lookup(arg.span, arg.head)
        if ent is None:
            return arg
        target = self.stands_for.get(ent.key)
        if (
            target is not None
            and as_ != "place"
            and (as_ == "actor" or acting(arg.role, predicate))
        ):
            ent = stand_for(ent, target, ent.mentioned_as or ent.label)
        return replace(arg, entity=ent)

    def attach(self, triples: Sequence[Triple]) -> tuple[Triple, ...]:
        """Triples with every argument resolved to its entity where one is known."""
        out = []
        for t in triples:
            lemma = t.predicate.lemma
            subject = self.resolve(t.subject, lemma) or t.subject
            obj = self.resolve(t.object, lemma)
            if t.relation and obj is not None and _same(subject, obj) and self._described(obj):
                obj = replace(obj, entity=None)  # "X, the German chancellor": a role, not X again
            out.append(
                replace(
                    t,
                    subject=subject,
                    object=obj,
                    arguments=tuple(self.resolve(a, lemma) or a for a in t.arguments),
                    attributed_to=self.resolve(t.attributed_to, lemma, as_="actor"),
                    place=self.resolve(t.place, lemma, as_="place"),
                )
            )
        return tuple(out)

    def _described(self, arg: Argument) -> bool:
        """Whether an argument is a description of its entity ("the German chancellor")."""
        m = self.mention_at(arg.span, arg.head)
        return m is not None and m.kind in {"description", "apposition"}


def _same(a: Argument, b: Argument) -> bool:
    return a.entity is not None and b.entity is not None and a.entity.key == b.entity.key


def _size(s: Span) -> int:
    return s.end - s.start


__all__ = ["ActorIndex"]
