"""SPARQL over a build folder: the embedded Oxigraph store by default, rdflib on request.

* ``engine="store"`` (default) queries ``<build>/store`` (see :mod:`kgbuild.store`), read-only.
  The default graph is the merged graph; ``GRAPH ?g { … }`` reaches the article graphs, the
  provenance graph and the ontology.
* ``engine="rdflib"`` loads the same dataset into rdflib's memory store (slower; no extra service).
* ``infer="rdfs"`` or ``"owlrl"`` loads the merged graph and the ontology into rdflib, computes
  the RDFS closure (the schema closed by owlrl, then applied to the data in one pass) or the
  OWL-RL closure (owlrl), and queries that: asking for ``kg:Actor`` finds people,
  organisations and countries, ``sem:hasActor`` finds actors and targets, ``kg:relatedTo``
  every direct edge.

No query reaches out: ``SERVICE`` (and, with rdflib, ``FROM``) is refused before the query
runs (see :mod:`kgbuild.sparql_guard`).

Parameters are bound, never pasted into the query text: ``params={"name": "Kyiv"}`` binds
``?name`` to the literal "Kyiv" (``<…>`` gives an IRI), through Oxigraph's substitutions or
rdflib's ``initBindings``.

>>> parse_params(["name=Kyiv", "who=<https://w3id.org/kgbuild/id/entity/x>"])
{'name': 'Kyiv', 'who': '<https://w3id.org/kgbuild/id/entity/x>'}
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kgbuild.analyst_queries import header_parameters
from kgbuild.errors import QueryError, RefusedQueryError
from kgbuild.rdf.graph import PREFIXES, bind_prefixes
from kgbuild.rdf.infer import owlrl_closure, rdfs_closure
from kgbuild.rdf.ontology import load_ontology
from kgbuild.rdf.summary import name_key
from kgbuild.sparql_guard import check_local
from kgbuild.store import open_store
from kgbuild.validate import load_default_graph, read_quads
from kgbuild.writers.csvsafe import safe_row

FORMATS = ("table", "csv", "tsv", "json")
ENGINES = ("store", "rdflib")
INFERENCE = ("rdfs", "owlrl")

_IRIREF = re.compile(r"<[^<>\s]*>")
_STRING = re.compile(r"\'\'\'.*?\'\'\'|\"\"\".*?\"\"\"|'[^'\n]*'|\"[^\"\n]*\"", re.DOTALL)
_COMMENT = re.compile(r"#[^\n]*")
_FORM = re.compile(r"(?<![?$\w:.-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:.-])", re.IGNORECASE)
_UPDATE = re.compile(
    r"(?<![?$\w:.-])(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)(?![\w:.-])", re.IGNORECASE
)
_PARAM_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_IRI_VALUE = re.compile(r"<([^<>\"{}|^`\\\x00-\x20]+)>")


def parse_params(items: Iterable[str]) -> dict[str, str]:
    """``name=value`` strings → a dict; :class:`QueryError` on a malformed one."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not _PARAM_NAME.fullmatch(name):
            raise QueryError(f"--param {item!r}: expected NAME=VALUE, NAME a SPARQL variable name")
        out[name] = value
    return out


def _check_params(query: str, params: Mapping[str, str]) -> None:
    for name in params:
        if not re.search(rf"[?$]{re.escape(name)}\b", query):
            raise QueryError(f"--param {name}: the query has no variable ?{name}")


def check_required(query: str, params: Mapping[str, str]) -> None:
    """:class:`QueryError` naming every parameter the query's ``# params:`` header requires and
    ``params`` lacks (see :func:`kgbuild.analyst_queries.parameters`)."""

    missing = [p for p in header_parameters(query) if p.required and not params.get(p.name)]
    if missing:
        needs = "; ".join(f"{p.name}=VALUE ({p.help})" if p.help else p.name for p in missing)
        names = ", ".join(p.name for p in missing)
        raise QueryError(f"missing parameter {names}: give --param {needs}")


def _name_keyed(query: str, params: Mapping[str, str]) -> dict[str, str]:
    """``params`` with the values of those matched against a name index (``kg:nameKey ?name``,
    ``kg:timelineNameKey ?name`` …) keyed as the index keys names: lower-cased, one space between words."""
    keyed = {
        m.group(1)
        for m in re.finditer(
            r"(?:kg:|<https://w3id\.org/kgbuild/ns#)(?:\w*N|n)ameKey>?\s+[?$](\w+)", query
        )
    }
    if not keyed & params.keys():
        return dict(params)

    return {k: name_key(v) if k in keyed else v for k, v in params.items()}


def load_graph(data: str | Path) -> Any:
    """The merged graph of a build folder (or an RDF file), as an rdflib Graph."""
    return load_default_graph(data)


def load_dataset(data: str | Path) -> Any:
    """The whole dataset of a build folder (or an RDF file) in rdflib's memory store: the merged
    default graph and the named graphs (article graphs, provenance)."""
    from rdflib import Dataset, URIRef

    ds = Dataset(default_union=False)
    bind_prefixes(ds)
    graphs: dict[str, Any] = {}
    for s, p, o, g in read_quads(data):
        if g is None:
            target = ds.default_graph
        else:
            target = graphs.get(g)
            if target is None:
                target = graphs[g] = ds.graph(URIRef(g))
        target.add((s, p, o))
    return ds


# --------------------------------------------------------------------------- store engine


def _ox_value(value: str) -> Any:
    import pyoxigraph as ox

    m = _IRI_VALUE.fullmatch(value.strip())
    return ox.NamedNode(m.group(1)) if m else ox.Literal(value)


def _ox_python(term: Any) -> str | None:
    return None if term is None else str(term.value)


def store_query(store: Any, query: str, params: Mapping[str, str] | None = None) -> Any:
    """Run a query on an Oxigraph store with bound parameters; :class:`QueryError` if invalid."""
    import pyoxigraph as ox

    check_local(query)
    subs = {ox.Variable(k): _ox_value(v) for k, v in _name_keyed(query, params or {}).items()}
    try:
        return store.query(query, prefixes=PREFIXES, substitutions=subs or None)
    except SyntaxError as exc:
        raise QueryError(f"SPARQL syntax error: {str(exc).splitlines()[0]}") from None
    except (OSError, ValueError, RuntimeError) as exc:
        msg = str(exc).splitlines()[0]
        if "projection" in msg and subs:
            raise QueryError(
                f"SPARQL error: {msg}: a variable bound by --param must be in the SELECT clause "
                "(or use --engine rdflib)"
            ) from None
        raise QueryError(f"SPARQL error: {msg}") from None


def _store_table(res: Any) -> tuple[list[str], list[list[str | None]]]:
    import pyoxigraph as ox

    if isinstance(res, ox.QueryBoolean):
        return ["ask"], [["true" if bool(res) else "false"]]
    if not isinstance(res, ox.QuerySolutions):
        raise QueryError(
            "a CONSTRUCT or DESCRIBE query gives a graph, not a table; use --format turtle"
        )
    names = [v.value for v in res.variables]
    try:
        return names, [[_ox_python(row[n]) for n in names] for row in res]
    except (OSError, ValueError, RuntimeError) as exc:
        raise QueryError(f"SPARQL error: {str(exc).splitlines()[0]}") from None


# --------------------------------------------------------------------------- rdflib engine


def _rdflib_value(value: str) -> Any:
    from rdflib import Literal, URIRef

    m = _IRI_VALUE.fullmatch(value.strip())
    return URIRef(m.group(1)) if m else Literal(value)


def inferred_graph(data: str | Path, infer: str = "rdfs") -> Any:
    """The merged graph plus the ontology, closed under RDFS or OWL-RL entailment
    (see :mod:`kgbuild.rdf.infer`)."""
    if infer not in INFERENCE:
        raise QueryError(f"--infer {infer}: expected one of {', '.join(INFERENCE)}")
    closure = rdfs_closure if infer == "rdfs" else owlrl_closure
    return closure(load_graph(data), load_ontology())


def rdflib_query(g: Any, query: str, params: Mapping[str, str] | None = None) -> Any:
    check_local(query, engine="rdflib")
    bindings = {k: _rdflib_value(v) for k, v in _name_keyed(query, params or {}).items()}
    try:
        return g.query(query, initNs=PREFIXES, initBindings=bindings)
    except Exception as exc:  # rdflib raises pyparsing and many other errors
        raise QueryError(f"SPARQL error: {str(exc).splitlines()[0]}") from None


def _rdflib_table(res: Any) -> tuple[list[str], list[list[str | None]]]:
    if res.type == "ASK":
        return ["ask"], [["true" if res.askAnswer else "false"]]
    if res.type != "SELECT":
        raise QueryError(
            "a CONSTRUCT or DESCRIBE query gives a graph, not a table; use --format turtle"
        )
    names = [str(v) for v in res.vars or []]
    try:
        return names, [[None if v is None else str(v) for v in row] for row in res]
    except Exception as exc:  # errors surface while iterating
        raise QueryError(f"SPARQL error: {str(exc).splitlines()[0]}") from None


# --------------------------------------------------------------------------- entry points


def _check(engine: str, infer: str | None, query: str) -> None:
    if is_update(query):
        raise RefusedQueryError(
            "SPARQL updates are refused: a build is read-only (rebuild to change it)"
        )
    if engine not in ENGINES:
        raise QueryError(f"--engine {engine}: expected one of {', '.join(ENGINES)}")
    if infer is not None and infer not in INFERENCE:
        raise QueryError(f"--infer {infer}: expected one of {', '.join(INFERENCE)}")


def run_query(
    data: str | Path,
    query: str,
    *,
    params: Mapping[str, str] | None = None,
    engine: str = "store",
    infer: str | None = None,
) -> tuple[list[str], list[list[str | None]]]:
    """Run a SELECT or ASK query over a build; returns (variable names, rows of strings or None)."""
    _check(engine, infer, query)
    check_required(query, params or {})
    if params:
        _check_params(query, params)
    if infer:
        return _rdflib_table(rdflib_query(inferred_graph(data, infer), query, params))
    if engine == "rdflib":
        return _rdflib_table(rdflib_query(load_dataset(data), query, params))

    return _store_table(store_query(open_store(data), query, params))


def run_graph_query(
    data: str | Path,
    query: str,
    *,
    params: Mapping[str, str] | None = None,
    engine: str = "store",
    infer: str | None = None,
    fmt: str = "turtle",
) -> str:
    """Run a CONSTRUCT or DESCRIBE query; returns the graph in Turtle or N-Triples."""
    _check(engine, infer, query)
    check_required(query, params or {})
    if params:
        _check_params(query, params)
    if infer or engine == "rdflib":
        g = inferred_graph(data, infer) if infer else load_dataset(data)
        res = rdflib_query(g, query, params)
        if res.type not in ("CONSTRUCT", "DESCRIBE") or res.graph is None:
            raise QueryError("only CONSTRUCT and DESCRIBE queries give a graph")
        for p, ns in PREFIXES.items():
            res.graph.bind(p, ns)
        return str(res.graph.serialize(format="nt" if fmt == "ntriples" else "turtle"))
    import pyoxigraph as ox

    res = store_query(open_store(data), query, params)
    if not isinstance(res, ox.QueryTriples):
        raise QueryError("only CONSTRUCT and DESCRIBE queries give a graph")
    if fmt == "ntriples":
        return bytes(res.serialize(format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8")
    used = {p: ns for p, ns in PREFIXES.items() if p != "kgid"}
    return bytes(ox.serialize(list(res), format=ox.RdfFormat.TURTLE, prefixes=used) or b"").decode(
        "utf-8"
    )


def query_kind(query: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the form of a query (after its prologue).

    >>> query_kind("PREFIX a: <x:> # c\\nconstruct { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'CONSTRUCT'
    """
    m = _FORM.search(_strip(query))
    return m.group(1).upper() if m else ""


def is_update(query: str) -> bool:
    """True when the text is a SPARQL Update rather than a query.

    >>> is_update("INSERT DATA { <a:b> <a:c> <a:d> }"), is_update("SELECT ?insert WHERE {}")
    (True, False)
    """
    return query_kind(query) == "" and bool(_UPDATE.search(_strip(query)))


def _strip(query: str) -> str:
    """The query without IRIs, strings and comments, so that keywords inside them do not count."""
    return _COMMENT.sub(" ", _STRING.sub('""', _IRIREF.sub("<>", query)))


def _blank(query: str) -> str:
    """The query with its IRIs, strings and comments blanked out, every character in place."""
    out = query
    for pattern in (_IRIREF, _STRING, _COMMENT):
        out = pattern.sub(lambda m: " " * len(m.group(0)), out)
    return out


_PAGE = re.compile(
    r"(?<![?$\w:.-])(?:LIMIT\s+(\d+)(?:\s+OFFSET\s+(\d+))?|OFFSET\s+(\d+)(?:\s+LIMIT\s+(\d+))?)",
    re.IGNORECASE,
)


def _last_page(query: str) -> re.Match[str] | None:
    found = None
    for found in _PAGE.finditer(_blank(query)):  # noqa: B007 - the last one
        pass
    return found


def query_limit(query: str) -> int | None:
    """The page size of a query: its last ``LIMIT`` (None without one), the outer one in the
    shipped queries.

    >>> query_limit("SELECT * WHERE { { SELECT ?a WHERE {} LIMIT 5 } } ORDER BY ?a")
    5
    """
    m = _last_page(query)
    if m is None:
        return None
    size = m.group(1) or m.group(4)
    return int(size) if size else None


#: A rank window: ``FILTER(?rank <= N)`` right after a ranked summary node (see
#: :mod:`kgbuild.rdf.summary`), the page of a query that lists a ranked summary.
_WINDOW = re.compile(r"FILTER\s*\(\s*\?rank\s*<=\s*(\d+)\s*\)", re.IGNORECASE)


def _depth(blank: str, pos: int) -> int:
    """How many groups (``{ … }``) are open at ``pos`` of a blanked query."""
    return blank.count("{", 0, pos) - blank.count("}", 0, pos)


def _clause(limit: int | None, offset: int) -> str:
    return " ".join(
        ([f"LIMIT {limit}"] if limit is not None else []) + ([f"OFFSET {offset}"] if offset else [])
    )


def paged(query: str, limit: int | None, offset: int = 0) -> str:
    """The query with its page set to ``limit`` rows from row ``offset`` (``limit=None``: every
    answer), honestly also where the shipped queries choose their page early:

    * the outer ``LIMIT``/``OFFSET`` (the one outside every group) is replaced, or added;
    * a sub-select's ``LIMIT`` as large as the query's page (:func:`query_limit`) chooses the
      page before the details are looked up: it becomes ``LIMIT offset+limit`` (removed for
      every answer), so the outer page finds every row it needs;
    * a rank window ``FILTER(?rank <= N)`` (a ranked summary, one row per rank) becomes the
      page's ranks, ``FILTER(?rank > offset && ?rank <= offset+limit)``, and the outer clause
      keeps ``LIMIT`` alone.

    >>> paged("SELECT ?a WHERE { ?a ?b ?c } LIMIT 10", 20, 40)
    'SELECT ?a WHERE { ?a ?b ?c } LIMIT 20 OFFSET 40'
    >>> paged("SELECT ?a WHERE { ?a ?b ?c } # LIMIT 3", None)
    'SELECT ?a WHERE { ?a ?b ?c } # LIMIT 3'
    >>> paged("SELECT * { { SELECT ?a { ?a ?b ?c } LIMIT 5 } ?a ?d ?e } LIMIT 5", 5, 10)
    'SELECT * { { SELECT ?a { ?a ?b ?c } LIMIT 15 } ?a ?d ?e } LIMIT 5 OFFSET 10'
    >>> paged("SELECT * { ?n kg:rank ?rank FILTER(?rank <= 50) } ORDER BY ?rank LIMIT 50", 50, 100)
    'SELECT * { ?n kg:rank ?rank FILTER(?rank > 100 && ?rank <= 150) } ORDER BY ?rank LIMIT 50'
    >>> paged("SELECT * { ?n kg:rank ?rank FILTER(?rank <= 50) } ORDER BY ?rank LIMIT 50", None)
    'SELECT * { ?n kg:rank ?rank FILTER(true) } ORDER BY ?rank '
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise QueryError("a page's limit and offset are counts of rows, 0 or more")
    blank = _blank(query)
    page = query_limit(query)
    end = None if limit is None else offset + limit
    edits: list[tuple[int, int, str]] = []
    outer = None
    for m in _PAGE.finditer(blank):
        if _depth(blank, m.start()) == 0:
            outer = m
        elif page is not None and int(m.group(1) or m.group(4) or -1) == page:
            edits.append((m.start(), m.end(), _clause(end, 0)))
    windows = list(_WINDOW.finditer(blank))
    for w in windows:
        bounds = [f"?rank > {offset}"] if offset else []
        bounds += [f"?rank <= {end}"] if end is not None else []
        edits.append((w.start(), w.end(), f"FILTER({' && '.join(bounds) or 'true'})"))
    clause = _clause(limit, 0 if windows else offset)
    if outer is not None:
        edits.append((outer.start(), outer.end(), clause))
    out = query
    for start, stop, text in sorted(edits, reverse=True):
        out = out[:start] + text + out[stop:]
    if outer is None and clause:
        out = f"{out.rstrip()}\n{clause}\n"
    return out


def format_result(names: list[str], rows: list[list[Any]], fmt: str = "table") -> str:
    if fmt == "json":
        return (
            json.dumps(
                [dict(zip(names, r, strict=True)) for r in rows], ensure_ascii=False, indent=1
            )
            + "\n"
        )
    if fmt in ("csv", "tsv"):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        w.writerow(safe_row(names))
        for r in rows:
            w.writerow(safe_row(r))  # a spreadsheet opens these: no cell runs as a formula
        return buf.getvalue()
    return format_table(names, rows)


#: Narrowest a column is cut to when the table must fit the terminal.
MIN_COLUMN = 8


def fit_widths(natural: list[int], heads: list[int], width: int) -> list[int]:
    """Column widths that fit ``width`` characters (two spaces between columns): the widest
    columns are narrowed first, none below its heading or :data:`MIN_COLUMN`.

    >>> fit_widths([40, 10, 60], [5, 5, 5], 60)
    [23, 10, 23]
    """
    widths = list(natural)
    room = width - 2 * (len(widths) - 1)
    floor = [min(n, max(h, MIN_COLUMN)) for n, h in zip(natural, heads, strict=True)]
    while sum(widths) > room:
        i = max(range(len(widths)), key=lambda j: (widths[j] - floor[j], widths[j]))
        if widths[i] <= floor[i]:
            break
        widths[i] -= 1
    return widths


def elide(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, the cut marked by "…".

    >>> elide("Jonathan Harlow", 8), elide("Harlow", 8)
    ('Jonatha…', 'Harlow')
    """
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def format_table(
    names: list[str],
    rows: list[list[Any]],
    *,
    width: int | None = None,
    labels: Mapping[str, str] | None = None,
    note: str = "",
) -> str:
    """A plain-text table that fits ``width`` characters (default: the terminal's), cells cut
    with "…"; values found in ``labels`` (IRIs) are shown by their label."""
    import shutil

    shown = labels or {}
    cells = [
        [" ".join(shown.get(v, v).split()) if v is not None else "" for v in map(_str, r)]
        for r in rows
    ]
    natural = [max([len(n)] + [len(c[i]) for c in cells]) for i, n in enumerate(names)]
    total = width or shutil.get_terminal_size((120, 24)).columns
    widths = fit_widths(natural, [len(n) for n in names], total)

    def line(vals: list[str]) -> str:
        return "  ".join(elide(v, w).ljust(w) for v, w in zip(vals, widths, strict=True)).rstrip()

    out = [line(names), line(["-" * w for w in widths])]
    out += [line(c) for c in cells]
    count = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
    out.append(f"({count}{'; ' + note if note else ''})")
    return "\n".join(out) + "\n"


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def iri_labels(data: str | Path, rows: Iterable[Iterable[str | None]]) -> dict[str, str]:
    """How a table shows each IRI among ``rows``' values: its ``rdfs:label`` in the build's
    store, else its prefixed name (``kgid:event/…``) where a predeclared prefix fits."""
    iris = sorted({v for r in rows for v in r if v and _IRI_CELL.fullmatch(v)})
    if not iris:
        return {}

    store = open_store(data)
    out: dict[str, str] = {}
    for i in range(0, len(iris), 500):
        values = " ".join(f"<{v}>" for v in iris[i : i + 500])
        q = f"SELECT ?s (SAMPLE(?l) AS ?label) WHERE {{ VALUES ?s {{ {values} }} ?s rdfs:label ?l }} GROUP BY ?s"
        for row in store_query(store, q):
            out[row["s"].value] = row["label"].value

    spaces = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))
    for v in iris:
        if v not in out:
            ns, p = next(((ns, p) for ns, p in spaces if v.startswith(ns)), ("", ""))
            if ns:
                out[v] = f"{p}:{v[len(ns) :]}"
    return out


_IRI_CELL = re.compile(r"[a-z][a-z0-9+.-]*://[^<>\"{}|^`\\\x00-\x20]+")
