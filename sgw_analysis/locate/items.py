"""A row cut into items: labels (a field, perhaps with its level), level names and value fragments.

A sentence in one cell (``省级建群数：5个，联系人数：230人``) gives several items of that one cell,
each value fragment keeping its raw text as written; other cells give one item each.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

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


class Item(NamedTuple):  # a tuple: built for every piece of every row, at a third of a dataclass's cost
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
        items.extend(Item(kind, cell, text, level, raw)
                     for kind, text, level, raw in _text_items(cell.value[: LIMITS.label_chars]))
    return tuple(items)


Piece = tuple[str, str, str | None, str | None]  # an Item's kind, text, level and raw, without its cell


@lru_cache(maxsize=8192)  # labels and values repeat in every return of a round
def _text_items(value: str) -> tuple[Piece, ...]:
    """A text cell's items, cut once for each distinct text (labels are short: ``value`` is capped)."""
    text, origin = normalize_with_map(value)
    level_only = LEVEL_ONLY.match(text)
    if level_only:
        return ((LEVEL, text, level_of(level_only.group("level")), None),)
    pieces: list[Piece] = []
    position = 0
    for match in LABEL.finditer(text):
        pieces.extend(_fragment(value, text, origin, position, match.start()))
        kind = match.lastgroup if match.lastgroup != "level" else GROUPS
        word = match.group("level") if kind == GROUPS else None
        pieces.append((kind, match.group(), level_of(word) if word else None, None))
        position = match.end()
    pieces.extend(_fragment(value, text, origin, position, len(text)))
    return tuple(pieces)


def _fragment(value: str, text: str, origin: tuple[int, ...], start: int, end: int,
              ) -> tuple[Piece, ...]:
    """The text between two labels: a value with its raw text as written, or junk."""
    if start >= end:
        return ()
    piece = text[start:end]
    raw = value[origin[start]: origin[end - 1] + 1].strip(" ：:，,；;")
    return ((JUNK_TEXT if JUNK.match(piece) else VALUE, piece, None, raw),)


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
