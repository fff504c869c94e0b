"""summary.xlsx opens with every sheet, sums that match the tables, text kept as text."""

from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pytest
from test_charts import FORMULA_VALUES, NOT_RETURNED, context_of, sample_round

from sgw_analysis import labels
from sgw_analysis.requirements import LEVELS
from sgw_analysis.workbook import display_width, summary_workbook

GENERATED_AT = datetime(2017, 4, 16, 9, 30)


@pytest.fixture(scope="module")
def built():
    tables, result = sample_round(is_demo=True)
    data = summary_workbook(context_of((tables, result)))
    return tables, result, data, openpyxl.load_workbook(io.BytesIO(data))


def _rows(sheet) -> list[dict[str, object]]:
    """Data rows under the header row (row 2) as dicts, up to the first row without a code."""
    header = [c.value for c in sheet[2]]
    out = []
    for values in sheet.iter_rows(min_row=3, values_only=True):
        if values[header.index(labels.COLUMN["province"])] is None:
            break
        out.append(dict(zip(header, values, strict=True)))
    return out


def test_every_sheet_is_present_in_order(built):
    *_, book = built
    assert book.sheetnames == list(labels.SHEET.values())
    for sheet in book.worksheets:
        assert sheet.freeze_panes is not None and sheet.auto_filter.ref


def test_summary_has_one_row_per_expected_province(built):
    _, result, _, book = built
    rows = _rows(book[labels.SHEET["summary"]])[:-1]  # the last is the totals row
    assert [r[labels.COLUMN["province_code"]] for r in rows] == list(
        result.expected["province_code"])


def test_summary_totals_row_equals_the_sums_of_the_tables(built):
    _, result, _, book = built
    sheet = book[labels.SHEET["summary"]]
    rows = _rows(sheet)
    total = rows[-1]
    assert total[labels.COLUMN["province"]] == labels.TOTAL_ROW
    cov = result.coverage[result.coverage["status"] != "not_applicable"]
    for level in LEVELS:
        for field in ("groups", "contacts"):
            header = labels.LEVEL_FIELD.format(level=labels.LEVEL[level],
                                               field=labels.FIELD[field])
            column_sum = sum(r[header] or 0 for r in rows[:-1])
            table_sum = int(cov.loc[cov["level"] == level, field].sum())
            assert total[header] == column_sum == table_sum


def test_missing_figures_are_empty_cells_not_zero(built):
    _, _, _, book = built
    rows = {r[labels.COLUMN["province_code"]]: r for r in _rows(book[labels.SHEET["summary"]])}
    county_contacts = labels.LEVEL_FIELD.format(level="区县级", field="联系人数")
    assert rows["410000"][county_contacts] is None  # unreadable in the return
    for code in NOT_RETURNED:
        figures = [v for k, v in rows[code].items() if k.endswith(("建群数", "联系人数"))]
        assert figures and all(v is None for v in figures)
        assert rows[code][labels.COLUMN["submitted_at"]] is None
    pref_groups = labels.LEVEL_FIELD.format(level="地市级", field="建群数")
    assert rows["110000"][pref_groups] is None  # a municipality: not applicable, not 0


def test_formula_like_text_from_returns_is_stored_as_a_string(built):
    *_, book = built
    sheet = book[labels.SHEET["issues"]]
    header = [c.value for c in sheet[2]]
    column = header.index(labels.COLUMN["value"]) + 1
    cells = {sheet.cell(row=r, column=column).value: sheet.cell(row=r, column=column)
             for r in range(3, sheet.max_row + 1)}
    for value in FORMULA_VALUES:
        assert cells[value].data_type == "s"
    assert all(c.data_type != "f" for s in book.worksheets for row in s.iter_rows()
               for c in row)


def test_dates_and_ratios_have_number_formats(built):
    *_, book = built
    summary = book[labels.SHEET["summary"]]
    header = [c.value for c in summary[2]]
    date_cell = summary.cell(row=3, column=header.index(labels.COLUMN["submitted_at"]) + 1)
    assert date_cell.is_date and date_cell.number_format == "yyyy-mm-dd"
    coverage = book[labels.SHEET["coverage"]]
    header = [c.value for c in coverage[2]]
    ratio = coverage.cell(row=5, column=header.index(labels.COLUMN["group_ratio"]) + 1)
    assert ratio.number_format == "0%" and isinstance(ratio.value, int | float)


def test_coverage_sheet_colours_status_cells(built):
    *_, book = built
    rules = book[labels.SHEET["coverage"]].conditional_formatting
    formulas = {f for rule in rules for r in rule.rules for f in r.formula}
    assert {f'"{label}"' for label in labels.COVERAGE_STATUS.values()} <= formulas


def test_notes_name_deadline_vintage_demo_and_what_annex2_cannot_show(built):
    _, result, _, book = built
    text = "\n".join(str(v) for row in book[labels.SHEET["notes"]].iter_rows(values_only=True)
                     for v in row if v is not None)
    for expected in ("2017-04-15", result.reference_label, labels.DEMO_TEXT,
                     labels.NOT_IN_ANNEX2, "2017-04-16 09:30"):
        assert expected in text


def test_groups_sheet_shows_group_types_in_chinese(built):
    tables, _, _, book = built
    rows = _rows(book[labels.SHEET["groups"]])
    assert len(rows) == len(tables.provincial_groups)
    assert {r[labels.COLUMN["group_type"]] for r in rows} <= set(labels.GROUP_TYPE.values())


def test_columns_are_wide_enough_for_chinese_text(built):
    *_, book = built
    sheet = book[labels.SHEET["summary"]]
    assert sheet.column_dimensions["C"].width >= display_width("新疆维吾尔自治区")


def test_workbook_bytes_are_deterministic():
    tables, result = sample_round()
    first = summary_workbook(context_of((tables, result), is_demo=False))
    assert first == summary_workbook(context_of((tables, result), is_demo=False))


def test_totals_note_names_only_the_fields_with_gaps(built):
    _, _, _, book = built
    sheet = book[labels.SHEET["summary"]]
    notes = [c.value for row in sheet.iter_rows() for c in row
             if isinstance(c.value, str) and "未计入合计" in c.value]
    assert notes == ["区县级：联系人数有1个省份空缺或有误，未计入合计"]
    assert not any("0个省份" in n for n in notes)
