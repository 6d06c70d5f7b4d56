"""SPARQL 1.1 results and graphs in the formats clients ask for (content negotiation).

SELECT and ASK results as JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE graphs as Turtle or
N-Triples. CSV is W3C's SPARQL results format, read by programs, and keeps every value as it
is; a file for a person (``safe=True``: the query page's download) gets a ``'`` before a cell a
spreadsheet would run as a formula (:mod:`kgbuild.writers.csvsafe`).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape as xml_escape

from kgbuild.rdf.terms import Lit, nt
from kgbuild.writers.csvsafe import safe_row

#: Result formats: name → media type, for SELECT/ASK and for CONSTRUCT/DESCRIBE.
RESULT_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples"}
#: Other names clients use for the same formats.
FORMAT_ALIASES = {
    "application/json": "json",
    "application/sparql-results+json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "text/turtle": "turtle",
    "ttl": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "text/plain": "ntriples",
}


def _accepted(accept: str) -> list[tuple[float, str]]:
    """Media ranges of an Accept header with their quality, best first."""
    out = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        if not fields[0]:
            continue
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                with contextlib.suppress(ValueError):
                    q = float(f[2:])
        out.append((q, -i, fields[0].lower()))
    return [(q, m) for q, _i, m in sorted(out, reverse=True) if q > 0]


def choose_format(kind: str, accept: str = "*/*", fmt: str | None = None) -> str | None:
    """The format to answer in: ``format=`` wins, else the best match of ``Accept``; None if no
    format of this kind of result is acceptable.

    >>> choose_format("SELECT", "text/csv, application/sparql-results+json;q=0.5")
    'csv'
    >>> choose_format("CONSTRUCT", "*/*"), choose_format("ASK", "", "xml")
    ('turtle', 'xml')
    >>> choose_format("CONSTRUCT", "application/sparql-results+json") is None
    True
    """
    table = GRAPH_TYPES if kind in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES
    default = next(iter(table))
    if fmt:
        name = FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        return name if name in table else None
    for _q, media in _accepted(accept or "*/*"):
        if media in ("*/*", "*"):
            return default
        if media.endswith("/*"):
            major = media[:-1]
            hit = next((n for n, t in table.items() if t.startswith(major)), None)
            if hit:
                return hit
            continue
        alias = FORMAT_ALIASES.get(media)
        if alias is not None and alias in table:
            return alias
    return None


def _term_json(t: Any) -> dict[str, str]:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "literal", "value": str(t)}


def _term_tsv(t: Any) -> str:
    import pyoxigraph as ox

    if (
        isinstance(t, ox.Literal)
        and t.datatype.value == "http://www.w3.org/2001/XMLSchema#string"
        and not t.language
    ):
        return nt(Lit(t.value))
    return str(t)


def _term_plain(t: Any) -> str:
    import pyoxigraph as ox

    return f"_:{t.value}" if isinstance(t, ox.BlankNode) else str(t.value)


def _xml_text(text: str) -> str:
    """Text XML 1.0 can hold: characters it forbids become U+FFFD, the rest escaped."""
    clean = "".join(
        c
        if c in "\t\n\r"
        or ("\x20" <= c <= "\ud7ff")
        or ("\ue000" <= c <= "\ufffd")
        or c >= "\U00010000"
        else "\ufffd"
        for c in text
    )
    return xml_escape(clean, {'"': "&quot;"})


def _term_xml(t: Any) -> str:
    import pyoxigraph as ox

    if isinstance(t, ox.NamedNode):
        return f"<uri>{_xml_text(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{_xml_text(t.value)}</bnode>"
    attrs = ""
    if t.language:
        attrs = f' xml:lang="{_xml_text(t.language)}"'
    elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        attrs = f' datatype="{_xml_text(t.datatype.value)}"'
    return f"<literal{attrs}>{_xml_text(t.value)}</literal>"


def write_solutions(
    names: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, *, safe: bool = False
) -> bytes:
    """SELECT results (rows of pyoxigraph terms or None) in a SPARQL results format; with
    ``safe``, CSV cells a spreadsheet would run as formulas are neutralised."""
    if fmt == "json":
        bindings = [
            {n: _term_json(v) for n, v in zip(names, row, strict=True) if v is not None}
            for row in rows
        ]
        doc = {"head": {"vars": list(names)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        head = "".join(f'<variable name="{_xml_text(n)}"/>' for n in names)
        results = "".join(
            "<result>"
            + "".join(
                f'<binding name="{_xml_text(n)}">{_term_xml(v)}</binding>'
                for n, v in zip(names, row, strict=True)
                if v is not None
            )
            + "</result>\n"
            for row in rows
        )
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head>{head}</head>\n<results>\n{results}</results></sparql>\n"
        ).encode()
    buf = io.StringIO()
    if fmt == "csv":
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(names)
        for row in rows:
            cells = ["" if v is None else _term_plain(v) for v in row]
            w.writerow(safe_row(cells) if safe else cells)
    else:
        buf.write("\t".join(f"?{n}" for n in names) + "\n")
        for row in rows:
            buf.write("\t".join("" if v is None else _term_tsv(v) for v in row) + "\n")
    return buf.getvalue().encode("utf-8")


def write_boolean(value: bool, fmt: str) -> bytes:
    """An ASK result in a SPARQL results format."""
    word = "true" if value else "false"
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": value}).encode()
    if fmt == "xml":
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
            f"<head/><boolean>{word}</boolean></sparql>\n"
        ).encode()
    return (f"_askResult\r\n{word}\r\n" if fmt == "csv" else f"?_askResult\n{word}\n").encode()


def write_triples(triples: list[Any], fmt: str) -> bytes:
    import pyoxigraph as ox

    from kgbuild.rdf.graph import PREFIXES

    if fmt == "ntriples":
        return bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
    prefixes = {p: ns for p, ns in PREFIXES.items() if p != "kgid"}
    return bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b"")
