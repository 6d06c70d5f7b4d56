"""Shared fixtures: the spaCy pipeline, the seed build, and paths to shared material."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CARB_DEV = SHARED / "eval" / "carb-dev"
MEANTIME_DEV = SHARED / "eval" / "meantime-dev"
WIKINEWS = SHARED / "corpora" / "wikinews"


@pytest.fixture(scope="session")
def nlp():
    """The default spaCy pipeline (slow to load: tests using it are marked slow)."""
    from kgbuild.nlp import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seeds built once into a temporary folder: (folder, summary)."""
    from kgbuild.pipeline import build

    out = tmp_path_factory.mktemp("seed-build")
    summary = build([SEEDS], out)
    return out, summary


@pytest.fixture(scope="session")
def seed_rows(seed_build):
    """The rows of the seed build's triples.csv."""
    out, _ = seed_build
    with open(out / "triples.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def needs(path: Path) -> pytest.MarkDecorator:
    """Skip cleanly when shared material (evaluation data, corpora) is absent."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not available")
