"""RDF terms as plain Python values, and their exact N-Triples form.

The graph model (:mod:`kgbuild.rdf.model`) describes a build with two kinds of objects: an IRI is
a ``str``, a literal is a :class:`Lit`. Every writer (N-Quads, Turtle, TriG, JSON-LD, the
embedded store, rdflib) starts from these, so the formats cannot disagree, and none of them
needs a heavy object per triple.

Text is data: :func:`lit` makes any Python string a literal that every strict parser accepts
(lone surrogates, which no UTF-8 file can hold, become U+FFFD), and :func:`nt` escapes it.

>>> nt(lit('say "hi"\\n'))
'"say \\\\"hi\\\\"\\\\n"'
>>> nt(lit(3))
'"3"^^<http://www.w3.org/2001/XMLSchema#integer>'
>>> nt("https://example.org/a")
'<https://example.org/a>'
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import quote

XSD_NS = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD_NS + "string"
XSD_BOOLEAN = XSD_NS + "boolean"
XSD_INTEGER = XSD_NS + "integer"
XSD_DECIMAL = XSD_NS + "decimal"
XSD_DATE = XSD_NS + "date"
XSD_GYEARMONTH = XSD_NS + "gYearMonth"
XSD_GYEAR = XSD_NS + "gYear"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class Lit(NamedTuple):
    """A literal: its lexical form and a datatype IRI or a language tag (plain = xsd:string).

    A named tuple: hashing and comparing are done in C, and literals are hashed often (the
    writers memoize the text of each term)."""

    value: str
    datatype: str | None = None
    lang: str | None = None


#: An object position: an IRI (``str``) or a literal.
Obj = str | Lit

_SURROGATES = re.compile("[\ud800-\udfff]")
_ESCAPE = re.compile('[\\\\"\x00-\x1f\x7f]')
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_IRI_OK = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:[^\x00-\x20<>\"{}|^`\\\x7f]*")
_LANG_OK = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")


def clean_text(text: str) -> str:
    """The text any UTF-8 RDF file can hold: lone surrogates replaced by U+FFFD.

    >>> clean_text("a\\ud800b")
    'a\\ufffdb'
    """
    return text if text.isascii() else _SURROGATES.sub("\ufffd", text)


@lru_cache(maxsize=1 << 12)  # confidences come from a few hundred values
def decimal_lexical(x: float, places: int = 3) -> str:
    """The canonical ``xsd:decimal`` form of a number rounded to ``places`` digits.

    >>> decimal_lexical(0.6), decimal_lexical(1), decimal_lexical(0.12345)
    ('0.6', '1.0', '0.123')
    """
    if not math.isfinite(x):
        return "0.0"
    d = Decimal(str(round(float(x), places))).quantize(Decimal(1).scaleb(-places))
    s = format(d, "f").rstrip("0")
    return s + "0" if s.endswith(".") else s


def lit(
    value: str | bool | int | float, datatype: str | None = None, lang: str | None = None
) -> Lit:
    """A literal from a Python value: ``bool`` → xsd:boolean, ``int`` → xsd:integer,
    ``float`` → xsd:decimal (3 places), ``str`` → a plain string or the given datatype.

    >>> lit(True), lit(0.5).value
    (Lit(value='true', datatype='http://www.w3.org/2001/XMLSchema#boolean', lang=None), '0.5')
    """
    if isinstance(value, bool):
        return Lit("true" if value else "false", XSD_BOOLEAN)
    if isinstance(value, int):
        return Lit(str(value), XSD_INTEGER)
    if isinstance(value, float):
        return Lit(decimal_lexical(value), XSD_DECIMAL)
    if lang is not None and not _LANG_OK.fullmatch(lang):
        lang = None
    return Lit(clean_text(value), None if datatype == XSD_STRING else datatype, lang)


def safe_iri(iri: str) -> str:
    """An IRI any parser accepts: characters IRIs may not hold are percent-encoded.

    >>> safe_iri("http://www.wikidata.org/entity/Q7747")
    'http://www.wikidata.org/entity/Q7747'
    >>> safe_iri('http://x.org/a b"<c>')
    'http://x.org/a%20b%22%3Cc%3E'
    >>> safe_iri("not an iri")
    'urn:kgbuild:invalid:not%20an%20iri'
    """
    iri = clean_text(iri)
    if _IRI_OK.fullmatch(iri):
        return iri
    fixed = quote(iri, safe="!#$&'()*+,/:;=?@[]~%-._")
    if _IRI_OK.fullmatch(fixed) and ":" in fixed.split("/", 1)[0]:
        return fixed
    return "urn:kgbuild:invalid:" + quote(iri, safe="")


def _echar(m: re.Match[str]) -> str:
    c = m.group()
    return _ECHAR.get(c) or f"\\u{ord(c):04X}"


def escape_string(text: str) -> str:
    """The body of a quoted N-Triples / Turtle string (without the quotes).

    >>> print(escape_string('say "hi"'), escape_string("tab\\there"))
    say \\"hi\\" tab\\there
    """
    return _ESCAPE.sub(_echar, text) if _ESCAPE.search(text) else text


@lru_cache(maxsize=1 << 17)
def nt(term: Obj) -> str:
    """The N-Triples form of an IRI or a literal (memoized: terms repeat across a graph)."""
    if isinstance(term, str):
        return f"<{term}>"
    body = f'"{escape_string(term.value)}"'
    if term.lang:
        return f"{body}@{term.lang}"
    if term.datatype:
        return f"{body}^^<{term.datatype}>"
    return body
