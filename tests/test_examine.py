"""examine: one file end to end → totals, groups and findings (rule, severity, cell, value)."""

from __future__ import annotations

import pickle
from datetime import date

import pytest
from conftest import Group

from sgw_analysis import labels
from sgw_analysis.examine import FileResult, Forms, PackedSheet, examine, packed

TOTALS = {("province", "groups"): 3, ("province", "contacts"): 120,
          ("prefecture", "groups"): 14, ("prefecture", "contacts"): 300,
          ("county", "groups"): 120, ("county", "contacts"): 9000}
CLEAN_CELLS = {("province", "groups"): "B4", ("province", "contacts"): "D4",
               ("prefecture", "groups"): "B5", ("prefecture", "contacts"): "D5",
               ("county", "groups"): "B6", ("county", "contacts"): "D6"}


def _examine(path) -> FileResult:
    return examine(path, path.parent)


def _issues(result: FileResult) -> list[tuple[str, str, str | None, str | None]]:
    return sorted((i.rule, i.severity, i.cell, i.value) for i in result.issues)


def _values(result: FileResult) -> dict[tuple[str, str], int | None]:
    return {(row["level"], name): row[name] for row in result.totals
            for name in ("groups", "contacts")}


def _expected_totals(code, province, file, sheet, values, cells) -> list[dict]:
    prefix = f"{sheet}!" if sheet else ""
    return [{"province_code": code, "province": province, "level": level,
             "groups": values[(level, "groups")], "contacts": values[(level, "contacts")],
             "file": file, "groups_cell": prefix + cells[(level, "groups")],
             "contacts_cell": prefix + cells[(level, "contacts")]}
            for level in ("province", "prefecture", "county")]


def test_clean_form_gives_whole_rows_and_no_findings(make_form):
    path, form = make_form(name="广东省 附件2.xlsx", totals=TOTALS)
    result = _examine(path)
    assert (result.rejected, result.province_code, result.province, result.sheet,
            result.submitted_at, result.correction, result.is_demo) == (
        None, "440000", "广东省", "Sheet1", date(2017, 4, 12), False, False)
    assert result.totals == _expected_totals("440000", "广东省", "广东省 附件2.xlsx", "Sheet1",
                                             TOTALS, CLEAN_CELLS)
    first = form.group_rows[0]
    common = {"province_code": "440000", "province": "广东省", "note": None,
              "file": "广东省 附件2.xlsx"}
    assert result.groups == [
        {**common, "group_name": "地市级团委少年部长群", "composition": "各地市团委少年部部长",
         "members": 40, "group_type": "prefecture_heads", "row": first},
        {**common, "group_name": "省少工委委员群", "composition": "省少工委委员",
         "members": 50, "group_type": "provincial_committee", "row": first + 1},
        {**common, "group_name": "少先队名师工作室群", "composition": "名师工作室主持人",
         "members": 30, "group_type": "master_studio", "row": first + 2}]
    assert result.issues == []
    assert len(result.sha256) == 64


@pytest.mark.parametrize("layout", ["clean", "sentence", "onecell", "merged", "grid"])
def test_every_layout_gives_the_same_numbers(make_form, layout):
    path, form = make_form(layout=layout, totals=TOTALS)
    result = _examine(path)
    assert result.totals == _expected_totals("440000", "广东省", path.name, "Sheet1", TOTALS,
                                             form.cells)
    assert result.issues == []


def test_xls_cells_are_prefixed_with_their_sheet(make_form):
    totals = {**TOTALS, ("province", "groups"): "9个", ("county", "contacts"): "1,296人"}
    path, form = make_form(layout="sentence", totals=totals, fmt="xls", sheet="汇总表",
                           name="吉林省少工委 附件2.xls", unit="吉林省少工委", date="2017.4.13")
    result = _examine(path)
    assert result.totals == _expected_totals(
        "220000", "吉林省", path.name, "汇总表", {**TOTALS, ("province", "groups"): 9,
                                                  ("county", "contacts"): 1296}, form.cells)
    assert result.submitted_at == date(2017, 4, 13)
    assert result.issues == []


def test_csv_cells_have_no_sheet(make_form):
    path, form = make_form(layout="grid", totals=TOTALS, fmt="csv-gbk", name="湖南省 附件2.csv",
                           unit="湖南省少工委")
    result = _examine(path)
    assert result.sheet == ""
    assert result.totals == _expected_totals("430000", "湖南省", path.name, "", TOTALS,
                                             form.cells)


def test_pending_text_is_empty_with_an_error(make_form):
    path, _ = make_form(totals={**TOTALS, ("province", "groups"): "待统计"})
    result = _examine(path)
    assert _values(result)[("province", "groups")] is None
    assert _issues(result) == [("value_not_a_number", "error", "B4", "待统计")]
    assert result.issues[0].sheet == "Sheet1"
    assert "待统计" in result.issues[0].message


def test_blank_value_is_empty_with_an_error_never_zero(make_form):
    path, _ = make_form(totals={**TOTALS, ("county", "groups"): None})
    result = _examine(path)
    assert _values(result)[("county", "groups")] is None
    assert _issues(result) == [("value_missing", "error", "B6", None)]


def test_wu_is_a_real_zero_without_finding(make_form):
    path, _ = make_form(totals={**TOTALS, ("county", "groups"): "无"})
    result = _examine(path)
    assert _values(result)[("county", "groups")] == 0
    assert result.issues == []


def test_negative_value_is_kept_with_an_error(make_form):
    path, _ = make_form(totals={**TOTALS, ("county", "contacts"): -5})
    result = _examine(path)
    assert _values(result)[("county", "contacts")] == -5
    assert _issues(result) == [("negative_value", "error", "D6", "-5")]


def test_absurd_value_is_empty_with_an_error_keeping_its_text(make_form):
    path, _ = make_form(totals={**TOTALS, ("county", "contacts"): 99999999})
    result = _examine(path)
    assert _values(result)[("county", "contacts")] is None
    assert _issues(result) == [("absurd_value", "error", "D6", "99999999")]


def test_formula_without_cached_value_is_empty_with_an_error(make_form):
    path, _ = make_form(fmt="openpyxl", name="山东省 附件2.xlsx", unit="山东省少工委",
                        formulas={"B4": ("=COUNTA(A11:A13)", None)})
    result = _examine(path)
    assert _values(result)[("province", "groups")] is None
    assert _issues(result) == [
        ("formula_without_cached_value", "error", "B4", "=COUNTA(A11:A13)")]


def test_formula_with_cached_value_uses_it(make_form):
    path, _ = make_form(name="四川省 附件2.xlsx", unit="四川省少工委",
                        formulas={"B4": ("=COUNTA(A11:A13)", 3)})
    result = _examine(path)
    assert _values(result)[("province", "groups")] == 3
    assert result.issues == []


def test_approximate_value_keeps_the_number_with_a_warning(make_form):
    path, _ = make_form(totals={**TOTALS, ("province", "contacts"): "约300人"})
    result = _examine(path)
    assert _values(result)[("province", "contacts")] == 300
    assert _issues(result) == [("approximate_value", "warning", "D4", "约300人")]
    assert "300" in result.issues[0].message


def test_onecell_approximate_value_points_at_the_line_cell(make_form):
    path, _ = make_form(layout="onecell", name="广西 附件2.xlsx", unit="广西少工委",
                        totals={**TOTALS, ("province", "groups"): "９个",
                                ("province", "contacts"): "810余人"})
    result = _examine(path)
    assert (result.province_code, result.province) == ("450000", "广西壮族自治区")
    assert _values(result)[("province", "groups")] == 9
    assert _values(result)[("province", "contacts")] == 810
    assert _issues(result) == [("approximate_value", "warning", "A4", "810余人")]


@pytest.mark.parametrize("mark", ["/", "—", "不适用", None])
def test_municipality_prefecture_line_not_applicable_is_correct(make_form, mark):
    totals = {**TOTALS, ("prefecture", "groups"): mark, ("prefecture", "contacts"): mark}
    path, _ = make_form(name="北京市少工委 附件2.xlsx", unit="北京市少工委", totals=totals)
    result = _examine(path)
    assert result.province_code == "110000"
    assert _values(result)[("prefecture", "groups")] is None
    assert _values(result)[("prefecture", "contacts")] is None
    assert result.issues == []


@pytest.mark.parametrize("mark", ["/", "—", "不适用"])
def test_not_applicable_on_a_provinces_prefecture_line_is_an_error(make_form, mark):
    totals = {**TOTALS, ("prefecture", "groups"): mark, ("prefecture", "contacts"): mark}
    path, _ = make_form(totals=totals)
    result = _examine(path)
    assert _values(result)[("prefecture", "groups")] is None
    assert _issues(result) == [("not_applicable_value", "error", "B5", mark),
                               ("not_applicable_value", "error", "D5", mark)]


def test_not_applicable_on_a_municipalitys_county_line_is_an_error(make_form):
    path, _ = make_form(name="上海市 附件2.xlsx", unit="上海市少工委",
                        totals={**TOTALS, ("county", "groups"): "/"})
    assert _issues(_examine(path)) == [("not_applicable_value", "error", "B6", "/")]


def test_demo_marker_sets_is_demo(make_form):
    path, _ = make_form(demo=True)
    assert _examine(path).is_demo is True


def test_unit_wins_over_file_name_with_a_warning(make_form):
    path, form = make_form(name="湖南省 附件2.xlsx", unit="广东省少工委")
    result = _examine(path)
    assert (result.province_code, result.province) == ("440000", "广东省")
    assert _issues(result) == [("province_conflict", "warning", form.unit_cell, "广东省少工委")]


def test_blank_unit_takes_province_from_file_name(make_form):
    path, _ = make_form(name="附件2-天津市.xlsx", unit="", layout="grid",
                        totals={**TOTALS, ("prefecture", "groups"): "/",
                                ("prefecture", "contacts"): "/"})
    result = _examine(path)
    assert (result.province_code, result.province) == ("120000", "天津市")
    assert result.issues == []


def test_xinjiang_short_unit_and_serial_date(make_form):
    path, _ = make_form(name="新疆维吾尔自治区少工委.xlsx", unit="新疆", date=42839)
    result = _examine(path)
    assert (result.province_code, result.submitted_at) == ("650000", date(2017, 4, 14))


def test_date_only_in_file_name(make_form):
    path, _ = make_form(name="陕西省 附件2 20170414.xlsx", unit="陕西省少工委", date=None)
    result = _examine(path)
    assert (result.province_code, result.submitted_at) == ("610000", date(2017, 4, 14))


def test_unreadable_date_warns_and_falls_back_to_file_name(make_form):
    path, form = make_form(name="陕西省 附件2 20170414.xlsx", unit="陕西省少工委", date="待定")
    result = _examine(path)
    assert result.submitted_at == date(2017, 4, 14)
    assert _issues(result) == [("date_unreadable", "warning", form.date_cell, "待定")]


def test_correction_name_is_marked(make_form):
    path, _ = make_form(name="北京市少工委 附件2（更正）.xlsx", unit="北京市少工委",
                        totals={**TOTALS, ("prefecture", "groups"): "/",
                                ("prefecture", "contacts"): "/"})
    assert _examine(path).correction is True


def test_listing_members_with_unit_hidden_row_and_bad_values(make_form):
    groups = [Group("地市级团委少年部长群", "45人"), Group("少先队理论研究交流群", 12, hidden=True),
              Group("省少工委委员群", "待统计"), Group("少先队宣传信息员群", None)]
    path, form = make_form(totals={**TOTALS, ("province", "groups"): 4}, groups=groups,
                           total_row="合计")
    result = _examine(path)
    r1, r2, r3, r4 = form.group_rows
    assert [(g["group_name"], g["members"], g["group_type"], g["row"]) for g in result.groups] == [
        ("地市级团委少年部长群", 45, "prefecture_heads", r1),
        ("少先队理论研究交流群", 12, "theory", r2),
        ("省少工委委员群", None, "provincial_committee", r3),
        ("少先队宣传信息员群", None, "media", r4)]
    assert _issues(result) == [("member_not_a_number", "error", f"C{r3}", "待统计"),
                               ("member_not_a_number", "warning", f"C{r4}", None)]


def test_negative_member_is_kept_with_an_error_that_says_negative(make_form):
    groups = [Group("地市级团委少年部长群", -3), Group("省少工委委员群", 50),
              Group("少先队名师工作室群", 70)]
    path, form = make_form(groups=groups)
    result = _examine(path)
    assert [g["members"] for g in result.groups] == [-3, 50, 70]
    assert [(i.severity, i.cell, i.value) for i in result.issues] == [
        ("error", f"C{form.group_rows[0]}", "-3")]
    assert "不是数字" not in result.issues[0].message  # -3 is a number: say it is negative


def test_subtotal_row_with_uncached_formula_is_not_a_group_nor_an_error(make_form):
    _, probe = make_form(name="probe.xlsx", unit="山东省少工委", total_row="合计")
    total = probe.group_rows[-1] + 1
    path, _ = make_form(fmt="openpyxl", name="山东省 附件2.xlsx", unit="山东省少工委",
                        total_row="合计",
                        formulas={f"C{total}": (f"=SUM(C{total - 3}:C{total - 1})", None)})
    result = _examine(path)
    assert [g["group_name"] for g in result.groups] == [
        "地市级团委少年部长群", "省少工委委员群", "少先队名师工作室群"]
    assert result.issues == []


@pytest.mark.parametrize(("fmt", "name"), [("xlsxwriter", "广东.xlsx"), ("openpyxl", "广东.xlsx"),
                                           ("xls", "广东.xls")])
def test_date_cell_gives_submitted_at(make_form, fmt, name):
    path, _ = make_form(fmt=fmt, name=name, date=date(2017, 4, 14))
    assert _examine(path).submitted_at == date(2017, 4, 14)


def test_unit_and_date_on_one_line_at_the_top(make_workbook):
    rows = [["附件2"], ["单位：", "广东省少工委", "填报日期：", "2017年4月14日"],
            ["省级建群数（个）：", 3, "联系人数：", 120],
            ["地市级少工委建群数（合计）：", 14, "总计联系人数：", 300],
            ["区县级少工委建群数（合计）：", 120, "总计联系人数：", 9000],
            ["省级建群情况一览"], ["群名称", "人员构成", "人数", "备注"], ["部长群", "部长", 3]]
    result = _examine(make_workbook(rows, name="x.xlsx"))
    assert (result.province_code, result.submitted_at) == ("440000", date(2017, 4, 14))
    assert _values(result) == {**TOTALS, ("province", "groups"): 3}
    assert result.issues == []


def test_onecell_lines_with_spaces_and_not_applicable_for_a_municipality(make_workbook):
    rows = [["单位：北京市少工委"], ["省级建群数： 5 个， 联系人数： 230 人"],
            ["地市级少工委建群数：/ ，总计联系人数：/"],
            ["区县级少工委建群数：合计16个，总计联系人数：总计800人"],
            ["群名称", "人员构成", "人数"], ["部长群", "部长", 3]]
    result = _examine(make_workbook(rows, name="bj.xlsx"))
    assert _values(result) == {("province", "groups"): 5, ("province", "contacts"): 230,
                               ("prefecture", "groups"): None, ("prefecture", "contacts"): None,
                               ("county", "groups"): 16, ("county", "contacts"): 800}
    assert [(t["groups_cell"], t["contacts_cell"]) for t in result.totals] == [
        ("Sheet1!A2", "Sheet1!A2"), ("Sheet1!A3", "Sheet1!A3"), ("Sheet1!A4", "Sheet1!A4")]


def test_listing_row_without_name_warns(make_workbook):
    rows = [["单位：", "广东省少工委"], ["省级建群数：", 1, "联系人数：", 30],
            ["地市级建群数：", 14, "联系人数：", 300], ["区县级建群数：", 120, "联系人数：", 9000],
            ["省级建群情况一览"], ["群名称", "人员构成", "人数", "备注"],
            ["部长群", "部长", 30], [None, "委员", 20]]
    result = _examine(make_workbook(rows, name="广东.xlsx"))
    assert [g["group_name"] for g in result.groups] == ["部长群"]
    assert _issues(result) == [("listing_row_without_name", "warning", "A8", None)]


def test_form_without_listing_warns(make_workbook):
    rows = [["单位：", "广东省少工委"], ["省级建群数：", 1, "联系人数：", 30],
            ["地市级建群数：", 14, "联系人数：", 300], ["区县级建群数：", 120, "联系人数：", 9000]]
    result = _examine(make_workbook(rows, name="广东.xlsx"))
    assert result.groups == []
    assert _issues(result) == [("listing_missing", "warning", None, None)]


def test_missing_level_line_is_field_not_found(make_workbook):
    rows = [["单位：", "广东省少工委"], ["省级建群数：", 1, "联系人数：", 30],
            ["区县级建群数：", 120, "联系人数：", 9000],
            ["群名称", "人员构成", "人数"], ["部长群", "部长", 30]]
    result = _examine(make_workbook(rows, name="广东.xlsx"))
    assert _values(result)[("prefecture", "groups")] is None
    assert _issues(result) == [("field_not_found", "error", None, None),
                               ("field_not_found", "error", None, None)]


# ------------------------------------------------------------------------------ rejections
def _rejected(result: FileResult) -> tuple[str | None, str]:
    return result.rejected, result.reason


def test_zero_byte_file_is_rejected_with_chinese_reason(tmp_path):
    path = tmp_path / "附件2.xlsx"
    path.write_bytes(b"")
    result = _examine(path)
    assert _rejected(result) == ("file_empty", labels.REJECT_REASON["file_empty"])
    assert _issues(result) == [("file_empty", "error", None, None)]
    assert result.totals == [] and result.groups == []


def test_truncated_file_reason_names_the_province_from_file_name(make_workbook):
    data = make_workbook([["省级建群数：", 5]], name="src.xlsx").read_bytes()
    target = make_workbook([["x"]], name="重庆市 附件2.xlsx")
    target.write_bytes(data[: len(data) // 2])
    result = _examine(target)
    assert result.rejected == "file_corrupt"
    assert result.reason == labels.REJECT_REASON["file_corrupt"] + "（文件名显示为重庆市）"


def test_lock_file_is_rejected(tmp_path):
    path = tmp_path / "~$北京市少工委 附件2（更正）.xlsx"
    path.write_bytes(b"\x0dAdministrator" + b" " * 40)
    assert _examine(path).rejected == "file_lock"


def test_unrelated_table_is_not_annex2(make_workbook):
    path = make_workbook([["姓名", "单位", "职务"], ["张三", "某小学", "辅导员"]],
                         name="2017年少先队辅导员培训报名表.xlsx")
    assert _rejected(_examine(path)) == ("not_annex2", labels.REJECT_REASON["not_annex2"])


def test_form_without_any_province_is_province_unknown(make_form):
    path, _ = make_form(name="附件2.xlsx", unit="")
    result = _examine(path)
    assert result.rejected == "province_unknown"
    assert result.province_code is None


def test_password_protected_file_is_rejected(make_workbook):
    ooxml = pytest.importorskip(
        "msoffcrypto.format.ooxml",
        reason="msoffcrypto-tool not installed: cannot build an encrypted workbook")
    import io

    source = make_workbook([["省级建群数：", 5]], name="src.xlsx")
    out = io.BytesIO()
    with source.open("rb") as fh:
        ooxml.OOXMLFile(fh).encrypt("secret", out)
    target = source.with_name("山东省 附件2（加密）.xlsx")
    target.write_bytes(out.getvalue())
    result = _examine(target)
    assert result.rejected == "file_encrypted"
    assert result.reason == labels.REJECT_REASON["file_encrypted"] + "（文件名显示为山东省）"


def test_a_packed_form_travels_as_bytes_and_unpacks_to_the_same_sheet(make_form):
    path, _form = make_form(name="广东省 附件2.xlsx", totals=TOTALS)
    result = _examine(path)
    sheet = result.form
    travelled = pickle.loads(pickle.dumps(packed(result)))
    assert isinstance(travelled.form, PackedSheet)
    forms = Forms({travelled.file: travelled.form, "other.xlsx": sheet})
    assert forms[travelled.file] == sheet
    assert forms[travelled.file] is forms[travelled.file]  # unpacked once, then kept
    assert forms["other.xlsx"] is sheet
    assert sorted(forms) == ["other.xlsx", "广东省 附件2.xlsx"] and len(forms) == 2
    assert forms.get("absent.xlsx") is None
