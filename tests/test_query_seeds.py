"""The analyst queries of ``queries/`` on the seed build: documented, answered, engines agree."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from kgbuild.query import run_query

pytestmark = pytest.mark.slow

QUERIES = ROOT / "queries"
#: Parameters for the seed build (seed content may appear in tests, never in the package).
PARAMS = {
    "what_did_x_demand": {"name": "Russia"},
    "everything_x_did": {"name": "Putin"},
    "what_x_said": {"name": "Lavrov"},
    "actors_linked_to_organisation": {"org": "NATO"},
    "sources_of_events": {},
}
REQUIRED = {
    "who_met_whom",
    "what_did_x_demand",
    "everything_x_did",
    "sources_of_events",
    "disputed_claims",
    "what_x_said",
    "most_connected_actors",
    "events_by_category_per_day",
    "places_of_events",
    "actors_linked_to_organisation",
}


def rq_files() -> list[str]:
    return sorted(p.stem for p in QUERIES.glob("*.rq"))


def run(seed_build, name, engine="store", params=None):
    out, _ = seed_build
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    names, rows = run_query(
        out, text, params=PARAMS.get(name, {}) if params is None else params, engine=engine
    )
    return [dict(zip(names, r, strict=True)) for r in rows]


def test_the_ten_analyst_questions_are_there():
    assert set(rq_files()) >= REQUIRED
    assert len(rq_files()) >= 10


@pytest.mark.parametrize("name", rq_files())
def test_query_is_documented(name):
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    for field in ("title", "question", "how", "params"):
        assert re.search(rf"^# {field}:", text, re.M), f"{name}.rq lacks '# {field}:'"
    declared = re.search(r"^# params: (\w+)", text, re.M)
    assert declared
    if declared.group(1) != "none":
        assert f"?{declared.group(1)}" in text


@pytest.mark.parametrize("name", rq_files())
def test_query_answers_on_the_seeds(seed_build, name):
    assert run(seed_build, name), f"{name}.rq gives no answer on the seeds"


@pytest.mark.parametrize("name", rq_files())
def test_store_and_rdflib_agree(seed_build, name):
    def norm(v):  # GROUP_CONCAT joins in no particular order
        return " | ".join(sorted((v or "").split(" | ")))

    def key(rows):
        return sorted(tuple(sorted((k, norm(v)) for k, v in r.items())) for r in rows)

    assert key(run(seed_build, name)) == key(run(seed_build, name, engine="rdflib"))


def test_who_met_whom(seed_build):
    rows = run(seed_build, "who_met_whom")
    assert any("Putin" in r["actor"] and "Scholz" in r["partner"] for r in rows)


def test_what_did_russia_demand(seed_build):
    rows = run(seed_build, "what_did_x_demand")
    assert any("guarantee" in (r["what"] or "") + r["sentence"] for r in rows)
    assert all("Russia" in r["actor"] for r in rows)


def test_everything_putin_did_in_time_order(seed_build):
    rows = run(seed_build, "everything_x_did")
    assert len(rows) >= 5 and all("Putin" in r["actor"] for r in rows)
    times = [r["time"] for r in rows if r["time"]]
    assert times == sorted(times)


def test_parameter_changes_the_answer(seed_build):
    putin = run(seed_build, "everything_x_did", params={"name": "Putin"})
    scholz = run(seed_build, "everything_x_did", params={"name": "Scholz"})
    assert putin and scholz and {r["actor"] for r in putin}.isdisjoint({r["actor"] for r in scholz})


def test_sources_of_events(seed_build):
    rows = run(seed_build, "sources_of_events")
    assert int(rows[0]["sources"]) >= 2
    counts = [int(r["sources"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    only = run(seed_build, "sources_of_events", params={"text": "meet"})
    assert only and all("meet" in r["event_label"].lower() for r in only)


def test_what_lavrov_said(seed_build):
    rows = run(seed_build, "what_x_said")
    assert rows and all("Lavrov" in r["speaker"] for r in rows)
    assert {r["how"] for r in rows} <= {"reported claim", "statement"}


def test_most_connected_actors(seed_build):
    rows = run(seed_build, "most_connected_actors")
    partners = [int(r["partners"]) for r in rows]
    assert len(rows) >= 3 and partners == sorted(partners, reverse=True)
    assert all(r["type"] in ("Person", "Organization", "Country", "Group") for r in rows)


def test_events_by_category_per_day(seed_build):
    rows = run(seed_build, "events_by_category_per_day")
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["day"]) for r in rows)
    assert any(r["category"] != "Event" for r in rows)


def test_places_and_organisation_links(seed_build):
    assert run(seed_build, "places_of_events")
    rows = run(seed_build, "actors_linked_to_organisation")
    assert all("North Atlantic" in r["organisation"] or "NATO" in r["organisation"] for r in rows)


def test_disputed_claims(seed_build):
    rows = run(seed_build, "disputed_claims")
    assert {r["kind"] for r in rows} <= {"disputed", "affirmed and denied"}


def test_reports_by_source_covers_every_article(seed_build):
    _out, summary = seed_build
    rows = run(seed_build, "reports_by_source")
    assert len(rows) == summary.articles


def test_shipped_queries_are_the_queries_folder():
    from kgbuild.analyst_queries import bundled_queries

    shipped = bundled_queries()
    assert list(shipped) == rq_files()
    for name, q in shipped.items():
        assert q.text == (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
        assert q.title and q.question and q.params


def test_cli_lists_and_runs_a_shipped_query_by_name(seed_build, capsys, tmp_path, monkeypatch):
    from kgbuild.cli import main

    out, _ = seed_build
    monkeypatch.chdir(tmp_path)  # no queries/ folder here: the name comes from the package
    assert main(["query", "--list"]) == 0
    listed = capsys.readouterr().out
    for name in rq_files():
        assert re.search(rf"^{name}$", listed, re.M)
    assert main(["query", "who_met_whom", "--data", str(out), "--format", "csv"]) == 0
    by_name = capsys.readouterr().out
    assert (
        main(["query", str(QUERIES / "who_met_whom.rq"), "--data", str(out), "--format", "csv"])
        == 0
    )
    assert by_name == capsys.readouterr().out
    assert by_name.count("\n") > 1


def test_cli_query_needs_a_query(capsys):
    from kgbuild.cli import main

    assert main(["query"]) != 0
    assert "--list" in capsys.readouterr().err


#: Plain forms of the shipped queries, over the event graph alone: the shipped query, which
#: reads the summary graph and looks details up in an order quick on large builds, must answer
#: exactly what its plain form answers (every row: the pages' limits are lifted).
REFERENCE = ROOT / "tests" / "reference_queries"
#: Further parameter values: another spelling of the seed value, and a name no entity has.
OTHER_VALUES = {
    "everything_x_did": ["vladimir  putin", "no such name"],
    "what_x_said": ["LAVROV", "no such name"],
    "what_did_x_demand": ["russia", "no such name"],
    "actors_linked_to_organisation": ["nato", "no such name"],
    "sources_of_events": ["meet", "no such words"],
}


def _cases() -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for name in sorted(p.stem for p in REFERENCE.glob("*.rq")):
        out += [(name, None)] + [(name, v) for v in OTHER_VALUES.get(name, [])]
    return out


def _bag(names, rows, merged=()):
    """Rows as a sorted list, the values of GROUP_CONCAT columns as sets."""

    def cell(name, v):
        return frozenset((v or "").split(" | ")) if name in merged else v

    return sorted(
        (tuple(cell(n, v) for n, v in zip(names, r, strict=True)) for r in rows), key=repr
    )


def test_every_shipped_query_has_its_plain_form():
    assert {p.stem for p in REFERENCE.glob("*.rq")} == set(rq_files())


@pytest.mark.parametrize(("name", "value"), _cases())
def test_summary_query_answers_as_its_plain_form(seed_build, name, value):
    from kgbuild.analyst_queries import header_parameters
    from kgbuild.query import paged

    out, _ = seed_build
    text = paged((QUERIES / f"{name}.rq").read_text(encoding="utf-8"), None)
    plain = (REFERENCE / f"{name}.rq").read_text(encoding="utf-8")
    declared = header_parameters(text)
    given = dict(PARAMS.get(name, {}))
    if value is not None:
        given = {declared[0].name: value}
    names, rows = run_query(out, text, params=given)
    plain_given = {k: " ".join(v.lower().split()) for k, v in given.items()}
    plain_names, plain_rows = run_query(out, plain, params=plain_given)
    assert names == plain_names
    if name == "places_of_events":  # the summary keeps three examples of each place
        short = [n for n in names if n != "examples"]
        cut = [[r[i] for i, n in enumerate(names) if n != "examples"] for r in rows]
        cut_plain = [[r[i] for i, n in enumerate(names) if n != "examples"] for r in plain_rows]
        assert _bag(short, cut) == _bag(short, cut_plain)
        every = {v for r in plain_rows for v in r[names.index("examples")].split(" | ")}
        kept = {v for r in rows for v in r[names.index("examples")].split(" | ")}
        assert kept <= every
        return
    merged = {"reported_by"}
    assert _bag(names, rows, merged) == _bag(plain_names, plain_rows, merged)
    if value is None or "no such" not in value:
        assert rows, f"{name} gives no answer"


@pytest.mark.parametrize("name", rq_files())
def test_shipped_queries_page_their_answers(name):
    from kgbuild.query import query_limit

    assert query_limit((QUERIES / f"{name}.rq").read_text(encoding="utf-8")), (
        f"{name}.rq has no LIMIT: a large build's full answer would be thousands of rows"
    )


@pytest.mark.parametrize("name", rq_files())
def test_pages_are_the_slices_of_every_answer(seed_build, name):
    """A page of a shipped query (a later page included) holds the rows of its place in the
    whole answer, though the queries choose their page early (sub-select, rank window)."""
    from kgbuild.query import paged

    out, _ = seed_build
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    given = PARAMS.get(name, {})
    names, every = run_query(out, paged(text, None), params=given)
    for limit, offset in ((3, 0), (3, 3), (4, 5)):
        _names, rows = run_query(out, paged(text, limit, offset), params=given)
        assert _bag(names, rows) == _bag(names, every[offset : offset + limit]), (limit, offset)


@pytest.mark.parametrize(
    "prop",
    [
        "meetingRank",
        "dayRank",
        "degreeRank",
        "placeRank",
        "reportRank",
        "sourceRank",
        "timelineRow",
        "demandRow",
        "statementRow",
        "linkedRow",
    ],
)
def test_summary_ranks_number_their_nodes_from_one(seed_build, prop):
    out, _ = seed_build
    _names, rows = run_query(out, f"SELECT ?r WHERE {{ GRAPH kgid:summary {{ ?n kg:{prop} ?r }} }}")
    ranks = sorted(int(r[0]) for r in rows)
    assert ranks and ranks == list(range(1, len(ranks) + 1))


def test_stories_have_their_summary(seed_build):
    out, _ = seed_build
    q = """SELECT ?story (SAMPLE(?n) AS ?events) (COUNT(?e) AS ?top) WHERE {
        ?story a kg:Story .
        GRAPH kgid:summary { ?story kg:eventCount ?n ; kg:topEvent ?e }
    } GROUP BY ?story"""
    _names, rows = run_query(out, q)
    stories, _ = run_query(out, "SELECT ?s WHERE { ?s a kg:Story }")
    assert rows and len(rows) == len(stories)
    assert all(1 <= int(top) <= min(int(n), 5) for _s, n, top in rows)
