"""Load and settle time of ``graph.html`` in headless Chromium, for 100, 1,000 and 5,000 nodes.

Synthetic graphs (preferential attachment, so a few hubs and many small actors, like news) are
written with the page writer and opened in Debian's Chromium through Playwright. For each size
it reports:

* ``write s``: time to make the page in Python (selection, layout, JSON, template), imports
  excluded;
* ``MB``: size of the page;
* ``parsed s``: navigation start → the page's script starts drawing (HTML, vis-network and the
  data parsed);
* ``load s``: navigation start → the graph's first frame is drawn (for physics views, after
  physics has settled: vis-network draws nothing while it stabilizes);
* ``settle s``: navigation start → physics done (small views) or first frame (large views,
  drawn from positions computed beforehand, physics off);
* ``search ms``: one search over every entity, in the page.

Usage::

    .venv/bin/python benchmarks/viz.py                  # 100, 1000, 5000 nodes
    .venv/bin/python benchmarks/viz.py --sizes 100 1000 --runs 3
"""

from __future__ import annotations

import argparse
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


def measure(n: int, browser: object, out: Path) -> dict[str, float]:
    from kgbuild.writers import html

    kg = synthetic_graph(n)
    t = time.perf_counter()
    page = out / f"graph-{n}.html"
    html.write(kg, page, top=n)
    write_s = time.perf_counter() - t
    ctx = browser.new_context(viewport={"width": 1440, "height": 900})  # type: ignore[attr-defined]
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.goto(page.as_uri())
    pg.wait_for_selector("html[data-state=settled]", state="attached", timeout=600_000)
    st = pg.evaluate("window.kgbuild.state")
    parsed = pg.evaluate("window.kgbuild.startedAt")
    drawn = pg.evaluate("window.kgbuild.nodes.length")
    search_ms = pg.evaluate(
        "(() => { const t = performance.now(); window.kgbuild.search('actor 4'); return performance.now() - t; })()"
    )
    ctx.close()
    if errors:
        raise RuntimeError(f"{n} nodes: page errors: {errors[:3]}")
    return {
        "nodes": drawn,
        "write s": write_s,
        "MB": page.stat().st_size / 1e6,
        "parsed s": parsed / 1000,
        "load s": st["loadMs"] / 1000,
        "settle s": st["settleMs"] / 1000,
        "search ms": search_ms,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    p.add_argument("--runs", type=int, default=1, help="runs per size; the median is reported")
    args = p.parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: install Debian's chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    from kgbuild.writers import html

    html.render(synthetic_graph(20), top=20)  # imports and template loading, not timed

    cols = ("nodes", "write s", "MB", "parsed s", "load s", "settle s", "search ms")
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        for n in args.sizes:
            runs = [measure(n, browser, Path(tmp)) for _ in range(args.runs)]
            med = {c: sorted(r[c] for r in runs)[len(runs) // 2] for c in cols}
            print(
                f"| {med['nodes']:,.0f} | {med['write s']:.2f} | {med['MB']:.1f} | {med['parsed s']:.2f} "
                f"| {med['load s']:.2f} "
                f"| {med['settle s']:.2f} | {med['search ms']:.1f} |",
                flush=True,
            )
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
