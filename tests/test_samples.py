"""Acceptance: `sgw ingest` over ../shared/samples/returns gives every value expected.json names."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from sgw_analysis.cli import main

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
pytestmark = pytest.mark.skipif(
    not (SAMPLES / "expected.json").exists(),
    reason="../shared/samples not present: acceptance over the shared samples skipped")

# expected.json's issue kinds → this package's stable rule ids
RULE_OF_KIND = {
    "members_sum": "listing_members_far_from_contacts",
    "formula_without_cached_value": "formula_without_cached_value",
    "approximate_value": "approximate_value",
    "county_lt_pref": "county_groups_below_prefecture",
    "value_not_a_number": "value_not_a_number",
    "negative_value": "negative_value",
    "listing_count": "listing_count_mismatch",
}


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """The four CSVs as written by the command line, read back as text (empty stays empty)."""
    out = tmp_path_factory.mktemp("samples-out")
    assert main(["ingest", str(SAMPLES / "returns"), "--out", str(out), "--quiet"]) == 0
    return {name: pd.read_csv(out / "tables" / f"{name}.csv", dtype=str, keep_default_na=False,
                              encoding="utf-8-sig")
            for name in ("submissions", "form_totals", "provincial_groups", "issues")}


def _winner(expected_province: dict, submissions: pd.DataFrame) -> str:
    ingested = submissions.loc[(submissions["province_code"] == expected_province["province_code"])
                               & (submissions["status"] == "ingested"), "file"].tolist()
    assert len(ingested) == 1, ingested
    return ingested[0]


def test_every_file_is_listed_with_its_hash_and_status(expected, tables):
    submissions = tables["submissions"].set_index("file")
    assert sorted(submissions.index) == sorted(f["file"] for f in expected["files"])
    for f in expected["files"]:
        row = submissions.loc[f["file"]]
        assert row["sha256"] == f["sha256"]
        if f["expect"] == "ingested_or_superseded":
            assert row["status"] in ("ingested", "superseded")
        else:
            assert row["status"] == f["expect"], f["file"]
        assert row["province_code"] == (f["province_code"] or "")


def test_rejected_files_carry_a_chinese_reason_and_an_error_issue(expected, tables):
    submissions = tables["submissions"].set_index("file")
    issues = tables["issues"]
    for rejected in expected["rejected"]:
        reason = submissions.loc[rejected["file"], "reason"]
        assert reason and any("\u4e00" <= ch <= "\u9fff" for ch in reason)
        assert ((issues["file"] == rejected["file"]) & (issues["severity"] == "error")).any()


def test_superseded_returns_give_way_to_the_right_one(expected, tables):
    submissions = tables["submissions"].set_index("file")
    for entry in expected["superseded"]:
        if entry["kind"] == "duplicate":
            statuses = sorted(submissions.loc[f, "status"] for f in entry["either_of"])
            assert statuses == ["ingested", "superseded"]
        else:
            assert submissions.loc[entry["file"], "status"] == "superseded"
            assert submissions.loc[entry["by"], "status"] == "ingested"
            assert entry["by"] in submissions.loc[entry["file"], "reason"]


def test_each_province_is_read_from_the_right_file_sheet_and_date(expected, tables):
    submissions = tables["submissions"].set_index("file")
    for code, province in expected["provinces"].items():
        winner = _winner(province, tables["submissions"])
        assert winner in [province["file"], *province["alt_files"]], code
        row = submissions.loc[winner]
        assert row["province"] == province["province"]
        assert row["sheet"] == (province["sheet"] or "")
        assert row["submitted_at"] == (province["submitted_at"] or ""), code


def test_every_total_has_its_value_and_cell_and_missing_stays_empty(expected, tables):
    totals = tables["form_totals"]
    for code, province in expected["provinces"].items():
        winner = _winner(province, tables["submissions"])
        sheet_prefix = f"{province['sheet']}!" if province["sheet"] else ""
        for level, figures in province["totals"].items():
            row = totals[(totals["province_code"] == code) & (totals["level"] == level)]
            assert len(row) == 1, (code, level)
            row = row.iloc[0]
            assert row["file"] == winner
            for field_name in ("groups", "contacts"):
                want = figures[field_name]
                assert row[field_name] == ("" if want is None else str(want)), (code, level,
                                                                               field_name)
                cell = province["cells"][level][field_name]
                assert row[f"{field_name}_cell"] == sheet_prefix + cell, (code, level, field_name)


def test_listed_groups_are_exactly_the_expected_ones(expected, tables):
    groups = tables["provincial_groups"]
    for code, province in expected["provinces"].items():
        listed = groups[groups["province_code"] == code]
        got = list(zip(listed["group_name"], listed["members"].astype(int), strict=True))
        want = [(g["name"], g["members"]) for g in province["groups"]]
        assert got == want, code
        assert (listed["group_type"] != "").all()


def test_flagged_problems_are_in_issues_with_their_cell_and_raw_text(expected, tables):
    issues = tables["issues"]
    for code, province in expected["provinces"].items():
        mine = issues[issues["province_code"] == code]
        for flagged in province["issues"]:
            hits = mine[(mine["severity"] == flagged["severity"])
                        & (mine["rule"] == RULE_OF_KIND[flagged["kind"]])]
            if "cell" in flagged:
                hits = hits[hits["cell"] == flagged["cell"]]
            if "raw" in flagged:
                hits = hits[hits["value"] == flagged["raw"]]
            assert len(hits) >= 1, (code, flagged)
            assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in hits["message"])


def test_no_province_outside_the_expected_ones_is_ingested(expected, tables):
    ingested = tables["submissions"].query("status == 'ingested'")["province_code"]
    assert sorted(ingested) == sorted(expected["provinces"])
    missing = {m["province_code"] for m in expected["missing_provinces"]}
    assert missing.isdisjoint(set(ingested))


def test_clean_returns_raise_no_errors(expected, tables):
    issues = tables["issues"]
    for code, province in expected["provinces"].items():
        if not any(i["severity"] == "error" for i in province["issues"]):
            errors = issues[(issues["province_code"] == code) & (issues["severity"] == "error")]
            assert errors.empty, (code, errors[["rule", "cell", "value"]].to_dict("records"))
