"""Word lists of the events stage, read once from ``kgbuild/data/`` (``#`` starts a comment).

``factuality.tsv`` holds the factuality markers by category; verbs of saying are the
extractor's ``speech_verbs.txt`` together with the ``speech`` category of ``factuality.tsv``.

>>> "never" in words("negation")
True
>>> modal_marker("wo")
'will'
>>> "say" in speech_verbs()
True
"""

from __future__ import annotations

from functools import cache

from kgbuild import datafiles

_rows = datafiles.rows


@cache
def _factuality() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in _rows("factuality.tsv"):
        word, category = row[0].lower(), row[1]
        value = row[2] if len(row) > 2 and row[2] else word
        table.setdefault(category, {})[word] = value
    return table


def words(category: str) -> frozenset[str]:
    """The words of one category of ``factuality.tsv`` ("modal", "intent", "negation" …)."""
    return frozenset(_factuality().get(category, {}))


def claim_verbs(noun: str) -> frozenset[str]:
    """The verbs that make the claim a noun names ("allegation" → allege, accuse …).

    >>> sorted(claim_verbs("announcement"))
    ['announce']
    """
    value = _factuality().get("claim", {}).get(noun.lower(), "")
    return frozenset(v.strip() for v in value.split(",") if v.strip())


def modal_marker(word: str) -> str | None:
    """The normalized modality of a modal auxiliary ("wo" of "won't" → "will")."""
    return _factuality().get("modal", {}).get(word.lower())


@cache
def speech_verbs() -> frozenset[str]:
    """Lemmas whose clausal complement is attributed to their subject (say, tell, accuse …)."""
    extractor = {row[0].lower() for row in _rows("speech_verbs.txt")}
    return frozenset(extractor | set(words("speech")))


__all__ = ["claim_verbs", "modal_marker", "speech_verbs", "words"]
