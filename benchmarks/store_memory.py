"""Peak memory of loading a build's ``graph.nq`` into a new embedded store, as the build does it
(in pieces, see :func:`kgbuild.store.build_store`), in this process alone. Not a test: a
measurement.

    python benchmarks/store_memory.py /tmp/wnfull            # a build folder
    python benchmarks/store_memory.py /tmp/wnfull --whole    # one bulk load of the whole file
"""

from __future__ import annotations

import argparse
import resource
import shutil
import tempfile
import time
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build", type=Path, help="build folder with graph.nq")
    ap.add_argument("--whole", action="store_true", help="load the file in one piece")
    args = ap.parse_args()
    from kgbuild import store

    work = Path(tempfile.mkdtemp(prefix="kgbuild-store-"))
    try:
        (work / "graph.nq").symlink_to((args.build / "graph.nq").resolve())
        if args.whole:
            store.CHUNK_BYTES = 1 << 62
        t = time.perf_counter()
        store.build_store(work)
        seconds = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = (args.build / "graph.nq").stat().st_size / 1e6
        piece = "whole file" if args.whole else f"pieces of {store.CHUNK_BYTES >> 20} MiB"
        print(f"graph.nq {size:,.0f} MB, {piece}: {seconds:.1f} s, peak {peak:,.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
