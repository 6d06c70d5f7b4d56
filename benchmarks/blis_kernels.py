"""BLIS's own kernels against those kgbuild installs: same annotations, and how much faster.

Where BLIS does not recognize the processor it multiplies with ``generic`` kernels, and
:func:`kgbuild.runtime.blis.tune` gives it those of the nearest configuration it holds. This
parses the first N articles (sorted by file name) of the Wikinews corpus, read in place, with
one copy of the model, each batch twice: with BLIS's own choice of kernels, then with the
tuned ones. Every token's tag, part of speech, morphology, lemma, head, dependency label,
entity and sentence start must be the same; the report gives the documents that differ (none
expected) and the seconds of each, wall and CPU. On a processor BLIS recognizes there is
nothing to compare and the script says so.

    .venv/bin/python benchmarks/blis_kernels.py            # every article (~12 min)
    .venv/bin/python benchmarks/blis_kernels.py -n 300     # the first 300
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from attribute_table import compare, count_words, main, report


def run(n: int | None, corpus: Path, model: str | None) -> int:
    import spacy

    from kgbuild.nlp import DEFAULT_MODEL
    from kgbuild.nlp.attributes import compile_ruler
    from kgbuild.runtime.blis import Blis, libraries

    model = model or DEFAULT_MODEL
    libs = list(libraries())
    plan = [(lib, lib.configuration, lib.replacement) for lib in libs]
    if not plan or any(tuned is None for _lib, _own, tuned in plan):
        print("BLIS recognizes this processor (or is missing): nothing to compare")
        for lib, own, _tuned in plan:
            print(f"  {lib.path}: {own}")
        return 0
    files = sorted(corpus.glob("*.txt"))[:n]
    texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
    nlp = spacy.load(model)
    compile_ruler(nlp)
    own, tuned = plan[0][1], str(plan[0][2])

    def parse_with(kernels: dict[Blis, str]) -> Callable[[list[str]], list[Any]]:
        def parse(batch: list[str]) -> list[Any]:
            for lib, name in kernels.items():
                lib.install(name)
            return list(nlp.pipe(batch))

        return parse

    spent, differ = compare(
        files,
        texts,
        {
            f"BLIS's {own} kernels": parse_with({lib: own for lib, _own, _tuned in plan}),
            f"BLIS's {tuned} kernels": parse_with({lib: str(c) for lib, _own, c in plan}),
        },
    )
    print(f"{len(texts):,} articles ({count_words(texts):,} words) of {corpus}, model {model}")
    cpu = plan[0][0].processor
    features = ", ".join(sorted(cpu.features))
    print(f"  processor: {cpu.vendor}, family {cpu.family}, model {cpu.model}, {features}")
    return report(spent, differ, f"the pipeline with the {tuned} kernels")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:], run, __doc__))
