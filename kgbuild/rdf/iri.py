"""Minting IRIs that are stable across runs and safe whatever the text contains.

Only ``[a-z0-9_-]`` ever reaches an IRI path segment, so no text can break out of an IRI in
Turtle, N-Triples or SPARQL; a short hash keeps distinct keys distinct after slugging. The
functions are pure and memoized (a build asks for the same entity IRI many times).

>>> str(entity_iri("person:angela merkel"))
'https://w3id.org/kgbuild/id/entity/person-angela-merkel-5b4c7f'
>>> str(rel_iri("call for"))
'https://w3id.org/kgbuild/rel/call_for'
>>> str(entity_iri('x:"><script>'))
'https://w3id.org/kgbuild/id/entity/x-script-f7c5e8'
>>> str(article_iri("000_e476a9087ee0a105"))
'https://w3id.org/kgbuild/id/article/000_e476a9087ee0a105'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

from kgbuild.rdf.namespace import ID, REL

_MAX_SLUG = 60


def slug(text: str, *, sep: str = "-", keep: str = "") -> str:
    """Lower-case ASCII letters, digits, ``sep`` and ``keep`` only; accents folded, the rest dropped."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    s = re.sub(r"[^a-z0-9" + re.escape(keep) + r"]+", sep, folded).strip(sep)
    return s[:_MAX_SLUG].rstrip(sep)


def short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


@lru_cache(maxsize=1 << 16)
def entity_iri(key: str) -> URIRef:
    s = slug(key)
    return ID[f"entity/{s}-{short_hash(key)}" if s else f"entity/{short_hash(key, 12)}"]


@lru_cache(maxsize=1 << 16)
def event_iri(event_id: str) -> URIRef:
    s = slug(event_id)
    return ID[
        f"event/{s}"
        if s == event_id
        else f"event/{s}-{short_hash(event_id)}"
        if s
        else f"event/{short_hash(event_id, 16)}"
    ]


def evidence_iri(event_id: str, doc: str, n: int) -> URIRef:
    """One report of an event: the event's IRI segment and a hash of (article, position)."""
    event = str(event_iri(event_id)).rsplit("/", 1)[1]
    return ID[f"evidence/{event}-{short_hash(doc + ':' + str(n), 10)}"]


@lru_cache(maxsize=1 << 16)
def article_iri(article_id: str) -> URIRef:
    s = slug(article_id, keep="_")
    if s == article_id:
        return ID[f"article/{s}"]
    return ID[
        f"article/{s}-{short_hash(article_id)}" if s else f"article/{short_hash(article_id, 12)}"
    ]


def mention_iri(article_id: str, start: int, end: int) -> URIRef:
    """Where an article names an entity: the article's IRI with an RFC 5147 fragment, as NIF
    and NewsReader's GAF write mentions.

    >>> str(mention_iri("a1", 10, 15))
    'https://w3id.org/kgbuild/id/article/a1#char=10,15'
    """
    return URIRef(f"{article_iri(article_id)}#char={start},{end}")


@lru_cache(maxsize=1 << 16)
def time_iri(value: str) -> URIRef:
    """The shared node of a day, month or year ("2022-02-15" → ``kgid:time/2022-02-15``).

    >>> str(time_iri("2022-02"))
    'https://w3id.org/kgbuild/id/time/2022-02'
    """
    s = slug(value)
    return ID[
        f"time/{s}"
        if s == value
        else f"time/{s}-{short_hash(value)}"
        if s
        else f"time/{short_hash(value, 12)}"
    ]


def story_iri(story_id: str) -> URIRef:
    """The node of a story: articles about one happening (:mod:`kgbuild.stories`).

    >>> str(story_iri("0a1b2c3d4e5f"))
    'https://w3id.org/kgbuild/id/story/0a1b2c3d4e5f'
    """
    s = slug(story_id)
    return ID[f"story/{s}" if s == story_id else f"story/{short_hash(story_id, 12)}"]


@lru_cache(maxsize=1 << 16)
def graph_iri(article_id: str) -> URIRef:
    """The named graph of one article: which events it reports, and by which evidence."""
    return URIRef(str(article_iri(article_id)).replace("/article/", "/graph/"))


@lru_cache(maxsize=1 << 16)
def rel_iri(predicate: str, *, negated: bool = False) -> URIRef:
    """The direct-edge property for a predicate; negated events get a ``not_`` property."""
    s = slug(predicate, sep="_") or "rel_" + short_hash(predicate)
    return REL[("not_" if negated else "") + s]
