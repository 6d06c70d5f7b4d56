"""Queries never reach out: a query that would fetch from the network is refused before it runs.

Oxigraph and rdflib both evaluate ``SERVICE <iri> { … }`` by sending the pattern to that IRI
over HTTP, and rdflib loads the IRIs of ``FROM`` and ``FROM NAMED`` from the web (or from
``file:`` paths). A build is local data: kgbuild never sends such requests, whoever writes the
query (a web page that reaches ``kgbuild serve`` included). pyoxigraph has no switch to turn
its HTTP client off, so the query is read first:

* by a SPARQL tokenizer (one pass, left to right: comments, strings, IRIs, prefixed names,
  variables and blank nodes are whole tokens), which finds the ``SERVICE`` keyword however it
  is spelled and wherever it is nested, and never in a comment, a string or an IRI;
* by rdflib's SPARQL parser, whose syntax tree shows every ``SERVICE`` pattern and every
  dataset clause (``FROM``, ``FROM NAMED``).

A query is refused when either finds ``SERVICE``. A query rdflib's parser cannot read is left
to Oxigraph, which gives its own syntax error, unless a word glued to the letters ``SERVICE``
is among its tokens (Oxigraph reads ``SERVICEex:x`` as ``SERVICE ex:x``).

>>> remote_services("SELECT * WHERE { ?s ?p 'SERVICE <http://x> {}' } # SERVICE <http://y>")
[]
>>> remote_services("select * { optional { service silent <http://127.0.0.1:9/x> { ?s ?p ?o } } }")
['<http://127.0.0.1:9/x>']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from kgbuild.errors import RefusedQueryError

#: SPARQL's terminals that may hold the letters ``SERVICE`` without being the keyword, then
#: the keyword itself; the first alternative that matches at a position wins, left to right.
_NAME_CHAR = r"(?:[\w\-\u00B7\u0300-\u036F\u203F-\u2040]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_TOKENS = re.compile(
    rf"""
      (?P<comment>\#[^\n\r]*)
    | (?P<long>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\")
    | (?P<string>'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{{}}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][\w\u00B7\u0300-\u036F\u203F-\u2040]*)
    | (?P<name>(?:_|[^\W\d_](?:[\w\-.]*[\w\-])?)?:(?:[:]|{_NAME_CHAR})*(?:\.+(?:[:]|{_NAME_CHAR})+)*)
    | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_AFTER_SERVICE = re.compile(r"\s*(?:#[^\n\r]*\s*)*(?:SILENT\b\s*(?:#[^\n\r]*\s*)*)?(\S+)", re.I)


def _keyword_services(query: str, *, glued: bool) -> Iterator[str]:
    """The targets (IRI, prefixed name or variable) of ``SERVICE`` keywords among the tokens.

    With ``glued``, also the words and prefixed names that start with the letters: Oxigraph's
    parser reads a keyword as its first letters, whatever follows, so ``SERVICEex:x { … }``
    is ``SERVICE ex:x { … }`` to it. Such a query is not SPARQL, so this is asked only of a
    query rdflib's parser refused (a valid query may have a prefix ``service:``).
    """
    for m in _TOKENS.finditer(query):
        word = m.group()
        if m.lastgroup not in ("word", "name") or word[:7].upper() != "SERVICE":
            continue
        if len(word) > 7 and not glued:
            continue
        after = _AFTER_SERVICE.match(query, m.end())
        target = word[7:] or (after.group(1) if after else "")
        yield target.split("{")[0] or "?"


def _walk(node: Any) -> Iterator[Any]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list | tuple | ParseResults):  # (ParseResults is a Mapping too)
            stack.extend(item)
        elif isinstance(item, Mapping):
            stack.extend(item.values())


def _parsed(query: str) -> tuple[int, bool] | None:
    """The number of ``SERVICE`` patterns and whether a dataset clause is present, from
    rdflib's syntax tree; None when rdflib cannot parse the query."""
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(query)
    except Exception:  # pyparsing's errors, and rdflib's on odd input
        return None
    services = 0
    dataset = False
    for node in _walk(tree):
        if node.name == "ServiceGraphPattern":
            services += 1
        elif dict.get(node, "datasetClause"):  # (CompValue.get answers a missing key with it)
            dataset = True
    return services, dataset


@lru_cache(maxsize=256)
def _read(query: str) -> tuple[tuple[str, ...], bool]:
    """(the ``SERVICE`` targets, whether ``FROM`` or ``FROM NAMED`` is present)."""
    parsed = _parsed(query)
    found = list(_keyword_services(query, glued=parsed is None))
    if parsed is None:
        return tuple(found), False
    services, dataset = parsed
    if services and not found:
        found = ["(a SERVICE pattern)"]
    return tuple(found), dataset


def remote_services(query: str) -> list[str]:
    """The ``SERVICE`` targets of a query (IRIs, prefixed names or ``?`` for variables)."""
    return list(_read(query)[0])


def check_local(query: str, *, engine: str = "store") -> None:
    """Raise :class:`QueryError` when running ``query`` would send a request elsewhere:
    any ``SERVICE`` pattern, and for rdflib's engine any ``FROM`` or ``FROM NAMED``."""
    services, dataset = _read(query)
    if services:
        raise RefusedQueryError(
            f"SERVICE {services[0]} is refused: kgbuild queries only the build's own graph and "
            "never sends requests to other servers"
        )
    if dataset and engine == "rdflib":
        raise RefusedQueryError(
            "FROM and FROM NAMED are refused with the rdflib engine (it would fetch those IRIs "
            "from the web); use GRAPH <iri> { … } or the store engine"
        )
