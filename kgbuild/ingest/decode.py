"""Bytes → text: refuse binary files, detect the encoding of non-UTF-8 text, clean controls.

>>> decode("Café au lait".encode("cp1252"), "a.txt")
('Café au lait', ['not UTF-8, decoded as cp1252'])
>>> decode(b"%PDF-1.7 ...", "b.txt")
Traceback (most recent call last):
...
kgbuild.errors.InputError: b.txt: binary file (PDF document), not text
"""

from __future__ import annotations

import codecs
import re

from kgbuild.errors import InputError

#: Leading bytes of common binary formats, and the name used in the warning.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x89PNG", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"RIFF", "RIFF media file (WebP, WAV, AVI)"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska or WebM video"),
    (b"\x7fELF", "executable program"),
    (b"\xca\xfe\xba\xbe", "compiled program"),
    (b"\xcf\xfa\xed\xfe", "executable program"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xd0\xcf\x11\xe0", "old Microsoft Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)

#: Byte-order marks, longest first, and their codec.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: The share of control characters above which decoded "text" is taken for binary data.
MAX_CONTROL_SHARE = 0.02

#: The legacy encodings of the WHATWG Encoding Standard (what browsers accept for web pages),
#: most used first. charset-normalizer chooses among them; when several give the same text,
#: the first of them is named ("cp1252" rather than "cp1250" for "Café" read from Latin text).
LEGACY_ENCODINGS = tuple(
    "cp1252 cp1250 cp1251 koi8_r koi8_u cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp874 cp866 "  # noqa: SIM905
    "mac_roman mac_cyrillic iso8859_2 iso8859_3 iso8859_4 iso8859_5 iso8859_6 iso8859_7 "
    "iso8859_8 iso8859_10 iso8859_13 iso8859_14 iso8859_15 iso8859_16 gb18030 big5 euc_jp "
    "iso2022_jp shift_jis euc_kr".split()
)

#: Line and paragraph separators other than ``\n`` (all that ``str.splitlines`` knows).
_LINE_BREAKS = str.maketrans(
    dict.fromkeys("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028", "\n") | {"\u2029": "\n\n"}
)


def binary_kind(data: bytes) -> str | None:
    """The kind of binary file ``data`` starts like, or None if it may be text.

    >>> binary_kind(b"\\x89PNG\\r\\n")
    'PNG image'
    >>> binary_kind(b"Plain words") is None
    True
    """
    for magic, kind in BINARY_SIGNATURES:
        if data.startswith(magic):
            return kind
    if data[4:8] == b"ftyp":
        return "MP4 or QuickTime media file"
    head = data[:8192]
    bom = data.startswith(tuple(b for b, _ in _BOMS))
    if not bom and b"\x00" in head and _control_bytes(head) > MAX_CONTROL_SHARE * len(head):
        return "binary data"  # a few NULs in text are strays; many controls mean binary
    return None


def _control_bytes(data: bytes) -> int:
    """How many bytes of ``data`` are C0 controls other than white space (NUL included)."""
    return len(data) - len(data.translate(None, _C0_CONTROLS))


_C0_CONTROLS = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c")


def decode(data: bytes, name: str = "<input>") -> tuple[str, list[str]]:
    """Decode the bytes of a file as text; returns the text and notes about the decoding.

    UTF-8 (with or without a byte-order mark) and UTF-16/32 with a byte-order mark are read
    silently; other text is detected and decoded with a note. Line breaks become ``\\n`` and
    stray control characters (NULs included) become spaces, with a note: the text keeps its
    length, so character offsets into it stay true. :class:`InputError` for binary data.

    >>> decode(b"a\\x00b\\x00\\x00c " + b"word " * 100)[1]
    ['3 control characters (NUL) replaced by spaces']
    """
    kind = binary_kind(data)
    if kind:
        raise InputError(name, f"binary file ({kind}), not text")
    notes: list[str] = []
    text = _decode_bom(data)
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text, encoding = detect(data)
            notes.append(f"not UTF-8, decoded as {encoding}")
    text, repaired = repair_mojibake(text)
    notes += repaired
    text = _unify_breaks(text)
    stray = _CONTROLS.findall(text)
    if stray:
        kinds = ", ".join(sorted({_control_name(c) for c in stray})[:3])
        s = "s" if len(stray) > 1 else ""
        notes.append(f"{len(stray)} control character{s} ({kinds}) replaced by spaces")
    return clean_text(text, name), notes


def _control_name(c: str) -> str:
    return "NUL" if c == "\x00" else f"U+{ord(c):04X}"


def _unify_breaks(text: str) -> str:
    return text.replace("\r\n", "\n").translate(_LINE_BREAKS)


def _decode_bom(data: bytes) -> str | None:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    return None


def detect(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: charset-normalizer's choice among the
    :data:`LEGACY_ENCODINGS`, named as the most used encoding that gives the same text.

    >>> detect("Президент заявил, что переговоры продолжатся.".encode("koi8_r"))
    ('Президент заявил, что переговоры продолжатся.', 'koi8_r')
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:  # nothing fits without errors: the Western code page, errors marked
        return data.decode(LEGACY_ENCODINGS[0], errors="replace"), LEGACY_ENCODINGS[0]
    same = set(best.could_be_from_charset)
    return str(best), next((e for e in LEGACY_ENCODINGS if e in same), best.encoding)


def _mojibake_clue() -> re.Pattern[str]:
    """What every piece of UTF-8 read as Latin-1 or Windows-1252 holds: a lead byte of a
    UTF-8 sequence (0xC2–0xF4) read as a letter, followed by a continuation byte (0x80–0xBF)
    read in either code page. A cheap test that lets ftfy look only at text that may need it."""
    continuation = bytes(range(0x80, 0xC0))
    chars = set(continuation.decode("latin-1")) | set(
        continuation.decode("cp1252", errors="ignore")
    )
    lead = bytes(range(0xC2, 0xF5)).decode("latin-1")
    return re.compile(f"[{re.escape(lead)}][{re.escape(''.join(sorted(chars)))}]")


_MOJIBAKE_CLUE = _mojibake_clue()


def repair_mojibake(text: str) -> tuple[str, list[str]]:
    """Text that was UTF-8 read in a legacy encoding and saved again ("CafÃ©"), repaired by
    ftfy's ``fix_encoding`` (only that fix: quotes, widths and normal forms stay as written),
    with a note; other text unchanged.

    >>> repair_mojibake("CafÃ© owners met.")
    ('Café owners met.', ['mojibake repaired (UTF-8 that had been read as latin-1)'])
    >>> repair_mojibake("Café owners met.")
    ('Café owners met.', [])
    """
    if text.isascii() or not _MOJIBAKE_CLUE.search(text):
        return text, []
    import ftfy

    fixed, steps = ftfy.fix_encoding_and_explain(text)
    if fixed == text or not steps:
        return text, []
    misread = next((arg for op, arg in steps if op == "encode"), "another encoding")
    return fixed, [f"mojibake repaired (UTF-8 that had been read as {misread})"]


def clean_text(text: str, name: str = "<input>") -> str:
    """Normalize line breaks and replace control characters by spaces.

    :class:`InputError` when control characters are too many for the text to be text.

    >>> clean_text("a\\r\\nb\\x07c")
    'a\\nb c'
    """
    text = _unify_breaks(text)
    controls = len(_CONTROLS.findall(text))
    if text and controls > max(2, MAX_CONTROL_SHARE * len(text)):
        raise InputError(name, "binary file (too many control characters), not text")
    if controls:
        text = _CONTROLS.sub(" ", text)
    return text


#: Control, format-less and unassigned characters that have no place in article text (line
#: breaks and tabs excepted): C0 and C1 controls, DEL, surrogates, U+FFFE and U+FFFF.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
