"""The ``kgbuild`` command: a thin layer over the library.

Each command lives in its own module with ``register(subparsers)``; only this layer turns
:class:`~kgbuild.errors.KgbuildError` into one clear line and an exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from kgbuild import __version__
from kgbuild.errors import KgbuildError

#: Command modules, in the order ``--help`` lists them.
COMMANDS = ("build", "extract", "query", "eval")

DESCRIPTION = """\
Build event knowledge graphs from news articles: who did what to whom, when, where,
and according to whom, with every fact traced to its source sentence.

examples:
  kgbuild build                       # seeds/ -> output/
  kgbuild build news/ --out graph/    # a folder of .txt articles
  kgbuild extract article.txt         # triples as JSON Lines, no graph
  kgbuild query 'SELECT ?s ?o WHERE { ?s rel:meet ?o }'
"""


def parser() -> argparse.ArgumentParser:
    import importlib

    p = argparse.ArgumentParser(
        prog="kgbuild", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--version", action="version", version=f"kgbuild {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"kgbuild.cli.{name}_cmd").register(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    p = parser()
    args = p.parse_args(argv)
    if not getattr(args, "func", None):
        p.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KgbuildError as err:
        print(f"kgbuild: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("kgbuild: interrupted; earlier output left as it was", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def epilog(text: str) -> dict[str, object]:
    """Keyword arguments that give a subcommand an examples section."""
    return {"epilog": "examples:\n" + text, "formatter_class": argparse.RawDescriptionHelpFormatter}
