"""Coverage per level: hand-made rounds whose statuses are known by arithmetic."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from sgw_analysis.coverage import (
    COVERAGE_COLUMNS,
    FOLLOWUP_COLUMNS,
    CoverageResult,
    coverage,
    format_ratio,
)
from sgw_analysis.reference import Reference, provinces
from sgw_analysis.requirements import Requirements
from sgw_analysis.schemas import Coverage, Followup, Issues
from sgw_analysis.tables import (
    FORM_TOTAL_COLUMNS,
    ISSUE_COLUMNS,
    PROVINCIAL_GROUP_COLUMNS,
    SUBMISSION_COLUMNS,
    Tables,
)

NAMES = dict(zip(provinces()["province_code"], provinces()["province"], strict=True))
CELLS = {"province": ("C4", "D4"), "prefecture": ("C5", "D5"), "county": ("C6", "D6")}
NA = pd.NA


def file_of(code: str) -> str:
    """The file name of a province's hand-made return."""
    return f"{code}/附件2.xlsx"


def make_tables(returns: dict[str, dict], listings: tuple = (), superseded: tuple = (),
                unlisted: tuple = ()) -> Tables:
    """Tables of a round: returns[code] = {submitted_at, province: (groups, contacts), ...}.

    listings: (code, group_name, members, group_type); superseded: codes with only a
    superseded file; unlisted: codes whose return has no 省级建群情况一览 at all.
    """
    subs, totals = [], []
    for code, ret in sorted(returns.items()):
        subs.append([file_of(code), hashlib.sha256(code.encode()).hexdigest(), code, NAMES[code],
                     "ingested", NA, "附件2", ret.get("submitted_at", NA)])
        for level, (g_cell, c_cell) in CELLS.items():
            groups, contacts = ret[level]
            totals.append([code, NAMES[code], level, groups, contacts, file_of(code),
                           f"附件2!{g_cell}", f"附件2!{c_cell}"])
    for code in superseded:
        subs.append([f"{code}/旧版.xlsx", hashlib.sha256(b"old" + code.encode()).hexdigest(),
                     code, NAMES[code], "superseded", "有更新的报送", "附件2", "2017-04-01"])
    groups = [[code, NAMES[code], name, NA, members, NA, group_type, file_of(code), 10 + i]
              for i, (code, name, members, group_type) in enumerate(listings)]
    return Tables(
        submissions=pd.DataFrame(subs, columns=SUBMISSION_COLUMNS).astype("str"),
        form_totals=pd.DataFrame(totals, columns=FORM_TOTAL_COLUMNS).astype(
            {"groups": "Int64", "contacts": "Int64"}),
        provincial_groups=pd.DataFrame(groups, columns=PROVINCIAL_GROUP_COLUMNS).astype(
            {"members": "Int64", "row": "Int64"}),
        issues=pd.DataFrame(columns=ISSUE_COLUMNS).astype("str"),
        listed_files=frozenset(file_of(code) for code in returns if code not in unlisted),
    )


# Denominators (GB/T 2260 end of 2016; schools = 小学 + 初中 2016):
#   北京 110000: 0 prefectures, 16 counties, 1325 schools -> county 16 groups, 3*1325+16 = 3991
#   河北 130000: 11, 168, 14323 -> heads 12; prefecture 347 = 2*168+11; county 43137
#   山西 140000: 11, 119, 7893  -> heads 12; prefecture 249 = 2*119+11; county 23798
#   内蒙古 150000: 12, 103, 2423 -> heads 13; prefecture 218; county 7372
#   辽宁 210000: 14, 100, 5475  -> heads 15; prefecture 214 = 2*100+14; county 16525
#   吉林 220000: 9, 60, 5453    -> heads 10; prefecture 129; county 16419 = 3*5453+60
#   江苏 320000: 13, 96, 6157   -> heads 14; prefecture 205; county 18567
ROUND = {
    "110000": {"submitted_at": "2017-04-14", "province": (3, 40), "prefecture": (NA, NA),
               "county": (16, 3991)},  # municipality, exactly at the county threshold
    "130000": {"submitted_at": "2017-04-20", "province": (4, 60), "prefecture": (12, 400),
               "county": (170, 50000)},  # late, above every threshold
    "140000": {"province": (2, 30), "prefecture": (11, 249),
               "county": (119, 23798)},  # no date, exactly at every threshold
    "150000": {"submitted_at": "2017-04-15", "province": (5, 50), "prefecture": (12, 300),
               "county": (NA, 8000)},  # county groups unreadable
    "210000": {"submitted_at": "2017-04-16", "province": (2, 30), "prefecture": (10, 150),
               "county": (0, 0)},  # below: no heads group, prefecture short, county none
    "220000": {"submitted_at": "2017-04-10", "province": (3, 40), "prefecture": (9, -5),
               "county": (60, 10000)},  # heads members unknown, negative, contacts short
    "320000": {"submitted_at": "2017-04-15", "province": (2, 20), "prefecture": (13, 205),
               "county": (96, 18567)},  # no listing found at all
}
LISTINGS = (
    ("110000", "北京市少年部长群", 5, "prefecture_heads"),
    ("110000", "北京市少先队名师工作室群", 30, "master_studio"),
    ("130000", "河北省地市少年部长群", 20, "prefecture_heads"),
    ("130000", "河北省少先队媒体信息群", 15, "media"),
    ("130000", "河北省少先队宣传群", NA, "media"),
    ("140000", "山西省少年部长群", 12, "prefecture_heads"),
    ("140000", "山西省地市少年部长群（旧）", 3, "prefecture_heads"),
    ("150000", "内蒙古学少部长群", 15, "prefecture_heads"),
    ("210000", "辽宁省少先队名师工作室群", 25, "master_studio"),
    ("220000", "吉林省学少部长群", NA, "prefecture_heads"),
)


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.load("2016")


@pytest.fixture(scope="module")
def result(reference: Reference) -> CoverageResult:
    tables = make_tables(ROUND, LISTINGS, superseded=("230000",),
                         unlisted=("320000",))
    return coverage(tables, reference)


def status_of(result: CoverageResult, code: str) -> dict[str, str]:
    rows = result.coverage[result.coverage["province_code"] == code]
    return dict(zip(rows["level"], rows["status"], strict=True))


def test_shape_order_and_schema(result: CoverageResult) -> None:
    table = result.coverage
    assert list(table.columns) == COVERAGE_COLUMNS
    assert len(table) == 31 * 3
    assert table["province_code"].is_monotonic_increasing
    assert list(table["level"][:3]) == ["province", "prefecture", "county"]
    assert (table["reference"] == "GB/T 2260（民政部县以上行政区划代码），2016年底").all()
    Coverage.validate(table, lazy=True)
    Followup.validate(result.followup, lazy=True)
    Issues.validate(result.outliers, lazy=True)
    assert list(result.expected["province_code"]) == sorted(NAMES)[:31]
    assert result.deadline == date(2017, 4, 15)


@pytest.mark.parametrize(("code", "expected"), [
    ("110000", {"province": "met", "prefecture": "not_applicable", "county": "met"}),
    ("120000", {"province": "not_returned", "prefecture": "not_applicable",
                "county": "not_returned"}),
    ("130000", {"province": "met", "prefecture": "met", "county": "met"}),
    ("140000", {"province": "met", "prefecture": "met", "county": "met"}),
    ("150000", {"province": "met", "prefecture": "met", "county": "invalid"}),
    ("210000", {"province": "partial", "prefecture": "partial", "county": "none"}),
    ("220000", {"province": "invalid", "prefecture": "invalid", "county": "partial"}),
    ("230000", {"province": "not_returned", "prefecture": "not_returned",
                "county": "not_returned"}),
    ("320000", {"province": "invalid", "prefecture": "met", "county": "met"}),
])
def test_status(result: CoverageResult, code: str, expected: dict[str, str]) -> None:
    assert status_of(result, code) == expected


def test_rows_at_and_above_threshold(result: CoverageResult) -> None:
    rows = result.coverage[result.coverage["province_code"].isin(["130000", "140000"])]
    expected = pd.DataFrame({
        "province_code": ["130000"] * 3 + ["140000"] * 3,
        "province": ["河北省"] * 3 + ["山西省"] * 3,
        "level": ["province", "prefecture", "county"] * 2,
        "groups": [4, 12, 170, 2, 11, 119],
        "contacts": [60, 400, 50000, 30, 249, 23798],
        "units": [1, 11, 168, 1, 11, 119],
        "expected_groups": [1, 11, 168, 1, 11, 119],
        "expected_contacts": [12, 347, 43137, 12, 249, 23798],
        "group_ratio": [1.0, 12 / 11, 170 / 168, 2.0, 1.0, 1.0],  # 山西 lists two heads groups
        "contact_ratio": [20 / 12, 400 / 347, 50000 / 43137, 1.0, 1.0, 1.0],
        "status": ["met"] * 6,
        "reference": ["GB/T 2260（民政部县以上行政区划代码），2016年底"] * 6,
    })
    assert_frame_equal(rows.reset_index(drop=True), Coverage.validate(expected))


def test_missing_stays_empty(result: CoverageResult) -> None:
    table = result.coverage.set_index(["province_code", "level"])
    assert pd.isna(table.loc[("150000", "county"), "groups"])  # unreadable: empty, never 0
    assert table.loc[("150000", "county"), "contacts"] == 8000
    assert pd.isna(table.loc[("220000", "prefecture"), "contacts"])  # negative is not shown
    assert pd.isna(table.loc[("120000", "county"), "groups"])
    assert table.loc[("120000", "county"), "expected_groups"] == 16  # denominator still shown
    assert pd.isna(table.loc[("120000", "county"), "group_ratio"])
    assert pd.isna(table.loc[("110000", "prefecture"), "expected_groups"])
    assert table.loc[("210000", "county"), "groups"] == 0  # a written 0 is a real 0
    assert table.loc[("210000", "county"), "group_ratio"] == 0.0


def test_followup_whole(result: CoverageResult) -> None:
    returned = {"110000", "130000", "140000", "150000", "210000", "220000", "320000"}
    chase = [[code, NAMES[code], "not_returned", "R-RETURN",
              "尚未收到附件2（截止日期2017-04-15），请催报", NA]
             for code in sorted(NAMES)[:31] if code not in returned]
    rows = [
        *chase,
        ["130000", "河北省", "late", "R-ONTIME",
         "附件2填报日期为2017-04-20，晚于截止日期2017-04-15，逾期5天", file_of("130000")],
        ["150000", "内蒙古自治区", "invalid", "R-CNTY",
         "区县级建群数没有有效数字，无法判断是否达标，请核实更正", file_of("150000")],
        ["210000", "辽宁省", "late", "R-ONTIME",
         "附件2填报日期为2017-04-16，晚于截止日期2017-04-15，逾期1天", file_of("210000")],
        ["210000", "辽宁省", "below_requirement", "R-P-HEADS",
         "省级建群情况一览中没有列出地市级团委少年部长群（应有1个，不少于15人），请督促补齐",
         file_of("210000")],
        ["210000", "辽宁省", "below_requirement", "R-PREF",
         "地市级建群数10个，应不少于14个（14个地市各1个）；地市级联系人数150人，应不少于214人"
         "（100个区县各2人+14个地市各1人），请督促补齐", file_of("210000")],
        ["210000", "辽宁省", "below_requirement", "R-CNTY",
         "区县级建群数为0，应不少于100个，请督促补齐", file_of("210000")],
        ["220000", "吉林省", "invalid", "R-P-HEADS",
         "一览表中地市级团委少年部长群“吉林省学少部长群”的人数没有有效数字，"
         "无法判断是否覆盖全部9个地市，请补报人数", file_of("220000")],
        ["220000", "吉林省", "invalid", "R-PREF",
         "地市级联系人数为负数（-5），无法判断是否达标，请核实更正", file_of("220000")],
        ["220000", "吉林省", "below_requirement", "R-CNTY",
         "区县级联系人数10000人，应不少于16419人（5453所中小学各3人+60个区县各1人），请督促补齐",
         file_of("220000")],
        ["320000", "江苏省", "invalid", "R-P-HEADS",
         "没有找到省级建群情况一览，无法判断是否建立了覆盖全部13个地市的地市级团委少年部长群，"
         "请补报一览表", file_of("320000")],
    ]
    expected = (pd.DataFrame(rows, columns=FOLLOWUP_COLUMNS).astype("str")
                .sort_values("province_code", kind="stable").reset_index(drop=True))
    assert_frame_equal(result.followup, expected)


def test_timeliness(result: CoverageResult) -> None:
    table = result.timeliness.set_index("province_code")
    assert table.loc["110000", "timeliness"] == "on_time"
    assert table.loc["150000", "timeliness"] == "on_time"  # on the deadline day
    assert table.loc["130000", "timeliness"] == "late"
    assert table.loc["130000", "days_late"] == 5
    assert table.loc["140000", "timeliness"] == "unknown"  # no date is not late
    assert pd.isna(table.loc["140000", "days_late"])
    assert table.loc["230000", "timeliness"] == "not_returned"  # only a superseded file
    assert pd.isna(table.loc["230000", "file"])
    assert str(result.timeliness["days_late"].dtype) == "Int64"
    assert len(table) == 31


def test_national(result: CoverageResult) -> None:
    expected = pd.DataFrame({
        "level": ["province", "prefecture", "county"],
        "groups": [4 + 2 + 5 + 2 + 3 + 2 + 3, 12 + 11 + 12 + 10 + 9 + 13,
                   16 + 170 + 119 + 0 + 60 + 96],
        "contacts": [40 + 60 + 30 + 50 + 30 + 40 + 20, 400 + 249 + 300 + 150 + 205,
                     3991 + 50000 + 23798 + 8000 + 0 + 10000 + 18567],
        "groups_missing": [0, 0, 1], "contacts_missing": [0, 1, 0],
        "provinces_expected": [31, 27, 31], "provinces_returned": [7, 6, 7],
        "provinces_met": [4, 4, 4],
    }).astype({"level": "str", "groups": "Int64", "contacts": "Int64"})
    assert_frame_equal(result.national, expected)


def test_group_types(result: CoverageResult) -> None:
    table = result.group_types
    hebei = table[(table["province_code"] == "130000")].reset_index(drop=True)
    assert list(hebei["group_type"]) == ["prefecture_heads", "media"]
    assert list(hebei["groups"]) == [1, 2]
    assert hebei.loc[0, "members"] == 20
    assert pd.isna(hebei.loc[1, "members"])  # one unknown 人数 makes the sum unknown
    assert list(hebei["requirement"]) == ["R-P-HEADS", "R-OTHER"]
    beijing = table[table["province_code"] == "110000"]
    assert list(beijing["requirement"]) == ["R-P-HEADS", "R-P-EXT"]
    assert "220000" in set(table["province_code"])
    assert "320000" not in set(table["province_code"])


def test_no_school_figure_judges_groups_only(reference: Reference) -> None:
    schools = reference.schools[reference.schools["province_code"] != "130000"]
    tables = make_tables({"130000": {"submitted_at": "2017-04-01", "province": (4, 60),
                                     "prefecture": (12, 400), "county": (170, 5)}},
                         (("130000", "河北省地市少年部长群", 20, "prefecture_heads"),))
    result = coverage(tables, replace(reference, schools=schools))
    row = result.coverage.set_index(["province_code", "level"]).loc[("130000", "county")]
    assert pd.isna(row["expected_contacts"])
    assert pd.isna(row["contact_ratio"])
    assert row["status"] == "met"  # 170 >= 168 groups; contacts not computed, not guessed
    assert result.followup["province_code"].eq("130000").sum() == 0


def test_inputs_not_mutated(reference: Reference) -> None:
    tables = make_tables(ROUND, LISTINGS, unlisted=("320000",))
    before = {name: frame.copy() for name, frame in tables.as_dict().items()}
    coverage(tables, reference)
    for name, frame in tables.as_dict().items():
        assert_frame_equal(frame, before[name])


def test_deterministic(reference: Reference) -> None:
    tables = make_tables(ROUND, LISTINGS, unlisted=("320000",))
    shuffled = replace(tables, form_totals=tables.form_totals.sample(frac=1, random_state=1),
                       submissions=tables.submissions.iloc[::-1])
    a, b = coverage(tables, reference), coverage(shuffled, reference)
    for name in ("coverage", "followup", "timeliness", "national", "group_types", "outliers"):
        assert_frame_equal(getattr(a, name), getattr(b, name))


def test_xpcc_optional(reference: Reference) -> None:
    tables = make_tables({})
    assert len(coverage(tables, reference).coverage) == 93
    with_xpcc = coverage(tables, reference, Requirements(include_xpcc=True))
    assert len(with_xpcc.coverage) == 96
    assert "660000" in set(with_xpcc.expected["province_code"])


# ------------------------------------------------------------------------------ outliers
def outlier_round(planted: bool) -> tuple[Tables, Reference]:
    """20 provinces with near-identical ratios; optionally one county figure with an extra 0."""
    codes = sorted(NAMES)[:31]
    counties = {code: 100 + i for i, code in enumerate(codes)}
    divisions = pd.DataFrame({"province_code": codes, "province": [NAMES[c] for c in codes],
                              "prefectures": 10, "counties": [counties[c] for c in codes],
                              "source": "test"})
    schools = pd.DataFrame({"province_code": codes, "schools": [10 * counties[c] for c in codes]})
    reference = Reference(divisions=divisions.astype({"prefectures": "Int64",
                                                      "counties": "Int64"}),
                          schools=schools.astype({"schools": "Int64"}),
                          vintage="test", label="test", schools_label="test")
    returns = {}
    for i, code in enumerate(c for c in codes if c not in {"110000", "120000"}):
        if i == 20:
            break
        c, scale = counties[code], 1 + 0.01 * i
        county_contacts = round((3 * 10 * c + c) * scale)
        if planted and code == "130000":
            county_contacts *= 10
        returns[code] = {"submitted_at": "2017-04-10", "province": (3, 30 + i),
                         "prefecture": (10, round((2 * c + 10) * scale)),
                         "county": (c, county_contacts)}
    return make_tables(returns), reference


def test_planted_extra_zero_is_an_outlier() -> None:
    tables, reference = outlier_round(planted=True)
    outliers = coverage(tables, reference).outliers
    assert list(outliers.columns) == ISSUE_COLUMNS
    assert list(outliers["rule"]) == ["outlier_contacts_per_county",
                                      "outlier_contacts_per_group",
                                      "outlier_contacts_per_school"]
    assert set(outliers["province_code"]) == {"130000"}
    assert set(outliers["severity"]) == {"warning"}
    assert set(outliers["cell"]) == {"D6"} and set(outliers["sheet"]) == {"附件2"}
    assert set(outliers["file"]) == {file_of("130000")}
    totals = tables.form_totals
    county = totals[totals["level"] == "county"].set_index("province_code")
    contacts = county["contacts"].astype(float)
    per_school = contacts / (10 * county["groups"].astype(float))
    value, others = per_school["130000"], per_school.drop("130000").median()
    message = outliers.loc[outliers["rule"] == "outlier_contacts_per_school", "message"].item()
    assert format_ratio(value) in message and format_ratio(others) in message
    assert "区县级" in message and "偏高" in message
    # 3.1 x 10 planted; the others are 3.1 x (1 + i/100), i = 1..19, median at i = 10
    assert format_ratio(value) == "31" and format_ratio(others) == "3.41"
    assert outliers["value"].tolist() == [str(int(contacts["130000"]))] * 3


def test_no_outlier_without_the_planted_zero() -> None:
    tables, reference = outlier_round(planted=False)
    outliers = coverage(tables, reference).outliers
    assert outliers.empty
    assert list(outliers.columns) == ISSUE_COLUMNS


def test_format_ratio() -> None:
    assert [format_ratio(x) for x in (31.0, 3.125, 40.5, 0.004)] == ["31", "3.12", "40.5", "0"]
    assert np.isclose(float(format_ratio(3.216)), 3.22)
