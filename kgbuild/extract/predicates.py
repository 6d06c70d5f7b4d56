"""Predicates: the surface span with auxiliaries and negation, the normalized lemma, polarity.

The surface runs from the first auxiliary (or negation) to the last word of the predicate
("does not want", "have sharply improved", "called for"); the lemma is the verb lemma with its
particle and, when the preposition introduces the object, the preposition ("call for",
"roll back").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from kgbuild.extract.spans import token_span, tokens_span
from kgbuild.records import Predicate

#: Auxiliaries and negation that belong to the surface of a predicate.
AUX_DEPS = frozenset({"aux", "auxpass", "neg"})

#: Verb particles ("roll back", "called off").
PARTICLE_DEPS = frozenset({"prt"})

#: Negation dependents.
NEGATION_DEPS = frozenset({"neg"})

#: Adverbs and determiners that negate a clause ("never agreed", "no troops").
NEGATIVE_WORDS = frozenset({"never", "no", "neither", "nor", "nobody", "nothing", "none"})

#: Modal auxiliaries (Penn tag MD), normalized.
MODAL_FORMS = {"'ll": "will", "wo": "will", "ca": "can", "'d": "would", "sha": "shall"}


#: Adverbs that act as verb particles when they directly follow the verb ("rolled back").
PARTICLE_ADVERBS = frozenset({"back", "up", "down", "out", "off", "away", "over", "in", "on"})


def _is_particle(verb: Token, c: Token) -> bool:
    if c.dep_ in PARTICLE_DEPS:
        return True
    if c.i != verb.i + 1 or c.lower_ not in PARTICLE_ADVERBS:
        return False
    # "rolled back"; a preposition with no object of its own ("back *off* these stories")
    return c.dep_ == "advmod" or (c.dep_ == "prep" and not any(c.children))


def aux_tokens(verb: Token) -> list[Token]:
    """Auxiliaries, negation and particles of ``verb``, in text order."""
    return [c for c in verb.children if c.dep_ in AUX_DEPS or _is_particle(verb, c)]


def particle(verb: Token) -> Token | None:
    """The particle of a phrasal verb ("back" in "roll back")."""
    for c in verb.children:
        if _is_particle(verb, c):
            return c
    return None


def _silent_e(form: str, lemma: str) -> str:
    """A lemma the model cut before a silent e ("hoped" → "hop"): a short word of consonant,
    vowel, consonant that took "-ed" without doubling its last consonant ends in "e" ("hope";
    "hopped" is "hop").

    >>> _silent_e("hoped", "hop"), _silent_e("hopped", "hop"), _silent_e("opened", "open")
    ('hope', 'hop', 'open')
    """
    if (
        len(lemma) == 3
        and form == lemma + "ed"
        and lemma[0] not in "aeiou"
        and lemma[1] in "aeiou"
        and lemma[2] in "bdgklmnprtv"
    ):
        return lemma + "e"
    return lemma


def verb_lemma(verb: Token) -> str:
    """The lemma of a verb with its particle: "roll back".

    spaCy lemmatizes some auxiliaries oddly ("'s"): the lower-case form is used for those.
    """
    lemma = verb.lemma_.lower() if verb.lemma_ else verb.lower_
    lemma = _silent_e(verb.lower_, lemma)
    prt = particle(verb)
    return f"{lemma} {prt.lower_}" if prt is not None else lemma


def is_negated(verb: Token) -> bool:
    """A ``neg`` dependent or a negative adverb ("never") on ``verb``."""
    for c in verb.children:
        if c.dep_ in NEGATION_DEPS:
            return True
        if c.dep_ == "advmod" and c.lower_ in NEGATIVE_WORDS:
            return True
    return False


def object_negated(obj: Token | None) -> bool:
    """A negative determiner on the object ("has no chance")."""
    return obj is not None and any(
        c.dep_ == "det" and c.lower_ in NEGATIVE_WORDS for c in obj.children
    )


def modality(verb: Token) -> str | None:
    """The modal auxiliary of ``verb`` ("will", "may", "could"), normalized."""
    for c in verb.children:
        if c.dep_ == "aux" and c.tag_ == "MD":
            return MODAL_FORMS.get(c.lower_, c.lower_)
    return None


def predicate(
    verbs: Sequence[Token],
    *,
    lemma: str,
    kind: str = "verb",
    extra: Sequence[Token] = (),
) -> Predicate:
    """A :class:`Predicate` over a chain of verbs (governors first, the event verb last).

    ``extra`` tokens (a folded preposition, a light verb's noun) extend the surface span.
    """
    toks = list(verbs) + list(extra)
    for v in verbs:
        toks.extend(aux_tokens(v))
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    doc = verbs[0].doc
    return Predicate(
        span=tokens_span(doc, lo, hi),
        lemma=lemma,
        kind=kind,
        head=token_span(verbs[-1]),
        verb=verbs[-1].lemma_.lower(),
    )


__all__ = [
    "AUX_DEPS",
    "NEGATION_DEPS",
    "NEGATIVE_WORDS",
    "aux_tokens",
    "is_negated",
    "modality",
    "object_negated",
    "particle",
    "predicate",
    "verb_lemma",
]
