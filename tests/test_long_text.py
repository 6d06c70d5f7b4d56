"""Long texts: extraction work grows in proportion to the text, with the results of before.

* The indexes that replaced scans of the whole document give what the scans gave: the
  straightforward versions are kept here as oracles and compared on random texts.
* The work of coreference and mention finding, counted in comparisons of candidates and names
  (deterministic: no clock), doubles when the text doubles; it grew fourfold before.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest import needs
from hypothesis import given, settings
from hypothesis import strategies as st

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

#: Texts of words, quotation marks, question marks, full stops and line breaks.
TEXTS = st.lists(
    st.sampled_from(
        ["word", " ", "“", "”", '"', "«", "»", "``", "''", "„", "?", ".", "\n", "\n\n"]
    ),
    max_size=200,
).map("".join)


# --------------------------------------------------------------------------- oracles


def quote_spans_scan(text: str) -> list[tuple[int, int]]:
    """kgbuild.actors.quotes.quote_spans as it was: unbounded searches."""
    from kgbuild.actors.quotes import _MAX_QUOTE, _OPENING, _PAIRS

    out: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while (found := _OPENING.search(text, i)) is not None:
        i, opener = found.start(), found.group()
        close = _PAIRS.get(opener, '"')
        j = text.find(close, i + len(opener))
        para = text.find("\n\n", i)
        limit = min(x for x in (para if para >= 0 else n, i + _MAX_QUOTE, n))
        end = limit if j < 0 or j > limit else j + len(close)
        out.append((i, end))
        i = end
    return out


def quote_regions_scan(text: str) -> list[tuple[int, int]]:
    """kgbuild.events.attribution.quote_regions as it was."""
    from kgbuild.events.attribution import _OPENERS, QUOTES

    out = []
    i = 0
    while (found := _OPENERS.search(text, i)) is not None:
        i, opener = found.start(), found.group()
        closer = QUOTES[opener]
        j = text.find(closer, i + len(opener))
        para = text.find("\n\n", i)
        if j < 0 or (0 <= para < j):
            i += len(opener)
            continue
        out.append((i + len(opener), j))
        i = j + len(closer)
    return out


def first_holding(pos: int, spans: list[tuple[int, int]]) -> int | None:
    return next((k for k, (s, e) in enumerate(spans) if s <= pos < e), None)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_quotations_as_before(text):
    from kgbuild.actors.quotes import quote_at, quote_spans
    from kgbuild.events.attribution import _inside, quote_regions

    spans = quote_spans(text)
    assert spans == quote_spans_scan(text)
    regions = quote_regions(text)
    assert regions == quote_regions_scan(text)
    for pos in range(len(text) + 1):
        assert quote_at(pos, spans) == first_holding(pos, spans)
        assert _inside(pos, regions) == (first_holding(pos, regions) is not None)


@functools.cache
def blank():
    import spacy

    return spacy.blank("en")


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_questions_as_before(text):
    from kgbuild.events.factuality import in_regions, question_regions

    doc = blank()(text)
    regions = question_regions(doc)
    expected = [
        (max(text.rfind(c, 0, q) for c in '.!?\n“"«') + 1, q + 1)
        for q in (i for i, ch in enumerate(text) if ch == "?")
    ]
    assert regions == expected
    for pos in range(len(text) + 1):
        assert in_regions(pos, regions) == any(a <= pos < b for a, b in regions)


RANGES = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=40)


@settings(max_examples=300, deadline=None)
@given(RANGES, st.integers(0, 30), st.integers(0, 30))
def test_range_index_finds_every_neighbour(items, start, end):
    from kgbuild.actors.ranges import RangeIndex

    idx = RangeIndex(items, bounds=lambda r: r)
    near = set(idx.near(start, end))
    for s, e in items:
        overlaps = s < end and start < e
        contains = s <= start and end <= e
        inside = start <= s and e <= end
        if overlaps or contains or inside:
            assert (s, e) in near


# --------------------------------------------------------------------------- growth


class Counter:
    """Counts calls of the comparisons mention finding and coreference make."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from kgbuild.actors import coref, mentions

        self.calls = 0
        for owner, name in (
            (mentions.Cand, "overlaps"),
            (mentions.Cand, "inside"),
            (coref, "norm"),
            (coref, "strip_corporate"),
            (coref, "initials"),
        ):
            monkeypatch.setattr(owner, name, self._counted(getattr(owner, name)))

    def _counted(self, fn):
        def wrapper(*args, **kwargs):
            self.calls += 1
            return fn(*args, **kwargs)

        return wrapper


@pytest.mark.slow
@needs(SEEDS)
def test_coreference_work_grows_linearly(nlp, monkeypatch):
    from kgbuild.actors.coref import resolve
    from kgbuild.actors.gazetteer import load_gazetteer

    base = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))[:6])
    gaz = load_gazetteer()
    counter = Counter(monkeypatch)
    work = []
    for copies in (2, 4):
        doc = nlp("\n\n".join([base] * copies))
        counter.calls = 0
        resolve(doc, gaz)
        work.append(counter.calls)
    # linear: twice the text, twice the work (quadratic was four times)
    assert work[1] < 2.5 * work[0], work


# ------------------------------------------------- events: disputes and time expressions

#: Claims, denials and concessions in several sentences, and time words the recognizer misses.
DISPUTES = (
    "Rebels accused the army of shelling the town on Monday. The army rejected the allegation "
    "last night.\n\n"
    "Observers saw no sign of a retreat, despite the ministry's announcement that the army is "
    "leaving the town.\n\n"
    "Prices rose this week, despite the ministry's announcement that the army is leaving the "
    "town. The army denied the claims that it had fired on civilians two days ago.\n\n"
    "The mayor said the shelling had stopped by the weekend, but residents dismissed the "
    "claim. They will meet tomorrow and again next month, officials said."
)


def disputed_indices_scan(doc, triples) -> set[int]:
    """kgbuild.events.disputes.disputed_indices as it was: a concession is checked against
    every triple of the document, an antecedent claim found in the list of all sentences."""
    from kgbuild.events import disputes as d

    def antecedent_tokens(noun) -> set[int]:
        verbs = d.claim_verbs(noun.lemma_) | d.claim_verbs(noun.lower_)
        if not verbs:
            return set()
        sents = list(doc.sents)
        k = next(i for i, s in enumerate(sents) if s.start <= noun.i < s.end)
        lo = sents[max(0, k - d.ANTECEDENT_SENTENCES)].start
        for i in range(noun.i - 1, lo - 1, -1):
            v = doc[i]
            if v.pos_ in {"VERB", "AUX"} and v.lemma_.lower() in verbs:
                out = {t.i for c in v.children if c.dep_ in d.COMPLEMENT_DEPS for t in c.subtree}
                if out:
                    return out
        return set()

    def claim_tokens(noun, exclude=None) -> set[int]:
        return d._content_tokens(noun, exclude) or antecedent_tokens(noun)

    heads = [d._head(doc, t) for t in triples]
    disputed: set[int] = set()
    for tok in doc:
        if tok.pos_ in {"VERB", "AUX"} and tok.lemma_.lower() in d.words("rebuttal"):
            noun = d._rebutted_noun(tok)
            if noun is not None:
                disputed |= claim_tokens(noun, exclude=tok)
    for tok in doc:
        if tok.lower_ not in d.words("concessive") or tok.dep_ != "prep":
            continue
        for noun in (c for c in tok.children if c.dep_ == "pobj"):
            if noun.lemma_.lower() not in d.words("claim"):
                continue
            sent = tok.sent
            if any(
                h is not None
                and sent.start <= h.i < sent.end
                and h.i not in {x.i for x in noun.subtree}
                and (t.negated or t.event_class in d.OPPOSING_CLASSES)
                for h, t in zip(heads, triples, strict=True)
            ):
                disputed |= claim_tokens(noun)
    return {i for i, h in enumerate(heads) if h is not None and h.i in disputed}


def timex_candidates_scan(doc) -> list[tuple[int, int]]:
    """kgbuild.events.timex.find._candidates as it was: each missed time word checked against
    every range found before it."""
    from kgbuild.doctext import doc_text
    from kgbuild.events.timex import find as f

    ranges: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in f.TIME_LABELS:
            ranges.extend(f._split(doc, ent))
    for m in f._EXTRA.finditer(doc_text(doc)):
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in ranges):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not any(t.pos_ in f._EXTRA_POS for t in span):
            continue
        if span.root.pos_ == "VERB":
            continue
        ranges.append((s, e))
    return sorted(ranges)


def _texts() -> list[str]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return [DISPUTES, "\n\n".join([DISPUTES, *seeds, DISPUTES]), *seeds]


@pytest.mark.slow
@needs(SEEDS)
@pytest.mark.parametrize("k", range(7), ids=["disputes", "joined", *map(str, range(5))])
def test_disputes_and_time_candidates_as_before(nlp, k):
    from kgbuild.engine.analysis import analyze
    from kgbuild.events.disputes import disputed_indices
    from kgbuild.events.timex.find import _candidates
    from kgbuild.records import Article

    text = _texts()[k]
    doc = nlp(text)
    triples = analyze(doc, Article(id="a", text=text, title="")).triples
    assert disputed_indices(doc, triples) == disputed_indices_scan(doc, triples)
    assert _candidates(doc) == timex_candidates_scan(doc)
    if k < 2:  # the table has something to find
        assert disputed_indices(doc, triples) and _candidates(doc)


@pytest.mark.slow
def test_time_candidates_work_grows_linearly(nlp, monkeypatch):
    """The ranges a missed time word is checked against: as many per word whatever the text's
    length (all the ranges found before it, before)."""
    from kgbuild.actors.ranges import RangeIndex
    from kgbuild.events.timex import find

    seen = [0]

    class Counted(RangeIndex):
        def near(self, start, end):
            for item in super().near(start, end):
                seen[0] += 1
                yield item

    monkeypatch.setattr(find, "RangeIndex", Counted)
    work = []
    for copies in (4, 8):
        doc = nlp("\n\n".join([DISPUTES] * copies))
        seen[0] = 0
        find._candidates(doc)
        work.append(seen[0])
    assert 0 < work[1] < 2.5 * work[0], work


# ------------------------------------------------------------------------------- layout


def test_relocation_reads_the_layout_once():
    """Moving a document's spans to the source text reads its layout a few times, not once
    per span: a layout has a run per line, and hashing it for every span (to find its index
    in a cache) made the work grow with the square of the text's length."""
    from kgbuild.layout import relocate
    from kgbuild.records import Article, DocumentResult, Mention, Span

    reads = [0]

    class Layout(tuple):
        def __hash__(self):
            reads[0] += 1
            return super().__hash__()

        def __eq__(self, other):
            reads[0] += 1
            return super().__eq__(other)

        def __getitem__(self, k):
            reads[0] += 1
            return super().__getitem__(k)

        def __iter__(self):
            reads[0] += 1
            return super().__iter__()

    lines = [f"Line {n} of the text" for n in range(200)]
    text = "\n".join(lines)
    runs, at = [], 0
    for line in lines:  # each line of the source a run; joined by spaces in the cleaned text
        runs += [at, at, len(line)]
        at += len(line) + 1
    article = Article(id="x", text=text, title="", layout=Layout(runs))
    mentions = tuple(Mention(span=Span(a, a + 4, "Line"), entity=f"e{a}") for a in runs[0::3])
    reads[0] = 0
    out = relocate(DocumentResult(article=article, mentions=mentions))
    assert reads[0] < 10, reads[0]
    assert [text[m.span.start : m.span.end] for m in out.mentions] == ["Line"] * 200
