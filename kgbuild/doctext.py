"""The text of a parsed document, read once.

``Doc.text`` joins every token on each access; the stages slice the text often, so the joined
text is kept in ``doc.user_data``.

>>> import spacy
>>> doc = spacy.blank("en")("The council met the union.")
>>> doc_text(doc), doc_text(doc) is doc_text(doc)
('The council met the union.', True)
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "kgbuild.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed on first use and kept with the document."""
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_KEY] = text
    return text


__all__ = ["doc_text"]
