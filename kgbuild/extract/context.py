"""Per-document facts every extractor needs, computed once: sentence spans by token."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from kgbuild.doctext import doc_text
from kgbuild.extract.spans import char_span
from kgbuild.records import Span


@dataclass
class DocContext:
    """A parsed document with its id and the trimmed sentence span of every token."""

    doc: Doc
    doc_id: str
    _sent_of: list[int] = field(default_factory=list, repr=False)
    _sents: list[Span] = field(default_factory=list, repr=False)
    _ent_of: dict[int, Span] = field(default_factory=dict, repr=False)
    _sent_len: list[int] = field(default_factory=list, repr=False)
    _line_of: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        text = doc_text(self.doc)
        line = 0
        for tok in self.doc:
            self._line_of.append(line)
            line += tok.is_space and "\n" in tok.text
        for ent in self.doc.ents:
            span = char_span(text, ent.start_char, ent.end_char)
            for i in range(ent.start, ent.end):
                self._ent_of[i] = span
        self._sent_of = [0] * len(self.doc)
        for n, sent in enumerate(self.doc.sents):
            self._sents.append(char_span(text, sent.start_char, sent.end_char))
            self._sent_len.append(sent.end - sent.start)
            for i in range(sent.start, sent.end):
                self._sent_of[i] = n

    def sentence(self, tok: Token) -> Span:
        """The sentence of ``tok``, trimmed of surrounding white space."""
        return self._sents[self._sent_of[tok.i]]

    def sentence_length(self, tok: Token) -> int:
        """The number of tokens of the sentence of ``tok``."""
        return self._sent_len[self._sent_of[tok.i]]

    def entity_span(self, tok: Token) -> Span | None:
        """The named-entity span ``tok`` belongs to, if any."""
        return self._ent_of.get(tok.i)

    def line(self, tok: Token) -> int:
        """The number of line breaks before ``tok``."""
        return self._line_of[tok.i]

    def same_line(self, a: Token, b: Token) -> bool:
        """Whether no line break separates ``a`` and ``b``."""
        return self._line_of[a.i] == self._line_of[b.i]

    def same_sentence(self, a: Token, b: Token) -> bool:
        return self._sent_of[a.i] == self._sent_of[b.i]


__all__ = ["DocContext"]
