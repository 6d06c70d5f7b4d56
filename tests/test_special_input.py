"""Stray control characters, special files and invisible characters in labels.

* A few NULs or other controls in otherwise good text are replaced by spaces with a warning
  (character offsets stay true: ``kgbuild text`` prints the text they count in).
* FIFOs and devices are refused by their type, never read (a FIFO would hang the build,
  ``/dev/zero`` would never end).
* Labels lose bidi controls and zero-width characters; article text keeps them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kgbuild.cli import main
from kgbuild.errors import InputError
from kgbuild.ingest import decode, read_articles, read_file
from kgbuild.labels import INVISIBLE, clean_graph, clean_label
from kgbuild.records import Article, Entity, Event, KnowledgeGraph

BODY = " ".join(["The minister met the envoy in Rome on Monday."] * 48)  # 2,255 characters


def with_nuls(text: str, n: int) -> str:
    step = len(text) // (n + 1)
    return "".join(text[i * step : (i + 1) * step] + "\x00" for i in range(n)) + text[n * step :]


@pytest.mark.parametrize("n", [1, 3, 20])
def test_a_few_nuls_are_spaces_with_a_warning(n):
    raw = with_nuls(BODY, n)
    text, notes = decode(raw.encode("utf-8"))
    assert len(text) == len(raw) and "\x00" not in text
    assert text == raw.replace("\x00", " ")
    assert notes == [f"{n} control character{'s' if n > 1 else ''} (NUL) replaced by spaces"]


@pytest.mark.parametrize(
    "data", [b"\x00" * 400 + b"text" * 100, "UTF-16 without a mark".encode("utf-16-le") * 50]
)
def test_many_nuls_are_binary(data):
    with pytest.raises(InputError, match="binary"):
        decode(data)


def test_other_controls_are_named():
    _text, notes = decode(("a\x07b\x1b" + BODY).encode())
    assert notes == ["2 control characters (U+0007, U+001B) replaced by spaces"]


def test_article_with_nuls_is_read(tmp_path):
    f = tmp_path / "nul.txt"
    f.write_bytes(("Talks resume\n\n" + with_nuls(BODY, 3)).encode())
    (article,) = read_articles([f])
    assert isinstance(article, Article) and "\x00" not in article.text
    assert any("3 control characters" in w for w in article.warnings)


@pytest.fixture
def fifo(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def test_fifo_is_refused_by_type(fifo):
    with pytest.raises(InputError, match="FIFO"):
        read_file(fifo)  # would block forever if it were opened for reading


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_devices_are_refused_by_type(device):
    with pytest.raises(InputError, match="character device"):
        read_file(device)


def test_fifo_in_a_folder_is_named(fifo):
    (fifo.parent / "good.txt").write_text("Talks resume\n\n" + BODY, encoding="utf-8")
    items = list(read_articles([fifo.parent]))
    assert sum(isinstance(i, Article) for i in items) == 1
    assert [str(i) for i in items if isinstance(i, InputError)] == [
        f"{fifo}: named pipe (FIFO), not a regular file"
    ]


@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_text_of_a_fifo_or_a_device_is_one_line_not_a_hang(fifo, special, tmp_path):
    path = str(fifo) if special == "fifo" else special
    cmd = [sys.executable, "-m", "kgbuild", "text", path]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.startswith("kgbuild: error:") and proc.stderr.count("\n") == 1
    assert "not a regular file" in proc.stderr


@pytest.mark.slow
def test_build_beside_a_fifo_and_a_device_does_not_hang(fifo, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Talks resume\n\nThe minister met the envoy in Rome on Monday.\n")
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "kgbuild", "build", str(fifo), "/dev/zero", str(good)]
    proc = subprocess.run(
        [*cmd, "--out", str(out)], capture_output=True, text=True, timeout=600, cwd=tmp_path
    )
    assert proc.returncode == 0, proc.stderr
    assert "FIFO" in proc.stderr and "/dev/zero: character device" in proc.stderr
    assert (out / "graph.ttl").exists()


def test_text_command_prints_the_text_offsets_count_in(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_bytes(b"Talks resume\r\n\r\nThe minister\x07 met the envoy.\r\n")
    assert main(["text", str(f)]) == 0
    out, err = capsys.readouterr()
    assert out == read_file(f)[0] and "minister  met" in out
    assert "1 control character (U+0007) replaced by spaces" in err


# --------------------------------------------------------------------------- labels

SPOOFS = [
    ("Pu\u200btin", "Putin"),  # zero-width space
    ("\u202eevil.exe", "evil.exe"),  # right-to-left override, never closed
    ("Ali\u200d Khan\ufeff", "Ali Khan"),  # joiner, byte-order mark
    ("\u2067Tehran\u2069 office", "Tehran office"),  # isolate
    ("Soft\u00adhyphen", "Softhyphen"),
    ("Emoji 😀🇺🇦 Party", "Emoji 😀🇺🇦 Party"),
    ("Ünïcödé 新闻 Агентство", "Ünïcödé 新闻 Агентство"),
]


@pytest.mark.parametrize(("raw", "clean"), SPOOFS)
def test_clean_label(raw, clean):
    assert clean_label(raw) == clean


def test_clean_graph_cleans_every_label():
    names = [raw for raw, _ in SPOOFS]
    kg = KnowledgeGraph(
        articles=(
            Article(
                id="a",
                text="\u202eTitle\n\nBody.",
                title="\u202eTitle",
                source="A\u200bP",
                author="\u2066Jo\u2069",
            ),
        ),
        entities=tuple(
            Entity(key=f"person:{i}", label=n, type="Person", aliases=(n,), roles=(n,))
            for i, n in enumerate(names)
        ),
        events=(Event("e", "me\u200bet", None, "person:0", "person:1"),),
    )
    clean = clean_graph(kg)
    text = json.dumps(
        [
            [(a.title, a.source, a.author) for a in clean.articles],
            [(e.label, e.aliases, e.roles) for e in clean.entities],
            [e.predicate for e in clean.events],
        ],
        ensure_ascii=False,
    )
    assert not INVISIBLE.search(text)
    assert clean.articles[0].text == kg.articles[0].text  # offsets into the text stay true
    plain = KnowledgeGraph(articles=(), entities=(Entity("x", "Plain", "Thing"),), events=())
    assert clean_graph(plain) is plain


@pytest.mark.slow
def test_build_labels_carry_no_invisible_characters(tmp_path):
    from kgbuild.pipeline import build

    src = tmp_path / "src"
    src.mkdir()
    (src / "a.txt").write_text(
        "Pu\u200btin meets \u202eAli Khan\n\n"
        "President Vladimir Pu\u200btin met Prime Minister \u202eAli Khan in Moscow on "
        "Monday. Pu\u200btin said the talks were useful.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build([src], out)
    import pyoxigraph as ox

    labels = [
        q.object.value
        for q in ox.parse(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)
        if q.predicate.value.endswith(("#label", "#prefLabel", "#altLabel", "/title"))
    ]
    assert labels and not [x for x in labels if INVISIBLE.search(x)]
    csv_text = (out / "triples.csv").read_text(encoding="utf-8")
    subjects = [line.split(",")[0] for line in csv_text.splitlines()[1:]]
    assert subjects and not [s for s in subjects if INVISIBLE.search(s)]
