"""Cross-document event and entity coreference against ECB+ (``kgbuild eval ecb DIR``).

The folder holds ``text/DOC.txt`` (one document, tokens joined by spaces, a sentence a line),
``gold_events.json`` and ``gold_entities.json`` (every gold mention with its document, topic,
character spans, gold token ids and coreference cluster) and ``tokens.json`` (each token's
offsets, sentence and text). The documents are built together as ``kgbuild build DIR/text``
builds them, and the gold mentions are mapped to the build and scored as the reference ECB+
scorer of ``../shared/eval/scorers`` does, on gold mentions, the whole split pooled:

* a gold **event** mention takes the event one of whose evidence predicates (in that document)
  overlaps it; a gold **entity** mention the entity of an evidence subject or object that holds
  the mention's syntactic head. Each such span serves one gold mention at most: the one whose
  head lemma is a word of the event's predicate (events), then the one it overlaps most, then
  the later one; each gold mention then takes, of the spans given to it, the one it overlaps
  most, then the shortest, then the most confident report. Unmapped mentions stand alone.
  Heads and lemmas come from spaCy's parse of the gold tokens.
* MUC, B-cubed, CEAF-e and CoNLL F1 (:mod:`kgbuild.eval.conll`), against baselines on the same
  mentions: every mention alone, the same head lemma within a topic and within a subtopic.

Besides the reference figures, the entity mentions are also mapped through the build's mention
layer (every entity mention it resolved, not only events' subjects and objects): reported as
``entities (mention layer)``.
"""

from __future__ import annotations

import bisect
import itertools
import json
import tempfile
import time
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kgbuild.errors import EvalDataError
from kgbuild.eval.conll import PRF, clusters, conll, conll_f1
from kgbuild.graph_io import read_build
from kgbuild.nlp import DEFAULT_MODEL
from kgbuild.pipeline import BuildOptions, build
from kgbuild.records import KnowledgeGraph

#: (start, end, candidate id, confidence, label) of a span of the build in one document.
Candidate = tuple[int, int, str, float, str]


@dataclass(frozen=True, slots=True)
class Scores:
    """CoNLL figures of one system: MUC, B-cubed, CEAF-e and their mean F1."""

    muc: PRF
    b3: PRF
    ceafe: PRF
    conll_f1: float

    def line(self) -> str:
        return (
            f"CoNLL F1 {self.conll_f1:.3f}  (MUC {self.muc.f1:.3f}, B3 {self.b3.f1:.3f}, "
            f"CEAF-e {self.ceafe.f1:.3f})"
        )


@dataclass(frozen=True, slots=True)
class Side:
    """The figures of one kind of mention (events or entities)."""

    mentions: int
    gold_clusters: int
    matched: int
    systems: dict[str, Scores]
    cross_doc_gold: int
    cross_doc_made: int
    cross_doc_right: int

    @property
    def matched_share(self) -> float:
        return self.matched / self.mentions if self.mentions else 0.0


@dataclass(frozen=True, slots=True)
class EcbResult:
    documents: int
    events: Side
    entities: Side
    entities_layer: Side | None
    build_seconds: float
    stories: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
    model: str = DEFAULT_MODEL


# --------------------------------------------------------------------------- gold


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalDataError(f"{path}: cannot be read ({exc})") from None


def read_gold(
    path: str | Path,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, Any]]:
    """The gold event mentions, entity mentions and tokens of an ECB+ folder."""
    folder = Path(path)
    for name in ("gold_events.json", "gold_entities.json", "tokens.json", "text"):
        if not (folder / name).exists():
            raise EvalDataError(f"{folder}: no {name} (expected an ECB+ folder)")
    return (
        _read_json(folder / "gold_events.json"),
        _read_json(folder / "gold_entities.json"),
        _read_json(folder / "tokens.json"),
    )


class Parses:
    """spaCy's parse of the gold tokens of every sentence that holds a gold mention: syntactic
    heads and lemmas."""

    def __init__(self, tokens: dict[str, Any], mentions: Iterable[dict[str, Any]], model: str):
        import spacy
        from spacy.tokens import Doc

        self.toks = tokens
        self.starts = {d: [t[0] for t in ts] for d, ts in tokens.items()}
        nlp = spacy.load(model)
        wanted: dict[str, set[int]] = defaultdict(set)
        for m in mentions:
            wanted[m["doc"]].add(m["sentence"])
        self.parsed: dict[tuple[str, int], tuple[list[int], Any]] = {}
        for doc in sorted(wanted):
            for sent in sorted(wanted[doc]):
                idx = [i for i, t in enumerate(tokens[doc]) if t[2] == sent]
                d = Doc(nlp.vocab, words=[tokens[doc][i][4] for i in idx])
                for _name, proc in nlp.pipeline:
                    d = proc(d)
                self.parsed[(doc, sent)] = (idx, d)

    def tokens_in(self, doc: str, start: int, end: int) -> list[int]:
        """Document-level ids of the gold tokens that overlap [start, end)."""
        st, ts = self.starts[doc], self.toks[doc]
        k = max(0, bisect.bisect_right(st, start) - 1)
        out = []
        while k < len(ts) and ts[k][0] < end:
            if ts[k][1] > start:
                out.append(k)
            k += 1
        return out

    def head(self, doc: str, token_ids: Sequence[int]) -> int:
        """The token of ``token_ids`` whose syntactic head lies outside them (the last such)."""
        sent = self.toks[doc][token_ids[0]][2]
        ids = [i for i in token_ids if self.toks[doc][i][2] == sent]
        if (doc, sent) not in self.parsed:
            return ids[-1]
        idx, d = self.parsed[(doc, sent)]
        pos = [idx.index(i) for i in ids]
        inside = set(pos)
        heads = [p for p in pos if d[p].head.i not in inside or d[p].head.i == p]
        return idx[heads[-1] if heads else pos[-1]]

    def lemma(self, doc: str, tid: int) -> str:
        sent = self.toks[doc][tid][2]
        if (doc, sent) not in self.parsed:
            return str(self.toks[doc][tid][4]).lower()
        idx, d = self.parsed[(doc, sent)]
        t = d[idx.index(tid)]
        return str(t.lemma_ or t.text).lower()


# --------------------------------------------------------------------------- the build's spans


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """[start, end) without white space at its edges (the words of the span)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


def _doc_names(kg: KnowledgeGraph, docs: set[str]) -> dict[str, list[str]]:
    """Article id → the gold documents it is (its .txt paths' stems)."""
    out = {}
    for a in kg.articles:
        names = [Path(p).name[:-4] for p in a.paths if p.endswith(".txt")]
        out[a.id] = [n for n in names if n in docs]
    return out


def candidates(
    kg: KnowledgeGraph, docs: set[str]
) -> tuple[dict[str, list[Candidate]], dict[str, list[Candidate]]]:
    """Per document: the evidence predicates (with their event) and the evidence subjects and
    objects (with their entity key)."""
    texts = {a.id: a.text for a in kg.articles}
    names = _doc_names(kg, docs)
    preds: dict[str, list[Candidate]] = defaultdict(list)
    args: dict[str, list[Candidate]] = defaultdict(list)
    for e in kg.events:
        for ev in e.evidence:
            text = texts.get(ev.doc, "")
            for doc in names.get(ev.doc, []):
                got = _trim(text, ev.predicate.start, ev.predicate.end)
                if got:
                    preds[doc].append((*got, e.id, ev.confidence, e.predicate))
                for role, key, sp in (
                    ("subject", e.subject, ev.subject),
                    ("object", e.object, ev.object),
                ):
                    if key and sp is not None:
                        got = _trim(text, sp.start, sp.end)
                        if got:
                            args[doc].append((*got, key, ev.confidence, role))
    return preds, args


def layer_candidates(kg: KnowledgeGraph, docs: set[str]) -> dict[str, list[Candidate]]:
    """Per document: every entity mention of the mention layer, with its entity key."""
    names = _doc_names(kg, docs)
    out: dict[str, list[Candidate]] = defaultdict(list)
    for am in kg.mentions:
        for doc in names.get(am.doc, []):
            for m in am.mentions:
                out[doc].append((m.span.start, m.span.end, m.entity, 1.0, m.kind))
    return out


# --------------------------------------------------------------------------- mapping


def _overlap(spans: Sequence[Sequence[int]], s: int, e: int) -> int:
    return sum(max(0, min(b, e) - max(a, s)) for a, b in spans)


def _lemma_in(lemma: str, label: str) -> bool:
    """Is a mention's head lemma a word of an event's predicate label ("be arrested" holds
    "arrest")?"""
    return any(w == lemma or (len(lemma) >= 4 and w.startswith(lemma)) for w in str(label).split())


def map_mentions(
    mentions: Sequence[dict[str, Any]],
    cands: Mapping[str, Sequence[Candidate]],
    parses: Parses,
    lemmas: Mapping[str, str],
    *,
    events: bool,
) -> dict[str, str]:
    """Gold mention id → the candidate (event id or entity key) it maps to."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_doc[m["doc"]].append(m)
    given: dict[str, list[tuple[int, int, float, str]]] = defaultdict(list)
    for doc, cs in cands.items():
        for s, e, cid, conf, label in sorted(set(cs), key=repr):
            hits = [(m, _overlap(m["spans"], s, e)) for m in by_doc.get(doc, ())]
            hits = [(m, ov) for m, ov in hits if ov > 0]
            if not hits:
                continue
            if not events:
                toks = parses.tokens_in(doc, s, e)
                h = parses.head(doc, toks) if toks else None
                hits = [(m, ov) for m, ov in hits if h in m["token_ids"]]
                if not hits:
                    continue
            m, ov = max(
                hits,
                key=lambda x: (
                    events and _lemma_in(lemmas[x[0]["id"]], label),
                    x[1],
                    x[0]["start"],
                ),
            )
            given[m["id"]].append((ov, -(e - s), conf, cid))
    return {mid: max(c)[3] for mid, c in given.items()}


# --------------------------------------------------------------------------- scoring


def _scores(key: list[frozenset[Hashable]], assign: Mapping[str, Hashable]) -> Scores:
    s = conll(key, clusters(assign))
    return Scores(s["muc"], s["b3"], s["ceafe"], conll_f1(s))


def score_side(
    mentions: Sequence[dict[str, Any]],
    mapping: Mapping[str, str],
    lemmas: Mapping[str, str],
    *,
    concepts: bool = False,
) -> Side:
    """The figures of kgbuild and of the baselines on one kind of mention."""
    key = clusters({m["id"]: m["cluster"] for m in mentions})

    def system(m: dict[str, Any]) -> Hashable:
        return ("sys", mapping[m["id"]]) if m["id"] in mapping else ("alone", m["id"])

    assigns: dict[str, dict[str, Hashable]] = {
        "kgbuild": {m["id"]: system(m) for m in mentions},
        "all_singletons": {m["id"]: m["id"] for m in mentions},
        "same_lemma_topic": {m["id"]: (m["topic"], lemmas[m["id"]]) for m in mentions},
        "same_lemma_subtopic": {
            m["id"]: (m["topic"], m["doc"].endswith("plus"), lemmas[m["id"]]) for m in mentions
        },
        "kgbuild_within_doc": {m["id"]: (m["doc"], system(m)) for m in mentions},
    }
    if concepts:  # concept nodes ("thing:people") left out: actors only
        assigns["kgbuild_actors_only"] = {
            m["id"]: system(m)
            if not mapping.get(m["id"], "thing:").startswith("thing:")
            else ("alone", m["id"])
            for m in mentions
        }
    systems = {name: _scores(key, a) for name, a in assigns.items()}
    by_cluster: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        by_cluster[m["cluster"]].append(m)
    gold_x = sum(
        1
        for ms in by_cluster.values()
        for a, b in itertools.combinations(ms, 2)
        if a["doc"] != b["doc"]
    )
    by_sys: dict[Hashable, list[dict[str, Any]]] = defaultdict(list)
    for m in mentions:
        if m["id"] in mapping:
            by_sys[assigns["kgbuild"][m["id"]]].append(m)
    made = [
        (a, b)
        for ms in by_sys.values()
        for a, b in itertools.combinations(ms, 2)
        if a["doc"] != b["doc"]
    ]
    return Side(
        mentions=len(mentions),
        gold_clusters=len(key),
        matched=sum(1 for m in mentions if m["id"] in mapping),
        systems=systems,
        cross_doc_gold=gold_x,
        cross_doc_made=len(made),
        cross_doc_right=sum(1 for a, b in made if a["cluster"] == b["cluster"]),
    )


# --------------------------------------------------------------------------- running


def build_folder(path: Path, out: Path, *, jobs: int = 1, model: str = DEFAULT_MODEL) -> float:
    """Build the documents of ``path/text`` into ``out``; the seconds it took."""
    t0 = time.perf_counter()
    build([path / "text"], out, BuildOptions(model=model, jobs=jobs))
    return time.perf_counter() - t0


def score_build(
    path: str | Path, kg: KnowledgeGraph, *, model: str = DEFAULT_MODEL, build_seconds: float = 0.0
) -> EcbResult:
    """Map the gold mentions of ``path`` to a build's graph and score them."""
    events, entities, tokens = read_gold(path)
    parses = Parses(tokens, [*events, *entities], model)
    lemmas = {
        m["id"]: parses.lemma(m["doc"], parses.head(m["doc"], m["token_ids"]))
        for m in (*events, *entities)
    }
    docs = set(tokens)
    preds, args = candidates(kg, docs)
    ev_map = map_mentions(events, preds, parses, lemmas, events=True)
    en_map = map_mentions(entities, args, parses, lemmas, events=False)
    layer = layer_candidates(kg, docs)
    layer_side = None
    if layer:
        layer_map = map_mentions(entities, layer, parses, lemmas, events=False)
        layer_side = score_side(entities, layer_map, lemmas, concepts=True)
    return EcbResult(
        documents=len({a.id for a in kg.articles}),
        events=score_side(events, ev_map, lemmas),
        entities=score_side(entities, en_map, lemmas, concepts=True),
        entities_layer=layer_side,
        build_seconds=build_seconds,
        stories=len(getattr(kg, "stories", ()) or ()),
        model=model,
    )


def evaluate(
    path: str | Path,
    *,
    sample: int = 10,
    model: str = DEFAULT_MODEL,
    build: str | Path | None = None,
    jobs: int = 1,
) -> EcbResult:
    """Build the documents of an ECB+ folder (or read the build in ``build`` when it holds one,
    else build into it) and score cross-document event and entity coreference."""
    folder = Path(path)
    read_gold(folder)
    if build is not None and (Path(build) / "graph.json").is_file():
        return score_build(folder, read_build(build), model=model)
    with tempfile.TemporaryDirectory(prefix="kgbuild-ecb-") as tmp:
        out = Path(build) if build is not None else Path(tmp) / "build"
        seconds = build_folder(folder, out, jobs=jobs, model=model)
        return score_build(folder, read_build(out), model=model, build_seconds=seconds)


def _side_lines(name: str, side: Side, baselines: bool = True) -> list[str]:
    k = side.systems["kgbuild"]
    lines = [
        f"{name}: {side.mentions} gold mentions in {side.gold_clusters} clusters, "
        f"{side.matched_share:.1%} mapped to the build",
        f"  kgbuild            {k.line()}",
    ]
    if baselines:
        for b in ("same_lemma_topic", "same_lemma_subtopic", "all_singletons"):
            lines.append(f"  {b:<18} {side.systems[b].line()}")
    lines.append(
        f"  cross-document links: {side.cross_doc_made} made, {side.cross_doc_right} right, "
        f"{side.cross_doc_gold} in the gold standard"
    )
    return lines


def report(result: EcbResult) -> str:
    r = result
    lines = [f"ECB+: {r.documents} documents built (model {r.model})"]
    if r.build_seconds:
        lines[0] += f" in {r.build_seconds:.0f} s"
    lines += _side_lines("events", r.events)
    lines += _side_lines("entities", r.entities)
    if r.entities_layer is not None:
        lines += _side_lines("entities (mention layer)", r.entities_layer, baselines=False)
    return "\n".join(lines)


__all__ = [
    "EcbResult",
    "Parses",
    "Scores",
    "Side",
    "candidates",
    "evaluate",
    "map_mentions",
    "read_gold",
    "report",
    "score_build",
    "score_side",
]
