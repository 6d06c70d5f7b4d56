"""Short forms of person names and the full name they stand for.

News names a person in full once ("Ayman al-Zawahiri", "Saddam Hussein", "Dick Cheney") and
then by a short form: the surname with its particles ("al-Zawahiri", "bin Laden"), the last
names of a long name ("Ramos Horta"), the first name alone where it is the name the person
goes by ("Saddam", or a surname written first: "President Chen"), or a name with a word glued
before it ("Zimbabwe Robert Mugabe" from a list). These pure functions compare the words of
two person keys and tell whether, and how, the first is a short form of the second; the gender
an honorific gives ("Mrs.", "Mr.") or a given name implies must not contradict it.

>>> short_form(("bin", "laden"), ("osama", "bin", "laden"))
'surname'
>>> short_form(("zawahiri",), ("ayman", "al", "zawahiri"))
'surname'
>>> short_form(("saddam",), ("saddam", "hussein"))
'given name'
>>> short_form(("zimbabwe", "robert", "mugabe"), ("robert", "mugabe"))
'prefixed'
>>> short_form(("ramos", "horta"), ("jose", "ramos", "horta"))
'ending'
>>> short_form(("laden",), ("bin", "laden")) is None  # no given name: no full name
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from kgbuild.actors.gender import first_name_gender
from kgbuild.actors.lexicon import title_info, words
from kgbuild.actors.names import name_suffixes

#: How a short form relates to its full name, most telling first.
SURNAME = "surname"
ENDING = "ending"
GIVEN_NAME = "given name"
PREFIXED = "prefixed"
KINDS = (SURNAME, ENDING, GIVEN_NAME, PREFIXED)


@cache
def particles() -> frozenset[str]:
    """Words that belong to a surname before its last word ("bin", "al", "van", "de")."""
    return words("name_particle")


def written_particles(label: str | None) -> frozenset[str]:
    """The particles of a name as written: in lower case or hyphened to the next word
    ("bin Laden", "Al-Assad"); a capitalized word on its own is a given name ("Al Smith").
    Without a label, every particle word counts.

    >>> sorted(written_particles("Ayman al-Zawahiri")), sorted(written_particles("Al Smith"))
    (['al'], [])
    """
    if label is None:
        return particles()
    found = set()
    for m in re.finditer(r"([^\s\-]+)(-?)", label):
        w, hyphen = m.group(1), m.group(2)
        if w.lower() in particles() and (w.islower() or hyphen):
            found.add(w.lower())
    return frozenset(found)


def surname_only(name: tuple[str, ...], label: str | None = None) -> bool:
    """Whether key words are a surname alone, particles included ("bin laden", "lee").

    >>> surname_only(("bin", "laden")), surname_only(("lee",)), surname_only(("ann", "lee"))
    (True, True, False)
    >>> surname_only(("al", "smith"), "Al Smith")
    False
    """
    p = written_particles(label)
    return bool(name) and name[-1] not in p and all(w in p for w in name[:-1])


def has_given_name(name: tuple[str, ...], label: str | None = None) -> bool:
    """Whether key words are a full name: a given name before the surname."""
    return (
        len(name) >= 2 and not surname_only(name, label) and name[0] not in written_particles(label)
    )


def without_suffix(name: tuple[str, ...]) -> tuple[str, ...]:
    """Key words without a generational suffix: ("robert", "king", "sr") → ("robert", "king")."""
    while len(name) > 2 and name[-1] in name_suffixes():
        name = name[:-1]
    return name


def short_form(
    short: tuple[str, ...],
    full: tuple[str, ...],
    short_label: str | None = None,
    full_label: str | None = None,
) -> str | None:
    """How the key words ``short`` shorten the full name ``full`` (one of :data:`KINDS`), or
    None when they do not; the labels, when given, tell which particles are particles.

    >>> short_form(("king",), ("robert", "king", "sr"))
    'surname'
    """
    full = without_suffix(full)
    if not has_given_name(full, full_label) or short == full:
        return None
    if surname_only(short, short_label):
        if full[-1] == short[-1] and (len(short) == 1 or full[-len(short) :] == short):
            return SURNAME
        if len(short) == 1 and full[0] == short[0]:
            return GIVEN_NAME
        return None
    if len(short) > len(full) and short[-len(full) :] == full:
        return PREFIXED
    if len(full) > len(short) >= 2 and full[-len(short) :] == short:
        return ENDING
    return None


def honorific_gender(text: str) -> str:
    """The gender the titles before a name give (``m``, ``f`` or ``""``).

    >>> honorific_gender("Mrs. Example"), honorific_gender("Mr Example"), honorific_gender("Example")
    ('f', 'm', '')
    """
    found = ""
    for w in text.split()[:-1]:
        info = title_info(w.strip(".,"))
        if info is None:
            continue
        if info.gender:
            found = info.gender
    return found


def genders_agree(short: Iterable[str], full_label: str, full: Iterable[str] = ()) -> bool:
    """Whether no gender of a short form's mentions contradicts the full name's: its honorifics
    (``full``), else what its given name implies."""
    mine = {g for g in short if g}
    if not mine:
        return True
    theirs = {g for g in full if g} or {first_name_gender(full_label)} - {""}
    return not theirs or mine == theirs


__all__ = [
    "ENDING",
    "GIVEN_NAME",
    "KINDS",
    "PREFIXED",
    "SURNAME",
    "genders_agree",
    "has_given_name",
    "honorific_gender",
    "particles",
    "short_form",
    "surname_only",
    "without_suffix",
    "written_particles",
]
