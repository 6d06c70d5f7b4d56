"""The query page at ``/``: the shipped analyst queries with a field per parameter, a query
box, and the results a page at a time with their row count and timing.

No external resources and no inline code without the response's nonce; results are put in the
page as text, never as markup. "Download" asks for a file for a person (``download=1``).
Parameters and pages go to ``/sparql`` as ``param=NAME=VALUE``, ``limit=`` and ``offset=``
(bound and paged by the endpoint, never pasted into the text).
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from kgbuild.analyst_queries import bundled_queries

#: Rows per page when a query sets no LIMIT of its own.
PAGE_ROWS = 100


def example_queries() -> dict[str, dict[str, Any]]:
    """The shipped analyst queries (see :mod:`kgbuild.analyst_queries`) by name: title,
    question, text, parameters and rows per page."""
    from kgbuild.query import query_limit

    return {
        q.name: {
            "title": q.title,
            "question": q.question,
            "text": q.text,
            "params": [
                {"name": p.name, "required": p.required, "help": p.help} for p in q.parameters
            ],
            "limit": query_limit(q.text) or PAGE_ROWS,
        }
        for q in bundled_queries().values()
    }


def query_page(nonce: str = "") -> str:
    """The page at ``/``: the analyst queries, a query box and a results table. Its script and
    style carry ``nonce``, the only ones its policy lets run (see
    :func:`kgbuild.server.security.page_csp`)."""
    first = {
        "title": "Count events by class",
        "question": "How many events of each class does the build hold?",
        "text": _FIRST_QUERY,
        "params": [],
        "limit": PAGE_ROWS,
    }
    examples = {"": first, **example_queries()}
    data = (
        json.dumps(examples, ensure_ascii=True)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    options = "".join(
        f'<option value="{escape(k)}">{escape(v["title"])}{" (" + escape(k) + ")" if k else ""}'
        "</option>"
        for k, v in examples.items()
    )
    return (
        _PAGE.replace("%OPTIONS%", options)
        .replace("%EXAMPLES%", data)
        .replace("%FIRST%", escape(_FIRST_QUERY))
        .replace("%NONCE%", escape(nonce))
        .replace("%ROWS%", str(PAGE_ROWS))
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
th{background:#f3f3f3}#status{margin-left:1em;color:#555}#question{color:#333;margin:.3em 0}
#params label{display:block;margin:.3em 0}#params input{width:24em}.help{color:#666;font-size:12px;margin-left:.5em}
.error{color:#a00}
</style></head><body>
<h1>kgbuild SPARQL endpoint</h1>
<p>Read-only SPARQL 1.1 at <code>/sparql</code> (GET or POST). Prefixes kg:, kgid:, rel:, rdf:, rdfs:,
owl:, xsd:, skos:, prov:, sem:, schema:, time: and dcterms: are predeclared.
<a href="/graph.html">Open the graph</a>.</p>
<p><label>Question: <select id="examples">%OPTIONS%</select></label></p>
<p id="question"></p>
<form id="form"><div id="params"></div>
<textarea id="query" name="query" spellcheck="false">%FIRST%</textarea><br>
<button type="submit">Run</button>
<label>Rows per page <input id="rows" type="number" min="1" max="10000" value="%ROWS%"></label>
<button type="button" id="prev" disabled>Previous page</button>
<button type="button" id="next" disabled>Next page</button>
<label>Download as <select id="format"><option value="json">JSON</option><option value="csv">CSV</option>
<option value="tsv">TSV</option><option value="xml">XML</option><option value="turtle">Turtle</option></select></label>
<button type="button" id="download">Download</button><span id="status"></span></form>
<div id="results"></div>
<script type="application/json" nonce="%NONCE%" id="example-data">%EXAMPLES%</script>
<script nonce="%NONCE%">
const examples = JSON.parse(document.getElementById("example-data").textContent);
const $ = id => document.getElementById(id);
const q = $("query"), status = $("status"), out = $("results"), rows = $("rows");
let offset = 0, current = examples[""];
function cell(tag, text) { const c = document.createElement(tag); c.textContent = text; return c; }
function choose(name) {
  current = examples[name]; q.value = current.text; rows.value = current.limit; offset = 0;
  $("question").textContent = current.question; const box = $("params"); box.replaceChildren();
  current.params.forEach(p => {
    const label = cell("label", p.name + (p.required ? " (required) " : " (optional) "));
    const input = document.createElement("input"); input.name = p.name; input.required = p.required;
    input.dataset.param = p.name; label.appendChild(input); label.appendChild(cell("span", p.help));
    label.lastChild.className = "help"; box.appendChild(label);
  });
  out.replaceChildren(); status.textContent = ""; $("prev").disabled = $("next").disabled = true;
}
function request(extra) {
  const body = new URLSearchParams({query: q.value});
  document.querySelectorAll("[data-param]").forEach(i => { if (i.value) body.append("param", i.dataset.param + "=" + i.value); });
  Object.entries(extra).forEach(([k, v]) => body.set(k, v));
  return body;
}
async function run() {
  status.textContent = "running…"; status.className = ""; out.replaceChildren();
  const size = Math.max(1, parseInt(rows.value, 10) || %ROWS%);
  const t0 = performance.now();
  const r = await fetch("/sparql", {method: "POST", body: request({limit: size, offset: offset}),
    headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"}});
  const text = await r.text();
  const ms = Math.round(performance.now() - t0);
  const server = r.headers.get("Kgbuild-Query-Time");
  const took = ms + " ms" + (server ? " (query " + server + ")" : "");
  $("prev").disabled = offset === 0; $("next").disabled = true;
  if (!r.ok) { status.textContent = r.status + ": " + text; status.className = "error"; return; }
  if (!(r.headers.get("Content-Type") || "").includes("json")) { out.appendChild(cell("pre", text)); status.textContent = took; return; }
  const data = JSON.parse(text);
  if ("boolean" in data) { out.appendChild(cell("p", String(data.boolean))); status.textContent = took; return; }
  const table = document.createElement("table"), head = document.createElement("tr");
  data.head.vars.forEach(v => head.appendChild(cell("th", v))); table.appendChild(head);
  const n = data.results.bindings.length;
  data.results.bindings.forEach(b => { const tr = document.createElement("tr");
    data.head.vars.forEach(v => tr.appendChild(cell("td", b[v] ? b[v].value : ""))); table.appendChild(tr); });
  out.appendChild(table);
  $("next").disabled = n < size;
  const cut = r.headers.get("Kgbuild-Results-Truncated");
  const span = n ? " (rows " + (offset + 1) + "–" + (offset + n) + ")" : "";
  status.textContent = n + " row" + (n === 1 ? "" : "s") + span + ", " + took + (cut ? " (" + cut + ")" : "");
}
$("examples").addEventListener("change", e => choose(e.target.value));
$("form").addEventListener("submit", e => { e.preventDefault(); offset = 0; run(); });
$("next").addEventListener("click", () => { offset += Math.max(1, parseInt(rows.value, 10) || %ROWS%); run(); });
$("prev").addEventListener("click", () => { offset = Math.max(0, offset - (parseInt(rows.value, 10) || %ROWS%)); run(); });
$("download").addEventListener("click", () => {
  const u = "/sparql?" + request({format: $("format").value, download: "1", limit: 0, offset: 0});
  window.open(u, "_blank");
});
choose("");
</script></body></html>
"""
