"""A province filling the 附件2 template: values written into its named input cells (openpyxl).

Used by the second demo round (provinces that answer on the template the office sent out) and
by tests. Works on the template's bytes and returns new bytes; the template is not changed.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence

import openpyxl

from sgw_analysis import template_layout as layout

Value = str | int | float | dt.date | None


def _target(book: openpyxl.Workbook, name: str) -> tuple[str, str]:
    """The sheet and the (first) cell a defined name points at."""
    sheet, ref = next(iter(book.defined_names[name].destinations))
    return sheet, ref.replace("$", "").split(":")[0]


def fill_template(template: bytes, values: Mapping[str, Value],
                  groups: Sequence[tuple[str, str, Value, str]] = (),
                  created: dt.datetime | None = None) -> bytes:
    """The template with ``values`` (defined name → value) and listing rows written in.

    ``groups`` are (群名称, 人员构成, 人数, 备注) rows from the first listing row on.
    """
    book = openpyxl.load_workbook(io.BytesIO(template))
    for name, value in values.items():
        sheet, ref = _target(book, name)
        cell = book[sheet][ref]
        cell.value = dt.datetime.combine(value, dt.time()) if isinstance(value, dt.date) else value
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
    sheet_name, first = _target(book, layout.LISTING)
    sheet = book[sheet_name]
    first_row = int(first.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    for offset, row in enumerate(groups):
        for (_field, col), value in zip(layout.LISTING_COLUMNS, row, strict=True):
            sheet.cell(first_row + offset, col).value = value
    if created is not None:
        book.properties.created = book.properties.modified = created
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
