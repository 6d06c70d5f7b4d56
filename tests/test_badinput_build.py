"""Bad input through the whole build: warnings, exit codes, odd names, long texts."""

from __future__ import annotations

import os
import shutil

import pytest
from conftest import SEEDS

from kgbuild.cli import main

pytestmark = pytest.mark.slow

SEED_004 = next(SEEDS.glob("004_*.txt"))


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    """A news folder with bad files of every kind beside good ones."""
    d = tmp_path_factory.mktemp("messy")
    (d / "nested" / "deeper").mkdir(parents=True)
    (d / "other").mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b" \n\t \n")
    (d / "report.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (d / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (d / "old.txt").write_bytes(
        "Minister resigns over “budget” row\n\nThe finance minister of Ruritania resigned on "
        "Monday after a row over the café tax, officials said.".encode("cp1252")
    )
    (d / "page.html").write_text(
        "<!DOCTYPE html><html><head><title>Ceasefire agreed | Daily</title></head><body>"
        "<nav>Home World</nav><article><h1>Ceasefire agreed</h1><p>The government of Ruritania "
        "and the rebels agreed a ceasefire on Monday, the United Nations said in Geneva.</p>"
        "</article><footer>Copyright 2021</footer></body></html>",
        encoding="utf-8",
    )
    shutil.copy(SEED_004, d / "-dash 'quoted' ünï.txt")
    shutil.copy(SEED_004, d / "nested" / "deeper" / "copy of tass.txt")
    (d / "nested" / "news.txt").write_text(
        "Talks\n\nThe envoy met the minister in Paris on Friday."
    )
    (d / "other" / "news.txt").write_text("Strike\n\nWorkers went on strike in Lyon on Friday.")
    (d / "nopunct.txt").write_text(" ".join(["the minister met the envoy"] * 400))
    (d / os.fsdecode(b"bad\xffname.txt")).write_text("Storm\n\nA storm hit the coast on Sunday.")
    return d


@pytest.fixture(scope="module")
def messy_run(messy, tmp_path_factory):
    import io
    from contextlib import redirect_stderr, redirect_stdout

    out = tmp_path_factory.mktemp("messy-out")
    err, std = io.StringIO(), io.StringIO()
    with redirect_stderr(err), redirect_stdout(std):
        code = main(["build", str(messy), "--out", str(out)])
    return code, err.getvalue(), std.getvalue(), out


def test_build_succeeds_with_warnings(messy_run):
    code, err, out_text, _ = messy_run
    assert code == 0
    assert "built 7 articles" in out_text
    assert "\n  4 files skipped: 2 empty file; 1 binary file, not text; 1 damaged PDF\n" in out_text
    assert "Traceback" not in err


def test_one_line_per_bad_file(messy, messy_run):
    _, err, _, _ = messy_run
    assert sorted(err.splitlines()) == sorted(
        [
            f"warning: {messy}/blank.txt: empty file (only white space)",
            f"warning: {messy}/empty.txt: empty file",
            f"warning: {messy}/old.txt: not UTF-8, decoded as cp1252",
            f"warning: {messy}/photo.txt: binary file (PNG image), not text",
            f"warning: {messy}/report.txt: damaged PDF (PDFSyntaxError: No /Root object! - Is "
            "this really a PDF?)",  # a PDF is read as one whatever its name
            f"warning: {messy}/nested/deeper/copy of tass.txt: same article as {messy}/-dash 'quoted' ünï.txt",
        ]
    )


def test_every_good_article_is_in_the_graph(messy_run):
    import pyoxigraph as ox

    *_, out = messy_run
    quads = list(ox.parse(path=str(out / "graph.trig"), format=ox.RdfFormat.TRIG))
    literals = {q.object.value for q in quads if isinstance(q.object, ox.Literal)}
    titles = {
        "Minister resigns over “budget” row",
        "Ceasefire agreed",
        "Russia to do its best to prevent protraction of talks on European security — Putin",
        "Talks",
        "Strike",
        "Storm",
    }
    assert titles <= literals
    assert any(v.startswith("the minister met the envoy the minister") for v in literals)
    news = {
        s
        for q in quads
        if "/article/news-" in (s := str(q.subject.value)) and "#char=" not in s  # not mentions
    }
    assert len(news) == 2  # same stem in two folders: two articles, two ids
    assert {f"{p}/news.txt" for p in ("nested", "other")} <= {v[-15:].lstrip("/") for v in literals}


def test_leading_dash_file_name_on_the_command_line(messy, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(messy)
    code = main(["build", "--out", str(tmp_path), "-q", "--", "-dash 'quoted' ünï.txt"])
    assert code == 0
    assert capsys.readouterr().err == ""


def test_missing_path_beside_a_good_one_warns_and_builds(tmp_path, capsys):
    code = main(
        ["build", str(SEED_004), str(tmp_path / "typo.txt"), "--out", str(tmp_path / "out"), "-q"]
    )
    assert code == 0
    assert capsys.readouterr().err.splitlines() == [
        f"warning: {tmp_path / 'typo.txt'}: no such file or folder"
    ]


def test_long_article_parsed_in_pieces_keeps_true_offsets(monkeypatch, tmp_path):
    """An article longer than the piece size is cut at paragraph boundaries and joined back."""
    from kgbuild import nlp
    from kgbuild.engine.analysis import analyze_articles
    from kgbuild.ingest import read_articles

    monkeypatch.setattr(nlp, "MAX_CHARS", 600)
    paragraphs = [
        f"The foreign minister of Ruritania met the ambassador of Freedonia in Geneva on day {n}. "
        f"The two sides agreed to continue the talks about the border."
        for n in range(1, 30)
    ]
    (tmp_path / "long.txt").write_text("Border talks go on\n\n" + "\n\n".join(paragraphs))
    (article,) = read_articles([tmp_path / "long.txt"])
    assert len(article.text) > 6 * nlp.MAX_CHARS
    (result,) = analyze_articles([article])
    assert len(result.triples) >= 20
    for t in result.triples:
        for span in (t.sentence, t.subject.span, t.predicate.span):
            assert article.text[span.start : span.end] == span.text


def test_text_beyond_spacy_max_length_is_parsed():
    """A text over spaCy's 1,000,000-character limit, with a tokenizer-only pipeline (fast)."""
    import spacy

    from kgbuild.nlp import parse

    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    text = "Envoys met in Geneva on Monday. They agreed to meet again.\n\n" * 17_000
    assert len(text) > blank.max_length
    with pytest.raises(ValueError, match="E088"):
        blank(text)
    (doc,) = parse(blank, [text])
    assert doc.text == text
    assert len(list(doc.sents)) >= 34_000
