"""Word lists of the actors stage, read lazily from ``kgbuild/data`` and cached.

* ``titles.tsv`` — titles and roles ("Foreign Minister", kind ``minister``), honorifics;
* ``actors_lexicon.tsv`` — speech verbs, locative prepositions, verbs taking a place as
  object, state institutions ("government"), institutions ("defense ministry"), and the nouns
  of definite descriptions ("the company", "the country").

Nothing is read at import time: every loader is a cached function.

>>> title_info("foreign minister").title, title_info("Foreign Minister").kind
('Foreign Minister', 'minister')
>>> "say" in words("speech") and "in" in words("locative")
True
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from kgbuild import datafiles

#: Personal pronouns by person/number/gender: the resolver's agreement table.
PRONOUNS: dict[str, tuple[str, str]] = {
    # word: (class, gender)   class: first-sg, first-pl, third-sg-person, third-sg-thing, third-pl
    "i": ("first-sg", ""),
    "me": ("first-sg", ""),
    "my": ("first-sg", ""),
    "mine": ("first-sg", ""),
    "myself": ("first-sg", ""),
    "we": ("first-pl", ""),
    "us": ("first-pl", ""),
    "our": ("first-pl", ""),
    "ours": ("first-pl", ""),
    "ourselves": ("first-pl", ""),
    "he": ("third-sg-person", "m"),
    "him": ("third-sg-person", "m"),
    "his": ("third-sg-person", "m"),
    "himself": ("third-sg-person", "m"),
    "she": ("third-sg-person", "f"),
    "her": ("third-sg-person", "f"),
    "hers": ("third-sg-person", "f"),
    "herself": ("third-sg-person", "f"),
    "it": ("third-sg-thing", ""),
    "its": ("third-sg-thing", ""),
    "itself": ("third-sg-thing", ""),
    "they": ("third-pl", ""),
    "them": ("third-pl", ""),
    "their": ("third-pl", ""),
    "theirs": ("third-pl", ""),
    "themselves": ("third-pl", ""),
}

#: Words that are never an entity name on their own (second person, demonstratives …).
NON_NAMES = frozenset(
    {"you", "your", "yours", "yourself", "this", "that", "these", "those", "who", "which", "what"}
)


@dataclass(frozen=True, slots=True)
class TitleInfo:
    """One title of ``titles.tsv``: its cased form, kind and the gender it implies."""

    title: str
    kind: str
    gender: str = ""


def data_lines(name: str) -> Iterator[list[str]]:
    """The TAB-separated fields of each non-comment, non-blank line of a data file."""
    yield from datafiles.rows(name)


@cache
def titles() -> dict[str, TitleInfo]:
    """Titles by lower-cased form (``"secretary general"`` → TitleInfo)."""
    out: dict[str, TitleInfo] = {}
    for f in data_lines("titles.tsv"):
        f += [""] * (3 - len(f))
        out[f[0].lower()] = TitleInfo(f[0], f[1], f[2])
    return out


@cache
def title_words() -> frozenset[str]:
    """Every lower-cased word that occurs in a title (for scanning left of a name)."""
    return frozenset(w for t in titles() for w in t.split())


@cache
def max_title_words() -> int:
    return max(len(t.split()) for t in titles())


def title_info(text: str) -> TitleInfo | None:
    """The title a phrase is, if it is one (case-insensitive, hyphens as spaces)."""
    t = titles()
    key = " ".join(text.lower().split())
    return t.get(key) or t.get(key.replace("-", " "))


@cache
def words(category: str) -> frozenset[str]:
    """The words of one category of ``actors_lexicon.tsv`` (lower-case)."""
    return frozenset(f[1].lower() for f in data_lines("actors_lexicon.tsv") if f[0] == category)


def is_pronoun(word: str) -> bool:
    """
    >>> is_pronoun("He"), is_pronoun("Putney")
    (True, False)
    """
    return word.lower() in PRONOUNS


__all__ = [
    "NON_NAMES",
    "PRONOUNS",
    "TitleInfo",
    "data_lines",
    "is_pronoun",
    "max_title_words",
    "title_info",
    "title_words",
    "titles",
    "words",
]
