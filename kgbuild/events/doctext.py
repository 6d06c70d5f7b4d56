"""The text of a parsed document, read once.

``Doc.text`` joins every token on each access; the events stage slices the text often, so it
keeps the joined text in ``doc.user_data``.
"""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "kgbuild.events.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed on first use and kept with the document."""
    text = doc.user_data.get(_KEY)
    if not isinstance(text, str):
        text = doc.text
        doc.user_data[_KEY] = text
    return text


__all__ = ["doc_text"]
