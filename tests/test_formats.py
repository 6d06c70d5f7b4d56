"""The formats people have: a saved news page, a PDF, a Word document, Markdown and plain text.

The files are made here (fpdf2 writes the PDFs, python-docx the Word document). Each gives the
same kind of Article (title, date, source, author, body); a build of the folder gives every
file's facts with offsets into the text ``kgbuild text FILE`` prints; a folder of files that
cannot be read gives one warning line per file and a non-zero exit.
"""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from kgbuild.ingest import read_articles, read_file
from kgbuild.records import Article

PAGE = """<!DOCTYPE html>
<html><head><title>Ceasefire agreed in Geneva | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2021-06-01T08:00:00Z">
<meta name="author" content="Jane Roe">
<script>var x = "<p>not text</p>";</script></head>
<body><header><a href="/">Home</a> <a href="/world">World</a></header>
<nav><ul><li>Politics</li><li>Sport</li></ul></nav>
<article><h1>Ceasefire agreed in Geneva</h1>
<p>The government of Ruritania and the rebels agreed a ceasefire on Monday after three days
of talks in Geneva, the United Nations said.</p>
<div class="social-share">Share on Facebook</div>
<p>The envoy of the United Nations met the foreign minister of Ruritania on Tuesday.</p>
</article>
<aside class="related">Related: Earlier talks failed</aside>
<footer>Copyright 2021 Daily Example</footer></body></html>
"""

PDF_PARAGRAPHS = [
    (16, "Dockworkers end strike in Rotterdam"),
    (11, "March 3, 2020"),
    (11, "By Piet Jansen"),
    (
        11,
        "ROTTERDAM (Reuters) - The union of dockworkers ended its strike on Monday after the "
        "port authority agreed to raise wages, the union's leader Piet de Vries said in a "
        "statement to reporters outside the harbour office.",
    ),
    (
        11,
        "The port authority signed the agreement with the union in the morning. Ships began to "
        "unload cargo again in the afternoon.",
    ),
]

DOCX_PARAGRAPHS = [
    ("Title", "Finance minister resigns over budget"),
    (None, "June 5, 2021"),
    (None, "By John Smith"),
    (
        None,
        "BERLIN (AP) — The finance minister of Germany resigned on Friday after parliament "
        "rejected the budget, the chancellor said.",
    ),
    (None, "The chancellor appointed a new finance minister on Saturday."),
]

MARKDOWN = """---
title: Floods hit northern Portugal
date: 2022-08-14
author: Ana Lima
source: Example Wire
---

Heavy rain **flooded** the city of [Porto](https://example.org/porto) on Sunday, the mayor said.

```
code that is not news
```

- The army evacuated hundreds of residents from the old town.
"""

TEXT = """Miners rescued in Chile
2010-10-13

COPIAPO (AFP) - Rescuers brought the first miner to the surface on Wednesday, the president
of Chile said.

The rescuers freed the other miners later in the day.
"""


def _pdf(paragraphs: list[tuple[int, str]], path: Path, *, password: str | None = None) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for size, text in paragraphs:
        pdf.set_font("Helvetica", size=size)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    if password:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))


def _scanned_pdf(path: Path) -> None:
    """A page with a picture and no text layer (as a scanner makes it)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 120, 160, style="F")
    pdf.output(str(path))


def _docx(path: Path) -> None:
    import docx

    d = docx.Document()
    for style, text in DOCX_PARAGRAPHS:
        d.add_paragraph(text, style=style)
    d.save(str(path))


@pytest.fixture(scope="module")
def pile(tmp_path_factory) -> Path:
    """A folder with one news story in each format."""
    d = tmp_path_factory.mktemp("pile")
    (d / "page.html").write_text(PAGE, encoding="utf-8")
    _pdf(PDF_PARAGRAPHS, d / "strike.pdf")
    _docx(d / "minister.docx")
    (d / "floods.md").write_text(MARKDOWN, encoding="utf-8")
    (d / "miners.txt").write_text(TEXT, encoding="utf-8")
    return d


EXPECTED = [
    # file, title, date, source, author, dateline, words in the body
    (
        "page.html",
        "Ceasefire agreed in Geneva",
        "2021-06-01",
        "Daily Example",
        "Jane Roe",
        None,
        "agreed a ceasefire on Monday after three days of talks in Geneva",
    ),
    (
        "strike.pdf",
        "Dockworkers end strike in Rotterdam",
        "2020-03-03",
        "Reuters",
        "Piet Jansen",
        "ROTTERDAM",
        "the port authority agreed to raise wages",
    ),
    (
        "minister.docx",
        "Finance minister resigns over budget",
        "2021-06-05",
        "AP",
        "John Smith",
        "BERLIN",
        "The finance minister of Germany resigned on Friday",
    ),
    (
        "floods.md",
        "Floods hit northern Portugal",
        "2022-08-14",
        "Example Wire",
        "Ana Lima",
        None,
        "Heavy rain flooded the city of Porto on Sunday",
    ),
    (
        "miners.txt",
        "Miners rescued in Chile",
        "2010-10-13",
        "AFP",
        None,
        "COPIAPO",
        "Rescuers brought the first miner",
    ),
]


@pytest.mark.parametrize(
    ("name", "title", "date", "source", "author", "dateline", "words"), EXPECTED
)
def test_each_format_gives_the_same_article(
    pile, name, title, date, source, author, dateline, words
):
    (a,) = read_articles([pile / name])
    assert isinstance(a, Article), a
    assert (a.title, a.date, a.source, a.author, a.dateline) == (
        title,
        date,
        source,
        author,
        dateline,
    )
    assert words in " ".join(a.cleaned.split())
    assert a.text == read_file(pile / name)[0]  # the text `kgbuild text FILE` prints
    for k in range(0, len(a.layout), 3):  # the analysed text is made of runs of that text
        at, src, n = a.layout[k : k + 3]
        assert a.cleaned[at : at + n] == a.text[src : src + n]


def test_page_furniture_and_code_left_out(pile):
    page = read_file(pile / "page.html")[0]
    for furniture in ("Share on Facebook", "Related:", "Politics", "Copyright", "not text"):
        assert furniture not in page
    assert "code that is not news" not in read_file(pile / "floods.md")[0]


def test_pdf_lines_joined_into_paragraphs(pile):
    text = read_file(pile / "strike.pdf")[0]
    assert "in a statement to reporters outside the harbour office." in text
    assert "\n\n" in text and "\n\n\n" not in text


def test_markdown_without_front_matter_takes_its_heading(tmp_path):
    f = tmp_path / "note.md"
    f.write_text("# Strike ends\n\nWorkers *returned* to work on Friday.\n", encoding="utf-8")
    (a,) = read_articles([f])
    assert isinstance(a, Article)
    assert (a.title, a.cleaned) == (
        "Strike ends",
        "Strike ends\n\nWorkers returned to work on Friday.",
    )


# ------------------------------------------------------------------------- unreadable files


@pytest.fixture(scope="module")
def unreadable(tmp_path_factory) -> Path:
    """A folder of files no article can be read from, each for another reason."""
    d = tmp_path_factory.mktemp("unreadable")
    _pdf(PDF_PARAGRAPHS, d / "locked.pdf", password="secret")
    _scanned_pdf(d / "scan.pdf")
    (d / "cut.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<")
    (d / "broken.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    (d / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    (d / "table.csv").write_bytes(b"")
    (d / "README.md").write_text("# Notes\n\nThe files of the team.\n", encoding="utf-8")
    (d / "empty.txt").write_bytes(b"")
    return d


UNREADABLE = {
    "locked.pdf": "encrypted PDF (it needs a password to be opened)",
    "scan.pdf": "PDF without a text layer (scanned pages?): kgbuild does not read text in images",
    "cut.pdf": "damaged PDF (cut short)",
    "broken.docx": "damaged Word document (not a whole ZIP archive)",
    "photo.png": "unsupported file type (.png; kgbuild reads",
    "table.csv": "unsupported file type (.csv; kgbuild reads",
    "README.md": "folder documentation, not an article (name the file to read it)",
    "empty.txt": "empty file",
}


def test_each_unreadable_file_is_one_input_error(unreadable):
    errors = {Path(e.path).name: e.reason for e in read_articles([unreadable])}
    assert set(errors) == set(UNREADABLE)
    for name, reason in UNREADABLE.items():
        assert errors[name].startswith(reason), (name, errors[name])


def test_a_pdf_that_needs_no_password_to_open_is_read(tmp_path):
    """Encrypted with an owner password only (printing or copying restricted): readable."""
    _pdf(PDF_PARAGRAPHS, tmp_path / "restricted.pdf", password="")
    (a,) = read_articles([tmp_path / "restricted.pdf"])
    assert isinstance(a, Article) and a.title == "Dockworkers end strike in Rotterdam"


def _run(args: list[str]) -> tuple[int, str, str]:
    from kgbuild.cli import main

    err, out = io.StringIO(), io.StringIO()
    with redirect_stderr(err), redirect_stdout(out):
        code = main(args)
    return code, out.getvalue(), err.getvalue()


def test_folder_of_unreadable_files_fails_with_one_line_per_file(unreadable, tmp_path):
    code, out, err = _run(["build", str(unreadable), "--out", str(tmp_path / "out")])
    assert code != 0
    lines = err.splitlines()
    assert len(lines) == len(UNREADABLE) + 1
    for name, reason in UNREADABLE.items():
        assert sum(ln.startswith(f"warning: {unreadable / name}: {reason}") for ln in lines) == 1
    assert lines[-1].startswith(f"kgbuild: error: no article could be read from {unreadable} (8")
    assert "2 unsupported file type" in lines[-1]
    assert "built" not in out


def test_text_command_prints_what_offsets_count(pile, capsys):
    from kgbuild.cli import main

    assert main(["text", str(pile / "strike.pdf")]) == 0
    assert capsys.readouterr().out == read_file(pile / "strike.pdf")[0]


# ------------------------------------------------------------------------------- the build


@pytest.mark.slow
def test_extract_offsets_of_every_format(pile):
    from tests.test_offsets import assert_offsets_hold

    assert assert_offsets_hold(sorted(pile.iterdir())) > 20


@pytest.mark.slow
def test_build_of_every_format(pile, tmp_path):
    from tests.test_offsets import assert_graph_json_offsets_hold

    code, out, err = _run(["build", str(pile), "--out", str(tmp_path)])
    assert code == 0, err
    assert err == ""
    assert "built 5 articles" in out
    graph = json.loads((tmp_path / "graph.json").read_text(encoding="utf-8"))["graph"]
    articles = {Path(a["paths"][0]).name: a for a in graph["articles"]}
    for name, title, date, source, author, dateline, _ in EXPECTED:
        a = articles[name]
        assert (a["title"], a["date"], a["source"], a["author"], a["dateline"]) == (
            title,
            date,
            source,
            author,
            dateline,
        )
        assert a["text"] == read_file(pile / name)[0]
    checked = assert_graph_json_offsets_hold(tmp_path)
    assert {a["id"] for a in articles.values()} == set(checked)  # facts from every file
