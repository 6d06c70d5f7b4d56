"""Finding entity mentions in a parsed document.

Candidates come from five sources, all over the spaCy ``Doc``:

* named entities of the model, cleaned ("the Russian Defense Ministry’s" → "Russian Defense
  Ministry"), with the title and affiliation written before a person's name taken off and kept
  ("French President Emmanuel Macron" → name "Emmanuel Macron", title President, affiliation France);
* names the gazetteer knows but the model missed ("Group of Seven", "the Kremlin");
* country adjectives ("Russian" troops → Russia) and country institutions ("Russia’s Defense
  Ministry", "the Russian government");
* definite descriptions ("the German chancellor", "the alliance", "the company");
* pronouns and appositions.

Resolving them to entities is :mod:`kgbuild.actors.coref`'s work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from kgbuild import datafiles
from kgbuild.actors.gazetteer import GazEntry, Gazetteer
from kgbuild.actors.lexicon import (
    NON_NAMES,
    PRONOUNS,
    TitleInfo,
    max_title_words,
    title_info,
    title_words,
    words,
)
from kgbuild.actors.names import acronym_key, clean_name, norm
from kgbuild.actors.ranges import RangeIndex
from kgbuild.doctext import doc_text

#: spaCy NER labels that can name an actor, and the type each votes for. GPE votes Place:
#: every country is in the gazetteer, so a GPE it does not know is a city or region.
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Group",
}

_DETERMINERS = frozenset({"the", "a", "an"})
_MAX_NAME_TOKENS = 10
#: Title kinds that also begin company names ("General Motors", "Prince Hotels").
_COMPANY_WORD_TITLES = frozenset({"military", "royal", "honorific", "religious"})
_APPOS_EXCLUDED = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "appos"})


@dataclass
class Cand:
    """A mention candidate: a token range and what it says about its entity."""

    start: int  # token index, inclusive
    end: int  # token index, exclusive
    kind: str  # name | acronym | adjective | institution | description | pronoun | apposition
    name: str = ""  # the cleaned name (names), or the description's head phrase
    ner: str = ""
    gaz: GazEntry | None = None
    title: TitleInfo | None = None
    affiliation: str | None = None  # gazetteer key of the country/organisation of a title
    affiliation_text: str = ""  # the affiliation as written, when no gazetteer key
    affiliation_token: int = -1  # where the affiliation is written ("*Boeing* spokeswoman")
    head: int = -1
    name_start: int = -1  # where the name begins after a title ("President | Emmanuel Macron")
    title_start: int = -1  # where the title begins, after any affiliation ("NATO | Secretary")
    votes: dict[str, float] = field(default_factory=dict)
    link: Cand | None = None  # apposition: the name it renames

    def overlaps(self, other: Cand) -> bool:
        return self.start < other.end and other.start < self.end

    def inside(self, other: Cand) -> bool:
        return other.start <= self.start and self.end <= other.end

    @property
    def n_name_tokens(self) -> int:
        return len(self.name.split())


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading articles and trailing possessives or punctuation from a token range."""
    while start < end and (
        doc[start].lower_ in _DETERMINERS or doc[start].is_punct or doc[start].is_space
    ):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].is_space
    ):
        end -= 1
    return start, end


def _is_name_text(text: str) -> bool:
    low = text.lower()
    return (
        bool(text)
        and any(c.isupper() for c in text)
        and low not in PRONOUNS
        and low not in NON_NAMES
        and "\n" not in text
    )


def _title_before(doc: Doc, start: int) -> tuple[int, TitleInfo | None]:
    """The title written just before token ``start`` ("French *President* Emmanuel Macron").

    Returns the index where the title begins and the title, or ``(start, None)``.
    """
    tw = title_words()
    sent_start = doc[start].sent.start if start < len(doc) else 0
    j = start
    while j > sent_start and start - j < max_title_words() + 2:
        t = doc[j - 1]
        if t.lower_ in tw or t.lower_.rstrip(".") in tw:
            j -= 1
            continue
        break
    for i in range(j, start):
        if doc[i].lower_ in {"of", "the"}:
            continue
        info = title_info(doc[i:start].text)
        if info is not None:
            return i, info
    return start, None


def _title_inside(
    doc: Doc, start: int, end: int, gaz: Gazetteer | None = None
) -> tuple[int, TitleInfo | None]:
    """A title at the start of a name span ("President Obama" as one entity), also after a
    country the span begins with ("United States Representative Ann Example" tagged as one
    organisation)."""
    best: tuple[int, TitleInfo | None] = (start, None)
    for q in range(0, _MAX_COUNTRY_TOKENS + 1 if gaz is not None else 1):
        s = start + q
        if q and (gaz is None or s >= end or not _country_words(gaz, doc[start:s].text)):
            continue
        for k in range(s + 1, min(end, s + max_title_words() + 1)):
            info = title_info(doc[s:k].text)
            if info is not None:
                best = (k, info)
        if best[1] is not None:
            return best
    return best


#: At most this many tokens of a country name may begin a span before a title in it.
_MAX_COUNTRY_TOKENS = 3


def _country_words(gaz: Gazetteer, text: str) -> bool:
    e = gaz.lookup(text, places=False) or gaz.adjective(text)
    return e is not None and e.type == "Country"


def _affiliation_before(doc: Doc, start: int, gaz: Gazetteer) -> tuple[int, str | None, str]:
    """The country or organisation written before a title: "Russian", "NATO", "Russia’s"."""
    sent_start = doc[start].sent.start if start < len(doc) else 0
    j = start
    if j > sent_start and doc[j - 1].tag_ == "POS":
        j -= 1
    if j <= sent_start:
        return start, None, ""
    # the longest run of capitalized tokens ending at j
    i = j
    while i > sent_start and j - i < 6 and (doc[i - 1].is_title or doc[i - 1].is_upper):
        if doc[i - 1].lower_ in title_words() and i - 1 < j - 1:
            break
        i -= 1
    for k in range(i, j):
        text = doc[k:j].text
        e = gaz.adjective(text) if k == j - 1 else None
        e = e or gaz.lookup(text, places=False)
        if e is not None and e.type in {"Country", "Organization"}:
            return k, e.key, e.label
        if k == i and doc[k:j].text[:1].isupper() and any(t.ent_type_ == "ORG" for t in doc[k:j]):
            return k, None, clean_name(text)
    return start, None, ""


def _joined_names(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """The model's entities, with a country name glued to the unknown name before it that
    modifies it joined into one organisation's name: the model splits "Indymedia Poland" into
    two places, as it reads "Amnesty Australia" whole."""
    ents = list(doc.ents)
    out: list[Span] = []
    k = 0
    while k < len(ents):
        ent = ents[k]
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        last = doc[ent.end - 1]
        if (
            nxt is not None
            and nxt.start == ent.end
            and nxt.label_ == "GPE"
            and ent.label_ in {"GPE", "ORG", "PERSON", "NORP"}
            and last.dep_ == "compound"
            and nxt.start <= last.head.i < nxt.end
            and all(t.pos_ == "PROPN" for t in ent)
            and gaz.lookup(ent.text) is None
            and gaz.adjective(ent.text) is None
            and gaz.lookup(nxt.text, places=False) is not None
        ):
            out.append(Span(doc, ent.start, nxt.end, label="ORG"))
            k += 2
            continue
        out.append(ent)
        k += 1
    return out


def entity_candidates(doc: Doc, gaz: Gazetteer) -> list[Cand]:
    """Candidates from the model's named entities, with titles and affiliations split off."""
    out: list[Cand] = []
    for ent in _joined_names(doc, gaz):
        vote = NER_TYPES.get(ent.label_)
        if vote is None or len(ent) > _MAX_NAME_TOKENS or "\n" in ent.text.strip():
            continue
        start, end = _trim(doc, ent.start, ent.end)
        if start >= end:
            continue
        name_start, title = _title_inside(doc, start, end, gaz)
        if (
            title is not None
            and ent.label_ != "PERSON"
            and (title.kind in _COMPANY_WORD_TITLES or end - name_start < 2)
        ):
            name_start, title = start, None  # "General Motors" is no general
        name = clean_name(doc[name_start:end].text)
        if not _is_name_text(name) or title_info(name) is not None:
            continue
        if name.split(" ", 1)[0] in _FUNCTION_WORDS:
            continue  # "Minister *for Foreign Affairs*": the rest of a title, no name
        if _generic_name(name) and _gazetteer_entry(gaz, name, ent.label_) is None:
            continue  # "the Government", "Parliament", "Police": whose, the words do not say
        cand = Cand(start, end, "name", name=name, ner=ent.label_, head=end - 1)
        cand.votes[vote] = 2.0 if ent.label_ == "PERSON" and len(name.split()) > 1 else 1.0
        if organisation_name(name):
            cand.votes["Organization"] = cand.votes.get("Organization", 0.0) + ORG_HEAD_WEIGHT
        country = gaz.adjective(name)
        if ent.label_ == "NORP" or (country is not None and gaz.lookup(name, places=False) is None):
            adjectival = _adjectival(doc, start, end)
            if country is not None and adjectival:
                cand.kind, cand.gaz = "adjective", country
                out.append(cand)
            elif ent.label_ == "NORP":
                if _counted(doc, start, end):
                    continue  # "2,500 Australians": people of a nation, not the nation
                cand.gaz = gaz.lookup(name, places=False)
                if cand.gaz is not None or not adjectival:
                    out.append(cand)
            continue
        cand.gaz = _gazetteer_entry(gaz, name, ent.label_)
        if title is None:
            t_start, title = _title_before(doc, start)
        else:
            t_start = start
        if title is not None:
            cand.title = title
            cand.name_start = name_start if name_start > start else start
            cand.start = cand.title_start = t_start
            if title.kind != "honorific" and not organisation_name(name):
                # "the owner of Bernard L. Madoff Investment": an organisation's name after
                # a word of office is still the organisation's
                cand.votes["Person"] = cand.votes.get("Person", 0.0) + 5.0
            a_start, cand.affiliation, cand.affiliation_text = _affiliation_before(
                doc, t_start, gaz
            )
            if a_start < t_start:
                cand.affiliation_token = a_start
            cand.start = min(cand.start, a_start)
        if acronym_key(name):
            cand.kind = "acronym"
        out.append(cand)
    return out


@cache
def _generic_names() -> frozenset[str]:
    listed = {w.lower() for w in datafiles.lines("generic_names.txt")}
    return words("state_institution") | words("institution") | words("org_noun") | listed


def _generic_name(name: str) -> bool:
    """A capitalised common noun the model takes for a name: "Government", "the Senate",
    "Supreme Court" name one institution in each country, no entity of their own.

    >>> _generic_name("the Government"), _generic_name("Supreme Court"), _generic_name("Acme")
    (True, True, False)
    """
    low = name.lower()
    return low.removeprefix("the ") in _generic_names()


#: Lower-case words that never begin a name: what follows a title ("Minister for Foreign
#: Affairs" → "for Foreign Affairs") is the rest of the title.
_FUNCTION_WORDS = frozenset(
    {"for", "of", "in", "on", "at", "to", "from", "with", "by", "and", "the"}
)

#: Weight of an organisation's last word ("… Therapeutics"): more than a two-word person name.
ORG_HEAD_WEIGHT = 4.0


def organisation_name(name: str) -> bool:
    """A name of more than one word whose last word names an organisation.

    >>> organisation_name("Ridgeback Biotherapeutics"), organisation_name("Jane Roe")
    (True, False)
    """
    parts = name.lower().rstrip(".").split()
    return len(parts) > 1 and parts[-1] in words("org_head")


def _gazetteer_entry(gaz: Gazetteer, name: str, label: str) -> GazEntry | None:
    """The gazetteer entry of a tagged name. Cities only for place labels, or a capital or
    seat of government tagged as a person (the small model's "Kyiv")."""
    e = gaz.lookup(name, places=label in {"GPE", "LOC", "FAC", "PERSON"})
    if e is not None and label == "PERSON" and e.type == "Place" and not e.stands_for:
        return None
    return e


#: Words that count people: "many Russians", "thousands of Australians".
_COUNTING = frozenset(
    "many some several few most all both thousands hundreds dozens millions tens scores "  # noqa: SIM905
    "numerous countless other".split()
)


def _counted(doc: Doc, start: int, end: int) -> bool:
    """Whether a nationality noun is counted ("2,500 Australians", "thousands of Russians"):
    people of that nation, not the nation."""
    root = doc[start:end].root
    if any(
        c.dep_ in {"nummod", "det", "amod", "quantmod"} and (c.like_num or c.lower_ in _COUNTING)
        for c in root.children
    ):
        return True
    gov = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    return gov is not None and (gov.like_num or gov.lower_ in _COUNTING)


def _adjectival(doc: Doc, start: int, end: int) -> bool:
    """Whether a span modifies a noun ("Russian troops") rather than heads a phrase."""
    root = doc[start:end].root
    return root.dep_ in {"amod", "compound", "nmod"} or root.pos_ == "ADJ"


def scan_candidates(
    doc: Doc, gaz: Gazetteer, taken: list[Cand], text: str | None = None
) -> list[Cand]:
    """Gazetteer names the model did not tag (or tagged short), longest match first.

    Only token sequences that start with a capital (or digit) and whose first word begins
    some gazetteer name are tried, so the scan costs little on names it cannot find.
    """
    ents = RangeIndex(doc.ents, _span_bounds)
    near_taken = RangeIndex(taken, _bounds)
    out: list[Cand] = []
    limit = gaz.max_tokens + 4
    text = doc_text(doc) if text is None else text
    toks = [(t.idx, t.idx + len(t.text), t.text, t.is_punct or t.is_space) for t in doc]
    sent_of = [0] * len(toks)
    for k, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            sent_of[i] = k
    firsts = gaz.first_words()
    i = 0
    n_tokens = len(toks)
    while i < n_tokens:
        word = toks[i][2]
        if not (word[:1].isupper() or word[:1].isdigit()) or not (
            norm(word) in firsts or acronym_key(word) in gaz.acronyms
        ):
            i += 1
            continue
        hit = None
        for n in range(min(limit, n_tokens - i), 0, -1):
            j = i + n - 1
            if toks[j][3] or sent_of[j] != sent_of[i]:
                continue
            surface = text[toks[i][0] : toks[j][1]]
            if "\n" in surface:
                continue
            e = gaz.scan_lookup(surface)
            if e is not None and _acceptable_scan(doc, doc[i : j + 1], ents):
                hit = (i, j + 1, surface, e)
                break
        if hit is None:
            i += 1
            continue
        lo, hi, surface, e = hit
        c = Cand(lo, hi, "name", name=clean_name(surface), gaz=e, head=hi - 1)
        if acronym_key(c.name):
            c.kind = "acronym"
        if not any(c.overlaps(t) and not t.inside(c) for t in near_taken.near(c.start, c.end)):
            out.append(c)
        i = hi
    return out


def _bounds(c: Cand) -> tuple[int, int]:
    return c.start, c.end


def _span_bounds(s: Span) -> tuple[int, int]:
    return s.start, s.end


def _acceptable_scan(doc: Doc, span: Span, ents: RangeIndex[Span]) -> bool:
    """A scanned match must not sit inside a longer name or cut a named entity in two."""
    for ent in ents.near(span.start, span.end):
        if ent.start < span.end and span.start < ent.end:
            start, end = _trim(doc, ent.start, ent.end)
            if not (span.start <= start and end <= span.end):
                return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
        return False
    return not (
        before is not None
        and before.pos_ == "PROPN"
        and before.text[:1].isupper()
        and not before.is_sent_start
        and before.tag_ != "POS"
    )


def repeated_candidates(doc: Doc, found: list[Cand]) -> list[Cand]:
    """Other occurrences of names found once: the model tags "Kyiv" in one sentence, not in the next.

    Only exact, capitalized token sequences outside any candidate or named entity count.
    """
    names: dict[tuple[str, ...], Cand] = {}
    for c in found:
        if c.kind in {"name", "acronym"} and len(c.name) >= 3 and c.name[:1].isupper():
            toks = tuple(t.text for t in doc[c.end - len(c.name.split()) : c.end])
            if " ".join(toks) == c.name:
                names.setdefault(toks, c)
            if c.ner == "PERSON" and len(toks) > 1 and len(toks[-1]) > 2:
                surname = Cand(
                    c.end - 1, c.end, "name", name=toks[-1], ner="PERSON", votes={"Person": 1.0}
                )
                names.setdefault((toks[-1],), surname)
    if not names:
        return []
    covered = [False] * len(doc)
    for c in found:
        for i in range(c.start, c.end):
            covered[i] = True
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            covered[i] = True
    first: dict[str, list[tuple[tuple[str, ...], Cand]]] = {}
    for toks, src in names.items():  # (in the order of names)
        first.setdefault(toks[0], []).append((toks, src))
    out: list[Cand] = []
    for tok in doc:
        if covered[tok.i] or tok.text not in first:
            continue
        for toks, src in first[tok.text]:
            end = tok.i + len(toks)
            if end > len(doc) or any(covered[i] for i in range(tok.i, end)):
                continue
            if tuple(t.text for t in doc[tok.i : end]) != toks:
                continue
            if len(toks) == 1 and src.ner == "PERSON" and tok.pos_ != "PROPN":
                continue
            after = doc[end] if end < len(doc) else None
            if after is not None and after.pos_ == "PROPN" and after.text[:1].isupper():
                continue
            c = Cand(tok.i, end, src.kind, name=src.name, ner=src.ner, gaz=src.gaz, head=end - 1)
            c.votes = {t: w / 2 for t, w in src.votes.items()}
            out.append(c)
            for i in range(tok.i, end):
                covered[i] = True
            break
    return out


@cache
def _endings(*categories: str) -> frozenset[str]:
    """Every ending of every phrase of the lexicon ``categories``: "ministry", "y", …"""
    return frozenset(p[k:] for c in categories for p in words(c) for k in range(len(p)))


def institution_candidates(doc: Doc, gaz: Gazetteer, taken: list[Cand]) -> list[Cand]:
    """Institutions qualified by a country: "Russia’s Defense Ministry", "the Russian military"."""
    state = words("state_institution")
    inst = words("institution")
    endings = _endings("state_institution", "institution")
    near_taken = RangeIndex(taken, _bounds)
    out: list[Cand] = []
    for tok in doc:
        # a phrase of the lexicons ends with its head: most nouns end none and are passed over
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.lower_ not in endings:
            continue
        compounds = [c for c in tok.lefts if c.dep_ == "compound" and c.i == tok.i - 1]
        phrase_start = compounds[0].i if compounds else tok.i
        phrase = doc[phrase_start : tok.i + 1].text.lower()
        if phrase not in state and phrase not in inst:
            phrase_start, phrase = tok.i, tok.lower_
            if phrase not in state and phrase not in inst:
                continue
        country, q_start = _qualifier(doc, tok, phrase_start, gaz)
        if country is None:
            continue
        start = min(q_start, phrase_start)
        c = Cand(
            start, tok.i + 1, "institution", name=doc[phrase_start : tok.i + 1].text, head=tok.i
        )
        c.affiliation = country.key
        if phrase in state:
            c.gaz = country
        else:
            c.votes["Organization"] = 3.0
        if any(
            c.overlaps(t) and not (t.inside(c) or (c.inside(t) and t.ner == "ORG"))
            for t in near_taken.near(c.start, c.end)
        ):
            continue
        out.append(c)
    return out


def _longer_proper_name(doc: Doc, tok: Token) -> bool:
    """Whether ``tok`` is the end of a longer capitalised name ("*South* Australian", "*New*
    Mexican"), which names something else than the country the word alone would."""
    k = tok.i - 1
    return k >= 0 and doc[k].is_title and doc[k].pos_ in {"PROPN", "ADJ"}


def _qualifier(
    doc: Doc, tok: Token, phrase_start: int, gaz: Gazetteer
) -> tuple[GazEntry | None, int]:
    """The country an institution belongs to: adjective, compound or possessive before it."""
    for c in tok.lefts:
        if c.i >= phrase_start or c.dep_ not in {"amod", "compound", "poss", "nmod", "npadvmod"}:
            continue
        if c.dep_ != "poss" and _longer_proper_name(doc, c):
            continue  # "South Australian Government": a state's, not the country's
        text = clean_name(doc[c.left_edge.i if c.dep_ == "poss" else c.i : c.i + 1].text)
        e = gaz.adjective(text) if c.dep_ == "amod" or c.pos_ == "ADJ" else None
        e = e or gaz.adjective(text) or gaz.lookup(text, places=False)
        if e is not None and e.type == "Country":
            return e, (c.left_edge.i if c.dep_ == "poss" else c.i)
    return None, tok.i


def description_candidates(doc: Doc, gaz: Gazetteer, taken: list[Cand]) -> list[Cand]:
    """Definite descriptions that may refer back to a named entity: "the Russian leader"."""
    out: list[Cand] = []
    descriptor_nouns = set(gaz.descriptors) | words("org_noun") | words("country_noun")
    descriptor_nouns |= words("state_institution") | words("institution")
    near_taken = RangeIndex(taken, _bounds)
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.dep_ == "compound":
            continue
        if tok.tag_ in {"NNS", "NNPS"}:
            continue  # "the nations": plural, not a back-reference to one entity
        dets = [c for c in tok.lefts if c.dep_ == "det"]
        if not dets or dets[0].lower_ != "the":
            continue
        compounds = [c for c in tok.lefts if c.dep_ == "compound"]
        phrase_start = compounds[0].i if compounds else tok.i
        phrase = doc[phrase_start : tok.i + 1].text
        info = title_info(phrase) or title_info(tok.text)
        if info is not None and info.kind == "honorific":
            info = None
        if (
            info is None
            and tok.lower_ not in descriptor_nouns
            and tok.lemma_.lower() not in descriptor_nouns
        ):
            continue
        c = Cand(dets[0].i, tok.i + 1, "description", name=phrase.lower(), head=tok.i, title=info)
        if any(c.overlaps(t) and t.kind != "adjective" for t in near_taken.near(c.start, c.end)):
            continue
        for a in tok.lefts:
            if a.dep_ in {"amod", "compound", "nmod"} and a.i < phrase_start:
                e = gaz.adjective(a.text) or gaz.lookup(a.text, places=False)
                if e is not None and e.type in {"Country", "Organization"}:
                    c.affiliation = e.key
        out.append(c)
    return out


def _office_of(name: Token) -> Token | None:
    """The title noun whose "of" phrase a person's name is attached to ("the president of
    Georgia, Mikheil Saakashvili"), if any."""
    place = name.head
    prep = place.head
    if (
        name.ent_type_ != "PERSON"
        or place.dep_ != "pobj"
        or prep.dep_ != "prep"
        or prep.lower_ not in {"of", "for"}
    ):
        return None
    office = prep.head
    if office.pos_ != "NOUN" or _title_ending_at(name.doc, office.i, office.i) is None:
        return None
    return office


def _noun_phrase(doc: Doc, head: Token, name: Cand) -> Cand | None:
    """The noun phrase of ``head`` up to the head (determiner, modifiers), renaming ``name``."""
    owner = next((x for x in head.lefts if x.dep_ == "poss"), None)
    lefts = [
        c
        for c in head.lefts
        if c.dep_ not in {"punct", "cc", "poss"} and (owner is None or c.i > owner.i)
    ]
    lo = min((c.left_edge.i for c in lefts), default=head.i)
    if head.i - lo > 6:
        return None
    c = Cand(lo, head.i + 1, "apposition", name=doc[lo : head.i + 1].text, head=head.i, link=name)
    c.title = _title_ending_at(doc, lo, head.i)
    if owner is not None:
        c.affiliation_token = owner.i  # "the firm's chief executive" belongs to the firm
    return c


def _title_ending_at(doc: Doc, lo: int, head: int) -> TitleInfo | None:
    """The longest title among the words ``lo..head`` that ends with the head word."""
    for k in range(lo, head + 1):
        info = title_info(doc[k : head + 1].text)
        if info is not None:
            return info
    return None


def pronoun_candidates(doc: Doc, taken: list[Cand]) -> list[Cand]:
    """Personal and possessive pronouns (he, its, we …)."""
    out = []
    near_taken = RangeIndex(taken, _bounds)
    for tok in doc:
        if tok.lower_ in PRONOUNS and tok.pos_ in {"PRON", "DET"}:
            c = Cand(tok.i, tok.i + 1, "pronoun", name=tok.lower_, head=tok.i)
            if not any(c.overlaps(t) for t in near_taken.near(c.start, c.end)):
                out.append(c)
    return out


def apposition_candidates(doc: Doc, taken: list[Cand]) -> list[Cand]:
    """Appositions renaming a name ("Ann Example, chair of the board")."""
    by_token: dict[int, Cand] = {}
    for t in taken:
        if t.kind in {"name", "acronym", "institution"}:
            for i in range(t.start, t.end):
                by_token.setdefault(i, t)
    near_taken = RangeIndex(taken, _bounds)
    out = []
    for tok in doc:
        if tok.dep_ != "appos" or tok.pos_ not in {"NOUN", "PROPN"}:
            continue
        name = by_token.get(tok.head.i)
        office = _office_of(tok)
        if office is not None and tok.i in by_token and office.i not in by_token:
            # "The president of Georgia, Mikheil Saakashvili, …": the name, parsed as renaming
            # the country, renames the office holder
            c = _noun_phrase(doc, office, by_token[tok.i])
            if c is not None and not any(c.overlaps(t) for t in taken):
                out.append(c)
            continue
        if (
            name is None
            and tok.i in by_token
            and tok.head.pos_ == "NOUN"
            and tok.head.i not in by_token
        ):
            # "Another automaker, General Motors, …": the noun phrase renamed by the name
            c = _noun_phrase(doc, tok.head, by_token[tok.i])
            if c is not None and not any(c.overlaps(t) for t in near_taken.near(c.start, c.end)):
                out.append(c)
            continue
        if name is None or tok.i in by_token:
            continue
        if any(c.dep_ == "appos" and c.i < tok.i for c in tok.head.children):
            # "X, the chairman of CD&V, the party that …": a second apposition may rename the
            # first one's name (the party is CD&V), not X
            continue
        toks = [tok, *(d for c in tok.children if c.dep_ not in _APPOS_EXCLUDED for d in c.subtree)]
        lo = min(t.i for t in toks)
        hi = max(t.i for t in toks) + 1
        if hi - lo > 12 or any(doc[k].text == "," for k in range(lo, hi)):
            continue
        c = Cand(lo, hi, "apposition", name=doc[lo:hi].text, head=tok.i, link=name)
        if any(c.overlaps(t) and not t.inside(c) for t in near_taken.near(c.start, c.end)):
            continue
        c.title = _title_ending_at(doc, lo, tok.i)
        out.append(c)
    return out


__all__ = [
    "NER_TYPES",
    "Cand",
    "apposition_candidates",
    "description_candidates",
    "entity_candidates",
    "institution_candidates",
    "organisation_name",
    "pronoun_candidates",
    "repeated_candidates",
    "scan_candidates",
]
