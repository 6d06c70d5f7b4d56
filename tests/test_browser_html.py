"""graph.html in a real browser: Debian's Chromium driven by Playwright, headless, offline.

The page must load with no console error and no request leaving the file, draw the expected
nodes, find an entity by name, show evidence on click, apply its filters, and run no script
that came from article text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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

    def click_node(self, key: str) -> None:
        xy = self.js(
            f"(() => {{ const n = window.kgbuild.network; const p = n.getPositions([{json.dumps(key)}])"
            f"[{json.dumps(key)}]; const d = n.canvasToDOM(p); const r = document.getElementById('network')"
            ".getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; })()"
        )
        self.page.mouse.click(*xy)

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


# --------------------------------------------------------------------------- the seed page


@pytest.fixture(scope="module")
def seed_page_path(seed_build):
    out, _ = seed_build
    return out / "graph.html"


def test_seed_page_loads_offline_and_draws_the_view(opened, seed_build, seed_page_path, tmp_path):
    from kgbuild.graph_io import read_build
    from kgbuild.viz import top_view

    p = opened(seed_page_path)
    assert p.errors == []
    assert p.external() == []
    assert [u for u in p.requests if u.startswith("file:")] == [seed_page_path.as_uri()]
    drawn = p.js("window.kgbuild.network.body.data.nodes.length")
    assert drawn == p.js("window.kgbuild.data.view.length")
    kg = read_build(seed_build[0])
    assert drawn == len(top_view(kg).shown) > 10
    visible_edges = p.js(
        "window.kgbuild.network.body.data.edges.get({filter: e => !e.hidden}).length"
    )
    assert visible_edges > 10
    assert p.js("window.kgbuild.network.physics.options.enabled") is False  # settled, then stopped
    bar = p.page.inner_text("#built")
    assert "5 articles" in bar and "entities" in bar and "events" in bar
    p.page.screenshot(path=str(tmp_path / "seed.png"))
    assert (tmp_path / "seed.png").stat().st_size > 10_000


def test_search_finds_putin_and_click_shows_evidence(opened, seed_page_path, tmp_path):
    p = opened(seed_page_path)
    p.page.fill("#search", "putin")
    p.page.wait_for_selector("#search-results li")
    first = p.page.inner_text("#search-results li:first-child")
    assert "Putin" in first
    p.page.keyboard.press("Enter")
    p.page.wait_for_selector("#panel:not([hidden]) h2")
    selected = p.js("window.kgbuild.network.getSelectedNodes()")
    assert len(selected) == 1
    assert "Putin" in p.js(f"window.kgbuild.entities[{json.dumps(selected[0])}].label")
    assert "Putin" in p.page.inner_text("#panel h2")

    p.page.click("#panel-close")
    p.page.wait_for_timeout(700)  # the focus animation
    p.click_node(selected[0])
    p.page.wait_for_selector("#panel:not([hidden]) .evidence blockquote")
    quotes = p.page.locator("#panel .evidence blockquote").all_inner_texts()
    cites = p.page.locator("#panel .evidence .cite").all_inner_texts()
    assert quotes and all(len(q) > 20 for q in quotes)
    assert any("Putin" in q for q in quotes)
    assert len(cites) == len(quotes) and all(c.strip() for c in cites)
    assert p.js("document.querySelector('#panel-body').getAttribute('data-kind')") == "entity"
    p.page.screenshot(path=str(tmp_path / "panel.png"))
    assert p.errors == [] and p.external() == []


def test_click_on_an_edge_opens_its_events(opened, seed_page_path):
    p = opened(seed_page_path)
    p.js("window.kgbuild.network.moveTo({scale: 1.6})")
    target = p.js(
        """(() => {
        const n = window.kgbuild.network, r = document.getElementById('network').getBoundingClientRect();
        for (const e of window.kgbuild.edges.get()) {
          const a = n.getPositions([e.from])[e.from], b = n.getPositions([e.to])[e.to];
          if (!a || !b || e.smooth) continue;
          const d = n.canvasToDOM({x: (3 * a.x + b.x) / 4, y: (3 * a.y + b.y) / 4});
          if (d.x < 20 || d.y < 20 || d.x > r.width - 20 || d.y > r.height - 60) continue;
          if (n.getNodeAt(d) === undefined && n.getEdgeAt(d) === e.id) return [e.id, d.x + r.left, d.y + r.top];
        }
        return null; })()"""
    )
    assert target is not None
    edge_id, x, y = target
    p.page.mouse.click(x, y)
    p.page.wait_for_selector("#panel:not([hidden]) .evidence blockquote")
    assert p.js("document.querySelector('#panel-body').getAttribute('data-kind')") == "edge"
    n_events = p.js(f"window.kgbuild.data.edgeEvents[{json.dumps(edge_id)}].length")
    assert p.page.locator("#panel .event").count() == n_events
    assert p.errors == []


def test_hover_shows_a_tooltip(opened, seed_page_path):
    p = opened(seed_page_path)
    key = p.js("window.kgbuild.data.labelled[0]")
    xy = p.js(
        f"(() => {{ const n = window.kgbuild.network; const d = n.canvasToDOM(n.getPositions([{json.dumps(key)}])"
        f"[{json.dumps(key)}]); const r = document.getElementById('network').getBoundingClientRect();"
        " return [d.x + r.left, d.y + r.top]; })()"
    )
    p.page.mouse.move(xy[0] - 30, xy[1] - 30)
    p.page.mouse.move(*xy, steps=5)
    p.page.wait_for_selector("#tip:not([hidden])")
    label = p.js(f"window.kgbuild.entities[{json.dumps(key)}].label")
    assert label in p.page.inner_text("#tip")


def test_filters(opened, seed_page_path):
    p = opened(seed_page_path)

    def hidden_nodes(type_):
        return p.js(
            "window.kgbuild.nodes.get({filter: n => n.hidden && "
            f"window.kgbuild.entities[n.id].type === {json.dumps(type_)}}}).length"
        )

    n_things = p.js(
        "window.kgbuild.nodes.get({filter: n => window.kgbuild.entities[n.id].type === 'Thing'}).length"
    )
    assert n_things > 0 and hidden_nodes("Thing") == 0
    p.page.uncheck('#f-types input[data-type="Thing"]')
    assert hidden_nodes("Thing") == n_things
    p.page.click("#reset")
    assert hidden_nodes("Thing") == 0

    # one source article: every visible edge has an event from it
    art = p.js(
        "Array.from(document.querySelectorAll('#f-article option')).map(o => o.value).filter(Boolean)[0]"
    )
    p.page.select_option("#f-article", art)
    ok = p.js(
        f"""window.kgbuild.edges.get({{filter: e => !e.hidden}}).every(e =>
            window.kgbuild.data.edgeEvents[e.id].some(i => window.kgbuild.events[i].sources.includes(Number({json.dumps(art)}))))"""
    )
    shown_edges = p.js("window.kgbuild.edges.get({filter: e => !e.hidden}).length")
    all_edges = p.js("window.kgbuild.edges.length")
    assert ok and 0 < shown_edges < all_edges
    p.page.click("#reset")

    # a date range before any date, and no undated facts: nothing left
    p.page.fill("#f-to", "1990-01-01")
    p.page.uncheck("#f-undated")
    assert p.js("window.kgbuild.edges.get({filter: e => !e.hidden}).length") == 0
    p.page.click("#reset")
    assert p.js("window.kgbuild.edges.get({filter: e => !e.hidden}).length") == all_edges
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
    assert p.js("window.kgbuild.nodes.length") == len(ego_view(kg, focus, 1).shown)
    assert p.js("window.kgbuild.network.getSelectedNodes()") == [
        p.js(f"window.kgbuild.idOf({json.dumps(focus)})")
    ]
    assert "Putin" in p.page.inner_text("#panel h2")


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
    for key in p.js("window.kgbuild.nodes.getIds()"):
        p.js(f"window.kgbuild.focus({json.dumps(key)})")
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
    key = p.js("window.kgbuild.data.labelled[0]")
    p.js(f"window.kgbuild.focus({json.dumps(key)})")
    p.page.wait_for_selector("#panel:not([hidden]) .evidence blockquote")
    panel = p.page.inner_text("#panel")
    assert HOSTILE[0] in panel and HOSTILE[1] in panel
    p.js("window.kgbuild.showEdge(0)")
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


def test_large_view_draws_from_computed_layout(opened, tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from viz import synthetic_graph

    from kgbuild.writers import html

    page = tmp_path / "big.html"
    html.write(synthetic_graph(600), page, top=600)
    p = opened(page)
    assert p.errors == [] and p.external() == []
    assert p.js("window.kgbuild.nodes.length") == 600
    assert p.js("window.kgbuild.network.physics.options.enabled") is False
    ids = p.js("[window.kgbuild.idOf('e:0'), window.kgbuild.idOf('e:1')]")
    before = p.js(f"JSON.stringify(window.kgbuild.network.getPositions({json.dumps(ids)}))")
    p.page.wait_for_timeout(300)
    assert p.js(f"JSON.stringify(window.kgbuild.network.getPositions({json.dumps(ids)}))") == before
    hits = p.js("window.kgbuild.search('actor 59')")
    assert hits[0]["key"] == "e:59"
