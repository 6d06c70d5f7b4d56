"""Matrix kernels for spaCy's BLIS on processors that BLIS does not recognize.

spaCy's models multiply their matrices with BLIS (the ``blis`` package, through thinc and
spaCy's parser). When it starts, BLIS reads the processor's family and features and picks a
*configuration*: kernels written for that processor, or ``generic`` reference kernels in plain
C when it knows no better. The BLIS inside ``blis`` (0.7) knows AMD processors only up to the
Zen 2 family, so on Zen 3, Zen 4 and later it runs ``generic``: there the model's matrix
products take three to four times as long as they need, and the whole parse half as long again
(464 against 303 CPU-seconds over the Wikinews corpus on a Zen 4).

:func:`tune` looks at what BLIS picked. When it is ``generic`` on an x86-64 processor that has
AVX, AVX2 and FMA (as BLIS's own ``cpuid`` code reads them), it puts the kernels of the
nearest configuration the library holds into the native context BLIS uses: ``zen2`` on AMD,
``haswell`` otherwise. Then it multiplies test matrices with each library and compares them
with numpy; on any mismatch it puts the ``generic`` kernels back. The model's annotations do
not change (``benchmarks/blis_kernels.py`` compares them over a corpus); only the order of a
few floating-point sums does.

Only the build applies this, to the processes that analyze articles (:mod:`kgbuild.engine`),
and the commands that parse (``kgbuild extract``, ``kgbuild eval``); loading a model through
the library (:func:`kgbuild.nlp.load_model`) leaves BLIS as it is. Set the environment
variable ``KGBUILD_BLIS=stock`` (or ``off``) to leave BLIS's own choice.

>>> choose("generic", "amd", frozenset({"avx", "avx2", "fma3"}))
'zen2'
>>> choose("generic", "intel", frozenset({"avx", "avx2", "fma3"}))
'haswell'
>>> choose("zen2", "amd", frozenset({"avx", "avx2", "fma3"})) is None
True
>>> choose("generic", "amd", frozenset({"avx"})) is None
True
"""

from __future__ import annotations

import ctypes
import logging
import platform
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property

import numpy

from kgbuild.runtime import turned_off

#: The environment variable that turns the tuning off (``stock``).
ENVIRONMENT = "KGBUILD_BLIS"

#: The configuration BLIS falls back to: reference kernels in plain C.
GENERIC = "generic"

#: Features a replacement configuration needs, as BLIS's ``cpuid`` names them.
NEEDED = frozenset({"avx", "avx2", "fma3"})

#: BLIS 0.7's feature bits (``frame/base/bli_cpuid.h``).
FEATURE_BITS = {
    "sse3": 0x01,
    "ssse3": 0x02,
    "sse41": 0x04,
    "sse42": 0x08,
    "avx": 0x10,
    "avx2": 0x20,
    "fma3": 0x40,
    "fma4": 0x80,
    "avx512f": 0x100,
}

#: BLIS 0.7's vendor codes.
VENDORS = {0: "intel", 1: "amd"}

#: What each vendor's processors run instead of ``generic``: the newest configuration of
#: the vendor that BLIS 0.7 holds (both use the Haswell kernels for single precision).
REPLACEMENTS = {"amd": "zen2", "intel": "haswell"}

#: The functions of the BLIS library this module calls.
_SYMBOLS = (
    "bli_init",
    "bli_arch_query_id",
    "bli_arch_string",
    "bli_cpuid_query",
    "bli_gks_lookup_nat_cntx",
    "bli_info_get_gemm_ukr_impl_string",
    "bli_sgemm",
)

#: Test products (m, k, n): small, skinny and large enough for BLIS's blocked path.
_TEST_SHAPES = ((7, 5, 3), (67, 45, 83), (300, 288, 96), (257, 96, 288))

_log = logging.getLogger(__name__)

#: By library path, the configuration whose kernels were installed in this process.
_INSTALLED: dict[str, str] = {}

#: By library path, what :func:`tune` decided in this process (None: left as it was).
_TUNED: dict[str, str | None] = {}


def choose(current: str, vendor: str, features: frozenset[str]) -> str | None:
    """The configuration to run instead of ``current``; None to keep ``current``."""
    if current != GENERIC or not features >= NEEDED:
        return None
    return REPLACEMENTS.get(vendor, REPLACEMENTS["intel"])


@dataclass(frozen=True)
class Processor:
    """What BLIS reads off the processor."""

    vendor: str
    family: int
    model: int
    features: frozenset[str]


class Blis:
    """One BLIS library (the ``blis`` package links a copy into each of its modules)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._lib = ctypes.CDLL(path)
        for name in _SYMBOLS:
            getattr(self._lib, name)  # AttributeError when the library lacks it
        self._lib.bli_arch_query_id.restype = ctypes.c_int
        self._lib.bli_arch_string.restype = ctypes.c_char_p
        self._lib.bli_gks_lookup_nat_cntx.restype = ctypes.c_void_p
        self._lib.bli_cpuid_query.restype = ctypes.c_uint32
        self._lib.bli_info_get_gemm_ukr_impl_string.restype = ctypes.c_char_p
        self._lib.bli_init()

    @property
    def configuration(self) -> str:
        """The configuration BLIS picked for this processor."""
        name: bytes = self._lib.bli_arch_string(self._lib.bli_arch_query_id())
        return name.decode()

    @property
    def kernels(self) -> str:
        """The configuration whose kernels the library runs (its choice unless tuned)."""
        return _INSTALLED.get(self.path, self.configuration)

    @property
    def sgemm_kernel(self) -> str:
        """How BLIS itself describes the kernel its single-precision products run:
        ``refrnce`` (reference C) or ``optimzd``."""
        native, single = 6, 0  # BLIS_NAT, BLIS_FLOAT
        text: bytes = self._lib.bli_info_get_gemm_ukr_impl_string(native, single)
        return text.decode()

    @cached_property
    def processor(self) -> Processor:
        """The processor, as BLIS's ``cpuid`` reads it."""
        family, model, bits = ctypes.c_uint32(), ctypes.c_uint32(), ctypes.c_uint32()
        vendor = self._lib.bli_cpuid_query(
            ctypes.byref(family), ctypes.byref(model), ctypes.byref(bits)
        )
        features = frozenset(f for f, bit in FEATURE_BITS.items() if bits.value & bit)
        return Processor(VENDORS.get(vendor, "other"), family.value, model.value, features)

    def holds(self, configuration: str) -> bool:
        """Whether the library was built with ``configuration``'s kernels."""
        return hasattr(self._lib, f"bli_cntx_init_{configuration}")

    @property
    def replacement(self) -> str | None:
        """The configuration :func:`tune` gives the library (see :func:`choose`), if the
        library holds it; None when BLIS's own choice stays."""
        cpu = self.processor
        choice = choose(self.configuration, cpu.vendor, cpu.features)
        return choice if choice is not None and self.holds(choice) else None

    def install(self, configuration: str) -> None:
        """Run ``configuration``'s kernels wherever BLIS runs its own choice's."""
        context = self._lib.bli_gks_lookup_nat_cntx(self._lib.bli_arch_query_id())
        getattr(self._lib, f"bli_cntx_init_{configuration}")(ctypes.c_void_p(context))
        _INSTALLED[self.path] = configuration

    def sgemm(self, a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
        """``a @ b`` in single precision, computed by this library."""
        a = numpy.ascontiguousarray(a, dtype="float32")
        b = numpy.ascontiguousarray(b, dtype="float32")
        (m, k), n = a.shape, b.shape[1]
        c = numpy.zeros((m, n), dtype="float32")
        one, zero = ctypes.c_float(1.0), ctypes.c_float(0.0)
        dim, ptr = ctypes.c_int64, ctypes.c_void_p
        self._lib.bli_sgemm(
            ctypes.c_int(0),  # BLIS_NO_TRANSPOSE
            ctypes.c_int(0),
            dim(m),
            dim(n),
            dim(k),
            ctypes.byref(one),
            ptr(a.ctypes.data),
            dim(k),
            dim(1),
            ptr(b.ctypes.data),
            dim(n),
            dim(1),
            ctypes.byref(zero),
            ptr(c.ctypes.data),
            dim(n),
            dim(1),
        )
        return c

    def multiplies_right(self) -> bool:
        """Whether the library's products of test matrices agree with numpy's."""
        rng = numpy.random.default_rng(0)
        for m, k, n in _TEST_SHAPES:
            a = rng.standard_normal((m, k)).astype("float32")
            b = rng.standard_normal((k, n)).astype("float32")
            want = a.astype("float64") @ b.astype("float64")
            if not numpy.allclose(self.sgemm(a, b), want, rtol=1e-4, atol=1e-4 * k):
                return False
        return True


def libraries() -> Iterator[Blis]:
    """The BLIS libraries of the ``blis`` package that spaCy and thinc call."""
    try:
        import blis.cy
        import blis.py
    except ImportError:
        return
    for module in (blis.cy, blis.py):
        path = getattr(module, "__file__", None)
        if not path:
            continue
        try:
            yield Blis(path)
        except (OSError, AttributeError):
            continue


def tune(environ: Mapping[str, str] | None = None) -> str | None:
    """Give BLIS the kernels of the nearest configuration where it picked ``generic`` (see
    the module's documentation); the configuration installed, or None when BLIS is left as
    it is. Safe to call again."""
    if turned_off(ENVIRONMENT, environ) or platform.machine().lower() not in {"x86_64", "amd64"}:
        return None
    installed = None
    for lib in libraries():
        if lib.path not in _TUNED:
            _TUNED[lib.path] = _tune(lib)
        choice = _TUNED[lib.path]
        if choice is not None and lib.kernels != choice:  # given back since: install again
            lib.install(choice)
        installed = choice or installed
    return installed


@contextmanager
def tuned(environ: Mapping[str, str] | None = None) -> Iterator[str | None]:
    """BLIS tuned (:func:`tune`) for the block, then given back the kernels it ran before:
    the analysis of a build runs tuned, and a program that runs a build in its own process
    gets its BLIS back as it was."""
    before = [(lib, lib.kernels) for lib in libraries()]
    try:
        yield tune(environ)
    finally:
        for lib, kernels in before:
            if lib.kernels != kernels:
                lib.install(kernels)


def _tune(lib: Blis) -> str | None:
    choice = lib.replacement
    if choice is None:
        return None
    lib.install(choice)
    if not lib.multiplies_right():
        lib.install(lib.configuration)
        _log.warning("BLIS %s kernels disagree with numpy in %s: not used", choice, lib.path)
        return None
    _log.info("BLIS picked generic kernels for %s; running %s's", lib.processor, choice)
    return choice


__all__ = [
    "ENVIRONMENT",
    "GENERIC",
    "Blis",
    "Processor",
    "choose",
    "libraries",
    "tune",
    "tuned",
]
