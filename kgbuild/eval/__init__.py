"""Evaluation against public gold standards (``kgbuild eval``).

One module per measure, each with ``evaluate(path, **options) -> Result`` returning a frozen
record and ``report(result) -> str`` rendering it for people:

* :mod:`kgbuild.eval.carb` — Open IE tuples against CaRB;
* :mod:`kgbuild.eval.meantime` — event participants (Arg0/Arg1) against MEANTIME;
* :mod:`kgbuild.eval.coref` — entity mention clustering against MEANTIME coreference;
* :mod:`kgbuild.eval.timex` — normalized dates and negation against MEANTIME;
* :mod:`kgbuild.eval.ecb` — cross-document event and entity coreference against ECB+
  (metrics in :mod:`kgbuild.eval.conll`);
* :mod:`kgbuild.eval.audit` — a reading audit: facts of a build drawn at random into a sheet.

``carb``, ``meantime`` and ``ecb`` score what ``kgbuild extract`` or ``kgbuild build`` write, as
the reference scorers of ``../shared/eval/scorers`` do, and give their figures.
"""

#: Evaluation modules, by the name ``kgbuild eval NAME`` uses.
MEASURES = ("carb", "meantime", "coref", "timex", "ecb", "audit")
