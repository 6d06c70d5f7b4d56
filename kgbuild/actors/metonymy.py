"""Metonymy: a capital or seat of government acting in an event stands for its state.

"Moscow asked NATO …" — Moscow acts, so the actor is Russia (mentioned as Moscow). "Talks
in Moscow" — Moscow is where, so it stays the city. The decision uses only the argument's
role in its triple and the predicate:

* the subject, the source of reported speech and "with"/"against"/"by"-arguments act;
* a locative preposition ("in", "near", "from" …) never acts;
* the object acts unless the verb takes a place as object ("visit", "travel to", "shell");
  so does a subject that undergoes the event (role ``patient``: "Kyiv was shelled" stays the
  city, "Moscow was warned" is Russia).

>>> acting("subject", "ask")
True
>>> acting("in", "hold talks"), acting("object", "visit"), acting("to", "travel")
(False, False, False)
>>> acting("object", "warn"), acting("with", "meet"), acting("object", "hold in")
(True, True, False)
>>> acting("patient", "be warned"), acting("patient", "be shelled"), acting("patient", "fall")
(True, False, True)
"""

from __future__ import annotations

from dataclasses import replace

from kgbuild.actors.lexicon import words
from kgbuild.records import PATIENT, EntityRef

#: Confidence factor of an entity reached through metonymy.
METONYMY_CONFIDENCE = 0.85

#: The role of a subject that undergoes the event ("Kyiv was shelled"): it is a participant
#: like an object, so it acts unless the verb takes a place ("shell", "visit").
PATIENT_ROLE = PATIENT

#: Argument roles that are never locations.
ACTOR_ROLES = frozenset({"subject", "attribution", "attributed_to", "agent", "speaker"})


def _verb(lemma: str) -> str:
    """The verb of a normalized predicate ("call for" → "call", "be at" → "be")."""
    return lemma.split()[0].lower() if lemma.strip() else ""


def _passive_verbs(predicate: str) -> set[str]:
    """Verb forms of an agentless passive predicate ("be shelled" → shelled, shell, …)."""
    parts = predicate.lower().split()
    w = parts[1] if parts[:1] == ["be"] and len(parts) > 1 else _verb(predicate)
    forms = {w}
    if w.endswith("ied"):
        forms.add(w[:-3] + "y")
    if w.endswith("ed"):
        forms |= {w[:-1], w[:-2], w[:-3]}
    return forms


def acting(role: str, predicate: str = "") -> bool:
    """Whether an argument in ``role`` of ``predicate`` acts (rather than locates)."""
    r = role.lower().strip()
    if r in ACTOR_ROLES:
        return True
    if r == PATIENT_ROLE:  # "Kyiv was shelled", "Moscow was warned": undergoes it, as an object
        return not _passive_verbs(predicate) & words("place_verb")
    verb = _verb(predicate)
    parts = predicate.lower().split()
    if r == "object" and len(parts) > 1:
        r = parts[-1]  # a prepositional object: "ask in" December, "talk in" Moscow
    if r in words("locative"):
        return False
    if r in {"object", "to"}:
        return verb not in words("place_verb")
    return r not in {"place", "location"}


def stand_for(ref: EntityRef, target: EntityRef, surface: str) -> EntityRef:
    """The state (or body) ``target`` standing in for ``ref``, mentioned as ``surface``."""
    return replace(
        target,
        mentioned_as=surface or ref.mentioned_as or ref.label,
        confidence=round(ref.confidence * METONYMY_CONFIDENCE, 3),
    )


__all__ = ["ACTOR_ROLES", "METONYMY_CONFIDENCE", "PATIENT_ROLE", "acting", "stand_for"]
