"""Tables and the coverage result → summary.xlsx as bytes (xlsxwriter into BytesIO, no files)."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import pandas as pd
import xlsxwriter

from sgw_analysis import labels
from sgw_analysis.context import progress_text
from sgw_analysis.printing import LINE_HEIGHT, display_width, sheet_print_setup, wrapped_lines
from sgw_analysis.requirements import LEVELS
from sgw_analysis.tables import missing

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from sgw_analysis.context import ReportContext
    from sgw_analysis.coverage import CoverageResult

FONT = "Microsoft YaHei"  # WPS and Excel on Chinese Windows have it; others substitute
MAX_WIDTH = 60
HEADER_WRAP_FROM = 8  # display width above which a header wraps rather than widen its column
HEADER_TWO_LINES = 30  # points
TITLE_LINE_HEIGHT = 20  # points, a line of the 13 pt title
TITLE_SCALE = 1.3  # the bold 13 pt title is wider than the 10 pt text the widths are measured in
STATUS_FILL = {"met": "#C6EFCE", "partial": "#FFEB9C", "none": "#F8CBAD", "invalid": "#FF9999",
               "not_returned": "#D9D9D9", "not_applicable": "#F2F2F2"}
TIMELINESS_FILL = {"on_time": "#C6EFCE", "late": "#FFEB9C", "unknown": "#DDEBF7",
                   "not_returned": "#D9D9D9"}
SEVERITY_ORDER = {"error": 0, "warning": 1}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its Chinese header, how its values are written, the source field."""

    header: str
    kind: str  # text, int, percent, date
    field: str


def _formats(book: Workbook) -> dict[str, Format]:
    """Cell formats by name, all in a CJK-capable font."""
    base = {"font_name": FONT, "font_size": 10, "valign": "top"}
    spec = {
        "title": {"bold": True, "font_size": 13, "text_wrap": True, "valign": "vcenter"},
        "demo": {"bold": True, "font_size": 13, "font_color": "#B71C1C"},
        "header": {"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True,
                   "valign": "vcenter", "align": "center"},
        "text": {"border": 1},
        "wrap": {"border": 1, "text_wrap": True},
        "int": {"border": 1, "num_format": "#,##0"},
        "percent": {"border": 1, "num_format": "0%"},
        "date": {"border": 1, "num_format": "yyyy-mm-dd"},
        "total_text": {"border": 1, "bold": True, "bg_color": "#F2F2F2"},
        "total_int": {"border": 1, "bold": True, "bg_color": "#F2F2F2", "num_format": "#,##0"},
        "note": {"italic": True, "font_color": "#595959"},
    }
    formats = {name: book.add_format({**base, **extra}) for name, extra in spec.items()}
    for status, color in {**STATUS_FILL, **{f"t_{k}": v for k, v in TIMELINESS_FILL.items()}
                          }.items():
        formats[f"fill_{status}"] = book.add_format({"bg_color": color})
    return formats


def _write(sheet: Worksheet, row: int, col: int, value: object, kind: str,
           formats: dict[str, Format]) -> None:
    """Write one value by kind; missing values become empty cells, strings stay strings."""
    style = formats.get(kind, formats["text"])
    if missing(value):
        sheet.write_blank(row, col, None, style)
    elif kind == "int":
        sheet.write_number(row, col, int(value), style)
    elif kind == "percent":
        sheet.write_number(row, col, float(value), style)
    elif kind == "date":
        sheet.write_datetime(row, col, datetime.combine(date.fromisoformat(str(value)),
                                                        datetime.min.time()), style)
    else:
        sheet.write_string(row, col, str(value), style)


def _value_width(value: object, kind: str) -> int:
    """How wide a written value shows, in character units."""
    if missing(value):
        return 0
    if kind == "int":
        return len(f"{int(value):,}")
    if kind in ("percent", "date"):
        return 10
    return max(display_width(line) for line in str(value).splitlines() or [""])


def _column_width(column: Column, values: pd.Series) -> int:
    """Widest value plus padding; a header longer than 4 characters may wrap onto two lines."""
    header = display_width(column.header)
    header_need = math.ceil(header / 2) + 1 if header > HEADER_WRAP_FROM else header
    return min(max([header_need, *(_value_width(v, column.kind) for v in values)]) + 2,
               MAX_WIDTH)


def _row_heights(sheet: Worksheet, columns: list[Column], frame: pd.DataFrame,
                 widths: list[int]) -> None:
    """Rows tall enough for their wrapped text (LibreOffice keeps the default height otherwise)."""
    wrapped = [(c.field, w) for c, w in zip(columns, widths, strict=True) if c.kind == "wrap"]
    for row, record in enumerate(frame.to_dict("records"), start=2):
        lines = max([1 if missing(record[field]) else wrapped_lines(str(record[field]), width)
                     for field, width in wrapped] or [1])
        if lines > 1:
            sheet.set_row(row, LINE_HEIGHT * lines)


def _title_row(sheet: Worksheet, formats: dict[str, Format], title: str,
               widths: list[int]) -> None:
    """The title across every column, wrapped, so that neither screen nor paper cuts it."""
    if len(widths) > 1:
        sheet.merge_range(0, 0, 0, len(widths) - 1, title, formats["title"])
    else:
        sheet.write_string(0, 0, title, formats["title"])
    lines = math.ceil(display_width(title) * TITLE_SCALE / max(sum(widths), 1))
    sheet.set_row(0, TITLE_LINE_HEIGHT * max(lines, 1))


def _table_sheet(book: Workbook, formats: dict[str, Format], key: str, columns: list[Column],
                 frame: pd.DataFrame, ctx: ReportContext, *, title: str | None = None,
                 name: str | None = None, widths: dict[int, int] | None = None) -> Worksheet:
    """A sheet of a title row, a frozen header row, the rows, widths, an autofilter and its
    print setup. ``key`` gives its name and title unless ``name`` and ``title`` are given;
    ``widths`` overrides the measured width of some columns."""
    name = name or labels.SHEET[key]
    sheet = book.add_worksheet(name)
    for col, column in enumerate(columns):
        sheet.write_string(1, col, column.header, formats["header"])
    for row, record in enumerate(frame.itertuples(index=False), start=2):
        values = record._asdict()
        for col, column in enumerate(columns):
            _write(sheet, row, col, values[column.field], column.kind, formats)
    measured = [_column_width(c, frame[c.field]) for c in columns]
    measured = [(widths or {}).get(col, width) for col, width in enumerate(measured)]
    for col, width in enumerate(measured):
        sheet.set_column(col, col, width)
    if any(display_width(c.header) + 2 > w for c, w in zip(columns, measured, strict=True)):
        sheet.set_row(1, HEADER_TWO_LINES)
    _row_heights(sheet, columns, frame, measured)
    _title_row(sheet, formats, title or _title(key, ctx), measured)
    sheet.freeze_panes(2, 0)
    sheet.autofilter(1, 0, max(1 + len(frame), 1), len(columns) - 1)
    sheet.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})
    sheet_print_setup(sheet, title=labels.SHEET_TITLE.get(key, name),
                      generated_text=ctx.generated_text,
                      is_demo=ctx.is_demo, width_units=sum(measured), one_page=key == "summary",
                      font=FONT)
    return sheet


def _title(key: str, ctx: ReportContext) -> str:
    """Sheet title with the reference vintage and, for demo data, the demo flag."""
    note = labels.REFERENCE_NOTE_SHEET.format(reference=ctx.result.reference_label,
                                              deadline=ctx.result.deadline.isoformat())
    text = f"{labels.SHEET_TITLE[key]}（{note}）"
    return f"{labels.DEMO_NOTE}{text}" if ctx.is_demo else text


def _status_formatting(sheet: Worksheet, formats: dict[str, Format], first_row: int,
                       last_row: int, col: int, meanings: dict[str, str],
                       prefix: str = "") -> None:
    """Colour a status column by its Chinese label (exact match)."""
    if last_row < first_row:
        return
    for code, label in meanings.items():
        sheet.conditional_format(first_row, col, last_row, col, {
            "type": "cell", "criteria": "==", "value": f'"{label}"',
            "format": formats[f"fill_{prefix}{code}"]})


# ---------------------------------------------------------------- 汇总表
def summary_frame(result: CoverageResult) -> pd.DataFrame:
    """One row per expected province: the six figures, date, timeliness and level statuses."""
    cov = result.coverage
    frame = result.expected[["province_code", "province"]].sort_values("province_code")
    frame = frame.reset_index(drop=True)
    frame.insert(0, "index", range(1, len(frame) + 1))
    for level in LEVELS:
        part = cov[cov["level"] == level].set_index("province_code")
        shown = part["status"] != "not_applicable"
        for field in ("groups", "contacts"):
            frame[f"{level}_{field}"] = frame["province_code"].map(
                part[field].where(shown)).astype("Int64")
        frame[f"{level}_status"] = frame["province_code"].map(
            part["status"].map(labels.COVERAGE_STATUS))
    timing = result.timeliness.set_index("province_code")
    frame["submitted_at"] = frame["province_code"].map(timing["submitted_at"])
    frame["timeliness"] = frame["province_code"].map(
        timing["timeliness"].map(labels.TIMELINESS)).fillna(labels.TIMELINESS["not_returned"])
    return frame


def summary_columns() -> list[Column]:
    """Columns of 汇总表, in the order of 附件2."""
    columns = [Column(labels.COLUMN["index"], "int", "index"),
               Column(labels.COLUMN["province_code"], "text", "province_code"),
               Column(labels.COLUMN["province"], "text", "province")]
    for level in LEVELS:
        columns += [Column(labels.LEVEL_FIELD.format(level=labels.LEVEL[level],
                                                     field=labels.FIELD[f]), "int",
                           f"{level}_{f}") for f in ("groups", "contacts")]
    columns += [Column(labels.COLUMN["submitted_at"], "date", "submitted_at"),
                Column(labels.COLUMN["timeliness"], "text", "timeliness")]
    columns += [Column(labels.LEVEL_STATUS.format(level=labels.LEVEL[level]), "text",
                       f"{level}_status") for level in LEVELS]
    return columns


def _summary_sheet(book: Workbook, formats: dict[str, Format], ctx: ReportContext) -> None:
    """汇总表: the national version of 附件2, with a totals row from the national table."""
    result = ctx.result
    frame, columns = summary_frame(result), summary_columns()
    sheet = _table_sheet(book, formats, "summary", columns, frame, ctx)
    sheet.freeze_panes(2, 3)
    last = 1 + len(frame)
    fields = [c.field for c in columns]
    timeliness_col = fields.index("timeliness")
    _status_formatting(sheet, formats, 2, last, timeliness_col,
                       dict(labels.TIMELINESS), prefix="t_")
    for level in LEVELS:
        _status_formatting(sheet, formats, 2, last, fields.index(f"{level}_status"),
                           dict(labels.COVERAGE_STATUS))
    total_row = last + 1
    national = result.national.set_index("level")
    for col in range(len(columns)):
        sheet.write_blank(total_row, col, None, formats["total_text"])
    sheet.write_string(total_row, fields.index("province"), labels.TOTAL_ROW,
                       formats["total_text"])
    for level in LEVELS:
        for field in ("groups", "contacts"):
            value = national.at[level, field] if level in national.index else None
            col = fields.index(f"{level}_{field}")
            if missing(value):
                sheet.write_blank(total_row, col, None, formats["total_int"])
            else:
                sheet.write_number(total_row, col, int(value), formats["total_int"])
    note_row = total_row + 1
    for level in LEVELS:
        if level not in national.index:
            continue
        unread = national.loc[level, ["groups_missing", "contacts_missing"]]
        if unread.sum() > 0:
            note_row += 1
            parts = [labels.TOTAL_MISSING_PART[field].format(count=int(unread[f"{field}_missing"]))
                     for field in ("groups", "contacts") if unread[f"{field}_missing"] > 0]
            sheet.write_string(note_row, 0, labels.TOTAL_MISSING.format(
                level=labels.LEVEL[level], parts="、".join(parts)), formats["note"])


# ---------------------------------------------------------------- the other sheets
def _groups_sheet(book: Workbook, formats: dict[str, Format], ctx: ReportContext) -> None:
    """省级建群情况一览: every listed group with its type in Chinese."""
    frame = ctx.tables.provincial_groups.sort_values(["province_code", "file", "row"])
    frame = frame.assign(group_type=frame["group_type"].map(labels.GROUP_TYPE))
    columns = [Column(labels.COLUMN[f], k, f) for f, k in (
        ("province_code", "text"), ("province", "text"), ("group_name", "text"),
        ("group_type", "text"), ("composition", "text"), ("members", "int"),
        ("note", "text"), ("file", "text"), ("row", "int"))]
    _table_sheet(book, formats, "groups", columns, frame, ctx)


def _coverage_sheet(book: Workbook, formats: dict[str, Format], ctx: ReportContext) -> None:
    """覆盖情况: the coverage table in Chinese, coloured by status."""
    coverage = ctx.result.coverage
    frame = coverage.assign(level=coverage["level"].map(labels.LEVEL),
                            status=coverage["status"].map(labels.COVERAGE_STATUS))
    columns = [Column(labels.COLUMN[f], k, f) for f, k in (
        ("province_code", "text"), ("province", "text"), ("level", "text"),
        ("groups", "int"), ("contacts", "int"), ("units", "int"), ("expected_groups", "int"),
        ("expected_contacts", "int"), ("group_ratio", "percent"), ("contact_ratio", "percent"),
        ("status", "text"), ("reference", "text"))]
    sheet = _table_sheet(book, formats, "coverage", columns, frame, ctx)
    status_col = [c.field for c in columns].index("status")
    _status_formatting(sheet, formats, 2, 1 + len(frame), status_col,
                       dict(labels.COVERAGE_STATUS))


def _issues_sheet(book: Workbook, formats: dict[str, Format], ctx: ReportContext) -> None:
    """问题清单: ingestion findings and cross-province outliers, errors first."""
    frame = ctx.tables.issues
    frame = frame.assign(order=frame["severity"].map(SEVERITY_ORDER))
    frame = frame.sort_values(["order", "province_code", "file", "cell", "rule"],
                              na_position="last", kind="stable")
    frame = frame.assign(severity=frame["severity"].map(labels.SEVERITY))
    columns = [Column(labels.COLUMN[f], "wrap" if f == "message" else "text", f) for f in (
        "severity", "rule", "province_code", "province", "file", "sheet", "cell", "value",
        "message")]
    _table_sheet(book, formats, "issues", columns, frame, ctx)


def _followup_sheet(book: Workbook, formats: dict[str, Format], ctx: ReportContext) -> None:
    """催报更正: what to chase or have corrected, one sentence each."""
    followup = ctx.result.followup
    frame = followup.assign(
        kind=followup["kind"].map(labels.FOLLOWUP_KIND),
        requirement=followup["requirement"].map(
            lambda r: f"{r} {labels.REQUIREMENT.get(r, '')}".strip()))
    columns = [Column(labels.COLUMN[f], "wrap" if f == "detail" else "text", f) for f in (
        "province_code", "province", "kind", "requirement", "detail", "file")]
    _table_sheet(book, formats, "followup", columns, frame, ctx)


def _notes_sheet(book: Workbook, formats: dict[str, Format], ctx: ReportContext) -> None:
    """说明: the method notes of the context, then when the workbook was made."""
    columns = [Column(labels.COLUMN["item"], "text", "item"),
               Column(labels.COLUMN["content"], "wrap", "content")]
    rows = [*ctx.notes, (labels.NOTE_ITEM["generated_at"], ctx.generated_text)]
    frame = pd.DataFrame(rows, columns=["item", "content"])
    _table_sheet(book, formats, "notes", columns, frame, ctx, widths={1: 90})


def _corrections_sheet(book: Workbook, formats: dict[str, Format], ctx: ReportContext) -> None:
    """更正情况: what each corrected return changed, then the fate of each finding."""
    changes, fates = ctx.result.changes, ctx.result.corrections
    if changes.empty and fates.empty:
        return
    text = labels.CORRECTION_COLUMN
    frame = pd.concat([
        changes.assign(level_or_group=changes["level_or_group"].map(
            lambda s: labels.LEVEL.get(s, labels.CHANGE_SUBJECT_FORM if s == "form" else s)),
            field=changes["field"].map(labels.CHANGE_FIELD), status=None, message=None),
        fates.assign(status=fates["status"].map(labels.CORRECTION_STATUS),
                     level_or_group=None, field=None, before=fates["before_cell"],
                     after=fates["after_cell"]),
    ], ignore_index=True)
    columns = [Column(text[f], "wrap" if f == "message" else "text", f) for f in (
        "province", "level_or_group", "field", "before", "after", "status", "message",
        "before_file", "after_file")]
    title = f"{labels.DEMO_NOTE if ctx.is_demo else ''}{labels.SHEET_CORRECTIONS}"
    _table_sheet(book, formats, "", columns, frame, ctx, title=title,
                 name=labels.SHEET_CORRECTIONS)


def _progress_sheet(book: Workbook, formats: dict[str, Format], ctx: ReportContext) -> None:
    """进展: status and figures per province and level, this round against the earlier one."""
    if ctx.progress is None:
        return
    table = ctx.progress.table
    frame = table.assign(
        level=table["level"].map(labels.LEVEL),
        status_before=table["status_before"].map(labels.COVERAGE_STATUS),
        status_after=table["status_after"].map(labels.COVERAGE_STATUS),
        movement=table["movement"].map(labels.MOVEMENT))
    kinds = {"province": "text", "level": "text", "status_before": "text",
             "status_after": "text", "movement": "text"}
    columns = [Column(labels.PROGRESS_COLUMN[f], kinds.get(f, "int"), f)
               for f in labels.PROGRESS_COLUMN]
    note = progress_text(ctx.progress)
    title = f"{labels.DEMO_NOTE if ctx.is_demo else ''}{labels.SHEET_PROGRESS}（{note}）"
    _table_sheet(book, formats, "", columns, frame, ctx, title=title, name=labels.SHEET_PROGRESS)


# ---------------------------------------------------------------- the workbook
def summary_workbook(ctx: ReportContext) -> bytes:
    """summary.xlsx as bytes: 汇总表 and its supporting sheets, text never read as formulas."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {
        "in_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
        "strings_to_numbers": False})
    book.set_properties({"title": labels.SHEET_TITLE["summary"], "created": ctx.generated_at,
                         "comments": labels.DEMO_TEXT if ctx.is_demo else labels.REAL_TEXT})
    formats = _formats(book)
    for make in (_summary_sheet, _groups_sheet, _coverage_sheet, _issues_sheet,
                 _followup_sheet, _corrections_sheet, _progress_sheet, _notes_sheet):
        make(book, formats, ctx)
    book.close()
    return buffer.getvalue()
