"""Names as written → names as keys: clean-up, normalization, acronyms, person name parts.

News writes one entity many ways: "Russia’s", "RUSSIA", "the United States", "U.S.",
"Mr. Macron". These pure functions turn surface strings into the forms the resolver compares.

>>> clean_name("the Russian Defense Ministry’s")
'Russian Defense Ministry'
>>> norm("Organization for Security and Co-operation in Europe")
'organization for security and co operation in europe'
>>> acronym_key("U.S."), acronym_key("G-7"), acronym_key("us")
('US', 'G7', None)
>>> display_case("MOSCOW"), display_case("NATO"), display_case("Angela Merkel")
('Moscow', 'NATO', 'Angela Merkel')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Apostrophes news text uses for possessives.
APOSTROPHES = "'’‘`´"

#: Company-form suffixes dropped from organisation keys ("Boeing Co." ~ "Boeing").
CORPORATE_SUFFIXES = frozenset(
    {
        "inc",
        "inc.",
        "incorporated",
        "corp",
        "corp.",
        "corporation",
        "co",
        "co.",
        "company",
        "ltd",
        "ltd.",
        "limited",
        "llc",
        "plc",
        "ag",
        "sa",
        "s.a.",
        "nv",
        "n.v.",
        "se",
        "gmbh",
        "holdings",
    }
)

_POSSESSIVE = re.compile(r"[" + APOSTROPHES + r"]s?$")
_EDGE_PUNCT = ' \t\n"“”„«»()[]{},;:!?—–-' + APOSTROPHES
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,6}$")
_INITIAL = re.compile(r"^[A-Z]\.?$")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Unicode-normalized text with straight apostrophes and single spaces."""
    t = unicodedata.normalize("NFKC", text)
    for a in APOSTROPHES:
        t = t.replace(a, "'")
    return " ".join(t.split())


def clean_name(text: str) -> str:
    """A name phrase without leading article, trailing possessive and edge punctuation.

    >>> clean_name("Russia’s"), clean_name("the United States’"), clean_name("“NATO”")
    ('Russia', 'United States', 'NATO')
    >>> clean_name("U.S."), clean_name("The Kremlin")
    ('U.S.', 'Kremlin')
    """
    t = " ".join(text.split())
    prev = None
    while t != prev:
        prev = t
        t = t.strip(_EDGE_PUNCT.replace(".", ""))
        t = _POSSESSIVE.sub("", t) if len(t) > 2 else t
        t = re.sub(r"^(the|The|THE)\s+", "", t)
        if t.endswith(".") and not re.search(r"\.[^.\s]+\.$|\b[A-Z]\.$", t):
            t = t[:-1]
    return t


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """The comparison form of a name: folded accents, lower case, words of letters and digits.

    >>> norm("Élysée Palace"), norm("the Kremlin"), norm("Russia's")
    ('elysee palace', 'kremlin', 'russia s')
    """
    t = unicodedata.normalize("NFKD", fold(text)).encode("ascii", "ignore").decode("ascii")
    t = re.sub(r"[^a-z0-9]+", " ", t.lower()).strip()
    return t[4:] if t.startswith("the ") else t


def acronym_key(text: str) -> str | None:
    """The acronym a token sequence spells ("U.S." → "US"), None if it is not all capitals."""
    t = re.sub(r"[.\-\s]", "", text.strip())
    return t if _ACRONYM.match(t) and t.upper() == t else None


def is_acronym(text: str) -> bool:
    return acronym_key(text) is not None


def display_case(text: str) -> str:
    """Title-case a name written in capitals ("MOSCOW"), keeping acronyms ("NATO") as they are."""
    if text.upper() != text or not any(c.isalpha() for c in text):
        return text
    if all(is_acronym(w) and len(w.strip(".")) <= 4 for w in text.split()):
        return text
    return " ".join(w.capitalize() if len(w) > 1 else w for w in text.split())


def strip_corporate(text: str) -> str:
    """
    >>> strip_corporate("Boeing Co."), strip_corporate("General Motors Corporation")
    ('Boeing', 'General Motors')
    """
    words = text.replace(",", " ").split()
    while len(words) > 1 and words[-1].lower() in CORPORATE_SUFFIXES:
        words.pop()
    return " ".join(words)


def initials(text: str) -> str:
    """
    >>> initials("General Motors"), initials("Organization of the Petroleum Exporting Countries")
    ('GM', 'OPEC')
    """
    small = {"of", "the", "and", "for", "in", "on", "de", "&"}
    return "".join(w[0].upper() for w in re.split(r"[\s\-]+", text) if w and w.lower() not in small)


def person_key_name(name: str) -> str:
    """The key form of a person name: normalized, middle initials kept, so that George H. W.
    Bush and George W. Bush stay two people.

    >>> person_key_name("George W. Bush"), person_key_name("George H.W. Bush")
    ('george w bush', 'george h w bush')
    >>> person_key_name("Angela Merkel")
    'angela merkel'
    """
    return norm(" ".join(_split_initials(name.split())))


def _split_initials(words: list[str]) -> list[str]:
    """Glued initials apart: "H.W." → "H.", "W."."""
    out: list[str] = []
    for w in words:
        if re.fullmatch(r"(?:[A-Z]\.){2,}", w):
            out.extend(f"{c}." for c in w if c != ".")
        else:
            out.append(w)
    return out


def name_subsumes(long_key: str, short_key: str) -> bool:
    """Whether a person key names, in full, whom a shorter one does: the same first and last
    name, and the shorter's middle names among the longer's; middle initials, when the shorter
    has any, all the same ("george h w bush" is not "george w bush").

    >>> name_subsumes("person:earl lauer butz", "person:earl butz")
    True
    >>> name_subsumes("person:george h w bush", "person:george bush")
    True
    >>> name_subsumes("person:george h w bush", "person:george w bush")
    False
    """
    a, b = key_name(long_key).split(), key_name(short_key).split()
    if len(a) <= len(b) or len(b) < 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    long_mid, short_mid = a[1:-1], b[1:-1]
    if any(len(w) == 1 for w in short_mid) and [w for w in long_mid if len(w) == 1] != [
        w for w in short_mid if len(w) == 1
    ]:
        return False
    return all(w in long_mid for w in short_mid)


def surname(name: str) -> str:
    """The last word of a normalized person name ("angela merkel" → "merkel")."""
    parts = norm(name).split()
    return parts[-1] if parts else ""


def entity_key(type_: str, label: str) -> str:
    """A stable key for an entity that no gazetteer knows: its type and normalized name.

    >>> entity_key("Person", "Angela  Merkel"), entity_key("Organization", "Boeing Co.")
    ('person:angela merkel', 'organization:boeing')
    """
    name = strip_corporate(label) if type_ == "Organization" else label
    name = person_key_name(name) if type_ == "Person" else norm(name)
    return f"{type_.lower()}:{name}"


def key_name(key: str) -> str:
    """The name part of a key ("person:angela merkel" → "angela merkel")."""
    return key.split(":", 1)[1] if ":" in key else key


def key_type(key: str) -> str:
    return key.split(":", 1)[0] if ":" in key else ""


__all__ = [
    "acronym_key",
    "clean_name",
    "display_case",
    "entity_key",
    "fold",
    "initials",
    "is_acronym",
    "key_name",
    "key_type",
    "name_subsumes",
    "norm",
    "person_key_name",
    "strip_corporate",
    "surname",
]
