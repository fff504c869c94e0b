"""The five form layouts of 附件2, laid out as cell grids with the address of every value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sgw_analysis.demo.written import NOT_APPLICABLE, PENDING
from sgw_analysis.labels import DEMO_FLAG

DEMO_TITLE = f"附件2（{DEMO_FLAG}）"
FORM_TITLE = "微信群矩阵建设情况信息汇总表"
LISTING_TITLE = "省级建群情况一览"
LEVELS = ("province", "prefecture", "county")
FIELDS = ("groups", "contacts")
LAYOUTS = ("clean", "sentence", "onecell", "grid", "merged")


@dataclass
class Form:
    """Everything a layout renders: unit, date, the six values, the listing and options."""

    unit: str
    date_value: Any  # str, dt.date or None
    date_line: bool  # whether a 填报日期 label appears at all
    values: dict[tuple[str, str], Any]
    groups: list[tuple[str, str, Any, str]]  # name, composition, members as written, note
    serial: bool = False
    total_row: bool = False
    filler: str = ""
    municipality: bool = False
    title: str = DEMO_TITLE  # the first line; a test's non-demo form says plain 附件2
    total_label: str = "合计"


@dataclass
class Sheet:
    """A rendered sheet: cells by 0-based (row, col), merged ranges, and where each value went."""

    name: str
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    addresses: dict[tuple[str, str], str] = field(default_factory=dict)  # (level, field) -> A1
    unit_cell: str = ""
    date_cell: str = ""
    listing_rows: list[int] = field(default_factory=list)  # one a listing entry, 0-based
    hidden_rows: set[int] = field(default_factory=set)
    formulas: dict[tuple[int, int], tuple[str, Any]] = field(default_factory=dict)  # text, cached

    def put(self, row: int, col: int, value: Any) -> str:
        """Set a cell unless the value is empty; its A1 address either way."""
        if value is not None and value != "":
            self.cells[row, col] = value
        return _a1(row, col)

    def merge(self, row: int, c1: int, c2: int, value: Any) -> str:
        """A merged range on one row, value in its top-left cell; that cell's A1 address."""
        self.merges.append((row, c1, row, c2))
        return self.put(row, c1, value)


def _a1(row: int, col: int) -> str:
    """A 0-based (row, col) as an A1 address."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def _with_unit(value: Any, unit: str) -> str:
    """A written value inside a sentence, with its unit where the province would add one."""
    text = "" if value is None else str(value)
    if not text or text in NOT_APPLICABLE or text == PENDING or text.endswith(unit):
        return text
    return text + unit


_CLEAN_LABELS = {
    "province": ("省级建群数（个）：", "联系人数（人）："),
    "prefecture": ("地市级少工委建群数（合计）：", "总计联系人数："),
    "county": ("区县级少工委建群数（合计）：", "总计联系人数："),
}
_SENTENCE_LABELS = {
    "province": ("省级建群数：", "个，联系人数：", "人"),
    "prefecture": ("地市级少工委建群数：合计", "个，总计联系人数：", "人"),
    "county": ("区县级少工委建群数：合计", "个，总计联系人数：", "人"),
}
_ONECELL = {
    "province": "省级建群数：{g}，联系人数：{c}",
    "prefecture": "地市级少工委建群数：合计{g}，总计联系人数：{c}",
    "county": "区县级少工委建群数：合计{g}，总计联系人数：{c}",
}
_GRID_ROWS = {"province": "省级", "prefecture": "地市级少工委", "county": "区县级少工委"}
_MERGED_LABELS = {
    "province": ("省级建群数（个）", "联系人数（人）"),
    "prefecture": ("地市级少工委建群数（合计，个）", "总计联系人数（人）"),
    "county": ("区县级少工委建群数（合计，个）", "总计联系人数（人）"),
}
_ONE_COLUMN_EACH = ((0, 0), (1, 1), (2, 2), (3, 3))  # listing columns → sheet column spans


def _listing(sheet: Sheet, form: Form, top: int, spans: Sequence[tuple[int, int]]) -> int:
    """Write the 省级建群情况一览 listing from row `top`; return the next free row."""
    if form.serial:
        spans = [(0, 0)] + [(a + 1, b + 1) for a, b in spans]
    last = spans[-1][1]
    sheet.merge(top, 0, last, LISTING_TITLE)
    headers = ["群名称", "人员构成", "人数", "备注"]
    if form.serial:
        headers.insert(0, "序号")
    row = top + 1

    def put_row(values: list[Any]) -> None:
        for (a, b), value in zip(spans, values, strict=True):
            if b > a:
                sheet.merge(row, a, b, value)
            else:
                sheet.put(row, a, value)

    put_row(headers)
    for i, (name, comp, members, note) in enumerate(form.groups, start=1):
        row += 1
        values = [name, comp, members, note]
        put_row([i, *values] if form.serial else values)
        sheet.listing_rows.append(row)
    if form.total_row:
        row += 1
        total = sum(_written_count(m) or 0 for _, _, m, _ in form.groups)
        label = form.total_label
        put_row(["", label, "", total, ""] if form.serial else [label, "", total, ""])
    return row + 1


def _written_count(members: Any) -> int | None:
    """人数 as written (45, '45', '45人') as a number; None where it is not a count."""
    text = str(members).rstrip("人")
    return int(text) if text.isdigit() else None


def _labelled_rows(s: Sheet, form: Form, labels: dict[str, tuple[str, ...]]) -> None:
    """Rows 4–6 as label, groups, label, contacts (and a trailing label when there is one)."""
    for i, level in enumerate(LEVELS):
        g_label, c_label, *tail = labels[level]
        s.put(3 + i, 0, g_label)
        s.addresses[level, "groups"] = s.put(3 + i, 1, form.values[level, "groups"])
        s.put(3 + i, 2, c_label)
        s.addresses[level, "contacts"] = s.put(3 + i, 3, form.values[level, "contacts"])
        if tail:
            s.put(3 + i, 4, tail[0])


def _clean(s: Sheet, form: Form) -> int:
    """Label and value in neighbouring cells, 填报日期 beside 单位."""
    s.widths = {0: 28, 1: 20, 2: 16, 3: 16}
    s.put(2, 0, "单位：")
    s.unit_cell = s.put(2, 1, form.unit)
    if form.date_line:
        s.put(2, 2, "填报日期：")
        s.date_cell = s.put(2, 3, form.date_value)
    _labelled_rows(s, form, _CLEAN_LABELS)
    return _listing(s, form, 7, _ONE_COLUMN_EACH)


def _sentence(s: Sheet, form: Form) -> int:
    """Each level a sentence split over cells, 填报日期 below the listing."""
    s.widths = {0: 26, 1: 30, 2: 18, 3: 16, 4: 6}
    s.put(2, 0, "单位：")
    s.unit_cell = s.put(2, 1, form.unit)
    _labelled_rows(s, form, _SENTENCE_LABELS)
    end = _listing(s, form, 7, _ONE_COLUMN_EACH)
    if form.date_line:
        s.put(end + 1, 0, "填报日期：")
        s.date_cell = s.put(end + 1, 1, form.date_value)
        end += 2
    return end


def _onecell(s: Sheet, form: Form) -> int:
    """Each level a whole sentence in one cell, 填报日期 below the listing."""
    v = form.values
    s.widths = {0: 48, 1: 30, 2: 8, 3: 24}
    s.merges.append((1, 0, 1, 3))
    s.unit_cell = s.put(2, 0, f"单位：{form.unit}")
    for i, level in enumerate(LEVELS):
        text = _ONECELL[level].format(g=_with_unit(v[level, "groups"], "个"),
                                      c=_with_unit(v[level, "contacts"], "人"))
        if str(v[level, "groups"]) in NOT_APPLICABLE:
            text = text.replace("合计", "", 1)
        s.addresses[level, "groups"] = s.addresses[level, "contacts"] = s.put(3 + i, 0, text)
    end = _listing(s, form, 7, _ONE_COLUMN_EACH)
    if form.date_line:
        if isinstance(form.date_value, dt.date):
            s.put(end + 1, 0, "填报日期：")
            s.date_cell = s.put(end + 1, 1, form.date_value)
        else:
            s.date_cell = s.put(end + 1, 0, f"填报日期：{form.date_value or ''}")
        end += 2
    return end


def _grid(s: Sheet, form: Form) -> int:
    """A 层级 × (建群数, 联系人数, 备注) table."""
    s.widths = {0: 16, 1: 28, 2: 30, 3: 14, 4: 22}
    s.merges.append((1, 0, 1, 4))
    s.unit_cell = s.put(2, 0, f"单位：{form.unit}")
    if form.date_line:
        s.put(2, 2, "填报日期：")
        s.date_cell = s.put(2, 3, form.date_value)
    for c, text in enumerate(["层级", "建群数（个）", "联系人数（人）", "备注"]):
        s.put(3, c, text)
    for i, level in enumerate(LEVELS):
        s.put(4 + i, 0, _GRID_ROWS[level])
        s.addresses[level, "groups"] = s.put(4 + i, 1, form.values[level, "groups"])
        s.addresses[level, "contacts"] = s.put(4 + i, 2, form.values[level, "contacts"])
        if level == "prefecture" and form.municipality:
            s.put(4 + i, 3, "直辖市无地市级")
    return _listing(s, form, 8, _ONE_COLUMN_EACH)


def _merged(s: Sheet, form: Form) -> int:
    """Labels and values in merged ranges, the listing's name and composition two columns wide."""
    s.widths = {0: 14, 1: 14, 2: 16, 3: 20, 4: 10, 5: 22}
    s.merges.append((1, 0, 1, 5))
    s.merge(2, 0, 1, "单位")
    s.unit_cell = s.merge(2, 2, 3, form.unit)
    if form.date_line:
        s.put(2, 4, "填报日期")
        s.date_cell = s.put(2, 5, form.date_value)
    for i, level in enumerate(LEVELS):
        g_label, c_label = _MERGED_LABELS[level]
        s.merge(3 + i, 0, 1, g_label)
        s.addresses[level, "groups"] = s.put(3 + i, 2, form.values[level, "groups"])
        s.put(3 + i, 3, c_label)
        s.addresses[level, "contacts"] = s.merge(3 + i, 4, 5, form.values[level, "contacts"])
    return _listing(s, form, 7, [(0, 1), (2, 3), (4, 4), (5, 5)])


_RENDERERS: dict[str, Callable[[Sheet, Form], int]] = {
    "clean": _clean, "sentence": _sentence, "onecell": _onecell, "grid": _grid, "merged": _merged,
}


def render(form: Form, layout: str, sheet_name: str) -> Sheet:
    """Lay a form out on a sheet in one of the five layouts."""
    if layout not in _RENDERERS:
        raise ValueError(layout)
    s = Sheet(sheet_name)
    s.put(0, 0, form.title)
    s.put(1, 0, FORM_TITLE)
    end = _RENDERERS[layout](s, form)
    if form.filler:
        s.put(end + 1, 0, form.filler)
    return s
