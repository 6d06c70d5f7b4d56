"""The query page of ``kgbuild serve`` in headless Chromium: it works under its strict policy
(no Content-Security-Policy violation), and the page of another origin cannot use the endpoint."""

from __future__ import annotations

import pytest
from rdf_sample import sample_kg, write_build
from test_browser_html import ARGS, CHROMIUM

from kgbuild.server import ServeOptions, start_in_thread

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = write_build(tmp_path_factory.mktemp("page"), sample_kg())
    srv, thread = start_in_thread(folder, options=ServeOptions(timeout=20))
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield b
        b.close()


def test_query_page_runs_a_query_under_its_policy(server, browser):
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server.url)
    page.select_option("#examples", index=0)
    page.click("button[type=submit]")
    page.wait_for_selector("#results table td", timeout=60_000)
    assert page.locator("#results table tr").count() > 1
    assert not problems, problems
    page.close()


def test_another_origin_cannot_query(server, browser):
    page = browser.new_page()
    page.goto("about:blank")
    status = page.evaluate(
        """async url => {
            try {
                const r = await fetch(url + "sparql", {method: "POST", mode: "no-cors",
                    headers: {"Content-Type": "application/x-www-form-urlencoded"},
                    body: "query=ASK%7B%7D"});
                return r.type;
            } catch (e) { return "blocked"; }
        }""",
        server.url,
    )
    assert status in ("opaque", "blocked")  # never readable
    page.close()


def test_query_page_asks_for_parameters_and_pages(server, browser):
    page = browser.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server.url)
    page.select_option("#examples", value="everything_x_did")
    field = page.locator("#params input[data-param=name]")
    assert field.count() == 1 and field.get_attribute("required") is not None
    assert "actor" in page.locator("#question").inner_text()
    field.fill("anna berg")
    page.fill("#rows", "1")
    page.click("button[type=submit]")
    page.wait_for_selector("#results table td", timeout=60_000)
    status = page.locator("#status").inner_text()
    assert "1 row (rows 1–1)" in status and " ms" in status, status
    assert page.locator("#results table tr").count() == 2
    page.select_option("#examples", index=0)  # events by class: more than one row
    page.fill("#rows", "1")
    page.click("button[type=submit]")
    page.locator("#status", has_text="(rows 1–1)").wait_for(timeout=60_000)
    page.click("#next")
    page.locator("#status", has_text="(rows 2–2)").wait_for(timeout=60_000)
    assert page.is_enabled("#prev")
    assert not problems, problems
    page.close()
