"""Values written beside their label: to its right (after junk), inside its own cell, or below it.

``value_beside`` reads single-level lines (``省级建群数（个）： | 5 | 联系人数： | 230``), a
联系人数 taking the level of the 建群数 before it on the line; ``unit_and_date`` reads 填报单位 and
填报日期 wherever they stand outside the listing.
"""

from __future__ import annotations

from sgw_analysis.locate.items import CONTACTS, DATE, GROUPS, UNIT, Item, value_after
from sgw_analysis.locate.layout import Layout
from sgw_analysis.locate.results import Findings, Found, Hit, found_in, missing_at
from sgw_analysis.read import NUMBER


def value_beside(layout: Layout) -> Findings:
    """Each level's 建群数 and 联系人数 on lines whose 建群数 label names the level."""
    hits: list[Hit] = []
    for row, items in layout.line_rows():
        level = None
        for index, item in enumerate(items):
            if item.kind == GROUPS and item.level is not None:
                level = item.level  # a 联系人数 later on the line counts for this level
            elif item.kind != CONTACTS or level is None or layout.across_label(row, item):
                continue
            found = label_value(layout, items, index, below=True)
            hits.append(Hit(item.kind, level, found, (row, index)))
    return Findings(tuple(hits))


def unit_and_date(layout: Layout) -> Findings:
    """填报单位 and 填报日期 beside their labels, anywhere but in the listing."""
    hits = tuple(Hit(item.kind, None, label_value(layout, items, index, below=False), (row, index))
                 for row, items in layout.field_rows()
                 for index, item in enumerate(items) if item.kind in (UNIT, DATE))
    return Findings(hits)


def label_value(layout: Layout, items: tuple[Item, ...], index: int, below: bool) -> Found:
    """The value after the label at ``index`` on its line, else a number below it (``below``),
    else missing in the cell right of the label (or of its merged range)."""
    label = items[index].cell
    after = value_after(items, index)
    if after is not None:
        return after.found
    end_row, end_col = layout.merged_end.get((label.row, label.col), (label.row, label.col))
    if below:
        under = next((c for c in layout.rows.get(end_row + 1, ()) if c.col == label.col), None)
        if under is not None and under.kind == NUMBER:
            return found_in(under)
    return missing_at(label.row, end_col + 1)
