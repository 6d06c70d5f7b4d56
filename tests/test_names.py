"""Person names split into parts (nameparser, with the project's rules for news titles, lone
surnames and transliterated Arabic articles), and the keys built on them."""

from __future__ import annotations

import pytest

from kgbuild.actors.names import NameParts, person_key_name, person_name_parts

PARTS = [
    # name, title, first, middle, last, suffix, nickname
    ("Angela Merkel", "", "Angela", "", "Merkel", "", ""),
    ("George W. Bush", "", "George", "W.", "Bush", "", ""),
    ("Martin Luther King Jr.", "", "Martin", "Luther", "King", "Jr.", ""),
    ("Martin Luther King", "", "Martin", "Luther", "King", "", ""),
    ("Ursula von der Leyen", "", "Ursula", "", "von der Leyen", "", ""),
    ('Jack "The Hammer" O\'Neil', "", "Jack", "", "O'Neil", "", "The Hammer"),
    ("Dr. Anthony Fauci", "Dr.", "Anthony", "", "Fauci", "", ""),
    ("Mr. Macron", "Mr.", "", "", "Macron", "", ""),
    ("Putin", "", "", "", "Putin", "", ""),
    ("President Putin", "President", "", "", "Putin", "", ""),
    ("King Charles", "King", "Charles", "", "", "", ""),
    ("Queen Elizabeth II", "Queen", "Elizabeth", "", "", "II", ""),
    ("French President Emmanuel Macron", "French President", "Emmanuel", "", "Macron", "", ""),
    (
        "Russian Foreign Minister Sergei Lavrov",
        "Russian Foreign Minister",
        "Sergei",
        "",
        "Lavrov",
        "",
        "",
    ),
    (
        "U.S. Secretary of State Antony Blinken",
        "U.S. Secretary of State",
        "Antony",
        "",
        "Blinken",
        "",
        "",
    ),
    ("Prime Minister Boris Johnson", "Prime Minister", "Boris", "", "Johnson", "", ""),
    ("Abu Bakr al-Baghdadi", "", "Abu Bakr", "", "al-Baghdadi", "", ""),
]


@pytest.mark.parametrize(("name", "title", "first", "middle", "last", "suffix", "nick"), PARTS)
def test_person_name_parts(name, title, first, middle, last, suffix, nick):
    assert person_name_parts(name) == NameParts(title, first, middle, last, suffix, nick)


KEYS = [
    # two ways news writes one person → the same key
    ("George H.W. Bush", "George H. W. Bush"),
    ("President Vladimir Putin", "Vladimir Putin"),
    ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
    ('Jack "The Hammer" O\'Neil', "Jack O'Neil"),
    ("Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov"),
]


@pytest.mark.parametrize(("a", "b"), KEYS)
def test_same_person_same_key(a, b):
    assert person_key_name(a) == person_key_name(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("George Bush", "George Clooney"),
        ("Martin Luther King Jr.", "Martin Luther King"),
        ("George W. Bush", "George H. W. Bush"),  # a middle initial tells father from son
    ],
)
def test_different_people_different_keys(a, b):
    assert person_key_name(a) != person_key_name(b)


@pytest.mark.parametrize(
    "name", ["Bashar al-Assad", "Bashar Al Assad", "Bashar el-Assad", "Assad", "President Assad"]
)
def test_transliterated_arabic_article_left_out_of_the_surname(name):
    assert person_name_parts(name).surname_key == "assad"
