"""locate: the six totals with their cells, the listing, the unit and the date, per layout."""

from __future__ import annotations

import pytest
from conftest import Group

from sgw_analysis.locate import ListedGroup, Located, locate
from sgw_analysis.parse import parse_count
from sgw_analysis.read import read_workbook

TOTALS = {("province", "groups"): 5, ("province", "contacts"): 230,
          ("prefecture", "groups"): 14, ("prefecture", "contacts"): 320,
          ("county", "groups"): 120, ("county", "contacts"): 9100}


def _located(path) -> Located:
    located = locate(read_workbook(path))
    assert located is not None, f"{path.name}: no 附件2 found"
    return located


def _totals(located: Located) -> dict[tuple[str, str], tuple[int | None, str]]:
    """Each total as (the number it parses to, its cell)."""
    return {key: (parse_count(found.value).value, found.cell)
            for key, found in located.totals.items()}


def _expected(values: dict, cells: dict) -> dict[tuple[str, str], tuple[object, str]]:
    return {key: (parse_count(values[key]).value, cells[key]) for key in values}


def _listing(located: Located) -> list[tuple[int, str, str, object, str, bool]]:
    assert located.listing is not None
    return [(g.row, g.name, g.composition, parse_count(g.members.value).value, g.note, g.hidden)
            for g in located.listing]


LAYOUT_CELLS = {
    "clean": {("province", "groups"): "B4", ("province", "contacts"): "D4",
              ("prefecture", "groups"): "B5", ("prefecture", "contacts"): "D5",
              ("county", "groups"): "B6", ("county", "contacts"): "D6"},
    "sentence": {("province", "groups"): "B4", ("province", "contacts"): "D4",
                 ("prefecture", "groups"): "B5", ("prefecture", "contacts"): "D5",
                 ("county", "groups"): "B6", ("county", "contacts"): "D6"},
    "onecell": {("province", "groups"): "A4", ("province", "contacts"): "A4",
                ("prefecture", "groups"): "A5", ("prefecture", "contacts"): "A5",
                ("county", "groups"): "A6", ("county", "contacts"): "A6"},
    "merged": {("province", "groups"): "C4", ("province", "contacts"): "E4",
               ("prefecture", "groups"): "C5", ("prefecture", "contacts"): "E5",
               ("county", "groups"): "C6", ("county", "contacts"): "E6"},
    "grid": {("province", "groups"): "B5", ("province", "contacts"): "C5",
             ("prefecture", "groups"): "B6", ("prefecture", "contacts"): "C6",
             ("county", "groups"): "B7", ("county", "contacts"): "C7"},
}
UNIT_CELL = {"clean": "B3", "sentence": "B3", "onecell": "A3", "merged": "C3", "grid": "A3"}


@pytest.mark.parametrize("layout", list(LAYOUT_CELLS))
def test_layout_gives_six_totals_with_their_cells(make_form, layout):
    path, form = make_form(layout=layout, totals=TOTALS)
    assert form.cells == LAYOUT_CELLS[layout]  # the builder put them where we say
    assert _totals(_located(path)) == _expected(TOTALS, LAYOUT_CELLS[layout])


@pytest.mark.parametrize("layout", list(LAYOUT_CELLS))
def test_layout_gives_unit_date_and_listing(make_form, layout):
    path, form = make_form(layout=layout, totals=TOTALS, unit="广东省少工委",
                           date="2017年4月12日")
    located = _located(path)
    assert located.sheet == "Sheet1"
    assert (located.unit.value, located.unit.cell) == ("广东省少工委", UNIT_CELL[layout])
    assert located.date.value == "2017年4月12日"
    first = form.group_rows[0]
    assert _listing(located) == [
        (first, "地市级团委少年部长群", "各地市团委少年部部长", 40, "", False),
        (first + 1, "省少工委委员群", "省少工委委员", 50, "", False),
        (first + 2, "少先队名师工作室群", "名师工作室主持人", 30, "", False)]
    assert located.is_demo is False


@pytest.mark.parametrize("layout", ["clean", "merged", "grid"])
def test_openpyxl_written_layouts_read_the_same(make_form, layout):
    path, _ = make_form(layout=layout, totals=TOTALS, fmt="openpyxl")
    assert _totals(_located(path)) == _expected(TOTALS, LAYOUT_CELLS[layout])


def test_sentence_layout_reads_value_after_label_cell_in_xls(make_form):
    totals = {**TOTALS, ("province", "groups"): "9个", ("province", "contacts"): 414,
              ("county", "contacts"): "1,296人"}
    path, _ = make_form(layout="sentence", totals=totals, fmt="xls",
                        name="吉林省少工委 附件2.xls", sheet="汇总表", unit="吉林省少工委",
                        date="2017.4.13")
    located = _located(path)
    assert located.sheet == "汇总表"
    assert located.totals[("province", "groups")].value == "9个"
    assert _totals(located) == _expected(totals, LAYOUT_CELLS["sentence"])
    assert located.date.value == "2017.4.13"


def test_grid_layout_in_gbk_csv(make_form):
    totals = {**TOTALS, ("province", "groups"): " 48 "}
    path, _ = make_form(layout="grid", totals=totals, fmt="csv-gbk", name="天津 附件2.csv")
    located = _located(path)
    assert located.sheet == ""
    assert _totals(located) == _expected(totals, LAYOUT_CELLS["grid"])


def test_onecell_layout_in_csv_reads_both_numbers_from_one_cell(make_form):
    totals = {**TOTALS, ("province", "groups"): "９个", ("province", "contacts"): "810余人",
              ("county", "contacts"): "约300人"}
    path, _ = make_form(layout="onecell", totals=totals, fmt="csv-utf8-bom",
                        name="湖南省 附件2.csv")
    located = _located(path)
    assert located.totals[("province", "groups")].value == "９个"
    assert located.totals[("province", "contacts")].value == "810余人"
    assert located.totals[("county", "contacts")].value == "约300人"
    assert _totals(located) == {
        ("province", "groups"): (9, "A4"), ("province", "contacts"): (810, "A4"),
        ("prefecture", "groups"): (14, "A5"), ("prefecture", "contacts"): (320, "A5"),
        ("county", "groups"): (120, "A6"), ("county", "contacts"): (300, "A6")}


def test_merged_layout_reads_chinese_numeral(make_form):
    totals = {**TOTALS, ("prefecture", "groups"): "二十三"}
    path, _ = make_form(layout="merged", totals=totals)
    assert _totals(_located(path))[("prefecture", "groups")] == (23, "C5")


def test_blank_value_is_located_as_missing_at_its_cell(make_form):
    totals = {**TOTALS, ("province", "groups"): None}
    path, _ = make_form(layout="clean", totals=totals)
    found = _located(path).totals[("province", "groups")]
    assert (found.value, found.cell) == (None, "B4")


def test_listing_keeps_hidden_rows_and_drops_totals_blank_rows_and_filler(make_form):
    groups = [Group("地市级团委少年部长群", 15), Group("省少工委委员群", "45人", note="新建"),
              Group("少先队宣传信息员群", 8, hidden=True)]
    path, form = make_form(layout="clean", groups=groups, blank_after=(0,), total_row="合  计",
                           filler="填报人：张三    联系电话：13800000000")
    r1, r2, r3 = form.group_rows
    assert r2 == r1 + 2  # a blank row between the first two groups
    located = _located(path)
    assert _listing(located) == [
        (r1, "地市级团委少年部长群", "各地市团委少年部部长", 15, "", False),
        (r2, "省少工委委员群", "各地市团委少年部部长", 45, "新建", False),
        (r3, "少先队宣传信息员群", "各地市团委少年部部长", 8, "", True)]
    assert located.unnamed_rows == ()
    assert located.date.value == "2017年4月12日"


def test_listing_ignores_a_serial_number_column_and_subtotal_row(make_form):
    groups = [Group("地市级团委少年部长群", 15), Group("少先队名师工作室群", 30)]
    path, form = make_form(layout="grid", groups=groups, seq_col=True, total_row="小计")
    r1, r2 = form.group_rows
    located = _located(path)
    assert [(g.row, g.name, g.members.cell) for g in located.listing] == [
        (r1, "地市级团委少年部长群", f"D{r1}"), (r2, "少先队名师工作室群", f"D{r2}")]


def test_listing_ends_at_filler_line(make_workbook):
    rows = [["附件2"], ["单位：", "四川省少工委"], ["省级建群数：", 2, "联系人数：", 30],
            ["省级建群情况一览"], ["群名称", "人员构成", "人数", "备注"],
            ["甲群", "部长", 10], ["乙群", "委员", 20],
            ["填报人：李四"], ["某某群", "不是群", 99]]
    located = _located(make_workbook(rows))
    assert located.listing == (
        ListedGroup(6, "甲群", "部长", located.listing[0].members, "", False),
        ListedGroup(7, "乙群", "委员", located.listing[1].members, "", False))
    assert [g.members.value for g in located.listing] == [10.0, 20.0]


def test_form_found_on_third_sheet_after_explanation_and_annex1(make_form):
    before = [("说明", [["填表说明：请各省（区、市）少工委于4月15日前报送"], ["单位：全国少工委办公室"]]),
              ("附件1", [["少先队工作微信群管理员信息表"], ["单位", "姓名", "职务", "电话"],
                         ["某单位", "张三", "干事", "010-1234"]])]
    path, _ = make_form(layout="clean", totals=TOTALS, sheet="附件2", extra_sheets_before=before,
                        name="内蒙古自治区少工委（附件2）.xls", fmt="xls", unit="内蒙古自治区少工委")
    located = _located(path)
    assert located.sheet == "附件2"
    assert located.unit.value == "内蒙古自治区少工委"
    assert _totals(located) == _expected(TOTALS, LAYOUT_CELLS["clean"])


def test_numbers_stored_as_text_are_located(make_form):
    totals = {key: str(value) for key, value in TOTALS.items()}
    path, _ = make_form(layout="clean", totals=totals, fmt="xls", name="x.xls")
    located = _located(path)
    assert located.totals[("province", "groups")].value == "5"
    assert _totals(located) == _expected(TOTALS, LAYOUT_CELLS["clean"])


def test_demo_marker_sets_is_demo(make_form):
    path, _ = make_form(layout="clean", demo=True)
    assert _located(path).is_demo is True


def test_date_as_excel_serial_is_located_as_number(make_form):
    path, form = make_form(layout="clean", date=42839)
    found = _located(path).date
    assert (found.value, found.cell) == (42839.0, form.date_cell)


def test_table_without_group_counts_is_not_a_form(make_workbook):
    rows = [["单位：", "广东省少工委"], ["群名称", "人员构成", "人数"], ["甲群", "部长", 10]]
    assert locate(read_workbook(make_workbook(rows))) is None


def test_transposed_grid_reads_levels_as_columns(make_workbook):
    rows = [["附件2"], ["单位：", "广东省少工委"],
            ["项目", "省级", "地市级", "区县级"],
            ["建群数（个）", 5, 14, 120],
            ["联系人数（人）", 230, 320, None],
            ["省级建群情况一览"], ["群名称", "人员构成", "人数"], ["地市级团委少年部长群", "部长", 22]]
    located = _located(make_workbook(rows))
    assert _totals(located) == {
        ("province", "groups"): (5, "B4"), ("prefecture", "groups"): (14, "C4"),
        ("county", "groups"): (120, "D4"), ("province", "contacts"): (230, "B5"),
        ("prefecture", "contacts"): (320, "C5"), ("county", "contacts"): (None, "D5")}
    assert [g.name for g in located.listing] == ["地市级团委少年部长群"]
