"""findings: one registry of rules, Finding → the issues table, sheet!cell addresses, listing as data."""

from __future__ import annotations

from dataclasses import fields, replace
from pathlib import Path

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from sgw_analysis import Config, ingest, judge, labels, requirements
from sgw_analysis.coverage import coverage
from sgw_analysis.demo import write_demo_round
from sgw_analysis.findings import (
    RULES,
    Finding,
    RuleId,
    Severity,
    cell_address,
    issues_frame,
    split_address,
)
from sgw_analysis.reference import Reference
from sgw_analysis.tables import ISSUE_COLUMNS, table_columns
from sgw_analysis.validate import validate

GD = {"province_code": "440000", "province": "广东省", "file": "广东省 附件2.xlsx",
      "sheet": "Sheet1"}


# ---------------------------------------------------------------- the registry
def test_every_rule_id_is_registered_with_its_labels_sentence():
    messages = {**labels.REJECT_REASON, **labels.ISSUE_MESSAGE, **labels.OUTLIER_MESSAGE,
                **labels.TEMPLATE_ISSUE_MESSAGE, **labels.READ_NOTE}
    assert set(RULES) == set(RuleId)
    assert {rule.value for rule in RuleId} == set(messages)
    for rule_id, rule in RULES.items():
        assert rule.template == messages[rule_id]
        assert rule.requirement is None or rule.requirement in requirements.RULES, rule_id


def test_severity_comes_from_the_registry_and_a_blank_member_cell_is_only_a_warning():
    words = {"group": "部长群", "raw": "待统计"}
    assert Finding.of("member_not_a_number", words=words, **GD).severity == "error"
    assert Finding.of("member_not_a_number", words=words, blank=True, **GD).severity == "warning"
    assert Finding.of("member_negative", words=words, blank=True, **GD).severity == "error"
    assert Finding.of("approximate_value", words={"level": "省级", "field": "联系人数",
                                                  "raw": "约300", "value": 300}).severity == "warning"


def test_an_unregistered_rule_or_an_impossible_severity_cannot_be_made():
    with pytest.raises(ValueError):
        Finding.of("listing_absent", **GD)
    with pytest.raises(ValueError):
        Finding(severity="warning", rule="file_empty", message="文件为空")
    with pytest.raises(ValueError):
        Finding(severity="fatal", rule="file_empty", message="文件为空")


def test_message_is_the_rule_template_filled_and_empty_cell_or_value_is_none():
    finding = Finding.of(RuleId.VALUE_NOT_A_NUMBER, cell="B4", value="待统计",
                         words={"level": "省级", "field": "建群数", "raw": "待统计"}, **GD)
    assert finding.message == "省级建群数填写为“待统计”，不是数字，请补报具体数字"
    assert (finding.rule, finding.cell, finding.value) == ("value_not_a_number", "B4", "待统计")
    assert (Finding.of("listing_missing", cell="", value="", **GD).cell,
            Finding.of("listing_missing", cell="", value="", **GD).value) == (None, None)


# ---------------------------------------------------------------- the issues table
def test_finding_fields_are_the_issues_columns_of_the_model():
    assert [f.name for f in fields(Finding)] == table_columns("issues") == ISSUE_COLUMNS == [
        "severity", "rule", "province_code", "province", "file", "sheet", "cell", "value",
        "message"]


def test_findings_become_the_issues_table_with_exact_columns_dtypes_and_order():
    rejected = Finding.of("file_empty", file="附件2.xlsx")
    approximate = Finding.of("approximate_value", cell="D4", value="约300人", **GD,
                             words={"level": "省级", "field": "联系人数", "raw": "约300人",
                                    "value": 300})
    missing = Finding.of("value_missing", cell="B6", **GD,
                         words={"level": "区县级", "field": "建群数"})
    listing = Finding.of("listing_missing", **GD)
    table = issues_frame([rejected, listing, approximate, missing])
    expected = pd.DataFrame({
        "severity": ["error", "warning", "warning", "error"],
        "rule": ["value_missing", "approximate_value", "listing_missing", "file_empty"],
        "province_code": ["440000", "440000", "440000", None],
        "province": ["广东省", "广东省", "广东省", None],
        "file": ["广东省 附件2.xlsx", "广东省 附件2.xlsx", "广东省 附件2.xlsx", "附件2.xlsx"],
        "sheet": ["Sheet1", "Sheet1", "Sheet1", None],
        "cell": ["B6", "D4", None, None],
        "value": [None, "约300人", None, None],
        "message": [missing.message, approximate.message, listing.message, rejected.message],
    }, dtype="string")
    assert_frame_equal(table, expected)


def test_issue_tables_already_made_join_in_order_and_are_sorted_again():
    first = Finding.of("listing_missing", **{**GD, "province_code": "450000", "file": "b.xlsx"})
    second = Finding.of("listing_missing", **{**GD, "file": "a.xlsx"})
    earlier = issues_frame([first]).astype("str")  # as pandera's coercion leaves it
    table = issues_frame(earlier, [second])
    assert list(table["file"]) == ["a.xlsx", "b.xlsx"]
    assert set(table.dtypes.astype(str)) == {"string"}
    empty = issues_frame([], pd.DataFrame(columns=ISSUE_COLUMNS))
    assert list(empty.columns) == ISSUE_COLUMNS and empty.empty
    assert set(empty.dtypes.astype(str)) == {"string"}


# ---------------------------------------------------------------- sheet!cell addresses
@pytest.mark.parametrize("sheet", ["Sheet1", "附件2", "My Sheet", "汇总!表", "It's", "(1)"])
def test_address_round_trips(sheet):
    assert split_address(cell_address(sheet, "B4")) == (sheet, "B4")


@pytest.mark.parametrize(("address", "parts"), [
    ("Sheet1!B4", ("Sheet1", "B4")),
    ("'My Sheet'!C5", ("My Sheet", "C5")),
    ("'It''s'!D6", ("It's", "D6")),
    ("A4", (None, "A4")),
    ("", (None, None)),
    (None, (None, None)),
    (pd.NA, (None, None)),
    (float("nan"), (None, None)),
])
def test_split_address_reads_quoted_sheets_and_a_csv_cell(address, parts):
    assert split_address(address) == parts


def test_a_csv_cell_has_no_sheet_prefix():
    assert cell_address(None, "A4") == cell_address("", "A4") == "A4"


# ---------------------------------------------------------------- listing as data
def _form_without_listing(make_workbook) -> Path:
    rows = [["单位：", "广东省少工委"], ["填报日期：", "2017年4月12日"],
            ["省级建群数：", 1, "联系人数：", 30], ["地市级建群数：", 21, "联系人数：", 300],
            ["区县级建群数：", 122, "联系人数：", 90000]]
    return make_workbook(rows, name="广东省 附件2.xlsx")


def test_listed_files_are_the_ingested_returns_with_a_listing(make_form, make_workbook, tmp_path):
    _form_without_listing(make_workbook)
    make_form(name="广西 附件2.xlsx", unit="广西少工委")
    make_form(name="junk/广西 附件2.xlsx", unit="广西少工委", date="2017-04-01")  # superseded
    tables = ingest(tmp_path, workers=1)
    assert tables.listed_files == frozenset({"广西 附件2.xlsx"})


def test_coverage_reads_the_listing_from_tables_not_from_the_issues(make_workbook, tmp_path):
    path = _form_without_listing(make_workbook)
    tables = ingest(tmp_path, workers=1)
    assert tables.listed_files == frozenset()
    assert list(tables.issues["rule"]) == ["listing_missing"]
    reference = Reference.load("2016")
    before = coverage(tables, reference)
    renamed = tables.issues.assign(rule="date_unreadable")
    for issues in (tables.issues.iloc[0:0], renamed):
        after = coverage(replace(tables, issues=issues), reference)
        assert_frame_equal(after.coverage, before.coverage)
        assert_frame_equal(after.followup, before.followup)
    status = before.coverage.set_index(["province_code", "level"])["status"]
    assert status[("440000", "province")] == "invalid"
    listed = coverage(replace(tables, listed_files=frozenset({path.name})), reference)
    assert listed.coverage.set_index(["province_code", "level"])["status"][
        ("440000", "province")] == "partial"  # a listing with no heads group: a real 0


# ---------------------------------------------------------------- every stage, registered rules
def _assert_registered(issues: pd.DataFrame) -> None:
    assert not issues.empty
    for row in issues.itertuples():
        assert row.rule in RULES, row.rule
        assert Severity(row.severity) in RULES[RuleId(row.rule)].severities, row


def test_every_rule_of_the_demo_round_is_registered(tmp_path):
    folder = tmp_path / "demo-2017"
    write_demo_round(folder)
    _assert_registered(judge(ingest(folder, workers=1), Config(raw_dir=folder)).tables.issues)


def test_every_rule_of_the_shared_samples_is_registered(samples_dir):
    report = judge(ingest(samples_dir, workers=1), Config(raw_dir=samples_dir))
    _assert_registered(report.tables.issues)
    assert {"listing_count_mismatch", "outlier_contacts_per_group", "file_empty"} <= set(
        report.tables.issues["rule"])  # validate's, coverage's and examine's findings


def test_schema_failures_join_the_issues_as_findings_naming_the_file(make_workbook, tmp_path):
    _form_without_listing(make_workbook)
    tables = ingest(tmp_path, workers=1)
    broken = tables.form_totals.replace({"level": {"county": "city"}})
    issues = validate(replace(tables, form_totals=broken)).issues
    violations = issues[issues["rule"] == "schema_violation"]
    assert len(violations) == 1
    assert set(violations["file"]) == {"广东省 附件2.xlsx"}
    assert set(violations["province_code"]) == {"440000"} and set(violations["value"]) == {"city"}
    assert all("form_totals.level" in m for m in violations["message"])
