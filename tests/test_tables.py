"""tables: each table's columns and types come from its pandera model, in the order of docs/tables.md."""

from __future__ import annotations

import pandas as pd

from sgw_analysis import tables
from sgw_analysis.tables import table_frame, table_types

# docs/tables.md, the contract: column names and order exactly
TABLES_MD = {
    "submissions": ["file", "sha256", "province_code", "province", "status", "reason", "sheet",
                    "submitted_at"],
    "form_totals": ["province_code", "province", "level", "groups", "contacts", "file",
                    "groups_cell", "contacts_cell"],
    "provincial_groups": ["province_code", "province", "group_name", "composition", "members",
                          "note", "group_type", "file", "row"],
    "issues": ["severity", "rule", "province_code", "province", "file", "sheet", "cell",
               "value", "message"],
}


def test_column_lists_derived_from_the_models_are_those_of_tables_md():
    assert {name: list(table_types(name)) for name in tables.TABLE_NAMES} == TABLES_MD
    lists = [tables.SUBMISSION_COLUMNS, tables.FORM_TOTAL_COLUMNS,
             tables.PROVINCIAL_GROUP_COLUMNS, tables.ISSUE_COLUMNS]
    assert lists == list(TABLES_MD.values())


def test_integer_columns_are_int64_and_the_rest_strings():
    integers = {name: sorted(c for c, t in table_types(name).items() if t == "Int64")
                for name in tables.TABLE_NAMES}
    assert integers == {"submissions": [], "form_totals": ["contacts", "groups"],
                        "provincial_groups": ["members", "row"], "issues": []}


def test_table_frame_orders_columns_and_keeps_missing_as_na():
    frame = table_frame("form_totals", [{"file": "a.xlsx", "groups": 3, "province_code": "440000",
                                         "level": "province"}])
    assert list(frame.columns) == TABLES_MD["form_totals"]
    assert frame["groups"].dtype == "Int64" and frame["file"].dtype == "string"
    assert frame.loc[0, "groups"] == 3 and pd.isna(frame.loc[0, "contacts"])
    assert table_frame("issues", []).empty
