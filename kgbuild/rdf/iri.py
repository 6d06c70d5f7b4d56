"""Minting IRIs that are stable across runs and safe whatever the text contains.

Only ``[a-z0-9-]`` ever reaches an IRI path segment, so no text can break out of an IRI in
Turtle, N-Triples or SPARQL; a short hash keeps distinct keys distinct after slugging.

>>> str(entity_iri("person:vladimir putin"))
'https://w3id.org/kgbuild/id/entity/person-vladimir-putin-0328e4'
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


def entity_iri(key: str) -> URIRef:
    s = slug(key)
    return ID[f"entity/{s}-{short_hash(key)}" if s else f"entity/{short_hash(key, 12)}"]


def event_iri(event_id: str) -> URIRef:
    return ID[f"event/{slug(event_id) or short_hash(event_id, 16)}"]


def evidence_iri(event_id: str, doc: str, n: int) -> URIRef:
    return ID[f"evidence/{slug(event_id)}-{short_hash(doc + ':' + str(n), 10)}"]


def article_iri(article_id: str) -> URIRef:
    s = slug(article_id, keep="_")
    return ID[f"article/{s}" if s == article_id else f"article/{s}-{short_hash(article_id)}"]


def graph_iri(article_id: str) -> URIRef:
    """The named graph holding what one article says."""
    return URIRef(str(article_iri(article_id)).replace("/article/", "/graph/"))


def rel_iri(predicate: str, *, negated: bool = False) -> URIRef:
    """The direct-edge property for a predicate; negated events get a ``not_`` property."""
    s = slug(predicate, sep="_") or "rel_" + short_hash(predicate)
    return REL[("not_" if negated else "") + s]
