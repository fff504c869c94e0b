"""Each locate strategy alone, on small sheets built here, and the driver's rule between them."""

from __future__ import annotations

from sgw_analysis import locate
from sgw_analysis.labels import DEMO_FLAG
from sgw_analysis.locate import STRATEGIES, Found, layout_of, locate_sheet
from sgw_analysis.locate.beside import unit_and_date, value_beside
from sgw_analysis.locate.grids import grid_header, level_grid, transposed_grid
from sgw_analysis.locate.items import row_items
from sgw_analysis.locate.listing import group_listing
from sgw_analysis.read import NUMBER, TEXT, Cell, Sheet, normalize, normalize_with_map


def _sheet(rows: list[list[object]], merged=(), hidden_rows=()) -> Sheet:
    """A sheet from rows of values (None: an empty cell), 1-based like Excel."""
    cells = {}
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            kind = TEXT if isinstance(value, str) else NUMBER
            cells[r, c] = Cell(r, c, value if kind == TEXT else float(value), kind)
    return Sheet("Sheet1", 0, cells, tuple(merged), frozenset(hidden_rows))


def _hits(findings) -> list[tuple[str | None, str, object, str]]:
    return [(h.level, h.field, h.found.value, h.found.cell) for h in findings.hits]


# ------------------------------------------------------------------------------ value_beside
def test_value_beside_reads_value_right_of_label_across_junk_cells():
    sheet = _sheet([["省级建群数（个）", "：", 5, "联系人数：", None, 230]])
    assert _hits(value_beside(layout_of(sheet))) == [
        ("province", "groups", 5.0, "C1"), ("province", "contacts", 230.0, "F1")]


def test_value_beside_cuts_a_sentence_in_one_cell_into_raw_values():
    sheet = _sheet([["地市级建群数：合计１４个，总计联系人数：约 320 人"]])
    assert _hits(value_beside(layout_of(sheet))) == [
        ("prefecture", "groups", "合计１４个", "A1"), ("prefecture", "contacts", "约 320 人", "A1")]


def test_value_beside_reads_a_number_below_a_merged_label():
    sheet = _sheet([["区县级建群数", None, "联系人数"], [None, None, None], [120, None, "9100人"]],
                   merged=[(1, 1, 2, 2)])
    # the number under the merge is read; text under 联系人数 (not a number) is not
    assert _hits(value_beside(layout_of(sheet))) == [
        ("county", "groups", 120.0, "A3"), ("county", "contacts", None, "D1")]


def test_value_beside_gives_a_blank_value_as_missing_right_of_the_merged_label():
    sheet = _sheet([["省级建群数（个）", None, None, "联系人数", 230]], merged=[(1, 1, 1, 2)])
    hits = value_beside(layout_of(sheet)).hits
    assert hits[0].found == Found(None, "C1", "missing")
    assert hits[1].found == Found(230.0, "E1", NUMBER)


def test_value_beside_needs_a_level_on_the_line_and_stops_at_the_listing():
    sheet = _sheet([["联系人数：", 99], ["省级建群数：", 5], ["省级建群情况一览"],
                    ["地市级建群数：", 14]])
    assert _hits(value_beside(layout_of(sheet))) == [("province", "groups", 5.0, "B2")]


# ------------------------------------------------------------------------------ grids
def test_level_grid_reads_each_level_row_under_the_header_as_fallback():
    sheet = _sheet([["层级", "建群数（个）", "联系人数（人）", "备注"],
                    ["省级", 5, 230], ["地市级少工委", 14, None], ["区县级", "120个", 9100]])
    found = level_grid(layout_of(sheet))
    assert _hits(found) == [
        ("province", "groups", 5.0, "B2"), ("province", "contacts", 230.0, "C2"),
        ("prefecture", "groups", 14.0, "B3"), ("prefecture", "contacts", None, "C3"),
        ("county", "groups", "120个", "B4"), ("county", "contacts", 9100.0, "C4")]
    assert all(hit.fallback for hit in found.hits)
    assert value_beside(layout_of(sheet)).hits == ()


def test_level_grid_without_a_contacts_column_reads_groups_only():
    sheet = _sheet([["层级", "建群数"], ["省级", 5]])
    assert grid_header(layout_of(sheet)).contacts_col is None
    assert _hits(level_grid(layout_of(sheet))) == [("province", "groups", 5.0, "B2")]


def test_transposed_grid_reads_levels_as_columns_and_claims_its_row_labels():
    sheet = _sheet([["项目", "省级", "地市级", "区县级"],
                    ["建群数（个）", 5, 14, 120], ["联系人数（人）", 230, 320, None]])
    layout = layout_of(sheet)
    assert _hits(transposed_grid(layout)) == [
        ("province", "groups", 5.0, "B2"), ("prefecture", "groups", 14.0, "C2"),
        ("county", "groups", 120.0, "D2"), ("province", "contacts", 230.0, "B3"),
        ("prefecture", "contacts", 320.0, "C3"), ("county", "contacts", None, "D3")]
    assert grid_header(layout) is None  # its 建群数 row is no level grid's header


# ------------------------------------------------------------------------------ unit and date
def test_unit_and_date_read_beside_their_labels_anywhere_but_the_listing():
    sheet = _sheet([["填报单位：", "广东省少工委"], ["群名称", "人数"], ["群日期", 10],
                    ["填报人：张三"], ["填报日期：2017年4月12日"]])
    assert _hits(unit_and_date(layout_of(sheet))) == [
        (None, "unit", "广东省少工委", "B1"), (None, "date", "2017年4月12日", "A5")]


def test_unit_label_without_value_is_missing_right_of_its_merge():
    sheet = _sheet([["单位", None, None, None]], merged=[(1, 1, 1, 3)])
    assert _hits(unit_and_date(layout_of(sheet))) == [(None, "unit", None, "D1")]


# ------------------------------------------------------------------------------ listing
def test_group_listing_keeps_hidden_rows_and_skips_subtotal_blank_and_tail():
    sheet = _sheet([["省级建群情况一览"], ["群名称", "人员构成", "人数", "备注"],
                    ["甲群", "部长", 10], [], ["乙  群", None, None, "新建"], [None, "委员", 5],
                    ["小计", None, 15], ["填报人：李四"], ["丙群", "x", 9]],
                   hidden_rows=[5])
    listing = group_listing(layout_of(sheet)).listing
    assert [(g.row, g.name, g.composition, g.members.value, g.members.cell, g.note, g.hidden)
            for g in listing.groups] == [
        (3, "甲群", "部长", 10.0, "C3", "", False), (5, "乙 群", "", None, "C5", "新建", True)]
    assert listing.unnamed_rows == (6,)


def test_group_listing_needs_a_header_with_composition_or_members():
    assert group_listing(layout_of(_sheet([["群名称", "备注"], ["甲群"]]))).listing is None


# ------------------------------------------------------------------------------ layout, items
def test_layout_ends_the_form_at_the_listing_title_and_the_listing_at_closing_lines():
    layout = layout_of(_sheet([["省级建群数", 5], ["建群情况"], ["群名称", "人数"], ["甲群", 3],
                               ["注：请如实填写"], ["填报日期：4月12日"]]))
    assert (layout.form_end, layout.listing_rows) == (2, (4,))
    assert layout_of(_sheet([["省级建群数", 5]])).form_end is None  # no listing: no end


def test_items_keep_the_raw_text_of_a_value_as_written():
    text = "省级建群数： ５ 个，联系人数：230人"
    items = row_items((Cell(1, 1, text, TEXT),))
    assert [(item.kind, item.raw) for item in items if item.kind != "junk"] == [
        ("groups", None), ("value", "５ 个"), ("contacts", None), ("value", "230人")]
    assert normalize_with_map(text)[0] == normalize(text) == "省级建群数:5个,联系人数:230人"


# ------------------------------------------------------------------------------ the driver
def test_first_label_in_reading_order_wins_between_lines_and_a_transposed_grid():
    grid = [["项目", "省级", "地市级"], ["建群数", 5, 14]]
    line = [["省级建群数：", 7]]
    above = locate_sheet(_sheet(grid + line)).totals[("province", "groups")]
    below = locate_sheet(_sheet(line + grid)).totals[("province", "groups")]
    assert (above.value, above.cell, below.value, below.cell) == (5.0, "B2", 7.0, "B1")


def test_a_level_grid_only_fills_what_labelled_lines_left():
    located = locate_sheet(_sheet([["层级", "建群数", "联系人数"], ["省级", 5, 230],
                                   ["地市级", 14, 320], ["省级建群数：", 7]]))
    assert {key: (found.value, found.cell) for key, found in located.totals.items()} == {
        ("province", "groups"): (7.0, "B4"), ("province", "contacts"): (230.0, "C2"),
        ("prefecture", "groups"): (14.0, "B3"), ("prefecture", "contacts"): (320.0, "C3")}


def test_the_driver_uses_only_registered_strategies_and_scores_the_form():
    sheet = _sheet([[f"附件2（{DEMO_FLAG}）"], ["单位：", "某省少工委"],
                    ["省级建群数：", 5, "联系人数：", 230], ["群名称", "人数"], ["甲群", 3]])
    every = locate_sheet(sheet)
    assert (every.score, every.unit.value, [g.name for g in every.listing], every.is_demo) == (
        4, "某省少工委", ["甲群"], True)
    alone = locate_sheet(sheet, strategies=(value_beside,))
    assert (alone.score, alone.unit, alone.listing) == (2, None, None)
    assert len(STRATEGIES) == 5


def test_a_sheet_without_any_groups_count_scores_zero():
    located = locate_sheet(_sheet([["联系人数：", 5], ["群名称", "人数"], ["甲群", 3]]))
    assert located.score == 0
    assert locate.locate_sheet is locate_sheet
