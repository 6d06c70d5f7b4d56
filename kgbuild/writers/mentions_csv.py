"""``mentions.csv``: one row per place an article names an entity or reports an event.

The mention layer as a table, beside ``triples.csv``: every entity mention the actors stage
resolved (names, acronyms, descriptions, pronouns that coreference resolved) and every
evidence of an event (its predicate's words), with the ``[start, end)`` of the words in the
article's text as read (what ``kgbuild text FILE`` prints for the file of ``path``).

>>> Format().head()
'article,path,start,end,text,kind,iri,label,mention,predicate\\n'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

from kgbuild.pieces import Piece, PreviousStream, write_pieces
from kgbuild.rdf.iri import entity_iri, event_iri
from kgbuild.records import Article, ArticleMentions, Entity, Event, KnowledgeGraph
from kgbuild.writers.csv_stream import CsvFormat

#: Columns of ``mentions.csv``, in order.
COLUMNS = (
    "article",
    "path",
    "start",
    "end",
    "text",
    "kind",  # entity | event
    "iri",  # the node's IRI
    "label",  # the node's label
    "mention",  # how an entity is named: name, acronym, description, pronoun …
    "predicate",  # an event's predicate lemma
)

#: The group of the pieces of this file.
ROWS = "mentions"

Row = dict[str, Any]


def _label(key: str, ents: dict[str, Entity]) -> str:
    e = ents.get(key)
    return e.label if e else key.split(":", 1)[-1]


def article_rows(
    article: Article,
    mentions: ArticleMentions | None,
    reports: list[tuple[Event, int]],
    ents: dict[str, Entity],
) -> list[Row]:
    """The rows of one article, in text order: its entity mentions and its event evidence."""
    path = article.paths[0] if article.paths else ""
    rows: list[tuple[tuple[int, int, str], Row]] = []
    for m in mentions.mentions if mentions else ():
        iri = str(entity_iri(m.entity))
        rows.append(
            (
                (m.span.start, m.span.end, iri),
                {
                    "article": article.id,
                    "path": path,
                    "start": m.span.start,
                    "end": m.span.end,
                    "text": m.span.text,
                    "kind": "entity",
                    "iri": iri,
                    "label": _label(m.entity, ents),
                    "mention": m.kind,
                    "predicate": "",
                },
            )
        )
    for ev, n in reports:
        p = ev.evidence[n].predicate
        iri = str(event_iri(ev.id))
        rows.append(
            (
                (p.start, p.end, iri),
                {
                    "article": article.id,
                    "path": path,
                    "start": p.start,
                    "end": p.end,
                    "text": p.text,
                    "kind": "event",
                    "iri": iri,
                    "label": _event_label(ev, ents),
                    "mention": "",
                    "predicate": ev.predicate,
                },
            )
        )
    rows.sort(key=lambda r: r[0])
    return [r for _k, r in rows]


def _event_label(ev: Event, ents: dict[str, Entity]) -> str:
    parts = [_label(ev.subject, ents)] if ev.subject else []
    parts.append(("not " if ev.negated else "") + ev.predicate)
    if ev.object:
        parts.append(_label(ev.object, ents))
    return " ".join(parts)


def reports_by_article(kg: KnowledgeGraph) -> dict[str, list[tuple[Event, int]]]:
    """Each article id → the (event, evidence index) of every evidence it gives."""
    out: dict[str, list[tuple[Event, int]]] = defaultdict(list)
    for ev in kg.events:
        for n, evd in enumerate(ev.evidence):
            out[evd.doc].append((ev, n))
    return out


def pieces(kg: KnowledgeGraph) -> Iterator[Piece]:
    """One piece per article (:mod:`kgbuild.pieces`): its rows. Its value holds what the rows
    depend on: the article, its mentions, its evidence and the labels of the nodes named."""
    ents = {e.key: e for e in kg.entities}
    layer = {am.doc: am for am in kg.mentions}
    reports = reports_by_article(kg)
    for a in kg.articles:
        am = layer.get(a.id)
        mine = reports.get(a.id, [])
        keys = {m.entity for m in am.mentions} if am else set()
        keys |= {k for ev, _n in mine for k in (ev.subject, ev.object) if k}
        labels = tuple(sorted((k, _label(k, ents)) for k in keys))
        value = (
            a.id,
            a.paths[:1],
            am,
            tuple((ev.id, ev.predicate, ev.negated, n) for ev, n in mine),
            labels,
        )
        yield Piece("m " + a.id, value, ROWS, partial(article_rows, a, am, mine, ents))


class Format(CsvFormat):
    """CSV, piece by piece: each piece's content is a list of rows."""

    def __init__(self) -> None:
        super().__init__(COLUMNS, groups=(ROWS,))


def rows(kg: KnowledgeGraph) -> list[Row]:
    """Every row of ``mentions.csv``, article by article."""
    return [row for piece in pieces(kg) for row in piece.make()]


def write(kg: KnowledgeGraph, path: str | Path, previous: PreviousStream | None = None) -> None:
    write_pieces(pieces(kg), {Path(path): Format()}, previous)


__all__ = ["COLUMNS", "Format", "article_rows", "pieces", "rows", "write"]
