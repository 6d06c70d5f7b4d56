"""A compiled attribute ruler: spaCy's ``attribute_ruler`` patterns applied by table lookup.

The English pipelines map each fine-grained tag to its part of speech and morphology, and
fix a few words (pronoun lemmas, auxiliaries, "gonna"), with an ``attribute_ruler``: some 180
token patterns that spaCy's ``Matcher`` tries on every token of every text. That costs about
an eighth of the whole pipeline's time, as much as the tagger and the parser together.

Whether a single-token pattern matches depends only on the token's tag, dependency label,
lowercase form and whether it is a space. :class:`AttributeTable` evaluates the patterns once
per distinct combination of those, keeps the attributes they set, and afterwards applies a
token's attributes with one dictionary lookup. Patterns of several tokens are checked only
where their first token can match. The attributes are applied in the ruler's order (a later
pattern wins), so the result is the ruler's, token for token.

:func:`compile_ruler` leaves a ruler whose patterns it does not know how to evaluate
(operators, other token attributes) in place: the pipeline then keeps spaCy's ruler.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> table = AttributeTable(nlp.vocab, [
...     {"patterns": [[{"TAG": "PRP", "LOWER": "him"}]], "attrs": {"POS": "PRON", "LEMMA": "he"}},
...     {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
... ])
>>> doc = spacy.tokens.Doc(nlp.vocab, words=["Call", "him", "gon", "na"], tags=["VB", "PRP", "VBG", "TO"])
>>> [(t.pos_, t.lemma_) for t in table(doc)]
[('', ''), ('PRON', 'he'), ('', 'go'), ('', '')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import normalize_token_attrs
from spacy.vocab import Vocab

#: The name of the component in a pipeline.
ATTRIBUTE_TABLE = "attribute_table"

#: The token attributes a pattern may test, in the order of a token's key.
TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")

#: The attributes a pattern may set, and their ids.
SETTABLE = {"POS": POS, "MORPH": MORPH, "LEMMA": LEMMA, "TAG": TAG, "DEP": DEP}

#: What a compiled token pattern tests: (tag, lowercase form, dependency, is a space).
Key = tuple[str, str, str, bool]
Test = Callable[[Key], bool]
#: What the table keeps of a token's key: the single-token rules that match, the (column,
#: value) pairs they set, and whether a pattern of several tokens may start at the token.
Entry = tuple[tuple[int, ...], tuple[tuple[int, int], ...], bool]


class UnsupportedPattern(ValueError):
    """A pattern this table cannot evaluate (the pipeline keeps spaCy's ruler)."""


def _value_test(attr: str, spec: Any) -> Callable[[Any], bool]:
    if attr == "IS_SPACE":
        if not isinstance(spec, bool):
            raise UnsupportedPattern(f"IS_SPACE: {spec!r}")
        return lambda v: v is spec
    if isinstance(spec, str):
        return lambda v: v == spec
    if isinstance(spec, dict) and len(spec) == 1:
        (op, arg), *_ = spec.items()
        if op == "IN" and isinstance(arg, list):
            values = frozenset(arg)
            return lambda v: v in values
        if op == "NOT_IN" and isinstance(arg, list):
            values = frozenset(arg)
            return lambda v: v not in values
        if op == "REGEX" and isinstance(arg, str):
            regex = re.compile(arg)
            return lambda v: regex.search(v) is not None
    raise UnsupportedPattern(f"{attr}: {spec!r}")


def token_test(spec: Mapping[str, Any]) -> Test:
    """A test of a token's :data:`Key` for one token of a ``Matcher`` pattern.

    >>> test = token_test({"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": {"REGEX": "^n'?t$"}})
    >>> test(("VBZ", "n't", "neg", False)), test(("VB", "n't", "neg", False))
    (True, False)
    """
    tests = []
    for attr, value in spec.items():
        if attr not in TESTED:
            raise UnsupportedPattern(f"token attribute {attr}")
        tests.append((TESTED.index(attr), _value_test(attr, value)))
    return lambda key: all(test(key[i]) for i, test in tests)


class AttributeTable:
    """Sets the attributes of an ``attribute_ruler``'s patterns (see the module's text).

    ``patterns``: the ruler's patterns, as its ``patterns`` property gives them. Raises
    :class:`UnsupportedPattern` for a pattern it cannot evaluate.
    """

    def __init__(self, vocab: Vocab, patterns: Iterable[Mapping[str, Any]]) -> None:
        self.vocab = vocab
        self.patterns = [dict(p) for p in patterns]
        #: per rule: its attributes (attribute id → value), in the ruler's order
        self._attrs: list[dict[int, int]] = []
        self._singles: list[tuple[int, Test]] = []  # (rule, test)
        self._multis: list[tuple[int, list[Test], int]] = []  # (rule, tests, target index)
        for rule, p in enumerate(self.patterns):
            attrs = p.get("attrs", {})
            unknown = set(attrs) - set(SETTABLE)
            if unknown:
                raise UnsupportedPattern(f"sets {', '.join(sorted(unknown))}")
            self._attrs.append(dict(normalize_token_attrs(vocab, dict(attrs))))
            index = int(p.get("index", 0))
            for tokens in p["patterns"]:
                tests = [token_test(t) for t in tokens]
                if len(tests) == 1 and index in (0, -1):
                    self._singles.append((rule, tests[0]))
                elif -len(tests) <= index < len(tests):
                    self._multis.append((rule, tests, index % len(tests)))
                else:
                    raise UnsupportedPattern(f"index {index} outside a pattern of {len(tests)}")
        self.columns: list[int] = sorted({a for attrs in self._attrs for a in attrs})
        self._starts = [tests[0] for _rule, tests, _target in self._multis]
        # Lowercase forms fall into classes: forms that every LOWER test of the patterns
        # answers alike (most words: all of them) share a class and its entries.
        self._lower_tests = list(
            {
                json.dumps(t["LOWER"], sort_keys=True): _value_test("LOWER", t["LOWER"])
                for p in self.patterns
                for tokens in p["patterns"]
                for t in tokens
                if "LOWER" in t
            }.values()
        )
        self._lower: dict[int, int] = {}  # lowercase id → class
        self._classes: dict[tuple[bool, ...], int] = {}  # test answers → class
        self._examples: list[str] = []  # a lowercase form of each class
        #: (tag id, lowercase class, dependency id, space) → the single-token rules that
        #: match, the (column, value) pairs they set, and whether a longer pattern may start
        self._table: dict[tuple[int, ...], Entry] = {}

    def _lower_class(self, lower: int) -> int:
        form = self.vocab.strings[lower]
        answers = tuple(test(form) for test in self._lower_tests)
        if answers not in self._classes:
            self._classes[answers] = len(self._examples)
            self._examples.append(form)
        self._lower[lower] = cls = self._classes[answers]
        return cls

    def _entry(self, ids: tuple[int, ...]) -> Entry:
        strings = self.vocab.strings
        key: Key = (strings[ids[0]], self._examples[ids[1]], strings[ids[2]], bool(ids[3]))
        rules = tuple(rule for rule, test in self._singles if test(key))
        merged = self._apply(rules)
        sets = tuple((c, merged[a]) for c, a in enumerate(self.columns) if a in merged)
        entry = (rules, sets, any(test(key) for test in self._starts))
        self._table[ids] = entry
        return entry

    def _apply(self, rules: Iterable[int]) -> dict[int, int]:
        """The attributes the rules set, applied in the ruler's order (a later rule wins)."""
        merged: dict[int, int] = {}
        for rule in sorted(rules):
            merged.update(self._attrs[rule])
        return merged

    def _multi_rules(self, doc: Doc, starts: Sequence[int]) -> dict[int, list[int]]:
        """The rules of several tokens that match, by the position of the token they set;
        ``starts``: the positions where such a pattern may start."""
        keys: dict[int, Key] = {}

        def key(i: int) -> Key:
            if i not in keys:
                t = doc[i]
                keys[i] = (t.tag_, t.lower_, t.dep_, t.is_space)
            return keys[i]

        hits: dict[int, list[int]] = {}
        for rule, tests, target in self._multis:
            n = len(tests)
            for start in starts:
                if start + n <= len(doc) and all(tests[j](key(start + j)) for j in range(n)):
                    hits.setdefault(start + target, []).append(rule)
        return hits

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc) or not self.columns:
            return doc
        table, lower = self._table, self._lower
        entries: list[Entry] = []
        for tag, low, dep, space in doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist():
            cls = lower.get(low)
            if cls is None:
                cls = self._lower_class(low)
            entry = table.get((tag, cls, dep, space))
            entries.append(entry if entry is not None else self._entry((tag, cls, dep, space)))
        cols = self.columns
        values = doc.to_array(cast(Any, cols))
        out = values.tolist()
        for row, (_rules, sets, _starts) in zip(out, entries, strict=True):
            for c, v in sets:
                row[c] = v
        starts = [i for i, e in enumerate(entries) if e[2]]
        if starts:
            for i, rules in self._multi_rules(doc, starts).items():
                merged = self._apply([*entries[i][0], *rules])
                before = values[i].tolist()
                out[i] = [merged.get(a, before[c]) for c, a in enumerate(cols)]
        doc.from_array(cast(Any, cols), cast(Any, numpy.array(out, dtype=numpy.uint64)))
        return doc


def compile_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's attribute ruler ``name`` by an :class:`AttributeTable` of its
    patterns, in the same place; False (and the pipeline unchanged) when there is no such
    ruler or one of its patterns cannot be compiled."""
    if name not in nlp.pipe_names:
        return False
    patterns = list(getattr(nlp.get_pipe(name), "patterns", ()))
    try:
        nlp.add_pipe(ATTRIBUTE_TABLE, before=name, config={"patterns": patterns})
    except UnsupportedPattern:
        return False
    nlp.remove_pipe(name)
    return True


@Language.factory(ATTRIBUTE_TABLE, default_config={"patterns": []})
def make_attribute_table(
    nlp: Language, name: str, *, patterns: list[dict[str, Any]]
) -> AttributeTable:
    """The ``attribute_table`` factory. ``patterns``: an ``attribute_ruler``'s patterns."""
    return AttributeTable(nlp.vocab, patterns)


__all__ = [
    "ATTRIBUTE_TABLE",
    "AttributeTable",
    "UnsupportedPattern",
    "compile_ruler",
    "make_attribute_table",
    "token_test",
]
