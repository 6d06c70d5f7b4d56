"""Word documents (``.docx``) → plain text, through python-docx.

Every paragraph of the document's body becomes a paragraph of the text, separated by a blank
line; a line break inside a paragraph stays a line break. Tables, headers, footers, comments
and the document's properties (its creator and dates describe the file, not the story) are not
read.
"""

from __future__ import annotations

import io
import zipfile

from kgbuild.errors import InputError


def docx_to_text(data: bytes, name: str) -> str:
    """The text of a ``.docx`` document; :class:`InputError` for a damaged one."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise InputError(name, "damaged Word document (not a whole ZIP archive)") from None
    except (PackageNotFoundError, KeyError):
        raise InputError(name, "damaged Word document (no document part)") from None
    except Exception as exc:  # a broken part: python-docx and lxml raise many kinds of error
        raise InputError(name, f"damaged Word document ({type(exc).__name__})") from None
    paragraphs = (p.text.strip() for p in document.paragraphs)
    return "\n\n".join(p for p in paragraphs if p)


def is_docx(data: bytes) -> bool:
    """True for a ZIP archive that holds a Word document's main part."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "word/document.xml" in z.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
