"""Entity mention clustering against MEANTIME coreference (``kgbuild eval coref DIR``).

Each article of ``DIR/docs/*.json`` is parsed whole and run through the actors stage; every
mention it finds carries an entity key. Gold mentions (``entity_mentions`` that belong to an
entry of ``entities``) are matched one-to-one to our mentions by character overlap (greedily,
largest overlap first). Over the matched gold mentions, our clusters (same key) are scored
against the gold chains (same entity):

* **B³** — per mention, precision = |ours ∩ gold| / |ours| and recall = |ours ∩ gold| / |gold|
  of the clusters containing it, averaged over the matched mentions;
* **pairwise** — precision and recall of the coreference links (pairs of mentions in one
  cluster) within each article.

Mention recall (gold mentions matched at all) is reported beside them: clustering scores say
nothing about mentions we never find.

>>> b3([("a", "x"), ("b", "x"), ("c", "y")], [("a", 1), ("b", 2), ("c", 2)])
(0.6666666666666666, 0.6666666666666666)
>>> pairwise([("a", "x"), ("b", "x"), ("c", "y")], [("a", 1), ("b", 1), ("c", 2)])
(1, 1, 1)
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgbuild.actors import analyze_actors
from kgbuild.errors import EvalDataError
from kgbuild.nlp import DEFAULT_MODEL, load_model
from kgbuild.records import Article, Span


@dataclass(frozen=True, slots=True)
class GoldMention:
    id: str
    span: Span
    entity: str
    kind: str  # MEANTIME syntactic type: NAM, NOM, PRO …
    head: Span | None = None  # the head word(s): a matching mention must overlap it


@dataclass(frozen=True, slots=True)
class CorefDoc:
    id: str
    text: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True, slots=True)
class CorefResult:
    """The figures of one run and samples of errors to read."""

    documents: int
    gold_mentions: int
    matched_mentions: int
    mention_recall: float
    b3_precision: float
    b3_recall: float
    b3_f1: float
    gold_links: int
    system_links: int
    correct_links: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    all_gold_links: int = 0  # gold links among all gold mentions, matched or not
    link_recall: float = 0.0  # correct links / all gold links: what clustering recovered overall
    by_kind: tuple[tuple[str, int, int], ...] = ()  # (syntactic type, gold, matched)
    split: tuple[str, ...] = ()  # gold links we missed
    merged: tuple[str, ...] = ()  # links we made that gold does not
    seconds: float = 0.0
    model: str = DEFAULT_MODEL


# --------------------------------------------------------------------------- reading gold


def read_gold(path: str | Path) -> list[CorefDoc]:
    """The articles of a MEANTIME folder with their entity mentions and chains."""
    folder = Path(path)
    files = sorted((folder / "docs").glob("*.json"))
    if not files:
        raise EvalDataError(f"{folder}: no docs/*.json (expected a MEANTIME folder)")
    docs = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
            docs.append(_gold_doc(data, folder))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EvalDataError(f"{f}: cannot read the annotation or its text: {exc}") from None
    return docs


def _gold_doc(data: dict[str, Any], folder: Path) -> CorefDoc:
    text_file = folder / "text" / f"{data['doc_id']}.txt"
    text = text_file.read_text(encoding="utf-8") if text_file.exists() else str(data["text"])
    entity_of: dict[str, str] = {}
    for e in data.get("entities", []):
        for m in e.get("mentions", []):
            entity_of[str(m)] = str(e["id"])
    mentions = []
    for m in data.get("entity_mentions", []):
        mid = str(m["id"])
        if mid not in entity_of or m.get("start") is None:
            continue
        span = Span(int(m["start"]), int(m["end"]), str(m.get("text", "")))
        kind = str(m.get("syntactic_type", ""))
        mentions.append(
            GoldMention(mid, span, entity_of[mid], kind, gold_head(span, str(m.get("head") or "")))
        )
    return CorefDoc(str(data["doc_id"]), text, tuple(mentions))


#: Where a noun phrase's modifiers after the head begin (for gold mentions without a head).
_POST_HEAD = re.compile(
    r",|\(| (of|that|which|who|to|for|in|on|at|with|by|from|held|formed|including)\b"
)


def gold_head(span: Span, head: str) -> Span:
    """The head of a gold mention: the annotated head, else the last word before modifiers.

    >>> gold_head(Span(10, 25, "the Airbus A350"), "").text
    'A350'
    >>> gold_head(Span(0, 32, "the chief executive of the firm"), "").text
    'executive'
    """
    text = span.text
    k = text.find(head) if head else -1
    if k >= 0:
        return Span(span.start + k, span.start + k + len(head), head)
    cut = _POST_HEAD.search(text)
    pre = text[: cut.start()] if cut and cut.start() > 0 else text
    words = pre.rstrip().split()
    if not words:
        return span
    last = words[-1]
    k = pre.rstrip().rfind(last)
    return Span(span.start + k, span.start + k + len(last), last)


# --------------------------------------------------------------------------- scoring


def match(
    gold: Sequence[Span], system: Sequence[Span], heads: Sequence[Span | None] = ()
) -> dict[int, int]:
    """One-to-one matching of gold to system spans by character overlap (Dice), greedily.

    A system span must overlap the gold mention's head when one is given.

    >>> match([Span(0, 5, "a"), Span(0, 9, "b")], [Span(0, 9, "x")])
    {1: 0}
    >>> match([Span(0, 15, "the Airbus A350")], [Span(4, 10, "Airbus")], [Span(11, 15, "A350")])
    {}
    """
    pairs = []
    for i, g in enumerate(gold):
        head = heads[i] if i < len(heads) else None
        for j, s in enumerate(system):
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0 and (head is None or s.overlaps(head)):
                pairs.append((2 * ov / ((g.end - g.start) + (s.end - s.start)), i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def b3(
    system: Sequence[tuple[Hashable, Hashable]], gold: Sequence[tuple[Hashable, Hashable]]
) -> tuple[float, float]:
    """B³ precision and recall of ``(mention, cluster)`` assignments over the same mentions."""
    sys_of, gold_of = dict(system), dict(gold)
    sys_clusters: dict[Hashable, set[Hashable]] = defaultdict(set)
    gold_clusters: dict[Hashable, set[Hashable]] = defaultdict(set)
    for m, c in sys_of.items():
        sys_clusters[c].add(m)
    for m, c in gold_of.items():
        gold_clusters[c].add(m)
    if not sys_of:
        return 0.0, 0.0
    p = r = 0.0
    for m in sys_of:
        s, g = sys_clusters[sys_of[m]], gold_clusters[gold_of[m]]
        both = len(s & g)
        p += both / len(s)
        r += both / len(g)
    return p / len(sys_of), r / len(sys_of)


def _links(assign: Sequence[tuple[Hashable, Hashable]]) -> set[frozenset[Hashable]]:
    by: dict[Hashable, list[Hashable]] = defaultdict(list)
    for m, c in assign:
        by[c].append(m)
    return {frozenset((a, b)) for ms in by.values() for i, a in enumerate(ms) for b in ms[i + 1 :]}


def pairwise(
    system: Sequence[tuple[Hashable, Hashable]], gold: Sequence[tuple[Hashable, Hashable]]
) -> tuple[int, int, int]:
    """(system links, gold links, correct links) of two clusterings of the same mentions."""
    s, g = _links(system), _links(gold)
    return len(s), len(g), len(s & g)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


# --------------------------------------------------------------------------- running


def evaluate(path: str | Path, *, sample: int = 10, model: str = DEFAULT_MODEL) -> CorefResult:
    """Run the actors stage on every article of ``path`` and score its mention clusters."""
    t0 = time.perf_counter()
    docs = read_gold(path)
    nlp = load_model(model)
    sys_assign: list[tuple[Hashable, Hashable]] = []
    gold_assign: list[tuple[Hashable, Hashable]] = []
    n_sys = n_gold = n_ok = n_all = 0
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    split: list[str] = []
    merged: list[str] = []
    for doc, gd in zip(nlp.pipe(d.text for d in docs), docs, strict=True):
        title = gd.text.split("\n", 1)[0]
        index = analyze_actors(doc, Article(id=gd.id, text=gd.text, title=title))
        ours = list(index.mentions)
        m = match(
            [g.span for g in gd.mentions], [o.span for o in ours], [g.head for g in gd.mentions]
        )
        s_doc = [((gd.id, gd.mentions[i].id), (gd.id, ours[j].entity.key)) for i, j in m.items()]
        g_doc = [((gd.id, gd.mentions[i].id), (gd.id, gd.mentions[i].entity)) for i in m]
        for i, g in enumerate(gd.mentions):
            kinds[g.kind or "-"][0] += 1
            kinds[g.kind or "-"][1] += int(i in m)
        sys_assign += s_doc
        gold_assign += g_doc
        n_all += len(_links([(g.id, g.entity) for g in gd.mentions]))
        ns, ng, nok = pairwise(s_doc, g_doc)
        n_sys, n_gold, n_ok = n_sys + ns, n_gold + ng, n_ok + nok
        _samples(gd, m, ours, split, merged, sample)
    p, r = b3(sys_assign, gold_assign)
    pp, pr = _ratio(n_ok, n_sys), _ratio(n_ok, n_gold)
    total = sum(len(d.mentions) for d in docs)
    return CorefResult(
        documents=len(docs),
        gold_mentions=total,
        matched_mentions=len(sys_assign),
        mention_recall=_ratio(len(sys_assign), total),
        b3_precision=p,
        b3_recall=r,
        b3_f1=_f1(p, r),
        gold_links=n_gold,
        system_links=n_sys,
        correct_links=n_ok,
        pairwise_precision=pp,
        pairwise_recall=pr,
        pairwise_f1=_f1(pp, pr),
        all_gold_links=n_all,
        link_recall=_ratio(n_ok, n_all),
        by_kind=tuple((k, v[0], v[1]) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1][0])),
        split=tuple(split),
        merged=tuple(merged),
        seconds=time.perf_counter() - t0,
        model=model,
    )


def _samples(
    gd: CorefDoc,
    m: dict[int, int],
    ours: Sequence[Any],
    split: list[str],
    merged: list[str],
    n: int,
) -> None:
    """Collect a few split gold links and wrong links of one article."""
    items = sorted(m.items())
    for a in range(len(items)):
        for b in range(a + 1, len(items)):
            (i, j), (k, l_) = items[a], items[b]
            g1, g2 = gd.mentions[i], gd.mentions[k]
            same_gold = g1.entity == g2.entity
            same_sys = ours[j].entity.key == ours[l_].entity.key
            if same_gold and not same_sys and len(split) < n:
                split.append(
                    f"{gd.id}: {g1.span.text!r} ({ours[j].entity.key}) ≠ {g2.span.text!r} ({ours[l_].entity.key})"
                )
            elif same_sys and not same_gold and len(merged) < n:
                merged.append(
                    f"{gd.id}: {g1.span.text!r} = {g2.span.text!r} ({ours[j].entity.key})"
                )


def report(result: CorefResult) -> str:
    """The figures and samples as text for people."""
    r = result
    lines = [
        f"MEANTIME coreference — {r.documents} articles, model {r.model}, {r.seconds:.1f} s",
        f"  gold mentions matched: {r.matched_mentions}/{r.gold_mentions} (mention recall {r.mention_recall:.3f})",
        f"  B³        precision {r.b3_precision:.3f}  recall {r.b3_recall:.3f}  F1 {r.b3_f1:.3f}",
        f"  pairwise  precision {r.pairwise_precision:.3f}  recall {r.pairwise_recall:.3f}  "
        f"F1 {r.pairwise_f1:.3f}  (links: {r.correct_links} correct, {r.system_links} ours, "
        f"{r.gold_links} gold)",
        f"  links recovered of all {r.all_gold_links} gold links: {r.link_recall:.3f}",
        "  matched by gold mention type: " + ", ".join(f"{k} {m}/{g}" for k, g, m in r.by_kind),
    ]
    if r.split:
        lines.append("gold links we split:")
        lines += [f"  {s}" for s in r.split]
    if r.merged:
        lines.append("links we made that gold does not:")
        lines += [f"  {s}" for s in r.merged]
    return "\n".join(lines)


__all__ = [
    "CorefDoc",
    "CorefResult",
    "GoldMention",
    "b3",
    "evaluate",
    "match",
    "pairwise",
    "read_gold",
    "report",
]
