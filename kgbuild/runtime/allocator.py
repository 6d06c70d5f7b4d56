"""The C allocator of a worker process, told to keep the memory it frees for its next chunk.

A worker of ``-j N`` parses chunk after chunk of articles, each with a new ``nlp.pipe``, and
spaCy's parser allocates and frees its arrays, tens of megabytes, batch after batch. With
glibc's defaults, a block that large goes back to the system when it is freed (a mapping of its
own is unmapped; the top of the heap is trimmed once more than its trim threshold is free), and
the next chunk takes it back one page fault per page. Measured over 500 Wikinews articles in 16
chunks: 276,000 page faults and 2.4 s in the kernel for 29 s of work; with the thresholds
raised, 12,000 page faults and 0.3 s. (One long ``nlp.pipe`` in the build's own process, as with
``-j 1``, reuses its memory without help: 34,000 page faults over 600 articles.)

:func:`keep_freed_memory` raises glibc's two thresholds for the rest of the process's life:
blocks of up to :data:`MMAP_THRESHOLD` come from the heap, and up to :data:`TRIM_THRESHOLD` of
free memory stays at its top, where the next batch finds it again. The worker's peak memory is
the same (511 MB in both cases above); it keeps that peak between chunks instead of returning
to it. It is meant for processes of kgbuild's own, never for a program that imports kgbuild.

Elsewhere than on glibc (macOS, musl), nothing changes. Set the environment variable
``KGBUILD_MALLOC=stock`` (or ``off``) to keep glibc's behaviour.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache
from typing import Any

from kgbuild.runtime import turned_off

#: The environment variable that leaves glibc's allocator as it is (``stock``).
ENVIRONMENT = "KGBUILD_MALLOC"

#: ``mallopt`` parameters (glibc's ``malloc.h``).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3

#: Blocks up to this size come from the heap (glibc: 128 KiB, rising with the blocks freed up to
#: 32 MiB).
MMAP_THRESHOLD = 64 << 20

#: Free memory kept at the top of the heap. The parser frees more than 128 MiB at once, so less
#: keeps too little (measured over 300 articles: 160,000 page faults with 128 MiB, 12,000 with
#: 256 MiB).
TRIM_THRESHOLD = 256 << 20


@cache
def _glibc() -> Any:
    """glibc's C library, or None where the process does not run on glibc."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.gnu_get_libc_version  # noqa: B018 - only glibc has it
        libc.mallopt  # noqa: B018
    except (OSError, AttributeError):
        return None
    return libc


def _set(libc: Any, mmap: int, trim: int) -> bool:
    return bool(libc.mallopt(M_MMAP_THRESHOLD, mmap)) and bool(libc.mallopt(M_TRIM_THRESHOLD, trim))


def keep_freed_memory() -> bool:
    """Keep the memory this process frees for its reuse, for the rest of its life (see the
    module); whether the allocator was told to. For processes of kgbuild's own, such as the
    workers of ``-j N``, that parse chunk after chunk."""
    libc = None if turned_off(ENVIRONMENT) else _glibc()
    return libc is not None and _set(libc, MMAP_THRESHOLD, TRIM_THRESHOLD)


__all__ = ["ENVIRONMENT", "keep_freed_memory"]
