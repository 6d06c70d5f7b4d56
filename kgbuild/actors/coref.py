"""Coreference inside one article: which mentions name the same entity.

Rule-based, in three steps over the candidates of :mod:`kgbuild.actors.mentions`:

1. **Names** are grouped: gazetteer entries by key; a surname or partial name joins the full
   person name of the article that ends with it ("Merkel" → "Angela Merkel", even when the
   surname comes first, in the headline); an acronym joins the organisation whose initials it
   spells or that it follows in parentheses; other names group by their normalized form.
   Each group gets one type by vote (:mod:`kgbuild.actors.types`).
2. **Definite descriptions and pronouns** are resolved in document order against the
   entities mentioned before them: "the German chancellor" → the last person titled
   chancellor of Germany; "the alliance" → the last organisation the gazetteer describes so;
   "he" → the nearest person, subjects first, not the subject of its own clause; "it" → the
   nearest state or organisation; pleonastic "it" is left alone.
3. **Quotations**: "I", "we", "our" inside a quote → the speaker of the quote; a third
   person inside a quote is never its speaker (who would say "I"), and the pronoun that
   names the speaker ("…,” he said) never refers to someone named inside that quote.

What cannot be resolved stays unresolved (no entity), never guessed.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Token

from kgbuild import datafiles
from kgbuild.actors.gazetteer import GazEntry, Gazetteer
from kgbuild.actors.gender import first_name_gender
from kgbuild.actors.lexicon import PRONOUNS, words
from kgbuild.actors.mentions import (
    Cand,
    apposition_candidates,
    description_candidates,
    entity_candidates,
    institution_candidates,
    organisation_name,
    pronoun_candidates,
    repeated_candidates,
    scan_candidates,
)
from kgbuild.actors.names import (
    acronym_key,
    display_case,
    entity_key,
    initials,
    key_name,
    name_subsumes,
    norm,
    person_key_name,
    strip_corporate,
)
from kgbuild.actors.quotes import quote_at, quote_spans, quote_speakers
from kgbuild.actors.ranges import RangeIndex
from kgbuild.actors.types import add_votes, decide
from kgbuild.doctext import doc_text

#: Sentences (headline and lead) where a surname may come before the full name it shortens.
LEAD_SENTENCES = 3

#: What :meth:`Resolver._person_match` finds for a surname two people of the article share.
AMBIGUOUS = Cand(-1, -1, "name", name="")
#: The identity of such a surname: no entity.
AMBIGUOUS_ID = "ambiguous:"

#: How far back (in sentences) each kind of reference looks for its antecedent.
WINDOW = {"person": 3, "thing": 1, "plural": 1, "description": 10, "org_noun": 5, "country_noun": 3}

#: A "he" or "she" is contested when another person it could be is named between the chosen
#: antecedent and the pronoun, or is the subject of a clause this many sentences further back
#: than the chosen antecedent, or nearer.
RIVAL_SENTENCES = 1

#: How often an article must name a country, at least twice as often as any other, for a name
#: many countries' organisations share ("Green Party") to be taken for that country's.
HOME_MENTIONS = 2

#: Confidence of each way of resolving a mention.
CONFIDENCE = {
    "gazetteer": 1.0,
    "name": 0.95,
    "partial": 0.9,
    "acronym": 0.9,
    "adjective": 0.9,
    "institution": 0.85,
    "apposition": 0.85,
    "title-description": 0.8,
    "descriptor": 0.8,
    "speaker": 0.8,
    "he-she": 0.7,
    # another person of that gender is a subject as near (or one sentence further): a guess
    "he-she-contested": 0.55,
    "noun-description": 0.6,
    "it": 0.6,
    "they": 0.5,
}


@dataclass
class Cluster:
    """The entity a group of mentions in one article refers to."""

    id: int
    gaz: GazEntry | None = None
    person: bool = False
    names: list[str] = field(default_factory=list)
    votes: dict[str, float] = field(default_factory=dict)
    titled: bool = False
    titles: set[str] = field(default_factory=set)  # lower-cased titles seen with it
    title_kinds: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)  # gazetteer keys
    affiliation_tokens: list[int] = field(default_factory=list)  # where an affiliation is written
    roles: list[str] = field(default_factory=list)
    gender: str = ""
    government: bool = False  # "the Russian government" was said of it
    institution: str = ""  # "Russian Defense Ministry" for country institutions
    key: str = ""
    label: str = ""
    type: str = ""


@dataclass
class Resolved:
    """A candidate with the cluster it was resolved to (None: unresolved) and how surely."""

    cand: Cand
    cluster: Cluster | None
    confidence: float = 1.0
    role: str | None = None


@dataclass
class _Antecedent:
    token: int
    sent: int
    cluster: Cluster
    subject: bool
    verb: int


class Resolver:
    """Resolves the mentions of one parsed article (see the module docstring)."""

    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.gaz = gaz
        self.clusters: list[Cluster] = []
        self._by_ident: dict[str, Cluster] = {}
        self._sent_starts = [s.start for s in doc.sents]
        self._paragraphs: list[int] | None = None
        self._quote_tokens: list[tuple[int, int]] = []
        self._names: _NamesIndex | None = None
        self.resolved: list[Resolved] = []
        # self.resolved looked up by candidate and by token, extended as it grows
        self._of: dict[int, Resolved] = {}
        self._of_seen = 0
        self._at: RangeIndex[tuple[int, Resolved]] = RangeIndex((), _resolved_bounds)
        self._at_seen = 0

    # ------------------------------------------------------------------ entry point

    def run(self) -> list[Resolved]:
        names = self._name_candidates()
        for c in names:
            self._resolve_name(c, names)
        self._finish_clusters()
        taken = list(names)
        appos = apposition_candidates(self.doc, taken)
        for a in appos:
            cl = self._cluster_of(a.link)
            if cl is not None:
                role = self._add_title(cl, a)
                self.resolved.append(Resolved(a, cl, CONFIDENCE["apposition"], role))
        taken += appos
        refs = description_candidates(self.doc, self.gaz, taken)
        refs += pronoun_candidates(self.doc, taken + refs)
        refs.sort(key=lambda c: c.start)
        self._resolve_references(refs)
        return sorted(self.resolved, key=lambda r: (r.cand.start, -r.cand.end))

    # ------------------------------------------------------------------ names

    def _name_candidates(self) -> list[Cand]:
        ents = entity_candidates(self.doc, self.gaz)
        scanned = scan_candidates(self.doc, self.gaz, ents, self.text)
        by_scan = RangeIndex(scanned, _bounds)
        ents = [e for e in ents if not any(e.inside(s) for s in by_scan.near(e.start, e.end))]
        names = ents + scanned
        names += repeated_candidates(self.doc, names)
        inst = institution_candidates(self.doc, self.gaz, names)
        by_inst = RangeIndex(inst, _bounds)
        names = [
            n
            for n in names
            if not (n.ner == "ORG" and n.gaz is None)
            or not any(n.inside(i) for i in by_inst.near(n.start, n.end))
        ]
        # a name inside another's title ("US Secretary of *State* X") is part of the title
        titled = RangeIndex(
            (n for n in names if n.title is not None and n.title_start >= 0),
            lambda t: (t.title_start, t.name_start),
        )
        names = [
            n
            for n in names
            if n.gaz is not None
            or not any(
                n is not t and t.title_start <= n.start and n.end <= t.name_start
                for t in titled.near(n.start, n.end)
            )
        ]
        names += inst
        names.sort(key=lambda c: (c.start, -c.end))
        return names

    def _names_index(self, names: list[Cand]) -> _NamesIndex:
        """The indexes of the name candidates (made once: ``names`` stays the same list)."""
        if self._names is None or self._names.names is not names:
            self._names = _NamesIndex(names, self)
        return self._names

    def _person_match(self, c: Cand, names: list[Cand]) -> Cand | None:
        """The full person name a (partial) name belongs to: the one it ends, or the one of
        several that :meth:`_NamesIndex.shared_surname` picks."""
        words_ = tuple(norm(c.name).split())
        if not words_:
            return None
        found = self._names_index(names).persons_ending(words_)
        if found is None:
            return None
        matches, best = found
        if all(f.start > c.start for f in matches) and self._sent(c.start) >= LEAD_SENTENCES:
            # a surname long before any full name that ends with it, past the headline and
            # the lead, is someone the article named otherwise (a son before his mother)
            return None
        if best is not None:  # all of one person: the longest name
            return best
        return self._names_index(names).shared_surname(c, words_, matches)

    def _resolve_name(self, c: Cand, names: list[Cand]) -> None:
        ident, how = self._identity(c, names)
        if ident == AMBIGUOUS_ID:  # a surname two people of the article share
            self.resolved.append(Resolved(c, None, 0.0))
            return
        cl = self._by_ident.get(ident)
        if cl is None:
            cl = Cluster(id=len(self.clusters))
            self.clusters.append(cl)
            self._by_ident[ident] = cl
        if ident.startswith("gaz:"):
            cl.gaz = self.gaz.entry(ident[4:])
        if ident.startswith("person:"):
            cl.person = True
        if c.kind == "institution":
            if c.gaz is not None:
                cl.government = True
            else:
                adj = self.gaz.adjective_of(c.affiliation or "") or ""
                cl.institution = f"{adj} {c.name}".strip()
        if c.kind in {"name", "acronym"}:
            cl.names.append(c.name)
        add_votes(cl.votes, c.votes)
        role = self._add_title(cl, c)
        self.resolved.append(Resolved(c, cl, CONFIDENCE[how], role))

    def _identity(self, c: Cand, names: list[Cand]) -> tuple[str, str]:
        """What a name candidate is grouped by, and how it was identified."""
        if c.kind == "adjective" and c.gaz is not None:
            return "gaz:" + c.gaz.key, "adjective"
        if c.kind == "institution":
            if c.gaz is not None:
                return "gaz:" + c.gaz.key, "institution"
            return f"inst:{c.affiliation}:{norm(c.name)}", "institution"
        titled = c.title is not None and c.title.kind != "honorific"
        gaz_ok = c.gaz is not None and not (titled and c.gaz.type != "Person")
        if (
            c.gaz is not None
            and c.ner == "PERSON"
            and c.gaz.type == "Place"
            and not c.gaz.stands_for
        ):
            gaz_ok = False
        ordinary_place = c.gaz is not None and c.gaz.type == "Place" and not c.gaz.stands_for
        if (not gaz_ok or c.ner == "PERSON" or ordinary_place) and not (
            c.title is None and organisation_name(c.name)
        ):  # "Bernard L. Madoff Investment", tagged a person: a firm
            full = self._person_match(c, names)
            if full is AMBIGUOUS:
                return AMBIGUOUS_ID, "name"
            if full is not None:
                how = "name" if full is c or norm(full.name) == norm(c.name) else "partial"
                return "person:" + person_key_name(full.name), how
        if gaz_ok and c.gaz is not None:
            return "gaz:" + c.gaz.key, "gazetteer"
        if c.kind == "acronym":
            org = self._acronym_expansion(c, names)
            if org is not None:
                return "name:" + norm(strip_corporate(org.name)), "acronym"
        if c.ner == "ORG" and c.gaz is None:
            org = self._org_match(c, names)
            if org is not None:
                return "name:" + norm(strip_corporate(org.name)), "partial"
        return "name:" + norm(strip_corporate(c.name)), "name"

    def _org_match(self, c: Cand, names: list[Cand]) -> Cand | None:
        """The one longer organisation name a short one begins ("Apple" → "Apple Computer"),
        or ends after a country ("Senate" → "United States Senate")."""
        short = tuple(norm(strip_corporate(c.name)).split())
        if not short:
            return None
        index = self._names_index(names)
        if " ".join(short) in index.complete_orgs:
            return None  # "Apple Inc." shows "Apple" is a whole company name here
        return index.longer_org(short)  # (c itself is not longer than itself)

    def _is_country(self, text: str) -> bool:
        e = self.gaz.lookup(text, places=False) or self.gaz.adjective(text)
        return e is not None and e.type == "Country"

    def _acronym_expansion(self, c: Cand, names: list[Cand]) -> Cand | None:
        """The first name of two words or more whose initials spell the acronym, or that the
        acronym follows in parentheses ("Long Name (LN)")."""
        index = self._names_index(names)
        hits = [index.by_initials.get(acronym_key(c.name) or "")]
        if c.start > 0 and self.doc[c.start - 1].text == "(":
            hits.append(index.multiword_ending.get(c.start - 1))
        found = [h for h in hits if h is not None]
        return min(found)[1] if found else None

    def _add_title(self, cl: Cluster, c: Cand) -> str | None:
        if c.title is None:
            return None
        if c.title.gender and not cl.gender:
            cl.gender = c.title.gender
        if c.title.kind == "honorific":
            return None
        if c.affiliation_token >= 0:
            cl.affiliation_tokens.append(c.affiliation_token)
        cl.titled = True
        cl.titles.add(c.title.title.lower())
        cl.title_kinds.add(c.title.kind)
        aff_label = c.affiliation_text
        if c.affiliation:
            cl.affiliations.add(c.affiliation)
            e = self.gaz.entry(c.affiliation)
            aff_label = e.label if e else aff_label
        role = f"{c.title.title} ({aff_label})" if aff_label else c.title.title
        if role not in cl.roles:
            cl.roles.append(role)
        return role

    def _finish_clusters(self) -> None:
        for cl in self.clusters:
            self._finish_cluster(cl)
            if cl.type == "Person" and not cl.gender:
                cl.gender = first_name_gender(cl.label)
        home: str | None = None
        for cl in self.clusters:
            if cl.gaz is None and cl.type == "Organization" and _national_name(cl.label):
                if home is None:
                    home = self._home_country() or ""
                country = next(iter(sorted(cl.affiliations)), "") or home
                # "Green Party": one per country; with no country known, one per article
                where = key_name(country) if country else self._article_tag()
                cl.key = f"{cl.key}@{where}"
                named = self.gaz.entry(country) if country else None
                if named is not None and named.label.lower() not in cl.label.lower():
                    cl.label = f"{cl.label} ({named.label})"  # "Green Party (Australia)"

    def _article_tag(self) -> str:
        """A short tag of this article's text, the same in every build."""
        return "doc-" + hashlib.sha256(self.text.encode("utf-8")).hexdigest()[:10]

    def _home_country(self) -> str | None:
        """The key of the country the article names most — at least :data:`HOME_MENTIONS`
        times and twice as often as any other — if any."""
        counts: Counter[str] = Counter()
        for r in self.resolved:
            cl = r.cluster
            if cl is not None and cl.type == "Country" and cl.key:
                counts[cl.key] += 1
        ranked = counts.most_common(2)
        if not ranked or ranked[0][1] < HOME_MENTIONS:
            return None
        if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
            return None  # two countries about as often: neither is the article's
        return ranked[0][0]

    def _finish_cluster(self, cl: Cluster) -> None:
        """Type, label and key of one cluster of names."""
        if cl.gaz is not None:
            cl.type, cl.label, cl.key = cl.gaz.type, cl.gaz.label, cl.gaz.key
            return
        cl.type = "Person" if cl.person else decide(cl.votes, title=cl.titled)
        if cl.institution:
            cl.label = cl.institution
        elif cl.type == "Person":
            cl.label = display_case(max(cl.names, key=lambda n: (len(n.split()), len(n))))
        else:
            counts = Counter(cl.names)
            acronyms = {acronym_key(n) for n in counts} - {None}
            # an acronym the article spells out is named by what it stands for, so that the
            # acronym of another article ("AFP" for a news agency) keeps a key of its own
            spelled = [
                n for n in counts if len(n.split()) > 1 and initials(strip_corporate(n)) in acronyms
            ]
            cl.label = display_case(
                max(
                    spelled or counts,
                    key=lambda n: (counts[n], not acronym_key(n), len(n.split()), len(n)),
                )
            )
        cl.key = entity_key(cl.type, cl.label)

    def _cluster_of(self, c: Cand | None) -> Cluster | None:
        """The cluster ``c`` was resolved to (the first time), None if it was not."""
        if c is None:
            return None
        for r in self.resolved[self._of_seen :]:
            self._of.setdefault(id(r.cand), r)
        self._of_seen = len(self.resolved)
        found = self._of.get(id(c))
        return found.cluster if found is not None else None

    # ------------------------------------------------------------------ references

    def _sent(self, token: int) -> int:
        return bisect.bisect_right(self._sent_starts, token) - 1

    def _verb(self, tok: Token) -> int:
        t = tok
        while t.pos_ not in {"VERB", "AUX"} and t.head.i != t.i:
            t = t.head
        return t.i

    def _antecedent(self, r: Resolved) -> _Antecedent | None:
        if r.cluster is None:
            return None
        head = self.doc[r.cand.head if r.cand.head >= 0 else r.cand.end - 1]
        return _Antecedent(
            token=r.cand.start,
            sent=self._sent(r.cand.start),
            cluster=r.cluster,
            subject=head.dep_ in {"nsubj", "nsubjpass"},
            verb=self._verb(head),
        )

    def _resolve_references(self, refs: list[Cand]) -> None:
        history = _History(
            a for r in self.resolved if r.cand.kind != "adjective" and (a := self._antecedent(r))
        )
        quotes = quote_spans(self.text)
        self._quote_tokens = self._quote_token_ranges(quotes)
        first_person: list[Cand] = []
        for c in refs:  # in document order
            if c.kind == "pronoun" and PRONOUNS[c.name][0].startswith("first"):
                first_person.append(c)
                continue
            # the antecedents before c, as far back as any window reaches
            before = history.window(c.start, self._sent(c.start) - max(WINDOW.values()))
            if c.kind == "pronoun" and self._quote_at(c.start) is None:
                # outside the quotes, a pronoun does not refer to someone named inside a quote
                # of its own sentence ("“… President X …,” he said": he is not X)
                sent_start = self._sent_starts[self._sent(c.start)]
                before = [
                    a
                    for a in before
                    if (q := self._quote_at(a.token)) is None
                    or self._quote_tokens[q][1] <= sent_start
                ]
            cl, how = (
                self._description(c, before, history)
                if c.kind == "description"
                else self._pronoun(c, before)
            )
            r = Resolved(c, cl, CONFIDENCE.get(how, 0.5))
            self.resolved.append(r)
            a = self._antecedent(r)
            if a is not None:
                history.add(a)
        speakers = self._resolve_first_person(first_person, quotes)
        self._not_the_speaker(speakers)

    def _quote_token_ranges(self, quotes: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The token ranges ``[start, end)`` of the quotations."""
        starts = [t.idx for t in self.doc]
        return [(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)) for s, e in quotes]

    def _quote_at(self, token: int) -> int | None:
        """The index of the quotation holding token ``token``, if any (quotations are in text
        order and do not overlap)."""
        ranges = self._quote_tokens
        k = bisect.bisect_right(ranges, (token, len(self.doc) + 1)) - 1
        return k if k >= 0 and ranges[k][0] <= token < ranges[k][1] else None

    def _not_the_speaker(self, speakers: dict[int, object]) -> None:
        """A third-person pronoun inside a quote is not the quote's speaker: unresolve it."""
        for r in self.resolved:
            if r.cand.kind != "pronoun" or r.cluster is None:
                continue
            if PRONOUNS[r.cand.name][0].startswith("first"):
                continue
            k = self._quote_at(r.cand.start)
            if k is not None and speakers.get(k) is r.cluster:
                r.cluster = None
                r.confidence = 0.0

    def _description(
        self, c: Cand, before: list[_Antecedent], history: _History
    ) -> tuple[Cluster | None, str]:
        tok = self.doc[c.head]
        noun, lemma = tok.lower_, tok.lemma_.lower()
        sent = self._sent(c.start)
        if c.title is not None:
            for a in reversed(before):
                cl = a.cluster
                if sent - a.sent > WINDOW["description"] or not cl.titled:
                    continue
                title = c.title.title.lower()
                fits = "leader" in cl.title_kinds if title == "leader" else title in cl.titles
                if fits and (c.affiliation is None or c.affiliation in cl.affiliations):
                    return cl, "title-description"
            return None, ""
        keys = set(self.gaz.descriptor_keys(noun) or self.gaz.descriptor_keys(lemma))
        if keys:
            for a in reversed(before):
                if a.cluster.key in keys and sent - a.sent <= WINDOW["description"]:
                    return a.cluster, "descriptor"
        if lemma in words("state_institution") or noun in words("state_institution"):
            # the last government mentioned before, however far back
            gov = history.last_government(c.start, c.affiliation)
            return (gov, "noun-description") if gov is not None else (None, "")
        for a in reversed(before):
            lab = a.cluster.label.lower()
            if (
                a.cluster.type == "Organization"
                and (lab.endswith(" " + noun) or lab.endswith(" " + lemma))
                and sent - a.sent <= WINDOW["description"]
            ):
                return a.cluster, "noun-description"
        if lemma in words("country_noun"):
            return self._nearest(
                before, sent, {"Country"}, WINDOW["country_noun"]
            ), "noun-description"
        if lemma in words("org_noun"):
            return self._nearest(
                before, sent, {"Organization"}, WINDOW["org_noun"]
            ), "noun-description"
        return None, ""

    def _nearest(
        self,
        before: list[_Antecedent],
        sent: int,
        types: set[str],
        window: int,
        *,
        subject_first: bool = False,
    ) -> Cluster | None:
        best: tuple[int, int, int] | None = None
        found = None
        for a in before:
            if a.cluster.type not in types or sent - a.sent > window:
                continue
            rank = (sent - a.sent, 0 if (a.subject or not subject_first) else 1, -a.token)
            if best is None or rank < best:
                best, found = rank, a.cluster
        return found

    def _pronoun(self, c: Cand, before: list[_Antecedent]) -> tuple[Cluster | None, str]:
        tok = self.doc[c.start]
        cls, gender = PRONOUNS[c.name]
        sent = self._sent(c.start)
        reflexive = c.name.endswith(("self", "selves"))
        possessive = tok.dep_ == "poss" or tok.tag_ == "PRP$"

        excluded = self._bound_cluster(tok) if not (reflexive or possessive) else None

        def bound(a: _Antecedent) -> bool:
            """Binding: "X told him", "X …, accusing him" — him is not X."""
            return excluded is not None and a.cluster is excluded

        if cls == "third-sg-person" and possessive:
            # "X provided his own plan": a possessive names the subject of its clause first
            own = self._clause_subject_cluster(tok)
            if (
                own is not None
                and own.type == "Person"
                and not (gender and own.gender and own.gender != gender)
            ):
                return own, "he-she"
        if cls == "third-sg-person":
            ranked = sorted(
                (
                    a
                    for a in before
                    if a.cluster.type == "Person" and sent - a.sent <= WINDOW["person"]
                ),
                key=lambda a: (sent - a.sent, not a.subject, -a.token),
            )
            fit = [
                a
                for a in ranked
                if not bound(a) and not (gender and a.cluster.gender and a.cluster.gender != gender)
            ]
            if not fit:
                return None, ""
            top = fit[0]
            if gender and not top.cluster.gender:
                top.cluster.gender = gender
            rival = (
                any(
                    a.cluster is not top.cluster
                    and (
                        (a.subject and (sent - a.sent) <= (sent - top.sent) + RIVAL_SENTENCES)
                        or a.token > top.token  # named after it, nearer the pronoun
                    )
                    for a in fit[1:]
                )
                or self._unknown_person_between(top.token, c.start, top.cluster)
            )
            return top.cluster, "he-she-contested" if rival else "he-she"
        if cls == "third-sg-thing":
            if c.name == "it" and (self._pleonastic(tok) or tok.dep_ not in {"nsubj", "nsubjpass"}):
                return None, ""
            types = {"Country", "Organization"}
            para = self._paragraph_start(c.start)
            ranked = sorted(
                (
                    a
                    for a in before
                    if (a.cluster.type in types or (a.cluster.gaz and a.cluster.gaz.stands_for))
                    and sent - a.sent <= WINDOW["thing"]
                    and a.token >= para
                    and not self._coordinated(a)
                    and ((possessive and sent == a.sent) or a.subject)
                ),
                key=lambda a: (sent - a.sent, not a.subject, -a.token),
            )
            for a in ranked:
                if not bound(a):
                    return a.cluster, "it"
            return None, ""
        if cls == "third-pl":
            subj = tok.head if tok.dep_ in {"nsubj", "nsubjpass"} else None
            para = self._paragraph_start(c.start)
            ranked = sorted(
                (
                    a
                    for a in before
                    if a.cluster.type == "Group"
                    and a.subject
                    and a.token >= para
                    and sent - a.sent <= WINDOW["plural"]
                    and not self._coordinated(a)
                ),
                key=lambda a: (sent - a.sent, -a.token),
            )
            for a in ranked:
                if subj is None or not bound(a):
                    return a.cluster, "they"
        return None, ""

    def _unknown_person_between(self, lo: int, hi: int, cluster: Cluster) -> bool:
        """Whether a person the resolver could not tell ("Butz", between two fuller names)
        is the subject of a clause between an antecedent and its pronoun: the pronoun may be
        that person, so the antecedent is a guess."""
        return any(
            t.ent_type_ == "PERSON"
            and t.dep_ in {"nsubj", "nsubjpass"}
            and self._cluster_at(t.i) is not cluster
            for t in self.doc[lo + 1 : hi]
        )

    def _bound_cluster(self, tok: Token) -> Cluster | None:
        """The entity of the subject of a non-subject pronoun's own clause (it cannot be it)."""
        if tok.dep_ in {"nsubj", "nsubjpass", "poss"}:
            return None
        verb = self.doc[self._verb(tok)]
        for _ in range(4):
            subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None and subj.lower_ != "it":
                return self._cluster_at(subj.i)
            # a participle or small clause takes its subject from above ("made it clear …,
            # accusing him"): climb, also past an expletive "it"
            if verb.dep_ not in {"advcl", "xcomp", "conj", "ccomp"} or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _clause_subject_cluster(self, tok: Token) -> Cluster | None:
        """The entity of the subject of the clause holding ``tok``, when ``tok`` is not part of
        that subject."""
        verb = self.doc[self._verb(tok)]
        for _ in range(4):
            subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None:
                if subj.left_edge.i <= tok.i <= subj.right_edge.i:
                    return None
                return self._cluster_at(subj.i)
            if verb.dep_ not in {"advcl", "xcomp", "conj"} or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _cluster_at(self, i: int) -> Cluster | None:
        """The cluster of the shortest resolved mention holding token ``i`` (the first such)."""
        for k in range(self._at_seen, len(self.resolved)):
            self._at.add((k, self.resolved[k]), _resolved_bounds)
        self._at_seen = len(self.resolved)
        best: tuple[int, Resolved] | None = None
        near = dict(self._at.near(i, i + 1))  # (k: the order in self.resolved)
        for k, r in sorted(near.items()):
            if r.cluster is None or not r.cand.start <= i < r.cand.end:
                continue
            if best is None or r.cand.end - r.cand.start < best[1].cand.end - best[1].cand.start:
                best = (k, r)
        return best[1].cluster if best else None

    def _paragraph_start(self, i: int) -> int:
        """The first token of the paragraph (text after a blank line) holding token ``i``."""
        if self._paragraphs is None:
            self._paragraphs = [0] + [
                t.i + 1 for t in self.doc if t.is_space and t.text.count("\n") >= 2
            ]
        k = bisect.bisect_right(self._paragraphs, i) - 1
        return self._paragraphs[k] if k >= 0 else 0

    def _coordinated(self, a: _Antecedent) -> bool:
        tok = self.doc[a.token]
        head = tok if tok.dep_ in {"nsubj", "nsubjpass"} else tok.head
        return any(ch.dep_ == "conj" for ch in head.children)

    def _pleonastic(self, tok: Token) -> bool:
        """ "It is clear that …", "it seems …": an "it" that refers to nothing."""
        if tok.dep_ == "expl":
            return True
        head = tok.head
        if head.lemma_ in {"seem", "appear", "happen", "matter", "rain", "take"}:
            return True
        deps = {c.dep_ for c in head.children}
        return (
            head.lemma_ == "be"
            and bool(deps & {"acomp", "attr"})
            and bool(deps & {"ccomp", "xcomp", "csubj"})
        )

    def _resolve_first_person(
        self, cands: list[Cand], quotes: list[tuple[int, int]]
    ) -> dict[int, object]:
        """Resolve "I" and "we" to the speaker of their quote; the speaker of each quote."""
        by_token: dict[int, Cluster] = {}
        for r in sorted(self.resolved, key=lambda r: r.cand.end - r.cand.start, reverse=True):
            if r.cluster is not None:
                for i in range(r.cand.start, r.cand.end):
                    by_token[i] = r.cluster
        speakers = quote_speakers(self.doc, quotes, lambda t: by_token.get(t.i), self.text)
        for c in cands:
            idx = self.doc[c.start].idx
            k = quote_at(idx, quotes)
            sp = speakers.get(k) if k is not None else None
            cl = sp if isinstance(sp, Cluster) else None
            if cl is not None and PRONOUNS[c.name][0] == "first-pl":
                cl = self._spoken_for(cl)  # None: a group the quote does not name
            self.resolved.append(Resolved(c, cl, CONFIDENCE["speaker"] if cl else 0.0))
        return speakers

    def _spoken_for(self, speaker: Cluster) -> Cluster | None:
        """Whom "we" means: the speaking organisation or country itself; a person's
        organisation or country named as theirs ("Liu, spokesman of the ministry"); else
        nobody known — a person's "we" is a group ("we sometimes make mistakes": Americans),
        not the person."""
        if speaker.type != "Person":
            return speaker
        for i in speaker.affiliation_tokens:
            cl = self._cluster_at(i)
            if cl is not None and cl.type in GROUP_TYPES:
                return cl
        for cl in self.clusters:
            if cl.key in speaker.affiliations and cl.type in GROUP_TYPES:
                return cl
        return None


#: Types of what a person's "we" can stand for.
GROUP_TYPES = frozenset({"Organization", "Country", "Group"})


@cache
def _national_names() -> frozenset[str]:
    return frozenset(x.lower() for x in datafiles.lines("national_names.txt"))


def _national_name(label: str) -> bool:
    """A name organisations of many countries share ("Green Party", "Reserve Bank")."""
    return " ".join(label.lower().split()) in _national_names()


def resolve(doc: Doc, gaz: Gazetteer) -> list[Resolved]:
    """Every mention candidate of ``doc`` with its cluster (None when unresolved)."""
    return Resolver(doc, gaz).run()


__all__ = ["CONFIDENCE", "WINDOW", "Cluster", "Resolved", "Resolver", "resolve"]


def _bounds(c: Cand) -> tuple[int, int]:
    return c.start, c.end


def _resolved_bounds(kr: tuple[int, Resolved]) -> tuple[int, int]:
    return kr[1].cand.start, kr[1].cand.end


class _History:
    """The antecedents of references, in token order: those of the names (known at the start)
    and those of the references resolved since, in document order (each after the names at
    its token). Asked for the ones before a token within a few sentences, or for the last
    government before a token, it answers without a scan of all of them."""

    def __init__(self, names: Iterable[_Antecedent]) -> None:
        first = sorted(names, key=lambda a: a.token)
        self.parts: tuple[list[_Antecedent], list[_Antecedent]] = (first, [])
        self.tokens: tuple[list[int], list[int]] = ([a.token for a in first], [])
        self.sents: tuple[list[int], list[int]] = ([a.sent for a in first], [])
        #: antecedents of government clusters (key None: all; else by cluster key), by part
        self.gov: tuple[dict[str | None, list[_Antecedent]], dict[str | None, list[_Antecedent]]]
        self.gov = ({}, {})
        for a in first:
            self._add_government(0, a)

    def _add_government(self, part: int, a: _Antecedent) -> None:
        if a.cluster.government:
            self.gov[part].setdefault(None, []).append(a)
            self.gov[part].setdefault(a.cluster.key, []).append(a)

    def add(self, a: _Antecedent) -> None:
        """A reference's antecedent (references come in document order)."""
        self.parts[1].append(a)
        self.tokens[1].append(a.token)
        self.sents[1].append(a.sent)
        self._add_government(1, a)

    def window(self, token: int, first_sent: int) -> list[_Antecedent]:
        """The antecedents before ``token`` in sentence ``first_sent`` or later, in order."""
        pieces = []
        for part in (0, 1):
            hi = bisect.bisect_left(self.tokens[part], token)
            lo = bisect.bisect_left(self.sents[part], first_sent, 0, hi)
            pieces.append(self.parts[part][lo:hi])
        if not pieces[1]:
            return pieces[0]
        return list(heapq.merge(*pieces, key=lambda a: a.token))  # ties: names first

    def last_government(self, token: int, key: str | None) -> Cluster | None:
        """The cluster of the last government antecedent before ``token`` (of cluster ``key``
        when given)."""
        best: _Antecedent | None = None
        for part in (0, 1):
            found = self.gov[part].get(key, [])
            k = bisect.bisect_left(found, token, key=lambda a: a.token)
            if k and (best is None or found[k - 1].token >= best.token):
                best = found[k - 1]
        return best.cluster if best is not None else None


class _NamesIndex:
    """The name candidates of an article by what coreference looks them up by, made once per
    article so that resolving a name costs the same whatever the article's length."""

    def __init__(self, names: list[Cand], resolver: Resolver) -> None:
        self.names = names
        self._resolver = resolver
        # full person names ("Angela Merkel"), by each ending of their words
        self._persons: dict[tuple[str, ...], list[Cand]] = {}
        for c in names:
            if (
                c.kind == "name"
                and c.n_name_tokens >= 2
                and (c.gaz is None or c.gaz.type == "Person")
                and (c.ner == "PERSON" or (c.title is not None and c.title.kind != "honorific"))
            ):
                fw = tuple(norm(c.name).split())
                for k in range(1, len(fw) + 1):
                    self._persons.setdefault(fw[-k:], []).append(c)
        self._person_found: dict[tuple[str, ...], tuple[list[Cand], Cand | None] | None] = {}
        self._shared: dict[tuple[tuple[str, ...], str, str | None], Cand] = {}
        # organisation names: whole company names ("Apple Inc."), and the others by their
        # beginnings and endings (with their position among the names)
        self.complete_orgs: set[str] = set()
        self._org_prefix: dict[tuple[str, ...], list[tuple[int, Cand, tuple[str, ...]]]] = {}
        self._org_suffix: dict[tuple[str, ...], list[tuple[int, Cand, tuple[str, ...]]]] = {}
        self._org_found: dict[tuple[str, ...], Cand | None] = {}
        # names of two words or more: by their initials, and by their end token
        self.by_initials: dict[str, tuple[int, Cand]] = {}
        self.multiword_ending: dict[int, tuple[int, Cand]] = {}
        for pos, n in enumerate(names):
            if n.ner == "ORG":
                stripped = strip_corporate(n.name)
                if stripped != n.name:
                    self.complete_orgs.add(norm(stripped))
                if n.gaz is None:
                    long = tuple(norm(stripped).split())
                    for k in range(1, len(long)):
                        self._org_prefix.setdefault(long[:k], []).append((pos, n, long))
                        self._org_suffix.setdefault(long[k:], []).append((pos, n, long))
            if n.kind == "name" and n.n_name_tokens >= 2:
                self.by_initials.setdefault(initials(strip_corporate(n.name)), (pos, n))
                self.multiword_ending.setdefault(n.end, (pos, n))

    def persons_ending(self, words_: tuple[str, ...]) -> tuple[list[Cand], Cand | None] | None:
        """The full person names ending with ``words_`` in document order, and the longest of
        them when they all name one person (else None); None when there is none."""
        if words_ in self._person_found:
            return self._person_found[words_]
        matches = self._persons.get(words_)
        found: tuple[list[Cand], Cand | None] | None = None
        if matches:
            keys = {person_key_name(f.name) for f in matches}
            # "George Bush" and "George W. Bush" of one article are one man
            fullest = {k for k in keys if not any(name_subsumes(o, k) for o in keys if o != k)}
            best = None
            if len(fullest) == 1:
                (only,) = fullest
                best = max(
                    (f for f in matches if person_key_name(f.name) == only),
                    key=lambda f: f.n_name_tokens,
                )
            found = (matches, best)
        self._person_found[words_] = found
        return found

    def shared_surname(self, c: Cand, words_: tuple[str, ...], matches: list[Cand]) -> Cand:
        """The person a name shared by several people of the article is: the one written the
        same, else the only one who bears its title ("Jo Harlow", "Sam Harlow": "President
        Harlow"), else :data:`AMBIGUOUS`. Decided once per name, title and ending."""
        title = c.title.title if c.title is not None else None
        key = (words_, norm(c.name), title)
        if key in self._shared:
            return self._shared[key]
        found = next((f for f in matches if norm(f.name) == key[1]), None)
        if found is None:
            found = AMBIGUOUS
            if title is not None:
                titled = [f for f in matches if f.title is not None and f.title.title == title]
                if len({person_key_name(f.name) for f in titled}) == 1:
                    found = titled[0]
        self._shared[key] = found
        return found

    def longer_org(self, short: tuple[str, ...]) -> Cand | None:
        """The one longer organisation name that begins with ``short`` ("Apple" → "Apple
        Computer") or ends with it after a country ("Senate" → "United States Senate")."""
        if short in self._org_found:
            return self._org_found[short]
        hits = list(self._org_prefix.get(short, ()))
        for pos, n, long in self._org_suffix.get(short, ()):
            if self._resolver._is_country(" ".join(long[: len(long) - len(short)])):
                hits.append((pos, n, long))
        found: dict[tuple[str, ...], Cand] = {}
        for _pos, n, long in sorted(hits, key=lambda h: h[0]):
            found.setdefault(long, n)
        result = next(iter(found.values())) if len(found) == 1 else None
        self._org_found[short] = result
        return result
