"""read: every rejection code from real bytes; CSV encodings; formulas; merges; hidden rows."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from sgw_analysis.labels import REJECT_REASON
from sgw_analysis.locate import locate
from sgw_analysis.read import (
    DATE,
    FORMULA_WITHOUT_VALUE,
    NUMBER,
    TEXT,
    Cell,
    ReadError,
    cells_frame,
    column_letter,
    parse_ref,
    read_bytes,
    read_workbook,
)

SMALL = [["单位：", "广东省少工委"], ["省级建群数：", 5, "联系人数：", 230]]
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types '
                         'xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w='
                         '"http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         "<w:body><w:p><w:r><w:t>附件2</w:t></w:r></w:p></w:body></w:document>")
    return buffer.getvalue()


def _rejection(data: bytes, name: str) -> tuple[str, str]:
    with pytest.raises(ReadError) as info:
        read_bytes(data, name)
    return info.value.code, info.value.what


# ------------------------------------------------------------------------------ rejections
def test_zero_byte_file_is_file_empty():
    assert _rejection(b"", "附件2.xlsx") == ("file_empty", "")


def test_office_lock_file_is_file_lock_even_with_real_bytes(make_workbook):
    data = make_workbook(SMALL).read_bytes()
    assert _rejection(data, "~$北京市少工委 附件2.xlsx")[0] == "file_lock"
    assert _rejection(b"\x0dAdministrator", "更正/~$附件2.xlsx")[0] == "file_lock"


def test_broken_png_screenshot_is_an_unreadable_image():
    assert _rejection(PNG, "微信图片_20170414.png")[0] == "image_unreadable"


def test_broken_png_named_xlsx_is_an_unreadable_image_by_its_bytes():
    assert _rejection(PNG, "附件2.xlsx")[0] == "image_unreadable"


def test_word_file_named_xlsx_is_read_as_word_by_its_content():
    book = read_bytes(_docx_bytes(), "微信群矩阵建设情况信息汇总表（空表）.xlsx")
    assert book.format == "docx"
    assert [cell.value for cell in book.sheets[0].cells.values()] == ["附件2"]
    assert locate(book) is None


def test_truncated_xlsx_is_corrupt(make_workbook):
    data = make_workbook(SMALL).read_bytes()
    assert _rejection(data[: len(data) // 2], "重庆市 附件2.xlsx")[0] == "file_corrupt"


def test_truncated_xls_is_corrupt(make_workbook):
    data = make_workbook(SMALL, name="x.xls", fmt="xls").read_bytes()
    assert _rejection(data[: len(data) // 2], "x.xls")[0] == "file_corrupt"


def test_random_bytes_named_xlsx_are_corrupt():
    assert _rejection(b"\x01\x02garbage" * 20, "附件2.xlsx")[0] == "file_corrupt"


def test_junk_without_suffix_is_unsupported():
    assert _rejection(b"\x00\x00\x00\x01Bud1\x00", ".DS_Store") == ("file_unsupported", "无扩展名")


def test_zip_without_workbook_is_not_a_spreadsheet():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    assert _rejection(buffer.getvalue(), "附件2.zip") == ("file_not_spreadsheet", "ZIP压缩包")


def test_password_protected_xlsx_is_file_encrypted(make_workbook):
    ooxml = pytest.importorskip(
        "msoffcrypto.format.ooxml",
        reason="msoffcrypto-tool not installed: cannot build an encrypted workbook")
    source = make_workbook(SMALL)
    out = io.BytesIO()
    with source.open("rb") as fh:
        ooxml.OOXMLFile(fh).encrypt("secret", out)
    assert _rejection(out.getvalue(), "山东省 附件2（加密）.xlsx")[0] == "file_encrypted"


def test_xlsx_without_annex2_labels_reads_but_is_not_located(make_workbook):
    path = make_workbook([["2017年少先队辅导员培训报名表"], ["姓名", "单位", "职务", "电话"],
                          ["张三", "某小学", "大队辅导员", "13800000000"]])
    workbook = read_workbook(path)
    assert len(workbook.sheets[0].cells) == 9
    assert locate(workbook) is None


# ------------------------------------------------------------------------------ csv
CSV_ROWS = [["单位：", "湖南省少工委"], ["省级建群数：5个，联系人数：约230人"],
            ["群名称", "人员构成", "人数"], ["地市级团委少年部长群", "部长", "15"]]


@pytest.mark.parametrize("fmt", ["csv-utf8", "csv-utf8-bom", "csv-gbk", "csv-utf16"])
def test_csv_encodings_decode_to_the_same_cells(make_workbook, fmt):
    path = make_workbook(CSV_ROWS, name=f"湖南省 附件2 {fmt}.csv", fmt=fmt)
    workbook = read_workbook(path)
    assert workbook.format == "csv"
    assert {(r, c): cell.value for (r, c), cell in workbook.sheets[0].cells.items()} == {
        (1, 1): "单位：", (1, 2): "湖南省少工委", (2, 1): "省级建群数：5个，联系人数：约230人",
        (3, 1): "群名称", (3, 2): "人员构成", (3, 3): "人数",
        (4, 1): "地市级团委少年部长群", (4, 2): "部长", (4, 3): "15"}
    assert all(cell.kind == TEXT for cell in workbook.sheets[0].cells.values())


def test_tab_separated_text_is_split_on_tabs():
    data = "单位：\t湖南省少工委\n省级建群数：\t5\n".encode()
    sheet = read_bytes(data, "附件2.txt").sheets[0]
    assert {k: c.value for k, c in sheet.cells.items()} == {
        (1, 1): "单位：", (1, 2): "湖南省少工委", (2, 1): "省级建群数：", (2, 2): "5"}


# ------------------------------------------------------------------------------ formulas
def test_formula_with_cached_value_gives_the_number(make_workbook):
    path = make_workbook(SMALL, formulas={"B2": ("=SUM(C10:C13)", 42)})
    cell = read_workbook(path).sheets[0].cells[(2, 2)]
    assert cell == Cell(2, 2, 42.0, NUMBER, "=SUM(C10:C13)")


def test_formula_without_cached_value_is_flagged_with_its_text(make_workbook):
    path = make_workbook(SMALL, fmt="openpyxl", formulas={"B2": ("=SUM(C10:C13)", None)})
    cell = read_workbook(path).sheets[0].cells[(2, 2)]
    assert cell == Cell(2, 2, "", FORMULA_WITHOUT_VALUE, "=SUM(C10:C13)")


# ------------------------------------------------------------------------------ structure
@pytest.mark.parametrize(("fmt", "name"), [("xlsxwriter", "m.xlsx"), ("openpyxl", "m.xlsx"),
                                           ("xls", "m.xls")])
def test_merged_ranges_and_hidden_rows_are_reported(make_workbook, fmt, name):
    rows = [["标题"], ["群名称", None, "人数"], ["甲群", None, 5], ["乙群", None, 6]]
    path = make_workbook(rows, name=name, fmt=fmt, merged=["A1:C1", (2, 1, 2, 2)],
                         hidden_rows=[4])
    sheet = read_workbook(path).sheets[0]
    assert set(sheet.merged) == {(1, 1, 1, 3), (2, 1, 2, 2)}
    # calamine, the fast .xls reader, does not report hidden rows; the row is read all the same
    assert sheet.hidden_rows == (frozenset() if fmt == "xls" else frozenset({4}))
    assert sheet.cells[(4, 1)].value == "乙群"


def test_xlsm_is_read_like_xlsx(make_workbook):
    path = make_workbook(SMALL, name="河北省少工委附件2.xlsm", fmt="openpyxl")
    workbook = read_workbook(path)
    assert workbook.format == "xlsx"
    assert workbook.sheets[0].cells[(2, 2)] == Cell(2, 2, 5.0, NUMBER)


def test_sheets_are_read_in_order_with_names(make_workbook):
    path = make_workbook(SMALL, sheet="附件2",
                         extra_sheets_before=[("说明", [["填表说明"]]), ("附件1", [["通讯录"]])])
    assert [(s.name, s.index) for s in read_workbook(path).sheets] == [
        ("说明", 0), ("附件1", 1), ("附件2", 2)]


def test_xls_numbers_text_and_dates(make_workbook):
    path = make_workbook([["省级建群数：", 5, "９个"], ["填报日期：", date(2017, 4, 14)]],
                         name="x.xls", fmt="xls", sheet="汇总表")
    workbook = read_workbook(path)
    assert workbook.format == "xls"
    assert workbook.sheets[0].name == "汇总表"
    cells = workbook.sheets[0].cells
    assert cells[(1, 2)] == Cell(1, 2, 5.0, NUMBER)
    assert cells[(1, 3)] == Cell(1, 3, "９个", TEXT)
    assert cells[(2, 2)] == Cell(2, 2, 42839.0, DATE)


def test_xlsx_date_cell_is_a_serial_number(make_workbook):
    path = make_workbook([["填报日期：", date(2017, 4, 14)]])
    assert read_workbook(path).sheets[0].cells[(1, 2)].value == 42839.0


def test_whitespace_only_text_cells_are_empty(make_workbook):
    path = make_workbook([["a", "   ", "\u3000"]], fmt="openpyxl")
    assert list(read_workbook(path).sheets[0].cells) == [(1, 1)]


def test_cells_frame_has_one_row_per_non_empty_cell_with_its_address(make_workbook):
    path = make_workbook([["单位：", None, "广东省少工委"], [None, 5]], merged=["C1:D1"],
                         hidden_rows=[2])
    frame = cells_frame(read_workbook(path), file="广东.xlsx")
    expected = pd.DataFrame(
        [("广东.xlsx", "Sheet1", 1, 1, "A1", "单位：", TEXT, "", "", False),
         ("广东.xlsx", "Sheet1", 1, 3, "C1", "广东省少工委", TEXT, "", "C1:D1", False),
         ("广东.xlsx", "Sheet1", 2, 2, "B2", "5", NUMBER, "", "", True)],  # as read, like issues.value
        columns=["file", "sheet", "row", "col", "cell", "value", "kind", "formula", "merged",
                 "hidden"])
    assert_frame_equal(frame, expected, check_dtype=False)


@pytest.mark.parametrize(("col", "letters"), [(1, "A"), (26, "Z"), (27, "AA"), (52, "AZ"),
                                              (703, "AAA")])
def test_column_letter_and_parse_ref_round_trip(col, letters):
    assert column_letter(col) == letters
    assert parse_ref(f"${letters}$7") == (7, col)


def test_an_xlsb_workbook_is_rejected_as_unsupported_with_a_way_out(tmp_path):
    path = tmp_path / "广东省 附件2.xlsb"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    with pytest.raises(ReadError) as rejected:
        read_workbook(path)
    assert rejected.value.code == "file_unsupported"
    assert "另存为.xlsx" in REJECT_REASON["file_unsupported"]
