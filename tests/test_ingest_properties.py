"""Property-based tests of ingest: whatever the bytes, an Article or an InputError, never a crash."""

from __future__ import annotations

from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kgbuild.errors import InputError
from kgbuild.ingest import decode, is_furniture, parse_article, read_articles
from kgbuild.nlp import split_long
from kgbuild.records import Article

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

#: Lines that news pages are made of: story, metadata, furniture, headers, odd separators.
LINES = st.sampled_from(
    [
        "",
        "   ",
        "Talks resume in Geneva",
        "The envoys met on Monday and agreed to meet again.",
        "U.S. officials said the talks would go on.",
        "MOSCOW, February 15. /TASS/. Moscow will do its best.",
        "GENEVA (Reuters) - Envoys met.",
        "Moscow: Russian President said on Tuesday that the talks were ready to go on for weeks.",
        "Thursday, December 26, 2024",
        "2005-05-14",
        "21.1 C",
        "Delhi",
        "Also Read: NATO hints",
        "Learn more",
        "Most Popular Articles",
        "Read more on the site →",
        "Related News. *",
        "Source: Press TV",
        "Author: Jane Roe",
        "By John Smith",
        "Jane Roe is the news editor of Example.com, follow her on Twitter @jroe.",
        "The talks ended. (AP)",
        "NEW CEASEFIRE",
        "The truce held. Learn more",
        "© 2021",
        "→",
        "\u2028",
        "\r",
        "\x0c",
        "\x85",
    ]
)
RAW_ARTICLE = st.lists(st.one_of(LINES, st.text(max_size=60)), max_size=30).map("\n".join)


@SETTINGS
@given(st.binary(max_size=4000))
def test_any_bytes_decode_or_input_error(data):
    try:
        text, notes = decode(data, "x.txt")
    except InputError as err:
        assert str(err).startswith("x.txt: ")
        return
    assert isinstance(text, str) and isinstance(notes, list)
    assert "\r" not in text
    text.encode("utf-8")  # no lone surrogates


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_file_becomes_an_article_or_an_input_error(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "a.txt").write_bytes(data)
    items = list(read_articles([folder]))
    assert len(items) == 1
    assert isinstance(items[0], Article | InputError)
    if isinstance(items[0], Article):
        assert items[0].cleaned.strip()


@SETTINGS
@given(RAW_ARTICLE)
def test_parse_article_never_crashes_and_drops_furniture(raw):
    a = parse_article(raw, article_id="p")
    lines = a.cleaned.splitlines()
    assert not any(is_furniture(ln) for ln in lines)
    assert not is_furniture(a.title)
    assert all(ln == ln.strip() for ln in lines)
    assert "\n\n\n" not in a.cleaned
    if a.cleaned and not a.cleaned.startswith(a.title):  # a title taken from the first sentence
        assert a.title.rstrip(" …") and not a.cleaned.startswith("\n")
    _assert_runs_are_read(a, raw)


def _assert_runs_are_read(a, raw):
    """The text as read is kept, and every run of the cleaned text is a piece of it."""
    assert a.text == raw
    cleaned, lay = a.cleaned, a.layout
    for k in range(0, len(lay), 3):
        at, src, n = lay[k : k + 3]
        assert cleaned[at : at + n] == raw[src : src + n]


@SETTINGS
@given(st.text(max_size=400))
def test_parse_article_of_any_text(raw):
    a = parse_article(raw, article_id="q")
    assert isinstance(a.cleaned, str)
    assert not any(is_furniture(ln) for ln in a.cleaned.splitlines())
    _assert_runs_are_read(a, raw)


@SETTINGS
@given(st.text(alphabet=st.sampled_from("ab .\n!?"), max_size=300), st.integers(1, 40))
def test_split_long_keeps_every_offset(text, limit):
    pieces = split_long(text, limit)
    assert "".join(p for _, p in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece) <= limit or len(pieces) == 1
    assert [o for o, _ in pieces] == sorted({o for o, _ in pieces})


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from("ab .\n"), max_size=120), max_size=8),
    st.integers(1, 3),
)
def test_parse_gives_one_doc_per_text_with_the_same_text(texts, batch_size):
    from kgbuild.nlp import parse

    docs = list(parse(_blank(), texts, batch_size=batch_size, limit=25))
    assert [d.text for d in docs] == texts


@cache
def _blank():
    import spacy

    return spacy.blank("en")
