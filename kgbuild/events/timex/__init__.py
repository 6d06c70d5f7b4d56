"""Time expressions: find them in a parsed article, normalize them against its date, and
anchor them to the words they date.

One module per job: :mod:`~kgbuild.events.timex.find` (finding expressions in a document),
:mod:`~kgbuild.events.timex.normalize` (their TIMEX3 values, written there) and
:mod:`~kgbuild.events.timex.anchor` (the words they date).
"""

from kgbuild.events.timex.anchor import NON_DATING_PREPS, TIME_BARRIER_DEPS, TimeIndex, attachment
from kgbuild.events.timex.find import TIME_LABELS, Timex, clause_tense, clause_verb, find_timexes
from kgbuild.events.timex.normalize import (
    FUTURE,
    PAST,
    PRESENT,
    clean,
    interval,
    normalize,
    parse_iso,
    to_xsd,
    weekday_of,
)

__all__ = [
    "FUTURE",
    "NON_DATING_PREPS",
    "PAST",
    "PRESENT",
    "TIME_BARRIER_DEPS",
    "TIME_LABELS",
    "TimeIndex",
    "Timex",
    "attachment",
    "clause_tense",
    "clause_verb",
    "clean",
    "find_timexes",
    "interval",
    "normalize",
    "parse_iso",
    "to_xsd",
    "weekday_of",
]
