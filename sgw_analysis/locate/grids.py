"""Totals in a grid: levels as rows under a 建群数 | 联系人数 header, or levels as columns.

``level_grid`` reads ``层级 | 建群数 | 联系人数`` with one row per level; its values only fill what
no label named (a line ``省级建群数：5`` wins over a grid cell). ``transposed_grid`` reads
``项目 | 省级 | 地市级 | 区县级`` with a 建群数 row and a 联系人数 row below it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sgw_analysis.locate.items import CONTACTS, GROUPS
from sgw_analysis.locate.label_table import level_named
from sgw_analysis.locate.layout import Layout
from sgw_analysis.locate.results import Findings, Hit, cell_or_missing


@dataclass(frozen=True)
class GridHeader:
    """The row of a level grid's 建群数 label, its column and that of 联系人数 if the row has one."""

    row: int
    groups_col: int
    contacts_col: int | None


def level_grid(layout: Layout) -> Findings:
    """Each level's row of a 层级 | 建群数 | 联系人数 grid: its values under the header's labels."""
    header = grid_header(layout)
    if header is None:
        return Findings()
    columns = ((GROUPS, header.groups_col), (CONTACTS, header.contacts_col))
    hits: list[Hit] = []
    for row, cells in layout.rows.items():
        if row <= header.row or not layout.in_form(row):
            continue
        named = (level_named(c) for c in cells if c.col < header.groups_col)
        level = next((level for level in named if level is not None), None)
        if level is None:
            continue
        by_col = {c.col: c for c in cells}
        hits.extend(Hit(name, level, cell_or_missing(by_col, row, col), (row, col), fallback=True)
                    for name, col in columns if col is not None)
    return Findings(tuple(hits))


def grid_header(layout: Layout) -> GridHeader | None:
    """The first 建群数 label of the totals' part that names no level and no transposed row."""
    for row, items in layout.line_rows():
        for index, item in enumerate(items):
            if item.kind != GROUPS or item.level is not None or layout.across_label(row, item):
                continue
            contacts_col = next((it.cell.col for it in items[index + 1:] if it.kind == CONTACTS),
                                None)
            return GridHeader(row, item.cell.col, contacts_col)
    return None


def transposed_grid(layout: Layout) -> Findings:
    """The 建群数 and 联系人数 rows under a row of level names: each level's value in its column."""
    header = layout.level_header
    if header is None:
        return Findings()
    hits: list[Hit] = []
    for row, items in layout.line_rows():
        by_col = {c.col: c for c in layout.rows[row]}
        hits.extend(Hit(item.kind, level, cell_or_missing(by_col, row, col), (row, index))
                    for index, item in enumerate(items) if layout.across_label(row, item)
                    for level, col in header.columns.items())
    return Findings(tuple(hits))
