"""The analyst queries shipped with kgbuild: the ``queries/*.rq`` files, by name.

Each file starts with ``# title:``, ``# question:``, ``# how:`` and ``# params:`` comment
lines, then the SPARQL text. A source checkout reads them from ``queries/``; an installed
package carries the same files in ``kgbuild/queries/``. ``kgbuild query NAME`` runs one by
name and ``kgbuild query --list`` lists them.

>>> "who_met_whom" in bundled_queries()
True
>>> bundled_queries()["who_met_whom"].title
'Who met whom'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_FOLDER = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True, slots=True)
class Parameter:
    """One parameter of a query, as its ``# params:`` header declares it."""

    name: str
    required: bool
    help: str


@dataclass(frozen=True, slots=True)
class AnalystQuery:
    """One ``.rq`` file: its name (the file stem), title, question, parameters and text."""

    name: str
    title: str
    question: str
    params: str
    text: str

    @property
    def parameters(self) -> tuple[Parameter, ...]:
        return parameters(self.params)


def _field(lines: list[str], key: str) -> str:
    """The value of a ``# key:`` header field, continuation lines (``#   …``) included."""
    out: list[str] = []
    for line in lines:
        if out and line.startswith("#  "):
            out.append(line[1:].strip())
        elif out:
            break
        elif line.startswith(f"# {key}:"):
            out.append(line.split(":", 1)[1].strip())
    return " ".join(out)


_PARAM = re.compile(r"^\s*([A-Za-z_]\w*)\s*(\(optional\))?\s*(?:—|--|-|:)?\s*(.*)$", re.S)


def parameters(field: str) -> tuple[Parameter, ...]:
    """The parameters a ``# params:`` field declares: ``none``, or ``NAME [(optional)] — help``
    items separated by ``;``.

    >>> parameters("name — part of a name, e.g. --param name=Ferreira")
    (Parameter(name='name', required=True, help='part of a name, e.g. --param name=Ferreira'),)
    >>> [p.required for p in parameters("text (optional) — a word; day — a date")]
    [False, True]
    >>> parameters("none")
    ()
    """
    out = []
    for item in field.split(";"):
        m = _PARAM.match(item)
        if m is None or m.group(1) == "none":
            continue
        out.append(Parameter(m.group(1), m.group(2) is None, m.group(3).strip()))
    return tuple(out)


def header_parameters(text: str) -> tuple[Parameter, ...]:
    """The parameters a query's text declares in its ``# params:`` header (none without one)."""
    return parameters(_field(text.splitlines(), "params"))


def parse_query_file(path: Path) -> AnalystQuery:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    return AnalystQuery(
        name=path.stem,
        title=_field(lines, "title") or path.stem,
        question=_field(lines, "question"),
        params=_field(lines, "params"),
        text=text,
    )


@cache
def bundled_queries() -> dict[str, AnalystQuery]:
    """The shipped queries by name, in name order (empty when the folder is missing)."""
    if not _FOLDER.is_dir():
        return {}
    return {p.stem: parse_query_file(p) for p in sorted(_FOLDER.glob("*.rq"))}
