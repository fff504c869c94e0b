"""report.pdf: Chromium prints the report on A4, every chart whole on one page, pages numbered."""

from __future__ import annotations

import pdfplumber
import pytest
from printed import has, needs_chromium, page_lines
from test_charts import context_of, sample_round

from sgw_analysis import charts, labels
from sgw_analysis.html_report import report_html
from sgw_analysis.printing import page_of

A4_POINTS = (595, 842)


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory):
    ctx = context_of(sample_round(is_demo=True))
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(charts.html_pdf(report_html(ctx, charts.all_charts(ctx))))
    return path


pytestmark = [pytest.mark.slow, needs_chromium]


def test_report_pdf_is_a4(report_pdf):
    with pdfplumber.open(report_pdf) as pdf:
        sizes = {(round(p.width), round(p.height)) for p in pdf.pages}
    assert sizes == {A4_POINTS}


def test_each_chart_is_whole_on_exactly_one_page(report_pdf):
    lines = page_lines(report_pdf)
    for key in charts.CHARTS:
        title = labels.CHART_TITLE[key]  # drawn by plotly at the top of the figure
        caption = labels.CHART_NOTE[key]  # the figure's caption, below it
        with_title = [n for n, page in enumerate(lines) if any(
            has(line, title) and len(line) == len(title) for line in page)]
        with_caption = [n for n, page in enumerate(lines) if has("".join(page), caption)]
        assert len(with_title) == 1, (key, with_title)
        assert with_caption == with_title, (key, with_caption, with_title)


def test_every_page_is_numbered_and_flagged_as_demo_data(report_pdf):
    lines = page_lines(report_pdf)
    total = len(lines)
    for number, page in enumerate(lines, start=1):
        text = "".join(page)
        assert has(text, page_of(str(number), str(total)))
        assert has(text, labels.DEMO_NOTE)


def test_the_folded_groups_list_points_to_the_workbook_instead_of_printing(report_pdf):
    text = "".join("".join(page) for page in page_lines(report_pdf))
    assert has(text, labels.GROUPS_IN_WORKBOOK)
    assert not has(text, "北京市少工委委员群")  # a listed group, shown only when unfolded
