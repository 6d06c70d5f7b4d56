"""Events: what a triple's predicate means and when, where, how certainly it happened.

:func:`annotate` enriches the surface triples of one parsed document with

* the event class (:mod:`kgbuild.events.taxonomy`: lemma → CAMEO category, None = generic);
* factuality (:mod:`kgbuild.events.factuality`: negation, modality, conditionals, questions);
* attribution (:mod:`kgbuild.events.attribution`: "X said (that) …", "according to X",
  quotations, headlines) — and the saying itself becomes an event of X when the extractor
  did not already give one;
* time (:mod:`kgbuild.events.timex`: the expression governing the event's clause, normalized
  against the article date; else the article date as the reporting date);
* place (:mod:`kgbuild.events.place`: a locative argument of the event's clause; the
  article's dateline says where the report was filed, not where the event happened, and is no
  event's place);
* disputes (:mod:`kgbuild.events.disputes`: claims the same article reports denied).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from kgbuild.actors import ActorIndex
from kgbuild.doctext import doc_text
from kgbuild.events import factuality
from kgbuild.events.attribution import AttributionIndex, Source, find_sources, np_range
from kgbuild.events.disputes import disputed_indices
from kgbuild.events.mentions import find_event_mentions
from kgbuild.events.place import place_of, token_span
from kgbuild.events.taxonomy import classify
from kgbuild.events.timex import TimeIndex, Timex, to_xsd
from kgbuild.records import (
    Argument,
    Article,
    EventMention,
    Predicate,
    Span,
    TimeValue,
    Triple,
)

#: Predicate lemma of a saying with no verb ("according to X", a headline "X: …").
SAY = "say"
#: Confidence of a saying event added here (the extractor did not give one).
SAYING_CONFIDENCE = 0.5


@dataclass(frozen=True)
class DocContext:
    """What :func:`annotate` computes once per document."""

    doc: Doc
    article: Article
    actors: ActorIndex
    times: TimeIndex
    sources: AttributionIndex
    questions: list[tuple[int, int]]

    @classmethod
    def build(cls, doc: Doc, article: Article, actors: ActorIndex) -> DocContext:
        return cls(
            doc=doc,
            article=article,
            actors=actors,
            times=TimeIndex.build(doc, article.date),
            sources=find_sources(doc),
            questions=factuality.question_regions(doc),
        )


def head_token(doc: Doc, t: Triple) -> Token | None:
    """The token of the predicate's head word (its main verb or event noun)."""
    span = t.predicate.head or t.predicate.span
    cs = doc.char_span(span.start, span.end, alignment_mode="expand")
    if cs is None or len(cs) == 0:
        return None
    return cs.root


def speaker_argument(src: Source, actors: ActorIndex) -> Argument:
    """The speaker of a source as an argument resolved to its entity."""
    lo, hi = np_range(src.speaker)
    span = token_span(src.speaker.doc, lo, hi)
    head = token_span(src.speaker.doc, src.speaker.i, src.speaker.i + 1)
    return Argument(
        span=span,
        head=head,
        role="attribution",
        entity=actors.lookup(span, head),
        ner_label=src.speaker.ent_type_,
        pos=src.speaker.pos_,
        lemma=src.speaker.lemma_.lower(),
    )


def event_time(tok: Token | None, t: Triple, ctx: DocContext) -> TimeValue | None:
    """The time expression governing the event's clause, else the reporting date."""
    tx: Timex | None = ctx.times.time_of(tok) if tok is not None else None
    if tx is not None:
        return TimeValue(
            text=tx.span.text, value=to_xsd(tx.value), span=tx.span, basis="expression"
        )
    if t.time is not None and t.time.basis == "expression" and t.time.value:
        return t.time
    if ctx.article.date:
        return TimeValue(text="", value=ctx.article.date, span=None, basis="reporting-date")
    return None


def annotate_triple(t: Triple, ctx: DocContext) -> tuple[Triple, Source | None]:
    """One triple with class, factuality, attribution, time and place; and its source.

    Negation, modality and attribution read from the parse replace what the extractor
    guessed; its time and place are kept where the parse gives none.
    """
    tok = head_token(ctx.doc, t)
    cls = t.event_class or classify(t.predicate.lemma)
    if tok is None:
        return replace(t, event_class=cls, time=event_time(None, t, ctx)), None
    src = ctx.sources.source(tok)
    attributed = speaker_argument(src, ctx.actors) if src is not None else None
    time = event_time(tok, t, ctx)
    place = place_of(tok, ctx.actors) or t.place
    negated = factuality.negated(tok)
    obj = _object_token(ctx.doc, t)
    if negated and obj is not None and factuality.excepted(obj):
        negated = False  # "accept no outcome but victory": victory is accepted
    annotated = replace(
        t,
        event_class=cls,
        negated=negated,
        modality=factuality.modality(tok, questions=ctx.questions),
        attributed_to=attributed,
        time=time,
        place=place,
    )
    return annotated, src


def _object_token(doc: Doc, t: Triple) -> Token | None:
    """The head token of a triple's object, if it has one."""
    if t.object is None:
        return None
    cs = doc.char_span(t.object.head.start, t.object.head.end, alignment_mode="expand")
    return cs.root if cs is not None and len(cs) else None


def _predicate_tokens(verb: Token) -> tuple[int, int]:
    toks = [verb, *(c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg", "prt"})]
    return min(t.i for t in toks), max(t.i for t in toks) + 1


def saying_triple(src: Source, ctx: DocContext) -> Triple:
    """The saying as an event of the speaker ("the minister said …" → minister – say)."""
    doc = ctx.doc
    sent = doc[src.speaker.i].sent
    sentence = Span(sent.start_char, sent.end_char, sent.text)
    stripped = sentence.text.strip()
    lead = len(sentence.text) - len(sentence.text.lstrip())
    sentence = Span(sentence.start + lead, sentence.start + lead + len(stripped), stripped)
    subject = replace(speaker_argument(src, ctx.actors), role="subject")
    if src.verb is not None:
        lo, hi = _predicate_tokens(src.verb)
        span = token_span(doc, lo, hi)
        prt = [c.lower_ for c in src.verb.children if c.dep_ == "prt"]
        lemma = " ".join([src.verb.lemma_.lower(), *prt])
        head = token_span(doc, src.verb.i, src.verb.i + 1)
        predicate = Predicate(
            span=span, lemma=lemma, kind="verb", head=head, verb=src.verb.lemma_.lower()
        )
    else:
        span = Span(src.cue_start, src.cue_end, doc_text(doc)[src.cue_start : src.cue_end])
        predicate = Predicate(span=span, lemma=SAY, kind="attribution", head=span)
    return Triple(
        doc=ctx.article.id,
        sentence=sentence,
        subject=subject,
        predicate=predicate,
        confidence=SAYING_CONFIDENCE,
    )


def _saying_triples(
    sources: Sequence[Source], triples: Sequence[Triple], ctx: DocContext
) -> list[Triple]:
    """Saying events for the sources that no extracted triple already states."""
    heads = {(t.predicate.head or t.predicate.span).start for t in triples}
    out: list[Triple] = []
    seen: set[int] = set()
    for src in sources:
        cue = src.verb.idx if src.verb is not None else src.cue_start
        if cue in heads or cue in seen:
            continue
        seen.add(cue)
        t = saying_triple(src, ctx)
        annotated, _ = annotate_triple(t, ctx) if src.verb is not None else (t, None)
        if src.verb is None:
            annotated = replace(t, event_class=classify(SAY), time=event_time(None, t, ctx))
        out.append(annotated)
    return out


def annotate(
    doc: Doc, article: Article, triples: Sequence[Triple], actors: ActorIndex
) -> tuple[Triple, ...]:
    """Triples with event class, factuality, time and place filled in where the text gives them."""
    return annotate_document(doc, article, triples, actors)[0]


def annotate_document(
    doc: Doc, article: Article, triples: Sequence[Triple], actors: ActorIndex
) -> tuple[tuple[Triple, ...], tuple[EventMention, ...]]:
    """:func:`annotate`, and the event mentions no triple reports
    (:func:`kgbuild.events.mentions.find_event_mentions`), dated as the triples are."""
    ctx = DocContext.build(doc, article, actors)
    out = _annotated(triples, ctx)

    def time_of(tok: Token) -> TimeValue | None:
        tx = ctx.times.time_of(tok)
        if tx is None:
            return None
        return TimeValue(text=tx.span.text, value=to_xsd(tx.value), span=tx.span)

    return out, find_event_mentions(doc, out, time_of)


def _annotated(triples: Sequence[Triple], ctx: DocContext) -> tuple[Triple, ...]:
    doc = ctx.doc
    out: list[Triple] = []
    sources: list[Source] = []
    for t in triples:
        annotated, src = annotate_triple(t, ctx)
        out.append(annotated)
        if src is not None:
            sources.append(src)
    out.extend(_saying_triples(sources, out, ctx))
    disputed = disputed_indices(doc, out)
    if disputed:
        out = [replace(t, disputed=True) if i in disputed else t for i, t in enumerate(out)]
    return tuple(out)


__all__ = [
    "DocContext",
    "annotate",
    "annotate_document",
    "annotate_triple",
    "head_token",
    "saying_triple",
]
