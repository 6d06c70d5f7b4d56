"""Time expressions: normalization against the article date (pure) and finding them in text."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from kgbuild.events import timex
from kgbuild.events.timex import FUTURE, PAST, PRESENT, interval, normalize, to_xsd, weekday_of

# A Wednesday.
WED = date(2023, 3, 8)


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        # weekdays: the most recent such day on or before the article date, unless future
        ("on Monday", PAST, "2023-03-06"),
        ("Wednesday", PAST, "2023-03-08"),
        ("on Thursday", PAST, "2023-03-02"),
        ("on Thursday", PRESENT, "2023-03-02"),
        ("on Thursday", FUTURE, "2023-03-09"),
        ("next Monday", PAST, "2023-03-13"),
        ("last Wednesday", PAST, "2023-03-01"),
        ("Friday morning", PAST, "2023-03-03T" + "MO"),
        # a weekday of a named week (the anchor, 2023-03-08, is a Wednesday)
        ("Thursday last week", PAST, "2023-03-02"),
        ("Tuesday of last week", PAST, "2023-02-28"),
        ("Monday next week", FUTURE, "2023-03-13"),
        ("Friday this week", FUTURE, "2023-03-10"),
        # deictic days
        ("today", PAST, "2023-03-08"),
        ("yesterday", PAST, "2023-03-07"),
        ("tomorrow", FUTURE, "2023-03-09"),
        ("earlier today", PAST, "2023-03-08"),
        ("tonight", FUTURE, "2023-03-08TNI"),
        ("the day before yesterday", PAST, "2023-03-06"),
        # weeks, months, years relative to the article date
        ("last week", PAST, "2023-W09"),
        ("this week", PAST, "2023-W10"),
        ("next week", FUTURE, "2023-W11"),
        ("the weekend", PAST, "2023-W10-WE"),
        ("last month", PAST, "2023-02"),
        ("next month", FUTURE, "2023-04"),
        ("this year", PAST, "2023"),
        ("last year", PAST, "2022"),
        ("the past year", PAST, "2022"),
        ("next year", FUTURE, "2024"),
        ("early next year", FUTURE, "2024"),
        ("the end of last year", PAST, "2022"),
        ("two weeks ago", PAST, "2023-W08"),
        ("three years ago", PAST, "2020"),
        ("five days ago", PAST, "2023-03-03"),
        # months and days written without a year
        ("in January", PAST, "2023-01"),
        ("in November", PAST, "2022-11"),
        ("in November", FUTURE, "2023-11"),
        ("December last year", PAST, "2022-12"),
        ("October of next year", FUTURE, "2024-10"),
        ("last September", PAST, "2022-09"),
        ("on February 26", PAST, "2023-02-26"),
        ("on the 3rd of February", PAST, "2023-02-03"),
        ("April 2", FUTURE, "2023-04-02"),
        ("on December 30", PAST, "2022-12-30"),
        ("March 20", PRESENT, "2023-03-20"),
        # explicit dates
        ("June 4, 2019", PAST, "2019-06-04"),
        ("4 June 2019", PAST, "2019-06-04"),
        ("2019-06-04", PAST, "2019-06-04"),
        ("May 2018", PAST, "2018-05"),
        ("in 1998", PAST, "1998"),
        ("fiscal 2021", PAST, "2021"),
        ("'97", PAST, "1997"),
        ("'05", PAST, "2005"),
        # coarse periods
        ("the second quarter of 2021", PAST, "2021-Q2"),
        ("the first quarter of last year", PAST, "2022-Q1"),
        ("fourth-quarter", PAST, "2023-Q4"),
        ("the first half of 2020", PAST, "2020-H1"),
        ("last summer", PAST, "2022-SU"),
        ("spring", PAST, "2023-SP"),
        ("the winter of 2019", PAST, "2019-WI"),
        ("the 1990s", PAST, "199"),
        ("the sixties", PAST, "196"),
        ("the past decade", PAST, "201"),
        ("the first week of May", PAST, "2022-W18"),
        # vague references
        ("recently", PAST, "PAST_REF"),
        ("in recent years", PAST, "PAST_REF"),
        ("currently", PRESENT, "PRESENT_REF"),
        ("now", PRESENT, "PRESENT_REF"),
        ("in the future", FUTURE, "FUTURE_REF"),
        ("the long term", FUTURE, "FUTURE_REF"),
    ],
)
def test_normalize(text: str, tense: str, value: str) -> None:
    assert normalize(text, WED, tense=tense)[1] == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("eight years", "P8Y"),
        ("a single-day", "P1D"),
        ("three months", "P3M"),
        ("two decades", "P20Y"),
    ],
)
def test_durations(text: str, value: str) -> None:
    assert normalize(text, WED) == ("DURATION", value)


def test_anaphora_uses_earlier_expressions() -> None:
    assert normalize("the same day", WED, previous=["2023-02-27"])[1] == "2023-02-27"
    assert normalize("the following day", WED, previous=["2023-02-27"])[1] == "2023-02-28"
    assert normalize("the year before", WED, previous=["2019"])[1] == "2018"
    assert normalize("two days later", WED, previous=["2023-02-27"])[1] == "2023-03-01"


def test_without_article_date_only_explicit_dates_resolve() -> None:
    assert normalize("on Tuesday", None) == ("DATE", None)
    assert normalize("last week", None) == ("DATE", None)
    assert normalize("March 3, 2021", None) == ("DATE", "2021-03-03")
    assert normalize("in 2004", None) == ("DATE", "2004")


@pytest.mark.parametrize("text", ["the proposal", "several countries", "", "talks"])
def test_not_time(text: str) -> None:
    assert normalize(text, WED)[1] is None


@pytest.mark.parametrize(
    ("value", "xsd"),
    [
        ("2023-03-08", "2023-03-08"),
        ("2023-03", "2023-03"),
        ("2023", "2023"),
        ("2023-03-08TMO", "2023-03-08"),
        ("2023-W10", "2023-03"),
        ("2023-W10-WE", "2023-03"),
        ("2023-Q2", "2023"),
        ("2023-H1", "2023"),
        ("2023-FA", "2023"),
        ("199", None),
        ("PAST_REF", None),
        ("P3Y", None),
        (None, None),
    ],
)
def test_to_xsd(value: str | None, xsd: str | None) -> None:
    assert to_xsd(value) == xsd


def test_interval() -> None:
    assert interval("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert interval("2023-Q3") == (date(2023, 1, 1), date(2023, 12, 31))
    assert interval("FUTURE_REF") is None


def test_weekday_of() -> None:
    assert weekday_of("early on Friday") == 4
    assert weekday_of("in May") is None


def test_doctests() -> None:
    assert doctest.testmod(timex).failed == 0


# --------------------------------------------------------------------------- in parsed text


@pytest.mark.slow
@pytest.mark.parametrize(
    ("sentence", "expression", "value"),
    [
        ("The ministers met on Monday in Vienna.", "Monday", "2023-03-06"),
        ("The ministers will meet on Monday in Vienna.", "Monday", "2023-03-13"),
        ("The summit is set to begin on Friday.", "Friday", "2023-03-10"),
        ("Shops stayed shut until Friday.", "Friday", "2023-03-03"),
        ("The parliament has suspended the session until Friday.", "Friday", "2023-03-10"),
        ("The agency said on November 3, 2021 that prices rose.", "November 3, 2021", "2021-11-03"),
        ("Exports fell sharply last week, the ministry said.", "last week", "2023-W09"),
        ("Output rose for the third month in a row.", "third month in a row", "2023-03"),
    ],
)
def test_find_timexes(nlp, sentence: str, expression: str, value: str) -> None:
    found = timex.find_timexes(nlp(sentence), WED)
    hits = [t for t in found if expression in t.span.text or t.span.text in expression]
    assert hits, [t.span.text for t in found]
    assert hits[0].value == value


@pytest.mark.slow
def test_time_index_dates_the_clause(nlp) -> None:
    doc = nlp(
        "The envoy said on Monday that the two sides had agreed to talks, which begin in May."
    )
    index = timex.TimeIndex.build(doc, WED)
    agreed = next(t for t in doc if t.text == "agreed")
    begin = next(t for t in doc if t.text == "begin")
    said = next(t for t in doc if t.text == "said")
    assert index.time_of(said) is not None and index.time_of(said).value == "2023-03-06"
    # what was said has the time of its own clause: Monday dates the saying, not the agreeing
    assert index.time_of(agreed) is None
    tx = index.time_of(begin)
    assert tx is not None and tx.span.text == "May"


@pytest.mark.slow
def test_bounding_expressions_do_not_date_events(nlp) -> None:
    doc = nlp("Prices have risen since 2019.")
    index = timex.TimeIndex.build(doc, WED)
    assert index.time_of(next(t for t in doc if t.text == "risen")) is None


@pytest.mark.slow
def test_conjunct_in_another_tense_keeps_its_own_time(nlp) -> None:
    doc = nlp("The company was founded in 1998 and runs four factories.")
    index = timex.TimeIndex.build(doc, WED)
    founded = next(t for t in doc if t.text == "founded")
    runs = next(t for t in doc if t.text == "runs")
    assert index.time_of(founded) is not None and index.time_of(founded).value == "1998"
    assert index.time_of(runs) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expression", "value"),
    [
        # a day without its year, right after a story of an earlier year: no known date
        (
            "In 1981, Earl Butz pleaded guilty to tax evasion. On June 19 he was sentenced.",
            "June 19",
            None,
        ),
        # the article's own year: the day is dated as usual
        ("In 2023, prices rose. On March 6 the bank raised its rate.", "March 6", "2023-03-06"),
    ],
)
def test_a_day_told_in_a_story_of_another_year(nlp, text: str, expression: str, value) -> None:
    found = {t.span.text: t.value for t in timex.find_timexes(nlp(text), WED)}
    assert found.get(expression) == value, found
