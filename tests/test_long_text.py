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
