"""A sheet's layout, read once for every strategy: its rows cut into items, where the form ends,
where the listing stands, and a row of level names heading a transposed grid.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from sgw_analysis.locate.items import LEVEL, TOTAL_FIELDS, Item, row_items
from sgw_analysis.locate.label_table import (
    LISTING_COLUMNS,
    LISTING_END,
    LISTING_NAME,
    LISTING_TITLE,
    cell_text,
)
from sgw_analysis.read import TEXT, Cell, Sheet

Rows = dict[int, tuple[Cell, ...]]


@dataclass(frozen=True)
class ListingHeader:
    """The 群名称 | 人员构成 | 人数 | 备注 row, and the column of each it names."""

    row: int
    columns: dict[str, int]  # name, and those of composition, members, note it has


@dataclass(frozen=True)
class LevelHeader:
    """A row naming two or more levels, one a column (省级 | 地市级 | 区县级): a transposed grid."""

    row: int
    columns: dict[str, int]  # level → its column

    @property
    def first_col(self) -> int:
        """The leftmost level column: a row's label stands left of it."""
        return min(self.columns.values())


@dataclass(frozen=True)
class Layout:
    """What every strategy reads of one sheet."""

    sheet: Sheet
    rows: Rows  # non-empty cells by row, left to right, rows in order
    items: dict[int, tuple[Item, ...]]  # every row but the listing's and its header's
    listing_header: ListingHeader | None
    listing_rows: tuple[int, ...]  # below the header, up to the form's closing lines
    form_end: int | None  # the listing's first row (title or header); None: no listing, no end
    level_header: LevelHeader | None
    merged_end: dict[tuple[int, int], tuple[int, int]]  # top-left → bottom-right of a merge

    def in_form(self, row: int) -> bool:
        """Whether a row is above the listing, where the totals stand."""
        return self.form_end is None or row < self.form_end

    def line_rows(self) -> Iterator[tuple[int, tuple[Item, ...]]]:
        """The rows of the totals' part as items, but a transposed grid's level header."""
        return ((row, items) for row, items in self.field_rows() if self.in_form(row))

    def field_rows(self) -> Iterator[tuple[int, tuple[Item, ...]]]:
        """Every row outside the listing as items, but a transposed grid's level header."""
        skip = self.level_header.row if self.level_header is not None else None
        return ((row, items) for row, items in self.items.items() if row != skip)

    def across_label(self, row: int, item: Item) -> bool:
        """A 建群数 or 联系人数 label without a level, left of the level columns below them:
        it names a row of the transposed grid."""
        header = self.level_header
        return (header is not None and item.kind in TOTAL_FIELDS and item.level is None
                and row > header.row and self.in_form(row)
                and item.cell.col < header.first_col)


def layout_of(sheet: Sheet) -> Layout:
    """Read a sheet's layout once for every strategy."""
    rows = _rows(sheet)
    header = _listing_header(rows)
    header_rows = (header.row,) if header is not None else ()
    listing_rows = _listing_rows(rows, header)
    outside = rows.keys() - {*listing_rows, *header_rows}
    items = {row: row_items(cells) for row, cells in rows.items() if row in outside}
    title_row = next((row for row, cells in rows.items() if any(
        c.kind == TEXT and LISTING_TITLE.search(cell_text(c)) for c in cells)), None)
    form_end = min((row for row in (title_row, *header_rows) if row is not None), default=None)
    level_header = _level_header(items, form_end)
    merged_end = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merged}
    return Layout(sheet, rows, items, header, listing_rows, form_end, level_header, merged_end)


def _rows(sheet: Sheet) -> Rows:
    rows: dict[int, list[Cell]] = {}
    for (row, _col), cell in sorted(sheet.cells.items()):
        rows.setdefault(row, []).append(cell)
    return {row: tuple(cells) for row, cells in rows.items()}


def _listing_header(rows: Rows) -> ListingHeader | None:
    """The first row naming 群名称 and its 人员构成 or 人数, with the column of each."""
    for row, cells in rows.items():
        texts = [(c.col, cell_text(c)) for c in cells if c.kind == TEXT]
        name_col = next((col for col, t in texts if LISTING_NAME.search(t)), None)
        if name_col is None:
            continue
        columns = {"name": name_col}
        for key, pattern in LISTING_COLUMNS:
            col = next((col for col, t in texts if col != name_col and pattern.search(t)), None)
            if col is not None:
                columns[key] = col
        if "members" in columns or "composition" in columns:
            return ListingHeader(row, columns)
    return None


def _listing_rows(rows: Rows, header: ListingHeader | None) -> tuple[int, ...]:
    """The rows below the header until a line starts with 填报人, 联系电话, 注: and the like."""
    if header is None:
        return ()
    listing = []
    for row, cells in rows.items():
        if row <= header.row:
            continue
        if cells[0].kind == TEXT and LISTING_END.match(cell_text(cells[0])):
            break
        listing.append(row)
    return tuple(listing)


def _level_header(items: dict[int, tuple[Item, ...]], form_end: int | None) -> LevelHeader | None:
    """The first row of the totals' part naming two or more levels on their own."""
    for row, cut in items.items():
        if form_end is not None and row >= form_end:
            break
        columns = {item.level: item.cell.col for item in cut if item.kind == LEVEL}
        if len(columns) >= 2:
            return LevelHeader(row, columns)
    return None
