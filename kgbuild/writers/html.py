"""``graph.html``: an interactive network page that makes no network request.

Built on pyvis: pyvis's :class:`~pyvis.network.Network` holds the vis-network nodes, edges and
options, and its bundled vis-network 9.1.2 is inlined into a customised template
(``kgbuild/templates/graph.html.j2`` with ``graph.css`` and ``graph.js``). The page carries its
data as one JSON document inside a ``<script type="application/json">`` element; the page's
script builds every piece of text on screen with ``textContent``, never as HTML, and a
Content-Security-Policy lets only the page's own scripts run and no request leave the file.

The default page shows the most connected actors (:func:`kgbuild.viz.top_view`); search
reaches every entity. :func:`render` with ``focus`` makes an ego-network page instead.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path
from typing import Any

from kgbuild.collector import gc_paused
from kgbuild.fsutil import write_text
from kgbuild.records import Article, Entity, Event, Evidence, KnowledgeGraph
from kgbuild.viz import (
    DEFAULT_TOP,
    PHYSICS_MAX_NODES,
    THING,
    Derived,
    EdgeGroup,
    View,
    derive,
    edge_groups,
    ego_view,
    entity_index,
    event_keys,
    layout,
    neighbours,
    top_view,
)

#: Colour and vis-network shape of each entity type (the legend shows the same).
TYPE_STYLES: dict[str, tuple[str, str]] = {
    "Person": ("#4e79a7", "dot"),
    "Organization": ("#f28e2b", "square"),
    "Country": ("#59a14f", "diamond"),
    "Place": ("#17becf", "triangle"),
    "Group": ("#b07aa1", "hexagon"),
    THING: ("#a0aab4", "dot"),
}

#: Edge colours: a fact stated as such, a hedged (modal) one, a disputed one.
EDGE_COLOURS = {"fact": "#64748b", "modal": "#c3ccd6", "disputed": "#dc2626"}

#: Node labels longer than this are cut (the full label is in the tooltip and the panel).
MAX_LABEL = 32

#: Number of most connected nodes whose label stays readable at every zoom.
ALWAYS_LABELLED = 12

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def render(
    kg: KnowledgeGraph,
    *,
    top: int | None = None,
    focus: str | None = None,
    hops: int = 1,
) -> str:
    """The page as a string.

    Without ``focus``: every entity, opening on the ``top`` most connected actors (default
    :data:`~kgbuild.viz.DEFAULT_TOP`). With ``focus`` (an entity key): the entities within
    ``hops`` edges of it, opening on all of them, or on the ``top`` nearest.
    """
    with gc_paused():
        return _render(facts_only(kg), top, focus, hops)


def facts_only(kg: KnowledgeGraph) -> KnowledgeGraph:
    """The graph with only its facts: events whose actor is not known are not drawn."""
    if all(ev.fact for ev in kg.events):
        return kg
    return replace(kg, events=tuple(ev for ev in kg.events if ev.fact))


def _render(kg: KnowledgeGraph, top: int | None, focus: str | None, hops: int) -> str:
    """:func:`render`, whose intermediate objects are all freed by the time it returns."""
    derived = derive(kg)
    if focus is not None:
        view = ego_view(kg, focus, hops, top, derived=derived)
    else:
        view = top_view(kg, DEFAULT_TOP if top is None else top, derived=derived)
    return render_view(kg, view, derived=derived)


def write(
    kg: KnowledgeGraph,
    path: str | Path,
    *,
    top: int | None = None,
    focus: str | None = None,
    hops: int = 1,
) -> None:
    """Write the page to ``path`` (see :func:`render`)."""
    write_text(path, render(kg, top=top, focus=focus, hops=hops))


def render_view(kg: KnowledgeGraph, view: View, *, derived: Derived | None = None) -> str:
    """The page for a chosen :class:`~kgbuild.viz.View` (``derived``: :func:`~kgbuild.viz.derive`
    of ``kg``, if at hand)."""
    with gc_paused():
        return _render_view(kg, view, derive(kg) if derived is None else derived)


def _render_view(kg: KnowledgeGraph, view: View, derived: Derived) -> str:
    """:func:`render_view`, whose intermediate objects are all freed by the time it returns."""
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup
    from pyvis.network import Network

    from kgbuild import __version__

    data, vis_nodes, vis_edges, physics = page_parts(kg, view, derived=derived)
    net = Network(directed=True, cdn_resources="in_line")
    net.nodes, net.edges = vis_nodes, vis_edges
    net.node_ids = [n["id"] for n in vis_nodes]
    net.options = vis_options(len(view.shown), physics=physics)
    nodes, edges, _heading, _h, _w, options = net.get_network_data()
    if isinstance(options, str):
        options = json.loads(options)
    payload = safe_json({"data": data, "nodes": nodes, "edges": edges, "options": options})
    nonce = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=True)
    page = env.get_template("graph.html.j2").render(
        title=page_title(kg, view, index=derived.index),
        version=__version__,
        nonce=nonce,
        payload=Markup(payload),
        css=Markup(_asset("graph.css")),
        script=Markup(_asset("graph.js")),
        vis_js=Markup(_vis_js(net.template_dir)),
    )
    return page


def page_title(kg: KnowledgeGraph, view: View, *, index: dict[str, Entity] | None = None) -> str:
    """The browser tab title: what the page shows (``index``: the graph's
    :func:`~kgbuild.viz.entity_index`, if at hand)."""
    if view.focus:
        e = (entity_index(kg) if index is None else index).get(view.focus)
        return f"{e.label if e else view.focus} — kgbuild graph"
    return f"kgbuild graph — {len(kg.articles)} articles"


# --------------------------------------------------------------------------- page data


class _Table:
    """Numbers strings in order of first use: entity keys, article ids, sentences."""

    def __init__(self) -> None:
        self.ids: dict[Any, int] = {}

    def __call__(self, item: Any) -> int:
        return self.ids.setdefault(item, len(self.ids))


def page_parts(
    kg: KnowledgeGraph,
    view: View,
    groups: Sequence[EdgeGroup] | None = None,
    *,
    derived: Derived | None = None,
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], bool]:
    """The page's data document, its vis nodes and edges, and whether physics runs.

    Entities, articles and sentences are numbered; nodes, edges and events refer to them by
    number (a node's id is its entity's number, an edge's id its place in ``edgeEvents``).
    ``groups``: the edges, as :func:`~kgbuild.viz.edge_groups` (by default those of ``kg``,
    of which only the edges within the pool are made); ``derived``:
    :func:`~kgbuild.viz.derive` of ``kg``, if at hand.
    """
    derived = derive(kg) if derived is None else derived
    touching, index = derived.touching, derived.index
    pool = set(view.pool)
    if groups is None:
        pool_groups = edge_groups(kg, pool, edges=derived.edges)
        nb = derived.neighbours
    else:
        pool_groups = [g for g in groups if g.subject in pool and g.object in pool]
        nb = neighbours(groups)
    deg = {k: len(v) for k, v in nb.items()}
    shown = set(view.shown)
    shown_pairs = [
        (g.subject, g.object) for g in pool_groups if g.subject in shown and g.object in shown
    ]
    positions = layout(list(view.shown), shown_pairs)
    physics = len(view.shown) <= PHYSICS_MAX_NODES

    ent = _Table()
    for k in (*view.pool, *view.listed):
        ent(k)
    ev_ids = sorted({i for k in pool for i in touching.get(k, ())})
    for i in ev_ids:
        for k in event_keys(kg.events[i]):
            ent(k)
    art = _Table()
    for a in kg.articles:
        art(a.id)
    sentences = _Table()
    dates = {a.id: a.date for a in kg.articles}
    ev_pos = {i: n for n, i in enumerate(ev_ids)}
    events = [event_data(kg.events[i], dates, ent, art, sentences) for i in ev_ids]
    classes = sorted({kg.events[i].event_class or "" for i in ev_ids})
    class_no = {c: n for n, c in enumerate(classes)}
    for e in events:
        e["c"] = class_no[e.pop("class")]
    type_no = {t: n for n, t in enumerate(TYPE_STYLES)}
    entities = [entity_row(index[k], type_no, deg.get(k, 0), k in pool) for k in ent.ids]
    articles = {a.id: a for a in kg.articles}
    labelled = sorted((k for k in view.shown if deg.get(k, 0)), key=lambda k: -deg[k])[
        :ALWAYS_LABELLED
    ]
    vis_nodes = [vis_node(ent(k), index[k], deg.get(k, 0), positions.get(k)) for k in view.pool]
    vis_edges = [
        vis_edge(n, g, curve, ent)
        for n, (g, curve) in enumerate(zip(pool_groups, curves(pool_groups), strict=True))
    ]
    sentence_rows = [[art(doc), text] for doc, text in sentences.ids]
    article_rows = [
        article_row(articles[a]) if a in articles else [a, a, None, None, None] for a in art.ids
    ]
    data = {
        "meta": meta(kg, view, len(pool_groups), physics),
        "types": [{"name": t, "color": c, "shape": s} for t, (c, s) in TYPE_STYLES.items()],
        "edgeColors": EDGE_COLOURS,
        "classes": classes,
        "articles": article_rows,
        "entities": entities,
        "sentences": sentence_rows,
        "events": events,
        "edgeEvents": [[ev_pos[j] for j in g.events] for g in pool_groups],
        "view": [ent(k) for k in view.shown],
        "labelled": [ent(k) for k in labelled],
        "focus": ent(view.focus) if view.focus else None,
    }
    return data, vis_nodes, vis_edges, physics


def meta(kg: KnowledgeGraph, view: View, n_edges: int, physics: bool) -> dict[str, Any]:
    """What was built, for the title bar: the dates covered are the articles' publication dates
    (or, when no article has one, the dates of the events)."""
    dates = [a.date for a in kg.articles if a.date]
    if not dates:  # no publication date: the dates of the events
        dates = [ev.time.value for ev in kg.events if ev.time and ev.time.value]
    bounds = [b for d in dates if (b := date_bounds(d))]
    sources = sorted({a.source for a in kg.articles if a.source})
    return {
        "articles": len(kg.articles),
        "sources": sources,
        "firstDate": min(b[0] for b in bounds) if bounds else None,
        "lastDate": max(b[1] for b in bounds) if bounds else None,
        "entities": len(kg.entities),
        "events": len(kg.events),
        "pool": len(view.pool),
        "listed": len(view.listed),
        "edges": n_edges,
        "shown": len(view.shown),
        "hops": view.hops,
        "physics": physics,
    }


def entity_row(e: Entity, type_no: dict[str, int], degree: int, in_pool: bool) -> list[Any]:
    """``[key, label, type number, aliases, roles, mentions, articles, degree, on the page]``."""
    type_ = e.type if e.type in TYPE_STYLES else THING
    aliases = [a for a in e.aliases if a != e.label]
    return [
        e.key,
        e.label,
        type_no[type_],
        aliases,
        list(e.roles),
        e.mentions,
        len(e.sources),
        degree,
        int(in_pool),
    ]


def article_row(a: Article) -> list[Any]:
    """``[id, title, date, source, author]``."""
    return [a.id, a.title or a.id, a.date, a.source, a.author]


def event_data(
    ev: Event,
    dates: dict[str, str | None],
    ent: Any,
    art: Any,
    sentences: Any,
) -> dict[str, Any]:
    """An event for the side panel and the filters, with short keys and defaults left out.

    ``p`` predicate, ``s``/``o`` subject/object, ``a`` extra arguments ``[role, entity]``,
    ``n`` negated, ``m`` modality, ``d`` disputed, ``r`` relation, ``t``/``tt`` time and its
    text, ``rp`` earliest publication date of its articles, ``f``/``u`` first and last day it
    may have happened (for the date filter), ``pl`` place, ``at`` attributed to, ``src``
    articles, ``ev`` evidence ``[sentence, marks, according to]``; entities, articles and
    sentences by number. ``dates`` maps article ids to publication dates.
    """
    when = ev.time.value if ev.time and ev.time.value else None
    if len(ev.sources) == 1:  # most events
        reported = dates.get(ev.sources[0]) or None
    else:
        reported = min((d for s in ev.sources if (d := dates.get(s))), default=None)
    bounds = (date_bounds(when) if when else None) or (date_bounds(reported) if reported else None)
    out: dict[str, Any] = {"p": ev.predicate, "class": ev.event_class or "", "s": ent(ev.subject)}
    if ev.object:
        out["o"] = ent(ev.object)
    if ev.arguments:
        out["a"] = [[role, ent(k)] for role, k in ev.arguments]
    if ev.negated:
        out["n"] = 1
    if ev.disputed:
        out["d"] = 1
    if ev.relation:
        out["r"] = 1
    if ev.modality:
        out["m"] = ev.modality
    if when:
        out["t"] = when
        if ev.time and ev.time.text and ev.time.text != when:
            out["tt"] = ev.time.text
    if reported:
        out["rp"] = reported
    if bounds:
        out["f"], out["u"] = bounds
    if ev.place:
        out["pl"] = ent(ev.place)
    if ev.attributed_to:
        out["at"] = [ent(k) for k in ev.attributed_to]
    out["src"] = [art(s) for s in ev.sources]
    out["ev"] = [evidence_row(e, sentences) for e in ev.evidence]
    return out


def evidence_row(e: Evidence, sentences: Any) -> list[Any]:
    """``[sentence number, marks, according to]``: marks are ``[start, end, part]`` in the sentence."""
    marks = []
    for kind, span in (("subject", e.subject), ("predicate", e.predicate), ("object", e.object)):
        if span is not None and (
            where := locate(e.sentence, span.text, span.start - e.sentence_span.start)
        ):
            marks.append([where[0], where[1], kind])
    row: list[Any] = [sentences((e.doc, e.sentence)), marks]
    if e.attributed_to:
        row.append(e.attributed_to)
    return row


def locate(sentence: str, text: str, hint: int) -> tuple[int, int] | None:
    """Where ``text`` is in ``sentence``: at offset ``hint`` if it is there, else its first place.

    >>> locate("Ann met Bob.", "Bob", 8), locate("Ann met Bob.", "Bob", 99), locate("x", "y", 0)
    ((8, 11), (8, 11), None)
    """
    if not text:
        return None
    if hint >= 0 and sentence[hint : hint + len(text)] == text:
        return hint, hint + len(text)
    at = sentence.find(text)
    return (at, at + len(text)) if at >= 0 else None


def date_bounds(value: str) -> tuple[str, str] | None:
    """First and last day an ISO date, month or year stands for.

    >>> date_bounds("2022-02"), date_bounds("2021"), date_bounds("2022-02-15"), date_bounds("soon")
    (('2022-02-01', '2022-02-28'), ('2021-01-01', '2021-12-31'), ('2022-02-15', '2022-02-15'), None)
    """
    m = _DATE.match(value or "")
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day and month:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        if not 1 <= int(month) <= 12:
            return None
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


# --------------------------------------------------------------------------- vis items


def short_label(text: str, limit: int = MAX_LABEL) -> str:
    """A label cut to ``limit`` characters.

    >>> short_label("a" * 40, 10)
    'aaaaaaaaa…'
    """
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def vis_node(
    node_id: int, e: Entity, degree: int, xy: tuple[float, float] | None
) -> dict[str, Any]:
    """The vis-network node of an entity (pyvis's node options); colour comes from its type's group."""
    from pyvis.node import Node

    type_ = e.type if e.type in TYPE_STYLES else THING
    opts: dict[str, Any] = {
        "group": type_,
        "value": max(degree, 1) if type_ != THING else min(max(degree, 1), 4),
    }
    if xy is not None:
        opts["x"], opts["y"] = xy
    return Node(node_id, TYPE_STYLES[type_][1], label=short_label(e.label), **opts).options


def vis_edge(edge_id: int, g: EdgeGroup, smooth: dict[str, Any] | None, ent: Any) -> dict[str, Any]:
    """The vis-network edge of a merged fact (pyvis's edge options); plain facts use the defaults."""
    from pyvis.edge import Edge

    label = ("not " if g.negated else "") + g.predicate
    opts: dict[str, Any] = {"id": edge_id, "label": short_label(label, 28)}
    if len(g.sources) > 1:
        opts["width"] = min(1.0 + 1.5 * (len(g.sources) - 1), 8.0)
    if g.negated:
        opts["dashes"] = [6, 4]
    kind = "disputed" if g.disputed else "modal" if g.modal else None
    if kind:
        opts["color"] = {"color": EDGE_COLOURS[kind], "highlight": "#111827", "hover": "#334155"}
        opts["font"] = {"color": "#b91c1c" if g.disputed else "#94a3b8"}
    if smooth is not None:
        opts["smooth"] = smooth
    return Edge(ent(g.subject), ent(g.object), directed=True, **opts).options


def curves(groups: Sequence[EdgeGroup]) -> list[dict[str, Any] | None]:
    """Curvature of each edge, so parallel edges between two nodes fan out instead of overlapping.

    >>> from kgbuild.viz import EdgeGroup
    >>> g = EdgeGroup("a", "b", "meet", False, (0,), (), False, False, False)
    >>> curves([g])
    [None]
    >>> [c["type"] if c else None for c in curves([g, g, g])]
    [None, 'curvedCW', 'curvedCCW']
    """
    seen: dict[frozenset[str], int] = defaultdict(int)
    out: list[dict[str, Any] | None] = []
    for g in groups:
        pair = frozenset((g.subject, g.object))
        n = seen[pair]
        seen[pair] += 1
        if n == 0:
            out.append(None)
            continue
        clockwise = (n % 2 == 1) == (g.subject < g.object)
        out.append(
            {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": round(0.18 * ((n + 1) // 2), 2),
            }
        )
    return out


def vis_options(n_shown: int, *, physics: bool) -> dict[str, Any]:
    """vis-network options: type groups, and physics that settles then stops (small views only)."""
    font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
    groups = {
        t: {
            "shape": shape,
            "color": {
                "background": colour,
                "border": _darker(colour),
                "highlight": {"background": colour, "border": "#111827"},
                "hover": {"background": colour, "border": "#111827"},
            },
        }
        for t, (colour, shape) in TYPE_STYLES.items()
    }
    return {
        "autoResize": True,
        "groups": groups,
        "nodes": {
            "font": {
                "size": 14,
                "face": font,
                "color": "#1f2933",
                "strokeWidth": 4,
                "strokeColor": "#ffffff",
            },
            "borderWidth": 1.5,
            "borderWidthSelected": 3,
            "scaling": {"min": 8, "max": 34, "label": {"enabled": False}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.55}},
            "color": {
                "color": EDGE_COLOURS["fact"],
                "highlight": "#111827",
                "hover": "#334155",
                "inherit": False,
            },
            "font": {
                "size": 11,
                "face": font,
                "color": "#475569",
                "align": "middle",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "smooth": False,
            "width": 1,
            "selectionWidth": 2,
            "hoverWidth": 0.8,
        },
        "physics": {
            "enabled": physics,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -45,
                "centralGravity": 0.015,
                "springLength": 80,
                "springConstant": 0.08,
                "damping": 0.6,
                "avoidOverlap": 0.4,
            },
            "maxVelocity": 60,
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": physics,
                "iterations": 400,
                "updateInterval": 20,
                "fit": True,
            },
        },
        "interaction": {
            "hover": True,
            "hideEdgesOnDrag": n_shown > PHYSICS_MAX_NODES,
            "hideEdgesOnZoom": n_shown > 2 * PHYSICS_MAX_NODES,
            "multiselect": False,
            "navigationButtons": False,
        },
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }


def _darker(hex_colour: str, factor: float = 0.72) -> str:
    """A darker shade of ``#rrggbb``.

    >>> _darker("#ffffff", 0.5)
    '#808080'
    """
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c * factor):02x}" for c in rgb)


# --------------------------------------------------------------------------- safety


_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_UNSAFE = re.compile("[<>&\u2028\u2029]")


def safe_json(obj: Any) -> str:
    """JSON that can sit inside a ``<script>`` element: nothing in it can close the element.

    ``<``, ``>``, ``&`` and the line separators U+2028/U+2029 become ``\\uXXXX`` escapes, which
    ``JSON.parse`` turns back into the same characters.

    >>> safe_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    >>> json.loads(safe_json(["a\\u2028b"])) == ["a\\u2028b"]
    True
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


@cache
def _asset(name: str) -> str:
    """A file of ``kgbuild/templates`` (the page's stylesheet and script)."""
    return (_TEMPLATES / name).read_text(encoding="utf-8")


@cache
def _vis_js(template_dir: str) -> str:
    """vis-network as bundled with pyvis (``templates/lib/vis-9.1.2``)."""
    return (Path(template_dir) / "lib" / "vis-9.1.2" / "vis-network.min.js").read_text(
        encoding="utf-8"
    )
