"""``kgbuild viz``: the interactive page of a build, whole or around one entity."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kgbuild.cli import epilog

EXAMPLES = """\
  kgbuild viz                              # output/graph.html again, default view
  kgbuild viz output/ --top 500            # open on up to 500 of the most connected actors
  kgbuild viz --focus Moscow --hops 2      # output/ego-moscow.html: Moscow and 2 hops around
  kgbuild viz graph/ --focus "NATO" -o nato.html
"""


def _positive(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {n}")
    return n


def _hops(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if not 0 <= n <= 6:
        raise argparse.ArgumentTypeError(f"must be between 0 and 6, not {n}")
    return n


def register(sub: Any) -> None:
    from kgbuild.viz import DEFAULT_TOP

    p = sub.add_parser(
        "viz",
        help="write the interactive graph page of a build",
        description="Write a self-contained HTML page (no network access needed) that draws a "
        "build's entities and events: search by name or alias, filters by entity type, "
        "connections, articles, event class, source article and dates, a timeline and every "
        "fact's source sentences. The page opens on the most connected actors (people, "
        "organisations, countries, groups); concepts and places are drawn on demand. With "
        "--focus it shows the neighbourhood of one entity instead (an ego network). The build "
        "is read from graph.json, or graph.ttl when the folder has no graph.json.",
        **epilog(EXAMPLES),
    )
    p.add_argument(
        "folder", nargs="?", default="output", metavar="DIR", help="build folder (default: output/)"
    )
    p.add_argument(
        "--focus", metavar="NAME", help="entity at the centre: a name, an alias or an entity key"
    )
    p.add_argument(
        "--hops",
        type=_hops,
        default=1,
        metavar="K",
        help="with --focus: how many edges away from it to go (default: 1)",
    )
    p.add_argument(
        "--top",
        type=_positive,
        default=None,
        metavar="N",
        help=f"draw at most N of the most connected actors when the page opens (default: "
        f"{DEFAULT_TOP}; with --focus, of its neighbourhood). Search always covers every entity.",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="page to write (default: DIR/graph.html, or DIR/ego-NAME.html with --focus)",
    )
    p.set_defaults(func=run)


def default_output(folder: Path, focus_label: str | None) -> Path:
    """``DIR/graph.html``, or ``DIR/ego-<slug>.html`` for an ego-network page.

    >>> default_output(Path("out"), None).as_posix(), default_output(Path("out"), "São Paulo").as_posix()
    ('out/graph.html', 'out/ego-sao-paulo.html')
    """
    from kgbuild.rdf.iri import short_hash, slug

    if focus_label is None:
        return folder / "graph.html"
    return folder / f"ego-{slug(focus_label) or short_hash(focus_label)}.html"


def run(args: argparse.Namespace) -> int:
    from kgbuild.errors import InputError
    from kgbuild.graph_io import read_build
    from kgbuild.runtime.collector import gc_paused
    from kgbuild.viz import find_entities
    from kgbuild.writers import html

    folder = Path(args.folder)
    kg = read_build(folder)
    focus = None
    label = None
    if args.focus is not None:
        found = find_entities(kg, args.focus)
        if not found:
            raise InputError(
                "--focus", f"no entity named {args.focus!r} in {folder}" + _suggest(kg, args.focus)
            )
        focus, label = found[0].key, found[0].label
        if len(found) > 1:
            others = ", ".join(f"{e.label} ({e.type})" for e in found[1:6])
            print(
                f"note: {args.focus!r} also matches {others}; using {label} ({found[0].type})",
                file=sys.stderr,
            )
    out = Path(args.output) if args.output else default_output(folder, label)
    with gc_paused():  # the page's millions of small records (see kgbuild.runtime.collector)
        html.write(kg, out, top=args.top, focus=focus, hops=args.hops)
    print(f"wrote {out}")
    print(f"open {out.resolve().as_uri()} in a browser to explore the graph")
    return 0


def _suggest(kg: Any, name: str) -> str:
    import difflib

    names = sorted({n for e in kg.entities for n in (e.label, *e.aliases)})
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
