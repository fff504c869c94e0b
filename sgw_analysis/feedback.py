"""Feedback to each province on its own return, as bytes: an 审核意见 workbook and WeChat messages.

The workbook's first sheet lists the province's issue and follow-up rows in Chinese (what,
where, what the notice asks, what to send back); the next is a copy of the form as it was
read (the cells model, never the file in RAW), every problem cell highlighted and carrying a
comment. 催报消息.txt holds one short message per province to paste into the WeChat group.
"""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING, NamedTuple

import pandas as pd
import xlsxwriter

from sgw_analysis import labels
from sgw_analysis.prefill import FormValues, form_problems, form_values, overflow_note
from sgw_analysis.printing import LINE_HEIGHT, sheet_print_setup, wrapped_lines
from sgw_analysis.read import FORMULA_WITHOUT_VALUE, NUMBER, display_text, parse_ref
from sgw_analysis.reference import municipality_codes
from sgw_analysis.tables import missing
from sgw_analysis.template import COLUMN_WIDTHS, PROBLEM, form_sheet, problem_comment

if TYPE_CHECKING:
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook

    from sgw_analysis.context import ReportContext
    from sgw_analysis.read import Sheet

FONT = "Microsoft YaHei"
FORM_COLUMN_WIDTH = 18
CHASE_ITEMS_SHOWN = 3  # a WeChat message names this many items, then says how many in all


def _text(value: object) -> str:
    """A value as text; missing as empty."""
    if missing(value):
        return ""
    return str(value)


def reply_by(ctx: ReportContext) -> date:
    """The date a province is asked to answer by: some days after the report."""
    return ctx.generated_at.date() + timedelta(days=ctx.requirements.reply_days)


def _where(row: object) -> str:
    """Sheet and cells of a feedback row as a person reads them."""
    cells = _text(row.cells)
    if not cells:
        return labels.FEEDBACK_WHOLE_FORM
    sheet = _text(row.sheet)
    return "、".join(f"{sheet}!{c}" if sheet else c for c in cells.split(";"))


def problem_cells(rows: pd.DataFrame) -> dict[str, list[str]]:
    """Cell → the problems said about it, over the feedback rows of one return."""
    said: dict[str, list[str]] = defaultdict(list)
    for row in rows.itertuples():
        for cell in filter(None, _text(row.cells).split(";")):
            said[cell].append(_text(row.what))
    return dict(said)


def _formats(book: Workbook) -> dict[str, Format]:
    base = {"font_name": FONT, "font_size": 10, "valign": "top"}
    spec = {"title": {"bold": True, "font_size": 14},
            "note": {"font_color": "#595959", "text_wrap": True},
            "header": {"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"},
            "wrap": {"border": 1, "text_wrap": True}, "cell": {},
            "problem": PROBLEM}
    return {k: book.add_format({**base, **v}) for k, v in spec.items()}


def _subtitle(file: str, ctx: ReportContext, prefill: Prefill | None) -> str:
    """Which file, when, by when; what the next sheet is (the form as read, or prefilled)."""
    text = labels.FEEDBACK_SUBTITLE if prefill is None else (
        labels.FEEDBACK_SUBTITLE_PREFILLED + overflow_note(prefill.values))
    return text.format(file=file or labels.FEEDBACK_NOT_RETURNED, when=ctx.generated_text,
                       by=reply_by(ctx).isoformat())


def _opinions(book: Workbook, formats: dict[str, Format], rows: pd.DataFrame, province: str,
              file: str, ctx: ReportContext, prefill: Prefill | None = None) -> None:
    """审核意见: one row per finding or gap of the province."""
    sheet = book.add_worksheet(labels.FEEDBACK_SHEET)
    title = labels.FEEDBACK_TITLE.format(province=province)
    keys = ("index", "source", "kind", "what", "where", "asks", "send_back")
    widths = (6, 10, 10, 60, 16, 28, 34)
    subtitle = _subtitle(file, ctx, prefill)
    # across the table and wrapped, so that the page is the table's width, not the text's
    sheet.merge_range(0, 0, 0, len(keys) - 1,
                      f"{labels.DEMO_NOTE}{title}" if ctx.is_demo else title, formats["title"])
    sheet.merge_range(1, 0, 1, len(keys) - 1, subtitle, formats["note"])
    sheet.set_row(1, LINE_HEIGHT * wrapped_lines(subtitle, sum(widths)))
    for col, (key, width) in enumerate(zip(keys, widths, strict=True)):
        sheet.write_string(2, col, labels.FEEDBACK_COLUMN[key], formats["header"])
        sheet.set_column(col, col, width)
    for n, row in enumerate(rows.itertuples(), start=1):
        kind = (labels.SEVERITY.get(row.kind) if row.source == "issue"
                else labels.FOLLOWUP_KIND.get(row.kind)) or row.kind
        values = (str(n), labels.FEEDBACK_SOURCE[row.source], kind, _text(row.what),
                  _where(row), _text(row.asks), _text(row.send_back))
        for col, value in enumerate(values):
            sheet.write_string(2 + n, col, value, formats["wrap"])
        sheet.set_row(2 + n, LINE_HEIGHT * max(
            wrapped_lines(v, w) for v, w in zip(values, widths, strict=True)))
    sheet.freeze_panes(3, 0)
    sheet_print_setup(sheet, title=title, generated_text=ctx.generated_text,
                      is_demo=ctx.is_demo, width_units=sum(widths), header_row=2, font=FONT)


def _form_copy(book: Workbook, formats: dict[str, Format], form: Sheet,
               problems: dict[str, list[str]], title: str, ctx: ReportContext) -> None:
    """The form as read, with each problem cell highlighted and carrying a comment."""
    name = labels.FEEDBACK_FORM_SHEET.format(sheet=form.name or "CSV")[:31]
    sheet = book.add_worksheet(name)
    merged_at = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in form.merged}
    for (r, c), cell in sorted(form.cells.items()):
        style = formats["problem" if cell.ref in problems else "cell"]
        value: object = cell.formula if cell.kind == FORMULA_WITHOUT_VALUE else cell.value
        if (r, c) in merged_at:
            r2, c2 = merged_at[(r, c)]
            sheet.merge_range(r - 1, c - 1, r2 - 1, c2 - 1, "", style)
        if cell.kind == NUMBER:
            sheet.write_number(r - 1, c - 1, float(value), style)
        else:
            sheet.write_string(r - 1, c - 1, display_text(value), style)
    for ref, said in problems.items():
        r, c = parse_ref(ref)
        if (r, c) not in form.cells:
            sheet.write_blank(r - 1, c - 1, None, formats["problem"])
        problem_comment(sheet, ref, said)
    width = max((c for _, c in form.cells), default=1)
    sheet.set_column(0, width - 1, FORM_COLUMN_WIDTH)
    sheet_print_setup(sheet, title=title, generated_text=ctx.generated_text, is_demo=ctx.is_demo,
                      width_units=width * FORM_COLUMN_WIDTH, header_row=None, font=FONT)


class Prefill(NamedTuple):
    """A document return's values and problem inputs, for the prefilled 附件2 sheet."""

    values: FormValues
    problems: dict[str, list[str]]
    municipality: bool


def document_prefill(rows: pd.DataFrame, file: str, code: str, ctx: ReportContext) -> Prefill:
    """What one province's return, read from a document, puts in its prefilled 附件2."""
    tables = ctx.tables
    totals = tables.form_totals[tables.form_totals["file"] == file]
    groups = tables.provincial_groups[tables.provincial_groups["file"] == file]
    subs = tables.submissions
    when = subs.loc[subs["file"] == file, "submitted_at"]
    values = form_values(totals, groups, when.iloc[0] if not when.empty else None)
    return Prefill(values, form_problems(rows[rows["file"] == file], totals),
                   code in municipality_codes())


def feedback_workbook(rows: pd.DataFrame, province: str, file: str, form: Sheet | None,
                      ctx: ReportContext, prefill: Prefill | None = None) -> bytes:
    """One province's 审核意见 workbook as bytes; ``form`` None where nothing was returned or
    the return was a document, which ``prefill`` then gives back as a prefilled 附件2."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    book.set_properties({"title": labels.FEEDBACK_TITLE.format(province=province),
                         "created": ctx.generated_at})
    formats = _formats(book)
    _opinions(book, formats, rows, province, file, ctx, prefill)
    if prefill is not None:
        sheet = form_sheet(book, province, prefill.municipality, prefill.values,
                           prefill.problems)
        sheet_print_setup(sheet, title=labels.FEEDBACK_TITLE.format(province=province),
                          generated_text=ctx.generated_text, is_demo=ctx.is_demo,
                          width_units=sum(COLUMN_WIDTHS), header_row=None, one_page=True,
                          font=FONT)
    elif form is not None:
        _form_copy(book, formats, form, problem_cells(rows[rows["file"] == file]),
                   labels.FEEDBACK_TITLE.format(province=province), ctx)
    book.close()
    return buffer.getvalue()


def chase_message(rows: pd.DataFrame, province: str, ctx: ReportContext,
                  prefilled: bool = False) -> str:
    """One short message for the WeChat group: who, what, by when."""
    by = reply_by(ctx)
    when = labels.CHASE_DATE.format(month=by.month, day=by.day)
    if (rows["kind"] == "not_returned").any():
        body = labels.CHASE_NOT_RETURNED.format(deadline=ctx.result.deadline.isoformat())
        closing = labels.CHASE_CLOSING_PLAIN
    else:
        items = [_text(w).rstrip("。，,") for w in rows["what"]]
        shown = "；".join(items[:CHASE_ITEMS_SHOWN])
        if len(items) > CHASE_ITEMS_SHOWN:
            shown += labels.CHASE_MORE.format(count=len(items))
        body = labels.CHASE_ITEMS.format(count=len(items), items=shown)
        closing = (labels.CHASE_CLOSING_PREFILLED if prefilled else labels.CHASE_CLOSING).format(
            file=labels.FEEDBACK_FILE.format(province=province))
    return labels.CHASE_MESSAGE.format(province=province, body=body, by=when, closing=closing)


def feedback_outputs(ctx: ReportContext) -> dict[str, bytes]:
    """``feedback/<省>-附件2审核意见.xlsx`` per province with findings or gaps, and 催报消息.txt."""
    outputs: dict[str, bytes] = {}
    messages = []
    feedback = ctx.result.feedback
    subs = ctx.tables.submissions
    ingested = dict(subs.loc[subs["status"] == "ingested", ["province_code", "file"]]
                    .itertuples(index=False))
    for code, rows in feedback.groupby("province_code", sort=True):
        province = _text(rows["province"].iloc[0])
        file = ingested.get(code, "")
        form = ctx.tables.forms.get(file) if file else None
        # an ingested return without a form sheet was read from a document (Word, PDF, photo)
        prefill = document_prefill(rows, file, code, ctx) if file and form is None else None
        name = labels.FEEDBACK_FILE.format(province=province)
        outputs[f"feedback/{name}"] = feedback_workbook(rows, province, file, form, ctx, prefill)
        to_do = rows[rows["kind"] != "late"]  # a late return needs nothing sent back
        if not to_do.empty:
            messages.append(chase_message(to_do, province, ctx, prefill is not None))
    text = "\n\n".join(messages) + "\n" if messages else ""
    outputs[f"feedback/{labels.FEEDBACK_MESSAGES_FILE}"] = text.encode("utf-8")
    return outputs
