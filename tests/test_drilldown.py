"""The analyst's drill-down helpers: gaps, status counts, what a change of rule changes, one province."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

import sgw_analysis as sgw
from sgw_analysis.coverage import coverage_changes, gaps, status_counts
from sgw_analysis.demo import write_demo_round
from sgw_analysis.pipeline import province_detail
from sgw_analysis.read import cell_context
from sgw_analysis.requirements import Requirements


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("demo") / "demo-2017"
    write_demo_round(folder)
    tables = sgw.ingest(folder)
    return folder, tables, sgw.judge(tables, sgw.Config())


def test_gaps_are_the_rows_neither_met_nor_not_applicable(demo):
    _, _, report = demo
    shortfall = gaps(report.result)
    assert set(shortfall["status"]) <= {"partial", "none", "invalid", "not_returned"}
    coverage = report.result.coverage
    assert len(shortfall) == (~coverage["status"].isin(["met", "not_applicable"])).sum()
    assert {"460000", "540000"} <= set(shortfall["province_code"])


def test_status_counts_add_up_to_the_expected_provinces_per_level(demo):
    _, _, report = demo
    counts = status_counts(report.result.coverage)
    assert list(counts.columns) == ["province", "prefecture", "county"]
    assert (counts.sum() == 31).all()
    assert counts.loc["not_applicable", "prefecture"] == 4
    assert counts.loc["not_returned", "county"] == 2


def test_a_looser_threshold_changes_only_the_county_contact_expectations(demo):
    _, tables, report = demo
    looser = dataclasses.replace(Requirements(), county_contacts_per_school=2)
    after = sgw.judge(tables, sgw.Config(requirements=looser)).result.coverage
    changes = coverage_changes(report.result.coverage, after)
    assert not changes.empty
    assert set(changes["level"]) == {"county"}
    assert (changes["expected_contacts_after"] < changes["expected_contacts_before"]).all()


def test_the_same_rules_change_nothing(demo):
    _, _, report = demo
    assert coverage_changes(report.result.coverage, report.result.coverage).empty


def test_province_detail_gives_each_table_only_that_provinces_rows(demo):
    _, _, report = demo
    detail = province_detail(report, "四川省")
    assert len(detail["coverage"]) == 3 and len(detail["form_totals"]) == 3
    assert all(set(frame["province"].dropna()) <= {"四川省"} for frame in detail.values())
    with pytest.raises(ValueError, match="not an expected province"):
        province_detail(report, "四川")


def test_cell_context_shows_the_row_of_an_issue_with_its_cell_marked(demo):
    folder, tables, _ = demo
    issue = tables.issues[tables.issues["rule"] == "value_not_a_number"].iloc[0]
    row = cell_context(Path(folder), issue["file"], issue["sheet"], issue["cell"])
    marked = row[row["is_cell"]]
    assert len(marked) == 1
    assert marked.iloc[0]["value"] == "待统计"
    assert (row["row"] == marked.iloc[0]["row"]).all()
