"""Name keys: the lower-cased runs of words by which a question's name parameter finds entities.

A name is found by itself and by each run of its words ("Bank of America" by "bank of
america", "bank", "america"), never by a run that begins or ends with a function word ("of",
"the", "bank of"): such a key would find thousands of entities and tell nothing about any.

>>> name_keys("The Bank of  America")
['america', 'bank', 'bank of america', 'the bank of america']
>>> name_keys("the")
['the']
"""

from __future__ import annotations

from collections.abc import Iterable

#: Names longer than this many words are indexed whole and by single words only.
MAX_KEY_WORDS = 8

#: Words a key never begins or ends with (unless the key is the whole name).
FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "of", "and", "or", "for", "in", "on", "at", "to", "by", "with", "from", "&"}
)


def name_key(text: str) -> str:
    """A name as the index keys it: lower-cased, its words separated by one space.

    >>> name_key("  Ana   FERREIRA ")
    'ana ferreira'
    """
    return " ".join(text.lower().split())


def _bounded(words: list[str]) -> bool:
    return words[0] not in FUNCTION_WORDS and words[-1] not in FUNCTION_WORDS


def name_keys(name: str) -> list[str]:
    """The keys a name is found by: lower-cased, the whole name and each run of its words that
    neither begins nor ends with a function word (every run for names of up to
    :data:`MAX_KEY_WORDS` words, else single words only), sorted.

    >>> name_keys("Ana  Ferreira")
    ['ana', 'ana ferreira', 'ferreira']
    """
    words = name_key(name).split()
    if not words:
        return []
    n = len(words)
    spans = (
        [(i, i + 1) for i in range(n)]
        if n > MAX_KEY_WORDS
        else [(i, j) for i in range(n) for j in range(i + 1, n + 1)]
    )
    runs = {" ".join(words[i:j]) for i, j in spans if _bounded(words[i:j])}
    return sorted(runs | {" ".join(words)})


def all_name_keys(names: Iterable[str]) -> tuple[str, ...]:
    """The keys of every name of an entity (its label and aliases), sorted, once each.

    >>> all_name_keys(["Ana Ferreira", "Ferreira"])
    ('ana', 'ana ferreira', 'ferreira')
    """
    return tuple(sorted({k for name in names for k in name_keys(name)}))


__all__ = ["FUNCTION_WORDS", "MAX_KEY_WORDS", "all_name_keys", "name_key", "name_keys"]
