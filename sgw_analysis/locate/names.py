"""Read a returned template by its defined names, when they are present and intact.

A template (``template.py``) names every input cell. When all those names are there, point
at single cells (the listing at its block) of one sheet, and the label beside each input still
reads as that field, the fields are read by name. Otherwise the return is read by its labels
(the label strategies of ``locate``); a workbook that carries some of the names but not intact is flagged
``altered`` so that examine can say the template was changed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sgw_analysis import labels
from sgw_analysis import template_layout as layout
from sgw_analysis.labels import DEMO_FLAG
from sgw_analysis.locate.items import classify_label
from sgw_analysis.locate.results import Found, ListedGroup, Located
from sgw_analysis.read import Cell, Sheet, Workbook, column_letter, display_text, parse_ref

_TARGET = re.compile(r"^=?(?:'(?P<quoted>(?:[^']|'')+)'|(?P<plain>[^!']+))!(?P<ref>[$A-Z0-9:]+)$")
NAMES_SCORE = 1000  # a template read by name beats any reading by labels


@dataclass(frozen=True)
class NamedReading:
    """The outcome: fields read by name, or the cell (or name) where the template was altered."""

    located: Located | None = None
    altered: str | None = None  # a cell address, or the name that no longer points anywhere


def name_target(refers_to: str) -> tuple[str, str] | None:
    """``'附件2'!$B$4`` → ("附件2", "B4"); None for ``#REF!`` and anything not a plain range."""
    match = _TARGET.match(refers_to.strip())
    if not match or "#REF" in refers_to:
        return None
    sheet = match.group("quoted").replace("''", "'") if match.group("quoted") else match.group(
        "plain")
    return sheet, match.group("ref").replace("$", "")


def read_by_names(workbook: Workbook) -> NamedReading:
    """Fields by defined name when intact; ``altered`` when some template names are broken."""
    present = {n: workbook.defined_names[n] for n in layout.NAMES if n in workbook.defined_names}
    if not present:
        return NamedReading()
    sheets = {sheet.name: sheet for sheet in workbook.sheets}
    targets = {name: name_target(ref) for name, ref in present.items()}
    expected = {item.name: item.ref for item in layout.CELLS} | {layout.LISTING: layout.LISTING_REF}
    for name in layout.NAMES:
        target = targets.get(name)
        if target is None or target[0] not in sheets or target[1] != expected[name]:
            return NamedReading(altered=name)
    sheet = sheets[targets[layout.LISTING][0]]
    for item in layout.CELLS:
        label = sheet.cells.get((item.row, item.col - 1))
        if not _label_intact(label, item):
            return NamedReading(altered=f"{column_letter(item.col - 1)}{item.row}")
    return NamedReading(located=_located(sheet))


def _label_intact(label: Cell | None, item: layout.Input) -> bool:
    """Whether the label left of an input still says what the template wrote there."""
    if label is None or label.kind != "text":
        return False
    if item.field in ("groups", "contacts", "unit", "date"):
        kind, level = classify_label(label.value)
        return kind == item.field and (item.field != "groups" or level == item.level)
    return display_text(label.value) == labels.TEMPLATE[item.label]


def _found(sheet: Sheet, ref: str) -> Found:
    """The value at ``ref``, or a missing value that still names the cell."""
    cell = sheet.cells.get(parse_ref(ref))
    if cell is None:
        return Found(None, ref, "missing")
    return Found(cell.value, cell.ref, cell.kind, cell.formula)


def _located(sheet: Sheet) -> Located:
    """Every named field of the template's sheet, each with its cell."""
    totals = {(i.level, i.field): _found(sheet, i.ref) for i in layout.TOTALS}
    listing, unnamed = [], []
    columns = dict(layout.LISTING_COLUMNS)
    for row in range(layout.LISTING_FIRST_ROW, layout.LISTING_LAST_ROW + 1):
        texts = {f: display_text(sheet.cells[(row, c)].value) if (row, c) in sheet.cells else ""
                 for f, c in columns.items()}
        if not texts["group_name"]:
            if any(texts.values()):
                unnamed.append(row)
            continue
        members_ref = f"{column_letter(columns['members'])}{row}"
        listing.append(ListedGroup(
            row=row, name=" ".join(texts["group_name"].split()),
            composition=texts["composition"], members=_found(sheet, members_ref),
            note=texts["note"], hidden=row in sheet.hidden_rows))
    is_demo = any(c.kind == "text" and DEMO_FLAG in c.value for c in sheet.cells.values())
    return Located(sheet.name, NAMES_SCORE, _found(sheet, layout.UNIT.ref),
                   _found(sheet, layout.DATE.ref), totals, tuple(listing), tuple(unnamed),
                   is_demo, by_names=True)
