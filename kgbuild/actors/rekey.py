"""Inside one article: a short person name joins the one full name of the article it shortens.

The resolver of :mod:`kgbuild.actors.coref` joins a surname to the full name that ends with
it while it reads the article. What it left apart is looked at once more here, on the
article's finished entities: a short form (:mod:`kgbuild.actors.shortforms`: "bin Laden",
"al-Zawahiri", "Ramos Horta", "Saddam", "Zimbabwe Robert Mugabe") joins the one full person name of the same
article it shortens — never when two full names of the article fit it (two Smiths stay
apart), nor when an honorific's gender ("Mrs. Example") contradicts the full name's, nor when
the short form is written first past the lead (a man's surname before his mother's full name).
A surname fit wins over the others.

Entity keys are shared by all articles, so the join is written into the article's own records
(:func:`rekey`): the mentions and triple arguments of the short key take the full name's key,
keeping the short form as the way the entity was mentioned. Each join says why
(:class:`ArticleJoin`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from kgbuild.actors.lexicon import title_info
from kgbuild.actors.names import key_name, key_type, name_subsumes
from kgbuild.actors.shortforms import (
    ENDING,
    GIVEN_NAME,
    KINDS,
    PREFIXED,
    SURNAME,
    genders_agree,
    has_given_name,
    honorific_gender,
    short_form,
)
from kgbuild.records import Argument, DocumentResult, EntityRef, Triple

#: Why a short form was joined to a full name of its article, by kind of short form.
REASONS = {
    SURNAME: "the surname of the one person of its article with that surname",
    ENDING: "the last names of the one fuller name of its article that ends with them",
    GIVEN_NAME: "the first name of the one full name of its article that begins with it",
    PREFIXED: "the one person name of its article it holds, a country or title glued before it",
}


#: The headline and lead, in characters: there a short form may come before its full name.
LEAD_CHARS = 400


@dataclass(frozen=True, slots=True)
class ArticleJoin:
    """One short person key of one article joined to a full name of the same article."""

    doc: str
    key: str
    label: str
    target: str
    target_label: str
    reason: str


@dataclass
class _Person:
    label: str
    genders: set[str]
    first: int  # where the article first names the person (a character offset)


def _persons(r: DocumentResult, mistyped: Callable[[str], bool]) -> dict[str, _Person]:
    """The article's person keys, and the one-word keys the model took for a place that a
    title or honorific shows to be a person's name ("Mr. Thaksin" typed as a place)."""
    titled = {
        m.entity.key
        for m in r.mentions
        if m.kind == "name" and title_info(m.span.text.split()[0].strip(".")) is not None
    }
    out: dict[str, _Person] = {}
    for m in r.mentions:
        e = m.entity
        if key_type(e.key) != "person" and not (
            e.key in titled and mistyped(e.key) and len(key_name(e.key).split()) == 1
        ):
            continue
        p = out.setdefault(e.key, _Person(e.label, set(), m.span.start))
        p.first = min(p.first, m.span.start)
        if m.kind == "name":
            g = honorific_gender(m.span.text)
            if g:
                p.genders.add(g)
    return out


def _never(key: str, other: str) -> bool:
    return False


def _nothing(text: str) -> bool:
    """A test nothing passes."""
    return False


def article_joins(
    r: DocumentResult,
    forbidden: Callable[[str, str], bool] = _never,
    prefix: Callable[[str], bool] = _nothing,
    mistyped: Callable[[str], bool] = _nothing,
) -> tuple[ArticleJoin, ...]:
    """The short person keys of one article and the full name each joins (see the module
    docstring); ``forbidden`` tells the pairs a user said are never one entity, ``prefix``
    whether words glued before a name are a country or a title, ``mistyped`` whether a key
    of another type may be a person's name the model mistook (a place no gazetteer knows)."""
    persons = _persons(r, mistyped)
    fulls = {k: tuple(key_name(k).split()) for k in persons if key_type(k) == "person"}
    fulls = {k: w for k, w in fulls.items() if has_given_name(w, persons[k].label)}
    if not fulls:
        return ()
    out = []
    for k, p in sorted(persons.items()):
        words = tuple(key_name(k).split())
        fits: dict[str, set[str]] = defaultdict(set)
        for f, fw in fulls.items():
            kind = short_form(words, fw, p.label, persons[f].label)
            if kind == PREFIXED and not prefix(" ".join(words[: len(words) - len(fw)])):
                continue
            if kind == ENDING and prefix(" ".join(fw[: len(fw) - len(words)])):
                continue  # "Zimbabwe Robert Mugabe" is the glued one, not the fuller name
            if persons[f].first > p.first >= LEAD_CHARS:
                continue  # named long before the full name, past the lead: someone else
            if kind is not None and genders_agree(p.genders, persons[f].label, persons[f].genders):
                fits[kind].add(f)
        for kind in KINDS:
            found = fits.get(kind)
            if not found:
                continue
            fullest = {f for f in found if not any(name_subsumes(o, f) for o in found if o != f)}
            if len(fullest) == 1 and not forbidden(k, next(iter(fullest))):
                (target,) = fullest
                out.append(
                    ArticleJoin(r.article.id, k, p.label, target, persons[target].label, kind)
                )
            break
    return tuple(out)


def _ref(ref: EntityRef, joins: dict[str, ArticleJoin]) -> EntityRef:
    j = joins.get(ref.key)
    if j is None:
        return ref
    return EntityRef(
        j.target, j.target_label, "Person", ref.mentioned_as or ref.label, ref.confidence
    )


def _arg(a: Argument | None, joins: dict[str, ArticleJoin]) -> Argument | None:
    if a is None or a.entity is None or a.entity.key not in joins:
        return a
    return replace(a, entity=_ref(a.entity, joins))


def _triple(t: Triple, joins: dict[str, ArticleJoin]) -> Triple:
    subject = _arg(t.subject, joins)
    assert subject is not None
    return replace(
        t,
        subject=subject,
        object=_arg(t.object, joins),
        attributed_to=_arg(t.attributed_to, joins),
        place=_arg(t.place, joins),
        arguments=tuple(a for a in (_arg(x, joins) for x in t.arguments) if a is not None),
    )


def rekey(r: DocumentResult, joins: Iterable[ArticleJoin]) -> DocumentResult:
    """The article's records with every joined short key replaced by its full name's key."""
    by_key = {j.key: j for j in joins}
    if not by_key:
        return r
    return replace(
        r,
        mentions=tuple(
            m if m.entity.key not in by_key else replace(m, entity=_ref(m.entity, by_key))
            for m in r.mentions
        ),
        triples=tuple(_triple(t, by_key) for t in r.triples),
    )


def link_in_articles(
    results: Sequence[DocumentResult],
    forbidden: Callable[[str, str], bool] = _never,
    prefix: Callable[[str], bool] = _nothing,
    mistyped: Callable[[str], bool] = _nothing,
) -> tuple[list[DocumentResult], tuple[ArticleJoin, ...]]:
    """Every article's short person names joined to its full names (:func:`article_joins`):
    the rewritten results and the joins made."""
    out: list[DocumentResult] = []
    made: list[ArticleJoin] = []
    for r in results:
        joins = article_joins(r, forbidden, prefix, mistyped)
        made.extend(joins)
        out.append(rekey(r, joins))
    return out, tuple(made)


def join_reason(j: ArticleJoin) -> str:
    return REASONS[j.reason]


__all__ = ["REASONS", "ArticleJoin", "article_joins", "join_reason", "link_in_articles", "rekey"]
