"""Coreference metrics on clusters of mentions: MUC, B-cubed, CEAF-e and their mean, CoNLL F1.

A clustering is a list of sets of mention ids (a "key" from the gold standard, a "response"
from the system). The definitions are the standard ones (Pradhan et al. 2014, "Scoring
coreference partitions of predicted mentions"):

* **MUC** (Vilain et al. 1995): recall = Σ(|K| − partitions of K by the response) / Σ(|K| − 1);
  a key mention the response lacks is a partition of its own. Precision swaps the roles.
* **B-cubed** (Bagga and Baldwin 1998): per key mention |K(m) ∩ R(m)| / |K(m)| (recall),
  per response mention the same over |R(m)| (precision); a mention missing on the other side
  has an empty intersection.
* **CEAF-e** (Luo 2005): φ4(K, R) = 2|K ∩ R| / (|K| + |R|); the one-to-one alignment of key and
  response clusters with the largest total φ4 (networkx's maximum weight matching, per
  connected component); recall = total / #key clusters, precision = total / #response clusters.

The example of Pradhan et al. (figure 1):

>>> key = [{"a", "b", "c"}, {"d", "e", "f", "g"}]
>>> resp = [{"a", "b"}, {"c", "d"}, {"f", "g", "h", "i"}]
>>> s = conll(key, resp)
>>> round(s["muc"].recall, 4), round(s["muc"].precision, 4)
(0.4, 0.4)
>>> round(s["b3"].recall, 4), round(s["b3"].precision, 4)
(0.4167, 0.5)
>>> round(s["ceafe"].recall, 4), round(s["ceafe"].precision, 4)
(0.65, 0.4333)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Cluster = frozenset[Hashable]


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, p: float, r: float) -> PRF:
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)


def _prf(num_p: float, den_p: float, num_r: float, den_r: float) -> PRF:
    return PRF.of(num_p / den_p if den_p else 0.0, num_r / den_r if den_r else 0.0)


def clusters(assign: Mapping[Any, Hashable]) -> list[Cluster]:
    """Mention → cluster id, as a list of clusters.

    >>> sorted(map(sorted, clusters({1: "x", 2: "x", 3: "y"})))
    [[1, 2], [3]]
    """
    by: dict[Hashable, set[Hashable]] = defaultdict(set)
    for m, c in assign.items():
        by[c].add(m)
    return [frozenset(s) for s in by.values()]


def _as_clusters(cs: Iterable[Iterable[Hashable]]) -> list[Cluster]:
    return [frozenset(c) for c in cs]


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    k, r = _as_clusters(key), _as_clusters(response)

    def links(cs: Sequence[Cluster], other: Sequence[Cluster]) -> tuple[int, int]:
        where = {m: i for i, c in enumerate(other) for m in c}
        num = den = 0
        for c in cs:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den

    nr, dr = links(k, r)
    np_, dp = links(r, k)
    return _prf(np_, dp, nr, dr)


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    k_of = {m: c for c in _as_clusters(key) for m in c}
    r_of = {m: c for c in _as_clusters(response) for m in c}
    empty: Cluster = frozenset()
    r = sum(len(k & r_of.get(m, empty)) / len(k) for m, k in k_of.items())
    p = sum(len(c & k_of.get(m, empty)) / len(c) for m, c in r_of.items())
    return _prf(p, len(r_of), r, len(k_of))


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    import networkx as nx

    k, r = _as_clusters(key), _as_clusters(response)
    where = defaultdict(set)
    for j, c in enumerate(r):
        for m in c:
            where[m].add(j)
    g = nx.Graph()
    for i, c in enumerate(k):
        for j in {j for m in c for j in where.get(m, ())}:
            g.add_edge(("k", i), ("r", j), weight=2 * len(c & r[j]) / (len(c) + len(r[j])))
    total = 0.0
    for comp in nx.connected_components(g):
        sub = g.subgraph(comp)
        if sub.number_of_edges() == 1:
            total += next(iter(sub.edges(data="weight")))[2]
            continue
        for a, b in nx.max_weight_matching(sub):
            total += sub[a][b]["weight"]
    return _prf(total, len(r), total, len(k))


def conll(
    key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]
) -> dict[str, PRF]:
    """MUC, B-cubed and CEAF-e of a response against a key."""
    k, r = _as_clusters(key), _as_clusters(response)
    return {"muc": muc(k, r), "b3": b_cubed(k, r), "ceafe": ceaf_e(k, r)}


def conll_f1(scores: Mapping[str, PRF]) -> float:
    """The mean F1 of MUC, B-cubed and CEAF-e.

    >>> key = [{1, 2}, {3}]
    >>> conll_f1(conll(key, key))
    1.0
    """
    return sum(scores[m].f1 for m in ("muc", "b3", "ceafe")) / 3


__all__ = ["PRF", "b_cubed", "ceaf_e", "clusters", "conll", "conll_f1", "muc"]
