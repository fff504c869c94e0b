"""A return read from Word gets back an Excel 附件2 prefilled with what was read, problems marked."""

from __future__ import annotations

import io
import re
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from sgw_analysis import labels
from sgw_analysis import template_layout as layout
from sgw_analysis.config import Config
from sgw_analysis.demo.documents import Form, chromium, docx_bytes, form_html, html_pdf
from sgw_analysis.feedback import feedback_outputs
from sgw_analysis.pipeline import Report, ingest, judge
from sgw_analysis.prefill import form_values, overflow_note
from sgw_analysis.template import PROBLEM_FILL, form_sheet

pytest.importorskip("docx", reason="python-docx (a dev dependency) builds the Word returns")

WHEN = datetime(2017, 4, 20, 9, 0)
FEEDBACK = "feedback/广东省-附件2审核意见.xlsx"
FORM = Form()


def _round(folder: Path, form: Form = FORM) -> tuple[Report, dict[str, bytes]]:
    """A round of one Word return of 广东省, judged, and its feedback files."""
    folder.mkdir()
    (folder / "广东省 附件2.docx").write_bytes(docx_bytes(form, "form_table"))
    report = judge(ingest(folder, workers=1), Config(raw_dir=folder, workers=1))
    return report, feedback_outputs(report.context(WHEN))


def _form(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(data))[layout.SHEET]


def _highlighted(sheet) -> dict[str, str]:
    return {c.coordinate: (c.comment.text if c.comment else "")
            for row in sheet.iter_rows() for c in row
            if c.fill.fgColor.rgb and c.fill.fgColor.rgb.endswith(PROBLEM_FILL[1:])}


@pytest.fixture(scope="module")
def word_round(tmp_path_factory: pytest.TempPathFactory):
    return _round(tmp_path_factory.mktemp("word") / "round")


def test_a_word_return_gets_back_the_template_filled_with_what_was_read(word_round):
    report, outputs = word_round
    book = openpyxl.load_workbook(io.BytesIO(outputs[FEEDBACK]))
    assert book.sheetnames == [labels.FEEDBACK_SHEET, layout.SHEET]
    sheet = book[layout.SHEET]
    read = {(r.level, name): getattr(r, name) for r in report.tables.form_totals.itertuples()
            for name in ("groups", "contacts")}
    assert read == FORM.totals
    for item in layout.TOTALS:
        (title, ref), = book.defined_names[item.name].destinations
        assert (title, ref.replace("$", "")) == (layout.SHEET, item.ref)
        assert sheet[item.ref].value == FORM.totals[(item.level, item.field)]
        assert isinstance(sheet[item.ref].value, int)
    listing = [tuple(c.value for c in row) for row in sheet[layout.LISTING_REF]]
    assert listing[:3] == [(name, who, members, None) for name, who, members in FORM.groups]
    assert set(listing[3:]) == {(None, None, None, None)}
    assert sheet[layout.DATE.ref].value == datetime(2017, 4, 12)
    assert sheet[layout.UNIT.ref].value == "广东省少工委"


def test_the_opinions_and_the_chase_message_say_the_prefilled_excel_is_attached(word_round):
    _report, outputs = word_round
    opinions = openpyxl.load_workbook(io.BytesIO(outputs[FEEDBACK]))[labels.FEEDBACK_SHEET]
    assert "预填的Excel附件2" in opinions["A2"].value
    messages = outputs["feedback/" + labels.FEEDBACK_MESSAGES_FILE].decode()
    assert "据来件预填的Excel附件2" in messages


def test_the_prefilled_feedback_ingested_again_gives_the_same_tables(word_round, tmp_path):
    report, outputs = word_round
    again = tmp_path / "again"
    again.mkdir()
    (again / "广东省-附件2审核意见.xlsx").write_bytes(outputs[FEEDBACK])
    tables = ingest(again, workers=1)
    assert list(tables.submissions["status"]) == ["ingested"]
    columns = ["province_code", "level", "groups", "contacts"]
    assert (tables.form_totals[columns].to_dict("records")
            == report.tables.form_totals[columns].to_dict("records"))
    columns = ["province_code", "group_name", "composition", "members", "group_type"]
    assert (tables.provincial_groups[columns].to_dict("records")
            == report.tables.provincial_groups[columns].to_dict("records"))
    assert str(tables.submissions["submitted_at"].iloc[0]) == "2017-04-12"


def test_a_value_not_read_is_an_empty_highlighted_input_with_its_finding(tmp_path):
    form = Form(totals={**FORM.totals, ("county", "contacts"): "待统计"})
    report, outputs = _round(tmp_path / "round", form)
    sheet = _form(outputs[FEEDBACK])
    cell = next(i.ref for i in layout.TOTALS if (i.level, i.field) == ("county", "contacts"))
    assert sheet[cell].value is None
    marked = _highlighted(sheet)
    message = report.tables.issues.set_index("rule").loc["value_not_a_number", "message"]
    assert message in marked[cell]
    assert marked[cell].startswith(labels.FEEDBACK_COMMENT_PREFIX)
    # every marked input is one a feedback row or an unread value is about, nothing else
    assert all(re.fullmatch(r"[BD][4-6]|B31", ref) for ref in marked)


def _groups(count: int) -> pd.DataFrame:
    return pd.DataFrame({"group_name": [f"第{n}群" for n in range(count)],
                         "composition": ["委员"] * count, "members": [10 + n for n in range(count)],
                         "note": [None] * count, "row": list(range(count, 0, -1))})


def test_more_groups_than_the_listing_holds_fill_it_in_order_and_are_said():
    totals = pd.DataFrame(columns=["level", "groups", "contacts"])
    values = form_values(totals, _groups(layout.LISTING_ROWS + 3), "2017-04-12")
    assert values.listed == layout.LISTING_ROWS + 3
    assert len(values.listing) == layout.LISTING_ROWS
    assert values.listing[0] == (f"第{layout.LISTING_ROWS + 2}群", "委员",
                                 10 + layout.LISTING_ROWS + 2, None)  # by row in the document
    assert str(layout.LISTING_ROWS + 3) in overflow_note(values)
    assert overflow_note(form_values(totals, _groups(2), None)) == ""


def test_a_municipality_prefilled_form_keeps_not_applicable_and_marks_what_was_not_read():
    groups = _groups(1).assign(members=pd.array([None], dtype="Int64"))
    values = form_values(pd.DataFrame({"level": ["province", "county"], "groups": [2, 16],
                                       "contacts": [80, 900]}), groups, None)
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    form_sheet(book, "北京市", True, values, {})
    book.close()
    sheet = _form(buffer.getvalue())
    assert [sheet[f"{c}5"].value for c in "BD"] == [labels.TEMPLATE["not_applicable"]] * 2
    assert [sheet[f"{c}{r}"].value for r in (4, 6) for c in "BD"] == [2, 80, 16, 900]
    marked = _highlighted(sheet)
    unread = labels.FEEDBACK_COMMENT_PREFIX + labels.PREFILL_UNREAD
    assert marked == {layout.DATE.ref: unread, f"C{layout.LISTING_FIRST_ROW}": unread}
    assert sheet[f"A{layout.LISTING_FIRST_ROW}"].value == "第0群"
    assert sheet[f"C{layout.LISTING_FIRST_ROW}"].value is None


@pytest.mark.slow
@pytest.mark.skipif(chromium() is None, reason="Debian's chromium prints the PDF return")
def test_a_pdf_return_gets_back_the_template_filled_from_its_text_layer(tmp_path):
    folder = tmp_path / "round"
    folder.mkdir()
    (folder / "广东省 附件2.pdf").write_bytes(html_pdf(form_html(FORM, "word_table")))
    report = judge(ingest(folder, workers=1), Config(raw_dir=folder, workers=1))
    outputs = feedback_outputs(report.context(WHEN))
    assert list(report.tables.submissions["status"]) == ["ingested"]
    sheet = _form(outputs[FEEDBACK])
    assert {(i.level, i.field): sheet[i.ref].value for i in layout.TOTALS} == FORM.totals
    listing = [tuple(c.value for c in row)[:3] for row in sheet[layout.LISTING_REF]][:3]
    assert listing == list(FORM.groups)
