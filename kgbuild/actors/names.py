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
>>> person_name_parts("French President Emmanuel Macron")
NameParts(title='French President', first='Emmanuel', middle='', last='Macron', suffix='', nickname='')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from kgbuild.actors.lexicon import titles

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


@dataclass(frozen=True, slots=True)
class NameParts:
    """A person name split into its parts, as written ("" for a part the name lacks)."""

    title: str = ""
    first: str = ""
    middle: str = ""
    last: str = ""
    suffix: str = ""
    nickname: str = ""

    @property
    def key(self) -> str:
        """The comparison form: first, middle and last names and suffix, without titles and
        nicknames; middle initials kept (George H. W. Bush is not George W. Bush); accents
        folded, so transliterations that differ only by them meet ("Erdoğan" ~ "Erdogan").

        >>> person_name_parts('Recep Tayyip "Sultan" Erdoğan').key
        'recep tayyip erdogan'
        >>> person_name_parts("George H.W. Bush").key
        'george h w bush'
        """
        middle = _split_initials(self.middle.split())
        return norm(" ".join((self.first, *middle, self.last, self.suffix)))

    @property
    def surname_key(self) -> str:
        """The last name without an Arabic article, however it is transliterated
        ("al-Assad", "Al Assad", "el-Assad" ~ "Assad"); accents folded.

        >>> person_name_parts("Bashar al-Assad").surname_key, person_name_parts("Assad").surname_key
        ('assad', 'assad')
        """
        return norm(_ARABIC_ARTICLE.sub("", self.last))


#: The Arabic article as news transliterates it at the start of a surname.
_ARABIC_ARTICLE = re.compile(r"^(?:[ae][ln]|[ae]d|[ae]sh?|[ae]t)[-\s'’]+(?=\w)", re.I)
#: At most this many words (a nationality, an organisation) may stand before a news title.
_TITLE_QUALIFIERS = 2


@lru_cache(maxsize=1 << 14)
def person_name_parts(text: str) -> NameParts:
    """A person name split into title, first, middle and last names, suffix and nickname.

    nameparser splits the name; the project adds what news writes and it lacks: the titles
    of ``titles.tsv`` with the words that qualify them ("Russian Foreign Minister"), and a
    lone name taken for a surname ("Harlow said", "President Harlow"), unless its title comes
    before given names ("King Charles").

    >>> person_name_parts("George W. Bush")
    NameParts(title='', first='George', middle='W.', last='Bush', suffix='', nickname='')
    >>> p = person_name_parts('U.S. Secretary of State Jonathan "Jon" Harlow Jr.')
    >>> p.title, p.first, p.last, p.suffix, p.nickname
    ('U.S. Secretary of State', 'Jonathan', 'Harlow', 'Jr.', 'Jon')
    >>> person_name_parts("Harlow").last, person_name_parts("Anna van der Berg").last
    ('Harlow', 'van der Berg')
    """
    from nameparser import HumanName

    words = text.split()
    cut = _news_title_end(words)
    name = HumanName(" ".join(words[cut:]), constants=_constants())
    title = " ".join(t for t in (" ".join(words[:cut]), name.title) if t)
    first, middle, last = name.first, name.middle, name.last
    if first and not (middle or last) and not _names_given_name(title):
        first, last = "", first  # a lone name: news call people by their surname
    return NameParts(title, first, middle, last, name.suffix, name.nickname)


def _news_title_end(words: list[str]) -> int:
    """Where a news title ending in a title of ``titles.tsv`` ends at the start of a name:
    "French President Emmanuel Macron" → 2. A title after qualifying words needs a first and a
    last name after it ("Martin Luther King" is no title)."""
    known = titles()
    longest = max((len(t.split()) for t in known), default=0)
    lowered = [w.lower() for w in words]
    for start in range(min(_TITLE_QUALIFIERS, len(words) - 1) + 1):
        for n in range(min(longest, len(words) - start - 1), 0, -1):
            if " ".join(lowered[start : start + n]) in known:
                rest = len(words) - start - n
                if start == 0 or rest >= 2:
                    return start + n
    return 0


def _names_given_name(title: str) -> bool:
    """True for a title followed by a given name ("King Charles", "Sheikh Hasina")."""
    words = title.lower().replace(".", "").split()
    return bool(words) and words[-1] in _constants().first_name_titles


@cache
def _constants() -> Any:
    """nameparser's constants for this project's use (its module-wide ones stay as they are)."""
    from nameparser.config import Constants

    return Constants()


@cache
def name_suffixes() -> frozenset[str]:
    """Words after a surname that are no part of it ("sr", "jr", "iii"), as nameparser
    knows them."""
    return frozenset(_constants().suffix_not_acronyms)


def person_key_name(name: str) -> str:
    """The key form of a person name (:attr:`NameParts.key`): normalized, without titles and
    nicknames, middle initials kept, so that George H. W. Bush and George W. Bush stay two
    people.

    >>> person_key_name("George W. Bush"), person_key_name("George H.W. Bush")
    ('george w bush', 'george h w bush')
    >>> person_key_name("Angela Merkel")
    'angela merkel'
    """
    return person_name_parts(name).key


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
    """The normalized last name of a person name ("Angela Merkel" → "merkel")."""
    return norm(person_name_parts(name).last)


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
    "NameParts",
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
    "name_suffixes",
    "norm",
    "person_key_name",
    "person_name_parts",
    "strip_corporate",
    "surname",
]
