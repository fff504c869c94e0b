"""Edge: open any supported file into a grid of non-empty cells, or say why it cannot be read.

.xlsx/.xlsm are read straight from their XML (the fastest reader that still sees formulas without
a cached value, merged ranges and hidden rows); .xls/.et through xlrd; .csv in UTF-8, UTF-16 or GB18030.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from xml.etree import ElementTree

import olefile
import pandas as pd
import python_calamine
import xlrd

TEXT = "text"
NUMBER = "number"
DATE = "date"
BOOL = "bool"
ERROR = "error"
FORMULA_WITHOUT_VALUE = "formula_without_value"


@dataclass(frozen=True, slots=True)
class Cell:
    """One non-empty cell: 1-based row and column, its value, what kind of value, its formula."""

    row: int
    col: int
    value: str | float
    kind: str
    formula: str = ""

    @property
    def ref(self) -> str:
        """The cell's A1 address."""
        return f"{column_letter(self.col)}{self.row}"


@dataclass(frozen=True)
class Sheet:
    """A sheet as a sparse grid, with merged ranges (r1, c1, r2, c2) and hidden rows."""

    name: str
    index: int
    cells: dict[tuple[int, int], Cell]
    merged: tuple[tuple[int, int, int, int], ...] = ()
    hidden_rows: frozenset[int] = frozenset()
    hidden: bool = False


@dataclass(frozen=True)
class Workbook:
    """What a file holds: its format and its sheets in order."""

    format: str
    sheets: tuple[Sheet, ...]


class ReadError(Exception):
    """A file that is not a readable spreadsheet; ``code`` is the rejection rule id."""

    def __init__(self, code: str, what: str = "") -> None:
        super().__init__(code, what)
        self.code = code
        self.what = what


def display_text(value: object) -> str:
    """A cell value as a person reads it in the cell: 5.0 → '5'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@lru_cache(maxsize=1024)
def column_number(letters: str) -> int:
    """A → 1, AA → 27."""
    col = 0
    for letter in letters:
        col = col * 26 + ord(letter) - 64
    return col


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_REF = re.compile(r"([A-Z]+)(\d+)")
_DIGITS = "0123456789"
_EXCEL_EPOCH = date(1899, 12, 30)


def parse_ref(ref: str) -> tuple[int, int]:
    """'B4' → (4, 2)."""
    match = _REF.fullmatch(ref.replace("$", "").upper())
    if not match:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(match.group(2)), column_number(match.group(1))


# ------------------------------------------------------------------------------------ dispatch
_SIGNATURES = (
    (b"\x89PNG", "PNG图片"), (b"\xff\xd8\xff", "JPEG图片"), (b"GIF8", "GIF图片"),
    (b"%PDF", "PDF文件"), (b"BM", "BMP图片"), (b"Rar!", "RAR压缩包"), (b"7z\xbc\xaf", "7z压缩包"),
    (b"{\\rtf", "RTF文档"),
)
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}


def read_workbook(path: Path) -> Workbook:
    """Open a file of any supported kind, or raise ReadError saying why it is not a spreadsheet."""
    return read_bytes(path.read_bytes(), path.name)


def read_bytes(data: bytes, name: str) -> Workbook:
    """Open a file's bytes; ``name`` tells lock files and the suffix of text files."""
    if posixpath.basename(name).startswith("~$"):
        raise ReadError("file_lock")
    if not data:
        raise ReadError("file_empty")
    suffix = posixpath.splitext(name)[1].lower()
    if data.startswith(b"PK"):
        return _read_zip(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _read_ole(data)
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise ReadError("file_not_spreadsheet", what)
    if suffix in _TEXT_SUFFIXES:
        return _read_csv(data)
    if suffix in {".xlsx", ".xlsm", ".xls", ".et", ".xltx"}:
        raise ReadError("file_corrupt")
    raise ReadError("file_unsupported", suffix or "无扩展名")


def _read_zip(data: bytes) -> Workbook:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise ReadError("file_corrupt") from exc
    if "xl/workbook.xml" in names:
        try:
            return _XlsxReader(archive).workbook()
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, ValueError,
                OSError) as exc:
            raise ReadError("file_corrupt") from exc
    if "xl/workbook.bin" in names:
        raise ReadError("file_unsupported", "Excel二进制工作簿.xlsb")
    if "word/document.xml" in names:
        raise ReadError("file_not_spreadsheet", "Word文档")
    if any(n.startswith("ppt/") for n in names):
        raise ReadError("file_not_spreadsheet", "PowerPoint演示文稿")
    if "content.xml" in names:
        raise ReadError("file_unsupported", "OpenDocument表格")
    raise ReadError("file_not_spreadsheet", "ZIP压缩包")


def _read_ole(data: bytes) -> Workbook:
    try:
        ole = olefile.OleFileIO(data)
        streams = {"/".join(entry) for entry in ole.listdir()}
    except (OSError, ValueError) as exc:
        raise ReadError("file_corrupt") from exc
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        raise ReadError("file_encrypted")
    if "WordDocument" in streams:
        raise ReadError("file_not_spreadsheet", "Word文档")
    if "PowerPoint Document" in streams:
        raise ReadError("file_not_spreadsheet", "PowerPoint演示文稿")
    if not {"Workbook", "Book"} & streams:
        raise ReadError("file_unsupported", "OLE复合文档")
    return _read_xls(data)


# ---------------------------------------------------------------------------------------- xlsx
class _XlsxReader:
    """A minimal SpreadsheetML reader: values, cached formula results, merges, hidden rows."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.ns = ""

    def _xml(self, member: str) -> ElementTree.Element:
        return ElementTree.fromstring(self.archive.read(member))

    def _tag(self, name: str) -> str:
        return f"{self.ns}{name}"

    def workbook(self) -> Workbook:
        root = self._xml("xl/workbook.xml")
        self.ns = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
        targets = self._relationships()
        shared = self._shared_strings()
        sheets = []
        members = set(self.archive.namelist())
        for index, node in enumerate(root.iter(self._tag("sheet"))):
            rel_id = next((v for k, v in node.attrib.items() if k.endswith("}id")), "")
            target = targets.get(rel_id)
            if target not in members:
                continue  # a chart sheet or a dangling relationship: no cells to read
            sheets.append(self._sheet(node.get("name", f"Sheet{index + 1}"), index, target,
                                      shared, node.get("state", "visible") != "visible"))
        return Workbook("xlsx", tuple(sheets))

    def _relationships(self) -> dict[str, str]:
        root = ElementTree.fromstring(self.archive.read("xl/_rels/workbook.xml.rels"))
        targets = {}
        for rel in root:
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            targets[rel.get("Id", "")] = path
        return targets

    def _shared_strings(self) -> list[str]:
        if "xl/sharedStrings.xml" not in self.archive.namelist():
            return []
        root = self._xml("xl/sharedStrings.xml")
        text_tag, phonetic_tag = self._tag("t"), self._tag("rPh")
        strings = []
        for item in root:
            parts = [t.text or "" for child in item if child.tag != phonetic_tag
                     for t in ([child] if child.tag == text_tag else child.iter(text_tag))]
            strings.append("".join(parts))
        return strings

    def _sheet(self, name: str, index: int, member: str, shared: list[str],
               hidden: bool) -> Sheet:
        root = self._xml(member)
        tag = self._tag
        c_tag, v_tag, f_tag, is_tag, t_tag = tag("c"), tag("v"), tag("f"), tag("is"), tag("t")
        cells: dict[tuple[int, int], Cell] = {}
        hidden_rows = set()
        sheet_data = root.find(tag("sheetData"))
        row_number = 0
        for row in sheet_data if sheet_data is not None else ():
            row_number = int(row.get("r", row_number + 1))
            if row.get("hidden") in ("1", "true"):
                hidden_rows.add(row_number)
            col_number = 0
            for c in row.iter(c_tag):
                ref = c.get("r")
                if ref:
                    col_number = column_number(ref.rstrip(_DIGITS))
                else:
                    col_number += 1
                kind = c.get("t", "n")
                v = c.find(v_tag)
                f = c.find(f_tag)
                formula = ("=" + (f.text or "")) if f is not None else ""
                text = v.text if v is not None else None
                if kind == "inlineStr":
                    node = c.find(is_tag)
                    text = "".join(t.text or "" for t in node.iter(t_tag)) if node is not None \
                        else None
                if text is None or (text == "" and formula):
                    if formula:
                        cells[(row_number, col_number)] = Cell(
                            row_number, col_number, "", FORMULA_WITHOUT_VALUE, formula)
                    continue
                cell = self._cell(row_number, col_number, kind, text, shared, formula)
                if cell is not None:
                    cells[(row_number, col_number)] = cell
        merged = tuple(_range(m.get("ref", "")) for m in root.iter(tag("mergeCell"))
                       if ":" in m.get("ref", ""))
        return Sheet(name, index, cells, merged, frozenset(hidden_rows), hidden)

    @staticmethod
    def _cell(row: int, col: int, kind: str, text: str, shared: list[str],
              formula: str) -> Cell | None:
        if kind == "s":
            value = shared[int(text)]
            return Cell(row, col, value, TEXT, formula) if value.strip() else None
        if kind in ("str", "inlineStr"):
            return Cell(row, col, text, TEXT, formula) if text.strip() else None
        if kind == "b":
            return Cell(row, col, text, BOOL, formula)
        if kind == "e":
            return Cell(row, col, text, ERROR, formula)
        if kind == "d":
            return Cell(row, col, text, DATE, formula)
        return Cell(row, col, float(text), NUMBER, formula)


def _range(ref: str) -> tuple[int, int, int, int]:
    first, last = ref.split(":")
    r1, c1 = parse_ref(first)
    r2, c2 = parse_ref(last)
    return r1, c1, r2, c2


# ----------------------------------------------------------------------------------------- xls
def _read_xls(data: bytes) -> Workbook:
    """BIFF through calamine (values, dates, merges; 20x faster), else xlrd, which says why not.

    calamine does not report hidden rows of an .xls; they are read like any other row.
    """
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        return Workbook("xls", tuple(_calamine_sheet(book, index, meta) for index, meta
                                     in enumerate(book.sheets_metadata)))
    except python_calamine.CalamineError:
        return _read_xls_xlrd(data)


def _calamine_sheet(book: python_calamine.CalamineWorkbook, index: int,
                    meta: python_calamine.SheetMetadata) -> Sheet:
    sheet = book.get_sheet_by_name(meta.name)
    cells: dict[tuple[int, int], Cell] = {}
    for r, values in enumerate(sheet.to_python(skip_empty_area=False), start=1):
        for c, value in enumerate(values, start=1):
            cell = _calamine_cell(r, c, value)
            if cell is not None:
                cells[(r, c)] = cell
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
    return (day - _EXCEL_EPOCH).days


def _read_xls_xlrd(data: bytes) -> Workbook:
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True,
                                  logfile=io.StringIO())
    except xlrd.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise ReadError("file_encrypted") from exc
        raise ReadError("file_corrupt") from exc
    except (AssertionError, IndexError, KeyError, ValueError, EOFError) as exc:
        raise ReadError("file_corrupt") from exc
    sheets = []
    for index, sheet in enumerate(book.sheets()):
        cells: dict[tuple[int, int], Cell] = {}
        for r in range(sheet.nrows):
            for c, xcell in enumerate(sheet.row(r)):
                cell = _xls_cell(r + 1, c + 1, xcell, book.datemode)
                if cell is not None:
                    cells[(r + 1, c + 1)] = cell
        merged = tuple((r1 + 1, c1 + 1, r2, c2) for r1, r2, c1, c2 in sheet.merged_cells)
        hidden_rows = frozenset(r + 1 for r, info in sheet.rowinfo_map.items() if info.hidden)
        sheets.append(Sheet(sheet.name, index, cells, merged, hidden_rows,
                            bool(sheet.visibility)))
    return Workbook("xls", tuple(sheets))


def _xls_cell(row: int, col: int, xcell: xlrd.sheet.Cell, datemode: int) -> Cell | None:
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


# ----------------------------------------------------------------------------------------- csv
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReadError("file_not_spreadsheet", "无法识别编码的文本文件") from exc


def _read_csv(data: bytes) -> Workbook:
    text = decode_text(data)
    if "\x00" in text:
        raise ReadError("file_not_spreadsheet", "二进制文件")
    first_lines = "\n".join(text.splitlines()[:30])
    delimiter = max(",\t;", key=first_lines.count) if first_lines else ","
    cells: dict[tuple[int, int], Cell] = {}
    for r, record in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        for c, value in enumerate(record, start=1):
            if value.strip():
                cells[(r, c)] = Cell(r, c, value, TEXT)
    return Workbook("csv", (Sheet("", 0, cells),))


def cells_frame(workbook: Workbook, file: str = "") -> pd.DataFrame:
    """The long cells table: one row per non-empty cell, with its address, kind and merge."""
    rows = []
    for sheet in workbook.sheets:
        merged_at = {}
        for r1, c1, r2, c2 in sheet.merged:
            merged_at[(r1, c1)] = f"{column_letter(c1)}{r1}:{column_letter(c2)}{r2}"
        for (r, c), cell in sorted(sheet.cells.items()):
            rows.append((file, sheet.name, r, c, cell.ref, display_text(cell.value), cell.kind,
                         cell.formula, merged_at.get((r, c), ""), r in sheet.hidden_rows))
    return pd.DataFrame(rows, columns=["file", "sheet", "row", "col", "cell", "value", "kind",
                                       "formula", "merged", "hidden"])


def cell_context(raw_dir: Path, file: str, sheet: str | None, cell: str) -> pd.DataFrame:
    """The row of a cell named in an issue, as the library read it; the cell itself flagged."""
    cells = cells_frame(read_workbook(raw_dir / file), file)
    row, _ = parse_ref(cell)
    on_row = cells[(cells["sheet"] == (sheet or "")) & (cells["row"] == row)]
    return on_row.assign(is_cell=on_row["cell"] == cell).reset_index(drop=True)
