"""``graph.html``: an interactive network page that makes no network request.

The page draws with sigma.js on WebGL, its graph held by graphology (both MIT, inlined from
their npm packages: ``kgbuild/templates/sigma.min.js`` and ``graphology.umd.min.js``, licences
in ``THIRD-PARTY-LICENSES.txt``), so that a build of tens of thousands of entities stays
responsive. The customised template (``kgbuild/templates/graph.html.j2`` with ``graph.css`` and
``graph.js``) carries the data as one JSON document inside a ``<script type="application/json">``
element; the page's script builds every piece of text on screen with ``textContent`` (or as
canvas text), never as HTML, and a Content-Security-Policy lets only the page's own scripts run
and no request leave the file.

The default page opens on the most connected actors (:func:`kgbuild.viz.top_view`); search
reaches every entity. :func:`render` with ``focus`` makes an ego-network page instead.
"""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from kgbuild.fsutil import write_text
from kgbuild.records import Article, Entity, Event, Evidence, KnowledgeGraph
from kgbuild.version import __version__
from kgbuild.viz import (
    ACTOR_TYPES,
    DEFAULT_TOP,
    FACT_BUDGET,
    THING,
    Derived,
    EdgeGroup,
    View,
    derive,
    edge_groups,
    ego_view,
    entity_index,
    layout,
    neighbours,
    top_view,
)

#: Colour of each entity type, in legend order (the legend shows the same).
TYPE_STYLES: dict[str, str] = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Country": "#59a14f",
    "Group": "#b07aa1",
    "Place": "#17becf",
    THING: "#a0aab4",
}

#: Edge colours: a fact stated as such, a negated one, a hedged (modal) one, a disputed one.
EDGE_COLOURS = {"fact": "#64748b", "negated": "#d97706", "modal": "#d5dce4", "disputed": "#dc2626"}

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
    if derived is None:
        derived = derive(kg)
    from jinja2 import Environment, FileSystemLoader
    from markupsafe import Markup

    payload = safe_json(page_parts(kg, view, derived=derived))
    nonce = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
    env = Environment(loader=FileSystemLoader(str(_TEMPLATES)), autoescape=True)
    return env.get_template("graph.html.j2").render(
        title=page_title(kg, view, index=derived.index),
        version=__version__,
        nonce=nonce,
        payload=Markup(payload),
        css=Markup(_asset("graph.css")),
        script=Markup(_asset("graph.js")),
        libraries=Markup(_library("graphology.umd.min.js") + "\n" + _library("sigma.min.js")),
    )


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
    fact_budget: int = FACT_BUDGET,
) -> dict[str, Any]:
    """The page's data document.

    Entities, articles and sentences are numbered; facts and events refer to them by number.
    ``facts`` are the edges within the pool, one per (subject, object, predicate, negated) as
    :func:`~kgbuild.viz.edge_groups` folds them: ``[subject, object, predicate, flags, events]``
    with flags 1 negated, 2 hedged, 4 disputed, 8 relation (see :func:`fact_row`).

    Beyond the pool, which it carries in full, the page draws the next most connected
    entities of ``view.listed`` with their facts, but without events (their facts summed up
    instead), for as long as its facts add up to at most ``fact_budget``. ``groups``: the
    edges, as :func:`~kgbuild.viz.edge_groups` (by default those of ``kg``, of which only the
    edges the page draws are made; given, only those within the pool); ``derived``:
    :func:`~kgbuild.viz.derive` of ``kg``, if at hand.

    Only entities of the build are on the page: an event's key that names no entity of the
    build (none should) is dropped, with the facts that need it. Only facts are drawn and
    carried: an event whose actor is not known (``Event.fact`` false) is left out by
    :func:`~kgbuild.viz.derive`, though the title bar counts it among the build's events.
    """
    derived = derive(kg) if derived is None else derived
    touching = derived.touching
    built = {e.key: e for e in kg.entities}
    pool = [k for k in view.pool if k in built]
    pool_set = set(pool)
    listed = [k for k in view.listed if k in built]
    if groups is None:
        nb = derived.neighbours
        ends: Iterable[tuple[str, str]] = ((s, o) for s, o, _, _ in derived.edges)
    else:
        nb = neighbours(groups)
        ends = ((g.subject, g.object) for g in groups)
    sketched = _sketched(listed, pool_set, nb, fact_budget, ends)
    among = pool_set | set(sketched)
    if groups is None:
        page_groups = edge_groups(kg, among, edges=derived.edges)
    else:
        page_groups = [g for g in groups if g.subject in among and g.object in among]
    deg = {k: len(v) for k, v in nb.items()}
    pairs = [(g.subject, g.object) for g in page_groups]
    linked = {k for pair in pairs for k in pair}
    drawable = [k for k in (*pool, *sketched) if k in linked]
    positions = layout(drawable, pairs, core=[k for k in view.shown if k in linked])

    ent = _Table()
    for k in (*pool, *listed):
        ent(k)
    ev_ids = sorted({i for k in pool for i in touching.get(k, ())})
    art = _Table()
    for a in kg.articles:
        art(a.id)
    sentences = _Table()
    dates = {a.id: a.date for a in kg.articles}
    ev_pos = {i: n for n, i in enumerate(ev_ids)}
    known = _Known(ent, built)
    spans = mention_spans(kg, {e.doc for i in ev_ids for e in kg.events[i].evidence})
    events = [event_data(kg.events[i], dates, known, art, sentences, spans) for i in ev_ids]
    summarized = [g for g in page_groups if not all(j in ev_pos for j in g.events)]
    classes = sorted(
        {kg.events[i].event_class or "" for i in ev_ids}
        | {kg.events[i].event_class or "" for g in summarized for i in g.events}
    )
    class_no = {c: n for n, c in enumerate(classes)}
    for e in events:
        e["c"] = class_no[e.pop("class")]
    story_rows = story_data(kg, [kg.events[i] for i in ev_ids], events, ent, art)
    type_no = {t: n for n, t in enumerate(TYPE_STYLES)}
    entities = [
        entity_row(built[k], type_no, deg.get(k, 0), k in pool_set, positions.get(k))
        for k in ent.ids
    ]
    for row in entities:  # an entity the build gives no article: those of its events
        if not row[6]:
            row[6] = len({s for i in touching.get(row[0], ()) for s in kg.events[i].sources})
    articles = {a.id: a for a in kg.articles}
    sentence_rows = [[art(doc), text] for doc, text in sentences.ids]
    article_rows = [
        article_row(articles[a]) if a in articles else [a, a, None, None, None] for a in art.ids
    ]
    facts = [fact_row(g, ent, ev_pos, kg.events, dates, class_no, art) for g in page_groups]
    types = [
        {"name": t, "color": c, "actor": t in ACTOR_TYPES, "built": n}
        for (t, c), n in zip(TYPE_STYLES.items(), type_counts(kg), strict=True)
    ]
    return {
        "meta": meta(kg, view, len(derived.edges)),
        "types": types,
        "edgeColors": EDGE_COLOURS,
        "classes": classes,
        "articles": article_rows,
        "entities": entities,
        "sentences": sentence_rows,
        "events": events,
        "facts": facts,
        "stories": story_rows,
        "opening": {
            "types": list(view.types or TYPE_STYLES),
            "minDegree": view.min_degree,
            "minArticles": 0,
            "shown": [ent(k) for k in view.shown if k in built],
        },
        "focus": ent(view.focus) if view.focus and view.focus in built else None,
    }


def _sketched(
    listed: Sequence[str],
    pool: set[str],
    nb: dict[str, set[str]],
    budget: int,
    ends: Iterable[tuple[str, str]],
) -> list[str]:
    """The entities of ``listed`` (most connected first) a page draws without their events:
    those with a neighbour, while the facts among them and the pool number at most ``budget``
    (``ends``: subject and object of each fact of the graph)."""
    per_pair: Counter[frozenset[str]] = Counter(frozenset(pair) for pair in ends)
    among = set(pool)
    n = sum(c for pair, c in per_pair.items() if pair <= among)
    out = []
    for k in listed:
        if k not in nb:
            continue
        new = sum(per_pair[frozenset((k, m))] for m in nb[k] if m in among)
        if n + new > budget:
            break
        n += new
        among.add(k)
        out.append(k)
    return out


def fact_row(
    g: EdgeGroup,
    ent: _Table,
    ev_pos: dict[int, int],
    events: Sequence[Event],
    dates: dict[str, str | None],
    class_no: dict[str, int],
    art: _Table,
) -> list[Any]:
    """``[subject, object, predicate, flags, events]``, the events by their number on the page;
    for a fact whose events the page does not all carry (its ends are not carried, though an
    event of it may be, through its place or an argument), ``[..., flags, [], [number of
    events, classes, first day, last day, articles]]`` instead, for its filters and width."""
    row: list[Any] = [ent(g.subject), ent(g.object), g.predicate, fact_flags(g)]
    if all(j in ev_pos for j in g.events):
        row.append([ev_pos[j] for j in g.events])
        return row
    evs = [events[j] for j in g.events]
    bounds = []
    for ev in evs:
        when = ev.time.value if ev.time and ev.time.value else None
        reported = min((d for s in ev.sources if (d := dates.get(s))), default=None)
        b = (date_bounds(when) if when else None) or (date_bounds(reported) if reported else None)
        if b:
            bounds.append(b)
    row.append([])
    row.append(
        [
            len(evs),
            sorted({class_no[ev.event_class or ""] for ev in evs}),
            min(b[0] for b in bounds) if bounds else None,
            max(b[1] for b in bounds) if bounds else None,
            sorted({art(s) for ev in evs for s in ev.sources}),
        ]
    )
    return row


class _Known:
    """An entity numbering that gives ``None`` for a key naming no entity of the build."""

    def __init__(self, ent: _Table, built: dict[str, Entity]) -> None:
        self.ent, self.built = ent, built

    def __call__(self, key: str) -> int | None:
        return self.ent(key) if key in self.built else None


def fact_flags(g: EdgeGroup) -> int:
    """A fact's flags: 1 negated, 2 hedged, 4 disputed, 8 relation."""
    return int(g.negated) | 2 * int(g.modal) | 4 * int(g.disputed) | 8 * int(g.relation)


def type_counts(kg: KnowledgeGraph) -> list[int]:
    """Number of entities of the build of each type of :data:`TYPE_STYLES` (unknown types
    count as concepts)."""
    counts = dict.fromkeys(TYPE_STYLES, 0)
    for e in kg.entities:
        counts[e.type if e.type in counts else THING] += 1
    return list(counts.values())


def meta(kg: KnowledgeGraph, view: View, n_facts: int) -> dict[str, Any]:
    """What was built, for the title bar: the dates covered are the articles' publication dates
    (or, when no article has one, the dates of the events); the publishers named by articles,
    most frequent first, and how many articles name one."""
    dates = [a.date for a in kg.articles if a.date]
    if not dates:  # no publication date: the dates of the events
        dates = [ev.time.value for ev in kg.events if ev.time and ev.time.value]
    bounds = [b for d in dates if (b := date_bounds(d))]
    named = Counter(a.source for a in kg.articles if a.source)
    return {
        "articles": len(kg.articles),
        "publishers": [name for name, _ in sorted(named.items(), key=lambda kv: (-kv[1], kv[0]))],
        "named": sum(named.values()),
        "firstDate": min(b[0] for b in bounds) if bounds else None,
        "lastDate": max(b[1] for b in bounds) if bounds else None,
        "entities": len(kg.entities),
        "events": len(kg.events),
        "facts": n_facts,
        "pool": len(view.pool),
        "listed": len(view.listed),
        "hops": view.hops,
    }


def entity_row(
    e: Entity,
    type_no: dict[str, int],
    degree: int,
    in_pool: bool,
    xy: tuple[float, float] | None = None,
) -> list[Any]:
    """``[key, label, type number, aliases, roles, mentions, articles, degree, carried in full
    1/0, x, y]`` (``x``, ``y`` only for an entity the page can draw)."""
    type_ = e.type if e.type in TYPE_STYLES else THING
    aliases = [a for a in e.aliases if a != e.label]
    row = [
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
    if xy is not None:
        row.extend(xy)
    return row


def article_row(a: Article) -> list[Any]:
    """``[id, title, date, source, author]``."""
    return [a.id, a.title or a.id, a.date, a.source, a.author]


def event_data(
    ev: Event,
    dates: dict[str, str | None],
    ent: Any,
    art: Any,
    sentences: Any,
    spans: dict[str, list[tuple[int, int, str, str]]] | None = None,
) -> dict[str, Any]:
    """An event for the side panel and the filters, with short keys and defaults left out.

    ``p`` predicate, ``s``/``o`` subject/object, ``a`` extra arguments ``[role, entity]``,
    ``n`` negated, ``m`` modality, ``d`` disputed, ``r`` relation, ``t``/``tt`` time and its
    text, ``rp`` earliest publication date of its articles, ``f``/``u`` first and last day it
    may have happened (for the date filter), ``pl`` place, ``at`` attributed to, ``src``
    articles, ``ev`` evidence ``[sentence, marks, according to]`` (``st``, the number of
    its story, is added by :func:`story_data`); entities, articles and sentences by
    number (``ent`` may give ``None`` for a key the page leaves out: so is the key).
    ``dates`` maps article ids to publication dates.
    """
    when = ev.time.value if ev.time and ev.time.value else None
    if len(ev.sources) == 1:  # most events
        reported = dates.get(ev.sources[0]) or None
    else:
        reported = min((d for s in ev.sources if (d := dates.get(s))), default=None)
    bounds = (date_bounds(when) if when else None) or (date_bounds(reported) if reported else None)
    out: dict[str, Any] = {"p": ev.predicate, "class": ev.event_class or "", "s": ent(ev.subject)}
    if ev.object and (o := ent(ev.object)) is not None:
        out["o"] = o
    if ev.arguments and (args := [[r, n] for r, k in ev.arguments if (n := ent(k)) is not None]):
        out["a"] = args
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
    if ev.place and (pl := ent(ev.place)) is not None:
        out["pl"] = pl
    if ev.attributed_to and (at := [n for k in ev.attributed_to if (n := ent(k)) is not None]):
        out["at"] = at
    out["src"] = [art(s) for s in ev.sources]
    out["ev"] = [evidence_row(e, sentences, spans, ent) for e in ev.evidence]
    return out


def story_data(
    kg: KnowledgeGraph, page_events: Sequence[Event], rows: list[dict[str, Any]], ent: Any, art: Any
) -> list[list[Any]]:
    """The stories of the page's events, in the order its events first name them: ``[label,
    first day, last day, articles, main participants]`` (articles and entities by number; a
    participant the page leaves out is left out). Only stories of two articles or more are listed; each event's
    row gets ``st``, the number of its story, when it has one (the story of most of its
    articles)."""
    story_of = {
        doc: n for n, st in enumerate(kg.stories) if len(st.articles) > 1 for doc in st.articles
    }
    if not story_of:
        return []
    numbers: dict[int, int] = {}
    for ev, row in zip(page_events, rows, strict=True):
        votes = Counter(story_of[s] for s in ev.sources if s in story_of)
        if votes:
            n = votes.most_common(1)[0][0]
            row["st"] = numbers.setdefault(n, len(numbers))
    out = []
    for n in numbers:
        st = kg.stories[n]
        actors = [no for k in st.actors if (no := ent.ids.get(k)) is not None]
        out.append([st.label, st.start, st.end, [art(d) for d in st.articles], actors])
    return out


def mention_spans(kg: KnowledgeGraph, docs: set[str]) -> dict[str, list[tuple[int, int, str, str]]]:
    """The entity mentions of the articles ``docs``, by article, in text order:
    ``(start, end, entity key, text)`` (the graph's mention layer)."""
    return {
        am.doc: sorted((m.span.start, m.span.end, m.entity, m.span.text) for m in am.mentions)
        for am in kg.mentions
        if am.doc in docs
    }


def evidence_row(
    e: Evidence,
    sentences: Any,
    spans: dict[str, list[tuple[int, int, str, str]]] | None = None,
    ent: Any = None,
) -> list[Any]:
    """``[sentence number, marks, according to, mentions]``: marks are ``[start, end, part]``
    in the sentence, part ``subject``, ``predicate``, ``object`` or ``argument`` (a further
    argument: "with", "for" …); mentions (when ``spans``, from :func:`mention_spans`, give
    any) are ``[start, end, entity number]`` of the entities ``ent`` numbers; trailing
    empty fields are left out."""
    marks = []
    parts = [("subject", e.subject), ("predicate", e.predicate), ("object", e.object)]
    parts += [("argument", span) for _, span in e.arguments]
    for kind, span in parts:
        if span is not None and (
            where := locate(e.sentence, span.text, span.start - e.sentence_span.start)
        ):
            marks.append([where[0], where[1], kind])
    row: list[Any] = [sentences((e.doc, e.sentence)), marks]
    found = _mentions_in(e, spans.get(e.doc, []), ent) if spans and ent else []
    if e.attributed_to or found:
        row.append(e.attributed_to or "")
    if found:
        row.append(found)
    return row


def _mentions_in(
    e: Evidence, doc_spans: list[tuple[int, int, str, str]], ent: Any
) -> list[list[int]]:
    """``[start, end, entity]`` in the sentence of ``e`` for each mention of an entity on the
    page that the article makes inside it (where its text is found at that place)."""
    import bisect

    start, end = e.sentence_span.start, e.sentence_span.end
    out = []
    for m_start, m_end, key, text in doc_spans[bisect.bisect_left(doc_spans, (start,)) :]:
        if m_start >= end:
            break
        if m_end > end or (n := ent(key)) is None:
            continue
        where = locate(e.sentence, text, m_start - start)
        if where is not None and where[0] == m_start - start:
            out.append([where[0], where[1], n])
    return out


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
def _library(name: str) -> str:
    """A JavaScript library of ``kgbuild/templates``, without its source-map comment (the
    page must name no other file)."""
    return _SOURCE_MAP.sub("", _asset(name)).rstrip()


_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=\S*$", re.MULTILINE)
