"""summary.xlsx prints as it should: A4, one page wide, the 汇总表 on one page, page X of Y."""

from __future__ import annotations

import io

import openpyxl
import pytest
import xlsxwriter
from printed import SOFFICE, has, page_lines, soffice_pdf, squeeze
from test_charts import context_of, sample_round

from sgw_analysis import labels
from sgw_analysis.printing import PORTRAIT_UNITS, page_of, print_css, sheet_print_setup
from sgw_analysis.workbook import summary_columns, summary_workbook


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory):
    """summary.xlsx of the demo-flagged sample round, and its PDF as LibreOffice prints it."""
    folder = tmp_path_factory.mktemp("printed")
    data = summary_workbook(context_of(sample_round(is_demo=True)))
    (folder / "summary.xlsx").write_bytes(data)
    return folder, data


@pytest.fixture(scope="module")
def pdf_lines(printed, tmp_path_factory):
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: printed-page checks skipped")
    folder, _ = printed
    return page_lines(soffice_pdf(folder / "summary.xlsx", tmp_path_factory.mktemp("lo")))


def _one_sheet(width_units: float, is_demo: bool, one_page: bool = False):
    """A one-sheet workbook with the print setup applied, read back by openpyxl."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("x")
    sheet.write_row(1, 0, ["a", "b"])
    sheet_print_setup(sheet, title="标题 & 副题", generated_text="2017-04-16 09:30",
                      is_demo=is_demo, width_units=width_units, one_page=one_page)
    book.close()
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))["x"]


def _fit(setup) -> tuple[int, int]:
    """Pages wide and tall to fit to; an absent attribute is OOXML's default, 1."""
    return (1 if setup.fitToWidth is None else setup.fitToWidth,
            1 if setup.fitToHeight is None else setup.fitToHeight)


def test_a_wide_sheet_prints_landscape_on_a4_one_page_wide_with_its_header_row_repeated():
    sheet = _one_sheet(PORTRAIT_UNITS + 1, is_demo=True)
    setup = sheet.page_setup
    assert setup.paperSize == 9 and setup.orientation == "landscape"
    assert _fit(setup) == (1, 0)  # one page wide, as many tall as it takes
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$2:$2"
    header, footer = sheet.oddHeader, sheet.oddFooter
    assert header.left.text == "标题 && 副题"  # a literal & is escaped, not a control code
    assert labels.DEMO_NOTE in header.right.text
    assert footer.center.text == page_of("&P", "&N")
    assert "2017-04-16 09:30" in footer.left.text


def test_a_narrow_sheet_prints_portrait_and_only_demo_data_is_flagged():
    sheet = _one_sheet(PORTRAIT_UNITS - 10, is_demo=False, one_page=True)
    assert sheet.page_setup.orientation == "portrait"
    assert _fit(sheet.page_setup) == (1, 1)
    assert not sheet.oddHeader.right.text


def test_every_sheet_of_summary_xlsx_has_the_print_setup(printed):
    _, data = printed
    book = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in book.worksheets:
        assert sheet.page_setup.paperSize == 9 and _fit(sheet.page_setup)[0] == 1, sheet.title
        assert sheet.print_title_rows == "$2:$2", sheet.title
        assert labels.DEMO_NOTE in sheet.oddHeader.right.text
    assert _fit(book[labels.SHEET["summary"]].page_setup) == (1, 1)


def _sheet_pages(lines: list[list[str]]) -> dict[str, list[list[str]]]:
    """Pages by the sheet title their page header carries (the first line of a page)."""
    titles = {labels.SHEET_TITLE[key]: key for key in labels.SHEET}
    pages: dict[str, list[list[str]]] = {}
    for page in lines:
        key = next(k for t, k in titles.items() if page[0].startswith(squeeze(t)))
        pages.setdefault(key, []).append(page)
    return pages


@pytest.mark.slow
def test_libreoffice_prints_the_summary_on_one_page_and_no_sheet_wider_than_a_page(
        printed, pdf_lines):
    pages = _sheet_pages(pdf_lines)
    assert set(pages) == set(labels.SHEET)
    assert len(pages["summary"]) == 1
    summary = "".join(pages["summary"][0])
    for column in summary_columns():  # every column of the 汇总表 is on its one page
        assert has(summary, column.header), column.header
    book = openpyxl.load_workbook(io.BytesIO(printed[1]))
    for key, sheet_pages in pages.items():
        headers = [c.value for c in book[labels.SHEET[key]][2]]
        for page in sheet_pages:  # split in width, a page would lack the first or last column
            top = "".join(page[:6])  # page header, title row, the repeated (wrapped) header row
            assert has(top, headers[0][:2]) and has(top, headers[-1][:2]), (key, page[:6])


@pytest.mark.slow
def test_libreoffice_numbers_every_page_x_of_y(pdf_lines):
    total = len(pdf_lines)
    assert total <= 12  # was 39 pages before the print setup
    for number, page in enumerate(pdf_lines, start=1):
        assert has("".join(page), page_of(str(number), str(total)))
        assert has(page[0], labels.DEMO_NOTE)


def test_print_css_sets_a4_page_numbers_and_the_demo_flag_only_for_demo_data():
    demo, real = print_css(True, "2017-04-16 09:30"), print_css(False, "2017-04-16 09:30")
    assert "size: A4" in demo and "counter(pages)" in demo and "2017-04-16 09:30" in demo
    assert labels.DEMO_NOTE in demo and labels.DEMO_NOTE not in real
    assert "break-inside: avoid" in demo and "position: static" in demo


def test_every_sheet_of_the_feedback_workbooks_has_the_same_print_setup():
    from sgw_analysis.feedback import feedback_outputs

    workbooks = {path: data for path, data in
                 feedback_outputs(context_of(sample_round(is_demo=True))).items()
                 if path.endswith(".xlsx")}
    assert workbooks
    for path, data in workbooks.items():
        for sheet in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
            assert sheet.page_setup.paperSize == 9 and _fit(sheet.page_setup)[0] == 1, path
            assert labels.DEMO_NOTE in sheet.oddHeader.right.text, path
            assert sheet.oddFooter.center.text == page_of("&P", "&N"), path
