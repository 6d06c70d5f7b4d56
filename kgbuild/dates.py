"""Calendar words and explicit dates, shared by ingest (publication dates) and time normalization.

>>> parse_explicit_date("Thursday, December 26, 2024")
'2024-12-26'
>>> parse_explicit_date("March 01, 2008")
'2008-03-01'
>>> parse_explicit_date("15 February 2022, 19:25")
'2022-02-15'
>>> parse_explicit_date("2005-05-14")
'2005-05-14'
>>> parse_explicit_date("no date here") is None
True
"""

from __future__ import annotations

import datetime as _dt
import re

MONTHS: dict[str, int] = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

WEEKDAYS: dict[str, int] = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

_MONTH_RE = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = re.compile(r"(?<!\d)(?P<year>(19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?!\d)")
_MDY = re.compile(
    _MONTH_RE + r"\s+(?P<day>\d{1,2})(st|nd|rd|th)?,?\s+(?P<year>(19|20)\d\d)\b", re.I
)
_DMY = re.compile(
    r"\b(?P<day>\d{1,2})(st|nd|rd|th)?\s+" + _MONTH_RE + r",?\s+(?P<year>(19|20)\d\d)\b", re.I
)
_SLASH = re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<year>(19|20)\d\d)\b")


def iso(year: int, month: int, day: int) -> str | None:
    """An ISO date string, or None if the day does not exist."""
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_explicit_date(text: str) -> str | None:
    """The first complete calendar date written in ``text`` (with a year), as ISO 8601."""
    m = _ISO.search(text)
    if m:
        return iso(int(m["year"]), int(m["m"]), int(m["d"]))
    for rx in (_MDY, _DMY):
        m = rx.search(text)
        if m:
            return iso(int(m["year"]), MONTHS[m["month"].lower()], int(m["day"]))
    m = _SLASH.search(text)
    if m:
        return iso(int(m["year"]), int(m["m"]), int(m["d"]))
    return None


def date_span(text: str) -> tuple[int, int] | None:
    """Character span of the first explicit date in ``text``."""
    for rx in (_ISO, _MDY, _DMY, _SLASH):
        m = rx.search(text)
        if m:
            return m.start(), m.end()
    return None
