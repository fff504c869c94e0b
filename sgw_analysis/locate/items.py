"""A row cut into items: labels (a field, perhaps with its level), level names and value fragments.

A sentence in one cell (``省级建群数：5个，联系人数：230人``) gives several items of that one cell,
each value fragment keeping its raw text as written; other cells give one item each.
"""

from __future__ import annotations

from dataclasses import dataclass

from sgw_analysis.limits import LIMITS
from sgw_analysis.locate.label_table import JUNK, LABEL, LEVEL_ONLY, level_of
from sgw_analysis.locate.results import Found
from sgw_analysis.read import TEXT, Cell, normalize_with_map

GROUPS = "groups"
CONTACTS = "contacts"
UNIT = "unit"
DATE = "date"
LEVEL = "level"  # a cell naming a level and nothing else (省级)
VALUE = "value"
JUNK_TEXT = "junk"  # punctuation and unit words between a label and its value
TOTAL_FIELDS = (GROUPS, CONTACTS)


@dataclass(frozen=True, slots=True)
class Item:
    """A piece of a row: a label (kind, level) or a value fragment, with its cell."""

    kind: str
    cell: Cell
    text: str = ""
    level: str | None = None
    raw: str | float | None = None

    @property
    def found(self) -> Found:
        """This value fragment as a field's value, in its cell."""
        return Found(self.raw, self.cell.ref, self.cell.kind, self.cell.formula)


def row_items(cells: tuple[Cell, ...]) -> tuple[Item, ...]:
    """Split a row's cells into labels and value fragments, left to right."""
    items: list[Item] = []
    for cell in cells:
        if cell.kind != TEXT:
            items.append(Item(VALUE, cell, raw=cell.value))
            continue
        text, origin = normalize_with_map(cell.value[: LIMITS.label_chars])  # labels are short
        level_only = LEVEL_ONLY.match(text)
        if level_only:
            items.append(Item(LEVEL, cell, text, level_of(level_only.group("level"))))
            continue
        position = 0
        for match in LABEL.finditer(text):
            items.extend(_fragment(cell, text, origin, position, match.start()))
            kind = match.lastgroup if match.lastgroup != "level" else GROUPS
            word = match.group("level") if kind == GROUPS else None
            items.append(Item(kind, cell, match.group(), level_of(word) if word else None))
            position = match.end()
        items.extend(_fragment(cell, text, origin, position, len(text)))
    return tuple(items)


def _fragment(cell: Cell, text: str, origin: tuple[int, ...], start: int, end: int,
              ) -> tuple[Item, ...]:
    """The text between two labels: a value with its raw text as written, or junk."""
    if start >= end:
        return ()
    piece = text[start:end]
    raw = str(cell.value)[origin[start]: origin[end - 1] + 1].strip(" ：:，,；;")
    return (Item(JUNK_TEXT if JUNK.match(piece) else VALUE, cell, piece, raw=raw),)


def value_after(items: tuple[Item, ...], index: int) -> Item | None:
    """The first value after the label at ``index``, across junk; None at another label or the end."""
    for item in items[index + 1:]:
        if item.kind == VALUE:
            return item
        if item.kind != JUNK_TEXT:
            return None
    return None


def classify_label(text: str) -> tuple[str | None, str | None]:
    """The first label in a text: its kind (groups, contacts, unit, date, level) and level."""
    for item in row_items((Cell(1, 1, text, TEXT),)):
        if item.kind not in (VALUE, JUNK_TEXT):
            return item.kind, item.level
    return None, None
