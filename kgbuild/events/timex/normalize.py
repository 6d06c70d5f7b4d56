"""Time expressions normalized: their TIMEX3 type and value, read on the article's date.

Values follow TIMEX3 (ISO 8601 with TimeML extensions): ``2022-02-15`` (a day),
``2022-01`` (a month), ``2022`` (a year), ``2022-W07`` (a week), ``2022-W07-WE`` (a
weekend), ``2022-Q1`` (a quarter), ``2022-SP`` (a season), ``197`` (a decade),
``PAST_REF`` / ``PRESENT_REF`` / ``FUTURE_REF`` (vague references), ``P6Y`` (a duration).
:func:`to_xsd` turns a value into what an event record keeps: ``xsd:date``,
``xsd:gYearMonth`` or ``xsd:gYear`` (coarser periods are widened to the unit holding them).

>>> from datetime import date
>>> tue = date(2022, 2, 15)
>>> normalize("on Tuesday", tue)
('DATE', '2022-02-15')
>>> normalize("yesterday", tue)
('DATE', '2022-02-14')
>>> normalize("last week", tue)
('DATE', '2022-W06')
>>> normalize("December last year", tue)
('DATE', '2021-12')
>>> normalize("On January 26", tue)
('DATE', '2022-01-26')
>>> normalize("early next year", tue)
('DATE', '2023')
>>> normalize("Friday", tue, tense="future")
('DATE', '2022-02-18')
>>> normalize("February 15, 2022", None)
('DATE', '2022-02-15')
>>> to_xsd("2022-W06"), to_xsd("2023-Q1"), to_xsd("PAST_REF")
('2022-02', '2023', None)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache

from kgbuild.dates import MONTHS, WEEKDAYS, parse_explicit_date

#: Tenses :func:`clause_tense` tells apart; they decide which way a bare weekday or month points.
PAST, PRESENT, FUTURE = "past", "present", "future"

#: Words before a time expression that are not part of its meaning.
_LEADING = re.compile(
    r"^(?:(?:on|in|at|since|by|until|till|from|to|of|for|during|over|about|around|"
    r"before|after|through|throughout|as\s+of|within|the|a|an)\s+)+",
    re.I,
)
_TRAILING = re.compile(r"(?:[\s,;:.]+|\s+(?:and|or|to))+$", re.I)

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")s?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_ORD = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "final": 4,
    "last": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
    "q1": 1,
    "q2": 2,
    "q3": 3,
    "q4": 4,
}
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "single": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "few": 3,
    "several": 3,
}
_UNITS = {"day": "D", "week": "W", "month": "M", "year": "Y", "decade": "DE", "century": "CE"}
_SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}

#: Vague references (TimeML's PAST_REF, PRESENT_REF, FUTURE_REF), matched on the whole expression.
_REFS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"^(?:more\s+|most\s+|only\s+)?(?:recent(?:ly)?|lately|previously|formerly|"
            r"in\s+the\s+past|the\s+past|earlier|once|(?:at\s+)?one\s+point|"
            r"(?:in\s+)?recent\s+(?:years|months|weeks|days|decades|times|history|"
            r"[\w.]+\s+history))$"
        ),
        "PAST_REF",
    ),
    (
        re.compile(
            r"^(?:now|right\s+now|currently|presently|ongoing|nowadays|these\s+days|"
            r"at\s+present|the\s+present|at\s+the\s+moment|at\s+this\s+time|today'?s?\s+world)$"
        ),
        "PRESENT_REF",
    ),
    (
        re.compile(
            r"^(?:(?:in\s+)?the\s+(?:near\s+|distant\s+)?future|soon|later|eventually|"
            r"(?:in\s+|for\s+)?the\s+(?:long|medium|short)\s+term|"
            r"(?:in\s+)?the\s+coming\s+(?:years|months|weeks|days|decades)|"
            r"(?:in\s+)?(?:years|months|weeks|days)\s+to\s+come)$"
        ),
        "FUTURE_REF",
    ),
)


# --------------------------------------------------------------------------- calendar helpers


def parse_iso(value: str | None) -> date | None:
    """A ``date`` from an ISO 8601 date string, else None.

    >>> parse_iso("2022-02-15")
    datetime.date(2022, 2, 15)
    >>> parse_iso("2022-02") is None
    True
    """
    if not value:
        return None
    m = re.match(r"^(\d{4})-(\d\d)-(\d\d)", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _weekday_date(weekday: int, anchor: date, tense: str) -> date:
    """The day named ``weekday`` nearest the anchor: on or before it, or after it in the future."""
    if tense == FUTURE:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _month_year(month: int, anchor: date, tense: str, day: int | None = None) -> int:
    """The year of a month (and day) written without one, seen from the anchor date."""
    y = anchor.year
    this = _safe_date(y, month, day or 1) or date(y, month, 1)
    ref = anchor if day else anchor.replace(day=1)
    if tense == FUTURE:
        return y if this >= ref else y + 1
    if tense == PAST:
        return y if this <= ref else y - 1
    # present tense: the nearest such date
    options = [
        (abs(((_safe_date(yy, month, day or 1) or this) - ref).days), yy)
        for yy in (y - 1, y, y + 1)
    ]
    return min(options)[1]


def _relative_year(word: str, anchor: date) -> int:
    return anchor.year + {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(
        word, 0
    )


def _number(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _NUMBERS.get(word)


# --------------------------------------------------------------------------- normalization


def clean(text: str) -> str:
    """The expression without leading prepositions and articles, lower-cased.

    >>> clean("On the Tuesday,")
    'tuesday'
    """
    t = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))
    t = _TRAILING.sub("", t)
    prev = None
    while prev != t:
        prev = t
        t = _LEADING.sub("", t).strip()
    return t


def normalize(
    text: str,
    anchor: date | None,
    *,
    tense: str = PAST,
    previous: Sequence[str] = (),
) -> tuple[str, str | None]:
    """The TIMEX3 (type, value) of a time expression read on the ``anchor`` date.

    ``tense`` is that of the clause the expression dates (a bare weekday or month points
    forward only in the future tense); ``previous`` holds the values of earlier expressions
    of the document, for anaphora ("the same day", "the year before").

    >>> from datetime import date
    >>> d = date(2009, 5, 7)
    >>> normalize("the first quarter of last year", d)
    ('DATE', '2008-Q1')
    >>> normalize("six years", d)
    ('DURATION', 'P6Y')
    >>> normalize("recently", d)
    ('DATE', 'PAST_REF')
    >>> normalize("the 70s", d)
    ('DATE', '197')
    >>> normalize("this morning", d)
    ('TIME', '2009-05-07TMO')
    >>> normalize("the same day", d, previous=["2009-05-04"])
    ('DATE', '2009-05-04')
    """
    raw = re.sub(r"\s+", " ", text.strip().lower().replace("’", "'"))
    for rx, ref in _REFS:
        if rx.match(_TRAILING.sub("", raw)) or rx.match(clean(raw)):
            return "DATE", ref
    t = clean(text)
    if not t:
        return "DATE", None
    explicit = parse_explicit_date(t)
    if explicit:
        return "DATE", explicit
    for rule in _RULES:
        out = rule(t, anchor, tense, previous)
        if out is not None:
            return out
    return "DATE", None


_Result = tuple[str, str | None] | None


def _strip_modifier(t: str) -> str:
    """Drop 'early', 'the end of' …: the period they qualify keeps its own value."""
    return re.sub(
        r"^(?:the\s+)?(?:early|earlier|mid|middle|late|later|(?:beginning|start|end|middle|"
        r"close|turn|first\s+half|second\s+half|rest|remainder)\s+of)[\s-]+(?:the\s+)?",
        "",
        t,
    ).strip()


def _rule_month_day(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    m = re.search(_MONTH + r"\s+" + _DAY + r"\b", t) or re.search(
        r"\b" + _DAY + r"\s+(?:of\s+)?" + _MONTH, t
    )
    if not m:
        return None
    month, day = MONTHS[m["month"].rstrip(".")], int(m["day"])
    if not 1 <= day <= 31:
        return None
    y = re.search(r"\b((?:19|20)\d\d)\b", t)
    rel = re.search(r"\b(last|next|this|previous|coming)\s+year\b", t)
    if y:
        year = int(y[1])
    elif anchor is None:
        return "DATE", None
    elif rel:
        year = _relative_year(rel[1], anchor)
    else:
        year = _month_year(month, anchor, tense, day)
    d = _safe_date(year, month, day)
    return ("DATE", d.isoformat()) if d else None


def _rule_quarter(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    m = re.search(
        r"\b(?P<ord>first|second|third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+quarter\b|\b(?P<q>q[1-4])\b",
        t,
    )
    h = re.search(r"\b(?P<ord>first|second|1st|2nd)[\s-]+half\b", t)
    if not m and not h:
        return None
    y = re.search(r"\b((?:19|20)\d\d)\b", t)
    rel = re.search(r"\b(last|next|this|previous|coming)\s+year\b", t)
    if y:
        year = int(y[1])
    elif anchor is None:
        return "DATE", None
    elif rel:
        year = _relative_year(rel[1], anchor)
    else:
        year = anchor.year
    if m:
        q = _ORD[(m["ord"] or m["q"]).lower()]
        return "DATE", f"{year}-Q{q}"
    assert h is not None
    return "DATE", f"{year}-H{_ORD[h['ord']]}"


def _rule_season(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    m = re.search(
        r"\b(?:(?P<rel>this|last|next|past|coming)\s+)?(?P<s>spring|summer|autumn|fall|winter)\b", t
    )
    if not m or not re.fullmatch(
        r"(?:[\w']+\s+){0,2}(?:spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?[\w']+){0,2}", t
    ):
        return None
    y = re.search(r"\b((?:19|20)\d\d)\b", t)
    if y:
        return "DATE", f"{y[1]}-{_SEASONS[m['s']]}"
    if anchor is None:
        return "DATE", None
    year = _relative_year(m["rel"], anchor) if m["rel"] else anchor.year
    return "DATE", f"{year}-{_SEASONS[m['s']]}"


def _rule_weekday(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    """A weekday, alone or in a named week ("Wednesday last week" on Thursday 17 April 2008:
    the 9th).

    >>> from datetime import date
    >>> _rule_weekday("wednesday last week", date(2008, 4, 17), PAST, ())
    ('DATE', '2008-04-09')
    >>> _rule_weekday("wednesday", date(2008, 4, 17), PAST, ())
    ('DATE', '2008-04-16')
    """
    m = re.search(r"\b(?:(?P<rel>last|next|this|past|coming)\s+)?" + _WEEKDAY + r"\b", t)
    if not m:
        return None
    rest = t[: m.start()] + t[m.end() :]
    if re.search(r"\d", rest) or re.search(_MONTH + r"\b", rest):
        return None
    if anchor is None:
        return "DATE", None
    wd = WEEKDAYS[m["weekday"]]
    rel = m["rel"]
    week = re.search(r"\b(last|past|previous|next|coming|this)\s+week\b", rest)
    if week and rel is None:  # "Wednesday last week": the Wednesday of the week before
        shift = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(week[1], 0)
        d = anchor - timedelta(days=anchor.weekday()) + timedelta(days=7 * shift + wd)
    elif rel in {"next", "coming"}:
        d = anchor + timedelta(days=((wd - anchor.weekday()) % 7) or 7)
    elif rel in {"last", "past"}:
        d = anchor - timedelta(days=((anchor.weekday() - wd) % 7) or 7)
    else:
        d = _weekday_date(wd, anchor, tense)
    part = re.search(r"\b(morning|afternoon|evening|night)\b", rest)
    if part:
        return "TIME", f"{d.isoformat()}T{_PARTS_OF_DAY[part[1]]}"
    return "DATE", d.isoformat()


def _rule_deictic_day(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    m = re.fullmatch(
        r"(?:(?:earlier|later|late|early)\s+(?:in\s+)?)?(?P<w>today|tonight|yesterday|tomorrow|this|"
        r"(?:the\s+)?day\s+before\s+yesterday|(?:the\s+)?day\s+after\s+tomorrow)"
        r"(?:\s+(?P<part>morning|afternoon|evening|night))?(?:'s)?",
        t,
    )
    if not m or (m["w"] == "this" and not m["part"]):
        return None
    if anchor is None:
        return "DATE", None
    word = re.sub(r"\s+", " ", m["w"]).removeprefix("the ")
    shift = {
        "yesterday": -1,
        "tomorrow": 1,
        "day before yesterday": -2,
        "day after tomorrow": 2,
    }.get(word, 0)
    d = anchor + timedelta(days=shift)
    part = m["part"] or ("night" if m["w"] == "tonight" else None)
    if part:
        return "TIME", f"{d.isoformat()}T{_PARTS_OF_DAY[part]}"
    return "DATE", d.isoformat()


def _rule_ago(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    m = re.fullmatch(
        r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|several)"
        r"\s+(?P<u>day|week|month|year|decade)s?\s+(?P<dir>ago|earlier|before|later|after|from\s+now|hence)",
        t,
    )
    if not m:
        return None
    n = _number(m["n"])
    if n is None:
        return None
    if m["dir"] in {"earlier", "before", "later", "after"}:
        base = parse_iso(prev[-1]) if prev else None
        base = base or anchor
    else:
        base = anchor
    if base is None:
        return "DATE", None
    sign = -1 if m["dir"] in {"ago", "earlier", "before"} else 1
    return "DATE", _shift(base, m["u"], sign * n)


def _shift(base: date, unit: str, n: int) -> str:
    if unit == "day":
        return (base + timedelta(days=n)).isoformat()
    if unit == "week":
        return _week(base + timedelta(weeks=n))
    if unit == "month":
        k = base.year * 12 + base.month - 1 + n
        return f"{k // 12}-{k % 12 + 1:02d}"
    if unit == "year":
        return str(base.year + n)
    return str((base.year + 10 * n) // 10)


def _rule_relative_unit(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    m = re.fullmatch(
        r"(?:(?P<rel>this|last|next|past|previous|coming|current|same|following)\s+)?"
        r"(?P<u>week|weekend|month|year|decade|century)"
        r"(?:\s+(?P<post>previous|before|earlier|after|later|ago))?",
        t,
    )
    if not m or (m["rel"] is None and m["post"] is None and m["u"] not in {"weekend", "year"}):
        return None
    if anchor is None:
        return "DATE", None
    rel, unit, post = m["rel"], m["u"], m["post"]
    base = anchor
    step = 0
    if post in {"previous", "before", "earlier", "ago"}:
        step = -1
        prior = [p for p in prev if re.fullmatch(r"\d{4}", p)] if unit == "year" else []
        if prior:
            return "DATE", str(int(prior[-1]) - 1)
    elif post in {"after", "later"}:
        step = 1
    elif rel in {"last", "past", "previous"}:
        step = -1
    elif rel in {"next", "coming", "following"}:
        step = 1
    elif rel is None and unit == "year":
        same = [p for p in prev if re.fullmatch(r"\d{4}", p)]
        return "DATE", same[-1] if same else str(anchor.year)
    if unit == "weekend":
        d = base + timedelta(weeks=step)
        return "DATE", _week(d) + "-WE"
    if unit == "century":
        return "DATE", f"{(base.year // 100) + step:02d}"
    return "DATE", _shift(base, unit, step)


def _rule_month(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    m = re.fullmatch(
        r"(?:(?P<rel>this|last|next|past|coming|previous)\s+)?"
        + _MONTH
        + r"(?:\s+(?:of\s+)?(?P<y>.+))?",
        t,
    )
    if not m:
        return None
    month = MONTHS[m["month"].rstrip(".")]
    y = m["y"]
    if y:
        yy = re.fullmatch(r"(?:19|20)\d\d", y)
        if yy:
            return "DATE", f"{y}-{month:02d}"
        ry = re.fullmatch(r"(this|last|next|previous|coming)\s+year", y)
        if not ry:
            return None
        if anchor is None:
            return "DATE", None
        return "DATE", f"{_relative_year(ry[1], anchor)}-{month:02d}"
    if anchor is None:
        return "DATE", None
    rel = m["rel"]
    if rel in {"last", "past", "previous"}:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif rel in {"next", "coming"}:
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif rel == "this":
        year = anchor.year
    else:
        year = _month_year(month, anchor, tense)
    return "DATE", f"{year}-{month:02d}"


def _rule_year(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    m = re.fullmatch(
        r"(?:(?:fiscal|fy|calendar|the)\s+)?(?P<y>(?:1[5-9]|20)\d\d)(?:\s+[a-z-]+){0,2}", t
    )
    if m:
        return "DATE", m["y"]
    m = re.fullmatch(r"'(?P<yy>\d\d)", t)
    if m:
        yy = int(m["yy"])
        century = 2000 if anchor is not None and 2000 + yy <= anchor.year else 1900
        return "DATE", str(century + yy)
    return None


def _rule_decade(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    m = re.fullmatch(r"(?:early|mid|late)?[\s-]*'?(?P<c>1[5-9]|20)?(?P<d>\d)0'?s", t)
    if m:
        century = m["c"] or (
            "19" if anchor is None or int(m["d"]) * 10 > anchor.year % 100 else "20"
        )
        return "DATE", f"{century}{m['d']}"
    m = re.fullmatch(r"(?:early|mid|late)?[\s-]*(?P<w>" + "|".join(_DECADE_WORDS) + r")", t)
    if m:
        return "DATE", f"19{_DECADE_WORDS[m['w']]}"
    m = re.fullmatch(r"(?P<rel>past|last|previous|this|current|next|coming)\s+decade", t)
    if m and anchor is not None:
        step = {"past": -1, "last": -1, "previous": -1, "next": 1, "coming": 1}.get(m["rel"], 0)
        return "DATE", str(anchor.year // 10 + step)
    return None


def _rule_anaphoric_day(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    if not re.fullmatch(r"(?:same|that|this|very|following|previous|next)?\s*(?:day|time|date)", t):
        return None
    days = [p for p in prev if parse_iso(p)]
    base = parse_iso(days[-1]) if days else anchor
    if base is None:
        return "DATE", None
    if t.startswith(("following", "next")):
        base += timedelta(days=1)
    elif t.startswith("previous"):
        base -= timedelta(days=1)
    return "DATE", base.isoformat()


def _rule_duration(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    if re.fullmatch(r"(?:single|one|full|whole)[\s-]day|intraday|(?:an?\s+)?intraday", t):
        return "DURATION", "P1D"
    m = re.fullmatch(
        r"(?:(?:over|nearly|almost|about|around|more\s+than|less\s+than|at\s+least|some|the)\s+)?"
        r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
        r"thirty|few|several)[\s-]+(?P<u>day|week|month|year|decade|century)s?(?:[\s-]+(?:long|old))?",
        t,
    )
    if not m:
        return None
    n = _number(m["n"])
    unit = _UNITS[m["u"]]
    if unit == "DE":
        return "DURATION", f"P{(n or 1) * 10}Y"
    if unit == "CE":
        return "DURATION", f"P{(n or 1) * 100}Y"
    return "DURATION", f"P{n}{unit}" if n else f"PX{unit}"


def _rule_modified(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    inner = _strip_modifier(t)
    if inner == t or not inner:
        return None
    if inner in {"year", "month", "week", "day"}:
        inner = "this " + inner
    type_, value = normalize(inner, anchor, tense=tense, previous=prev)
    return (type_, value) if value is not None else None


def _rule_week_of_month(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    """ "the last week of March" → the ISO week holding that month's last (or n-th) Thursday."""
    m = re.fullmatch(
        r"(?P<ord>first|second|third|fourth|last|final)\s+week\s+(?:of|in)\s+"
        + _MONTH
        + r"(?:\s+(?P<y>\d{4}))?",
        t,
    )
    if not m:
        return None
    month = MONTHS[m["month"].rstrip(".")]
    if m["y"]:
        year = int(m["y"])
    elif anchor is None:
        return "DATE", None
    else:
        year = _month_year(month, anchor, tense)
    thursdays = [
        d for d in (_safe_date(year, month, k) for k in range(1, 32)) if d and d.weekday() == 3
    ]
    k = {"first": 0, "second": 1, "third": 2, "fourth": 3}.get(m["ord"], -1)
    return "DATE", _week(thursdays[k])


def _rule_in_a_row(t: str, anchor: date | None, tense: str, prev: Sequence[str]) -> _Result:
    """ "the fourth week in a row": the current week (month, year …) of the article."""
    m = re.fullmatch(
        r"(?:\w+\s+)?(?:straight\s+|consecutive\s+)?(?P<u>week|month|day|year|quarter)s?\s+in\s+a\s+row",
        t,
    )
    if not m:
        return None
    if anchor is None:
        return "DATE", None
    unit = m["u"]
    if unit == "quarter":
        return "DATE", f"{anchor.year}-Q{(anchor.month - 1) // 3 + 1}"
    return "DATE", _shift(anchor, unit, 0)


_RULES = (
    _rule_week_of_month,
    _rule_in_a_row,
    _rule_month_day,
    _rule_quarter,
    _rule_season,
    _rule_deictic_day,
    _rule_weekday,
    _rule_ago,
    _rule_relative_unit,
    _rule_month,
    _rule_year,
    _rule_decade,
    _rule_anaphoric_day,
    _rule_duration,
    _rule_modified,
)


def to_xsd(value: str | None) -> str | None:
    """The value an event keeps: ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; None for vague ones.

    Weeks become the month of their Thursday; quarters, halves and seasons their year.

    >>> to_xsd("2009-05-07TMO"), to_xsd("2010-W04-WE"), to_xsd("2009-SP"), to_xsd("P6Y")
    ('2009-05-07', '2010-01', '2009', None)
    """
    if not value:
        return None
    m = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?=$|T)", value)
    if m:
        return m[0]
    m = re.match(r"^(\d{4})-W(\d\d)", value)
    if m:
        try:
            thursday = date.fromisocalendar(int(m[1]), int(m[2]), 4)
        except ValueError:
            return m[1]
        return f"{thursday.year}-{thursday.month:02d}"
    m = re.match(r"^(\d{4})-(?:Q[1-4]|H[12]|SP|SU|FA|WI)$", value)
    if m:
        return m[1]
    return None


def interval(value: str | None) -> tuple[date, date] | None:
    """The first and last day a value covers, for comparing times of different precision.

    >>> interval("2022-02")
    (datetime.date(2022, 2, 1), datetime.date(2022, 2, 28))
    >>> interval("2022") == (date(2022, 1, 1), date(2022, 12, 31))
    True
    """
    v = to_xsd(value)
    if v is None:
        return None
    parts = [int(p) for p in v.split("-")]
    if len(parts) == 3:
        d = _safe_date(*parts)
        return (d, d) if d else None
    if len(parts) == 2:
        y, mo = parts
        nxt = date(y + mo // 12, mo % 12 + 1, 1)
        return date(y, mo, 1), nxt - timedelta(days=1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


@cache
def _weekday_names() -> dict[str, int]:
    return dict(WEEKDAYS)


def weekday_of(text: str) -> int | None:
    """The weekday a time expression names, if any (0 = Monday).

    >>> weekday_of("on Tuesday")
    1
    >>> weekday_of("last week") is None
    True
    """
    m = re.search(r"\b" + _WEEKDAY + r"\b", text.lower())
    return _weekday_names()[m["weekday"]] if m else None


__all__ = [
    "FUTURE",
    "PAST",
    "PRESENT",
    "clean",
    "interval",
    "normalize",
    "parse_iso",
    "to_xsd",
    "weekday_of",
]
