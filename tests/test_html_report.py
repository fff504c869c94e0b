"""report.html is one offline, escaped, Chinese page whose every chart renders in a browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from plotly.offline import get_plotlyjs
from test_charts import MALICIOUS_GROUP, context_of, sample_round

from sgw_analysis import charts, labels
from sgw_analysis.browser import HEADLESS_FLAGS
from sgw_analysis.html_report import report_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [flag for flag in HEADLESS_FLAGS if flag != "--headless"]  # playwright adds it


@pytest.fixture(scope="module")
def report():
    ctx = context_of(sample_round(is_demo=True))
    figures = charts.all_charts(ctx)
    return figures, report_html(ctx, figures)


def test_report_is_chinese_utf8_html(report):
    _, html = report
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in html and '<meta charset="utf-8">' in html
    assert labels.REPORT_TITLE in html


def test_text_from_returns_is_escaped(report):
    _, html = report
    assert MALICIOUS_GROUP not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_plotlyjs_is_inlined_exactly_once(report):
    _, html = report
    assert html.count(get_plotlyjs()) == 1
    assert html.count("plotly.js v") == 1


def test_report_asks_for_nothing_from_the_network(report):
    _, html = report
    ours = html.replace(get_plotlyjs(), "")  # the bundle's own strings name plotly.com
    for marker in ('src="http', "src='http", 'href="http', "cdn.plot.ly", "@import",
                   "fonts.googleapis", "<link"):
        assert marker not in ours


def test_each_figure_is_drawn_once(report):
    figures, html = report
    for key in figures:
        assert html.count(f'id="chart-{key}"') == 1


def test_demo_banner_only_for_demo_data():
    ctx = context_of(sample_round(), is_demo=False)
    real = report_html(ctx, charts.all_charts(ctx))
    assert 'class="demo-banner"' not in real and labels.DEMO_NOTE not in real


def test_headline_counts_returns_and_met_levels(report):
    _, html = report
    assert labels.HEADLINE_UNIT.format(count=29, total=31) in html  # returned
    assert labels.HEADLINE_UNIT.format(count=2, total=31) in html  # late


def test_method_section_names_vintage_statuses_and_what_annex2_cannot_show(report):
    _, html = report
    for text in (labels.NOT_IN_ANNEX2, *labels.STATUS_MEANING.values(), "2017-04-15"):
        assert text in html


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(),
                    reason="Debian's chromium is not installed (make system-deps)")
def test_every_chart_renders_offline_in_chromium(report, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    figures, html = report
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    blocked, errors, dialogs = [], [], []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", route)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_function(
                f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {len(figures)}",
                timeout=30_000)
            assert page.locator(".js-plotly-plot").count() == len(figures)
            assert page.locator("div.js-plotly-plot > div > div > svg.main-svg").count() >= len(
                figures)
            assert page.locator(".demo-banner").is_visible()
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert blocked == []
    assert errors == []
    assert dialogs == []
    assert (tmp_path / "report.png").stat().st_size > 0
