"""BIFF (.xls/.et) through python-calamine, falling back to xlrd, which can say why a file is unreadable.

Excel 2.x-4.0 files (a bare BIFF stream) are read by xlrd alone. Both readers stop at the limits
(sheets, rows, columns, cells, characters) and clean text like the .xlsx reader.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date, datetime

import python_calamine
import xlrd

from sgw_analysis.limits import LIMITS, Limits
from sgw_analysis.read.cells import (
    BOOL,
    DATE,
    ERROR,
    EXCEL_EPOCH,
    NUMBER,
    TEXT,
    Cell,
    Notes,
    ReadError,
    Sheet,
    Workbook,
    clean_text,
)


class _Budget:
    """What one workbook may still keep, and the notes on what was cut or left out."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.cells_left = limits.cells
        self.notes = Notes()

    def sheets(self, count: int) -> int:
        """How many of ``count`` sheets to read."""
        if count > self.limits.sheets:
            self.notes.add("sheets_not_read", "", "", str(count))
        return min(count, self.limits.sheets)

    def keep(self, sheet: str, cells: dict[tuple[int, int], Cell], cell: Cell | None) -> bool:
        """Keep ``cell`` (texts cleaned and cut); False once the workbook's cells are spent."""
        if cell is None:
            return True
        if cell.col > self.limits.columns:
            self.notes.add("columns_not_read", sheet, "", str(self.limits.columns))
            return True
        if self.cells_left <= 0:
            self.notes.add("cells_not_read", sheet, cell.ref, str(self.limits.cells))
            return False
        if cell.kind == TEXT:
            text, done = clean_text(cell.value, self.limits.cell_chars)
            if done:
                self.notes.add(done, sheet, cell.ref, str(self.limits.cell_chars))
            if not text.strip():
                return True
            if text is not cell.value:  # cleaned or cut; else the cell as it came
                cell = Cell(cell.row, cell.col, text, TEXT)
        self.cells_left -= 1
        cells[(cell.row, cell.col)] = cell
        return True

    def rows(self, sheet: str, rows: Iterable) -> Iterable:
        """The first ``limits.rows`` of ``rows``, with a note if there were more."""
        for number, row in enumerate(rows, start=1):
            if number > self.limits.rows:
                self.notes.add("rows_not_read", sheet, "", str(self.limits.rows))
                return
            yield number, row


def read_xls(data: bytes, limits: Limits = LIMITS, careful: bool = False) -> Workbook:
    """BIFF through calamine (values, dates, merges; 20x faster), else xlrd, which says why not.

    calamine does not report hidden rows of an .xls; they are read like any other row. A panic of
    the Rust reader is a BaseException: it falls back to xlrd like any calamine error.
    """
    if not careful:
        try:
            return _read_calamine(data, _Budget(limits))
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
                raise
    return _read_xlrd(data, _Budget(limits))


def read_old_xls(data: bytes, limits: Limits = LIMITS) -> Workbook:
    """An Excel 2.x-4.0 file, which only xlrd reads; else a reason naming the old format."""
    # without a CODEPAGE record (id 0x42, 2 bytes) xlrd would take the text as Latin-1; a Chinese
    # office's Excel 4.0 wrote GBK
    encoding = None if b"\x42\x00\x02\x00" in data[:4096] else "gb18030"
    try:
        return _read_xlrd(data, _Budget(limits), formatting=False, encoding=encoding)
    except ReadError as exc:
        raise ReadError("file_old_excel") from exc


def _read_calamine(data: bytes, budget: _Budget) -> Workbook:
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    metas = book.sheets_metadata
    sheets = tuple(_calamine_sheet(book, index, meta, budget)
                   for index, meta in enumerate(metas[: budget.sheets(len(metas))]))
    return Workbook("xls", sheets, notes=budget.notes.all())


def _calamine_sheet(book: python_calamine.CalamineWorkbook, index: int,
                    meta: python_calamine.SheetMetadata, budget: _Budget) -> Sheet:
    sheet = book.get_sheet_by_name(meta.name)
    first_col = sheet.start[1] if sheet.start else 0
    cells: dict[tuple[int, int], Cell] = {}
    for r, values in budget.rows(meta.name, sheet.iter_rows()):
        for c, value in enumerate(values[: max(0, budget.limits.columns - first_col) + 1],
                                  start=first_col + 1):
            if not budget.keep(meta.name, cells, _calamine_cell(r, c, value)):
                break
        if budget.cells_left <= 0:
            break
    merged = tuple((r1 + 1, c1 + 1, r2 + 1, c2 + 1)
                   for (r1, c1), (r2, c2) in sheet.merged_cell_ranges or ())
    hidden = meta.visible != python_calamine.SheetVisibleEnum.Visible
    return Sheet(meta.name, index, cells, merged, frozenset(), hidden)


def _calamine_cell(row: int, col: int, value: object) -> Cell | None:
    if isinstance(value, str):
        return Cell(row, col, value, TEXT) if value.strip() else None
    if isinstance(value, bool):
        return Cell(row, col, str(value).upper(), BOOL)
    if isinstance(value, int | float):
        return Cell(row, col, float(value), NUMBER)
    if isinstance(value, datetime):
        return Cell(row, col, _serial(value.date()) + (value - datetime.combine(
            value.date(), datetime.min.time())).total_seconds() / 86400, DATE)
    if isinstance(value, date):
        return Cell(row, col, float(_serial(value)), DATE)
    return Cell(row, col, str(value), TEXT)


def _serial(day: date) -> int:
    """A date as an Excel serial number (1900 date system), as .xlsx stores it."""
    return (day - EXCEL_EPOCH).days


def _read_xlrd(data: bytes, budget: _Budget, formatting: bool = True,
               encoding: str | None = None) -> Workbook:
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=formatting,
                                  logfile=io.StringIO(), on_demand=True,
                                  encoding_override=encoding)
        count = book.nsheets
        sheets = tuple(_xlrd_sheet(book, index, budget, formatting)
                       for index in range(budget.sheets(count)))
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ReadError("file_encrypted") from exc
        raise ReadError("file_corrupt") from exc
    except (AssertionError, IndexError, KeyError, ValueError, EOFError, TypeError,
            AttributeError, UnicodeDecodeError, NotImplementedError, OverflowError) as exc:
        raise ReadError("file_corrupt") from exc
    return Workbook("xls", sheets, notes=budget.notes.all())


def _xlrd_sheet(book: xlrd.Book, index: int, budget: _Budget, formatting: bool) -> Sheet:
    sheet = book.sheet_by_index(index)
    cells: dict[tuple[int, int], Cell] = {}
    for r, _ in budget.rows(sheet.name, range(sheet.nrows)):
        for c, xcell in enumerate(sheet.row(r - 1)[: budget.limits.columns + 1], start=1):
            if not budget.keep(sheet.name, cells, _xls_cell(r, c, xcell)):
                break
        if budget.cells_left <= 0:
            break
    merged = tuple((r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sheet.merged_cells)
    hidden_rows = frozenset(r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden) \
        if formatting else frozenset()
    return Sheet(sheet.name, index, cells, merged, hidden_rows, bool(sheet.visibility))


def _xls_cell(row: int, col: int, xcell: xlrd.sheet.Cell) -> Cell | None:
    kind = xcell.ctype
    if kind == xlrd.XL_CELL_TEXT:
        return Cell(row, col, xcell.value, TEXT) if xcell.value.strip() else None
    if kind == xlrd.XL_CELL_NUMBER:
        return Cell(row, col, float(xcell.value), NUMBER)
    if kind == xlrd.XL_CELL_DATE:
        return Cell(row, col, float(xcell.value), DATE)
    if kind == xlrd.XL_CELL_BOOLEAN:
        return Cell(row, col, str(bool(xcell.value)).upper(), BOOL)
    if kind == xlrd.XL_CELL_ERROR:
        return Cell(row, col, xlrd.error_text_from_code.get(xcell.value, "#ERR"), ERROR)
    return None

