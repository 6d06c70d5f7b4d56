"""kgbuild from Python: build a graph of news articles, then read it as RDF, as a network and
as a table, query it and draw it.

:func:`build` runs the same build as ``kgbuild build`` and returns a :class:`Build`; :func:`load`
opens a build folder made earlier. Nothing is imported until it is needed, so ``import
kgbuild`` stays cheap and leaves the process as it was.

>>> import kgbuild
>>> b = _example()  # kgbuild.build(folder) of a folder holding one short article
>>> b  # doctest: +ELLIPSIS
<Build of 1 article: ... entities, ... events, ... triples>
>>> b.query("SELECT ?title ?date WHERE { ?a a kg:Article ; kg:title ?title ; kg:published ?date }")
[{'title': 'Ceasefire signed in Geneva', 'date': '2021-06-01'}]

In a script (not a notebook), call :func:`build` under ``if __name__ == "__main__":``: it
starts processes of its own, as any use of :mod:`multiprocessing` does.
"""

from __future__ import annotations

import shutil
import tempfile
import weakref
from collections.abc import Callable, Iterable
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from kgbuild.pipeline import BuildSummary
    from kgbuild.records import KnowledgeGraph


class Build:
    """A build folder and the views of its graph.

    ``graph`` (an rdflib ``Graph`` over the build's Oxigraph store), ``dataset`` (every named
    graph: one per article, provenance, the ontology), ``network`` (a networkx
    ``MultiDiGraph``: entities as nodes, facts as edges), ``triples`` (the rows of
    ``triples.csv``), ``kg`` (the typed records), :meth:`query` and :meth:`to_html`.

    >>> b = _example()
    >>> b.articles, b.skipped
    (1, [])
    >>> "Jane Roe" in {label for _, label in b.network.nodes(data="label")}
    True
    """

    def __init__(self, out: str | Path, summary: BuildSummary | None = None) -> None:
        from kgbuild.graph_io import read_build

        self.out = Path(out)
        #: What the build did (counts, warnings, timings); None for a build opened by :func:`load`.
        self.summary = summary
        self.kg: KnowledgeGraph = read_build(self.out)

    def __repr__(self) -> str:
        n = self.articles
        return (
            f"<Build of {n} article{'s' if n != 1 else ''}: {len(self.kg.entities)} entities, "
            f"{len(self.kg.events)} events, {len(self._rows)} triples>"
        )

    @property
    def articles(self) -> int:
        """The number of articles in the graph."""
        return len(self.kg.articles)

    @property
    def warnings(self) -> list[str]:
        """The warnings of the build (empty for a build opened by :func:`load`)."""
        return list(self.summary.warnings) if self.summary else []

    @property
    def skipped(self) -> list[str]:
        """The input files that could not be used, one "path: reason" each."""
        return [str(e) for e in self.summary.skipped] if self.summary else []

    @cached_property
    def _store(self) -> Any:
        from kgbuild.store import open_store

        return open_store(self.out)

    @cached_property
    def graph(self) -> rdflib.Graph:
        """The merged graph as an rdflib ``Graph``, read from the build's Oxigraph store
        (through oxrdflib): rdflib's API, Oxigraph's speed. Read-only.

        >>> b = _example()
        >>> from rdflib import RDF, URIRef
        >>> len(b.graph) > 20
        True
        >>> KG = "https://w3id.org/kgbuild/ns#"
        >>> len(set(b.graph.subjects(RDF.type, URIRef(KG + "Article"))))
        1
        """
        import rdflib
        from oxrdflib import OxigraphStore

        store = OxigraphStore(store=self._store)
        return rdflib.Graph(store=store, identifier=rdflib.graph.DATASET_DEFAULT_GRAPH_ID)

    @cached_property
    def dataset(self) -> rdflib.Dataset:
        """Every graph of the store as an rdflib ``Dataset``: the merged default graph, one
        named graph per article, the provenance graph and the ontology. Read-only."""
        import rdflib
        from oxrdflib import OxigraphStore

        return rdflib.Dataset(store=OxigraphStore(store=self._store))

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        """The graph as a networkx ``MultiDiGraph``: every entity a node (keyed by its IRI,
        with ``label`` and ``type``), every fact with an object an edge (keyed by its event IRI,
        with ``predicate``, ``sources``, ``evidence`` …), as in ``graph.graphml``.

        >>> g = _example().network
        >>> g.number_of_edges() > 0 and all("predicate" in d for _, _, d in g.edges(data=True))
        True
        """
        from kgbuild.netgraph import to_networkx

        return to_networkx(self.kg)

    @cached_property
    def _rows(self) -> list[dict[str, Any]]:
        from kgbuild.table import rows

        return rows(self.kg)

    @property
    def triples(self) -> Any:
        """The rows of ``triples.csv`` (one per distinct subject, predicate, object and
        polarity): a pandas ``DataFrame`` when pandas is installed, else a list of dicts.

        >>> t = _example().triples
        >>> list(t.columns if hasattr(t, "columns") else t[0])[:4]
        ['subject', 'predicate', 'object', 'subject_type']
        """
        try:
            import pandas as pd
        except ImportError:
            return [dict(r) for r in self._rows]
        from kgbuild.table import COLUMNS

        return pd.DataFrame(self._rows, columns=list(COLUMNS))

    def query(self, sparql: str, **params: str) -> list[dict[str, str | None]]:
        """Run a SPARQL SELECT (or ASK) query on the store; one dict per row. ``sparql`` is
        the query or the name of a shipped query (``kgbuild query --list``); keyword
        arguments bind variables, as ``--param`` does. The prefixes ``kg:``, ``rel:``,
        ``rdfs:``, ``skos:``, ``prov:`` … are known.

        >>> b = _example()
        >>> b.query("SELECT ?name ?type WHERE { ?e rdfs:label ?name ; a ?type }", name="Jane Roe")
        [{'name': 'Jane Roe', 'type': 'https://w3id.org/kgbuild/ns#Person'}]
        >>> b.query("most_connected_actors")[:1]  # a shipped query, by its name
        []
        """
        from kgbuild.analyst_queries import bundled_queries
        from kgbuild.query import _check_params, _store_table, store_query

        shipped = bundled_queries().get(sparql)
        text = shipped.text if shipped is not None else sparql
        if params:
            _check_params(text, params)
        names, rows = _store_table(store_query(self._store, text, params))
        return [dict(zip(names, row, strict=True)) for row in rows]

    def to_html(
        self,
        path: str | Path | None = None,
        *,
        focus: str | None = None,
        hops: int = 1,
        top: int | None = None,
    ) -> Any:
        """The offline HTML page of the graph (as ``graph.html``): written to ``path`` (and
        the path returned), or returned as a string without one. As ``kgbuild viz``: ``focus``
        (a name, an alias or an entity key) draws the entities within ``hops`` edges of one
        entity, ``top`` how many of the most connected actors the page opens on.
        ``ValueError`` when no entity has the name ``focus``.

        >>> page = _example().to_html(focus="Jane Roe")
        >>> page.startswith("<!DOCTYPE html>") and "Jane Roe" in page
        True
        """
        from kgbuild.viz import find_entities
        from kgbuild.writers import html

        key = None
        if focus is not None:
            found = find_entities(self.kg, focus)
            if not found:
                raise ValueError(f"no entity named {focus!r} in {self.out}")
            key = found[0].key
        if path is None:
            return html.render(self.kg, top=top, focus=key, hops=hops)
        html.write(self.kg, path, top=top, focus=key, hops=hops)
        return Path(path)


def build(
    paths: str | Path | Iterable[str | Path],
    out: str | Path | None = None,
    *,
    model: str | None = None,
    jobs: int = 1,
    cache: bool = True,
    gazetteer: str | None = None,
    strict: bool = False,
    warn: Callable[[str], None] | None = None,
) -> Build:
    """Build the graph of the articles in ``paths`` (files or folders, as ``kgbuild build``
    reads them) into the folder ``out`` (a temporary folder, removed with the returned
    :class:`Build`, when None). Warnings go to ``warn`` (and to :attr:`Build.warnings`).

    :class:`~kgbuild.errors.NothingToBuildError` when no article could be read.
    """
    from kgbuild.nlp import DEFAULT_MODEL
    from kgbuild.pipeline import BuildOptions
    from kgbuild.pipeline import build as run_build

    folders = [paths] if isinstance(paths, str | Path) else list(paths)
    temporary = out is None
    target = Path(tempfile.mkdtemp(prefix="kgbuild-")) if temporary else Path(str(out))
    opts = BuildOptions(
        model=model or DEFAULT_MODEL, jobs=jobs, cache=cache, gazetteer=gazetteer, strict=strict
    )
    try:
        summary = run_build(folders, target, opts, warn=warn)
        result = Build(target, summary)
    except BaseException:
        if temporary:
            shutil.rmtree(target, ignore_errors=True)
        raise
    if temporary:
        weakref.finalize(result, shutil.rmtree, str(target), True)
    return result


def load(out: str | Path) -> Build:
    """The build made earlier in the folder ``out`` (by ``kgbuild build`` or :func:`build`);
    :class:`~kgbuild.errors.OutputError` when it holds none."""
    return Build(out)


@cache
def _example() -> Build:
    """A build of one short article, for the examples of this module."""
    folder = Path(tempfile.mkdtemp(prefix="kgbuild-example-"))
    weakref.finalize(_example, shutil.rmtree, str(folder), True)
    (folder / "truce.txt").write_text(
        "Ceasefire signed in Geneva\n2021-06-01\n\n"
        "The government of Ruritania agreed a ceasefire in Geneva on Monday. "
        "The envoy Jane Roe signed the ceasefire.\n",
        encoding="utf-8",
    )
    return build(folder)


__all__ = ["Build", "build", "load"]
