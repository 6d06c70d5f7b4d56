"""Text is data: hostile strings in names, titles and sentences never break or escape an output.

Strict RDF parsers (Debian's ``rapper`` when installed, pyoxigraph) must accept every RDF file;
the CSV, JSON and XML outputs must parse; the HTML page must carry no hostile markup raw.
"""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdf_sample import ring_of_names

from kgbuild.records import Article, KnowledgeGraph

RAPPER = shutil.which("rapper") or ("/usr/bin/rapper" if Path("/usr/bin/rapper").exists() else None)

#: Printable hostile names: quotes, angle brackets, backslashes, markup, template syntax, emoji.
PRINTABLE = [
    'Jack "The Hammer" O\'Neil',
    "</script><script>alert(1)</script> Brigade",
    '<img src=x onerror="alert(1)"> Group',
    "Back\\slash \\u0041 \\n Institute",
    "Emoji 😀🇺🇦 Party",
    "]]> --> <!-- CDATA",
    "{{x}} ${y} %s {0} Council",
    "a> <b> . ; # @prefix : <http://evil/> .",
    "Ünïcödé 新闻 Агентство",
]
#: Names with control characters and line separators (never read from files, which clean them).
CONTROL = ["Bell\x07Tab\tNL\nCR\r", "Nul\x00Esc\x1b Del\x7f", "Line\u2028Para\u2029Sep"]
HOSTILE = PRINTABLE + CONTROL


def _hostile_graph() -> KnowledgeGraph:
    sentence = " met ".join(PRINTABLE[:2]) + "."
    doc = 'art "1" <x>\\y 😀'
    article = Article(
        id=doc,
        text=f"{HOSTILE[0]}\n\n{sentence}",
        title=HOSTILE[1] + CONTROL[0],
        date="2022-02-15",
        source=HOSTILE[2],
        author=HOSTILE[3],
        dateline=HOSTILE[4],
        paths=(f"/news/{HOSTILE[5]}.txt",),
        content_hash="0123456789abcdef",
    )
    return ring_of_names(article, HOSTILE, len(HOSTILE[0]) + 2, HOSTILE[6])


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory) -> Path:
    from kgbuild.fsutil import output_transaction
    from kgbuild.outputs import write_outputs

    out = tmp_path_factory.mktemp("hostile")
    with output_transaction(out):
        write_outputs(_hostile_graph(), out)
    return out


RDF_FILES = [
    ("graph.ttl", "turtle", "TURTLE"),
    ("graph.trig", "trig", "TRIG"),
    ("graph.nq", "nquads", "N_QUADS"),
]


@pytest.mark.parametrize(("name", "rapper_syntax", "_"), RDF_FILES)
@pytest.mark.skipif(RAPPER is None, reason="rapper (raptor2-utils) is not installed")
def test_rapper_accepts(hostile_build, name, rapper_syntax, _):
    _check_rapper(hostile_build / name, rapper_syntax)


def _check_rapper(path: Path, syntax: str) -> None:
    if not path.exists():
        pytest.skip(f"{path.name} is not an output of this build")
    assert RAPPER is not None
    run = subprocess.run(
        [RAPPER, "-c", "-i", syntax, str(path)], capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Error" not in run.stderr, run.stderr[-2000:]


def _oxigraph_quads(path: Path, fmt: str) -> list:
    import pyoxigraph as ox

    if not path.exists():
        pytest.skip(f"{path.name} is not an output of this build")
    return list(ox.parse(path=str(path), format=getattr(ox.RdfFormat, fmt)))


@pytest.mark.parametrize(("name", "_", "fmt"), [*RDF_FILES, ("graph.jsonld", None, "JSON_LD")])
def test_pyoxigraph_accepts(hostile_build, name, _, fmt):
    assert _oxigraph_quads(hostile_build / name, fmt)


def test_printable_names_survive_unchanged(hostile_build):
    literals = {q.object.value for q in _oxigraph_quads(hostile_build / "graph.ttl", "TURTLE")}
    for name in PRINTABLE:
        assert name in literals, name


def test_iris_carry_no_text_syntax(hostile_build):
    import pyoxigraph as ox

    for q in _oxigraph_quads(hostile_build / "graph.nq", "N_QUADS"):
        for term in (q.subject, q.predicate, q.object):
            if isinstance(term, ox.NamedNode):
                assert not set(term.value) & set(' "<>\\{}|^`\n\r\t'), term.value


def test_csv_and_json_outputs_parse(hostile_build):
    with open(hostile_build / "triples.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(HOSTILE)
    assert {r["subject"] for r in rows} >= set(PRINTABLE)
    for name in ("graph.json", "graph.jsonld"):
        if (hostile_build / name).exists():
            json.loads((hostile_build / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["graph.graphml", "graph.gexf"])
def test_xml_outputs_parse(hostile_build, name):
    path = hostile_build / name
    if not path.exists():
        pytest.skip(f"{name} is not an output of this build")
    ET.parse(path)


def test_html_carries_no_hostile_markup(hostile_build, tmp_path):
    from kgbuild.writers import html

    page = (hostile_build / "graph.html").read_text(encoding="utf-8")
    for raw in (
        "</script><script>alert(1)",
        '<img src=x onerror="alert(1)">',
        "<!-- CDATA",
        "<http://evil/>",
    ):
        assert raw not in page, raw
    html.write(KnowledgeGraph(articles=(), entities=(), events=()), tmp_path / "plain.html")
    plain = (tmp_path / "plain.html").read_text(encoding="utf-8")
    for tag in ("<script", "</script", "<img", "<iframe", "<!--"):
        assert page.count(tag) == plain.count(tag), tag  # only the page's own markup


# --------------------------------------------------------------------------- end to end

ARTICLE = """Minister "Jack" O'Neil <b>resigns</b> \\ 😀 row

The Ruritanian minister Jack "The Hammer" O'Neil met President Anna <Smith> in Geneva on Monday. \
Anna <Smith> said that Jack "The Hammer" O'Neil would resign.

The group </script><script>alert(1)</script> Brigade attacked the Back\\slash Institute on \
Tuesday, officials of the 😀 Party said. The ministry of {curly} affairs met the "Quote" Council \
in Paris. ${y} said the <img src=x onerror=alert(1)> Group. A bell \x07 rang.
"""


@pytest.fixture(scope="module")
def hostile_articles_build(tmp_path_factory) -> Path:
    from kgbuild.pipeline import build

    src = tmp_path_factory.mktemp("hostile-src")
    (src / 'a "quoted" <tag> back\\slash 😀.txt').write_text(ARTICLE, encoding="utf-8")
    (src / "-dash {x}.txt").write_text(
        ARTICLE.replace("Ruritanian", "Freedonian"), encoding="utf-8"
    )
    out = tmp_path_factory.mktemp("hostile-out")
    summary = build([src], out)
    assert summary.articles == 2 and summary.triples > 0
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("name", "rapper_syntax", "fmt"), RDF_FILES)
def test_build_of_hostile_articles_parses_strictly(
    hostile_articles_build, name, rapper_syntax, fmt
):
    assert _oxigraph_quads(hostile_articles_build / name, fmt)
    if RAPPER:
        _check_rapper(hostile_articles_build / name, rapper_syntax)


@pytest.mark.slow
def test_build_of_hostile_articles_keeps_titles_and_html_safe(hostile_articles_build):
    literals = {
        q.object.value for q in _oxigraph_quads(hostile_articles_build / "graph.ttl", "TURTLE")
    }
    assert 'Minister "Jack" O\'Neil <b>resigns</b> \\ 😀 row' in literals
    page = (hostile_articles_build / "graph.html").read_text(encoding="utf-8")
    assert "</script><script>alert(1)" not in page
    assert "<img src=x onerror" not in page
    with open(hostile_articles_build / "triples.csv", encoding="utf-8", newline="") as fh:
        assert list(csv.DictReader(fh))
