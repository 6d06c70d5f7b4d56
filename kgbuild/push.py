"""Load a build into any SPARQL 1.1 Graph Store Protocol server (Fuseki, GraphDB, Virtuoso,
QLever, Oxigraph server …), named graphs included.

Every graph of the build — the merged default graph, one graph per article, the provenance
graph and, unless asked not to, the ontology — is sent with the Graph Store Protocol: ``PUT``
replaces a graph (``POST`` adds to it with ``replace=False``), ``?default`` names the default
graph and ``?graph=<iri>`` a named one. Large graphs go in chunks (the first replaces, the rest
add). The build is read from its embedded store, or from its files when there is none.

>>> graph_url("http://localhost:7878/store", None)
'http://localhost:7878/store?default'
>>> graph_url("http://h/ds/data?x=1", "https://w3id.org/kgbuild/id/graph/a")
'http://h/ds/data?x=1&graph=https%3A%2F%2Fw3id.org%2Fkgbuild%2Fid%2Fgraph%2Fa'
"""

from __future__ import annotations

import base64
import http.client
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from kgbuild.errors import RemoteError
from kgbuild.store import ONTOLOGY_GRAPH, open_store

#: Triples per request.
CHUNK = 100_000
#: Serialization of request bodies: name → (media type, pyoxigraph format name).
FORMATS = {"ntriples": "application/n-triples", "turtle": "text/turtle"}


@dataclass(frozen=True)
class PushSummary:
    """What was sent: graph name (None = default graph) → triples."""

    url: str
    graphs: dict[str | None, int]
    requests: int

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of a graph (``None``: the default graph)."""
    sep = "&" if "?" in endpoint else "?"
    return endpoint + sep + ("default" if graph is None else "graph=" + quote(graph, safe=""))


class _Connection:
    """One persistent HTTP(S) connection to the server, reopened when the server closes it."""

    def __init__(self, endpoint: str, auth: str | None, timeout: float) -> None:
        u = urlsplit(endpoint)
        if u.scheme not in ("http", "https") or not u.hostname:
            raise RemoteError(f"{endpoint}: expected an http:// or https:// Graph Store URL")
        self.u = u
        self.timeout = timeout
        self.headers = (
            {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()} if auth else {}
        )
        self.conn: http.client.HTTPConnection | None = None

    def _open(self) -> http.client.HTTPConnection:
        cls = (
            http.client.HTTPSConnection if self.u.scheme == "https" else http.client.HTTPConnection
        )
        return cls(self.u.hostname or "", self.u.port, timeout=self.timeout)

    def send(self, method: str, url: str, body: bytes, ctype: str) -> None:
        target = urlsplit(url)
        path = (target.path or "/") + (f"?{target.query}" if target.query else "")
        headers = {"Content-Type": ctype, "Content-Length": str(len(body)), **self.headers}
        for attempt in (1, 2):
            if self.conn is None:
                self.conn = self._open()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                detail = resp.read(2000).decode("utf-8", "replace").strip()
            except (http.client.HTTPException, OSError) as exc:
                self.close()
                if attempt == 2:
                    raise RemoteError(
                        f"{self.u.scheme}://{self.u.netloc}: cannot reach the server ({exc})"
                    ) from None
                continue
            if resp.will_close:
                self.close()
            if resp.status >= 300:
                raise RemoteError(
                    f"{method} {url}: {resp.status} {resp.reason}"
                    + (f": {detail.splitlines()[0]}" if detail else "")
                )
            return

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def _chunks(store: Any, graph: Any, size: int) -> Iterator[list[Any]]:
    import pyoxigraph as ox

    chunk: list[Any] = []
    for q in store.quads_for_pattern(None, None, None, graph):
        chunk.append(ox.Triple(q.subject, q.predicate, q.object))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def push(
    folder: str | Path,
    endpoint: str,
    *,
    replace: bool = True,
    ontology: bool = True,
    auth: str | None = None,
    fmt: str = "ntriples",
    chunk: int = CHUNK,
    timeout: float = 300.0,
    progress: Callable[[str | None, int], None] | None = None,
) -> PushSummary:
    """Send every graph of a build to a Graph Store Protocol endpoint.

    ``auth`` is ``user:password`` for HTTP basic authentication; ``progress`` is called with
    each graph name and its number of triples once it is sent.
    """
    import pyoxigraph as ox

    if fmt not in FORMATS:
        raise RemoteError(f"format {fmt}: expected one of {', '.join(FORMATS)}")
    store = open_store(folder)
    conn = _Connection(endpoint, auth, timeout)
    rdf_format = ox.RdfFormat.N_TRIPLES if fmt == "ntriples" else ox.RdfFormat.TURTLE
    names = sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))
    if not ontology:
        names = [g for g in names if g != ONTOLOGY_GRAPH]
    sent: dict[str | None, int] = {}
    requests = 0
    try:
        for name in [None, *names]:
            graph = ox.DefaultGraph() if name is None else ox.NamedNode(name)
            url = graph_url(endpoint, name)
            n = 0
            for i, triples in enumerate(_chunks(store, graph, max(1, chunk))):
                body = bytes(ox.serialize(triples, format=rdf_format) or b"")
                conn.send("PUT" if replace and i == 0 else "POST", url, body, FORMATS[fmt])
                requests += 1
                n += len(triples)
            if n == 0 and replace:
                conn.send("PUT", url, b"", FORMATS[fmt])
                requests += 1
            sent[name] = n
            if progress:
                progress(name, n)
    finally:
        conn.close()
    return PushSummary(endpoint, sent, requests)
