"""Forked copies of a build that never outlive it.

A build forks copies of itself to work beside it: one analyzes new articles while the cache
is read (:class:`kgbuild.engine.Beside`), one writes the RDF files (:func:`kgbuild.pipeline.
write_in_two`), one stores the state for the next build (:class:`kgbuild.reuse.StateJob`).
A copy holds what its parent held, the lock of the output folder included: one left running
after its parent was killed would keep writing temporaries and keep the next build out. On
Linux each copy asks the kernel to kill it when its parent dies; elsewhere this does nothing.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys

#: ``prctl`` option: the signal a process receives when its parent dies.
_PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    """Whether this system can fork copies of a process."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def die_with_parent(parent: int) -> None:
    """Call first thing in a forked copy: it is killed when ``parent`` (the pid that forked
    it) dies, and exits at once if that already happened."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(None).prctl(  # the C library's, already loaded in every process
            _PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0
        )
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


__all__ = ["can_fork", "die_with_parent"]
