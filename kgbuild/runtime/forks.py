"""Forked copies of a build that never outlive it.

A build forks copies of itself to work beside it: one analyzes new articles while the cache
is read (:class:`kgbuild.engine.Beside`), one writes the RDF files (:func:`kgbuild.outputs.
write_in_two`), one validates the graph meanwhile (:class:`Forked`), one stores the state
for the next build (:class:`kgbuild.reuse.StateJob`). ``KGBUILD_FORK=off`` keeps the build in
its own process.
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
from collections.abc import Callable
from typing import Any

from kgbuild.runtime import turned_off

#: The environment variable that keeps the build in one process (``off``).
ENVIRONMENT = "KGBUILD_FORK"

#: ``prctl`` option: the signal a process receives when its parent dies.
_PR_SET_PDEATHSIG = 1


def can_fork() -> bool:
    """Whether the build may fork copies of itself: the system can, and ``KGBUILD_FORK=off``
    does not say otherwise (then the build does all its work in its own process, one thing
    after another)."""
    import multiprocessing

    return not turned_off(ENVIRONMENT) and "fork" in multiprocessing.get_all_start_methods()


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


class Forked:
    """``fn(*args)`` run at once in a forked copy of this process; :meth:`result` waits for
    its value (which must pickle) or raises what it raised.

    >>> Forked(sum, [1, 2, 3]).result()
    6
    """

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        import multiprocessing

        ctx = multiprocessing.get_context("fork")
        self.conn, send = ctx.Pipe(duplex=False)
        self.child = ctx.Process(target=self._work, args=(send, os.getpid(), fn, args))
        self.child.start()
        send.close()
        self.answered = False

    @staticmethod
    def _work(conn: Any, parent: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
        die_with_parent(parent)
        try:
            msg: tuple[bool, Any] = (True, fn(*args))
        except BaseException as exc:  # reported to the parent, which raises it
            msg = (False, exc)
        with contextlib.suppress(OSError):  # a parent that gave up no longer listens
            conn.send(msg)
            conn.close()

    def result(self) -> Any:
        """The value of the call; :class:`ChildProcessError` if the copy died first."""
        try:
            ok, value = self.conn.recv()
            self.answered = True
        except EOFError:
            raise ChildProcessError("a forked copy of the build died") from None
        finally:
            self.stop()
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """End the copy: wait for it once it has answered, else kill it."""
        if not self.answered:
            self.child.kill()
        self.child.join()
        self.conn.close()


__all__ = ["ENVIRONMENT", "Forked", "can_fork", "die_with_parent"]
