"""The version of kgbuild, for the modules that write it into outputs (the root package
re-exports it as ``kgbuild.__version__``)."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
