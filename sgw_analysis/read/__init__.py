"""Edge: open any supported file into a grid of non-empty cells, or say why it cannot be read.

The first bytes decide the reader: a zip is .xlsx/.xlsm (``xlsx``), .docx (``docx``) or .ods
(``ods``), an OLE2 file is .xls/.et (``xls``) or a .doc/.wps converted by LibreOffice
(``convert``), a bare BIFF stream is an Excel 2.x-4.0 file (``xls``), a PDF is read by its text
layer (``pdf``), an image by OCR (``ocr``), and text is CSV (``text``). Every reader works within
``limits.Limits``. The document and image readers are imported only when such a file is met, so
a round of spreadsheets never loads them; archives of returns are opened by ``unpack``.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import olefile
from defusedxml import DefusedXmlException

from sgw_analysis.labels import FILE_KIND
from sgw_analysis.limits import LIMITS, Limits
from sgw_analysis.read.archive import Archive
from sgw_analysis.read.cells import (
    BOOL,
    DATE,
    ERROR,
    FORMULA_WITHOUT_VALUE,
    NUMBER,
    TEXT,
    Cell,
    Origin,
    ReadError,
    ReadNote,
    Sheet,
    Workbook,
    column_letter,
    column_number,
    display_text,
    normalize,
    normalize_with_map,
    parse_ref,
)
from sgw_analysis.read.files import file_identity, find_files, read_round_file
from sgw_analysis.read.text import decode_text, read_csv
from sgw_analysis.read.xls import read_old_xls, read_xls
from sgw_analysis.read.xlsx import read_xlsx

if TYPE_CHECKING:  # the readers run in workers, which never need pandas
    import pandas as pd

__all__ = [
    "BOOL",
    "DATE",
    "ERROR",
    "FORMULA_WITHOUT_VALUE",
    "NUMBER",
    "TEXT",
    "Cell",
    "Origin",
    "ReadError",
    "ReadNote",
    "Sheet",
    "Workbook",
    "cell_context",
    "cells_frame",
    "column_letter",
    "column_number",
    "decode_text",
    "display_text",
    "file_identity",
    "find_files",
    "normalize",
    "normalize_with_map",
    "parse_ref",
    "read_bytes",
    "read_round_file",
    "read_workbook",
]

_IMAGES = (b"\x89PNG", b"\xff\xd8\xff")
_SIGNATURES = ((b"GIF8", "gif"), (b"BM", "bmp"))  # magic, FILE_KIND
_TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}


# the first record of an Excel 2.x, 3.0 and 4.0 file (a bare BIFF stream, no OLE container)
_OLD_BIFF = (b"\x09\x00\x04\x00", b"\x09\x02\x06\x00", b"\x09\x04\x06\x00")


def read_workbook(path: Path, limits: Limits = LIMITS) -> Workbook:
    """Open a file of any supported kind, or raise ReadError saying why it is not a spreadsheet."""
    return read_bytes(path.read_bytes(), path.name, limits)


def read_bytes(data: bytes, name: str, limits: Limits = LIMITS, careful: bool = False,
               opened: zipfile.ZipFile | None = None) -> Workbook:
    """Open a file's bytes; ``name`` tells lock files and the suffix of text files.

    ``careful`` skips the fast native .xls reader, for a file on which it died; ``opened`` is
    ``data`` already opened as a zip (by ``unpack.sniff``, telling a return from an archive).
    """
    if posixpath.basename(name).startswith("~$"):
        raise ReadError("file_lock")
    if not data:
        raise ReadError("file_empty")
    workbook = _read_any(data, posixpath.splitext(name)[1].lower(), limits, careful, opened)
    if not any(sheet.cells for sheet in workbook.sheets):
        raise ReadError("workbook_empty")
    return workbook


def _read_any(data: bytes, suffix: str, limits: Limits, careful: bool,
              opened: zipfile.ZipFile | None) -> Workbook:
    if data.startswith(b"PK"):
        return _read_zip(data, limits, opened)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _read_ole(data, suffix, limits, careful)
    if data.startswith(_OLD_BIFF):
        return read_old_xls(data, limits)
    return _read_document(data, suffix, limits)


def _read_document(data: bytes, suffix: str, limits: Limits) -> Workbook:
    """PDFs, images, archives and RTF, each reader imported only when its kind is met."""
    if data.startswith(b"%PDF"):
        from sgw_analysis.read.pdf import read_pdf
        return read_pdf(data)
    if data.startswith(_IMAGES):
        from sgw_analysis.read.ocr import read_image
        return read_image(data)
    if data.startswith((b"Rar!", b"7z\xbc\xaf")):
        raise ReadError("archive_unsupported", "RAR" if data.startswith(b"Rar!") else "7z")
    if data.startswith(b"{\\rtf"):
        from sgw_analysis.read.convert import read_converted
        return read_converted(data, ".rtf")
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise ReadError("file_not_spreadsheet", FILE_KIND[what])
    if suffix in _TEXT_SUFFIXES:
        return read_csv(data, limits)
    if suffix in {".xlsx", ".xlsm", ".xls", ".et", ".xltx"}:
        raise ReadError("file_corrupt")
    raise ReadError("file_unsupported", suffix or FILE_KIND["no_suffix"])


def _read_zip(data: bytes, limits: Limits, opened: zipfile.ZipFile | None) -> Workbook:
    archive = Archive(data, limits, opened)
    names = archive.names()
    if "xl/workbook.xml" in names:
        try:
            return read_xlsx(archive, limits)
        except DefusedXmlException as exc:
            raise ReadError("xml_forbidden") from exc
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, ValueError,
                IndexError, OSError) as exc:
            raise ReadError("file_corrupt") from exc
    if "xl/workbook.bin" in names:
        raise ReadError("file_unsupported", FILE_KIND["xlsb"])
    if "word/document.xml" in names:
        from sgw_analysis.read.docx import read_docx
        try:
            return read_docx(archive)
        except DefusedXmlException as exc:
            raise ReadError("xml_forbidden") from exc
        except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, ValueError,
                OSError) as exc:
            raise ReadError("file_corrupt") from exc
    if any(n.startswith("ppt/") for n in names):
        raise ReadError("file_not_spreadsheet", FILE_KIND["powerpoint"])
    if "index/document.iwa" in names or "index.zip" in names:
        raise ReadError("file_unsupported", FILE_KIND["numbers"])
    if "content.xml" in names:
        from sgw_analysis.read.ods import read_opendocument
        return read_opendocument(archive, data, limits)
    raise ReadError("file_not_spreadsheet", FILE_KIND["zip"])


def _read_ole(data: bytes, suffix: str, limits: Limits, careful: bool) -> Workbook:
    try:
        ole = olefile.OleFileIO(data)
        streams = {"/".join(entry).lower() for entry in ole.listdir()}
    except (OSError, ValueError, IndexError, KeyError, TypeError) as exc:
        raise ReadError("file_corrupt") from exc
    if "encryptioninfo" in streams or "encryptedpackage" in streams:
        raise ReadError("file_encrypted")
    if "worddocument" in streams:  # .doc, and WPS Writer's .wps, which keeps Word's binary format
        from sgw_analysis.read.convert import read_converted
        return read_converted(data, suffix if suffix in (".doc", ".wps") else ".doc")
    if "powerpoint document" in streams:
        raise ReadError("file_not_spreadsheet", FILE_KIND["powerpoint"])
    if not {"workbook", "book"} & streams:
        raise ReadError("file_not_spreadsheet", FILE_KIND["office_other"])
    return read_xls(data, limits, careful)


def cells_frame(workbook: Workbook, file: str = "") -> pd.DataFrame:
    """The long cells table: one row per non-empty cell, with its address, kind and merge."""
    import pandas as pd

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
