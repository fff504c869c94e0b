"""One sheet in reading order for documents and images, each cell remembering its own place.

A Word, PDF or image return puts its form across paragraphs, tables and pages; laid out as one
sheet (a paragraph or a line a row, a table's rows one under the other) it is located exactly
like a spreadsheet, and ``Workbook.origins`` keeps where each value was written (表2!B3, 段落5).
"""

from __future__ import annotations

from types import MappingProxyType

from sgw_analysis.labels import PLACE
from sgw_analysis.read.cells import TEXT, Cell, Origin, Sheet, Workbook, column_letter


class Flow:
    """Rows appended in reading order; ``add`` puts text at a column of the current row."""

    def __init__(self) -> None:
        self.row = 0
        self.cells: dict[tuple[int, int], Cell] = {}
        self.origins: dict[tuple[str, str], Origin] = {}
        self.merged: list[tuple[int, int, int, int]] = []

    def next_row(self) -> int:
        """Start a new row and return its number."""
        self.row += 1
        return self.row

    def add(self, col: int, text: str, origin: Origin) -> None:
        """Put non-blank text at ``col`` of the current row, with the place it came from."""
        if not text.strip():
            return
        cell = Cell(self.row, col, text, TEXT)
        self.cells[(self.row, col)] = cell
        self.origins[("", cell.ref)] = origin

    def merge(self, r1: int, c1: int, r2: int, c2: int) -> None:
        """Record a merged range, as a spreadsheet's merge, so a label's value is found beside it."""
        if (r1, c1) != (r2, c2):
            self.merged.append((r1, c1, r2, c2))

    def workbook(self, fmt: str) -> Workbook:
        """The flow as a one-sheet workbook named "" (like a CSV), with every cell's origin."""
        sheet = Sheet("", 0, dict(self.cells), tuple(self.merged))
        return Workbook(fmt, (sheet,), origins=MappingProxyType(dict(self.origins)))


def table_place(table: int, row: int, col: int) -> tuple[str, str]:
    """表2, B3: the n-th table of a document and the cell inside it."""
    return PLACE["table"].format(number=table), f"{column_letter(col)}{row}"


def is_table_place(sheet: str) -> bool:
    """Whether an origin's sheet is a document's table (表2), whose cells have addresses."""
    prefix = PLACE["table"].format(number="")
    return sheet.startswith(prefix) and sheet[len(prefix):].isdigit()
