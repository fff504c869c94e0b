"""What a return read from a document says, as the inputs of the fillable 附件2 template.

A province that sent its 附件2 as Word, PDF or a photo gets back the Excel template filled with
what was read (``form_values``) and the inputs the findings are about marked
(``form_problems``), so that it checks, corrects and returns the form as Excel. Pure: table
rows in, values and template cells out; ``template.py`` writes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import pandas as pd

from sgw_analysis import labels
from sgw_analysis import template_layout as layout
from sgw_analysis.findings import cell_address
from sgw_analysis.tables import missing

if TYPE_CHECKING:
    from collections.abc import Mapping

DATE_RULES = frozenset({"date_missing", "date_unreadable"})
LISTING_FIELDS = tuple(name for name, _col in layout.LISTING_COLUMNS)


@dataclass(frozen=True)
class FormValues:
    """The template's inputs as read: None where a value could not be read (never 0)."""

    totals: Mapping[tuple[str, str], int | None] = field(default_factory=dict)  # (level, field)
    listing: tuple[tuple[object, ...], ...] = ()  # group_name, composition, members, note
    submitted_at: date | None = None
    listed: int = 0  # groups read, of which the first LISTING_ROWS fit the template


def _value(value: object) -> object:
    """A table value as written to the template: NA as None, a numpy integer as int."""
    if missing(value):
        return None
    return int(value) if hasattr(value, "__index__") else str(value)


def form_values(totals: pd.DataFrame, groups: pd.DataFrame, submitted_at: object) -> FormValues:
    """One return's form_totals and provincial_groups rows (and its date) → the template's values."""
    read = {(row.level, name): _value(getattr(row, name))
            for row in totals.itertuples() for name in ("groups", "contacts")}
    listing = tuple(tuple(_value(getattr(row, name)) for name in LISTING_FIELDS)
                    for row in groups.sort_values("row").itertuples())
    when = None if missing(submitted_at) else (
        date.fromisoformat(str(submitted_at)))
    return FormValues(totals=read, listing=listing[:layout.LISTING_ROWS], submitted_at=when,
                      listed=len(listing))


def _input_by_address(totals: pd.DataFrame) -> dict[str, list[str]]:
    """Where the document held each total (``表1!B2``, ``段落4``) → the template inputs for it."""
    inputs = {(item.level, item.field): item.ref for item in layout.TOTALS}
    by_address: dict[str, list[str]] = {}
    for row in totals.itertuples():
        for name in ("groups", "contacts"):
            address = getattr(row, f"{name}_cell")
            if isinstance(address, str) and address:
                by_address.setdefault(address, []).append(inputs[(row.level, name)])
    return by_address


def form_problems(rows: pd.DataFrame, totals: pd.DataFrame) -> dict[str, list[str]]:
    """Template input → the findings said about it, over one document return's feedback rows.

    A finding is placed where the document held the value it is about; a date finding on the
    填报日期 input; the others (the whole form, the listing) stay in the 审核意见 list only.
    """
    by_address = _input_by_address(totals)
    said: dict[str, list[str]] = {}
    for row in rows.itertuples():
        cells = [c for c in str(row.cells).split(";") if c] if isinstance(row.cells, str) else []
        addresses = [cell_address(row.sheet, c) for c in cells] or (
            [row.sheet] if isinstance(row.sheet, str) else [])
        targets = [ref for a in addresses for ref in by_address.get(a, [])]
        if row.rule in DATE_RULES:
            targets.append(layout.DATE.ref)
        for ref in dict.fromkeys(targets):
            said.setdefault(ref, []).append(str(row.what))
    return said


def overflow_note(values: FormValues) -> str:
    """A sentence for the 审核意见 when more groups were read than the template's listing holds."""
    if values.listed <= layout.LISTING_ROWS:
        return ""
    return labels.PREFILL_OVERFLOW.format(listed=values.listed, rows=layout.LISTING_ROWS)
