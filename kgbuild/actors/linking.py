"""Cross-article linking: the entity keys of all articles → one node per real-world entity.

Per article, :mod:`kgbuild.actors.coref` already gave every mention a key. Across articles:

* keys the gazetteer knows ("country:RU") are already shared;
* the same name typed differently in two articles ("organization:merkel" where the model
  erred, "person:merkel" elsewhere) is one entity, of the type most mentions vote for;
* a person known only by surname in one article ("person:macron", particles included:
  "person:al hakimi") joins the one full name of the corpus that ends with it ("person:emmanuel
  macron") — only when exactly one does, at that time, of no other gender than an honorific
  says; of several, the one who bears the surname's title;
* a short full name joins the one fuller name that holds it, unless an article writes both
  apart with a whole middle name between; a middle initial the name that spells it out; a
  name with a country or title glued before it, or a caption word run into it, the name;
* names of one institution with the country written differently are one organisation;
* an organisation's acronym joins the organisation whose initials it spells;
* two long names one letter apart, written in one article or beside the same entities, are
  one entity; so are names whose umlauts are written as two letters.

Short person names were already joined to the full names of their own articles
(:mod:`kgbuild.actors.rekey`); the reasons of those joins come in as ``joins``.

The result is the entity table (label, type, aliases, roles, same-as links, mention count,
sources) and the map from every article-level key to its canonical key.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from kgbuild.actors.gazetteer import Gazetteer, load_gazetteer
from kgbuild.actors.lexicon import title_info
from kgbuild.actors.names import (
    acronym_key,
    clean_name,
    display_case,
    initials,
    key_name,
    key_type,
    name_subsumes,
    norm,
)
from kgbuild.actors.rekey import ArticleJoin, join_reason
from kgbuild.actors.shortforms import SURNAME as SURNAME_FORM
from kgbuild.actors.shortforms import (
    genders_agree,
    has_given_name,
    honorific_gender,
    short_form,
    surname_only,
    without_suffix,
)
from kgbuild.actors.types import majority
from kgbuild.records import ENTITY_TYPES, Argument, DocumentResult, Entity, EntityRef

#: Mention kinds whose surface form is a name of the entity (an alias).
ALIAS_KINDS = frozenset({"name", "acronym"})


@dataclass
class _Stats:
    labels: Counter[str] = field(default_factory=Counter)
    aliases: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    sources: set[str] = field(default_factory=set)
    mentions: int = 0
    days: set[date] = field(default_factory=set)  # the dates of its articles, when known
    genders: set[str] = field(default_factory=set)  # what honorifics before its names say


def _arguments(r: DocumentResult) -> Iterable[Argument]:
    for t in r.triples:
        for a in (t.subject, t.object, t.attributed_to, t.place, *t.arguments):
            if a is not None:
                yield a


def collect(results: Sequence[DocumentResult]) -> dict[str, _Stats]:
    """Per key: labels, surface aliases, type votes, roles, sources and mention count."""
    stats: dict[str, _Stats] = defaultdict(_Stats)
    for r in results:
        doc = r.article.id
        day = _day(r.article.date)
        for m in r.mentions:
            e = m.entity
            s = stats[e.key]
            if day is not None:
                s.days.add(day)
            s.labels[e.label] = s.labels.get(e.label, 0) + 1
            s.types[e.type] = s.types.get(e.type, 0) + 1
            s.sources.add(doc)
            s.mentions += 1
            if m.kind in ALIAS_KINDS:
                alias = e.mentioned_as or e.label
                s.aliases[alias] = s.aliases.get(alias, 0) + 1
                if e.type == "Person":
                    g = honorific_gender(m.span.text)
                    if g:
                        s.genders.add(g)
            if m.role:
                s.roles[m.role] = s.roles.get(m.role, 0) + 1
        for a in _arguments(r):
            if a.entity is not None:  # seen, not counted: the entity exists with no mention
                e = a.entity
                s = stats[e.key]
                s.labels.setdefault(e.label, 0)
                s.types.setdefault(e.type, 0)
                s.sources.add(doc)
    return stats


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


#: A surname alone joins the one full name of the corpus only when each of its articles lies
#: within this many days of an article naming the full name ("at that time").
SURNAME_WINDOW_DAYS = 365


def _same_time(short: _Stats | None, full: _Stats | None) -> bool:
    """Whether every dated article of ``short`` lies near a dated article of ``full``."""
    if short is None or full is None or not short.days or not full.days:
        return True  # no dates to tell them apart
    days = sorted(full.days)
    for d in short.days:
        i = bisect_left(days, d)  # the nearest dates of ``full`` stand on either side of d
        if not any(
            abs((days[j] - d).days) <= SURNAME_WINDOW_DAYS for j in (i - 1, i) if 0 <= j < len(days)
        ):
            return False
    return True


def _union(key_map: dict[str, str], key: str) -> str:
    seen = set()
    while key_map.get(key, key) != key and key not in seen:
        seen.add(key)
        key = key_map[key]
    return key


#: Why a key was joined to another, by rule (see :func:`link_keys`).
SAME_NAME = "the same name, its type voted by its mentions"
SURNAME = "the surname of the one person of the corpus with that surname at that time"
SHORT_NAME = "a short form of the one fuller name of the corpus"
ACRONYM = "the acronym of the one organisation whose initials it spells, at that time"
ACRONYM_BESIDE = (
    "the acronym of the one organisation whose initials it spells, beside the same entities"
)
ACRONYM_WRITTEN = "the acronym of the organisation an article wrote it for"
STORY_SURNAME = "the surname of the one person with that surname in the articles of its story"
STORY_SHORT_NAME = "a short form of the one fuller name in the articles of its story"
GLUED = "the same name with a word run into its end"
MIDDLE_INITIAL = "the same name with its middle name written as an initial"
SURNAME_TITLE = "the surname of the one person of the corpus with that surname and that title"
PREFIXED = "the person name it ends with, a country or title glued before it"
COUNTRY_FORM = "the same institution, its country written another way"
TRANSLITERATION = "the same name, its umlauts written as two letters"
VARIANT = (
    "a spelling variant, one letter apart, written in the same articles or beside the same entities"
)


def _fullest(keys: set[str]) -> set[str]:
    """The keys no other of them names more fully ("george w bush" over "george bush")."""
    return {k for k in keys if not any(o != k and name_subsumes(o, k) for o in keys)}


def link_keys(
    stats: dict[str, _Stats],
    gaz: Gazetteer,
    reasons: dict[str, str] | None = None,
) -> dict[str, str]:
    """Map every key to its canonical key (see the module docstring); ``reasons`` receives,
    for every key joined to another, why."""
    why: dict[str, str] = {} if reasons is None else reasons
    key_map = {k: k for k in stats}
    free = [k for k in stats if gaz.entry(k) is None]

    def join(k: str, target: str, reason: str) -> None:
        k, target = _union(key_map, k), _union(key_map, target)
        if k != target and not gaz.forbidden(k, target):
            key_map[k] = target
            why.setdefault(k, reason)

    # 1. one name, several types: vote
    by_name: dict[str, list[str]] = defaultdict(list)
    for k in free:
        if key_type(k) != "thing":  # a common noun ("bill", "news") is no name of anyone
            by_name[key_name(k)].append(k)
    for name, keys in by_name.items():
        if len(keys) < 2:
            continue
        type_ = majority(
            (stats[k].types.most_common(1)[0][0], stats[k].mentions or 0.5) for k in keys
        )
        target = f"{type_.lower()}:{name}"
        if target not in stats:
            target = max(keys, key=lambda k: stats[k].mentions)
        for k in keys:
            join(k, target, SAME_NAME)
    _link_persons(stats, gaz, key_map, free, join)
    _link_organizations(stats, gaz, key_map, join)
    _link_variants(stats, gaz, key_map, join)
    return {k: _union(key_map, k) for k in key_map}


Join = Callable[[str, str, str], None]


def _link_persons(
    stats: dict[str, _Stats],
    gaz: Gazetteer,
    key_map: dict[str, str],
    free: list[str],
    join: Join,
) -> None:
    """A surname alone (particles included: "bin laden") joins the one full name that ends
    with it, if no honorific's gender contradicts; a short full name the one fuller name that
    holds it ("Earl Butz" → "Earl Lauer Butz", never "George W. Bush" → "George H. W. Bush"),
    unless an article writes both apart with a whole middle name between (a mother and her
    daughter); a name with a country or title before it the name it ends with."""
    persons = {_union(key_map, k) for k in free if key_type(_union(key_map, k)) == "person"}
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_name = {key_name(k): k for k in persons}
    by_ends: dict[tuple[str, str], set[str]] = defaultdict(set)
    labels = {k: _member_label(stats, k) for k in persons}
    for k in persons:
        words = tuple(key_name(k).split())
        if has_given_name(words, labels[k]):
            by_surname[without_suffix(words)[-1]].add(k)
            by_ends[(words[0], words[-1])].add(k)
    for k in sorted(persons):
        words = tuple(key_name(k).split())
        if not words:
            continue
        if surname_only(words, labels[k]):
            fits = {
                f
                for f in _fullest(by_surname.get(words[-1], set()))
                if short_form(words, tuple(key_name(f).split()), labels[k], labels[f])
                == SURNAME_FORM
            }
            fits = {f for f in fits if _genders_fit(stats, k, f)}
            reason = SURNAME
            if len(fits) > 1:  # "Senator Example": the one of them who bears that title
                reason, fits = (
                    SURNAME_TITLE,
                    {f for f in fits if _titles(stats, k) & _titles(stats, f)},
                )
            if len(fits) == 1:
                (target,) = fits
                if _same_time(stats.get(k), stats.get(target)):
                    join(k, target, reason)
            continue
        longer = _fullest({o for o in by_surname.get(words[-1], ()) if name_subsumes(o, k)})
        if len(longer) == 1:
            (target,) = longer
            if not _apart(stats, k, target):
                join(k, target, SHORT_NAME)
            continue
        spelled = _fullest(
            {o for o in by_ends.get((words[0], words[-1]), ()) if _initials_of(words, o)}
        )
        if len(spelled) == 1:  # "bernard b kerik" → "bernard bailey kerik"
            join(k, next(iter(spelled)), MIDDLE_INITIAL)
            continue
        glued = _GLUED.search(labels[k])
        if glued is not None:  # "Howie HawkinsImage", a caption run into the name
            unglued = norm(labels[k][: glued.start() + 1])
            if unglued in by_name and unglued != key_name(k):
                join(k, by_name[unglued], GLUED)
                continue
        for cut in range(1, len(words) - 1):  # "zimbabwe robert mugabe" → "robert mugabe"
            rest = " ".join(words[cut:])
            head = " ".join(words[:cut])
            if rest in by_name and has_given_name(words[cut:], None) and name_prefix(gaz, head):
                join(k, by_name[rest], PREFIXED)
                break


#: A capitalized word run into the end of a name ("HawkinsImage", from a picture's caption).
_GLUED = re.compile(r"[a-z][A-Z][a-z]+$")


def _initials_of(words: tuple[str, ...], other: str) -> bool:
    """Whether a name whose middle names are all initials spells out as another's middle
    names, one by one ("bernard b kerik" ~ "bernard bailey kerik")."""
    mid, full = words[1:-1], key_name(other).split()[1:-1]
    return (
        bool(mid)
        and len(mid) == len(full)
        and all(len(m) == 1 for m in mid)
        and all(len(f) > 1 and f[0] == m for m, f in zip(mid, full, strict=True))
    )


def name_prefix(gaz: Gazetteer, words: str) -> bool:
    """Whether words glued before a person's name are a country, a title, or a country and a
    title ("United States Representative").

    >>> g = load_gazetteer()
    >>> name_prefix(g, "zimbabwe"), name_prefix(g, "united states representative")
    (True, True)
    >>> name_prefix(g, "polo")
    False
    """
    split = words.split()
    for i in range(len(split) + 1):
        country, title = " ".join(split[:i]), " ".join(split[i:])
        if (not country or _is_country(gaz, country)) and (
            not title or title_info(title) is not None
        ):
            return bool(split)
    return False


def _is_country(gaz: Gazetteer, words: str) -> bool:
    e = gaz.lookup(words, places=False) or gaz.adjective(words)
    return e is not None and e.type == "Country"


def _titles(stats: dict[str, _Stats], key: str) -> set[str]:
    """The titles a key's mentions bore ("Senator", "Prime Minister"), honorifics left out."""
    s = stats.get(key)
    if s is None:
        return set()
    out = set()
    for role in s.roles:
        title = role.split(" (", 1)[0]
        info = title_info(title)
        if info is not None and info.kind != "honorific":
            out.add(info.title.lower())
    return out


def _genders_fit(stats: dict[str, _Stats], short: str, full: str) -> bool:
    s, f = stats.get(short), stats.get(full)
    if s is None or f is None:
        return True
    return genders_agree(s.genders, _member_label(stats, full), f.genders)


def _apart(stats: dict[str, _Stats], short: str, full: str) -> bool:
    """Whether an article writes both full names, the longer with a whole middle name the
    shorter lacks ("Gloria Vanderbilt" beside "Gloria Morgan Vanderbilt": two people)."""
    s, f = stats.get(short), stats.get(full)
    if s is None or f is None or not (s.sources & f.sources):
        return False
    return _middle_apart(short, full)


def _middle_apart(short: str, full: str) -> bool:
    """Whether the fuller of two person keys has a whole middle name the shorter lacks."""
    have = set(key_name(short).split())
    return any(len(w) > 1 and w not in have for w in key_name(full).split()[1:-1])


def _link_organizations(
    stats: dict[str, _Stats], gaz: Gazetteer, key_map: dict[str, str], join: Join
) -> None:
    """Names of one institution with its country written differently ("American Senate", "US
    Senate", "United States Senate") are one organisation; then an acronym joins the one
    organisation whose initials it spells (see :func:`_acronym_target`)."""
    orgs = {_union(key_map, k) for k in stats if key_type(_union(key_map, k)) == "organization"}
    by_place: dict[tuple[str, str], set[str]] = defaultdict(set)
    for k in orgs:
        if not _scoped(k):
            by_place[_country_form(gaz, _written_name(stats, gaz, k))].add(k)
    countries: Counter[str] = Counter(rest for place, rest in by_place if place)
    for (place, rest), keys in sorted(by_place.items()):
        if not place:
            continue
        same = set(keys)
        if len(rest.split()) >= 3 and countries[rest] == 1:
            # a long name of one country only needs no country where an article writes both
            # or wrote one as the other's name: "United States Central Intelligence Agency",
            # "Central Intelligence Agency"
            same |= {
                o
                for o in by_place.get(("", rest), set())
                if o in stats
                and any(
                    k in stats
                    and (
                        stats[o].sources & stats[k].sources
                        or _written_for(stats, o, k)
                        or _written_for(stats, k, o)
                    )
                    for k in keys
                )
            }
        if len(same) > 1:
            target = max(
                same,
                key=lambda k: (gaz.entry(k) is not None, stats[k].mentions if k in stats else 0, k),
            )
            for k in sorted(same):
                if gaz.entry(k) is None:
                    join(k, target, COUNTRY_FORM)
    by_initials: dict[str, set[str]] = defaultdict(set)
    for (place, rest), keys in by_place.items():
        for k in keys:
            label = _member_label(stats, k) if stats.get(k) else key_name(k)
            if len(label.split()) > 1:
                by_initials[initials(label)].add(_union(key_map, k))
            if place:
                by_initials[initials(rest)].add(_union(key_map, k))
    context = _Context(stats, gaz)
    for k in sorted(orgs):
        if gaz.entry(k) is not None or not stats.get(k) or _union(key_map, k) != k:
            continue
        acr = acronym_key(stats[k].labels.most_common(1)[0][0])
        if acr:
            found = _acronym_target(stats, k, by_initials.get(acr, set()) - {k}, context)
            if found is not None:
                join(k, found[0], found[1])


def _acronym_target(
    stats: dict[str, _Stats], k: str, cands: set[str], context: _Context
) -> tuple[str, str] | None:
    """The organisation an acronym stands for, and why: of the names whose initials it spells,
    the one an article wrote in the acronym's own entity ("AP", alias "Associated Press");
    else the only one, at that time or, for a name of three words or more or one an article
    gave this acronym, beside the same entities; else of several the one written in its
    articles (a full name that was once
    given the acronym is no proof: "AFP" names two organisations)."""
    s = stats[k]
    written = {c for c in cands if _written_for(stats, k, c)}
    if len(written) == 1:
        return next(iter(written)), ACRONYM_WRITTEN
    if len(cands) > 1:
        cands = {c for c in cands if stats.get(c) and stats[c].sources & s.sources}
    if len(cands) != 1:
        return None
    target = next(iter(cands))
    if _same_time(s, stats.get(target)):
        return target, ACRONYM
    # a name of three words or more, or one an article gave this acronym, is the acronym's
    # when their articles meet
    telling = len(_member_label(stats, target).split()) >= 3 or _written_for(stats, target, k)
    if target in stats and telling and context.shared(k, target):
        return target, ACRONYM_BESIDE
    return None


def _written_for(stats: dict[str, _Stats], acronym: str, full: str) -> bool:
    """Whether an article wrote the full name as a name of the acronym's own entity."""
    sa, sb = stats.get(acronym), stats.get(full)
    if sa is None or sb is None:
        return False
    names = {norm(n) for n in (*sb.labels, *sb.aliases)}
    own = {norm(n) for n in sa.labels}  # the acronym itself is everyone's alias
    return any(norm(n) in names and norm(n) not in own for n in sa.aliases)


def _name_of(gaz: Gazetteer, key: str) -> str:
    """The normalized name of a key: its gazetteer label's, else the key's own."""
    e = gaz.entry(key)
    return norm(e.label) if e is not None else key_name(key)


def _scoped(key: str) -> bool:
    """Whether a key is kept to one article or one country ("organization:green party@AU",
    "organization:<article>/government"): no name rule joins it to another."""
    return "@" in key or "/" in key


def _written_name(stats: dict[str, _Stats], gaz: Gazetteer, key: str) -> str:
    """A key's name as written: its gazetteer label, else its most frequent label."""
    e = gaz.entry(key)
    if e is not None:
        return e.label
    return _member_label(stats, key) if stats.get(key) else key_name(key)


def _country_form(gaz: Gazetteer, name: str) -> tuple[str, str]:
    """An organisation name as written split into the country it begins with (its key, ""
    if none) and the rest, normalized: "American Senate" → ("country:US", "senate"), "U.S.
    Federal Reserve" → ("country:US", "federal reserve")."""
    words = clean_name(name).split()
    for n in (3, 2, 1):
        if len(words) > n:
            head = " ".join(words[:n])
            e = gaz.lookup(head, places=False) or gaz.adjective(head)
            if e is not None and e.type == "Country":
                return e.key, norm(" ".join(words[n:]))
    return "", norm(name)


#: Letters written with two letters where the letter is missing ("Schröder" = "Schroeder").
_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)

#: Spelling variants are looked for among names at least this long (letters and spaces).
VARIANT_MIN_CHARS = 8


def _link_variants(
    stats: dict[str, _Stats], gaz: Gazetteer, key_map: dict[str, str], join: Join
) -> None:
    """Two long names of one type (a group and an organisation count as one) one letter
    apart ("al qaeda" / "al qaida", "hezbollah" / "hizbollah", "gerhard schroder" /
    "gerhard schroeder") are one entity when an article
    writes both or their articles share two other entities. Found through the names with one
    letter deleted, so the cost grows with the number of names, not its square."""
    keys = sorted({_union(key_map, k) for k in stats})
    buckets: dict[tuple[str, str], list[str]] = defaultdict(list)
    for k in keys:
        t, n = key_type(k), _name_of(gaz, k)
        if t not in {"person", "organization", "group"} or len(n) < VARIANT_MIN_CHARS or _scoped(k):
            continue
        for v in {n, *(n[:i] + n[i + 1 :] for i in range(len(n)))}:
            buckets[("organization" if t == "group" else t, v)].append(k)
    named = {(key_type(k), _name_of(gaz, k)): k for k in keys}
    for k in keys:
        s = stats.get(k)
        for label in s.labels if s is not None else ():
            other = named.get((key_type(k), norm(label.translate(_UMLAUTS))))
            if other is not None and other != k and label.translate(_UMLAUTS) != label:
                small, big = sorted(
                    (k, other), key=lambda x: (gaz.entry(x) is not None, stats[x].mentions, x)
                )
                join(small, big, TRANSLITERATION)
    context = _Context(stats, gaz)
    for bucket in buckets.values():
        if len(bucket) < 2 or len(bucket) > 4:
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if a == b or a not in stats or b not in stats:
                    continue
                # a person's name with an "s" run into it ("John Howards") beside the name
                plural = key_type(a) == "person" and bool(stats[a].sources & stats[b].sources)
                if not _one_letter_apart(_name_of(gaz, a), _name_of(gaz, b), plural=plural):
                    continue
                if gaz.entry(a) is not None and gaz.entry(b) is not None:
                    continue
                if not context.shared(a, b):
                    continue
                small, big = sorted(
                    (a, b), key=lambda k: (gaz.entry(k) is not None, stats[k].mentions, k)
                )
                join(small, big, VARIANT)


def _one_letter_apart(a: str, b: str, *, plural: bool = False) -> bool:
    """One letter added, dropped or changed, or two neighbours swapped, inside a word of five
    letters or more — not a digit, and not a plural or a possessive "s" unless ``plural``."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) != 1:
        return False
    x, y = diff[0]
    if min(len(x), len(y)) < 5 or any(c.isdigit() for c in x + y):
        return False
    if (x + "s" == y or y + "s" == x) and not plural:
        return False
    if {x[:2], y[:2]} == {"mc", "ma"} and (x.startswith("mac") or y.startswith("mac")):
        return False  # "McDonald", "Macdonald": two families
    if len(x) == len(y):
        d = [i for i in range(len(x)) if x[i] != y[i]]
        return len(d) == 1 or (
            len(d) == 2 and d[1] == d[0] + 1 and x[d[0]] == y[d[1]] and x[d[1]] == y[d[0]]
        )
    longer, shorter = (x, y) if len(x) > len(y) else (y, x)
    return len(longer) == len(shorter) + 1 and any(
        longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer))
    )


class _Context:
    """What the articles of two keys share, computed on first use: an article, or two other
    person or organisation keys no gazetteer knows."""

    def __init__(self, stats: dict[str, _Stats], gaz: Gazetteer) -> None:
        self.stats, self.gaz = stats, gaz
        self._by_doc: dict[str, set[str]] | None = None
        self._near: dict[str, set[str]] = {}

    def shared(self, a: str, b: str) -> bool:
        sa, sb = self.stats[a], self.stats[b]
        if sa.sources & sb.sources:
            return True
        return len((self.near(a) & self.near(b)) - {a, b}) >= 2

    def near(self, key: str) -> set[str]:
        if key not in self._near:
            if self._by_doc is None:
                self._by_doc = defaultdict(set)
                for k, s in self.stats.items():
                    if key_type(k) in {"person", "organization", "group"} and (
                        self.gaz.entry(k) is None
                    ):
                        for doc in s.sources:
                            self._by_doc[doc].add(k)
            out: set[str] = set()
            for doc in self.stats[key].sources:
                out |= self._by_doc.get(doc, set())
            out.discard(key)
            self._near[key] = out
        return self._near[key]


def link_in_stories(
    key_map: dict[str, str],
    mentioned: dict[str, set[str]],
    story_of: dict[str, str],
    gaz: Gazetteer,
    reasons: dict[str, str],
) -> dict[str, str]:
    """A surname the corpus could not decide ("Jackson": several people) joins the one person
    with that surname in the articles of its story; a short full name ("George Bush": George W.
    and George H. W. in the corpus) the one fuller name that holds it there. ``mentioned``:
    canonical key → the articles that mention it."""
    out = dict(key_map)
    canon = {k: out[k] for k in out}
    persons = {c for c in set(canon.values()) if key_type(c) == "person"}
    in_story: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in persons:
        words = key_name(c).split()
        if len(words) > 1:
            for doc in mentioned.get(c, ()):
                in_story[(story_of.get(doc, doc), words[-1])].add(c)
    joined: dict[str, str] = {}
    for c in sorted(persons):
        words = key_name(c).split()
        if not words:
            continue
        stories = {story_of.get(doc, doc) for doc in mentioned.get(c, ())}
        reason = STORY_SURNAME
        if len(words) == 1:
            targets = {t for s in stories for t in _fullest(in_story.get((s, words[0]), set()))}
        else:  # "George Bush" in a story that names George W. Bush and no other George Bush
            reason = STORY_SHORT_NAME
            targets = {
                t
                for s in stories
                for t in _fullest(
                    {o for o in in_story.get((s, words[-1]), set()) if name_subsumes(o, c)}
                )
            }
        if len(targets) == 1:
            target = next(iter(targets))
            both = mentioned.get(c, set()) & mentioned.get(target, set())
            if not gaz.forbidden(c, target) and not (both and _middle_apart(c, target)):
                joined[c] = target
                reasons.setdefault(c, reason)
    if joined:
        out = {k: joined.get(v, v) for k, v in out.items()}
    return out


def build_entities(
    stats: dict[str, _Stats],
    key_map: dict[str, str],
    gaz: Gazetteer,
    reasons: dict[str, str] | None = None,
    joins: Sequence[ArticleJoin] = (),
) -> tuple[Entity, ...]:
    """One :class:`Entity` per canonical key, from the merged statistics of its keys; with
    ``reasons``, each entity says why every key joined it was joined (``merged``), and why
    the short names of ``joins`` were joined inside their articles."""
    groups: dict[str, list[str]] = defaultdict(list)
    for k, canon in key_map.items():
        groups[canon].append(k)
    in_articles = _article_reasons(joins, key_map)
    entities = []
    for canon in sorted(groups):
        members = groups[canon]
        if len(members) == 1:  # most keys stand alone: their statistics are the entity's
            merged = stats[members[0]]
        else:
            merged = _Stats()
            for k in members:
                s = stats[k]
                merged.labels.update(s.labels)
                merged.aliases.update(s.aliases)
                merged.types.update(s.types)
                merged.roles.update(s.roles)
                merged.sources |= s.sources
                merged.mentions += s.mentions
        labels, aliases, types, roles = merged.labels, merged.aliases, merged.types, merged.roles
        entry = gaz.entry(canon)
        if entry is not None:
            label, type_, same_as = entry.label, entry.type, entry.same_as
        else:
            type_ = key_type(canon).capitalize() if key_type(canon) else majority(types.items())
            own = stats[canon].labels if canon in stats and type_ == "Person" else None
            # a person's label is the name of the key the others joined, not a longer one
            # joined to it ("Zimbabwe Robert Mugabe")
            label = _label(own or labels, person=type_ == "Person")
            same_as = ()
        normal = norm(label)
        names = {a for a in (*aliases, *labels) if a and norm(a) != normal}
        why = reasons or {}
        merged_from = tuple(
            sorted(
                [
                    f"{_member_label(stats, k)} ({k}): {why[k]}"
                    for k in members
                    if k != canon and k in why
                ]
                + in_articles.get(canon, [])
            )
        )
        entities.append(
            Entity(
                key=canon,
                label=label,
                type=_type_name(type_),
                aliases=tuple(sorted(names)),
                same_as=tuple(same_as),
                roles=_roles(roles),
                mentions=merged.mentions,
                sources=tuple(sorted(merged.sources)),
                merged=merged_from,
            )
        )
    return tuple(entities)


def _article_reasons(joins: Sequence[ArticleJoin], key_map: dict[str, str]) -> dict[str, list[str]]:
    """Canonical key → why short names were joined to it inside articles, one line per short
    name and reason, with the number of articles."""
    docs: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
    for j in joins:
        docs[(key_map.get(j.target, j.target), j.label, j.key, join_reason(j))].add(j.doc)
    out: dict[str, list[str]] = defaultdict(list)
    for (canon, label, key, reason), where in sorted(docs.items()):
        n = len(where)
        out[canon].append(f"{label} ({key}): {reason} ({n} article{'s' if n > 1 else ''})")
    return out


def _member_label(stats: dict[str, _Stats], key: str) -> str:
    s = stats.get(key)
    return s.labels.most_common(1)[0][0] if s is not None and s.labels else key_name(key)


def mentioned_in(stats: dict[str, _Stats], key_map: dict[str, str]) -> dict[str, set[str]]:
    """Canonical key → the articles that mention it."""
    out: dict[str, set[str]] = defaultdict(set)
    for k, s in stats.items():
        out[key_map.get(k, k)] |= s.sources
    return out


def _roles(roles: Counter[str]) -> tuple[str, ...]:
    """Roles, most frequent first; a bare title is left out when a qualified one says more.

    >>> _roles(Counter({"Chancellor": 2, "Chancellor (Germany)": 1, "Envoy": 1}))
    ('Chancellor (Germany)', 'Envoy')
    """
    qualified = {r.split(" (", 1)[0] for r in roles if " (" in r}
    return tuple(r for r, _ in roles.most_common() if r not in qualified)


def _type_name(t: str) -> str:
    for name in ENTITY_TYPES:
        if name.lower() == t.lower():
            return name
    return "Thing"


def _label(labels: Counter[str], *, person: bool) -> str:
    if not labels:
        return ""
    if person:
        return display_case(max(labels, key=lambda n: (len(n.split()), labels[n], len(n))))
    return display_case(max(labels, key=lambda n: (labels[n], len(n.split()), len(n))))


def canonical_ref(
    ref: EntityRef, key_map: dict[str, str], entities: dict[str, Entity]
) -> EntityRef:
    """An article-level reference rewritten to its canonical entity."""
    canon = key_map.get(ref.key, ref.key)
    e = entities.get(canon)
    if e is None:
        return ref
    return EntityRef(canon, e.label, e.type, ref.mentioned_as, ref.confidence)


def canonicalize(
    results: Sequence[DocumentResult],
    *,
    gazetteer: Gazetteer | None = None,
    reasons: dict[str, str] | None = None,
    joins: Sequence[ArticleJoin] = (),
) -> tuple[tuple[Entity, ...], dict[str, str]]:
    """Merge entity keys across documents. Returns (entities, key map old → canonical key);
    ``reasons`` receives why each joined key was joined. ``joins``: the short names already
    joined inside their articles (:func:`kgbuild.actors.rekey.link_in_articles`)."""
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    why = {} if reasons is None else reasons
    stats = collect(results)
    key_map = link_keys(stats, gaz, why)
    return build_entities(stats, key_map, gaz, why, joins), key_map


def canonicalize_in_stories(
    results: Sequence[DocumentResult],
    key_map: dict[str, str],
    story_of: dict[str, str],
    *,
    gazetteer: Gazetteer | None = None,
    reasons: dict[str, str] | None = None,
    joins: Sequence[ArticleJoin] = (),
) -> tuple[tuple[Entity, ...], dict[str, str]] | None:
    """The entities once the surnames the corpus could not decide are joined within their
    stories (:func:`link_in_stories`); None when no surname was."""
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    why = {} if reasons is None else reasons
    stats = collect(results)
    linked = link_in_stories(key_map, mentioned_in(stats, key_map), story_of, gaz, why)
    if linked == key_map:
        return None
    return build_entities(stats, linked, gaz, why, joins), linked


__all__ = [
    "ALIAS_KINDS",
    "build_entities",
    "canonical_ref",
    "canonicalize",
    "canonicalize_in_stories",
    "collect",
    "link_in_stories",
    "link_keys",
    "mentioned_in",
    "name_prefix",
]
