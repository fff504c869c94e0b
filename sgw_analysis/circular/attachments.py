"""The circular's two attachment tables as rows of text: 附表1 the 汇总表, 附表2 the follow-up list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sgw_analysis import labels
from sgw_analysis.circular.prose import number
from sgw_analysis.requirements import LEVELS
from sgw_analysis.tables import missing
from sgw_analysis.workbook import summary_columns, summary_frame

if TYPE_CHECKING:
    from sgw_analysis.coverage import CoverageResult

# centimetres, within the 267 mm of a landscape A4 page less its margins
SUMMARY_WIDTHS = {"index": 1.2, "province": 3.4, "submitted_at": 2.3, "timeliness": 1.9,
                  "figure": 1.9, "status": 1.8}
FOLLOWUP_WIDTHS = (1.2, 3.4, 1.9, 5.4, 13.8)


@dataclass(frozen=True)
class TableSpec:
    """An attachment table as text: headers, rows, column widths (cm), numeric columns."""

    headers: list[str]
    rows: list[list[str]]
    widths: list[float]
    numeric: list[bool]


def _cell(value: object, kind: str) -> str:
    """A value as table text: an empty cell where it is missing, never 0."""
    if missing(value):
        return ""
    return number(int(value)) if kind == "int" else str(value)


def summary_table(result: CoverageResult) -> TableSpec:
    """附表1: headers, one row per expected province and the national totals, column widths."""
    columns = [c for c in summary_columns() if c.field != "province_code"]
    frame = summary_frame(result)
    rows = [[_cell(record[c.field], c.kind) for c in columns]
            for record in frame.to_dict("records")]
    national = result.national.set_index("level")
    totals = {f"{level}_{field}": national.at[level, field]
              for level in LEVELS for field in ("groups", "contacts")}
    rows.append([labels.TOTAL_ROW if c.field == "province" else _cell(totals.get(c.field), "int")
                 for c in columns])
    widths = [SUMMARY_WIDTHS.get(c.field) or SUMMARY_WIDTHS[
        "status" if c.field.endswith("_status") else "figure"] for c in columns]
    return TableSpec([c.header for c in columns], rows, widths, [c.kind == "int" for c in columns])


def followup_table(result: CoverageResult) -> TableSpec:
    """附表2: what to chase or have corrected, numbered, with the requirement in words."""
    headers = [labels.COLUMN["index"], *(labels.COLUMN[c] for c in (
        "province", "kind", "requirement", "detail"))]
    rows = [[str(n), r.province, labels.FOLLOWUP_KIND[r.kind],
             labels.REQUIREMENT[r.requirement], r.detail]
            for n, r in enumerate(result.followup.itertuples(index=False), start=1)]
    return TableSpec(headers, rows, list(FOLLOWUP_WIDTHS), [False] * len(headers))
