"""Text files: decoding (UTF-8 ± BOM, UTF-16, GB18030/GBK) and CSV into a one-sheet workbook.

A text in none of these (Latin-1, Big5, a binary file) is refused with a reason rather than
decoded into garbage: GB18030 decodes almost any bytes, so its result must look like Chinese.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from sgw_analysis.labels import FILE_KIND
from sgw_analysis.limits import LIMITS, Limits
from sgw_analysis.read.cells import TEXT, Cell, Notes, ReadError, Sheet, Workbook, clean_text

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# share of a GB18030 text's non-ASCII characters that must be common Chinese (GB2312) for the
# text to be taken as Chinese; Latin-1 or Big5 read as GBK fall far below
_COMMON_CHINESE_SHARE = 0.9
_ASCII = re.compile(r"[\x00-\x7f]+")
for _encoding in ("gb18030", "gb2312", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"):
    codecs.lookup(_encoding)  # each codec's module imported now, not in every forked worker


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 saved without a BOM: ASCII text then has a zero in every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    encoding = "utf-16-le" if odd > 0.3 * half > even else (
        "utf-16-be" if even > 0.3 * half > odd else None)
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _looks_chinese(text: str) -> bool:
    wide = _ASCII.sub("", text[:200_000])
    if not wide or _in_gb2312(wide):  # all of it common Chinese: no need to count
        return True
    common = sum(1 for char in wide if _in_gb2312(char))
    return common >= _COMMON_CHINESE_SHARE * len(wide)


def _in_gb2312(chars: str) -> bool:
    try:
        chars.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (with or without BOM), else GB18030 if it reads as Chinese."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise ReadError("text_unknown_encoding") from exc
    text = _utf16_without_bom(data)
    if text is not None:
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReadError("text_unknown_encoding") from exc
    if not _looks_chinese(text):
        raise ReadError("text_unknown_encoding")
    return text


def read_csv(data: bytes, limits: Limits = LIMITS) -> Workbook:
    """A delimited text file as one unnamed sheet of text cells; the delimiter is guessed.

    Lines may end in CRLF, LF or CR alone (old Mac files); rows, columns, cells and characters
    stop at the limits like a workbook's.
    """
    text = decode_text(data)
    if "\x00" in text:
        raise ReadError("file_not_spreadsheet", FILE_KIND["binary"])
    first_lines = "\n".join(text[:20_000].splitlines()[:30])
    delimiter = max(",\t;", key=first_lines.count) if first_lines else ","
    csv.field_size_limit(max(limits.file_bytes, csv.field_size_limit()))
    notes = Notes()
    cells: dict[tuple[int, int], Cell] = {}
    records = csv.reader(io.StringIO(text, newline=None), delimiter=delimiter)
    for r, record in enumerate(records, start=1):
        if r > limits.rows:
            notes.add("rows_not_read", "", "", str(limits.rows))
            break
        if len(record) > limits.columns:
            notes.add("columns_not_read", "", "", str(limits.columns))
        for c, value in enumerate(record[: limits.columns], start=1):
            value, done = clean_text(value, limits.cell_chars)
            if done:
                notes.add(done, "", Cell(r, c, "", TEXT).ref, str(limits.cell_chars))
            if value.strip():
                cells[(r, c)] = Cell(r, c, value, TEXT)
        if len(cells) >= limits.cells:
            notes.add("cells_not_read", "", "", str(limits.cells))
            break
    return Workbook("csv", (Sheet("", 0, cells),), notes=notes.all())
