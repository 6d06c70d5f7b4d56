"""The extraction cache: keys, entries, versions, pruning; records read back from JSON."""

from __future__ import annotations

import json
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from kgbuild.cache import (
    CACHE_DIR,
    CACHE_FORMAT,
    ExtractionCache,
    article_key,
    extraction_files,
    extractor_version,
    model_version,
    pack,
    unpack,
)
from kgbuild.records import (
    Argument,
    Article,
    DocumentResult,
    EntityRef,
    Mention,
    Predicate,
    Span,
    TimeValue,
    Triple,
    from_json,
    to_json,
)

TEXT = "Leaders met.\n\nThe leader of Atlantis met the leader of Oceania in Springfield on Monday."
ARTICLE = Article(
    id="a1",
    text=TEXT,
    title="Leaders met.",
    date="2024-05-06",
    source="Agency",
    dateline="SPRINGFIELD",
    paths=("corpus/a1.txt",),
    content_hash="abc",
    warnings=("corpus/a1.txt: note",),
)


def sample_result(article: Article = ARTICLE) -> DocumentResult:
    """A result using every kind of nested record, optional and tuple field."""
    atl = EntityRef("country:atlantis", "Atlantis", "Country", mentioned_as="Atlantis")
    oce = EntityRef("country:oceania", "Oceania", "Country", confidence=0.75)
    place = EntityRef("place:springfield", "Springfield", "Place")
    sent = Span(14, 88, article.text[14:88])
    subj = Argument(
        Span(14, 38, article.text[14:38]), Span(18, 24, "leader"), "subject", atl, "GPE"
    )
    obj = Argument(Span(43, 67, article.text[43:67]), Span(47, 53, "leader"), "object", oce)
    where = Argument(Span(71, 82, "Springfield"), Span(71, 82, "Springfield"), "in", place)
    when = TimeValue("on Monday", "2024-05-06", Span(83, 92, "on Monday"), "expression")
    triple = Triple(
        doc=article.id,
        sentence=sent,
        subject=subj,
        predicate=Predicate(Span(39, 42, "met"), "meet", "verb", Span(39, 42, "met")),
        object=obj,
        arguments=(where,),
        modality=None,
        attributed_to=None,
        time=when,
        place=where,
        confidence=0.8,
        event_class="Consult",
    )
    mentions = (
        Mention(Span(32, 38, "Atlantis"), atl, "GPE", "name"),
        Mention(Span(61, 67, "Oceania"), oce, "GPE", "name", role=None),
    )
    return DocumentResult(
        article=article, mentions=mentions, triples=(triple,), time_expressions=(when,)
    )


@pytest.mark.parametrize(
    ("change", "same_key"),
    [
        ({"paths": ("elsewhere/a1.txt",)}, True),
        ({"warnings": ()}, True),
        ({"content_hash": "other"}, True),
        ({"text": TEXT + " More."}, False),
        ({"id": "a2"}, False),
        ({"date": "2024-05-07"}, False),
        ({"title": "Other"}, False),
        ({"source": None}, False),
        ({"dateline": None}, False),
    ],
)
def test_article_key_follows_content_not_location(change, same_key):
    assert (article_key(replace(ARTICLE, **change)) == article_key(ARTICLE)) is same_key


def test_from_json_reads_what_to_json_wrote():
    result = sample_result()
    back = json.loads(json.dumps(to_json(result)))
    assert from_json(DocumentResult, back) == result


def test_put_then_get_returns_the_result_with_the_current_article(tmp_path):
    cache = ExtractionCache(tmp_path, namespace="ns")
    cache.put(sample_result())
    moved = replace(ARTICLE, paths=("moved/a1.txt",))
    got = ExtractionCache(tmp_path, namespace="ns").get(moved)
    assert got == replace(sample_result(), article=moved)
    assert got is not None and got.article.paths == ("moved/a1.txt",)


def test_miss_for_changed_text_and_for_another_namespace(tmp_path):
    ExtractionCache(tmp_path, namespace="ns").put(sample_result())
    assert ExtractionCache(tmp_path, namespace="ns").get(replace(ARTICLE, text=TEXT + "!")) is None
    assert ExtractionCache(tmp_path, namespace="other").get(ARTICLE) is None


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\x80\x05garbage",
        pickle.dumps((CACHE_FORMAT, "another key", None)),
        pickle.dumps([1, 2, 3]),
        pickle.dumps((CACHE_FORMAT - 1, "k", 3)),
    ],
)
def test_an_unreadable_entry_is_a_miss(tmp_path, content):
    cache = ExtractionCache(tmp_path, namespace="ns")
    cache.put(sample_result())
    cache.path(article_key(ARTICLE)).write_bytes(content)
    assert cache.get(ARTICLE) is None
    assert cache.misses == 1


def test_prune_keeps_only_the_entries_used_and_the_current_namespace(tmp_path):
    old = ExtractionCache(tmp_path, namespace="old")
    old.put(sample_result())
    cache = ExtractionCache(tmp_path, namespace="new")
    other = replace(ARTICLE, id="a2")
    cache.put(sample_result(other))
    cache.put(sample_result())
    (cache.folder / ".x.tmp").write_text("partial")
    fresh = ExtractionCache(tmp_path, namespace="new")
    assert fresh.get(ARTICLE) is not None
    assert fresh.prune() == 2  # the old namespace's entry and the unused a2
    assert [p.name for p in (tmp_path / CACHE_DIR).iterdir()] == ["new"]
    assert fresh.keys() == [article_key(ARTICLE)]


def _package(root: Path) -> Path:
    """A small package tree shaped like kgbuild: extraction code, a helper, a writer, data."""
    pkg = root / "kgbuild"
    files = {
        "__init__.py": "",
        "nlp.py": "X = 1\n",
        "helpers.py": "Y = 2\n",
        "unused.py": "Z = 3\n",
        "extract/__init__.py": "from kgbuild.extract.rules import R\n",
        "extract/rules.py": "from ..helpers import Y\nR = Y\n",
        "actors/__init__.py": "from . import names\n",
        "actors/names.py": "N = 1\n",
        "events/__init__.py": "import kgbuild.dates\n",
        "dates.py": "D = 1\n",
        "writers/turtle.py": "from kgbuild.extract import R\n",
        "engine/__init__.py": "from kgbuild.engine.analysis import A\n",
        "engine/analysis.py": "from kgbuild.extract import R\nA = R\n",
        "data/verbs.txt": "say\n",
    }
    for name, text in files.items():
        (pkg / name).parent.mkdir(parents=True, exist_ok=True)
        (pkg / name).write_text(text)
    return pkg


def test_extraction_files_follow_imports(tmp_path):
    pkg = _package(tmp_path)
    names = {p.relative_to(pkg).as_posix() for p in extraction_files(pkg)}
    assert names == {
        "nlp.py",
        "helpers.py",
        "dates.py",
        "extract/__init__.py",
        "extract/rules.py",
        "actors/__init__.py",
        "actors/names.py",
        "events/__init__.py",
        "engine/analysis.py",
    }


@pytest.mark.parametrize(
    ("path", "changes"),
    [
        ("extract/rules.py", True),
        ("helpers.py", True),
        ("data/verbs.txt", True),
        ("actors/names.py", True),
        ("engine/analysis.py", True),
        ("engine/__init__.py", False),
        ("writers/turtle.py", False),
        ("unused.py", False),
    ],
)
def test_extractor_version_changes_with_extraction_code_only(tmp_path, path, changes):
    pkg = _package(tmp_path)
    before = extractor_version(pkg)
    (pkg / path).write_text((pkg / path).read_text() + "# changed\n")
    from kgbuild.cache import _tree_hash

    _tree_hash.cache_clear()
    assert (extractor_version(pkg) != before) is changes


def test_model_version_of_the_installed_model():
    from kgbuild.nlp import DEFAULT_MODEL

    assert model_version(DEFAULT_MODEL) not in ("", "unknown")


def test_namespace_follows_model_and_gazetteer_content(tmp_path):
    from kgbuild.cache import namespace
    from kgbuild.nlp import DEFAULT_MODEL

    gaz = tmp_path / "gazetteer.tsv"
    gaz.write_text("Atlantis\tCountry\n")
    base = namespace(DEFAULT_MODEL)
    with_gaz = namespace(DEFAULT_MODEL, gaz)
    assert namespace(DEFAULT_MODEL) == base
    assert with_gaz != base
    assert namespace("another_model") != base
    gaz.write_text("Atlantis\tCountry\nOceania\tCountry\n")
    assert namespace(DEFAULT_MODEL, gaz) != with_gaz


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"text": "May", "value": "2024-05"}, TimeValue("May", "2024-05")),
        ({"text": "May", "value": None, "span": None}, TimeValue("May", None)),
        (
            {"text": "May", "value": "2024-05", "span": [0, 3, "May"], "basis": "expression"},
            TimeValue("May", "2024-05", Span(0, 3, "May")),
        ),
    ],
)
def test_from_json_fills_missing_fields_with_defaults(data, expected):
    if isinstance(data.get("span"), list):
        data = {**data, "span": dict(zip(("start", "end", "text"), data["span"], strict=True))}
    assert from_json(TimeValue, data) == expected


def test_a_packed_entry_is_stored_as_it_is_and_read_back(tmp_path):
    key, raw = pack(sample_result())
    assert key == article_key(ARTICLE)
    assert unpack(key, raw) == sample_result()
    cache = ExtractionCache(tmp_path, namespace="ns")
    packed = {key: raw}
    cache.put(sample_result(), packed)
    assert packed == {}  # taken
    assert cache.path(key).read_bytes() == raw
    assert ExtractionCache(tmp_path, namespace="ns").get(ARTICLE) == sample_result()


def test_put_pickles_a_result_whose_entry_is_not_packed(tmp_path):
    cache = ExtractionCache(tmp_path, namespace="ns")
    cache.put(sample_result(), {"another key": b"unused"})
    assert cache.path(article_key(ARTICLE)).read_bytes() == pack(sample_result())[1]


@pytest.mark.parametrize(
    "raw",
    [b"", b"\x80\x05garbage", pickle.dumps((CACHE_FORMAT, "another key", None)), pickle.dumps(3)],
)
def test_unpack_of_bytes_holding_no_entry_of_the_key_is_none(raw):
    assert unpack(article_key(ARTICLE), raw) is None
