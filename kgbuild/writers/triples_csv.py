"""``triples.csv``: one row per distinct (subject, predicate, object, negated)."""

from __future__ import annotations

import csv
from pathlib import Path

from kgbuild.fsutil import atomic_write
from kgbuild.records import KnowledgeGraph
from kgbuild.table import COLUMNS, rows


def write(kg: KnowledgeGraph, path: str | Path) -> None:
    with atomic_write(path) as fh:
        w = csv.DictWriter(fh, fieldnames=list(COLUMNS), lineterminator="\n")
        w.writeheader()
        for r in rows(kg):
            w.writerow({k: str(v).lower() if isinstance(v, bool) else v for k, v in r.items()})
