"""The fillable 附件2 template: one workbook per province-level unit, as bytes (xlsxwriter).

The form as the notice lays it out, labels locked and inputs unlocked (sheet protection
without a password), data validation on every input, a 填表说明 sheet, and a defined name on
every input cell so that a returned template is read by name (``locate.names``).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from typing import TYPE_CHECKING

import xlsxwriter

from sgw_analysis import labels
from sgw_analysis import template_layout as layout
from sgw_analysis.read import column_letter

if TYPE_CHECKING:
    from collections.abc import Mapping

    import pandas as pd
    from xlsxwriter.format import Format
    from xlsxwriter.workbook import Workbook
    from xlsxwriter.worksheet import Worksheet

    from sgw_analysis.prefill import FormValues

FONT = "Microsoft YaHei"
CREATED = datetime(2017, 3, 28, 9, 0, 0)  # the notice's date: same template, same bytes
DATE_RANGE = (date(2017, 1, 1), date(2018, 12, 31))
INPUT_FILL = "#FFFFFF"
LOCKED_FILL = "#EDEDED"
COLUMN_WIDTHS = (34, 30, 20, 22)  # of the 附件2 sheet's columns A:D
PROBLEM_FILL = "#FFEB3B"  # a cell with a finding, here and in the feedback's copy of a form
PROBLEM = {"bg_color": PROBLEM_FILL, "border": 2, "border_color": "#C00000"}
COMMENT = {"x_scale": 2.5, "y_scale": 2, "font_name": FONT}


def _formats(book: Workbook) -> dict[str, Format]:
    """Locked labels, unlocked white inputs, a grey not-applicable cell."""
    base = {"font_name": FONT, "font_size": 11, "valign": "vcenter", "border": 1}
    spec = {
        "annex": {"border": 0, "bold": True},
        "title": {"border": 0, "bold": True, "font_size": 16, "align": "center"},
        "label": {"bg_color": LOCKED_FILL, "text_wrap": True},
        "header": {"bg_color": LOCKED_FILL, "bold": True, "align": "center"},
        "section": {"border": 0, "bold": True, "font_size": 13, "align": "center"},
        "input": {"locked": False, "bg_color": INPUT_FILL},
        "count": {"locked": False, "bg_color": INPUT_FILL, "num_format": "0"},
        "date": {"locked": False, "bg_color": INPUT_FILL, "num_format": "yyyy-mm-dd"},
        "na": {"bg_color": LOCKED_FILL, "align": "center", "font_color": "#595959"},
        "guide": {"border": 0, "text_wrap": True, "valign": "top"},
        "guide_title": {"border": 0, "bold": True, "font_size": 13},
    }
    for name in ("input", "count", "date"):  # an input with a finding, as the feedback marks it
        spec[f"{name}_problem"] = {**spec[name], **PROBLEM}
    return {name: book.add_format({**base, **extra}) for name, extra in spec.items()}


def _validation(kind: str, length: int) -> dict:
    """Data validation for one input: whole numbers ≥ 0, a date, or a text of bounded length."""
    prompt_title, prompt = labels.TEMPLATE_PROMPT[kind]
    error_title, error = labels.TEMPLATE_ERROR[kind]
    if kind == "count":
        rule = {"validate": "integer", "criteria": ">=", "value": 0}
    elif kind == "date":
        rule = {"validate": "date", "criteria": "between",
                "minimum": datetime.combine(DATE_RANGE[0], datetime.min.time()),
                "maximum": datetime.combine(DATE_RANGE[1], datetime.min.time())}
    else:
        rule = {"validate": "length", "criteria": "<=", "value": length}
    return {**rule, "input_title": prompt_title, "input_message": prompt.format(length=length),
            "error_title": error_title, "error_message": error.format(length=length),
            "error_type": "stop"}


def _input(sheet: Worksheet, formats: dict[str, Format], item: layout.Input,
           value: object = None, problem: bool = False) -> None:
    """An unlocked, validated input cell, empty or prefilled (a count as a number, a date as a
    date); ``problem`` highlights it as the feedback does."""
    row, col = item.row - 1, item.col - 1
    kind = item.kind if item.kind in ("count", "date") else "input"
    style = formats[f"{kind}_problem" if problem else kind]
    if value is None:
        sheet.write_blank(row, col, None, style)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, datetime.combine(value, datetime.min.time()), style)
    elif isinstance(value, int):
        sheet.write_number(row, col, value, style)
    else:
        sheet.write_string(row, col, str(value), style)
    sheet.data_validation(row, col, row, col, _validation(item.kind, item.length))


def problem_comment(sheet: Worksheet, ref: str, said: list[str]) -> None:
    """The feedback's comment on a problem cell: what is wrong there."""
    sheet.write_comment(ref, labels.FEEDBACK_COMMENT_PREFIX + "\n".join(said), COMMENT)


def _prefill(item: layout.Input, province: str | None, values: FormValues | None) -> object:
    """What an input holds: the unit's name, and with ``values`` the total or date read."""
    if item.field == "unit":
        return labels.TEMPLATE["unit_value"].format(province=province) if province else None
    if values is None:
        return None
    if item.field == "date":
        return values.submitted_at
    return values.totals.get((item.level, item.field)) if item.level else None


def _inputs(sheet: Worksheet, formats: dict[str, Format], province: str | None,
            municipality: bool, values: FormValues | None,
            problems: Mapping[str, list[str]]) -> None:
    """The labelled inputs; with ``values``, a value not read is an empty highlighted input."""
    for item in layout.CELLS:
        sheet.write_string(item.row - 1, item.col - 2, labels.TEMPLATE[item.label],
                           formats["label"])
        if municipality and item.level == "prefecture":
            sheet.write_string(item.row - 1, item.col - 1, labels.TEMPLATE["not_applicable"],
                               formats["na"])
            continue
        value = _prefill(item, province, values)
        said = list(problems.get(item.ref, ()))
        if values is not None and value is None and item.field not in ("filler", "phone"):
            said = said or [labels.PREFILL_UNREAD]
        _input(sheet, formats, item, value, bool(said))
        if said:
            problem_comment(sheet, item.ref, said)


def _listing_cell(sheet: Worksheet, formats: dict[str, Format], ref: str, style: str,
                  value: object, unread: bool) -> None:
    """One cell of the listing block: a number, a text, empty, or empty and marked as not read."""
    if unread:
        sheet.write_blank(ref, None, formats[f"{style}_problem"])
        problem_comment(sheet, ref, [labels.PREFILL_UNREAD])
    elif value is None:
        sheet.write_blank(ref, None, formats[style])
    elif style == "count":
        sheet.write_number(ref, value, formats[style])
    else:
        sheet.write_string(ref, str(value), formats[style])


def _listing(sheet: Worksheet, formats: dict[str, Format], values: FormValues | None) -> None:
    """省级建群情况一览: headers and the input block, prefilled with the groups read; a group
    whose name or 人数 could not be read has that cell empty and marked."""
    groups = values.listing if values is not None else ()
    for n, (field, col) in enumerate(layout.LISTING_COLUMNS):
        sheet.write_string(layout.LISTING_HEADER_ROW - 1, col - 1, labels.TEMPLATE[field],
                           formats["header"])
        kind = "count" if field == "members" else "text"
        for i, row in enumerate(range(layout.LISTING_FIRST_ROW, layout.LISTING_LAST_ROW + 1)):
            value = groups[i][n] if i < len(groups) else None
            unread = value is None and i < len(groups) and field in ("group_name", "members")
            _listing_cell(sheet, formats, f"{column_letter(col)}{row}",
                          "count" if kind == "count" else "input", value, unread)
        sheet.data_validation(layout.LISTING_FIRST_ROW - 1, col - 1, layout.LISTING_LAST_ROW - 1,
                              col - 1, _validation(kind, 100))


def form_sheet(book: Workbook, province: str | None, municipality: bool,
               values: FormValues | None = None,
               problems: Mapping[str, list[str]] | None = None) -> Worksheet:
    """The 附件2 sheet and its defined names added to ``book`` (after its other sheets): with
    ``values`` prefilled with what was read, each of ``problems``' cells (A1 → findings)
    highlighted and commented as the feedback's form copy does."""
    return _form(book, _formats(book), province, municipality, values, problems or {},
                 active=False)


def _form(book: Workbook, formats: dict[str, Format], province: str | None, municipality: bool,
          values: FormValues | None, problems: Mapping[str, list[str]], active: bool
          ) -> Worksheet:
    """The 附件2 sheet: title, 单位, the three level lines, the listing, date and filler."""
    sheet = book.add_worksheet(layout.SHEET)
    for col, width in enumerate(COLUMN_WIDTHS):
        sheet.set_column(col, col, width)
    sheet.write_string(0, 0, labels.TEMPLATE["annex"], formats["annex"])
    sheet.merge_range(layout.TITLE_ROW - 1, 0, layout.TITLE_ROW - 1, 3,
                      labels.TEMPLATE["title"], formats["title"])
    sheet.set_row(layout.TITLE_ROW - 1, 30)
    _inputs(sheet, formats, province, municipality, values, problems)
    sheet.merge_range(layout.LISTING_TITLE_ROW - 1, 0, layout.LISTING_TITLE_ROW - 1, 3,
                      labels.TEMPLATE["listing_title"], formats["section"])
    _listing(sheet, formats, values)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    sheet.set_paper(9)  # A4, one page: the form prints as the notice shows it
    sheet.fit_to_pages(1, 1)
    sheet.center_horizontally()
    if active:
        sheet.activate()
    _define_names(book)
    return sheet


def _define_names(book: Workbook) -> None:
    """A workbook-level defined name on every input cell, and one on the listing block."""
    quoted = f"'{layout.SHEET}'"
    for item in layout.CELLS:
        book.define_name(item.name, f"={quoted}!${column_letter(item.col)}${item.row}")
    first, last = layout.LISTING_REF.split(":")
    book.define_name(layout.LISTING, f"={quoted}!${first[0]}${first[1:]}:${last[0]}${last[1:]}")


def _guide(book: Workbook, formats: dict[str, Format], deadline: date) -> None:
    """填表说明: a few lines in Chinese on how to fill the form."""
    sheet = book.add_worksheet(labels.TEMPLATE["guide_sheet"])
    sheet.set_column(0, 0, 90)
    title, *lines = labels.TEMPLATE_GUIDE
    sheet.write_string(0, 0, title, formats["guide_title"])
    when = f"{deadline.year}年{deadline.month}月{deadline.day}日"
    for row, line in enumerate(lines, start=1):
        sheet.write_string(row, 0, line.format(deadline=when), formats["guide"])
    sheet.protect("")


def template_workbook(province: str | None, municipality: bool, deadline: date) -> bytes:
    """One province's 附件2 template as .xlsx bytes; ``province`` None gives the blank one."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False})
    book.set_properties({"title": labels.TEMPLATE["title"], "created": CREATED})
    formats = _formats(book)
    _form(book, formats, province, municipality, None, {}, active=True)
    _guide(book, formats, deadline)
    book.close()
    return buffer.getvalue()


def template_files(provinces: pd.DataFrame, municipalities: frozenset[str],
                   deadline: date) -> dict[str, bytes]:
    """File name → bytes: one template per province (``province_code``, ``province``), one blank."""
    files = {labels.TEMPLATE["blank_file"]: template_workbook(None, False, deadline)}
    for row in provinces.sort_values("province_code").itertuples():
        name = labels.TEMPLATE["province_file"].format(province=row.province)
        files[name] = template_workbook(row.province, row.province_code in municipalities,
                                        deadline)
    return files
