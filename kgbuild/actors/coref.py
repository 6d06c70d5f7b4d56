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
from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kgbuild.actors.gazetteer import GazEntry, Gazetteer
from kgbuild.actors.gender import first_name_gender
from kgbuild.actors.lexicon import PRONOUNS, words
from kgbuild.actors.mentions import (
    Cand,
    apposition_candidates,
    description_candidates,
    entity_candidates,
    institution_candidates,
    pronoun_candidates,
    repeated_candidates,
    scan_candidates,
)
from kgbuild.actors.names import (
    acronym_key,
    display_case,
    entity_key,
    initials,
    norm,
    person_key_name,
    strip_corporate,
)
from kgbuild.actors.quotes import quote_spans, quote_speakers
from kgbuild.actors.types import add_votes, decide
from kgbuild.doctext import doc_text

#: What :meth:`Resolver._person_match` finds for a surname two people of the article share.
AMBIGUOUS = Cand(-1, -1, "name", name="")
#: The identity of such a surname: no entity.
AMBIGUOUS_ID = "ambiguous:"

#: How far back (in sentences) each kind of reference looks for its antecedent.
WINDOW = {"person": 3, "thing": 1, "plural": 1, "description": 10, "org_noun": 5, "country_noun": 3}

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
        self.resolved: list[Resolved] = []

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
        ents = [e for e in ents if not any(e.inside(s) for s in scanned)]
        names = ents + scanned
        names += repeated_candidates(self.doc, names)
        inst = institution_candidates(self.doc, self.gaz, names)
        names = [
            n
            for n in names
            if not any(n.inside(i) and n.ner == "ORG" and n.gaz is None for i in inst)
        ]
        # a name inside another's title ("US Secretary of *State* X") is part of the title
        titled = [n for n in names if n.title is not None and n.title_start >= 0]
        names = [
            n
            for n in names
            if n.gaz is not None
            or not any(
                n is not t and t.title_start <= n.start and n.end <= t.name_start for t in titled
            )
        ]
        names += inst
        names.sort(key=lambda c: (c.start, -c.end))
        return names

    def _full_person_names(self, names: list[Cand]) -> list[Cand]:
        return [
            c
            for c in names
            if c.kind == "name"
            and c.n_name_tokens >= 2
            and (c.gaz is None or c.gaz.type == "Person")
            and (c.ner == "PERSON" or (c.title is not None and c.title.kind != "honorific"))
        ]

    def _person_match(self, c: Cand, fulls: list[Cand]) -> Cand | None:
        """The full person name a (partial) name belongs to: the nearest one that ends with it."""
        words_ = norm(c.name).split()
        if not words_:
            return None
        matches = [
            f
            for f in fulls
            if (fw := norm(f.name).split())[-len(words_) :] == words_ and len(fw) >= len(words_)
        ]
        if not matches:
            return None
        keys = {person_key_name(f.name) for f in matches}
        if len(keys) == 1:
            return max(matches, key=lambda f: f.n_name_tokens)
        exact = [f for f in matches if norm(f.name) == norm(c.name)]
        if exact:
            return exact[0]
        # two people share the surname ("Joe Biden", "Hunter Biden"): a title that only one
        # of them bears decides, else the bare surname stays unresolved, never the last one
        if c.title is not None:
            titled = [f for f in matches if f.title is not None and f.title.title == c.title.title]
            if len({person_key_name(f.name) for f in titled}) == 1:
                return titled[0]
        return AMBIGUOUS

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
        if not gaz_ok or c.ner == "PERSON" or ordinary_place:
            full = self._person_match(c, self._full_person_names(names))
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
        short = norm(strip_corporate(c.name)).split()
        if not short:
            return None
        complete = {
            norm(strip_corporate(n.name))
            for n in names
            if n.ner == "ORG" and strip_corporate(n.name) != n.name
        }
        if " ".join(short) in complete:
            return None  # "Apple Inc." shows "Apple" is a whole company name here
        found: dict[str, Cand] = {}
        for n in names:
            if n.ner != "ORG" or n.gaz is not None or n is c:
                continue
            long = norm(strip_corporate(n.name)).split()
            if len(long) <= len(short):
                continue
            prefix = long[: len(short)] == short
            k = len(long) - len(short)
            after_country = long[k:] == short and self._is_country(" ".join(long[:k]))
            if prefix or after_country:
                found.setdefault(" ".join(long), n)
        return next(iter(found.values())) if len(found) == 1 else None

    def _is_country(self, text: str) -> bool:
        e = self.gaz.lookup(text, places=False) or self.gaz.adjective(text)
        return e is not None and e.type == "Country"

    def _acronym_expansion(self, c: Cand, names: list[Cand]) -> Cand | None:
        acr = acronym_key(c.name) or ""
        for n in names:
            if n is c or n.kind != "name" or n.n_name_tokens < 2:
                continue
            if initials(strip_corporate(n.name)) == acr:
                return n
            # "Long Name (LN)": the acronym in parentheses right after the name
            if n.end + 1 == c.start and self.doc[n.end].text == "(":
                return n
        return None

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
            cl.label = display_case(
                max(
                    counts,
                    key=lambda n: (counts[n], not acronym_key(n), len(n.split()), len(n)),
                )
            )
        cl.key = entity_key(cl.type, cl.label)

    def _cluster_of(self, c: Cand | None) -> Cluster | None:
        if c is None:
            return None
        for r in self.resolved:
            if r.cand is c:
                return r.cluster
        return None

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
        history = [
            a for r in self.resolved if r.cand.kind != "adjective" and (a := self._antecedent(r))
        ]
        history.sort(key=lambda a: a.token)
        quotes = quote_spans(self.text)
        self._quote_tokens = self._quote_token_ranges(quotes)
        first_person: list[Cand] = []
        for c in refs:
            if c.kind == "pronoun" and PRONOUNS[c.name][0].startswith("first"):
                first_person.append(c)
                continue
            before = history[: bisect.bisect_left([a.token for a in history], c.start)]
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
                self._description(c, before)
                if c.kind == "description"
                else self._pronoun(c, before)
            )
            r = Resolved(c, cl, CONFIDENCE.get(how, 0.5))
            self.resolved.append(r)
            a = self._antecedent(r)
            if a is not None:
                bisect.insort(history, a, key=lambda x: x.token)
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

    def _description(self, c: Cand, before: list[_Antecedent]) -> tuple[Cluster | None, str]:
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
            for a in reversed(before):
                if a.cluster.government and (
                    c.affiliation is None or a.cluster.key == c.affiliation
                ):
                    return a.cluster, "noun-description"
            return None, ""
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
            for a in ranked:
                if bound(a) or (gender and a.cluster.gender and a.cluster.gender != gender):
                    continue
                if gender and not a.cluster.gender:
                    a.cluster.gender = gender
                return a.cluster, "he-she"
            return None, ""
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
        best: Resolved | None = None
        for r in self.resolved:
            if r.cluster is None or not r.cand.start <= i < r.cand.end:
                continue
            if best is None or r.cand.end - r.cand.start < best.cand.end - best.cand.start:
                best = r
        return best.cluster if best else None

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
            k = next((k for k, (s, e) in enumerate(quotes) if s <= idx < e), None)
            sp = speakers.get(k) if k is not None else None
            cl = sp if isinstance(sp, Cluster) else None
            if cl is not None and PRONOUNS[c.name][0] == "first-pl":
                cl = self._spoken_for(cl)
            self.resolved.append(Resolved(c, cl, CONFIDENCE["speaker"] if cl else 0.0))
        return speakers

    def _spoken_for(self, speaker: Cluster) -> Cluster:
        """Whom "we" means: a spokesperson's or executive's organisation, else the speaker."""
        if speaker.type != "Person" or "official" not in speaker.title_kinds:
            return speaker
        if speaker.title_kinds & {"leader", "minister"}:
            return speaker
        for i in speaker.affiliation_tokens:
            cl = self._cluster_at(i)
            if cl is not None and cl.type == "Organization":
                return cl
        for cl in self.clusters:
            if cl.key in speaker.affiliations and cl.type == "Organization":
                return cl
        return speaker


def resolve(doc: Doc, gaz: Gazetteer) -> list[Resolved]:
    """Every mention candidate of ``doc`` with its cluster (None when unresolved)."""
    return Resolver(doc, gaz).run()


__all__ = ["CONFIDENCE", "WINDOW", "Cluster", "Resolved", "Resolver", "resolve"]
