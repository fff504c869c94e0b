"""Shared fixtures: a tiny-workbook factory in tmp_path and a 附件2 sheet builder per layout."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pytest

from sgw_analysis.read import column_letter, parse_ref

FORMATS = ("xlsxwriter", "openpyxl", "xls", "csv-utf8", "csv-utf8-bom", "csv-gbk", "csv-utf16")
_CSV_ENCODINGS = {"csv-utf8": "utf-8", "csv-utf8-bom": "utf-8-sig", "csv-gbk": "gbk",
                  "csv-utf16": "utf-16"}
LEVELS = ("province", "prefecture", "county")

Rows = list[list[object]]
Merge = tuple[int, int, int, int] | str  # (r1, c1, r2, c2), 1-based, or "A1:D1"


def _merge_tuple(merge: Merge) -> tuple[int, int, int, int]:
    if isinstance(merge, str):
        first, last = merge.split(":")
        return (*parse_ref(first), *parse_ref(last))
    return merge


# ------------------------------------------------------------------------------- writers
def _write_xlsxwriter(path: Path, sheets: list[tuple[str, Rows]], merged, hidden_rows,
                      formulas) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    for index, (name, rows) in enumerate(sheets):
        ws = book.add_worksheet(name)
        main = index == len(sheets) - 1
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, datetime | date):
                    ws.write_datetime(r, c, value, date_format)
                elif isinstance(value, str):
                    ws.write_string(r, c, value)
                else:
                    ws.write(r, c, value)
        if not main:
            continue
        for merge in merged:
            r1, c1, r2, c2 = _merge_tuple(merge)
            top_left = rows[r1 - 1][c1 - 1] if r1 <= len(rows) and c1 <= len(rows[r1 - 1]) \
                else None
            ws.merge_range(r1 - 1, c1 - 1, r2 - 1, c2 - 1, top_left)
        for r in hidden_rows:
            ws.set_row(r - 1, None, None, {"hidden": True})
        for ref, (formula, cached) in formulas.items():
            if cached is None:
                raise ValueError("xlsxwriter always writes a cached value: use fmt='openpyxl'")
            r, c = parse_ref(ref)
            ws.write_formula(r - 1, c - 1, formula, None, cached)
    book.close()


def _write_openpyxl(path: Path, sheets: list[tuple[str, Rows]], merged, hidden_rows,
                    formulas) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for index, (name, rows) in enumerate(sheets):
        ws = book.create_sheet(name)
        main = index == len(sheets) - 1
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(r, c, value)
        if not main:
            continue
        for merge in merged:
            r1, c1, r2, c2 = _merge_tuple(merge)
            ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
        for r in hidden_rows:
            ws.row_dimensions[r].hidden = True
        for ref, (formula, cached) in formulas.items():
            if cached is not None:
                raise ValueError("openpyxl cannot write a cached value: use fmt='xlsxwriter'")
            ws[ref] = formula
    book.save(path)


def _write_xls(path: Path, sheets: list[tuple[str, Rows]], merged, hidden_rows,
               formulas) -> None:
    import xlwt

    if formulas:
        raise ValueError("formulas are not supported for .xls in this factory")
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for index, (name, rows) in enumerate(sheets):
        ws = book.add_sheet(name)
        main = index == len(sheets) - 1
        merges = [_merge_tuple(m) for m in merged] if main else []
        merged_tops = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in merges}
        covered = {(r, c) for r1, c1, r2, c2 in merges for r in range(r1, r2 + 1)
                   for c in range(c1, c2 + 1)} - set(merged_tops)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or (r, c) in covered or (r, c) in merged_tops:
                    continue
                if isinstance(value, datetime | date):
                    ws.write(r - 1, c - 1, value, date_style)
                else:
                    ws.write(r - 1, c - 1, value)
        for (r1, c1), (r2, c2) in merged_tops.items():
            value = rows[r1 - 1][c1 - 1] if c1 <= len(rows[r1 - 1]) else None
            ws.write_merge(r1 - 1, r2 - 1, c1 - 1, c2 - 1, "" if value is None else value)
        if main:
            for r in hidden_rows:
                ws.row(r - 1).hidden = True
    book.save(str(path))


def _write_csv(path: Path, rows: Rows, encoding: str) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    data = buffer.getvalue().encode(encoding)
    if encoding == "utf-16" and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = codecs.BOM_UTF16_LE + data
    path.write_bytes(data)


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """A function writing a small spreadsheet into tmp_path and returning its path."""

    def make(rows: Rows, name: str = "x.xlsx", fmt: str = "xlsxwriter", sheet: str = "Sheet1",
             merged: list[Merge] = (), hidden_rows: list[int] = (),
             formulas: dict[str, tuple[str, object]] | None = None,
             extra_sheets_before: list[tuple[str, Rows]] = ()) -> Path:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        formulas = formulas or {}
        if fmt in _CSV_ENCODINGS:
            _write_csv(path, rows, _CSV_ENCODINGS[fmt])
            return path
        sheets = [*extra_sheets_before, (sheet, rows)]
        writer = {"xlsxwriter": _write_xlsxwriter, "openpyxl": _write_openpyxl,
                  "xls": _write_xls}[fmt]
        writer(path, sheets, list(merged), list(hidden_rows), formulas)
        return path

    return make


# ------------------------------------------------------------------------------- 附件2 forms
@dataclass(frozen=True)
class Group:
    """One row of 省级建群情况一览."""

    name: str
    members: object
    composition: str = "各地市团委少年部部长"
    note: str = ""
    hidden: bool = False


DEFAULT_TOTALS: dict[tuple[str, str], object] = {
    ("province", "groups"): 3, ("province", "contacts"): 120,
    ("prefecture", "groups"): 14, ("prefecture", "contacts"): 300,
    ("county", "groups"): 120, ("county", "contacts"): 9000,
}
DEFAULT_GROUPS: tuple[Group, ...] = (
    Group("地市级团委少年部长群", 40),
    Group("省少工委委员群", 50, "省少工委委员"),
    Group("少先队名师工作室群", 30, "名师工作室主持人"),
)


@dataclass
class Annex2:
    """A laid-out 附件2 sheet: its rows, merges, hidden rows, and where each value was put."""

    rows: Rows
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)
    cells: dict[tuple[str, str], str] = field(default_factory=dict)  # (level, field) -> "B4"
    group_rows: list[int] = field(default_factory=list)
    unit_cell: str = ""
    date_cell: str = ""


def _onecell_text(value: object, unit: str) -> str:
    text = "" if value is None else str(value)
    return text if text.endswith(unit) or not text else text + unit


def annex2(layout: str = "clean", totals: dict | None = None,
           groups: tuple[Group, ...] | list[Group] = DEFAULT_GROUPS, unit: str = "广东省少工委",
           date: object = "2017年4月12日", seq_col: bool = False, blank_after: tuple[int, ...] = (),
           total_row: str | None = None, filler: str | None = None,
           demo: bool = False) -> Annex2:
    """A minimal 附件2 sheet in one of the layouts clean, sentence, onecell, grid, merged."""
    values = {**DEFAULT_TOTALS, **(totals or {})}
    form = Annex2(rows=[])
    rows = form.rows

    def put(r: int, c: int, value: object) -> None:
        while len(rows) < r:
            rows.append([])
        row = rows[r - 1]
        while len(row) < c:
            row.append(None)
        row[c - 1] = value

    def put_value(r: int, c: int, key: tuple[str, str]) -> None:
        put(r, c, values[key])
        form.cells[key] = f"{column_letter(c)}{r}"

    r = 1
    put(r, 1, "附件2")
    r += 1
    put(r, 1, "微信群矩阵建设情况信息汇总表")
    if demo:
        put(r, 5, "示例数据")
    r += 1
    if layout == "onecell":
        put(r, 1, f"单位：{unit}")
        form.unit_cell = f"A{r}"
    elif layout == "merged":
        put(r, 1, "单位")
        form.merged.append((r, 1, r, 2))
        put(r, 3, unit)
        form.merged.append((r, 3, r, 6))
        form.unit_cell = f"C{r}"
    else:
        put(r, 1, "单位：")
        put(r, 2, unit)
        form.unit_cell = f"B{r}"
    r += 1
    if layout == "clean":
        labels = {"province": ("省级建群数（个）：", "联系人数："),
                  "prefecture": ("地市级少工委建群数（合计）：", "总计联系人数："),
                  "county": ("区县级少工委建群数（合计）：", "总计联系人数：")}
        for level in LEVELS:
            put(r, 1, labels[level][0])
            put_value(r, 2, (level, "groups"))
            put(r, 3, labels[level][1])
            put_value(r, 4, (level, "contacts"))
            r += 1
    elif layout == "sentence":
        labels = {"province": ("省级建群数：", "个，联系人数："),
                  "prefecture": ("地市级少工委建群数：合计", "个，总计联系人数："),
                  "county": ("区县级少工委建群数：合计", "个，总计联系人数：")}
        for level in LEVELS:
            put(r, 1, labels[level][0])
            put_value(r, 2, (level, "groups"))
            put(r, 3, labels[level][1])
            put_value(r, 4, (level, "contacts"))
            put(r, 5, "人")
            r += 1
    elif layout == "onecell":
        labels = {"province": ("省级建群数：", "联系人数："),
                  "prefecture": ("地市级少工委建群数：合计", "总计联系人数："),
                  "county": ("区县级少工委建群数：合计", "总计联系人数：")}
        for level in LEVELS:
            g = _onecell_text(values[(level, "groups")], "个")
            c = _onecell_text(values[(level, "contacts")], "人")
            put(r, 1, f"{labels[level][0]}{g}，{labels[level][1]}{c}")
            form.cells[(level, "groups")] = form.cells[(level, "contacts")] = f"A{r}"
            r += 1
    elif layout == "merged":
        labels = {"province": ("省级建群数（个）", "联系人数（人）"),
                  "prefecture": ("地市级少工委建群数（合计，个）", "总计联系人数（人）"),
                  "county": ("区县级少工委建群数（合计，个）", "总计联系人数（人）")}
        for level in LEVELS:
            put(r, 1, labels[level][0])
            form.merged.append((r, 1, r, 2))
            put_value(r, 3, (level, "groups"))
            put(r, 4, labels[level][1])
            put_value(r, 5, (level, "contacts"))
            form.merged.append((r, 5, r, 6))
            r += 1
    elif layout == "grid":
        for c, head in enumerate(("层级", "建群数（个）", "联系人数（人）", "备注"), start=1):
            put(r, c, head)
        r += 1
        names = {"province": "省级", "prefecture": "地市级少工委", "county": "区县级少工委"}
        for level in LEVELS:
            put(r, 1, names[level])
            put_value(r, 2, (level, "groups"))
            put_value(r, 3, (level, "contacts"))
            r += 1
    else:
        raise ValueError(layout)

    r += 1  # a blank row before the listing
    put(r, 1, "省级建群情况一览")
    r += 1
    if layout == "merged":
        cols = {"name": (1, 2), "composition": (3, 4), "members": (5, 5), "note": (6, 6)}
    elif seq_col:
        cols = {"seq": (1, 1), "name": (2, 2), "composition": (3, 3), "members": (4, 4),
                "note": (5, 5)}
    else:
        cols = {"name": (1, 1), "composition": (2, 2), "members": (3, 3), "note": (4, 4)}
    heads = {"seq": "序号", "name": "群名称", "composition": "人员构成", "members": "人数",
             "note": "备注"}
    for key, (c1, c2) in cols.items():
        put(r, c1, heads[key])
        if c2 > c1:
            form.merged.append((r, c1, r, c2))
    r += 1
    for i, group in enumerate(groups):
        if "seq" in cols:
            put(r, 1, i + 1)
        put(r, cols["name"][0], group.name)
        put(r, cols["composition"][0], group.composition)
        put(r, cols["members"][0], group.members)
        if group.note:
            put(r, cols["note"][0], group.note)
        for key in ("name", "composition"):
            c1, c2 = cols[key]
            if c2 > c1:
                form.merged.append((r, c1, r, c2))
        if group.hidden:
            form.hidden_rows.append(r)
        form.group_rows.append(r)
        r += 1
        if i in blank_after:
            r += 1
    if total_row:
        put(r, cols["name"][0], total_row)
        numeric = [g.members for g in groups if isinstance(g.members, int)]
        put(r, cols["members"][0], sum(numeric))
        r += 1
    if filler:
        put(r, 1, filler)
        r += 1
    if date is not None:
        if layout == "onecell":
            put(r, 1, f"填报日期：{date}")
            form.date_cell = f"A{r}"
        else:
            put(r, 1, "填报日期：")
            put(r, 2, date)
            form.date_cell = f"B{r}"
        r += 1
    return form


@pytest.fixture
def make_form(make_workbook) -> Callable[..., tuple[Path, Annex2]]:
    """Write a 附件2 sheet of a layout to a file: returns the path and the laid-out form."""

    def make(name: str = "广东省 附件2.xlsx", fmt: str = "xlsxwriter", sheet: str = "Sheet1",
             formulas: dict | None = None, extra_sheets_before=(),
             **form_options) -> tuple[Path, Annex2]:
        form = annex2(**form_options)
        path = make_workbook(form.rows, name=name, fmt=fmt, sheet=sheet, merged=form.merged,
                             hidden_rows=form.hidden_rows, formulas=formulas,
                             extra_sheets_before=extra_sheets_before)
        return path, form

    return make


@pytest.fixture
def samples_dir() -> Path:
    """The shared sample returns beside the repository, or skip when they are not present."""
    returns = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "returns"
    if not returns.is_dir():
        pytest.skip("../shared/samples not present: acceptance over the shared samples skipped")
    return returns
