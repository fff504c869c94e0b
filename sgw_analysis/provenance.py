"""Values read from documents and images: the place each was written, and OCR's findings.

A Word, PDF or image return is located on one sheet in reading order; here every address of
its values and findings becomes the place in the document (表2!B3, 段落5, 第1页!x=72,y=140, an
image region). A number read by OCR is kept with an ``ocr_unconfirmed`` warning carrying the
recogniser's confidence and the region, for the office to confirm with the province; a number
read with low confidence is not taken (empty, with an error), never guessed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sgw_analysis import labels
from sgw_analysis.findings import Finding, RuleId
from sgw_analysis.limits import READER_LIMITS, ReaderLimits
from sgw_analysis.read import Origin, Workbook, column_letter, display_text, parse_ref
from sgw_analysis.read.flow import is_table_place

if TYPE_CHECKING:
    from sgw_analysis.examine import FileResult
    from sgw_analysis.locate import Found, Located

_FIELDS = ("groups", "contacts")


def document_findings(result: FileResult, located: Located, workbook: Workbook,
                      limits: ReaderLimits = READER_LIMITS) -> FileResult:
    """OCR findings on every number read from an image, then every address as its place."""
    if not workbook.origins:
        return result
    if any(origin.confidence is not None for origin in workbook.origins.values()):
        _ocr_totals(result, located, workbook, limits)
        _ocr_listing(result, located, workbook, limits)
    _relocate(result, located.sheet, workbook)
    return result


def _ocr_totals(result: FileResult, located: Located, workbook: Workbook,
                limits: ReaderLimits) -> None:
    for row in result.totals:
        for name in _FIELDS:
            found = located.totals.get((row["level"], name))
            what = labels.LEVEL[row["level"]] + labels.FIELD[name]
            if found is not None and row[name] is not None:
                row[name] = _confirm(result, workbook, located.sheet, found, row[name], what,
                                     limits)


def _ocr_listing(result: FileResult, located: Located, workbook: Workbook,
                 limits: ReaderLimits) -> None:
    if located.listing is None:
        return
    for listed, group in zip(located.listing, result.groups, strict=True):
        if group["members"] is not None:
            what = labels.OCR_FIELD_MEMBERS.format(group=listed.name)
            group["members"] = _confirm(result, workbook, located.sheet, listed.members,
                                        group["members"], what, limits)
    heads = next((row["groups"] for row in result.totals if row["level"] == "province"), None)
    if heads is not None and heads != len(result.groups):
        result.note(RuleId.OCR_LISTING_MISMATCH, {"groups": heads, "listed": len(result.groups)})


def _confirm(result: FileResult, workbook: Workbook, sheet: str, found: Found, value: int,
             what: str, limits: ReaderLimits) -> int | None:
    """The value kept with a warning, or dropped with an error where OCR was unsure of it."""
    origin = workbook.origin(sheet, found.cell)
    if origin is None or origin.confidence is None:
        return value
    raw = display_text(found.value)
    words = {"what": what, "raw": raw, "confidence": f"{origin.confidence:.2f}",
             "region": origin.cell}
    if origin.confidence < limits.ocr_min_confidence:
        result.note(RuleId.OCR_LOW_CONFIDENCE, words, found.cell, raw)
        return None
    result.note(RuleId.OCR_UNCONFIRMED, words, found.cell, raw)
    return value


def _relocate(result: FileResult, sheet: str, workbook: Workbook) -> None:
    """Sheet addresses of the reading-order sheet → places in the document."""
    for row in result.totals:
        for key in ("groups_cell", "contacts_cell"):
            origin = place_of(workbook, sheet, row[key]) if row[key] else None
            row[key] = origin.place if origin else None
    result.sheet = None
    result.issues = [_placed(issue, place_of(workbook, sheet, issue.cell) if issue.cell else None)
                     for issue in result.issues]


def _placed(issue: Finding, origin: Origin | None) -> Finding:
    """A finding of the reading-order sheet at its place in the document."""
    return replace(issue, sheet=(origin.sheet or None) if origin else None,
                   cell=(origin.cell or None) if origin else None)


def place_of(workbook: Workbook, sheet: str, ref: str) -> Origin | None:
    """Where a cell was written; an empty cell is placed beside the label to its left."""
    origin = workbook.origin(sheet, ref)
    if origin is not None:
        return origin
    try:
        row, col = parse_ref(ref)
    except ValueError:
        return None
    for left in range(col - 1, 0, -1):
        origin = workbook.origin(sheet, f"{column_letter(left)}{row}")
        if origin is None:
            continue
        if is_table_place(origin.sheet) and origin.cell:  # a Word table: the cell beside
            table_row, table_col = parse_ref(origin.cell)
            return Origin(origin.sheet, f"{column_letter(table_col + col - left)}{table_row}")
        return origin
    return None
