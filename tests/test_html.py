"""graph.html without a browser: escaping, selection, layout, page data, no external URL, viz CLI."""

from __future__ import annotations

import json
import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kgbuild.records import (
    Article,
    Entity,
    Event,
    Evidence,
    KnowledgeGraph,
    Span,
    Story,
    TimeValue,
)
from kgbuild.viz import (
    ACTOR_TYPES,
    edge_groups,
    ego_view,
    find_entities,
    layout,
    rank,
    top_view,
)
from kgbuild.writers import html

HOSTILE = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=1</script>",
    "<!--<script>",
    "a\u2028b\u2029c & d > e",
    "{{ 7*7 }} {% raw %}",
    "\\u003c/script\\u003e",
)


# --------------------------------------------------------------------------- helpers


def _evidence(doc: str, sentence: str, subj: str = "", obj: str | None = None) -> Evidence:
    s = sentence.find(subj) if subj else 0
    o = sentence.find(obj) if obj else -1
    return Evidence(
        doc=doc,
        sentence=sentence,
        sentence_span=Span(100, 100 + len(sentence), sentence),
        subject=Span(100 + s, 100 + s + len(subj), subj),
        predicate=Span(0, 0, "met"),
        object=Span(100 + o, 100 + o + len(obj), obj) if obj is not None else None,
    )


def _event(i: int, subj: str, pred: str, obj: str | None, doc: str = "a1", **kw) -> Event:
    sentence = kw.pop("sentence", f"{subj} {pred} {obj or ''} sentence {i}.")
    return Event(
        id=f"{i:016x}",
        predicate=pred,
        event_class=kw.pop("event_class", None),
        subject=subj,
        object=obj,
        sources=kw.pop("sources", (doc,)),
        evidence=kw.pop("evidence", (_evidence(doc, sentence),)),
        **kw,
    )


def small_graph() -> KnowledgeGraph:
    """A hub (p:ann) with four actors around it, one thing, and a chain p:dan – c:far."""
    arts = (
        Article("a1", "", "First report", date="2022-02-15", source="AP"),
        Article("a2", "", "Second report", date="2021-12-01", source="TASS"),
    )
    ents = (
        Entity("p:ann", "Ann Smith", "Person", aliases=("Smith", "A. Smith"), mentions=9),
        Entity("p:bob", "Bob", "Person", mentions=3),
        Entity("o:org", "The Org", "Organization", mentions=2),
        Entity("c:xl", "Xland", "Country", mentions=5),
        Entity("g:grp", "Rebels", "Group"),
        Entity("t:deal", "deal", "Thing"),
        Entity("p:dan", "Dan", "Person"),
        Entity("c:far", "Farland", "Country"),
        Entity("p:lone", "Lone Wolf", "Person", aliases=("Wolfie",)),
    )
    evs = (
        _event(
            1,
            "p:ann",
            "meet",
            "p:bob",
            event_class="Consult",
            time=TimeValue("Monday", "2022-02-14"),
        ),
        _event(2, "p:ann", "meet", "p:bob", doc="a2", event_class="Consult"),
        _event(3, "p:ann", "accuse", "o:org", negated=True, event_class="Accuse"),
        _event(4, "p:ann", "visit", "c:xl", modality="may", time=TimeValue("January", "2022-01")),
        _event(5, "g:grp", "attack", "p:ann", disputed=True, doc="a2"),
        _event(6, "p:ann", "sign", "t:deal"),
        _event(7, "p:dan", "leave", "c:far", doc="a2"),
        _event(8, "c:far", "host", "p:bob"),
        _event(9, "p:lone", "speak", None),
    )
    return KnowledgeGraph(articles=arts, entities=ents, events=evs)


def story_graph() -> KnowledgeGraph:
    """Six articles: a story of two (a1, a2), one of three (a3–a5), one of a single article
    (a6, left off the page), each with actors' facts; ``o:org sue g:grp`` is reported by a1,
    a3 and a4, so belongs to the story of three."""
    arts = tuple(
        Article(f"a{i}", "", f"Report {i}", date=f"2009-10-0{i}", source="AP") for i in range(1, 7)
    )
    ents = (
        Entity("p:ann", "Ann Smith", "Person"),
        Entity("p:bob", "Bob", "Person"),
        Entity("o:org", "The Org", "Organization"),
        Entity("c:xl", "Xland", "Country"),
        Entity("g:grp", "Rebels", "Group"),
        Entity("p:dan", "Dan", "Person"),
        Entity("c:far", "Farland", "Country"),
        Entity("p:eve", "Eve", "Person"),
    )
    evs = (
        _event(1, "p:ann", "meet", "p:bob", doc="a1"),
        _event(2, "p:ann", "visit", "c:xl", doc="a2"),
        _event(3, "p:dan", "leave", "c:far", doc="a3"),
        _event(4, "c:far", "host", "p:bob", doc="a4"),
        _event(5, "p:dan", "call", "p:ann", doc="a5"),
        _event(6, "o:org", "sue", "g:grp", sources=("a1", "a3", "a4")),
        _event(7, "p:eve", "accuse", "o:org", doc="a6"),
    )
    stories = (
        Story(
            "s1", "Xland, Ann Smith", ("a1", "a2"), "2009-10-01", "2009-10-02", ("c:xl", "p:ann")
        ),
        Story(
            "s2",
            "Farland talks",
            ("a3", "a4", "a5"),
            "2009-10-03",
            "2009-10-05",
            ("p:dan", "c:far", "p:nobody"),
        ),
        Story("s3", "Eve alone", ("a6",), "2009-10-06", "2009-10-06", ("p:eve",)),
    )
    return KnowledgeGraph(articles=arts, entities=ents, events=evs, stories=stories)


def hostile_graph() -> KnowledgeGraph:
    """Every text field holds markup or script."""
    h0, h1, h2 = HOSTILE[0], HOSTILE[1], HOSTILE[2]
    arts = (Article("a1", "", f"Title {h0}", date="2022-01-01", source=f"Src {h1}", author=h2),)
    ents = (
        Entity(f"p:{h0}", f"Name {h0}", "Person", aliases=(h1, h2, HOSTILE[3])),
        Entity(f"p:{h1}", f"Other {h1}", f"Type{h0}", roles=(h2,)),
    )
    sentence = f"Name {h0} met Other {h1} and said {h2} {HOSTILE[4]} {HOSTILE[5]} {HOSTILE[6]}."
    evs = (
        _event(
            1,
            f"p:{h0}",
            f"meet {h0}",
            f"p:{h1}",
            event_class=f"Class{h1}",
            modality=h2,
            sentence=sentence,
            evidence=(_evidence("a1", sentence, f"Name {h0}", f"Other {h1}"),),
            time=TimeValue(h0, "2022-01-01"),
        ),
    )
    return KnowledgeGraph(articles=arts, entities=ents, events=evs)


class _Scripts(HTMLParser):
    """Collects elements as an HTML parser sees them: scripts with their content, links, tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self._in: dict[str, str | None] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in, self._buf = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in is not None:
            self.scripts.append((self._in, "".join(self._buf)))
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._buf.append(data)


def _strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for k, v in obj.items() for s in (k, *_strings(v))]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


def parse_page(page: str) -> _Scripts:
    p = _Scripts()
    p.feed(page)
    p.close()
    return p


def page_payload(page: str) -> dict:
    """The JSON document a page carries, read as a browser would."""
    p = parse_page(page)
    found = [body for attrs, body in p.scripts if attrs.get("id") == "kg-data"]
    assert len(found) == 1
    return json.loads(found[0])


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize("text", HOSTILE)
def test_safe_json_cannot_close_a_script(text):
    out = html.safe_json({"k": text, text: [text]})
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in out
    assert json.loads(out) == {"k": text, text: [text]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("</script>", '"\\u003c/script\\u003e"'),
        ("a&b", '"a\\u0026b"'),
        ("x\u2028y", '"x\\u2028y"'),
        ("plain é", '"plain é"'),
    ],
)
def test_safe_json_table(text, expected):
    assert html.safe_json(text) == expected


def test_hostile_text_stays_data():
    kg = hostile_graph()
    page = html.render(kg)
    p = parse_page(page)
    # exactly the page's own scripts: graphology and sigma, the data, the page script
    assert len(p.scripts) == 3
    assert [a.get("type") for a, _ in p.scripts] == [None, "application/json", None]
    for tag, attrs in p.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert tag not in ("img", "iframe", "object", "embed", "link", "b"), tag
    assert "<script>window.__pwned" not in page
    assert 'onerror="window' not in page
    payload = page_payload(page)
    text = "\n".join(_strings(payload))
    for h in HOSTILE[:3]:
        assert h in text  # the text is kept, as data
    rows = {r[0]: r for r in payload["entities"]}
    assert rows[f"p:{HOSTILE[0]}"][3] == list(HOSTILE[1:4])


def test_hostile_focus_title_is_escaped():
    kg = hostile_graph()
    page = html.render(kg, focus=f"p:{HOSTILE[0]}", hops=1)
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and "<" not in title.group(1) and "&lt;script&gt;" in title.group(1)
    assert len(parse_page(page).scripts) == 3


def test_page_scripts_are_nonced_and_csp_blocks_everything_else():
    page = html.render(small_graph())
    p = parse_page(page)
    csp = next(
        a["content"]
        for t, a in p.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp and "default-src 'none'" in csp
    nonce = re.search(r"'nonce-([A-Za-z0-9]+)'", csp).group(1)
    runnable = [a for a, _ in p.scripts if a.get("type") != "application/json"]
    assert runnable and all(a.get("nonce") == nonce for a in runnable)
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "unsafe-eval" not in csp


# --------------------------------------------------------------------------- self-contained


def test_no_external_url():
    page = html.render(small_graph())
    p = parse_page(page)
    for tag, attrs in p.tags:
        for k in ("src", "href", "action", "srcset", "poster"):
            assert k not in attrs, (tag, attrs)
    assert "<link" not in page
    for marker in (
        "@import",
        "url(http",
        "url(//",
        'src="http',
        'href="http',
        "cdnjs",
        "jsdelivr",
        "unpkg",
    ):
        assert marker not in page, marker
    css = html._asset("graph.css")
    assert "url(" not in css and "@font-face" not in css


@pytest.mark.parametrize(
    ("name", "package", "version"),
    [("sigma.min.js", "sigma", "3.0.3"), ("graphology.umd.min.js", "graphology", "0.26.0")],
)
def test_renderer_inlined_with_its_licence(name, package, version):
    """sigma.js and graphology are inlined as their npm packages ship them (source-map
    comment left out), and the page and the licence file name them and their MIT licence."""
    page = html.render(small_graph())
    lib = html._library(name)
    assert len(lib) > 50_000 and lib in page
    assert "sourceMappingURL" not in lib and "sourceMappingURL" not in page
    assert "</script" not in lib.lower() and "<!--" not in lib
    head = page[: page.index("<head>")]
    assert f"{package} {version}" in head or f"{package}.js {version}" in head
    assert "MIT" in head
    licences = (
        Path(html.__file__).parent.parent / "templates" / "THIRD-PARTY-LICENSES.txt"
    ).read_text(encoding="utf-8")
    assert f"{package} {version}" in licences and "Permission is hereby granted" in licences


@pytest.mark.parametrize("name", ["graph.js", "graph.css"])
def test_assets_cannot_break_their_element(name):
    text = html._asset(name)
    assert "</script" not in text.lower() and "</style" not in text.lower() and "<!--" not in text
    assert "innerHTML" not in text and "outerHTML" not in text and "insertAdjacentHTML" not in text
    assert "eval(" not in text and "new Function" not in text and "document.write" not in text


# --------------------------------------------------------------------------- small helpers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02-15", ("2022-02-15", "2022-02-15")),
        ("2022-02", ("2022-02-01", "2022-02-28")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2021", ("2021-01-01", "2021-12-31")),
        ("2022-02-15T10:00", ("2022-02-15", "2022-02-15")),
        ("2022-13", None),
        ("last week", None),
        ("", None),
    ],
)
def test_date_bounds(value, expected):
    assert html.date_bounds(value) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "hint", "expected"),
    [
        ("Ann met Bob.", "Bob", 8, (8, 11)),
        ("Bob met Bob.", "Bob", 8, (8, 11)),
        ("Bob met Bob.", "Bob", -5, (0, 3)),
        ("Ann met Bob.", "Bob", 2, (8, 11)),
        ("Ann met Bob.", "Carl", 0, None),
        ("Ann met Bob.", "", 0, None),
    ],
)
def test_locate(sentence, text, hint, expected):
    assert html.locate(sentence, text, hint) == expected


# --------------------------------------------------------------------------- selection


def test_edge_groups_fold_events_and_flags():
    groups = {(g.subject, g.predicate, g.object): g for g in edge_groups(small_graph())}
    meet = groups[("p:ann", "meet", "p:bob")]
    assert meet.events == (0, 1) and meet.sources == ("a1", "a2")
    assert groups[("p:ann", "accuse", "o:org")].negated
    assert groups[("p:ann", "visit", "c:xl")].modal
    assert groups[("g:grp", "attack", "p:ann")].disputed
    assert ("p:lone", "speak", None) not in groups  # no object, no edge


def test_rank_most_connected_first():
    order = rank(small_graph())
    assert order[0] == "p:ann"
    assert order.index("p:bob") < order.index("p:lone")


@pytest.mark.parametrize(
    ("top", "expected", "min_degree"),
    [
        (1, ["p:ann", "p:bob", "c:far"], 2),  # 3 connections would leave Ann alone: no fact
        (2, ["p:ann", "p:bob", "c:far"], 2),
        (4, ["p:ann", "p:bob", "c:far"], 2),
        (100, ["p:ann", "p:bob", "c:far", "c:xl", "o:org", "p:dan", "g:grp"], 1),
    ],
)
def test_top_view(top, expected, min_degree):
    kg = small_graph()
    view = top_view(kg, top)
    assert set(view.pool) == {e.key for e in kg.entities}  # search covers every entity
    assert list(view.shown) == expected  # actors only: no concept ("t:deal"), no lone node
    assert view.min_degree == min_degree and view.types == ACTOR_TYPES


def test_top_view_opens_on_actors_only():
    ents = [Entity(f"p:{i}", f"P{i}", "Person") for i in range(10)]
    ents += [Entity(f"t:{i}", f"T{i}", "Thing") for i in range(30)]
    ents += [Entity("l:x", "Xtown", "Place")]
    evs = [_event(i, f"p:{i % 10}", "want", f"t:{i}") for i in range(30)]
    evs += [_event(100 + i, f"p:{i}", "meet", f"p:{(i + 1) % 10}") for i in range(10)]
    evs += [_event(200, "p:0", "visit", "l:x")]
    view = top_view(KnowledgeGraph((), tuple(ents), tuple(evs)), 8)
    assert all(k.startswith("p:") for k in view.shown)
    # p:0 (6 connections) alone passes 6; no fact of it to draw, so 5: every person
    assert len(view.shown) == 10 and view.min_degree == 5


def test_top_view_draws_concepts_when_no_two_actors_share_a_fact():
    ents = (Entity("p:a", "A", "Person"), Entity("t:x", "x", "Thing"), Entity("t:y", "y", "Thing"))
    evs = (_event(1, "p:a", "want", "t:x"), _event(2, "t:y", "be", "t:x"))
    view = top_view(KnowledgeGraph((), ents, evs), 5)
    assert set(view.shown) == {"p:a", "t:x", "t:y"} and view.types == ()


@pytest.mark.parametrize("budget", [0, 4, 7, 8, 100])
def test_budget_keeps_every_entity_searchable(budget):
    kg = small_graph()
    view = top_view(kg, 2, budget=budget)
    everyone = {e.key for e in kg.entities}
    assert set(view.pool) | set(view.listed) == everyone
    assert not set(view.pool) & set(view.listed)
    assert view.pool[: len(view.shown)] == view.shown  # the view is always carried
    touching = {i for i, ev in enumerate(kg.events) if {ev.subject, ev.object} & set(view.pool)}
    assert len(touching) <= max(budget, 8)  # 8: the events of the view itself
    d = page_payload(html.render_view(kg, view))
    rows = {r[0]: r for r in d["entities"]}
    assert set(rows) == everyone
    assert {k for k, r in rows.items() if r[8]} == set(view.pool)
    assert d["meta"]["listed"] == len(view.listed)


def test_top_must_be_positive():
    from kgbuild.errors import KgbuildError

    with pytest.raises(KgbuildError):
        top_view(small_graph(), 0)


@pytest.mark.parametrize(
    ("focus", "hops", "expected"),
    [
        ("p:ann", 0, {"p:ann"}),
        ("p:ann", 1, {"p:ann", "p:bob", "o:org", "c:xl", "g:grp", "t:deal"}),
        ("p:dan", 1, {"p:dan", "c:far"}),
        ("p:dan", 2, {"p:dan", "c:far", "p:bob"}),
        ("p:dan", 3, {"p:dan", "c:far", "p:bob", "p:ann"}),
        ("p:lone", 2, {"p:lone"}),
    ],
)
def test_ego_view(focus, hops, expected):
    kg = small_graph()
    view = ego_view(kg, focus, hops)
    assert set(view.pool) == expected
    assert view.pool[0] == focus and view.focus == focus and view.hops == hops
    assert view.shown[0] == focus and set(view.shown) <= set(view.pool)
    concepts = {"t:deal"} if view.types else set()
    assert set(view.shown) == expected - concepts


def test_ego_view_top_opens_on_the_most_connected():
    view = ego_view(small_graph(), "p:ann", 1, top=1)
    assert view.shown == ("p:ann", "p:bob") and view.min_degree == 2
    assert len(view.pool) == 6


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Ann Smith", ["p:ann"]),
        ("  ann   SMITH ", ["p:ann"]),
        ("a. smith", ["p:ann"]),  # alias
        ("p:bob", ["p:bob"]),  # entity key
        ("wolfie", ["p:lone"]),
        ("land", ["c:far", "c:xl"]),  # substring, most connected first
        ("nobody", []),
        ("", []),
    ],
)
def test_find_entities(name, expected):
    assert [e.key for e in find_entities(small_graph(), name)] == expected


# --------------------------------------------------------------------------- layout


def test_layout_small_is_deterministic_and_finite():
    nodes = [f"n{i}" for i in range(30)]
    edges = [(f"n{i}", f"n{(i * 7) % 30}") for i in range(30)]
    a = layout(nodes, edges, seed=3)
    assert a == layout(nodes, edges, seed=3)
    assert set(a) == set(nodes)
    assert all(math.isfinite(v) for xy in a.values() for v in xy)


def test_layout_large_spreads_nodes():
    n = 700
    nodes = [f"n{i}" for i in range(n)]
    edges = [(f"n{i}", f"n{i // 3}") for i in range(1, n)]
    pos = layout(nodes, edges, spacing=90.0)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    assert all(math.isfinite(v) for v in xs + ys)
    assert len({(round(x), round(y)) for x, y in pos.values()}) > 0.95 * n  # no pile-up
    width = max(xs) - min(xs)
    assert 0.5 * 90 * math.sqrt(n) < width <= 1.01 * 90 * math.sqrt(n)

    # neighbours end up closer than random pairs
    def dist(a, b):
        return math.dist(pos[a], pos[b])

    near = sum(dist(a, b) for a, b in edges) / len(edges)
    far = sum(dist(f"n{i}", f"n{(i * 337) % n}") for i in range(n)) / n
    assert near < far / 2


def test_layout_degenerate():
    assert layout([], []) == {}
    assert layout(["a"], []) == {"a": (0.0, 0.0)}
    two = layout(["a", "b"], [("a", "b")])  # networkx's ForceAtlas2 alone gives NaN here
    assert all(math.isfinite(v) for xy in two.values() for v in xy) and two["a"] != two["b"]


def test_layout_places_every_node_around_its_core():
    """The core is laid out first; nodes beyond it sit near a neighbour; a piece that no path
    links to the core is laid out apart."""
    core = [f"c{i}" for i in range(20)]
    edges = [(f"c{i}", f"c{(i * 7 + 1) % 20}") for i in range(20)]
    spokes = [f"s{i}" for i in range(60)]
    edges += [("c0", s) for s in spokes]  # a hub with 60 concepts around it
    edges += [("x1", "x2"), ("x2", "x3")]
    nodes = core + spokes + ["x1", "x2", "x3"]
    pos = layout(nodes, edges, core=core, spacing=90.0)
    assert set(pos) == set(nodes)
    assert pos == layout(nodes, edges, core=core, spacing=90.0)
    assert len({(round(x), round(y)) for x, y in pos.values()}) == len(nodes)
    hub = pos["c0"]
    assert max(math.dist(hub, pos[s]) for s in spokes) < 90.0 * 4
    assert min(pos[x][0] for x in ("x1", "x2", "x3")) > max(pos[k][0] for k in core + spokes)


# --------------------------------------------------------------------------- page data


def keys_of(d: dict) -> list[str]:
    """Entity keys of a page's data, by number."""
    return [r[0] for r in d["entities"]]


def test_page_data_matches_graph():
    kg = small_graph()
    d = page_payload(html.render(kg, top=100))
    keys = keys_of(d)
    view = top_view(kg, 100)
    assert [keys[i] for i in d["opening"]["shown"]] == list(view.shown)
    assert d["opening"]["types"] == list(ACTOR_TYPES) and d["opening"]["minDegree"] == 1
    assert len(d["facts"]) == len(edge_groups(kg)) == d["meta"]["facts"]
    assert d["meta"]["articles"] == 2 and d["meta"]["entities"] == len(kg.entities)
    assert d["meta"]["events"] == len(kg.events)
    assert (d["meta"]["firstDate"], d["meta"]["lastDate"]) == ("2021-12-01", "2022-02-15")
    assert d["meta"]["publishers"] == ["AP", "TASS"] and d["meta"]["named"] == 2
    assert d["stories"] == []  # a graph without stories of two articles or more
    ann = d["entities"][keys.index("p:ann")]
    assert ann[1] == "Ann Smith" and ann[3] == ["Smith", "A. Smith"]
    assert d["types"][ann[2]]["name"] == "Person" and d["types"][ann[2]]["actor"] is True
    assert len(ann) == 11 and all(isinstance(v, float) for v in ann[9:])  # a position
    lone = d["entities"][keys.index("p:lone")]
    assert len(lone) == 9  # no fact, so no position: never drawn
    assert {t["name"]: t["built"] for t in d["types"]} == {
        "Person": 4,
        "Organization": 1,
        "Country": 2,
        "Group": 1,
        "Place": 0,
        "Thing": 1,
    }
    assert "Consult" in d["classes"] and "Accuse" in d["classes"] and "" in d["classes"]
    by_pred = {(keys[e["s"]], e["p"]): e for e in d["events"]}
    visit = by_pred[("p:ann", "visit")]
    assert (visit["f"], visit["u"], visit["m"], visit["t"]) == (
        "2022-01-01",
        "2022-01-31",
        "may",
        "2022-01",
    )
    assert by_pred[("p:ann", "accuse")]["n"] == 1 and by_pred[("g:grp", "attack")]["d"] == 1
    assert d["classes"][by_pred[("p:ann", "accuse")]["c"]] == "Accuse"
    meet2 = next(e for e in d["events"] if e["p"] == "meet" and "t" not in e)
    assert meet2["rp"] == "2021-12-01" and meet2["f"] == "2021-12-01"
    assert [d["articles"][i][0] for i in meet2["src"]] == ["a2"]
    sentence = d["sentences"][meet2["ev"][0][0]]
    assert d["articles"][sentence[0]][0] == "a2" and sentence[1].startswith("p:ann meet p:bob")
    speak = by_pred[("p:lone", "speak")]
    assert "o" not in speak and "n" not in speak


def test_page_data_carries_the_stories_of_its_events():
    """Stories of two articles or more, numbered in the order of the page's events; each event
    carries the number of the story of most of its articles; a story of one article is left
    out, as is a participant the page does not carry."""
    kg = story_graph()
    d = page_payload(html.render(kg))
    keys, arts = keys_of(d), [r[0] for r in d["articles"]]
    rows = [
        [label, first, last, [arts[a] for a in docs], [keys[e] for e in who]]
        for label, first, last, docs, who in d["stories"]
    ]
    assert rows == [
        ["Xland, Ann Smith", "2009-10-01", "2009-10-02", ["a1", "a2"], ["c:xl", "p:ann"]],
        ["Farland talks", "2009-10-03", "2009-10-05", ["a3", "a4", "a5"], ["p:dan", "c:far"]],
    ]
    story = {e["p"]: e.get("st") for e in d["events"]}
    assert story == {
        "meet": 0,
        "visit": 0,
        "leave": 1,
        "host": 1,
        "call": 1,
        "sue": 1,  # two of its three articles are of the second story
        "accuse": None,  # its story has one article
    }


def test_story_data_numbers_only_the_stories_of_the_given_events():
    kg = story_graph()
    ent, art = html._Table(), html._Table()
    for e in kg.entities:
        ent(e.key)
    for a in kg.articles:
        art(a.id)
    events = [kg.events[2], kg.events[6]]  # leave (a3), accuse (a6)
    rows: list[dict] = [{}, {}]
    out = html.story_data(kg, events, rows, ent, art)
    assert [r[0] for r in out] == ["Farland talks"] and rows == [{"st": 0}, {}]
    assert html.story_data(small_graph(), small_graph().events[:1], [{}], ent, art) == []


def test_facts_and_their_flags():
    kg = small_graph()
    d = page_payload(html.render(kg))
    keys = keys_of(d)
    facts = {(keys[f[0]], f[2], keys[f[1]]): f for f in d["facts"]}
    assert facts[("p:ann", "meet", "p:bob")][3] == 0
    assert len(facts[("p:ann", "meet", "p:bob")][4]) == 2  # two events, one fact
    assert facts[("p:ann", "accuse", "o:org")][3] == 1  # negated
    assert facts[("p:ann", "visit", "c:xl")][3] == 2  # hedged
    assert facts[("g:grp", "attack", "p:ann")][3] == 4  # disputed
    for f in d["facts"]:
        assert all(d["events"][i]["s"] == f[0] for i in f[4])


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ((None, None, None), ([], 0)),
        (("Elections Alberta", None, None), (["Elections Alberta"], 1)),
        (("AP", "TASS", "AP"), (["AP", "TASS"], 3)),
    ],
)
def test_publishers_are_counted_only_where_articles_name_them(sources, expected):
    arts = tuple(Article(f"a{i}", "", f"T{i}", source=s) for i, s in enumerate(sources))
    kg = KnowledgeGraph(arts, (), ())
    m = page_payload(html.render(kg))["meta"]
    assert (m["publishers"], m["named"]) == expected and m["articles"] == len(sources)


def test_keys_that_name_no_entity_of_the_build_stay_off_the_page():
    """An event may name a key the build has no entity for (a pronoun it did not resolve):
    the page shows only entities of the build, and no fact needing another."""
    kg = small_graph()
    evs = (
        *kg.events,
        _event(20, "p:ann", "tell", "pron:he"),
        _event(21, "pron:we", "see", "p:bob"),
    )
    kg2 = KnowledgeGraph(kg.articles, kg.entities, evs)
    d = page_payload(html.render(kg2))
    assert set(keys_of(d)) == {e.key for e in kg.entities}
    assert len(d["facts"]) == len(edge_groups(kg))
    tell = next(e for e in d["events"] if e["p"] == "tell")
    assert "o" not in tell
    assert next(e for e in d["events"] if e["p"] == "see")["s"] is None


def test_page_is_reproducible():
    kg = small_graph()
    assert html.render(kg) == html.render(kg)


def test_write(tmp_path):
    out = tmp_path / "sub" / "graph.html"
    html.write(small_graph(), out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# --------------------------------------------------------------------------- reading a build back


def _turtle_build(tmp_path: Path, kg: KnowledgeGraph) -> Path:
    from kgbuild.writers import turtle

    d = tmp_path / "build"
    d.mkdir()
    turtle.write(kg, d / "graph.ttl")
    return d


def test_read_build_from_turtle(tmp_path):
    from kgbuild.graph_io import read_build

    kg = small_graph()
    back = read_build(_turtle_build(tmp_path, kg))
    assert {(a.id, a.title, a.date, a.source) for a in back.articles} == {
        (a.id, a.title, a.date, a.source) for a in kg.articles
    }
    assert {(e.key, e.label, e.type, tuple(sorted(e.aliases))) for e in back.entities} == {
        (e.key, e.label, e.type, tuple(sorted(e.aliases))) for e in kg.entities
    }

    def facts(g):
        return {
            (
                e.subject,
                e.predicate,
                e.object,
                e.negated,
                e.modality,
                e.disputed,
                e.event_class,
                e.time.value if e.time else None,
                e.sources,
                tuple(sorted(x.sentence for x in e.evidence)),
            )
            for e in g.events
        }

    assert facts(back) == facts(kg)
    assert {e.key for e in back.entities} == {e.key for e in kg.entities}


def test_read_build_prefers_graph_json(tmp_path):
    from kgbuild.graph_io import read_build

    model_json = pytest.importorskip("kgbuild.writers.model_json")
    kg = small_graph()
    d = _turtle_build(tmp_path, kg)
    model_json.write(kg, d / "graph.json")
    assert read_build(d) == kg


@pytest.mark.parametrize("make", ["missing", "empty", "bad-turtle"])
def test_read_build_errors(tmp_path, make):
    from kgbuild.errors import OutputError
    from kgbuild.graph_io import read_build

    d = tmp_path / "b"
    if make != "missing":
        d.mkdir()
    if make == "bad-turtle":
        (d / "graph.ttl").write_text("this is not turtle <<<", encoding="utf-8")
    with pytest.raises(OutputError):
        read_build(d)


# --------------------------------------------------------------------------- kgbuild viz


def test_cli_viz_default_and_focus(tmp_path, capsys):
    from kgbuild.cli import main

    d = _turtle_build(tmp_path, small_graph())
    assert main(["viz", str(d)]) == 0
    assert (d / "graph.html").is_file()
    assert main(["viz", str(d), "--focus", "a. smith", "--hops", "1"]) == 0
    ego = d / "ego-ann-smith.html"
    data = page_payload(ego.read_text(encoding="utf-8"))
    keys = keys_of(data)
    assert keys[data["focus"]] == "p:ann" and data["meta"]["hops"] == 1
    assert {keys[i] for i in data["opening"]["shown"]} == {
        "p:ann",
        "p:bob",
        "o:org",
        "c:xl",
        "g:grp",
    }
    assert "t:deal" in keys  # carried, drawn on demand
    out = tmp_path / "x.html"
    assert main(["viz", str(d), "--focus", "Dan", "--hops", "2", "--top", "1", "-o", str(out)]) == 0
    data = page_payload(out.read_text(encoding="utf-8"))
    assert [keys_of(data)[i] for i in data["opening"]["shown"]] == ["p:dan", "c:far", "p:bob"]
    printed = capsys.readouterr().out
    assert "wrote" in printed and out.resolve().as_uri() in printed


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--focus", "Anne Smith"], "did you mean 'Ann Smith'"),
        (["--focus", "zzz"], "no entity named 'zzz'"),
    ],
)
def test_cli_viz_unknown_focus(tmp_path, capsys, args, message):
    from kgbuild.cli import main

    d = _turtle_build(tmp_path, small_graph())
    assert main(["viz", str(d), *args]) == 1
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("args", [["--top", "0"], ["--hops", "-1"], ["--hops", "x"]])
def test_cli_viz_bad_numbers(tmp_path, args):
    from kgbuild.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["viz", str(tmp_path), *args])
    assert exc.value.code == 2


def test_cli_viz_no_build(tmp_path, capsys):
    from kgbuild.cli import main

    assert main(["viz", str(tmp_path / "nothing")]) == 1
    assert "kgbuild build" in capsys.readouterr().err


def test_cli_viz_help(capsys):
    from kgbuild.cli import main

    with pytest.raises(SystemExit):
        main(["viz", "--help"])
    out = capsys.readouterr().out
    assert "--focus" in out and "examples:" in out


def test_a_fact_beyond_the_pool_is_summed_up_even_when_an_event_of_it_is_carried():
    """An event is carried when any entity it names is (its place too); a fact between two
    entities the page does not carry is summed up whole all the same."""
    kg = small_graph()
    ents = (*kg.entities, Entity("p:x1", "X One", "Person"), Entity("p:x2", "X Two", "Person"))
    evs = (
        *kg.events,
        _event(30, "p:x1", "sue", "p:x2", place="p:ann"),
        _event(31, "p:x1", "sue", "p:x2", doc="a2"),
    )
    kg2 = KnowledgeGraph(kg.articles, ents, evs)
    view = top_view(kg2, 2, budget=8)
    assert "p:ann" in view.pool and not {"p:x1", "p:x2"} & set(view.pool)
    d = page_payload(html.render_view(kg2, view))
    keys = keys_of(d)
    sue = next(f for f in d["facts"] if f[2] == "sue")
    assert (keys[sue[0]], keys[sue[1]], sue[4]) == ("p:x1", "p:x2", [])
    assert sue[5][0] == 2 and [d["articles"][i][0] for i in sue[5][4]] == ["a1", "a2"]
    assert any(e["p"] == "sue" for e in d["events"])  # the one with a place in the pool


def test_evidence_marks_the_further_arguments_too():
    sentence = "Ann met Bob with Carl in Xland."
    ev = Evidence(
        doc="a1",
        sentence=sentence,
        sentence_span=Span(10, 10 + len(sentence), sentence),
        subject=Span(10, 13, "Ann"),
        predicate=Span(14, 17, "met"),
        object=Span(18, 21, "Bob"),
        arguments=(("with", Span(27, 31, "Carl")),),
    )
    row = html.evidence_row(ev, html._Table())
    assert row[1] == [
        [0, 3, "subject"],
        [4, 7, "predicate"],
        [8, 11, "object"],
        [17, 21, "argument"],
    ]


def test_evidence_carries_the_mentions_the_graph_gives():
    """The mention layer (kg.mentions) gives where each article names each entity; the page
    hands the panel those inside each evidence sentence, for the entities it shows."""
    from kgbuild.records import ArticleMentions, EntityMention

    kg = small_graph()
    sentence = kg.events[0].evidence[0].sentence  # "p:ann meet p:bob sentence 1.", at 100
    at = sentence.index("p:bob")
    mentions = (
        ArticleMentions(
            "a1",
            (
                EntityMention(Span(100, 105, "p:ann"), "p:ann"),
                EntityMention(Span(100 + at, 105 + at, "p:bob"), "p:bob"),
                EntityMention(Span(100 + at, 105 + at, "wrong"), "p:dan"),  # text elsewhere
                EntityMention(Span(5000, 5005, "later"), "p:ann"),  # outside the sentence
            ),
        ),
    )
    kg2 = KnowledgeGraph(kg.articles, kg.entities, kg.events, mentions=mentions)
    d = page_payload(html.render(kg2))
    keys = keys_of(d)
    first = next(e for e in d["events"] if e.get("t") == "2022-02-14")
    row = first["ev"][0]
    assert [[s, e, keys[n]] for s, e, n in row[3]] == [[0, 5, "p:ann"], [at, at + 5, "p:bob"]]
    assert row[2] == ""  # no "according to", kept as an empty field before the mentions


def test_events_whose_actor_is_not_known_are_counted_but_not_drawn():
    kg = small_graph()
    partial = _event(40, "p:bob", "arrest", "c:xl", fact=False)
    kg2 = KnowledgeGraph(kg.articles, kg.entities, (*kg.events, partial))
    d = page_payload(html.render(kg2))
    assert d["meta"]["events"] == len(kg.events) + 1  # as the build counts them
    assert all(e["p"] != "arrest" for e in d["events"])
    assert all(f[2] != "arrest" for f in d["facts"]) and d["meta"]["facts"] == len(edge_groups(kg))
