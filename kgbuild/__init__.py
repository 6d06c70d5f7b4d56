"""kgbuild: event knowledge graphs from news articles.

>>> from kgbuild import __version__
>>> isinstance(__version__, str)
True

The Python API (:mod:`kgbuild.api`) is imported when first used, so that ``import kgbuild``
stays cheap: ``kgbuild.build(paths)``, ``kgbuild.load(folder)``, ``kgbuild.Build``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kgbuild.version import __version__

if TYPE_CHECKING:
    from kgbuild.api import Build, build, load

_API = frozenset({"Build", "build", "load"})


def __getattr__(name: str) -> Any:
    if name in _API:
        from kgbuild import api

        return getattr(api, name)
    raise AttributeError(f"module 'kgbuild' has no attribute {name!r}")


__all__ = ["Build", "__version__", "build", "load"]
