"""``graph.html``: an interactive network (pyvis / vis-network) that makes no network request."""

from __future__ import annotations

import html
import re
from pathlib import Path

from kgbuild.fsutil import write_text
from kgbuild.records import KnowledgeGraph

TYPE_COLOURS = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Country": "#e15759",
    "Place": "#76b7b2",
    "Group": "#59a14f",
    "Thing": "#bab0ac",
}

_EXTERNAL = re.compile(r"<(link|script)\b[^>]*\b(href|src)=\"https?://[^>]*>(\s*</script>)?", re.I)


def render(kg: KnowledgeGraph) -> str:
    """The page as a string."""
    from pyvis.network import Network

    net = Network(height="100vh", width="100%", directed=True, cdn_resources="in_line", select_menu=False)
    ents = {e.key: e for e in kg.entities}
    titles = {a.id: a.title for a in kg.articles}
    used = {k for ev in kg.events if ev.object for k in (ev.subject, ev.object)}
    for key in sorted(used):
        e = ents.get(key)
        label = e.label if e else key
        type_ = e.type if e else "Thing"
        tip = f"{label} ({type_})"
        if e and e.aliases:
            tip += "\nalso: " + ", ".join(e.aliases[:8])
        net.add_node(key, label=label, title=tip, color=TYPE_COLOURS.get(type_, "#bab0ac"))
    for ev in kg.events:
        if not ev.object:
            continue
        ev0 = ev.evidence[0] if ev.evidence else None
        tip = f"{ev.predicate}" + (" (negated)" if ev.negated else "")
        if ev0:
            tip += f"\n“{ev0.sentence}”\n— {titles.get(ev0.doc, ev0.doc)}"
        net.add_edge(
            ev.subject,
            ev.object,
            label=("not " if ev.negated else "") + ev.predicate,
            title=tip,
            dashes=ev.negated or bool(ev.modality),
            width=1 + len(ev.sources),
        )
    net.toggle_physics(True)
    page = net.generate_html(notebook=False)
    return _EXTERNAL.sub("", page)


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    write_text(path, render(kg))


def escape(text: str) -> str:
    return html.escape(text, quote=True)
