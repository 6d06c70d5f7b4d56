"""``graph.html`` in headless Chromium: size, time to draw, to filter and to search, label overlaps.

For each build folder given (``--build DIR``, read with :func:`kgbuild.graph_io.read_build`), or
for synthetic graphs (``--sizes N ...``: preferential attachment, a few hubs and many small actors,
like news), the page is written with the page writer and opened in Debian's Chromium through
Playwright, at 1400 × 900. It reports, the median of ``--runs`` runs:

* ``entities`` and ``events`` of the build, ``carried``: entities the page carries in full;
* ``write s``: time to make the page in Python (selection, layout, JSON, template), reading the
  build and imports excluded; ``MB``: size of the page;
* ``draw s``: navigation start → the graph's first frame (HTML, libraries and data parsed, the
  graph built, drawn); ``settled s``: navigation start → drawn and still (the layout is
  computed beforehand, so it is the first frame: nothing moves afterwards);
* ``drawn``: nodes drawn at the opening; ``labels``: node labels drawn; ``overlaps``: pairs of
  drawn node labels whose boxes overlap (must be 0);
* ``filter ms``: ticking "Concept" in the entity types, then unticking it (the mean of the
  two): the page's script, the graph's update and its drawing, until drawn; ``framed ms``: the
  same until the browser has shown two frames more (which adds its compositing: in headless
  Chromium without a GPU, WebGL and canvases are drawn in software, and this dominates);
* ``all actors``: entities drawn with the connections slider down to its lowest value (every
  actor the page draws), ``all actors ms`` and ``all framed ms`` the time of that change;
* ``search ms``: typing a name into the search box until its matches are listed (over every
  entity of the build).

Usage::

    .venv/bin/python benchmarks/viz.py --build /tmp/wn300 /tmp/wn1000 /tmp/wn-full
    .venv/bin/python benchmarks/viz.py --sizes 100 1000 5000 --runs 3
    .venv/bin/python benchmarks/viz.py --sample 300 ../shared/corpora/wikinews /tmp/wn300-in
        # a fixed random draw of 300 articles (seed 29), as a folder of links to build from
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kgbuild.records import (  # noqa: E402
    Article,
    Entity,
    Event,
    Evidence,
    KnowledgeGraph,
    Span,
    TimeValue,
)

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TYPES = ("Person", "Organization", "Country", "Place", "Group")
VERBS = (
    "meet",
    "accuse",
    "call for",
    "visit",
    "sanction",
    "support",
    "warn",
    "criticize",
    "sign",
    "reject",
)
CLASSES = ("Consult", "Accuse", "Appeal", "Visit", "Coerce", "Cooperate", None)
SEED = 29


def synthetic_graph(n: int, *, seed: int = 1, edges_per_node: float = 1.6) -> KnowledgeGraph:
    """A graph of ``n`` actors and about ``edges_per_node`` × ``n`` events over 200 articles."""
    rng = random.Random(seed)
    articles = tuple(
        Article(
            id=f"a{i:04d}",
            text="",
            title=f"Article {i} about talks and sanctions",
            date=f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}",
            source=rng.choice(("AP", "TASS", "Reuters", "Press TV")),
        )
        for i in range(200)
    )
    entities = tuple(
        Entity(
            key=f"e:{i}",
            label=f"Actor {i}",
            type=TYPES[i % len(TYPES)],
            aliases=(f"A{i}", f"Actor number {i}"),
            mentions=1 + rng.randrange(20),
            sources=(articles[i % 200].id,),
        )
        for i in range(n)
    )
    ends: list[int] = [0, 1]
    events = []
    for i in range(int(n * edges_per_node)):
        a = i % n if i < n else rng.randrange(n)
        b = rng.choice(ends) if rng.random() < 0.7 else rng.randrange(n)
        if a == b:
            b = (b + 1) % n
        ends += [a, b]
        doc = rng.choice(articles)
        verb = rng.choice(VERBS)
        sentence = f"Actor {a} said on Monday it would {verb} Actor {b} <b>soon</b>."
        events.append(
            Event(
                id=f"{i:016x}",
                predicate=verb,
                event_class=rng.choice(CLASSES),
                subject=f"e:{a}",
                object=f"e:{b}",
                negated=rng.random() < 0.05,
                modality="may" if rng.random() < 0.1 else None,
                time=TimeValue("Monday", doc.date) if rng.random() < 0.6 else None,
                sources=(doc.id,),
                evidence=(
                    Evidence(
                        doc=doc.id,
                        sentence=sentence,
                        sentence_span=Span(0, len(sentence), sentence),
                        subject=Span(0, 5, sentence[:5]),
                        predicate=Span(0, 0, verb),
                        object=None,
                    ),
                ),
                disputed=rng.random() < 0.02,
            )
        )
    return KnowledgeGraph(articles=articles, entities=entities, events=tuple(events))


def sample(n: int, corpus: Path, out: Path) -> None:
    """A fixed random draw (seed 29) of ``n`` articles of ``corpus``, as links in ``out``."""
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    out.mkdir(parents=True, exist_ok=True)
    for f in random.Random(SEED).sample(files, n):
        link = out / f.name
        if not link.exists():
            os.symlink(f.resolve(), link)


# Measured in the page: each action, then two animation frames (the frame it causes is drawn).
_FRAME = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
_TIMED = """async ([selector, action]) => {
  const t = performance.now();
  const el = document.querySelector(selector);
  if (action === 'click') el.click();
  else { el.value = action; el.dispatchEvent(new Event('input', {bubbles: true})); }
  window.kgbuild.renderer.render();
  const script = performance.now() - t;
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  return [script, performance.now() - t];
}"""
_OVERLAPS = """(() => {
  const b = window.kgbuild.labelBoxes(); let n = 0;
  for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) {
    const [ax, ay, aw, ah] = b[i].box, [bx, by, bw, bh] = b[j].box;
    if (ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah) n++;
  }
  return [b.length, n];
})()"""


def measure(kg: KnowledgeGraph, browser: object, page: Path, query: str) -> dict[str, float]:
    from kgbuild.writers import html

    t = time.perf_counter()
    html.write(kg, page)
    write_s = time.perf_counter() - t
    ctx = browser.new_context(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.goto(page.as_uri(), wait_until="commit", timeout=600_000)
    pg.wait_for_selector("html[data-state=settled]", state="attached", timeout=600_000)
    pg.evaluate(_FRAME)
    st = pg.evaluate("window.kgbuild.state")
    drawn = len(pg.evaluate("window.kgbuild.visible()"))
    labels, overlaps = pg.evaluate(_OVERLAPS)
    carried = pg.evaluate("window.kgbuild.entities.filter(e => e.carried).length")
    listed = pg.evaluate("window.kgbuild.entities.length")
    on = pg.evaluate(_TIMED, ['#f-types input[data-type="Thing"]', "click"])
    off = pg.evaluate(_TIMED, ['#f-types input[data-type="Thing"]', "click"])
    every = pg.evaluate(_TIMED, ["#f-degree", "0"])
    shown = len(pg.evaluate("window.kgbuild.visible()"))
    search = pg.evaluate(_TIMED, ["#search", query])
    matches = pg.evaluate("document.querySelectorAll('#search-results li').length")
    ctx.close()
    if errors:
        raise RuntimeError(f"page errors: {errors[:3]}")
    if listed != len(kg.entities) or not matches:
        raise RuntimeError(f"search covers {listed} of {len(kg.entities)} entities")
    return {
        "entities": len(kg.entities),
        "events": len(kg.events),
        "carried": carried,
        "write s": write_s,
        "MB": page.stat().st_size / 1e6,
        "draw s": st["loadMs"] / 1000,
        "settled s": st["settleMs"] / 1000,
        "drawn": drawn,
        "labels": labels,
        "overlaps": overlaps,
        "filter ms": (on[0] + off[0]) / 2,
        "framed ms": (on[1] + off[1]) / 2,
        "all actors": shown,
        "all actors ms": every[0],
        "all framed ms": every[1],
        "search ms": search[0],
    }


COLS = (
    "entities",
    "events",
    "carried",
    "write s",
    "MB",
    "draw s",
    "settled s",
    "drawn",
    "labels",
    "overlaps",
    "filter ms",
    "framed ms",
    "all actors",
    "all actors ms",
    "all framed ms",
    "search ms",
)


def _cell(col: str, v: float) -> str:
    if col.endswith(" s"):
        return f"{v:.2f}"
    if col == "MB":
        return f"{v:.1f}"
    if col.endswith(" ms"):
        return f"{v:.0f}"
    return f"{v:,.0f}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--build", type=Path, nargs="+", default=[], help="build folders")
    p.add_argument("--sizes", type=int, nargs="+", default=[], help="synthetic graphs of N actors")
    p.add_argument("--runs", type=int, default=1, help="runs per page; the median is reported")
    p.add_argument("--query", default="united", help="what to search for (default: united)")
    p.add_argument(
        "--sample",
        nargs=3,
        metavar=("N", "CORPUS", "OUT"),
        help="write a fixed random draw of N articles of CORPUS into OUT (links) and stop",
    )
    args = p.parse_args(argv)
    if args.sample:
        sample(int(args.sample[0]), Path(args.sample[1]), Path(args.sample[2]))
        return 0
    if not args.build and not args.sizes:
        args.sizes = [100, 1000, 5000]
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: install Debian's chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from kgbuild.graph_io import read_build
    from kgbuild.writers import html

    html.render(synthetic_graph(20), top=20)  # imports and template loading, not timed

    graphs: list[tuple[str, KnowledgeGraph, str]] = [
        (f"{n:,} synthetic actors", synthetic_graph(n), "actor 4") for n in args.sizes
    ]
    graphs += [(str(b), read_build(b), args.query) for b in args.build]
    print("| page | " + " | ".join(COLS) + " |")
    print("|---|" + "---|" * len(COLS))
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for name, kg, query in graphs:
            runs = [measure(kg, browser, Path(tmp) / "graph.html", query) for _ in range(args.runs)]
            med = {c: sorted(r[c] for r in runs)[len(runs) // 2] for c in COLS}
            print(f"| {name} | " + " | ".join(_cell(c, med[c]) for c in COLS) + " |", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
