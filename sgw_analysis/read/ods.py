"""OpenDocument (.ods from LibreOffice or WPS) through calamine, into the same cells as an .xls.

An OpenDocument text (.odt) goes to LibreOffice like a .doc; a flat .fods is converted first.
"""

from __future__ import annotations

from dataclasses import replace

import python_calamine

from sgw_analysis.limits import LIMITS, Limits
from sgw_analysis.read.archive import Archive
from sgw_analysis.read.cells import ReadError, Workbook
from sgw_analysis.read.xls import _Budget, _read_calamine

_TEXT_MIMETYPE = "application/vnd.oasis.opendocument.text"


def read_opendocument(archive: Archive, data: bytes, limits: Limits = LIMITS) -> Workbook:
    """A zipped OpenDocument file: a spreadsheet read by calamine, a text document converted."""
    mimetype = archive.read("mimetype").decode("ascii", "replace").strip() \
        if archive.has("mimetype") else ""
    if mimetype == _TEXT_MIMETYPE:
        from sgw_analysis.read.convert import read_converted
        return read_converted(data, ".odt")
    if "spreadsheet" not in mimetype:
        raise ReadError("file_not_spreadsheet", mimetype.rsplit(".", 1)[-1] or "OpenDocument")
    return read_ods(data, limits)


def read_ods(data: bytes, limits: Limits = LIMITS) -> Workbook:
    """The sheets of an .ods file, with values, dates and merges as calamine reads them."""
    try:
        read = _read_calamine(data, _Budget(limits))  # within the same limits as an .xls
    except python_calamine.CalamineError as exc:
        raise ReadError("file_corrupt") from exc
    return replace(read, format="ods")
