"""The fillable 附件2 template: written, filled by code, read back by its defined names."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
import pytest

from sgw_analysis import labels
from sgw_analysis import template_layout as layout
from sgw_analysis.demo.template_fill import fill_template
from sgw_analysis.examine import FileResult, examine
from sgw_analysis.locate import locate
from sgw_analysis.read import read_bytes
from sgw_analysis.template import template_files, template_workbook

DEADLINE = date(2017, 4, 15)
VALUES = {"SGW_PROVINCE_GROUPS": 6, "SGW_PROVINCE_CONTACTS": 212,
          "SGW_PREFECTURE_GROUPS": 21, "SGW_PREFECTURE_CONTACTS": 430,
          "SGW_COUNTY_GROUPS": 183, "SGW_COUNTY_CONTACTS": 41250,
          "SGW_DATE": date(2017, 4, 12), "SGW_FILLER": "王老师", "SGW_PHONE": "028-86000000"}
GROUPS = [("四川省地市级团委少年部长群", "省少工委办公室、21个地市团委少年部部长", 23, ""),
          ("四川省少工委委员群", "省少工委委员", 45, "新建"),
          ("四川省少先队名师工作室群", "名师工作室成员", 30, "")]


def _examine(tmp_path, data: bytes, name: str = "四川省-附件2.xlsx") -> FileResult:
    path = tmp_path / name
    path.write_bytes(data)
    return examine(path, tmp_path)


def _issues(result: FileResult) -> list[tuple[str, str, str | None]]:
    return sorted((i.rule, i.severity, i.cell) for i in result.issues)


def _filled(values=VALUES, groups=GROUPS) -> bytes:
    return fill_template(template_workbook("四川省", False, DEADLINE), values, groups)


def test_template_locks_labels_validates_inputs_and_names_every_input():
    book = openpyxl.load_workbook(io.BytesIO(template_workbook("四川省", False, DEADLINE)))
    form = book[layout.SHEET]
    assert form.protection.sheet and not form.protection.password
    assert form["A4"].value == labels.TEMPLATE["province_groups"] and form["A4"].protection.locked
    assert form["B3"].value == "四川省少工委"
    for item in layout.CELLS:
        assert not form[item.ref].protection.locked, item.ref
        assert book.defined_names[item.name].attr_text == f"'附件2'!${item.ref[0]}${item.ref[1:]}"
    validated = {str(v.sqref): v.type for v in form.data_validations.dataValidation}
    assert validated["B4"] == validated["D6"] == "whole"
    assert validated["B31"] == "date"
    assert validated["C10:C29"] == "whole"
    assert set(validated) >= {i.ref for i in layout.CELLS}
    assert book.sheetnames == [layout.SHEET, labels.TEMPLATE["guide_sheet"]]
    assert "2017年4月15日" in book[labels.TEMPLATE["guide_sheet"]]["A2"].value


def test_template_files_are_one_per_province_and_a_blank_one():
    import pandas as pd

    provinces = pd.DataFrame({"province_code": ["510000", "110000"],
                              "province": ["四川省", "北京市"]})
    files = template_files(provinces, frozenset({"110000"}), DEADLINE)
    assert sorted(files) == sorted([labels.TEMPLATE["blank_file"], "四川省-附件2.xlsx",
                                    "北京市-附件2.xlsx"])
    beijing = openpyxl.load_workbook(io.BytesIO(files["北京市-附件2.xlsx"]))[layout.SHEET]
    assert beijing["B5"].value == labels.TEMPLATE["not_applicable"]
    assert beijing["B5"].protection.locked
    blank = openpyxl.load_workbook(io.BytesIO(files[labels.TEMPLATE["blank_file"]]))
    assert blank[layout.SHEET]["B3"].value is None


def test_a_template_filled_by_code_reads_every_value_exactly_and_has_no_findings(tmp_path):
    result = _examine(tmp_path, _filled())
    assert result.rejected is None and result.issues == []
    assert (result.province_code, result.sheet) == ("510000", "附件2")
    assert result.submitted_at == date(2017, 4, 12)
    values = {(r["level"], f): r[f] for r in result.totals for f in ("groups", "contacts")}
    assert values == {("province", "groups"): 6, ("province", "contacts"): 212,
                      ("prefecture", "groups"): 21, ("prefecture", "contacts"): 430,
                      ("county", "groups"): 183, ("county", "contacts"): 41250}
    assert [r["groups_cell"] for r in result.totals] == ["附件2!B4", "附件2!B5", "附件2!B6"]
    assert [(g["group_name"], g["composition"], g["members"], g["note"], g["row"])
            for g in result.groups] == [
        ("四川省地市级团委少年部长群", "省少工委办公室、21个地市团委少年部部长", 23, None, 10),
        ("四川省少工委委员群", "省少工委委员", 45, "新建", 11),
        ("四川省少先队名师工作室群", "名师工作室成员", 30, None, 12)]
    assert locate(read_bytes(_filled(), "x.xlsx")).by_names


def test_a_template_filled_badly_gives_exactly_the_expected_findings(tmp_path):
    values = {**VALUES, "SGW_COUNTY_CONTACTS": "待统计", "SGW_DATE": None}
    book = openpyxl.load_workbook(io.BytesIO(_filled(values)))
    book[layout.SHEET]["A5"] = labels.TEMPLATE["province_groups"]  # a label pasted over
    buffer = io.BytesIO()
    book.save(buffer)
    result = _examine(tmp_path, buffer.getvalue())
    assert _issues(result) == [
        ("field_not_found", "error", None), ("field_not_found", "error", None),
        ("template_altered", "warning", "A5"),
        ("value_not_a_number", "error", "D6")]
    assert result.submitted_at is None


def test_a_template_with_text_in_a_count_and_no_date_read_by_names(tmp_path):
    result = _examine(tmp_path, _filled({**VALUES, "SGW_COUNTY_CONTACTS": "待统计",
                                         "SGW_DATE": None}))
    assert _issues(result) == [("date_missing", "warning", "B31"),
                               ("value_not_a_number", "error", "D6")]


def test_a_template_whose_defined_names_were_deleted_still_reads_by_labels(tmp_path):
    data = _filled()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    xml = members["xl/workbook.xml"].decode()
    start, end = xml.index("<definedNames>"), xml.index("</definedNames>")
    members["xl/workbook.xml"] = (xml[:start] + xml[end + len("</definedNames>"):]).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    assert read_bytes(buffer.getvalue(), "x.xlsx").defined_names == {}
    result = _examine(tmp_path, buffer.getvalue())
    assert result.issues == []
    assert {(r["level"], r["groups"], r["contacts"]) for r in result.totals} == {
        ("province", 6, 212), ("prefecture", 21, 430), ("county", 183, 41250)}
    assert [g["group_name"] for g in result.groups] == [g[0] for g in GROUPS]
    assert not locate(read_bytes(buffer.getvalue(), "x.xlsx")).by_names


@pytest.mark.parametrize("target", ["#REF!", "'附件2'!$C$4"])
def test_a_defined_name_that_points_elsewhere_is_a_changed_template(tmp_path, target):
    book = openpyxl.load_workbook(io.BytesIO(_filled()))
    book.defined_names["SGW_PROVINCE_GROUPS"].attr_text = target
    buffer = io.BytesIO()
    book.save(buffer)
    result = _examine(tmp_path, buffer.getvalue())
    assert _issues(result) == [("template_altered", "warning", None)]
    assert "SGW_PROVINCE_GROUPS" in result.issues[0].message
