"""Text files: decoding (UTF-8, BOM, UTF-16, GB18030) and CSV into a one-sheet workbook."""

from __future__ import annotations

import codecs
import csv
import io

from sgw_analysis.read.cells import TEXT, Cell, ReadError, Sheet, Workbook

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


def read_csv(data: bytes) -> Workbook:
    """A delimited text file as one unnamed sheet of text cells; the delimiter is guessed."""
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
