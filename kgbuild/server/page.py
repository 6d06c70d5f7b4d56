"""The query page at ``/``: a query box, a results table, the shipped analyst queries.

No external resources and no inline code without the response's nonce; results are put in the
page as text, never as markup. "Download" asks for a file for a person (``download=1``).
"""

from __future__ import annotations

import json
from html import escape

from kgbuild.analyst_queries import bundled_queries


def example_queries() -> dict[str, str]:
    """The shipped analyst queries (see :mod:`kgbuild.analyst_queries`), title → text."""
    return {q.title: q.text for q in bundled_queries().values()}


def query_page(nonce: str = "") -> str:
    """The page at ``/``: a query box, a results table and the analyst queries as examples.
    Its script and style carry ``nonce``, the only ones its policy lets run (see
    :func:`kgbuild.server.security.page_csp`)."""
    examples = {"Count events by class": _FIRST_QUERY, **example_queries()}
    data = (
        json.dumps(examples, ensure_ascii=True)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    options = "".join(f'<option value="{escape(k)}">{escape(k)}</option>' for k in examples)
    return (
        _PAGE.replace("%OPTIONS%", options)
        .replace("%EXAMPLES%", data)
        .replace("%FIRST%", escape(_FIRST_QUERY))
        .replace("%NONCE%", escape(nonce))
    )


_FIRST_QUERY = """SELECT ?class (COUNT(?event) AS ?events)
WHERE { ?event a kg:Event , ?class }
GROUP BY ?class
ORDER BY DESC(?events)"""

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kgbuild SPARQL</title><link rel="icon" href="data:,">
<style nonce="%NONCE%">
body{font:14px system-ui,sans-serif;margin:1.5em;max-width:1200px}
textarea{width:100%;height:14em;font:13px monospace}
table{border-collapse:collapse;margin-top:1em}td,th{border:1px solid #ccc;padding:2px 6px;vertical-align:top;text-align:left}
th{background:#f3f3f3}#status{margin-left:1em;color:#555}
</style></head><body>
<h1>kgbuild SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>/sparql</code> (GET or POST). Prefixes kg:, kgid:, rel:, rdf:, rdfs:,
owl:, xsd:, skos:, prov:, sem:, schema:, time: and dcterms: are predeclared.
<a href="/graph.html">Open the graph</a>.</p>
<p><label>Example: <select id="examples">%OPTIONS%</select></label></p>
<form id="form"><textarea id="query" name="query" spellcheck="false">%FIRST%</textarea><br>
<button type="submit">Run</button>
<label>Download as <select id="format"><option value="json">JSON</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="xml">XML</option><option value="turtle">Turtle</option></select></label>
<button type="button" id="download">Download</button><span id="status"></span></form>
<div id="results"></div>
<script type="application/json" nonce="%NONCE%" id="example-data">%EXAMPLES%</script>
<script nonce="%NONCE%">
const examples = JSON.parse(document.getElementById("example-data").textContent);
const q = document.getElementById("query"), status = document.getElementById("status"), out = document.getElementById("results");
document.getElementById("examples").addEventListener("change", e => { q.value = examples[e.target.value]; });
function cell(tag, text) { const c = document.createElement(tag); c.textContent = text; return c; }
document.getElementById("form").addEventListener("submit", async e => {
  e.preventDefault(); status.textContent = "running…"; out.replaceChildren();
  const t0 = performance.now();
  const r = await fetch("/sparql", {method: "POST", body: new URLSearchParams({query: q.value}),
    headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}});
  const text = await r.text();
  const ms = Math.round(performance.now() - t0);
  if (!r.ok) { status.textContent = r.status + ": " + text; return; }
  if (!(r.headers.get("Content-Type") || "").includes("json")) { out.appendChild(cell("pre", text)); status.textContent = ms + " ms"; return; }
  const data = JSON.parse(text);
  if ("boolean" in data) { out.appendChild(cell("p", String(data.boolean))); status.textContent = ms + " ms"; return; }
  const table = document.createElement("table"), head = document.createElement("tr");
  data.head.vars.forEach(v => head.appendChild(cell("th", v))); table.appendChild(head);
  data.results.bindings.forEach(b => { const tr = document.createElement("tr");
    data.head.vars.forEach(v => tr.appendChild(cell("td", b[v] ? b[v].value : ""))); table.appendChild(tr); });
  out.appendChild(table);
  const cut = r.headers.get("Kgbuild-Results-Truncated");
  status.textContent = data.results.bindings.length + " rows, " + ms + " ms" + (cut ? " (" + cut + ")" : "");
});
document.getElementById("download").addEventListener("click", () => {
  const u = "/sparql?" + new URLSearchParams({query: q.value, format: document.getElementById("format").value, download: "1"});
  window.open(u, "_blank");
});
</script></body></html>
"""
