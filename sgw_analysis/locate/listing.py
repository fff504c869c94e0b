"""省级建群情况一览: one group a row under 群名称 | 人员构成 | 人数 | 备注, as written.

The rows run from below the header to the form's closing lines (填报人, 联系电话, 注: …). A
合计/小计 row and a blank row are not groups; a hidden row is; a row with content in the
listing's columns but no name is reported by its number.
"""

from __future__ import annotations

from sgw_analysis.locate.label_table import SUBTOTAL, SUBTOTAL_CELL, cell_text
from sgw_analysis.locate.layout import Layout, ListingHeader
from sgw_analysis.locate.results import Findings, ListedGroup, Listing, found_in, missing_at
from sgw_analysis.read import TEXT, Cell, display_text


def group_listing(layout: Layout) -> Findings:
    """The listing's groups and its unnamed rows; no listing where the sheet has no header."""
    header = layout.listing_header
    if header is None:
        return Findings()
    groups: list[ListedGroup] = []
    unnamed: list[int] = []
    for row in layout.listing_rows:
        cells = layout.rows[row]
        by_col = {c.col: c for c in cells}
        name = _name(by_col.get(header.columns["name"]))
        if _is_subtotal(name, cells):
            continue
        if name:
            groups.append(_group(row, name, by_col, header, row in layout.sheet.hidden_rows))
        elif any(col in header.columns.values() for col in by_col):
            unnamed.append(row)
    return Findings(listing=Listing(tuple(groups), tuple(unnamed)))


def _name(cell: Cell | None) -> str:
    return str(cell.value).strip() if cell is not None else ""


def _is_subtotal(name: str, cells: tuple[Cell, ...]) -> bool:
    """A 合计/小计 row: named so, or with a cell saying only that."""
    return bool(SUBTOTAL.match("".join(name.split()))) or any(
        c.kind == TEXT and SUBTOTAL_CELL.match(cell_text(c)) for c in cells)


def _group(row: int, name: str, by_col: dict[int, Cell], header: ListingHeader,
           hidden: bool) -> ListedGroup:
    """One named row as a group; 人数 missing where its cell (or the column) is absent."""
    columns = header.columns
    members_cell = by_col.get(columns.get("members"))
    members = (found_in(members_cell) if members_cell is not None  # no 人数 column: column A
               else missing_at(row, columns.get("members", 1)))
    return ListedGroup(row=row, name=" ".join(name.split()),
                       composition=_text(by_col.get(columns.get("composition"))),
                       members=members, note=_text(by_col.get(columns.get("note"))),
                       hidden=hidden)


def _text(cell: Cell | None) -> str:
    return "" if cell is None else display_text(cell.value)
