"""The collector's pause for ``kgbuild/writers/html.py``, whose rewrite is under way; the pause
itself is :func:`kgbuild.runtime.collector.gc_paused`. No other module imports this one (an
import contract holds it)."""

from __future__ import annotations

from kgbuild.runtime.collector import gc_paused

__all__ = ["gc_paused"]
