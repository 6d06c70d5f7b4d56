"""The ``kgbuild`` command: a thin layer over the library.

Each command lives in its own module with ``register(subparsers)``; only this layer turns
:class:`~kgbuild.errors.KgbuildError` into one clear line and an exit code.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence

from kgbuild.errors import KgbuildError
from kgbuild.version import __version__

#: Command modules, in the order ``--help`` lists them.
COMMANDS = (
    "build",
    "extract",
    "text",
    "query",
    "validate",
    "stats",
    "serve",
    "push",
    "export",
    "viz",
    "eval",
)

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
        prog="kgbuild",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"kgbuild {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"kgbuild.cli.{name}_cmd").register(sub)
    return p


#: Exit codes: 0 done (perhaps with warnings), 1 error, 2 usage error, 130 interrupted.
EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

#: Set this environment variable to see the traceback of an unexpected error.
DEBUG_ENV = "KGBUILD_DEBUG"


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; every problem is one ``kgbuild: error: …`` line and an exit code."""
    p = parser()
    args = p.parse_args(argv)
    if not getattr(args, "func", None):
        p.print_help()
        return EXIT_USAGE
    try:
        return int(args.func(args) or 0)
    except KgbuildError as err:
        return fail(str(err), err.exit_code)
    except KeyboardInterrupt:
        return fail("interrupted; earlier output left as it was", EXIT_INTERRUPTED)
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except MemoryError:
        return fail("out of memory: build fewer or smaller files at a time")
    except OSError as err:
        where = f"{err.filename}: " if err.filename is not None else ""
        return fail(f"{where}{err.strerror or err}")
    except Exception as err:
        if os.environ.get(DEBUG_ENV):
            raise
        return fail(
            f"unexpected {type(err).__name__}: {err} "
            f"(this is a bug; set {DEBUG_ENV}=1 to see where it happened)"
        )


def fail(message: str, code: int = EXIT_ERROR) -> int:
    """Print one error line on standard error and return the exit code."""
    print(f"kgbuild: error: {message}", file=sys.stderr)
    return code


def _silence_stdout() -> None:
    """After the reader of standard output went away (``| head``), drop what is left."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def epilog(text: str) -> dict[str, object]:
    """Keyword arguments that give a subcommand an examples section."""
    return {"epilog": "examples:\n" + text, "formatter_class": argparse.RawDescriptionHelpFormatter}
