"""Ingest: article parts of the seeds and of Wikinews-style files, furniture, dates, web pages."""

from __future__ import annotations

import csv

import pytest
from conftest import SEEDS, WIKINEWS, needs

from kgbuild.dates import parse_explicit_date
from kgbuild.ingest import (
    article_id,
    display_path,
    html_to_text,
    is_furniture,
    looks_like_html,
    parse_article,
    read_file,
)
from kgbuild.ingest.article import first_sentence, is_date_line


def _seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text, warnings = read_file(path)
    assert warnings == []
    return parse_article(text, article_id=path.stem, path=str(path))


# ------------------------------------------------------------------------------------- seeds

SEED_META = [
    # prefix, title (start), date, source, author, dateline
    (
        "000",
        "Putin: Russia Does Not Want War, Ready to Continue Security Talks with West",
        None,
        "Press TV",
        None,
        None,
    ),
    (
        "001",
        "Russian President Vladimir Putin said Tuesday that Moscow is ready",
        None,
        "AP",
        None,
        "Moscow",
    ),
    (
        "002",
        "Putin: Russia doesn’t want conflict but needs ‘immediate’ security guarantee from US and Its allies",
        None,
        None,
        None,
        "MOSCOW",
    ),
    (
        "003",
        "Putin Says Russia Doesn’t Want War, Ready to Continue Negotiations",
        None,
        "Antiwar.com",
        "Dave DeCamp",
        None,
    ),
    (
        "004",
        "Russia to do its best to prevent protraction of talks on European security — Putin",
        "2022-02-15",
        "TASS",
        None,
        "MOSCOW",
    ),
]


@pytest.mark.parametrize(("prefix", "title", "date", "source", "author", "dateline"), SEED_META)
def test_seed_metadata(prefix, title, date, source, author, dateline):
    a = _seed(prefix)
    assert a.title.startswith(title)
    assert a.date == date
    assert a.source == source
    assert a.author == author
    assert a.dateline == dateline


def test_seed_002_page_date_is_not_the_publication_date():
    a = _seed("002")
    assert a.date is None  # "Thursday, December 26, 2024" is the page's clock, the story is of 2021
    assert "2024" not in a.cleaned[:300]


SEED_BODY = [
    # prefix, the text starts with, the text ends with
    ("000", "Putin: Russia Does Not Want War", "near Russian borders."),
    ("001", "Russian President Vladimir Putin said Tuesday", "any time soon."),
    ("002", "Putin: Russia doesn’t want conflict", "problem in Ukraine."),
    ("003", "Putin Says Russia Doesn’t Want War", "Russian troop movements."),
    ("004", "Russia to do its best", "military transparency."),
]


@pytest.mark.parametrize(("prefix", "start", "end"), SEED_BODY)
def test_seed_body_is_whole(prefix, start, end):
    a = _seed(prefix)
    assert a.cleaned.startswith(start)
    assert a.cleaned.endswith(end)


SEED_FURNITURE = [
    ("000", "Source: Press TV"),
    ("001", "(AP)"),
    ("001", "Moscow: Russian"),
    ("002", "Also Read"),
    ("002", "Learn more"),
    ("002", "Most Popular Articles"),
    ("002", "21.1 C"),
    ("002", "Delhi"),
    ("002", "MOSCOW –"),
    ("002", "NEW CEASEFIRE"),
    ("003", "Author:"),
    ("003", "follow him on Twitter"),
    ("003", "is the news editor of"),
    ("004", "Read more on the site"),
    ("004", "/TASS/"),
    ("004", "MOSCOW, February 15"),
    ("004", "Russian Politics & Diplomacy"),
]


@pytest.mark.parametrize(("prefix", "furniture"), SEED_FURNITURE)
def test_seed_furniture_removed(prefix, furniture):
    assert furniture not in _seed(prefix).cleaned


def test_seed_dateline_cut_from_its_paragraph():
    assert "\n\nMoscow will do its best not to protract talks" in _seed("004").cleaned
    assert "\n\nRussia wants to avoid a confrontation" in _seed("002").cleaned


def test_seed_broken_line_joined():
    assert "near the border with that country." in _seed("000").cleaned


# ------------------------------------------------- paragraphs broken after an abbreviation

ABBREVIATION_BREAKS = [
    # first paragraph, second paragraph, joined into one
    ("The U.S.", "Department of Labor has released data.", True),
    ("Ana Ferreira, leader of the U.K.", "Green Party, has outlined her plans.", True),
    ("State Sen.", "Raymond Okafor filed the suit on Monday.", True),
    ("A spokesman for the U.N.", "Secretary-General said the talks would go on.", True),
    ("Ana Roe, the only woman in the U.S.", "Senate, has said she will run again.", True),
    # the sentence ended: a place, a sentence starter, a quotation, a left-out abbreviation
    ("The vaccine is sold in the U.S.", "Analysts expect more sales.", False),
    ("Talks were held near the U.N.", "The delegates left on Friday.", False),
    ("He could be sent to the U.K.", '"We take this seriously," she said.', False),
    ("He was hurt near the Capitol in Washington, D.C.", "Police reported the crash.", False),
    ("The talks ended.", "Department officials left.", False),
]


@pytest.mark.parametrize(("first", "second", "joined"), ABBREVIATION_BREAKS)
def test_paragraph_broken_after_abbreviation(first, second, joined):
    cleaned = parse_article(f"Title\n\n{first}\n\n{second}\n", article_id="a").cleaned
    assert (f"{first} {second}" in cleaned) is joined
    assert (f"{first}\n\n{second}" in cleaned) is not joined


# ------------------------------------------------------------------------- Wikinews layout

WIKINEWS_STYLE = [
    # raw, title, date, first body words
    (
        "Mexican president defends emigration\n2005-05-14\n\nPresident Fox spoke out on Friday.\n",
        "Mexican president defends emigration",
        "2005-05-14",
        "President Fox spoke",
    ),
    (
        "Business Brief for December 12, 2005\n2005-12-12\n\nThese are short blurbs.\n",
        "Business Brief for December 12, 2005",
        "2005-12-12",
        "These are short blurbs.",
    ),
    (
        "Wikinews Shorts: September 29, 2008\n2008-09-29\n\nIceland nationalises a bank.\n",
        "Wikinews Shorts: September 29, 2008",
        "2008-09-29",
        "Iceland nationalises",
    ),
    (
        "Article without a date\n\n\nThe body starts here.\n",
        "Article without a date",
        None,
        "The body starts here.",
    ),
    (
        "U.S. Senate passes bill\n2007-06-01\n\nU.S. President George W. Bush said he would sign it.\n",
        "U.S. Senate passes bill",
        "2007-06-01",
        "U.S. President George W. Bush",
    ),
    (
        "Botha dies\n2006-11-01\n\nP.W. Botha, the former leader, has died.\n",
        "Botha dies",
        "2006-11-01",
        "P.W. Botha",
    ),
    (
        "Hunger strike ends\n2005-09-01\n\nUPDATE: A man ended his hunger strike after 54 days in the capital today.\n",
        "Hunger strike ends",
        "2005-09-01",
        "UPDATE: A man",
    ),
]


@pytest.mark.parametrize(("raw", "title", "date", "body"), WIKINEWS_STYLE)
def test_wikinews_style(raw, title, date, body):
    a = parse_article(raw, article_id="w")
    assert (a.title, a.date) == (title, date)
    assert a.cleaned.split("\n\n")[1].startswith(body)
    assert a.dateline is None


def _manifest_sample(n: int = 40) -> list[dict[str, str]]:
    with open(WIKINEWS.parent / "wikinews-manifest.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return rows[:: max(1, len(rows) // n)][:n]


@needs(WIKINEWS)
def test_wikinews_files_match_their_manifest():
    wrong = []
    for row in _manifest_sample():
        text, _ = read_file(WIKINEWS / row["file"])
        a = parse_article(text, article_id=row["file"])
        if (
            a.title.replace('"', "") != row["title"].replace('"', "")
            or (a.date or "") != row["date"]
        ):
            wrong.append((row["file"], a.title, a.date))
        body = [p for p in text.split("\n\n")[1:] if p.strip() and not is_furniture(p)]
        assert a.cleaned.endswith(" ".join(body[-1].split())), row["file"]
    assert wrong == []


# ------------------------------------------------------------------------------- furniture

FURNITURE = [
    ("Also Read: NATO hints at support", True),
    ("Read more on the site →", True),
    ("Learn more", True),
    ("Most Popular Articles", True),
    ("Related News. *Rebels agree to talks", True),
    ("Related: Talks collapse", True),
    ("Follow us on Twitter", True),
    ("Jane Roe is a reporter, follow her on Instagram @jroe.", True),
    ("Share this article", True),
    ("© 2021 Example Media", True),
    ("Copyright 2021 Example Media. All rights reserved.", True),
    ("Photo: Reuters", True),
    ("Tags: politics, Europe", True),
    ("@someone", True),
    ("21.1 C", True),
    ("Related developments were discussed at the summit.", False),
    ("Copyright law was changed by parliament on Tuesday.", False),
    ("Readers were told the news on Monday.", False),
    ("Sharing the burden is key, the minister said.", False),
    ("The temperature fell to 5 C overnight.", False),
]


@pytest.mark.parametrize(("line", "expected"), FURNITURE)
def test_is_furniture(line, expected):
    assert is_furniture(line) is expected


def test_trailing_furniture_only_after_a_sentence():
    raw = "Penguins\n\nWe met the author to learn more.\n\nThe colony shrank. Learn more"
    a = parse_article(raw, article_id="t")
    assert a.cleaned == "Penguins\n\nWe met the author to learn more.\n\nThe colony shrank."


def test_speaker_label_later_in_the_story_is_no_dateline():
    raw = (
        "Interview\n\nThe summit ended on Friday in the city.\n\n"
        "Reporter: Could you explain what defines the organization and what you do every day there?"
    )
    assert parse_article(raw, article_id="i").dateline is None


def test_furniture_inside_and_after_the_story():
    raw = (
        "Rebels and army agree truce\n\nThe army and the rebels agreed a truce on Monday. Learn more\n\n"
        "Also Read: Earlier talks failed\n\nThe truce starts at noon.\n\nMost Popular Articles\n"
    )
    a = parse_article(raw, article_id="t")
    assert a.cleaned == (
        "Rebels and army agree truce\n\nThe army and the rebels agreed a truce on Monday.\n\n"
        "The truce starts at noon."
    )


# ----------------------------------------------------------------------- header, datelines

HEADERS = [
    # header lines above the title → date found (None: the header date is not the story's)
    (
        "21.1 C\nDelhi\nThursday, December 26, 2024\n\nTruce holds\n\nThe truce held.",
        "Truce holds",
        None,
    ),
    ("10:32 AM\nPartly cloudy 18°C\n\nTruce holds\n\nThe truce held.", "Truce holds", None),
    (
        "Truce holds\nPublished on March 3, 2020 10:32 am\n\nThe truce held.",
        "Truce holds",
        "2020-03-03",
    ),
    ("Truce holds\n\nWorld News 3 March 2020\n\nThe truce held.", "Truce holds", "2020-03-03"),
    ("Strike\n\nWorkers went on strike.", "Strike", None),
]


@pytest.mark.parametrize(("raw", "title", "date"), HEADERS)
def test_header_lines(raw, title, date):
    a = parse_article(raw, article_id="h")
    assert (a.title, a.date) == (title, date)
    assert a.cleaned.endswith("." if title == "Strike" else "The truce held.")


DATELINES = [
    # first paragraph → dateline, source, what the paragraph starts with afterwards
    ("MOSCOW, February 15. /TASS/. Moscow will do its best.", "MOSCOW", "TASS", "Moscow will"),
    ("GENEVA (Reuters) - Envoys met on Monday in the city.", "GENEVA", "Reuters", "Envoys met"),
    ("KYIV (AP) — Officials said the talks had ended.", "KYIV", "AP", "Officials said"),
    ("LONDON – The minister resigned on Friday evening.", "LONDON", None, "The minister"),
    (
        "New Delhi: India and China agreed on Monday to hold further talks on the disputed border region.",
        "New Delhi",
        None,
        "India and China",
    ),
    ("U.S. President George Bush said he would sign the bill.", None, None, "U.S. President"),
    (
        "UPDATE: The man ended his hunger strike after fifty four days of protest in the city.",
        None,
        None,
        "UPDATE:",
    ),
    (
        "Analysis: Why the talks failed after three rounds of negotiation between the two sides.",
        None,
        None,
        "Analysis:",
    ),
]


@pytest.mark.parametrize(("para", "dateline", "source", "rest"), DATELINES)
def test_datelines(para, dateline, source, rest):
    a = parse_article(f"A title\n\n{para}", article_id="d")
    assert (a.dateline, a.source) == (dateline, source)
    assert a.cleaned.split("\n\n")[1].startswith(rest)


META_LINES = [
    ("Talks\n\nBy John Smith\n\nThe talks ended.", "author", "John Smith"),
    (
        "Talks\n\nBy John Smith and Jane Roe\n\nThe talks ended.",
        "author",
        "John Smith and Jane Roe",
    ),
    ("Talks\n\nThe talks ended.\n\nSource: Example News", "source", "Example News"),
    ("Talks\n\nThe talks ended on Monday. (AFP)", "source", "AFP"),
    (
        "Talks\n\nThe talks ended.\n\nJane Roe is a correspondent for Example News.",
        "source",
        "Example News",
    ),
    (
        "Talks\n\nThe talks ended under the North Atlantic Treaty Organization (NATO)",
        "source",
        None,
    ),
]


@pytest.mark.parametrize(("raw", "field", "expected"), META_LINES)
def test_metadata_lines(raw, field, expected):
    a = parse_article(raw, article_id="m")
    assert getattr(a, field) == expected
    if expected:
        assert expected not in a.cleaned


def test_no_title_line_takes_the_first_sentence():
    first = "Officials of the U.S. and Canada met on Monday in Ottawa to discuss trade " * 3
    a = parse_article(first.strip() + ". Later they left.", article_id="x")
    assert a.title.endswith("in Ottawa to discuss trade.")
    assert a.cleaned.startswith("Officials of the U.S.")  # the title is not repeated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday, December 26, 2024", True),
        ("Russian Politics & Diplomacy February 15, 2022, 19:25", True),
        ("2005-05-14", True),
        ("Published on 3 March 2020 at 10:32", True),
        ("He died on March 3, 2020.", False),
        ("The summit of 2005-05-14 was the first of many such meetings held there", False),
        ("No date here", False),
    ],
)
def test_is_date_line(text, expected):
    assert is_date_line(text) is expected


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020-03-03T10:00:00Z", "2020-03-03"),
        ("Feb. 15, 2022", "2022-02-15"),
        ("15th February 2022", "2022-02-15"),
        ("February 30, 2022", None),
        ("31/12/2021", "2021-12-31"),
    ],
)
def test_parse_explicit_date(text, iso):
    assert parse_explicit_date(text) == iso


def test_first_sentence_skips_abbreviations():
    assert first_sentence("Mr. Smith met Dr. Jones in St. Louis. Then he left.") == (
        "Mr. Smith met Dr. Jones in St. Louis."
    )


# -------------------------------------------------------------------------------- web pages

PAGE = """<!DOCTYPE html>
<html><head><title>Ceasefire agreed | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2021-06-01T08:00:00Z">
<meta name="author" content="Jane Roe">
<script>var s = "<p>not text</p>";</script><style>p { color: red }</style></head>
<body><header><a href="/">Home</a></header><nav><a href="/world">World</a></nav>
<article><h1>Ceasefire agreed</h1>
<p>The government and the rebels agreed a ceasefire on Monday, the United Nations said.</p>
<div class="social-share">Share on Facebook</div>
<p>The agreement was signed in Geneva after three days of talks &amp; consultations.</p>
<aside>Related: earlier talks</aside></article>
<section class="related-stories"><article><p>Another story entirely</p></article></section>
<footer>Copyright 2021 Daily Example</footer></body></html>"""


def test_html_page_reduced_to_its_article():
    text = html_to_text(PAGE)
    a = parse_article(text, article_id="page")
    assert a.title == "Ceasefire agreed"
    assert a.date == "2021-06-01"
    assert a.source == "Daily Example"
    assert a.author == "Jane Roe"
    assert a.cleaned == (
        "Ceasefire agreed\n\nThe government and the rebels agreed a ceasefire on Monday, the "
        "United Nations said.\n\nThe agreement was signed in Geneva after three days of talks & "
        "consultations."
    )


def test_html_without_article_element_uses_body():
    page = (
        "<html><body><h1>Strike ends</h1><p>Workers returned to work on Friday.</p></body></html>"
    )
    a = parse_article(html_to_text(page), article_id="p")
    assert (a.title, a.cleaned) == (
        "Strike ends",
        "Strike ends\n\nWorkers returned to work on Friday.",
    )


@pytest.mark.parametrize(
    ("text", "suffix", "expected"),
    [
        ("<!doctype html><html><body>x</body></html>", "", True),
        ("  <html lang='en'><head></head></html>", ".txt", True),
        ("<p>A fragment</p>", ".html", True),
        ("The <html> element starts a page.", ".txt", False),
        ("Plain text", ".html", False),
    ],
)
def test_looks_like_html(text, suffix, expected):
    assert looks_like_html(text, suffix=suffix) is expected


# -------------------------------------------------------------------------- ids and names


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("news/000_abc.txt", "000_abc"),
        ("news/my article.txt", "my article"),
        ("news/-leading dash.txt", "-leading dash"),
        ('news/it\'s "quoted".txt', 'it\'s "quoted"'),
        ("news/ünïcödé 新闻.txt", "ünïcödé 新闻"),
        ("news/a;b.txt", "a_b"),
        ("news/tab\there.txt", "tab\\there"),
        ("news/.txt", ".txt"),
    ],
)
def test_article_id(path, expected):
    assert article_id(path) == expected


def test_display_path_of_undecodable_bytes_is_one_printable_line():
    import os

    shown = display_path(os.fsdecode(b"news/bad\xffname\n.txt"))
    assert shown == "news/bad\\xffname\\n.txt"
    shown.encode("utf-8")


def test_dateline_with_a_year_gives_the_date():
    a = parse_article(
        "Talks\n\nGENEVA, March 3, 2020 (Reuters) - Envoys met in the city.", article_id="d"
    )
    assert (a.date, a.source, a.dateline) == ("2020-03-03", "Reuters", "GENEVA")
    assert a.cleaned == "Talks\n\nEnvoys met in the city."
