"""Find each 附件2 field by its label in a sheet's cells, and the listing of provincial groups.

The label table is here and nowhere else. Values are found to the right of a label, inside the
label's own cell (``省级建群数：5个，联系人数：230人``), in a small level × field grid, or below.
Nothing is parsed here: each field keeps its raw value and the cell it came from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from sgw_analysis.read import NUMBER, Cell, Sheet, Workbook, column_letter, display_text

# ------------------------------------------------------------------------------ label table
_LEVELS = (r"省级|省本级|省\(区、?市\)级?|地市级|地\(市\)级|市\(州\)级|地州级|市州级|"
           r"区县级|县\(市、?区\)级?|县区级|县级|地市|区县|市级")
_LABEL = re.compile(
    rf"(?P<groups>(?P<level>{_LEVELS})?[^:;,]{{0,8}}?(?:建群数量?|微信群数量?|群数量?))"
    r"|(?P<contacts>(?:总计|合计)?联系人数量?|总人数|人数)"
    r"|(?P<unit>填报单位|报送单位|单位)"
    r"|(?P<date>填报日期|报送日期|填表日期|日期)"
)
_LEVEL_ONLY = re.compile(rf"^(?P<level>{_LEVELS})(?:少工委|少先队工作委员会)?(?:微信群)?(?:\(.*\))?$")
_LISTING_TITLE = re.compile(r"建群情况一览|群情况一览|建群情况")
_LISTING_NAME = re.compile(r"群名称|^名称$")
_LISTING_COLUMNS = (
    ("composition", re.compile(r"人员构成|构成|成员")),
    ("members", re.compile(r"人数")),
    ("note", re.compile(r"备注|说明")),
)
_LISTING_END = re.compile(r"^(?:填报人|填表人|审核人|负责人|联系电话|电话|填报单位|填报日期|填表日期|"
                          r"报送日期|注[:：]|说明[:：]|备注[:：])")
_SUBTOTAL = re.compile(r"^(?:合计|小计|总计|共计)")
_SUBTOTAL_CELL = re.compile(r"^(?:合计|小计|总计|共计)[:]?$")
_JUNK = re.compile(r"^[\s:;,.、。()\[\]个人名群合计总共]*$")
DEMO_MARK = "示例数据"


def level_of(word: str) -> str:
    """省级 → province, 地市级/市级 → prefecture, 区县级/县级 → county."""
    if word.startswith("省"):
        return "province"
    return "county" if "县" in word else "prefecture"


@lru_cache(maxsize=8192)  # labels repeat in every return of a round
def normalize_with_map(text: str) -> tuple[str, tuple[int, ...]]:
    """NFKC text without whitespace, and for each of its characters the index in ``text``."""
    whole = unicodedata.normalize("NFKC", text)
    if len(whole) == len(text):  # full-width forms and CJK map one character to one
        origin = tuple(i for i, char in enumerate(whole) if not char.isspace())
        return "".join(whole[i] for i in origin), origin
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for norm in unicodedata.normalize("NFKC", char):
            if not norm.isspace():
                chars.append(norm)
                origin.append(index)
    return "".join(chars), tuple(origin)


# ------------------------------------------------------------------------------ results
@dataclass(frozen=True, slots=True)
class Found:
    """A field's raw value and where it was written; value None where the cell was empty."""

    value: str | float | None
    cell: str
    kind: str = "text"
    formula: str = ""


@dataclass(frozen=True, slots=True)
class ListedGroup:
    """One row of 省级建群情况一览 as written."""

    row: int
    name: str
    composition: str
    members: Found
    note: str
    hidden: bool


@dataclass(frozen=True)
class Located:
    """The 附件2 fields of one sheet, each with its cell."""

    sheet: str
    score: int
    unit: Found | None = None
    date: Found | None = None
    totals: dict[tuple[str, str], Found] = field(default_factory=dict)
    listing: tuple[ListedGroup, ...] | None = None
    unnamed_rows: tuple[int, ...] = ()
    is_demo: bool = False


@dataclass(frozen=True, slots=True)
class _Item:
    """A piece of a row: a label (kind, level) or a value fragment, with its cell."""

    kind: str  # groups, contacts, unit, date, value, junk
    cell: Cell
    text: str = ""
    level: str | None = None
    raw: str | float | None = None


# ------------------------------------------------------------------------------ locate
def locate(workbook: Workbook) -> Located | None:
    """The sheet that holds the form, with its fields located; None if no sheet is a 附件2."""
    best: Located | None = None
    for sheet in workbook.sheets:
        if not sheet.cells:
            continue
        found = locate_sheet(sheet)
        if found.score and (best is None or found.score > best.score):
            best = found
    return best


def locate_sheet(sheet: Sheet) -> Located:
    """Locate the fields of one sheet; ``score`` counts the 附件2 fields found (0: not a form)."""
    rows = _rows(sheet)
    merged_end = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merged}
    header_row, columns = _listing_header(rows)
    listing_rows, tail_start = _listing_extent(rows, header_row)
    listing_title = next((r for r, cells in rows.items() if any(
        _LISTING_TITLE.search(_norm(c)) for c in cells if c.kind == "text")), None)
    form_end = min(r for r in (listing_title, header_row, 10**9) if r is not None)

    totals: dict[tuple[str, str], Found] = {}
    unit = date = None
    grid_header: tuple[int, int, int] | None = None  # row, groups col, contacts col
    level_columns: dict[str, int] = {}  # a transposed grid: 省级 | 地市级 | 区县级 as columns
    for r, cells in rows.items():
        if r in listing_rows or (header_row is not None and r == header_row):
            continue
        items = _items(cells)
        in_form = r < form_end and r < tail_start
        levels_here = {it.level: it.cell.col for it in items if it.kind == "level"}
        if in_form and len(levels_here) >= 2 and not level_columns:
            level_columns = levels_here
            continue
        current_level = None
        for i, item in enumerate(items):
            if item.kind in ("value", "junk"):
                continue
            if item.kind == "unit" and unit is None:
                unit = _value_right(items, i, merged_end, rows, below=False)
            elif item.kind == "date" and date is None:
                date = _value_right(items, i, merged_end, rows, below=False)
            elif (item.kind in ("groups", "contacts") and in_form and item.level is None
                  and level_columns and item.cell.col < min(level_columns.values())):
                _read_across(cells, r, item.kind, level_columns, totals)
            elif item.kind == "groups" and in_form:
                if item.level is None:
                    contacts_col = next((it.cell.col for it in items[i + 1:]
                                         if it.kind == "contacts"), None)
                    grid_header = grid_header or (r, item.cell.col, contacts_col or 0)
                    continue
                current_level = item.level
                found = _value_right(items, i, merged_end, rows, below=True)
                totals.setdefault((item.level, "groups"), found)
            elif item.kind == "contacts" and in_form:
                level = item.level or current_level
                if level is not None:
                    found = _value_right(items, i, merged_end, rows, below=True)
                    totals.setdefault((level, "contacts"), found)
    if grid_header is not None:
        _read_grid(rows, grid_header, form_end, totals)

    listing, unnamed = (None, ())
    if header_row is not None:
        listing, unnamed = _listing(rows, header_row, columns, listing_rows, sheet.hidden_rows)
    score = len(totals) + (2 if listing is not None else 0)
    if not any(key[1] == "groups" for key in totals):
        score = 0  # a table without any 建群数 is not a 附件2
    is_demo = any(c.kind == "text" and DEMO_MARK in c.value for c in sheet.cells.values())
    return Located(sheet.name, score, unit, date, totals, listing, unnamed, is_demo)


def _norm(cell: Cell) -> str:
    return _normalized(str(cell.value))


@lru_cache(maxsize=8192)
def _normalized(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _rows(sheet: Sheet) -> dict[int, list[Cell]]:
    rows: dict[int, list[Cell]] = {}
    for (r, _c), cell in sorted(sheet.cells.items()):
        rows.setdefault(r, []).append(cell)
    return rows


def _items(cells: list[Cell]) -> list[_Item]:
    """Split a row's cells into labels and value fragments, left to right."""
    items: list[_Item] = []
    for cell in cells:
        if cell.kind != "text":
            items.append(_Item("value", cell, raw=cell.value))
            continue
        text, origin = normalize_with_map(cell.value)
        level_only = _LEVEL_ONLY.match(text)
        if level_only:
            items.append(_Item("level", cell, text, level_of(level_only.group("level"))))
            continue
        position = 0
        for match in _LABEL.finditer(text):
            _fragment(items, cell, text, origin, position, match.start())
            kind = match.lastgroup if match.lastgroup != "level" else "groups"
            word = match.group("level") if kind == "groups" else None
            items.append(_Item(kind, cell, match.group(), level_of(word) if word else None))
            position = match.end()
        _fragment(items, cell, text, origin, position, len(text))
    return items


def _fragment(items: list[_Item], cell: Cell, text: str, origin: tuple[int, ...],
              start: int, end: int) -> None:
    if start >= end:
        return
    piece = text[start:end]
    raw = str(cell.value)[origin[start]: origin[end - 1] + 1].strip(" ：:，,；;")
    items.append(_Item("junk" if _JUNK.match(piece) else "value", cell, piece, raw=raw))


def _found(item: _Item) -> Found:
    return Found(item.raw, item.cell.ref, item.cell.kind, item.cell.formula)


def _value_right(items: list[_Item], index: int, merged_end: dict, rows: dict[int, list[Cell]],
                 below: bool) -> Found:
    """The first value after the label at ``index`` in its row, else below it, else missing."""
    label = items[index]
    for item in items[index + 1:]:
        if item.kind == "value":
            return _found(item)
        if item.kind != "junk":
            break
    end_row, end_col = merged_end.get((label.cell.row, label.cell.col),
                                      (label.cell.row, label.cell.col))
    if below:
        under = next((c for c in rows.get(end_row + 1, ()) if c.col == label.cell.col), None)
        if under is not None and under.kind == NUMBER:
            return Found(under.value, under.ref, under.kind, under.formula)
    return Found(None, f"{column_letter(end_col + 1)}{label.cell.row}", "missing")


def _read_grid(rows: dict[int, list[Cell]], header: tuple[int, int, int], form_end: int,
               totals: dict[tuple[str, str], Found]) -> None:
    """A 层级 | 建群数 | 联系人数 table: each level's row gives both values at the header's columns."""
    header_row, groups_col, contacts_col = header
    for r, cells in rows.items():
        if r <= header_row or r >= form_end:
            continue
        label = next((c for c in cells if c.kind == "text" and c.col < groups_col
                      and _LEVEL_ONLY.match(_norm(c))), None)
        if label is None:
            continue
        level = level_of(_LEVEL_ONLY.match(_norm(label)).group("level"))
        by_col = {c.col: c for c in cells}
        for field_name, col in (("groups", groups_col), ("contacts", contacts_col)):
            if not col:
                continue
            cell = by_col.get(col)
            found = (Found(cell.value, cell.ref, cell.kind, cell.formula) if cell is not None
                     else Found(None, f"{column_letter(col)}{r}", "missing"))
            totals.setdefault((level, field_name), found)


def _read_across(cells: list[Cell], row: int, field_name: str, level_columns: dict[str, int],
                 totals: dict[tuple[str, str], Found]) -> None:
    """A 建群数 or 联系人数 row of a transposed grid: each level's value under its column."""
    by_col = {c.col: c for c in cells}
    for level, col in level_columns.items():
        cell = by_col.get(col)
        found = (Found(cell.value, cell.ref, cell.kind, cell.formula) if cell is not None
                 else Found(None, f"{column_letter(col)}{row}", "missing"))
        totals.setdefault((level, field_name), found)


# ------------------------------------------------------------------------------ listing
def _listing_header(rows: dict[int, list[Cell]]) -> tuple[int | None, dict[str, int]]:
    """The row of 群名称 | 人员构成 | 人数 | 备注 and the column of each."""
    for r, cells in rows.items():
        texts = [(c.col, _norm(c)) for c in cells if c.kind == "text"]
        name_col = next((col for col, t in texts if _LISTING_NAME.search(t)), None)
        if name_col is None:
            continue
        columns = {"name": name_col}
        for key, pattern in _LISTING_COLUMNS:
            col = next((col for col, t in texts if col != name_col and pattern.search(t)), None)
            if col is not None:
                columns[key] = col
        if "members" in columns or "composition" in columns:
            return r, columns
    return None, {}


def _listing_extent(rows: dict[int, list[Cell]], header_row: int | None) -> tuple[set[int], int]:
    """The rows of the listing, and the first row after it (where a 填报人 line may stand)."""
    if header_row is None:
        return set(), 10**9
    listing = set()
    for r, cells in rows.items():
        if r <= header_row:
            continue
        first = _norm(cells[0]) if cells[0].kind == "text" else ""
        if _LISTING_END.match(first):
            return listing, r
        listing.add(r)
    return listing, 10**9


def _listing(rows: dict[int, list[Cell]], header_row: int, columns: dict[str, int],
             listing_rows: set[int], hidden_rows: frozenset[int],
             ) -> tuple[tuple[ListedGroup, ...], tuple[int, ...]]:
    groups: list[ListedGroup] = []
    unnamed: list[int] = []
    named_cols = set(columns.values())
    for r in sorted(listing_rows):
        by_col = {c.col: c for c in rows[r]}
        name_cell = by_col.get(columns["name"])
        name = str(name_cell.value).strip() if name_cell is not None else ""
        if _SUBTOTAL.match("".join(name.split())) or any(
                c.kind == "text" and _SUBTOTAL_CELL.match(_norm(c)) for c in rows[r]):
            continue
        if not name:
            if any(col in named_cols for col in by_col):
                unnamed.append(r)
            continue
        members_cell = by_col.get(columns.get("members", -1))
        members = (Found(members_cell.value, members_cell.ref, members_cell.kind,
                         members_cell.formula) if members_cell is not None
                   else Found(None, f"{column_letter(columns.get('members', 1))}{r}", "missing"))
        groups.append(ListedGroup(
            row=r, name=" ".join(name.split()),
            composition=_text(by_col.get(columns.get("composition", -1))),
            members=members, note=_text(by_col.get(columns.get("note", -1))),
            hidden=r in hidden_rows))
    return tuple(groups), tuple(unnamed)


def _text(cell: Cell | None) -> str:
    return "" if cell is None else display_text(cell.value)
