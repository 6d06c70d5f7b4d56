"""An installed wheel carries what a source checkout reads from the repository: the ontology,
the shapes and the analyst queries. The wheel is built with pip and imported from an unpacked
copy, away from the checkout."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    cmd = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    (path,) = out.glob("kgbuild-*.whl")
    return path


def test_wheel_lists_the_ontology_and_the_queries(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for f in ("kgbuild.ttl", "shapes.ttl"):
        assert f"kgbuild/ontology/{f}" in names
    for q in (ROOT / "queries").glob("*.rq"):
        assert f"kgbuild/queries/{q.name}" in names
    assert any(n.startswith("kgbuild/data/") for n in names)
    assert any(n.startswith("kgbuild/templates/") for n in names)


def test_unpacked_wheel_finds_its_own_files(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import kgbuild, pathlib;"
        "from kgbuild.rdf.ontology import load_ontology, ontology_path, shapes_path;"
        "from kgbuild.analyst_queries import bundled_queries;"
        "root = pathlib.Path(kgbuild.__file__).parent;"
        "assert ontology_path().is_relative_to(root), ontology_path();"
        "assert shapes_path().is_relative_to(root);"
        "assert len(load_ontology()) > 100;"
        "print(root, len(bundled_queries()))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    root, count = done.stdout.split()
    assert Path(root) == site / "kgbuild"
    assert int(count) == len(list((ROOT / "queries").glob("*.rq")))
