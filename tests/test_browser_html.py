"""graph.html in a real browser: Debian's Chromium driven by Playwright, headless, offline.

The page must load with no console error and no request leaving the file, draw the expected
nodes, find an entity by name, show evidence on click, apply its filters, and run no script
that came from article text.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from conftest import ROOT, WIKINEWS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")

HOSTILE_ARTICLE = """\
Minister <script>window.__pwned=1</script> Smith meets <img src=x onerror="window.__pwned=1"> Jones

LONDON, March 3 (AP) — Foreign Minister John <script>window.__pwned=1</script> Smith met \
Chancellor Anna <img src=x onerror="window.__pwned=1"> Jones in Berlin on Monday.

The Ministry of <b onmouseover="window.__pwned=1">Defence</b> accused Russia of violating the \
agreement "</script><script>window.__pwned=1</script>".

Smith said the United Nations would not sanction Germany.
"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


class Page:
    """A page opened offline, with every console error, page error and request recorded."""

    def __init__(self, browser, path: Path, *, bypass_csp: bool = False) -> None:
        self.context = browser.new_context(
            viewport={"width": 1400, "height": 900}, bypass_csp=bypass_csp
        )
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.goto(path.as_uri())
        self.page.wait_for_selector("html[data-state=settled]", state="attached", timeout=120_000)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str):
        return self.page.evaluate(expression)

    def external(self) -> list[str]:
        return self.blocked + [u for u in self.requests if not u.startswith(LOCAL_SCHEMES)]

    def where(self, node: int) -> tuple[float, float]:
        """Where a node is drawn, in page pixels."""
        return tuple(
            self.js(
                f"(() => {{ const k = window.kgbuild, a = k.graph.getNodeAttributes('{node}');"
                " const v = k.renderer.graphToViewport(a);"
                " const r = document.getElementById('network').getBoundingClientRect();"
                " return [v.x + r.left, v.y + r.top]; })()"
            )
        )

    def click_node(self, node: int) -> None:
        self.page.mouse.click(*self.where(node))

    def visible(self) -> list[int]:
        return self.js("window.kgbuild.visible()")

    def settle(self) -> None:
        """Wait for camera animations to end and the frame to be drawn again."""
        self.page.wait_for_timeout(600)
        self.js("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser):
    pages: list[Page] = []

    def open_(path: Path, **kw) -> Page:
        p = Page(browser, path, **kw)
        pages.append(p)
        return p

    yield open_
    for p in pages:
        p.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    """Screenshots the tests take, to look at: output/screenshots (not committed)."""
    d = ROOT / "output" / "screenshots"
    d.mkdir(parents=True, exist_ok=True)
    return d


def overlapping_labels(boxes: list[dict]) -> list[tuple[int, int]]:
    """Pairs of drawn node labels whose boxes overlap."""
    out = []
    for i, a in enumerate(boxes):
        ax, ay, aw, ah = a["box"]
        for b in boxes[i + 1 :]:
            bx, by, bw, bh = b["box"]
            if ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah:
                out.append((a["node"], b["node"]))
    return out


# --------------------------------------------------------------------------- the seed page


@pytest.fixture(scope="module")
def seed_page_path(seed_build):
    out, _ = seed_build
    return out / "graph.html"


@pytest.fixture(scope="module")
def wikinews_300(tmp_path_factory):
    """300 Wikinews articles of a fixed random draw, built once: (folder, graph)."""
    if not WIKINEWS.is_dir():
        pytest.skip(f"{WIKINEWS} not available")
    from kgbuild.graph_io import read_build
    from kgbuild.pipeline import build

    files = sorted(WIKINEWS.glob("*.txt"))
    draw = random.Random(29).sample(files, 300)
    out = tmp_path_factory.mktemp("wikinews-300")
    build(draw, out)
    return out, read_build(out)


def test_seed_page_opens_on_actors_offline(opened, seed_build, seed_page_path, shots):
    from kgbuild.graph_io import read_build
    from kgbuild.viz import ACTOR_TYPES, top_view

    p = opened(seed_page_path)
    assert p.errors == []
    assert p.external() == []
    assert [u for u in p.requests if u.startswith("file:")] == [seed_page_path.as_uri()]
    kg = read_build(seed_build[0])
    view = top_view(kg)
    drawn = p.visible()
    assert sorted(p.js(f"window.kgbuild.idOf({json.dumps(k)})") for k in view.shown) == drawn
    assert len(drawn) >= 10  # the seeds' ten most connected actors, with facts between them
    types = p.js("window.kgbuild.visible().map(i => window.kgbuild.entities[i].type)")
    assert set(types) <= set(ACTOR_TYPES)  # actors first: no concept, no place
    assert p.js("window.kgbuild.drawnFacts()") > 10
    p.page.screenshot(path=str(shots / "opening-seeds.png"))


def _check_labels(p: Page) -> list[dict]:
    boxes = p.js("window.kgbuild.labelBoxes()")
    assert boxes, "no label drawn"
    assert overlapping_labels(boxes) == []
    drawn = p.js(
        """(() => { const k = window.kgbuild, r = k.renderer, d = r.getDimensions();
        return k.visible().map(i => {
          const v = r.graphToViewport(k.graph.getNodeAttributes(String(i)));
          return [i, k.entities[i].degree, v.x >= 0 && v.y >= 0 && v.x <= d.width && v.y <= d.height];
        }); })()"""
    )
    assert {b["node"] for b in boxes} <= {i for i, _, _ in drawn}
    on_screen = [(degree, i) for i, degree, inside in drawn if inside]
    top = max(on_screen)[1]
    assert top in {b["node"] for b in boxes}  # the most connected in view is labelled
    return boxes


def test_labels_at_the_opening_zoom_do_not_overlap(opened, seed_page_path):
    p = opened(seed_page_path)
    _check_labels(p)
    p.js("window.kgbuild.renderer.getCamera().setState({ratio: 3})")  # zoomed out: fewer fit
    p.settle()
    _check_labels(p)
    assert p.errors == []


def test_search_finds_putin_and_panel_shows_evidence_over_the_graph(opened, seed_page_path, shots):
    p = opened(seed_page_path)
    width = p.js("document.getElementById('network').getBoundingClientRect().width")
    p.page.fill("#search", "putin")
    p.page.wait_for_selector("#search-results li")
    assert "Putin" in p.page.inner_text("#search-results li:first-child")
    p.page.screenshot(path=str(shots / "search-seeds.png"))
    p.page.keyboard.press("Enter")
    p.page.wait_for_selector("#panel:not([hidden]) h2")
    assert "Putin" in p.page.inner_text("#panel h2")
    # the panel lies over the network, which keeps its size
    assert p.js("document.getElementById('network').getBoundingClientRect().width") == width
    p.settle()
    quotes = p.page.locator("#panel .evidence blockquote").all_inner_texts()
    cites = p.page.locator("#panel .evidence .cite").all_inner_texts()
    assert quotes and all(len(q) > 20 for q in quotes)
    assert any("Putin" in q for q in quotes)
    assert len(cites) == len(quotes) and all(c.strip() for c in cites)
    assert p.js("document.querySelector('#panel-body').getAttribute('data-kind')") == "entity"
    p.page.screenshot(path=str(shots / "panel-seeds.png"))

    # closed, then a click on the node opens it again
    putin = p.js("window.kgbuild.idOf(window.kgbuild.search('putin')[0].key)")
    p.page.click("#panel-close")
    p.settle()
    p.click_node(putin)
    p.page.wait_for_selector("#panel:not([hidden]) .evidence blockquote")
    assert "Putin" in p.page.inner_text("#panel h2")
    assert p.errors == [] and p.external() == []


def test_timeline_dot_opens_its_evidence(opened, seed_page_path, shots):
    p = opened(seed_page_path)
    key = p.js("window.kgbuild.search('putin')[0].key")
    p.js(f"window.kgbuild.focus(window.kgbuild.idOf({json.dumps(key)}))")
    p.page.wait_for_selector("#panel .timeline circle.dot")
    dots = p.page.locator("#panel .timeline circle.dot")
    n_dated = p.js(
        f"window.kgbuild.entities[window.kgbuild.idOf({json.dumps(key)})].events"
        ".filter(i => window.kgbuild.events[i].from).length"
    )
    assert dots.count() == n_dated > 1
    last = dots.nth(dots.count() - 1)
    event = int(last.get_attribute("data-event"))
    last.click()
    item = p.page.locator(f'#panel .event[data-event="{event}"]')
    assert item.count() == 1 and "picked" in item.get_attribute("class")
    assert item.locator(".evidence blockquote").count() >= 1
    p.page.screenshot(path=str(shots / "timeline-seeds.png"))
    assert p.errors == []


def test_panel_draws_concepts_on_demand(opened, seed_page_path):
    p = opened(seed_page_path)
    key = p.js("window.kgbuild.search('putin')[0].key")
    p.js(f"window.kgbuild.focus(window.kgbuild.idOf({json.dumps(key)}))")
    before = set(p.visible())
    p.page.click("#panel button.more")
    after = set(p.visible())
    added = after - before
    assert added
    types = {p.js(f"window.kgbuild.entities[{i}].type") for i in added}
    assert "Thing" in types
    p.page.click("#restore")
    assert set(p.visible()) == set(p.js("window.kgbuild.data.opening.shown"))


def test_hover_shows_a_tooltip(opened, seed_page_path):
    p = opened(seed_page_path)
    node = max(p.visible(), key=lambda i: p.js(f"window.kgbuild.entities[{i}].degree"))
    x, y = p.where(node)
    p.page.mouse.move(x - 40, y - 40)
    p.page.mouse.move(x, y, steps=5)
    for dx in (1, -1, 0, 1, -1):  # a busy machine may draw the hover pass late: move again
        if p.js("!document.getElementById('tip').hidden"):
            break
        p.page.wait_for_timeout(500)
        p.page.mouse.move(x + dx, y)
    p.page.wait_for_selector("#tip:not([hidden])")
    assert p.js(f"window.kgbuild.entities[{node}].label") in p.page.inner_text("#tip")


def test_filters(opened, seed_page_path):
    p = opened(seed_page_path)

    def drawn_of(type_):
        return p.js(
            f"window.kgbuild.visible().filter(i => window.kgbuild.entities[i].type === {json.dumps(type_)}).length"
        )

    opening = sorted(p.visible())
    assert drawn_of("Thing") == 0
    p.page.check('#f-types input[data-type="Thing"]')
    assert drawn_of("Thing") > 0
    p.page.uncheck('#f-types input[data-type="Person"]')
    assert drawn_of("Person") == 0
    p.page.click("#reset")
    assert sorted(p.visible()) == opening

    # connections: every drawn entity has at least the number chosen
    p.page.fill("#f-degree", "2")
    p.page.dispatch_event("#f-degree", "input")
    least = int(p.page.inner_text("#f-degree-value"))
    degrees = p.js("window.kgbuild.visible().map(i => window.kgbuild.entities[i].degree)")
    assert least > 1 and degrees and min(degrees) >= least and len(degrees) < len(opening)
    p.page.click("#reset")

    # one source article: every drawn fact has an event from it
    art = p.js(
        "Array.from(document.querySelectorAll('#f-article option')).map(o => o.value).filter(Boolean)[0]"
    )
    all_facts = p.js("window.kgbuild.drawnFacts()")
    p.page.select_option("#f-article", art)
    ok = p.js(
        f"""window.kgbuild.pairs.filter(q => window.kgbuild.graph.hasEdge(String(q.id)))
            .every(q => q.facts.some(f => window.kgbuild.facts[f].events.some(
              i => window.kgbuild.events[i].sources.includes(Number({json.dumps(art)})))))"""
    )
    assert ok and 0 < p.js("window.kgbuild.drawnFacts()") < all_facts
    p.page.click("#reset")

    # a date range before any date, and no undated facts: nothing left
    p.page.fill("#f-to", "1990-01-01")
    p.page.uncheck("#f-undated")
    assert p.js("window.kgbuild.drawnFacts()") == 0 and p.visible() == []
    p.page.click("#reset")
    assert p.js("window.kgbuild.drawnFacts()") == all_facts
    assert p.errors == []


def _numbers(text: str) -> list[int]:
    return [int(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", text)]


def _check_counts(p: Page, kg) -> None:
    """Every count the page shows equals the build's, or what it draws."""
    from collections import Counter

    from kgbuild.viz import fold_edges

    facts = len(fold_edges(kg))
    assert _numbers(p.page.inner_text("#h-articles")) == [len(kg.articles)]
    assert _numbers(p.page.inner_text("#h-entities")) == [len(kg.entities)]
    assert _numbers(p.page.inner_text("#h-events")) == [len(kg.events)]
    drawn = p.js(
        """(() => { const k = window.kgbuild, on = new Set(k.visible());
        return k.facts.filter(f => on.has(f.s) && on.has(f.o)).length; })()"""
    )
    assert _numbers(p.page.inner_text("#h-facts")) == [drawn, facts]
    edges = p.js(
        "window.kgbuild.graph.edges().reduce("
        "(n, e) => n + window.kgbuild.pairs[Number(e)].facts.length, 0)"
    )
    assert edges == drawn  # what sigma draws: every link of its graph
    built = Counter(e.type if e.type in html_types() else "Thing" for e in kg.entities)
    shown = Counter(p.js("window.kgbuild.visible().map(i => window.kgbuild.entities[i].type)"))
    for t in html_types():
        text = p.page.inner_text(f'#f-types .count[data-type="{t}"]')
        assert _numbers(text) == [shown[t], built[t]], t
    status = _numbers(p.page.inner_text("#status"))
    assert status == [len(p.visible()), drawn, len(kg.entities), facts]
    assert p.js("window.kgbuild.graph.order") == len(p.visible())
    sources = {a.source for a in kg.articles if a.source}
    named = sum(1 for a in kg.articles if a.source)
    if named:
        text = p.page.inner_text("#h-sources")
        if len(sources) > 3:
            assert f"{len(sources)} sources" in text
        else:
            assert all(s in text for s in sources)
        if named < len(kg.articles):
            assert _numbers(text)[:2] == [named, len(kg.articles)]
    else:
        assert p.page.locator("#h-sources").count() == 0


def html_types() -> list[str]:
    from kgbuild.writers.html import TYPE_STYLES

    return list(TYPE_STYLES)


def test_every_count_equals_the_build(opened, seed_build, seed_page_path):
    from kgbuild.graph_io import read_build

    kg = read_build(seed_build[0])
    summary = seed_build[1]
    p = opened(seed_page_path)
    _check_counts(p, kg)
    assert (len(kg.entities), len(kg.events)) == (summary.entities, summary.events)
    p.page.check('#f-types input[data-type="Thing"]')
    _check_counts(p, kg)
    assert p.errors == []


def test_wikinews_300_opens_legible_and_agrees_with_its_build(opened, wikinews_300, shots):
    out, kg = wikinews_300
    p = opened(out / "graph.html")
    assert p.errors == [] and p.external() == []
    boxes = _check_labels(p)
    assert len(boxes) >= 20
    _check_counts(p, kg)
    types = set(p.js("window.kgbuild.visible().map(i => window.kgbuild.entities[i].type)"))
    assert "Thing" not in types and "Place" not in types
    p.page.screenshot(path=str(shots / "opening-wikinews-300.png"))
    hits = p.js("window.kgbuild.search('united')")
    assert hits and len(p.js("window.kgbuild.entities")) == len(kg.entities)
    p.page.fill("#search", "united")
    p.page.keyboard.press("Enter")
    p.page.wait_for_selector("#panel:not([hidden]) h2")
    p.settle()
    p.page.screenshot(path=str(shots / "panel-wikinews-300.png"))
    assert p.errors == []


def test_ego_page_from_the_cli(opened, seed_build, tmp_path):
    from kgbuild.cli import main
    from kgbuild.graph_io import read_build
    from kgbuild.viz import ego_view, find_entities

    out = tmp_path / "ego.html"
    assert main(["viz", str(seed_build[0]), "--focus", "Putin", "--hops", "1", "-o", str(out)]) == 0
    kg = read_build(seed_build[0])
    focus = find_entities(kg, "Putin")[0].key
    p = opened(out)
    assert p.errors == [] and p.external() == []
    focus_id = p.js(f"window.kgbuild.idOf({json.dumps(focus)})")
    shown = ego_view(kg, focus, 1).shown
    assert sorted(p.js(f"window.kgbuild.idOf({json.dumps(k)})") for k in shown) == p.visible()
    assert focus_id in p.visible()
    assert "Putin" in p.page.inner_text("#panel h2")
    assert "Around" in p.page.inner_text("#built")


# --------------------------------------------------------------------------- hostile text


def _assert_inert(p: Page) -> None:
    assert p.js("typeof window.__pwned") == "undefined"
    assert p.dialogs == []
    assert p.external() == []
    assert p.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    scripts = p.js("document.scripts.length")
    assert scripts == 3


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "escaping-alone"])
def test_hostile_article_runs_nothing(opened, tmp_path, bypass_csp):
    """A real build of an article full of markup; the page runs none of it, even without its CSP."""
    from kgbuild.pipeline import build

    src = tmp_path / "in"
    src.mkdir()
    (src / "evil.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    build([src], out)
    p = opened(out / "graph.html", bypass_csp=bypass_csp)
    data = p.js("JSON.stringify(window.kgbuild.data)")
    assert "<script>window.__pwned=1</script>" in data  # the text reached the page, as data
    _assert_inert(p)
    for node in p.js("window.kgbuild.graph.nodes().map(Number)"):
        p.js(f"window.kgbuild.focus({node})")
        p.page.wait_for_timeout(50)
    p.page.fill("#search", "smith")
    p.page.wait_for_timeout(100)
    p.page.screenshot(path=str(tmp_path / "hostile.png"))
    _assert_inert(p)
    assert p.errors == []


def test_hostile_text_everywhere_is_shown_as_text(opened, tmp_path):
    """Labels, aliases, titles, sources, sentences, classes: all markup, all shown verbatim."""
    from test_html import HOSTILE, hostile_graph

    from kgbuild.writers import html

    page = tmp_path / "hostile.html"
    html.write(hostile_graph(), page)
    p = opened(page, bypass_csp=True)
    _assert_inert(p)
    key = f"p:{HOSTILE[0]}"
    p.js(f"window.kgbuild.focus(window.kgbuild.idOf({json.dumps(key)}))")
    p.page.wait_for_selector("#panel:not([hidden]) .evidence blockquote")
    panel = p.page.inner_text("#panel")
    assert HOSTILE[0] in panel and HOSTILE[1] in panel
    p.js("window.kgbuild.showPair(0)")
    assert HOSTILE[2] in p.page.inner_text("#panel")
    p.page.fill("#search", "onerror")
    p.page.wait_for_selector("#search-results li")
    assert HOSTILE[1] in p.page.inner_text("#search-results")
    assert HOSTILE[0] in p.page.inner_text("#f-article")
    p.page.hover("#network")
    p.page.screenshot(path=str(tmp_path / "hostile-panel.png"))
    _assert_inert(p)
    assert p.errors == []


# --------------------------------------------------------------------------- a large view


def test_large_graph_opens_searches_and_filters(opened, tmp_path, shots):
    """5,000 actors: the page opens on the most connected, searches every entity and filters."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from viz import synthetic_graph

    from kgbuild.viz import top_view
    from kgbuild.writers import html

    kg = synthetic_graph(5000)
    page = tmp_path / "big.html"
    html.write(kg, page)
    p = opened(page)
    assert p.errors == [] and p.external() == []
    shown = top_view(kg).shown
    assert sorted(p.js(f"window.kgbuild.idOf({json.dumps(k)})") for k in shown) == p.visible()
    _check_labels(p)
    _check_counts(p, kg)
    assert p.js("window.kgbuild.search('actor 4999')")[0]["key"] == "e:4999"
    p.page.fill("#search", "actor 4321")
    p.page.keyboard.press("Enter")
    p.page.wait_for_selector("#panel:not([hidden]) h2")
    assert p.page.inner_text("#panel h2") == "Actor 4321"
    assert p.js("window.kgbuild.idOf('e:4321')") in p.visible()
    p.page.fill("#f-degree", "0")
    p.page.dispatch_event("#f-degree", "input")
    assert len(p.visible()) > 3000
    _check_counts(p, kg)
    p.page.click("#panel-close")  # the selection dims, and leaves unlabelled, all but its own
    p.page.click("#fit")
    p.settle()
    _check_labels(p)
    p.page.screenshot(path=str(shots / "all-actors-synthetic-5000.png"))
    assert p.errors == []


def test_panel_underlines_given_mention_spans(opened, tmp_path):
    """Evidence rows may carry mention spans [start, end, entity]: an entity's panel underlines
    its own, over the subject/object marks too, and leaves other entities' alone."""
    from test_html import page_payload, small_graph

    from kgbuild.writers import html

    page = html.render(small_graph())
    data = page_payload(page)
    keys = [r[0] for r in data["entities"]]
    ann, bob = keys.index("p:ann"), keys.index("p:bob")
    for e in data["events"]:
        for row in e["ev"]:
            text = data["sentences"][row[0]][1]
            while len(row) < 3:
                row.append("")
            spans = []
            if text.startswith("p:ann"):
                spans.append([0, 5, ann])
            if "p:bob" in text:
                at = text.index("p:bob")
                spans.append([at, at + 5, bob])
            row.append(spans)
    marked = page.replace(html.safe_json(page_payload(page)), html.safe_json(data))
    assert marked != page
    path = tmp_path / "mentions.html"
    path.write_text(marked, encoding="utf-8")
    p = opened(path)
    p.js(f"window.kgbuild.focus({ann})")
    p.page.wait_for_selector("#panel .evidence mark.mention")
    underlined = p.page.locator("#panel .evidence mark.mention").all_inner_texts()
    assert underlined and set(underlined) == {"p:ann"}
    assert p.errors == []


# --------------------------------------------------------------------------- stories


def _drawn_keys(p: Page) -> set[str]:
    """The keys of the entities drawn."""
    return set(p.js("window.kgbuild.visible().map(i => window.kgbuild.entities[i].key)"))


def _all_degrees(p: Page) -> None:
    p.page.fill("#f-degree", "0")
    p.page.dispatch_event("#f-degree", "input")


def _check_story_counts(p: Page, n_entities: int, n_facts: int) -> None:
    """The title bar and the status count what is drawn, of the build's."""
    drawn = p.js("window.kgbuild.drawnFacts()")
    assert _numbers(p.page.inner_text("#h-facts")) == [drawn, n_facts]
    status = _numbers(p.page.inner_text("#status"))
    assert status == [len(p.visible()), drawn, n_entities, n_facts]
    assert p.js("window.kgbuild.graph.order") == len(p.visible())


def test_story_filter_draws_only_the_facts_of_one_story(opened, tmp_path, shots):
    from test_html import small_graph, story_graph

    from kgbuild.viz import top_view
    from kgbuild.writers import html

    kg = story_graph()
    page = tmp_path / "stories.html"
    html.write(kg, page)
    p = opened(page)
    assert p.errors == [] and p.external() == []
    assert p.page.is_visible("#story-filter")
    options = p.page.locator("#story-filter option").all_inner_texts()
    assert options == [  # most articles first
        "All stories",
        "Farland talks — 3 articles, 2009-10-03 – 2009-10-05",
        "Xland, Ann Smith — 2 articles, 2009-10-01 – 2009-10-02",
    ]
    _all_degrees(p)
    everything = p.js("window.kgbuild.drawnFacts()")
    assert everything == len(kg.events) == 7

    p.page.select_option("#story-filter", label=options[2])
    keys = _drawn_keys(p)
    assert p.js("window.kgbuild.drawnFacts()") == 2
    assert keys == {"p:ann", "p:bob", "c:xl"}
    assert p.js("window.kgbuild.graph.size") == 2  # ann–bob and ann–xl
    assert "Ann Smith" in p.page.inner_text("#story-note")
    _check_story_counts(p, len(kg.entities), 7)
    # every drawn link has a fact with an event of the story
    story = int(p.page.input_value("#story-filter"))
    ok = p.js(
        f"""window.kgbuild.graph.edges().every(e => window.kgbuild.pairs[Number(e)].facts.some(
            f => window.kgbuild.facts[f].events.some(i => window.kgbuild.events[i].story === {story})))"""
    )
    assert ok

    p.page.select_option("#story-filter", label=options[1])
    keys = _drawn_keys(p)
    assert p.js("window.kgbuild.drawnFacts()") == 4  # leave, host, call, and sue (2 of 3 articles)
    assert keys == {"p:dan", "c:far", "p:bob", "p:ann", "o:org", "g:grp"}
    _check_story_counts(p, len(kg.entities), 7)
    p.page.screenshot(path=str(shots / "story-filter.png"))

    p.page.click("#reset")
    assert p.page.input_value("#story-filter") == ""
    _all_degrees(p)
    assert p.js("window.kgbuild.drawnFacts()") == everything

    # an event's panel names its story, and a click on it chooses the story
    p.js("window.kgbuild.focus(window.kgbuild.idOf('p:eve'))")
    p.page.wait_for_selector("#panel:not([hidden]) .event")
    assert p.page.locator("#panel .event .story").count() == 0  # a story of one article
    p.js("window.kgbuild.focus(window.kgbuild.idOf('c:xl'))")
    p.page.wait_for_selector("#panel:not([hidden]) .event .story")
    assert p.page.inner_text("#panel .event .story") == "Story: Xland, Ann Smith"
    p.page.click("#panel .event .story button")
    assert p.page.input_value("#story-filter") == str(story)
    assert p.js("window.kgbuild.drawnFacts()") == 2
    _check_story_counts(p, len(kg.entities), 7)
    assert p.errors == []

    # facts summed up (no event on the page) pass when one of their articles is of the story
    page = tmp_path / "stories-summed.html"
    page.write_text(html.render_view(kg, top_view(kg, 2, budget=0)), encoding="utf-8")
    p = opened(page)
    assert p.js("window.kgbuild.facts.filter(f => f.sum).length") == 2  # sue, accuse
    _all_degrees(p)
    assert p.js("window.kgbuild.drawnFacts()") == everything
    p.page.select_option("#story-filter", label=options[2])
    keys = _drawn_keys(p)
    assert p.js("window.kgbuild.drawnFacts()") == 3  # meet, visit; sue, reported by a1 too
    assert keys == {"p:ann", "p:bob", "c:xl", "o:org", "g:grp"}
    _check_story_counts(p, len(kg.entities), 7)
    assert p.errors == []

    # a build without stories: no story control at all
    page = tmp_path / "no-stories.html"
    html.write(small_graph(), page)
    p = opened(page)
    assert p.page.locator("#story-filter").count() == 1
    assert p.page.is_hidden("#story-filter") and p.page.is_hidden("#f-stories")
    assert p.page.locator("#story-filter option").all_inner_texts() == ["All stories"]
    assert p.errors == []
