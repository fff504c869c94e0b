"""Feedback on each province's own return, and what a corrected return changed (demo round)."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest

from sgw_analysis import labels
from sgw_analysis.config import Config
from sgw_analysis.coverage.feedback import to_province
from sgw_analysis.demo import write_demo_round
from sgw_analysis.pipeline import ingest, judge, report_outputs
from sgw_analysis.template import PROBLEM_FILL

WHEN = datetime(2017, 4, 20, 9, 0)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("demo") / "demo-2017"
    write_demo_round(folder)
    report = judge(ingest(folder), Config(raw_dir=folder))
    return report, report_outputs(report, png=False, generated_at=WHEN)


def _opinion_rows(data: bytes) -> list[tuple[str, ...]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data))[labels.FEEDBACK_SHEET]
    return [tuple(c or "" for c in row) for row in sheet.iter_rows(min_row=4, values_only=True)]


def _highlighted(data: bytes) -> dict[str, str]:
    """Highlighted cell → its comment, on the copy of the form."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    if len(book.worksheets) < 2:
        return {}
    form = book.worksheets[1]
    return {c.coordinate: (c.comment.text if c.comment else "")
            for row in form.iter_rows() for c in row
            if c.fill.fgColor.rgb and c.fill.fgColor.rgb.endswith(PROBLEM_FILL[1:])}


def test_every_province_with_findings_or_gaps_gets_exactly_its_rows(demo):
    report, outputs = demo
    issues = report.tables.issues.dropna(subset=["province_code"])
    followup = report.result.followup
    concerned = sorted(set(issues["province"]) | set(followup["province"]))
    files = sorted(p.removeprefix("feedback/").removesuffix("-附件2审核意见.xlsx")
                   for p in outputs if p.endswith("审核意见.xlsx"))
    assert files == concerned and len(files) >= 8
    for province in concerned:
        rows = _opinion_rows(outputs[f"feedback/{province}-附件2审核意见.xlsx"])
        expected = sorted([*issues.loc[issues["province"] == province, "message"],
                           *followup.loc[followup["province"] == province, "detail"].map(
                               to_province)])
        assert sorted(r[3] for r in rows) == expected, province
        assert not any("督促" in r[3] for r in rows)  # the office's word, not the province's


def test_every_highlighted_cell_is_a_cell_named_in_the_rows(demo):
    _report, outputs = demo
    highlighted_any = 0
    for path, data in outputs.items():
        if not path.endswith("审核意见.xlsx"):
            continue
        rows = _opinion_rows(data)
        named = {cell.rpartition("!")[2] for r in rows for cell in r[4].split("、")}
        marked = _highlighted(data)
        assert set(marked) <= named, path
        for cell, comment in marked.items():
            said = [r[3] for r in rows if cell in {c.rpartition("!")[2] for c in r[4].split("、")}]
            assert comment.startswith(labels.FEEDBACK_COMMENT_PREFIX)
            assert all(s in comment for s in said), (path, cell)
        highlighted_any += len(marked)
    assert highlighted_any >= 6


def test_the_form_copy_shows_the_values_as_read(demo):
    _report, outputs = demo
    data = outputs["feedback/陕西省-附件2审核意见.xlsx"]
    form = openpyxl.load_workbook(io.BytesIO(data)).worksheets[1]
    assert form["D6"].value == "待统计"
    assert set(_highlighted(data)) == {"D6"}


def test_the_chase_messages_name_who_what_and_by_when(demo):
    _report, outputs = demo
    text = outputs["feedback/催报消息.txt"].decode("utf-8")
    messages = text.strip().split("\n\n")
    assert any(m.startswith("【海南省少工委】") and "尚未收到" in m for m in messages)
    shaanxi = next(m for m in messages if m.startswith("【陕西省少工委】"))
    assert "待统计" in shaanxi and "4月27日前" in shaanxi and "陕西省-附件2审核意见.xlsx" in shaanxi
    assert not any(m.startswith("【黑龙江省少工委】") for m in messages)  # late only: nothing to send


def test_the_corrected_return_shows_its_changes_and_the_finding_it_fixed(demo):
    report, outputs = demo
    changes = pd.read_csv(io.BytesIO(outputs["tables/changes.csv"]), dtype=str,
                          encoding="utf-8-sig")
    jiangsu = changes[changes["province"] == "江苏省"]
    assert set(zip(jiangsu["level_or_group"], jiangsu["field"], strict=True)) == {
        ("form", "submitted_at"), ("county", "groups"), ("county", "contacts")}
    contacts = jiangsu[jiangsu["field"] == "contacts"].iloc[0]
    assert pd.isna(contacts["before"]) and int(contacts["after"]) > 0
    assert contacts["before_file"] == "收件箱/江苏省少工委 附件2.xlsx"
    assert contacts["after_file"] == "更正/江苏省少工委 附件2（更正）.xlsx"
    corrections = report.result.corrections
    assert corrections[["province", "status", "rule", "before_cell"]].values.tolist() == [
        ["江苏省", "fixed", "value_not_a_number", "D6"]]
    assert "新疆维吾尔自治区" not in set(changes["province"])  # a byte-identical copy
