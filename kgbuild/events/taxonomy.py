"""The event taxonomy: CAMEO's twenty top-level categories, and the lexicon that maps lemmas to them.

The lexicon is the data file ``kgbuild/data/cameo.tsv`` (lemma with its particle or
preposition, or event noun → class). Lemmas outside it are generic events: they keep their
predicate and get no class.

>>> classify("meet")
'Consult'
>>> classify("call for")
'Appeal'
>>> classify("say on")
'MakePublicStatement'
>>> classify("want") is None
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kgbuild import datafiles


@dataclass(frozen=True, slots=True)
class EventClass:
    """One class of the taxonomy: local name in the ontology, CAMEO code, label and comment."""

    name: str
    code: str
    label: str
    comment: str


#: The twenty CAMEO top-level categories, in code order.
CLASSES: tuple[EventClass, ...] = (
    EventClass(
        "MakePublicStatement",
        "01",
        "make public statement",
        "An actor states, announces, comments or claims something in public (say, announce, stress).",
    ),
    EventClass(
        "Appeal",
        "02",
        "appeal",
        "An actor appeals for or requests something (call for, urge, ask).",
    ),
    EventClass(
        "ExpressIntentToCooperate",
        "03",
        "express intent to cooperate",
        "An actor offers, promises or proposes to cooperate (offer, pledge, propose).",
    ),
    EventClass(
        "Consult",
        "04",
        "consult",
        "Actors meet, talk, visit, host or negotiate (meet, talks, visit).",
    ),
    EventClass(
        "EngageInDiplomaticCooperation",
        "05",
        "engage in diplomatic cooperation",
        "Actors praise, endorse, recognize or sign an agreement with one another (sign, support, agree).",
    ),
    EventClass(
        "EngageInMaterialCooperation",
        "06",
        "engage in material cooperation",
        "Actors cooperate materially: share, exchange, work together (cooperate, share).",
    ),
    EventClass(
        "ProvideAid",
        "07",
        "provide aid",
        "An actor provides aid, help or supplies (aid, help, supply).",
    ),
    EventClass(
        "Yield",
        "08",
        "yield",
        "An actor yields, concedes, eases or withdraws (withdraw, pull back, concede, lift sanctions).",
    ),
    EventClass(
        "Investigate",
        "09",
        "investigate",
        "An actor investigates or inspects (investigate, probe).",
    ),
    EventClass("Demand", "10", "demand", "An actor demands something (demand, insist on)."),
    EventClass(
        "Disapprove",
        "11",
        "disapprove",
        "An actor accuses, criticizes, condemns or blames another (accuse, criticize, condemn).",
    ),
    EventClass(
        "Reject",
        "12",
        "reject",
        "An actor rejects, denies, dismisses or refuses (reject, deny, dismiss).",
    ),
    EventClass(
        "Threaten", "13", "threaten", "An actor threatens or warns another (threaten, warn)."
    ),
    EventClass(
        "Protest",
        "14",
        "protest",
        "Actors protest, demonstrate, march or boycott (protest, demonstrate, boycott).",
    ),
    EventClass(
        "ExhibitForcePosture",
        "15",
        "exhibit force posture",
        "An actor masses, deploys or mobilizes forces or holds drills (mass troops, deploy, mobilize).",
    ),
    EventClass(
        "ReduceRelations",
        "16",
        "reduce relations",
        "An actor cuts ties, suspends, expels or sanctions (sanction, sever, expel).",
    ),
    EventClass(
        "Coerce",
        "17",
        "coerce",
        "An actor arrests, detains, seizes, bans or cracks down (arrest, detain, ban).",
    ),
    EventClass(
        "Assault",
        "18",
        "assault",
        "An actor attacks, kills, abducts or injures (attack, kill, abduct).",
    ),
    EventClass(
        "Fight",
        "19",
        "fight",
        "Armed conflict: fighting, invasion, shelling, occupation, clashes (fight, invade, shell).",
    ),
    EventClass(
        "UseUnconventionalMassViolence",
        "20",
        "use unconventional mass violence",
        "Mass killings, massacres, ethnic cleansing or weapons of mass destruction (massacre, genocide).",
    ),
)

#: Local names of the classes, in code order.
CLASS_NAMES: tuple[str, ...] = tuple(c.name for c in CLASSES)


@cache
def lexicon() -> dict[str, str]:
    """The lexicon: lemma (lower case, single spaces) → class local name."""
    out: dict[str, str] = {}
    for lemma, cls, *_ in datafiles.rows("cameo.tsv"):
        out.setdefault(" ".join(lemma.lower().split()), cls)
    return out


def classify(lemma: str) -> str | None:
    """The class of a predicate lemma: the whole lemma, then with trailing words dropped."""
    words = lemma.lower().split()
    table = lexicon()
    while words:
        cls = table.get(" ".join(words))
        if cls is not None:
            return cls
        words.pop()
    return None


def event_class(name: str) -> EventClass | None:
    """The class record of a local name."""
    return next((c for c in CLASSES if c.name == name), None)


__all__ = ["CLASSES", "CLASS_NAMES", "EventClass", "classify", "event_class", "lexicon"]
