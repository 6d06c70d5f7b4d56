"""The gender a person's first name usually has, for pronoun agreement ("she" is not John).

The names come from the ``gename`` package (133,000 first names, each with the gender most
people who bear it have; ISC-style licence). A name it does not know, or an initial, gives no
gender: the resolver then does not use gender for that person. Titles ("Mrs", "Lord") still
decide where the article writes one.

>>> first_name_gender("John Smith"), first_name_gender("Anna Berg"), first_name_gender("X. Y.")
('m', 'f', '')
>>> given_name_gender("Néstor")  # listed without its accent
'm'
"""

from __future__ import annotations

import sqlite3
import threading
import unicodedata
from functools import lru_cache
from importlib import resources

_LOCAL = threading.local()


def _cursor() -> sqlite3.Cursor | None:
    """A cursor on the names database, one per thread (and per process after a fork)."""
    cur = getattr(_LOCAL, "cursor", None)
    if cur is None:
        try:
            path = resources.files("gename").joinpath("names.db")
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        except (ModuleNotFoundError, sqlite3.Error):
            return None
        cur = _LOCAL.cursor = conn.cursor()
    return cur


@lru_cache(maxsize=1 << 14)
def given_name_gender(name: str) -> str:
    """``m``, ``f`` or ``""`` for a given name."""
    word = name.strip().lower()
    if len(word) < 2 or not word.isalpha():
        return ""
    cur = _cursor()
    if cur is None:
        return ""
    try:
        row = cur.execute("SELECT gender FROM name_gender WHERE name = ?", (word,)).fetchone()
        plain = _unaccented(word)
        if row is None and plain != word:  # "Néstor" is listed as "nestor"
            row = cur.execute("SELECT gender FROM name_gender WHERE name = ?", (plain,)).fetchone()
    except sqlite3.Error:
        return ""
    return {"M": "m", "F": "f"}.get(row[0], "") if row else ""


def _unaccented(word: str) -> str:
    """The word without its accents ("néstor" → "nestor")."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)
    )


def first_name_gender(full_name: str) -> str:
    """The gender of the first word of a full name ("Angela Merkel" → ``f``); none for a
    single word (a surname alone says nothing)."""
    words = full_name.replace("-", " ").split()
    return given_name_gender(words[0]) if len(words) >= 2 else ""


__all__ = ["first_name_gender", "given_name_gender"]
