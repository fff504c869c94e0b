"""Shared fixtures: a tiny-workbook factory in tmp_path and a 附件2 sheet builder per layout.

Sheets are laid out and written by the demo generator (sgw_analysis.demo.layout and .formats), so
that the tests read the same five layouts and the same bytes the demo round is made of; only the
openpyxl writer (a formula without a cached value) is the tests' own.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from sgw_analysis.demo.formats import CREATED, csv_bytes, xls_bytes, xlsx_bytes
from sgw_analysis.demo.layout import DEMO_TITLE, Form, Sheet, render
from sgw_analysis.read import parse_ref

FORMATS = ("xlsxwriter", "openpyxl", "xls", "csv-utf8", "csv-utf8-bom", "csv-gbk", "csv-utf16")
_CSV_ENCODINGS = {"csv-utf8": "utf-8", "csv-utf8-bom": "utf-8-sig", "csv-gbk": "gbk",
                  "csv-utf16": "utf-16"}

Rows = list[list[object]]
Merge = tuple[int, int, int, int] | str  # (r1, c1, r2, c2), 1-based, or "A1:D1"
Formulas = dict[str, tuple[str, object]]  # "B4" -> (formula text, cached value or None)


def _merge_tuple(merge: Merge) -> tuple[int, int, int, int]:
    if isinstance(merge, str):
        first, last = merge.split(":")
        return (*parse_ref(first), *parse_ref(last))
    return merge


def _formulas(formulas: Formulas | None) -> dict[tuple[int, int], tuple[str, object]]:
    """Formulas by 0-based (row, col), as a demo Sheet holds them."""
    return {tuple(n - 1 for n in parse_ref(ref)): value for ref, value in (formulas or {}).items()}


def _sheet(name: str, rows: Rows, merged: list[Merge] = (), hidden_rows: list[int] = (),
           formulas: Formulas | None = None) -> Sheet:
    """A demo Sheet from rows, merges and hidden rows written 1-based, as tests write them."""
    sheet = Sheet(name)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.put(r, c, value)
    sheet.merges = [tuple(n - 1 for n in _merge_tuple(m)) for m in merged]
    sheet.hidden_rows = {r - 1 for r in hidden_rows}
    sheet.formulas = _formulas(formulas)
    return sheet


def _openpyxl_bytes(sheets: list[Sheet]) -> bytes:
    """A workbook written with openpyxl, which stores a formula without a cached value."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        for (r, c), value in sheet.cells.items():
            ws.cell(r + 1, c + 1, value)
        for r1, c1, r2, c2 in sheet.merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1,
                           end_column=c2 + 1)
        for r in sheet.hidden_rows:
            ws.row_dimensions[r + 1].hidden = True
        for (r, c), (formula, cached) in sheet.formulas.items():
            if cached is not None:
                raise ValueError("openpyxl cannot write a cached value: use fmt='xlsxwriter'")
            ws.cell(r + 1, c + 1, formula)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _save(path: Path, fmt: str, sheets: list[Sheet]) -> Path:
    """Write sheets (the form last) to path in a format of FORMATS; a CSV holds the last only."""
    if fmt in _CSV_ENCODINGS:
        data = csv_bytes(sheets[-1], _CSV_ENCODINGS[fmt])
    elif fmt == "xlsxwriter":
        if any(cached is None for s in sheets for _, cached in s.formulas.values()):
            raise ValueError("xlsxwriter always writes a cached value: use fmt='openpyxl'")
        data = xlsx_bytes(sheets, CREATED)
    elif fmt == "xls":
        data = xls_bytes(sheets)
    elif fmt == "openpyxl":
        data = _openpyxl_bytes(sheets)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """A function writing a small spreadsheet into tmp_path and returning its path."""

    def make(rows: Rows, name: str = "x.xlsx", fmt: str = "xlsxwriter", sheet: str = "Sheet1",
             merged: list[Merge] = (), hidden_rows: list[int] = (),
             formulas: Formulas | None = None,
             extra_sheets_before: list[tuple[str, Rows]] = ()) -> Path:
        sheets = [_sheet(n, r) for n, r in extra_sheets_before]
        sheets.append(_sheet(sheet, rows, merged, hidden_rows, formulas))
        return _save(tmp_path / name, fmt, sheets)

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
_BLANK_ROW = ("", "", None, "")  # a listing entry that renders as an empty row


@dataclass
class Annex2:
    """A laid-out 附件2 sheet and where each value was put (1-based rows, A1 cells)."""

    sheet: Sheet
    cells: dict[tuple[str, str], str]  # (level, field) -> "B4"
    group_rows: list[int]
    unit_cell: str
    date_cell: str


def annex2(layout: str = "clean", totals: dict | None = None,
           groups: tuple[Group, ...] | list[Group] = DEFAULT_GROUPS, unit: str = "广东省少工委",
           date: object = "2017年4月12日", seq_col: bool = False, blank_after: tuple[int, ...] = (),
           total_row: str | None = None, filler: str | None = None, demo: bool = False,
           sheet: str = "Sheet1") -> Annex2:
    """A 附件2 sheet in one of the demo layouts clean, sentence, onecell, grid, merged."""
    listing = []
    for i, group in enumerate(groups):
        listing.append((group.name, group.composition, group.members, group.note))
        if i in blank_after:
            listing.append(_BLANK_ROW)
    form = Form(unit=unit, date_value=date, date_line=date is not None,
                values={**DEFAULT_TOTALS, **(totals or {})}, groups=listing, serial=seq_col,
                total_row=total_row is not None, total_label=total_row or "", filler=filler or "",
                title=DEMO_TITLE if demo else "附件2")
    laid_out = render(form, layout, sheet)
    rows = [row + 1 for row, entry in zip(laid_out.listing_rows, listing, strict=True)
            if entry is not _BLANK_ROW]
    laid_out.hidden_rows = {row - 1 for row, group in zip(rows, groups, strict=True)
                            if group.hidden}
    return Annex2(laid_out, dict(laid_out.addresses), rows, laid_out.unit_cell,
                  laid_out.date_cell)


@pytest.fixture
def make_form(tmp_path: Path) -> Callable[..., tuple[Path, Annex2]]:
    """Write a 附件2 sheet of a layout to a file: returns the path and the laid-out form."""

    def make(name: str = "广东省 附件2.xlsx", fmt: str = "xlsxwriter", sheet: str = "Sheet1",
             formulas: Formulas | None = None, extra_sheets_before=(),
             **form_options) -> tuple[Path, Annex2]:
        form = annex2(sheet=sheet, **form_options)
        form.sheet.formulas = _formulas(formulas)
        sheets = [*(_sheet(n, rows) for n, rows in extra_sheets_before), form.sheet]
        return _save(tmp_path / name, fmt, sheets), form

    return make


@pytest.fixture
def samples_dir() -> Path:
    """The shared sample returns beside the repository, or skip when they are not present."""
    returns = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "returns"
    if not returns.is_dir():
        pytest.skip("../shared/samples not present: acceptance over the shared samples skipped")
    return returns


# ------------------------------------------------------------------------------- crafted zips
def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A deflated zip of these members, in memory: a crafted container or archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_members(path: Path) -> dict[str, bytes]:
    """Every member of a zip file by name, to craft a variant of a real workbook."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}
