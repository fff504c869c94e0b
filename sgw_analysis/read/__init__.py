"""Edge: open any supported file into a grid of non-empty cells, or say why it cannot be read.

The first bytes decide the reader: a zip is .xlsx/.xlsm (``xlsx``), an OLE2 file is .xls/.et
(``xls``), known image and document signatures are rejected, and text is CSV (``text``).
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import olefile
import pandas as pd

from sgw_analysis.read.cells import (
    BOOL,
    DATE,
    ERROR,
    FORMULA_WITHOUT_VALUE,
    NUMBER,
    TEXT,
    Cell,
    ReadError,
    Sheet,
    Workbook,
    column_letter,
    column_number,
    display_text,
    normalize,
    normalize_with_map,
    parse_ref,
)
from sgw_analysis.read.text import decode_text, read_csv
from sgw_analysis.read.xls import read_xls
from sgw_analysis.read.xlsx import read_xlsx

__all__ = [
    "BOOL",
    "DATE",
    "ERROR",
    "FORMULA_WITHOUT_VALUE",
    "NUMBER",
    "TEXT",
    "Cell",
    "ReadError",
    "Sheet",
    "Workbook",
    "cell_context",
    "cells_frame",
    "column_letter",
    "column_number",
    "decode_text",
    "display_text",
    "normalize",
    "normalize_with_map",
    "parse_ref",
    "read_bytes",
    "read_workbook",
]

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
        return read_csv(data)
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
            return read_xlsx(archive)
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
    return read_xls(data)


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
