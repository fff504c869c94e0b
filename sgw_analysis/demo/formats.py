"""A laid-out form written as .xlsx (xlsxwriter), legacy .xls (xlwt) or a CSV export."""

from __future__ import annotations

import csv
import datetime as dt
import io

import xlsxwriter
import xlwt

from sgw_analysis.demo.layout import FORM_TITLE, Sheet

FORMATS = ("xlsx", "xls", "csv-gbk", "csv-utf8-bom")
EXTENSIONS = {"xlsx": ".xlsx", "xls": ".xls", "csv-gbk": ".csv", "csv-utf8-bom": ".csv"}
CREATED = dt.datetime(2017, 4, 10, 9, 0, 0)  # workbook creation time when a return has no date

_EXPLANATION = (
    "填表说明",
    "1. 请于2017年4月15日前通过省级团委少年部长群报送本表。",
    "2. 数量请填写阿拉伯数字。",
    "3. 请逐一列出省级所建各微信群。",
)


def xlsx_bytes(sheets: list[Sheet], created: dt.datetime) -> bytes:
    """A workbook written with xlsxwriter, byte-stable (fixed creation date)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": created, "author": "示例数据", "title": FORM_TITLE})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    date_fmt = wb.add_format({"num_format": "yyyy\"年\"m\"月\"d\"日\""})
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        for col, width in sheet.widths.items():
            ws.set_column(col, col, width)
        merged_at = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merges}
        for (r1, c1), (r2, c2) in sorted(merged_at.items()):
            value = sheet.cells.get((r1, c1), "")
            if isinstance(value, dt.date):
                ws.merge_range(r1, c1, r2, c2, "", date_fmt)
                ws.write_datetime(r1, c1, dt.datetime.combine(value, dt.time()), date_fmt)
            elif isinstance(value, int | float):
                ws.merge_range(r1, c1, r2, c2, "", wrap)
                ws.write_number(r1, c1, value, wrap)
            else:
                ws.merge_range(r1, c1, r2, c2, str(value), wrap)
        for (row, col), value in sorted(sheet.cells.items()):
            if (row, col) in merged_at or (row, col) in sheet.formulas:
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date_fmt)
            elif isinstance(value, int | float):
                ws.write_number(row, col, value)
            else:
                ws.write_string(row, col, str(value), wrap if "\n" in str(value) else None)
        for (row, col), (formula, cached) in sorted(sheet.formulas.items()):
            ws.write_formula(row, col, formula, None, cached)
        for row in sorted(sheet.hidden_rows):
            ws.set_row(row, None, None, {"hidden": True})
    wb.close()
    return buf.getvalue()


def xls_bytes(sheets: list[Sheet]) -> bytes:
    """A legacy BIFF workbook written with xlwt (values only: formulas go to .xlsx)."""
    wb = xlwt.Workbook(encoding="utf-8")
    wrap = xlwt.easyxf("alignment: wrap on, vert top")
    date_fmt = xlwt.easyxf(num_format_str="yyyy/m/d")
    plain = xlwt.XFStyle()
    for sheet in sheets:
        if sheet.formulas:
            raise ValueError(f"{sheet.name}: formulas are written to .xlsx only")
        ws = wb.add_sheet(sheet.name)
        for col, width in sheet.widths.items():
            ws.col(col).width = int(width * 256)
        merged_at = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merges}
        for (r1, c1), (r2, c2) in sorted(merged_at.items()):
            value = sheet.cells.get((r1, c1), "")
            style = date_fmt if isinstance(value, dt.date) else wrap
            ws.write_merge(r1, r2, c1, c2, value, style)
        for (row, col), value in sorted(sheet.cells.items()):
            if (row, col) in merged_at:
                continue
            if isinstance(value, dt.date):
                ws.write(row, col, value, date_fmt)
            else:
                ws.write(row, col, value, wrap if "\n" in str(value) else plain)
        for row in sorted(sheet.hidden_rows):
            ws.row(row).hidden = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(sheet: Sheet, encoding: str) -> bytes:
    """A CSV export of one sheet, as Excel or WPS writes it (CRLF, merged cells flattened)."""
    rows = max((r for r, _ in sheet.cells), default=-1) + 1
    cols = max((c for _, c in sheet.cells), default=-1) + 1
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for r in range(rows):
        line = []
        for c in range(cols):
            value = sheet.cells.get((r, c), "")
            if isinstance(value, dt.date):
                value = f"{value.year}/{value.month}/{value.day}"
            line.append(value)
        while line and line[-1] == "":
            line.pop()
        writer.writerow(line)
    return buf.getvalue().encode(encoding)


def _explanation_sheet() -> Sheet:
    """The 说明 sheet some provinces keep before the form."""
    sheet = Sheet("说明", widths={0: 60})
    for i, text in enumerate(_EXPLANATION):
        sheet.put(i, 0, text)
    return sheet


def file_bytes(fmt: str, form_sheet: Sheet, explanation: bool, empty_sheets: bool,
               created: dt.datetime) -> bytes:
    """The bytes of a return in one of FORMATS; a CSV holds the form sheet only."""
    if fmt == "csv-gbk":
        return csv_bytes(form_sheet, "gbk")
    if fmt == "csv-utf8-bom":
        return csv_bytes(form_sheet, "utf-8-sig")
    sheets = [_explanation_sheet()] if explanation else []
    sheets.append(form_sheet)
    if empty_sheets:
        sheets += [Sheet("Sheet2"), Sheet("Sheet3")]
    if fmt == "xlsx":
        return xlsx_bytes(sheets, created)
    if fmt == "xls":
        return xls_bytes(sheets)
    raise ValueError(fmt)
