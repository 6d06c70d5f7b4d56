"""Event mentions that no triple reports: what happened, even where the text does not say who.

A news story names its events again and again — "the earthquake", "the quake", "killed", "the
shooting" — and most of these mentions have no subject the extractor could take: an event noun
alone, a participle, a passive without agent whose subject is another clause's. Each becomes an
:class:`~kgbuild.records.EventMention`: the word, its lemma, its sentence, its time. The graph
keeps them as partial events (no fact), and cross-article coreference links them to the reports
of the same happening (:mod:`kgbuild.stories`).

Candidates: nouns of ``data/event_nouns.txt``, ``data/event_nouns_wordnet.txt`` (nouns whose
most frequent WordNet sense is a happening: ``tools/wordnet_event_nouns.py``) and
``data/nominal_events.tsv`` (and spaCy's EVENT names), nouns made from verbs by their ending,
adjectives of ``data/event_adjectives.txt`` ("dead"), participles that modify a noun ("the
injured man"), and verbs that head a clause, less auxiliaries, light and stative verbs, and verbs
of saying; a word and up to four words before it when the lists hold the phrase ("drunk
driving", "under the influence", "hit-and-run"); a verb with its object, or with a preposition
and its object, when the lists hold the phrase ("opened fire", "took them into custody");
proper names of recurring events (``data/event_names.tsv``: "the Oscars"); nouns that name a
happening only in some company (``data/event_nouns_in_context.tsv``: "a Christmas party");
verbs and adjectives of a title-case headline tagged as proper nouns ("Board Nominates Smith").
A word that is already a triple's predicate is no new mention.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from spacy.tokens import Doc, Token

from kgbuild import datafiles
from kgbuild.events.lexicon import speech_verbs
from kgbuild.events.taxonomy import classify
from kgbuild.records import EventMention, Span, TimeValue, Triple

#: Verbs that name no event of their own.
NON_EVENT_VERBS = frozenset(
    "be have do get make take give go come see know think want need use include become seem "  # noqa: SIM905
    "appear remain keep let help try begin start continue stop like feel look find put set "
    "allow expect believe hope mean say tell add note".split()
)
#: Dependencies of verbs that are part of another word's phrase, not an event of their own.
NON_EVENT_DEPS = frozenset({"aux", "auxpass", "amod", "compound"})


@cache
def event_nouns() -> dict[str, str]:
    """Noun lemma → the lemma its event takes: the verb of ``nominal_events.tsv`` ("talks" →
    "meet"), else the noun itself ("earthquake")."""
    table = {n.lower(): n.lower() for n in datafiles.lines("event_nouns_wordnet.txt")}
    table.update({n.lower(): n.lower() for n in datafiles.lines("event_nouns.txt")})
    for row in datafiles.rows("nominal_events.tsv"):
        if len(row) >= 2:
            table[row[0].lower()] = row[1].lower()
    return table


@cache
def event_adjectives() -> dict[str, str]:
    """Adjective → the event it tells of ("dead" → "die")."""
    return {
        r[0].lower(): r[1].lower() for r in datafiles.rows("event_adjectives.tsv") if len(r) > 1
    }


def _covered(triples: Iterable[Triple]) -> set[int]:
    """The characters where a triple's predicate head stands."""
    out: set[int] = set()
    for t in triples:
        head = t.predicate.head or t.predicate.span
        out.add(head.start)
    return out


#: Endings of nouns made from verbs, which name what the verb does ("suspicion", "arrival",
#: "departure", "driving", "appointment", "robbery").
DEVERBAL_ENDINGS = ("tion", "sion", "ment", "ance", "ence", "ure", "ery", "ing", "al")
#: Nouns with such an ending that name a thing, a place, a person or a state, not a happening.
NOT_DEVERBAL = frozenset(
    "nation station region position condition information question relation population "  # noqa: SIM905
    "government parliament department apartment document equipment environment instrument "
    "agreement statement amount moment element comment payment treatment "
    "science audience evidence difference conference experience presence intelligence "
    "culture nature feature structure future picture temperature capital animal official "
    "hospital material individual signal proposal potential national total interval "
    "building morning evening thing something nothing anything everything king ring spring "
    "string wing ceiling gallery battery category delivery century country entry library "
    "mystery salary surgery territory lottery cemetery jewelry machinery".split()
)


def _deverbal(tok: Token) -> bool:
    """A common noun made from a verb, by its ending ("suspicion", "chase" is not)."""
    word = tok.lower_
    return (
        tok.pos_ == "NOUN"
        and len(word) > 5
        and word.endswith(DEVERBAL_ENDINGS)
        and tok.lemma_.lower() not in NOT_DEVERBAL
    )


def _ending(tok: Token, table: dict[str, str], most: int, least: int) -> str | None:
    """The value of ``table`` for the longest phrase of ``tok`` and from ``least`` to ``most``
    words before it (lower case, hyphens between words joined), or None."""
    for n in range(min(most, tok.i), least - 1, -1):
        words = " ".join(t.lower_ for t in tok.doc[tok.i - n : tok.i + 1]).replace(" - ", "-")
        if words in table:
            return table[words]
    return None


def _phrase(tok: Token) -> str | None:
    """The event a word and the words before it name together ("drunk driving", "under the
    influence", "hit-and-run" however split), from the phrases of the event noun lists (the
    parse of such phrases varies)."""
    return _ending(tok, event_nouns(), 4, 1) if tok.is_alpha else None


@cache
def event_names() -> dict[str, str]:
    """Proper names of recurring events (lower case) → the name of the event they name
    (``data/event_names.tsv``: "Oscars" and "Academy Awards" are one ceremony)."""
    return {
        r[0].lower(): (r[1] if len(r) > 1 and r[1] else r[0]).lower()
        for r in datafiles.rows("event_names.tsv")
    }


@cache
def event_name_words() -> dict[str, frozenset[str]]:
    """The name of a recurring event → the common nouns that stand for it in a story that
    names it ("the ceremony", "the show" of a story about the Academy Awards)."""
    return {
        r[0].lower(): frozenset(r[2].lower().split())
        for r in datafiles.rows("event_names.tsv")
        if len(r) > 2
    }


def _event_name(tok: Token) -> str | None:
    """The event a proper name names when ``tok`` ends it ("the Academy Awards"; not "the
    Academy Awards Committee")."""
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).pos_ == "PROPN":
        return None
    return _ending(tok, event_names(), 2, 0)


@cache
def nouns_in_context() -> dict[str, frozenset[str]]:
    """Nouns that name a happening only in some company (``data/event_nouns_in_context.tsv``):
    noun → the modifiers, governing verbs and prepositions that make it one (a Christmas party,
    at the party, to throw a party; not the party that won the election)."""
    return {
        r[0].lower(): frozenset(r[1].lower().split())
        for r in datafiles.rows("event_nouns_in_context.tsv")
        if len(r) > 1
    }


def _in_context(tok: Token) -> bool:
    """Whether a noun of :func:`nouns_in_context` names a happening where it stands."""
    cues = nouns_in_context().get(tok.lemma_.lower())
    if not cues:
        return False
    if any(c.dep_ in {"compound", "amod"} and c.lemma_.lower() in cues for c in tok.children):
        return True
    return tok.dep_ in {"dobj", "pobj"} and tok.head.lemma_.lower() in cues


def _verb_phrases(tok: Token) -> Iterable[str]:
    """A verb's lemma with its direct object ("open fire"), and with each preposition and its
    object ("take into custody")."""
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ == "dobj":
            yield f"{lemma} {c.lemma_.lower()}"
        elif c.dep_ == "prep":
            for o in c.children:
                if o.dep_ == "pobj":
                    yield f"{lemma} {c.lower_} {o.lemma_.lower()}"


@cache
def headline_verbs() -> frozenset[str]:
    """Verbs a title-case headline may show as a proper noun ("Academy Nominates …"): the
    verbs of the event lists (``data/nominal_events.tsv``, ``data/event_synonyms.tsv``)."""
    verbs = {r[1].split()[0].lower() for r in datafiles.rows("nominal_events.tsv") if len(r) > 1}
    for row in datafiles.rows("event_synonyms.tsv"):
        if len(row) > 1:
            verbs.update(w.lower() for w in row[1].split() if "_" not in w)
    return frozenset(verbs - NON_EVENT_VERBS)


#: Named-entity labels of names a headline word in title case may be part of.
NAME_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC", "ORG", "NORP", "WORK_OF_ART"})


def _headline_word(tok: Token) -> str | None:
    """The event a word of a title-case headline tagged as a proper noun names ("Fired",
    "Nominates", "Dead"), or None."""
    if tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_ in NAME_LABELS:
        return None
    words = [t for t in tok.sent if t.is_alpha and len(t) > 3]
    if len(words) < 3 or sum(t.is_title or t.is_upper for t in words) < 0.8 * len(words):
        return None
    word = tok.lower_
    if word in event_adjectives():
        return event_adjectives()[word]
    for base in (word, word[:-1], word[:-2]):  # "fired", "nominates", "nominated"
        if base in headline_verbs():
            return base
    return None


def _lemma(tok: Token) -> str | None:
    """The event lemma of a token, or None when it names no event."""
    phrase = _phrase(tok)
    if phrase is not None:
        return phrase
    lemma = tok.lemma_.lower()
    if tok.pos_ in {"NOUN", "PROPN"}:
        if tok.ent_type_ == "EVENT" and tok.ent_iob_ == "B":
            return lemma
        headline = _headline_word(tok)
        if headline is not None:
            return headline
        if tok.pos_ == "PROPN" or tok.is_title:
            name = _event_name(tok)
            if name is not None:
                return name
        if _in_context(tok):
            return lemma
        found = event_nouns().get(lemma) or event_nouns().get(tok.lower_)
        if found is None and _deverbal(tok) and tok.dep_ not in {"compound", "amod"}:
            return lemma
        return found
    if tok.pos_ == "ADJ" or (tok.tag_ == "VBN" and tok.dep_ == "amod"):
        if tok.lower_ in event_adjectives():
            return event_adjectives()[tok.lower_]
        if tok.tag_ != "VBN":
            return None
    elif tok.pos_ != "VERB" or tok.dep_ in NON_EVENT_DEPS:
        return None
    else:
        for phrase in _verb_phrases(tok):
            if phrase in event_nouns():  # "opened fire", "took them into custody"
                return event_nouns()[phrase]
    if lemma in NON_EVENT_VERBS or lemma in speech_verbs() or not tok.is_alpha:
        return None
    return lemma


def find_event_mentions(
    doc: Doc,
    triples: Sequence[Triple],
    time_of: object = None,
) -> tuple[EventMention, ...]:
    """The event mentions of a parsed document that no triple reports.

    ``time_of``: a function from a token to its :class:`~kgbuild.records.TimeValue` (the
    events stage's), or None for no time.
    """
    covered = _covered(triples)
    out = []
    for tok in doc:
        if tok.idx in covered:
            continue
        lemma = _lemma(tok)
        if lemma is None:
            continue
        sent = tok.sent
        lead = len(sent.text) - len(sent.text.lstrip())
        text = sent.text.strip()
        sentence = Span(sent.start_char + lead, sent.start_char + lead + len(text), text)
        time = time_of(tok) if callable(time_of) else None
        out.append(
            EventMention(
                span=Span(tok.idx, tok.idx + len(tok.text), tok.text),
                lemma=lemma,
                sentence=sentence,
                time=time if isinstance(time, TimeValue) else None,
                event_class=classify(lemma),
            )
        )
    return tuple(out)


__all__ = [
    "NON_EVENT_VERBS",
    "event_name_words",
    "event_names",
    "event_nouns",
    "find_event_mentions",
    "nouns_in_context",
]
