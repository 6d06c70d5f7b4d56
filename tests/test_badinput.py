"""Bad input at the ingest level: every bad file is one InputError naming it; the rest is read."""

from __future__ import annotations

import os

import pytest

from kgbuild.errors import InputError
from kgbuild.ingest import decode, read_articles, read_file
from kgbuild.ingest.decode import binary_kind
from kgbuild.ingest.formats import FORMATS
from kgbuild.records import Article

READS = ", ".join(sorted(FORMATS))
STORY = "Talks resume in Geneva\n\nThe envoys of both countries met in Geneva on Monday.\n"

BINARY = [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"GIF89a\x01\x00", "GIF image"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive or office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
    (b"\x7fELF\x02\x01\x01", "executable program"),
    (b"\x1f\x8b\x08\x00", "gzip archive"),
    (b"\x00\x00\x00\x18ftypmp42", "MP4 or QuickTime media file"),
    (b"abc\x00def", "binary data"),
]


@pytest.mark.parametrize(("data", "kind"), BINARY)
def test_binary_files_are_named_and_refused(data, kind):
    assert binary_kind(data) == kind
    with pytest.raises(InputError, match=f"x.txt: binary file \\({kind}\\), not text"):
        decode(data + b"\x01\x02" * 50, "x.txt")


def test_many_control_characters_are_binary():
    with pytest.raises(InputError, match="too many control characters"):
        decode(bytes(range(1, 32)) * 20, "x.txt")


ENCODED = [
    # text, encoding written in, encoding reported (None: read silently)
    ("Café owners in Zürich said the “new rules” cost €5,000 – a lot.", "cp1252", "cp1252"),
    ("He said “no”.", "cp1252", "cp1252"),
    ("Der Kanzler sagte, dass die Gespräche in München fortgesetzt würden.", "latin-1", "cp1252"),
    (
        "Президент заявил, что переговоры продолжатся в Женеве на следующей неделе.",
        "cp1251",
        "cp1251",
    ),
    (
        "Президент заявил, что переговоры продолжатся в Женеве на следующей неделе.",
        "koi8-r",
        "koi8_r",
    ),
    ("Ο πρόεδρος δήλωσε ότι οι συνομιλίες θα συνεχιστούν στη Γενεύη.", "cp1253", "cp1253"),
    ("总统表示，会谈将在日内瓦继续进行。", "gb18030", "gb18030"),
    ("Plain ASCII news.", "ascii", None),
    ("Ünïcödé in UTF-8 — fine.", "utf-8", None),
    ("With a byte-order mark.", "utf-8-sig", None),
    ("UTF-16 with a byte-order mark, “quoted”.", "utf-16", None),
]


@pytest.mark.parametrize(("text", "encoding", "reported"), ENCODED)
def test_encodings_detected(text, encoding, reported):
    decoded, notes = decode(text.encode(encoding), "x.txt")
    assert decoded == text
    assert notes == ([f"not UTF-8, decoded as {reported}"] if reported else [])


MOJIBAKE = [
    # UTF-8 text read in a legacy encoding and saved again as UTF-8 → repaired, with a note
    ("CafÃ© owners in ZÃ¼rich met.", "Café owners in Zürich met.", "latin-1"),
    ("He said â€œnoâ€\x9d to the plan.", "He said “no” to the plan.", "sloppy-windows-1252"),
    # text that only looks odd is left alone
    ("SÃO PAULO (Reuters) - Officials met on Monday.", None, None),
    ("Zürich, “quoted” — fine.", None, None),
]


@pytest.mark.parametrize(("text", "repaired", "misread"), MOJIBAKE)
def test_mojibake_repaired_where_safe(text, repaired, misread):
    decoded, notes = decode(text.encode("utf-8"), "x.txt")
    assert decoded == (repaired or text)
    assert notes == (
        [f"mojibake repaired (UTF-8 that had been read as {misread})"] if repaired else []
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a\r\nb", "a\nb"),
        (b"a\rb", "a\nb"),
        (b"a\x0cb", "a\nb"),
        (b"a\xe2\x80\xa8b", "a\nb"),
        (b"a\x07b", "a b"),
        (b"a\x1b[0mb", "a [0mb"),
    ],
)
def test_line_breaks_and_controls_normalised(raw, expected):
    assert decode(raw, "x")[0] == expected


@pytest.fixture
def messy(tmp_path):
    """A folder with every kind of bad file beside good ones."""
    d = tmp_path / "news"
    (d / "nested" / "deeper").mkdir(parents=True)
    (d / "other").mkdir()
    (d / ".hidden").mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b"  \n\t\n  ")
    (d / "report.txt").write_bytes(BINARY[0][0] + b"\x00" * 10)
    (d / "photo.txt").write_bytes(BINARY[1][0])
    (d / "old.txt").write_bytes(
        "Strike ends\n\nWorkers in the café sector returned.".encode("cp1252")
    )
    (d / "good.txt").write_text(STORY, encoding="utf-8")
    (d / "nested" / "deeper" / "copy of good.txt").write_text(STORY, encoding="utf-8")
    (d / "nested" / "news.txt").write_text("Flood\n\nRivers rose in the north.", encoding="utf-8")
    (d / "other" / "news.txt").write_text(
        "Drought\n\nWells ran dry in the south.", encoding="utf-8"
    )
    (d / "furniture.txt").write_text("Also Read: x\n\nMost Popular Articles\n", encoding="utf-8")
    (d / ".hidden" / "skip.txt").write_text(STORY + "hidden", encoding="utf-8")
    (d / "notes.pdf").write_bytes(BINARY[0][0])  # a PDF cut short
    (d / "table.csv").write_bytes(b"")  # not a type kgbuild reads
    (d / "README.md").write_text("# Notes\n\nThese are the files of the project.\n")
    (d / ".hidden.csv").write_bytes(b"")  # hidden: not looked at
    return d


def _split(items):
    arts = [a for a in items if isinstance(a, Article)]
    errs = [str(e) for e in items if isinstance(e, InputError)]
    return arts, errs


def test_messy_folder_one_line_per_bad_file(messy):
    arts, errs = _split(list(read_articles([messy])))
    assert sorted(errs) == sorted(
        [
            f"{messy}/blank.txt: empty file (only white space)",
            f"{messy}/empty.txt: empty file",
            f"{messy}/furniture.txt: no article text after removing page furniture",
            f"{messy}/photo.txt: binary file (PNG image), not text",
            f"{messy}/report.txt: damaged PDF (cut short)",  # a PDF is read whatever its name
            f"{messy}/notes.pdf: damaged PDF (cut short)",
            f"{messy}/table.csv: unsupported file type (.csv; kgbuild reads {READS})",
            f"{messy}/README.md: folder documentation, not an article (name the file to read it)",
        ]
    )
    warnings = [w for a in arts for w in a.warnings]
    assert warnings == [
        f"{messy}/nested/deeper/copy of good.txt: same article as {messy}/good.txt",
        f"{messy}/old.txt: not UTF-8, decoded as cp1252",
    ]
    assert all("\n" not in line for line in errs + warnings)


def test_same_article_twice_is_one_article_with_both_paths(messy):
    arts, _ = _split(list(read_articles([messy])))
    good = [a for a in arts if a.title == "Talks resume in Geneva"]
    assert len(good) == 1
    assert good[0].id == "good"
    assert good[0].paths == (f"{messy}/good.txt", f"{messy}/nested/deeper/copy of good.txt")


def test_same_stem_in_two_folders_gives_distinct_stable_ids(messy):
    arts, _ = _split(list(read_articles([messy])))
    news = {a.title: a for a in arts if a.id.startswith("news")}
    assert set(news) == {"Flood", "Drought"}
    assert news["Flood"].id != news["Drought"].id
    for a in news.values():
        assert a.id == f"news-{a.content_hash[:8]}"
    again, _ = _split(list(read_articles([messy / "other", messy / "nested"])))
    assert sorted(a.id for a in again if a.id.startswith("news")) == sorted(
        a.id for a in news.values()
    )


def test_hidden_files_skipped_in_folders(messy):
    arts, errs = _split(list(read_articles([messy])))
    assert not any(".hidden" in p for a in arts for p in a.paths)
    assert not any(".hidden" in e for e in errs)


def test_a_file_named_on_its_own_is_read_whatever_its_ending(messy):
    arts, errs = _split(list(read_articles([messy / "notes.pdf"])))
    assert arts == [] and errs == [f"{messy}/notes.pdf: damaged PDF (cut short)"]
    (readme,) = read_articles([messy / "README.md"])
    assert isinstance(readme, Article) and readme.title == "Notes"


def test_missing_path_beside_good_ones_is_a_warning(messy):
    arts, errs = _split(list(read_articles([messy / "good.txt", messy / "missing.txt"])))
    assert [a.id for a in arts] == ["good"]
    assert errs == [f"{messy}/missing.txt: no such file or folder"]


def test_only_missing_paths_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file or folder"):
        list(read_articles([tmp_path / "nope"]))


def test_odd_file_names(tmp_path):
    names = [
        "-leading dash.txt",
        "with space.txt",
        'quote\'s "double".txt',
        "ünïcödé 新闻.txt",
        "semi;colon.txt",
    ]
    for n, name in enumerate(names):
        (tmp_path / name).write_text(
            f"Story {n}\n\nSomething happened {n} times.", encoding="utf-8"
        )
    bad = os.fsdecode(b"bad\xffbyte.txt")
    (tmp_path / bad).write_text("Story X\n\nBytes.", encoding="utf-8")
    arts, errs = _split(list(read_articles([tmp_path])))
    assert errs == []
    ids = sorted(a.id for a in arts)
    assert ids == sorted(
        [
            "-leading dash",
            "with space",
            'quote\'s "double"',
            "ünïcödé 新闻",
            "semi_colon",
            "bad\\xffbyte",
        ]
    )
    for a in arts:
        a.id.encode("utf-8")
        for p in a.paths:
            p.encode("utf-8")


def test_unreadable_folder_is_named(messy, monkeypatch):
    real = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("other"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    _, errs = _split(list(read_articles([messy])))
    assert f"{messy}/other: cannot read folder (Permission denied)" in errs


def test_unreadable_file_is_named(messy, monkeypatch):
    real = os.open

    def refusing_open(path, *args, **kwargs):  # tests run as root: chmod would not refuse
        if os.fspath(path).endswith("good.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    _, errs = _split(list(read_articles([messy / "good.txt", messy / "old.txt"])))
    assert errs == [f"{messy}/good.txt: cannot be read (Permission denied)"]


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind the superuser")
def test_unreadable_file_by_permissions(tmp_path):
    f = tmp_path / "locked.txt"
    f.write_text(STORY)
    f.chmod(0)
    with pytest.raises(InputError, match=r"locked\.txt: cannot be read"):
        read_file(f)


def test_too_large_file_refused(tmp_path, monkeypatch):
    from kgbuild.ingest import files

    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    f = tmp_path / "dump.txt"
    f.write_text(STORY * 10)
    with pytest.raises(InputError, match=r"dump\.txt: file too large"):
        read_file(f)


def test_very_long_text_noted(tmp_path, monkeypatch):
    from kgbuild.ingest import files

    monkeypatch.setattr(files, "LONG_TEXT", 100)
    f = tmp_path / "long.txt"
    f.write_text(STORY * 10)
    _, warnings = read_file(f)
    assert warnings == [f"{f}: very long text ({len(STORY * 10):,} characters), parsed in pieces"]


def test_no_punctuation_at_all(tmp_path):
    f = tmp_path / "words.txt"
    f.write_text(" ".join(["word"] * 5000))
    (a,) = read_articles([f])
    assert isinstance(a, Article)
    assert a.title.endswith("…") and len(a.title) < 250
    assert a.text == " ".join(["word"] * 5000)


def test_html_file_in_a_folder(tmp_path):
    (tmp_path / "page.htm").write_text(
        "<html><head><title>Strike ends | Site</title></head><body><p>Workers returned.</p></body></html>"
    )
    (a,) = read_articles([tmp_path])
    assert isinstance(a, Article)
    assert a.title == "Strike ends" and a.text == "Strike ends\n\nWorkers returned."
    assert a.warnings == ()


def test_output_folders_of_earlier_builds_are_not_read(tmp_path):
    from kgbuild.fsutil import LOCK_NAME

    (tmp_path / "good.txt").write_text(STORY)
    out = tmp_path / "output"
    out.mkdir()
    (out / LOCK_NAME).write_text("")
    (out / "graph.html").write_text("<html><body><p>A graph page, not news.</p></body></html>")
    arts, errs = _split(list(read_articles([tmp_path])))
    assert [a.id for a in arts] == ["good"] and errs == []
    assert _split(list(read_articles([out, tmp_path / "good.txt"])))[1] == [
        f"{out}: a kgbuild output folder, not read as input"
    ]
