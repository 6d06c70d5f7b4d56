"""Process-level tuning of a build: what the build changes in the processes it runs.

Each module changes one thing in a process, for speed, and each is turned off by an
environment variable (:func:`turned_off`); ``docs/runtime.md`` gives what each changes, its
gain and its variable. Only the build's orchestration applies them (the engine, the writing of
the outputs), to processes of its own: importing kgbuild, or calling its stages from a
program, changes nothing in that program's process.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

#: Values of a tuning's environment variable that turn the tuning off.
OFF = frozenset({"stock", "off", "0", "no", "false"})


def turned_off(variable: str, environ: Mapping[str, str] | None = None) -> bool:
    """Whether the environment variable ``variable`` turns its tuning off.

    >>> turned_off("KGBUILD_X", {"KGBUILD_X": "stock"}), turned_off("KGBUILD_X", {})
    (True, False)
    """
    value = (os.environ if environ is None else environ).get(variable, "")
    return value.strip().lower() in OFF


__all__ = ["OFF", "turned_off"]
