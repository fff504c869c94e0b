"""What locating gives: each field's raw value with its cell, the listing, and a sheet's sum of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from sgw_analysis.read import TEXT, Cell, column_letter

MISSING = "missing"  # the kind of a Found whose cell is empty


class Found(NamedTuple):  # tuples: one or more for every field and listed group of every sheet
    """A field's raw value and where it was written; value None where the cell was empty."""

    value: str | float | None
    cell: str
    kind: str = TEXT
    formula: str = ""


def found_in(cell: Cell) -> Found:
    """A whole cell's value as found."""
    return Found(cell.value, cell.ref, cell.kind, cell.formula)


def missing_at(row: int, col: int) -> Found:
    """An empty cell where a value should stand."""
    return Found(None, f"{column_letter(col)}{row}", MISSING)


def cell_or_missing(by_col: dict[int, Cell], row: int, col: int) -> Found:
    """The value at ``col`` of a row's cells, or that cell as missing."""
    cell = by_col.get(col)
    return found_in(cell) if cell is not None else missing_at(row, col)


class ListedGroup(NamedTuple):
    """One row of 省级建群情况一览 as written."""

    row: int
    name: str
    composition: str
    members: Found
    note: str
    hidden: bool


@dataclass(frozen=True)
class Listing:
    """省级建群情况一览: its groups, and the rows with content but no group name."""

    groups: tuple[ListedGroup, ...]
    unnamed_rows: tuple[int, ...] = ()


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
    by_names: bool = False  # read through the template's defined names (locate.names)
    template_altered: str | None = None  # a template whose names or labels were changed: where


@dataclass(frozen=True, slots=True)
class Hit:
    """One field a strategy found: which, its value with its cell, and where it stands.

    ``at`` is (row, place in the row) of the label or cell that gave it: of a field's hits the
    first in reading order wins. A ``fallback`` hit only fills a field that no other hit gave.
    """

    field: str  # groups, contacts, unit, date
    level: str | None  # province, prefecture, county for groups and contacts; None otherwise
    found: Found
    at: tuple[int, int]
    fallback: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        """(level, field): one value each."""
        return self.level, self.field


@dataclass(frozen=True)
class Findings:
    """What one strategy found in a sheet: fields with their cells, and the listing if it reads one."""

    hits: tuple[Hit, ...] = ()
    listing: Listing | None = None
