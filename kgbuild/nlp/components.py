"""spaCy pipeline components of kgbuild.

``line_break_sentences`` marks the first word after a line break as the start of a sentence,
before the parser runs. An article is a title, a date line, a blank line and the body; the
small English model otherwise joins the title (and other lines) to the first sentence of the
paragraph that follows, which gives the body's first verb a subject taken from the title and
attributes its clauses to the wrong speaker. The parser keeps boundaries set before it, and
adds its own inside each line.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("line_break_sentences")
>>> doc = nlp("Markets rally\\nShares rose on Monday.")
>>> [t.text for t in doc if t.is_sent_start]
['Markets', 'Shares']
>>> doc = nlp("One line\\n\\nnext paragraph")
>>> [t.text for t in doc if t.is_sent_start]
['One', 'next']
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kgbuild.errors import ModelError

#: The name of the component in a pipeline (``nlp.add_pipe(LINE_BREAKS)``).
LINE_BREAKS = "line_break_sentences"


class LineBreakSentences:
    """Sets ``is_sent_start`` on the first non-space token after ``min_breaks`` line breaks."""

    def __init__(self, min_breaks: int = 1) -> None:
        if min_breaks < 1:
            raise ModelError(f"{LINE_BREAKS}: min_breaks must be at least 1, not {min_breaks}")
        self.min_breaks = min_breaks

    def __call__(self, doc: Doc) -> Doc:
        breaks = 0
        for i, tok in enumerate(doc):
            if tok.is_space:
                breaks += tok.text.count("\n")
                continue
            if i > 0 and breaks >= self.min_breaks:
                tok.is_sent_start = True
            breaks = tok.whitespace_.count("\n")
        return doc


@Language.factory(LINE_BREAKS, default_config={"min_breaks": 1})
def make_line_break_sentences(
    nlp: Language, name: str, *, min_breaks: int = 1
) -> LineBreakSentences:
    """The ``line_break_sentences`` factory. ``min_breaks``: how many line breaks (1: any line
    break; 2: only a blank line) start a sentence."""
    return LineBreakSentences(min_breaks=min_breaks)


__all__ = ["LINE_BREAKS", "LineBreakSentences", "make_line_break_sentences"]
