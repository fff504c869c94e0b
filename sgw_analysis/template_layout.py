"""Where the fillable 附件2 template puts each input, and the defined name that marks it.

Shared by the template writer (``template.py``) and the defined-names reading of a return
(``locate/names.py``), so that what is written and what is read cannot drift apart.
Rows and columns are 1-based, as in the cells model.
"""

from __future__ import annotations

from dataclasses import dataclass

from sgw_analysis.read import column_letter

SHEET = "附件2"
NAME_PREFIX = "SGW_"


@dataclass(frozen=True)
class Input:
    """One input cell: its defined name, where it is, what it holds and the label to its left."""

    name: str
    row: int
    col: int
    kind: str  # count, date, text
    label: str  # key of labels.TEMPLATE for the label cell at (row, col - 1)
    level: str | None = None
    field: str | None = None  # groups, contacts, unit, date, filler, phone
    length: int = 100  # longest text accepted

    @property
    def ref(self) -> str:
        """The input's A1 address."""
        return f"{column_letter(self.col)}{self.row}"


def _totals() -> tuple[Input, ...]:
    inputs = []
    for row, level in ((4, "province"), (5, "prefecture"), (6, "county")):
        for col, field in ((2, "groups"), (4, "contacts")):
            inputs.append(Input(f"{NAME_PREFIX}{level.upper()}_{field.upper()}", row, col,
                                "count", f"{level}_{field}", level, field))
    return tuple(inputs)


UNIT = Input(f"{NAME_PREFIX}UNIT", 3, 2, "text", "unit", field="unit", length=40)
TOTALS: tuple[Input, ...] = _totals()
DATE = Input(f"{NAME_PREFIX}DATE", 31, 2, "date", "date", field="date")
FILLER = Input(f"{NAME_PREFIX}FILLER", 32, 2, "text", "filler", field="filler", length=20)
PHONE = Input(f"{NAME_PREFIX}PHONE", 33, 2, "text", "phone", field="phone", length=30)
CELLS: tuple[Input, ...] = (UNIT, *TOTALS, DATE, FILLER, PHONE)

TITLE_ROW, LISTING_TITLE_ROW, LISTING_HEADER_ROW = 2, 8, 9
LISTING_FIRST_ROW, LISTING_ROWS = 10, 20
LISTING_LAST_ROW = LISTING_FIRST_ROW + LISTING_ROWS - 1
LISTING_COLUMNS: tuple[tuple[str, int], ...] = (  # field → column of 群名称 | 人员构成 | 人数 | 备注
    ("group_name", 1), ("composition", 2), ("members", 3), ("note", 4))
LISTING = f"{NAME_PREFIX}LISTING"  # the block of listing rows, A10:D29
LISTING_REF = f"A{LISTING_FIRST_ROW}:D{LISTING_LAST_ROW}"
NAMES: tuple[str, ...] = (*(i.name for i in CELLS), LISTING)
