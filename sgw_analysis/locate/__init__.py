"""Find each 附件2 field by its label in a sheet's cells, and the listing of provincial groups.

Each layout a return can have is read by one named strategy, a function of the sheet's
``Layout`` to ``Findings``; to read a new layout, write one and register it in ``STRATEGIES``.
Of a field's hits the first in reading order wins, a fallback only filling what no other gave.
Nothing is parsed here: each field keeps its raw value and the cell it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from sgw_analysis.labels import DEMO_FLAG
from sgw_analysis.limits import LIMITS
from sgw_analysis.locate.beside import unit_and_date, value_beside
from sgw_analysis.locate.grids import level_grid, transposed_grid
from sgw_analysis.locate.items import DATE, GROUPS, TOTAL_FIELDS, UNIT
from sgw_analysis.locate.label_table import level_of
from sgw_analysis.locate.layout import Layout, layout_of
from sgw_analysis.locate.listing import group_listing
from sgw_analysis.locate.names import read_by_names
from sgw_analysis.locate.results import Findings, Found, Hit, ListedGroup, Located
from sgw_analysis.read import TEXT, Sheet, Workbook, normalize_with_map

__all__ = [
    "STRATEGIES",
    "Findings",
    "Found",
    "Hit",
    "Layout",
    "ListedGroup",
    "Located",
    "Strategy",
    "first_hits",
    "layout_of",
    "level_of",
    "locate",
    "locate_sheet",
    "normalize_with_map",
]

Strategy = Callable[[Layout], Findings]

STRATEGIES: tuple[Strategy, ...] = (
    value_beside,  # 省级建群数 | 5 | 联系人数 | 230, or inside one cell, or a number below
    transposed_grid,  # 项目 | 省级 | 地市级 | 区县级, then a 建群数 row and a 联系人数 row
    level_grid,  # 层级 | 建群数 | 联系人数, then one row per level
    unit_and_date,  # 填报单位, 填报日期
    group_listing,  # 省级建群情况一览
)


def locate(workbook: Workbook) -> Located | None:
    """The form's fields: by the template's defined names when intact, else by labels."""
    named = read_by_names(workbook)
    if named.located is not None:
        return named.located
    best = locate_by_labels(workbook)
    if best is not None and named.altered:
        return replace(best, template_altered=named.altered)
    return best


def locate_by_labels(workbook: Workbook) -> Located | None:
    """The sheet that holds the form, with its fields located; None if no sheet is a 附件2."""
    best: Located | None = None
    for sheet in workbook.sheets:
        if not sheet.cells:
            continue
        found = locate_sheet(sheet)
        if found.score and (best is None or found.score > best.score):
            best = found
    return best


def locate_sheet(sheet: Sheet, strategies: tuple[Strategy, ...] = STRATEGIES) -> Located:
    """Locate the fields of one sheet; ``score`` counts the 附件2 fields found (0: not a form)."""
    layout = layout_of(sheet)
    findings = [strategy(layout) for strategy in strategies]
    fields = first_hits(hit for found in findings for hit in found.hits)
    totals = {(level, name): found for (level, name), found in fields.items()
              if name in TOTAL_FIELDS}
    listing = next((found.listing for found in findings if found.listing is not None), None)
    score = len(totals) + (2 if listing is not None else 0)
    if not any(name == GROUPS for _level, name in totals):
        score = 0  # a table without any 建群数 is not a 附件2
    is_demo = any(c.kind == TEXT and DEMO_FLAG in c.value[: LIMITS.label_chars]
                  for c in sheet.cells.values())
    return Located(sheet.name, score, fields.get((None, UNIT)), fields.get((None, DATE)), totals,
                   listing.groups if listing is not None else None,
                   listing.unnamed_rows if listing is not None else (), is_demo)


def first_hits(hits: Iterable[Hit]) -> dict[tuple[str | None, str], Found]:
    """Each field's first hit in reading order, fallbacks after all others: (level, field) → value."""
    first: dict[tuple[str | None, str], Found] = {}
    for hit in sorted(hits, key=lambda hit: (hit.fallback, hit.at)):
        first.setdefault(hit.key, hit.found)
    return first
