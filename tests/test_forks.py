"""Forked copies of the build: their value, their errors, their death."""

from __future__ import annotations

import os

import pytest

from kgbuild.runtime.forks import Forked, can_fork

pytestmark = pytest.mark.skipif(not can_fork(), reason="this system cannot fork")


def _fail(text: str) -> None:
    raise ValueError(text)


def _die() -> None:
    os._exit(3)


def _pid() -> int:
    return os.getpid()


def test_forked_returns_the_value_of_the_call_made_in_another_process():
    assert Forked(sorted, [3, 1, 2]).result() == [1, 2, 3]
    assert Forked(_pid).result() != os.getpid()


def test_forked_raises_what_the_call_raised():
    with pytest.raises(ValueError, match="bad input"):
        Forked(_fail, "bad input").result()


def test_forked_reports_a_copy_that_died():
    with pytest.raises(ChildProcessError):
        Forked(_die).result()


def test_stopping_a_copy_kills_it():
    import time

    f = Forked(time.sleep, 60)
    f.stop()
    assert not f.child.is_alive() and f.child.exitcode is not None and f.child.exitcode < 0
