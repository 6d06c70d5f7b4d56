"""Reading the data files in ``kgbuild/data/``: one line per entry, ``#`` starts a comment.

>>> "say" in lines("speech_verbs.txt")
True
>>> rows("titles.tsv")[0][0] != ""
True
"""

from __future__ import annotations

from importlib import resources


def lines(name: str) -> list[str]:
    """The non-blank, non-comment lines of a data file, stripped; an absent file has none."""
    path = resources.files("kgbuild.data").joinpath(name)
    if not path.is_file():
        return []
    stripped = (ln.strip() for ln in path.read_text(encoding="utf-8").splitlines())
    return [ln for ln in stripped if ln and not ln.startswith("#")]


def rows(name: str) -> list[list[str]]:
    """The TAB-separated fields of each line of :func:`lines`, stripped."""
    return [[f.strip() for f in ln.split("\t")] for ln in lines(name)]
