"""CSV cells that a spreadsheet shows as text, never runs as a formula.

Excel, LibreOffice and Google Sheets read a cell that begins with ``=``, ``+``, ``-`` or ``@``
as a formula (``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0``), and some also after a tab, a
carriage return or a line feed. Article text reaches every CSV file kgbuild writes (names,
labels, evidence), so each such cell gets a leading ``'``, OWASP's rule for CSV injection;
spreadsheets show the rest as text. The full-width forms (``＝``, ``＋``, ``－``, ``＠``) count
too: some spreadsheets read them as their ASCII twins.

Only CSV and TSV cells change: the RDF files, the JSON files and the Cypher script keep the
raw value. A plain number (``-3``, ``+0.5``) stays as it is: a spreadsheet reads it as itself.
Every writer of a delimited file calls :func:`safe_cell` on each cell it writes.

>>> safe_cell('=HYPERLINK("http://evil.example/x","click")')
'\\'=HYPERLINK("http://evil.example/x","click")'
>>> safe_cell("+cmd|' /C calc'!A0"), safe_cell("@SUM(A1)"), safe_cell("-1+2")
("'+cmd|' /C calc'!A0", "'@SUM(A1)", "'-1+2")
>>> safe_cell("a\\r=1+1"), safe_cell("\\r=1")
('a\\n=1+1', "'\\n=1")
>>> safe_cell("Anna Berg"), safe_cell(-0.5), safe_cell("-3"), safe_cell(None)
('Anna Berg', '-0.5', '-3', '')
"""

from __future__ import annotations

import re
from typing import Any

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
#: A plain number, which a spreadsheet reads as itself: ``-3``, ``+0.5``, ``1e-3``.
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def safe_cell(value: Any) -> str:
    """The text of a CSV cell: ``value`` as a string (``None`` is empty, numbers as Python
    writes them), with a ``'`` in front when a spreadsheet would read it as a formula. Carriage returns
    become line feeds, which the csv module quotes (a bare one would end the row there)."""
    if value is None:
        return ""
    text = str(value)
    if "\r" in text:  # the csv module quotes a cell holding "\n", not one holding a lone "\r"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text and text[0] in FORMULA_STARTS and not _NUMBER.fullmatch(text):
        return "'" + text
    return text  # (a number is a number, even a negative one)


def safe_row(values: Any) -> list[str]:
    """:func:`safe_cell` of each value of a row."""
    return [safe_cell(v) for v in values]
