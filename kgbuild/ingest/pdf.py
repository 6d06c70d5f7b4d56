"""PDF files → plain text, through pdfminer.six's layout analysis.

Each text box of a page is a paragraph: its lines are joined by a space (a word broken by a
hyphen at the end of a line is joined again), and a box that goes on with the sentence of the
one before (which ends without a full stop) is joined to it; paragraphs are separated by a
blank line.
Page numbers and the running header or footer that every page repeats are dropped. The text
layer is what is read: a scanned PDF (pages that are images) has none, and kgbuild does no OCR.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from kgbuild.errors import InputError
from kgbuild.ingest.logs import quiet_logs

#: A box that is only a page number: "3", "- 3 -", "Page 3", "3 of 12", "Page 3 of 12".
_PAGE_NUMBER = re.compile(r"(?i)[-–—\s]*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*")
#: The end of a sentence: a full stop, perhaps inside closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?:][\"'”’)\]]*$")
#: A word broken at the end of a line: "negoti-" + "ations".
_BROKEN_WORD = re.compile(r"(?<=[^\W\d_])-$")


def pdf_to_text(data: bytes, name: str) -> str:
    """The text of a PDF document: paragraphs separated by blank lines.

    :class:`InputError` for an encrypted PDF that needs a password, a damaged one, and one
    without a text layer.
    """
    pages = _pages(data, name)
    repeated = _running_lines(pages)
    paragraphs = _join_broken(
        [p for page in pages for p in page if p not in repeated and not _PAGE_NUMBER.fullmatch(p)]
    )
    if not paragraphs:
        raise InputError(
            name, "PDF without a text layer (scanned pages?): kgbuild does not read text in images"
        )
    return "\n\n".join(paragraphs)


def _pages(data: bytes, name: str) -> list[list[str]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSEOF

    try:
        with quiet_logs("pdfminer"):
            return [
                [p for box in page if isinstance(box, LTTextContainer) if (p := _paragraph(box))]
                for page in extract_pages(io.BytesIO(data), laparams=LAParams())
            ]
    except PDFPasswordIncorrect:
        raise InputError(name, "encrypted PDF (it needs a password to be opened)") from None
    except PDFEncryptionError as exc:
        raise InputError(name, f"encrypted PDF ({exc or 'unsupported encryption'})") from None
    except PSEOF:
        raise InputError(name, "damaged PDF (cut short)") from None
    except Exception as exc:  # pdfminer raises many kinds of error on a damaged file
        raise InputError(name, f"damaged PDF ({_reason(exc)})") from None


def _paragraph(box: Any) -> str:
    """The lines of a text box as one paragraph."""
    words: list[str] = []
    for line in box:
        text = " ".join(line.get_text().split())
        if not text:
            continue
        if words and _BROKEN_WORD.search(words[-1]) and text[:1].islower():
            words[-1] = words[-1][:-1] + text
        else:
            words.append(text)
    return " ".join(words)


def _join_broken(boxes: list[str]) -> list[str]:
    """Boxes that continue a sentence (the previous one ends without a full stop, this one
    starts in lower case: a paragraph cut by a wide line spacing, a column or a page break)
    joined to the previous one.

    >>> _join_broken(["Talks resumed in the", "city on Monday.", "Then they left."])
    ['Talks resumed in the city on Monday.', 'Then they left.']
    """
    out: list[str] = []
    for box in boxes:
        if out and not _SENTENCE_END.search(out[-1]) and box[:1].islower():
            out[-1] += " " + box
        else:
            out.append(box)
    return out


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Paragraphs that every page of a document of several pages repeats (running header or
    footer)."""
    if len(pages) < 2:
        return set()
    counts = Counter(p for page in pages for p in set(page))
    return {p for p, n in counts.items() if n == len(pages)}


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:80]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
