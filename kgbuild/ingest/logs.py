"""Library logs kept off the terminal while a file is read."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator


@contextlib.contextmanager
def quiet_logs(*loggers: str) -> Iterator[None]:
    """The warnings libraries log about a file kept off the terminal while they read it: a
    file's problems are reported once, as one line."""
    logs = [logging.getLogger(name) for name in loggers]
    levels = [log.level for log in logs]
    for log in logs:
        log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for log, level in zip(logs, levels, strict=True):
            log.setLevel(level)
