"""identify and classify: province from text, file name and folder; corrections; group types."""

from __future__ import annotations

import pytest

from sgw_analysis.classify import group_type
from sgw_analysis.identify import (
    Identity,
    identify_province,
    marked_as_correction,
    province_in_text,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("广西少工委", ("450000", "广西壮族自治区")),
    ("新疆", ("650000", "新疆维吾尔自治区")),
    ("新疆维吾尔自治区少工委", ("650000", "新疆维吾尔自治区")),
    ("内蒙古自治区少工委", ("150000", "内蒙古自治区")),
    ("共青团内蒙古自治区委员会", ("150000", "内蒙古自治区")),
    ("新疆生产建设兵团少工委", ("660000", "新疆生产建设兵团")),
    ("兵团少工委", ("660000", "新疆生产建设兵团")),
    ("山西省少工委", ("140000", "山西省")),
    ("陕西省少工委", ("610000", "陕西省")),
    ("黑龙江省少工委", ("230000", "黑龙江省")),
    ("北京市少工委", ("110000", "北京市")),
    ("广 西 少 工 委", ("450000", "广西壮族自治区")),
    ("全国少工委办公室", None),
    ("", None),
], ids=["guangxi_short", "xinjiang_short", "xinjiang_full", "neimenggu_full",
        "neimenggu_in_league_name", "xpcc_not_xinjiang", "xpcc_short", "shanxi", "shaanxi",
        "heilongjiang", "beijing", "spaces_inside", "no_province", "blank"])
def test_province_in_text(text, expected):
    assert province_in_text(text) == expected


def test_unit_wins_over_file_name_and_reports_the_conflict():
    identity = identify_province("广东省少工委", "收件箱/湖南省 附件2.xlsx")
    assert identity == Identity("440000", "广东省", "unit", ("430000", "湖南省"))


def test_unit_agreeing_with_file_name_has_no_conflict():
    assert identify_province("湖南省少工委", "湖南省 附件2.xlsx") == Identity(
        "430000", "湖南省", "unit", None)


def test_file_name_used_when_unit_is_blank():
    assert identify_province("", "收件箱/附件2-天津市.xlsx") == Identity(
        "120000", "天津市", "file_name", None)
    assert identify_province(None, "附件2-天津市.xlsx").code == "120000"


def test_file_name_wins_over_folder():
    assert identify_province("", "四川/贵州省 附件2.xlsx") == Identity(
        "520000", "贵州省", "file_name", None)


def test_folder_used_last():
    assert identify_province("", "收件箱/四川省少工委/附件2.xlsx") == Identity(
        "510000", "四川省", "folder", None)


def test_no_province_anywhere_gives_none():
    assert identify_province("", "收件箱/附件2.xlsx") == Identity(None, None, None)


def test_xpcc_unit_is_not_xinjiang():
    assert identify_province("新疆生产建设兵团少工委", "附件2.xlsx").code == "660000"


@pytest.mark.parametrize(("path", "expected"), [
    ("更正/北京市少工委 附件2（更正）.xlsx", True),
    ("北京市少工委 附件2（更正）.xlsx", True),
    ("附件2 修订.xlsx", True),
    ("附件2 v2.xlsx", True),
    ("附件2 V3.xlsx", True),
    ("更正/附件2.xlsx", True),
    ("北京市少工委 附件2.xlsx", False),
    ("陕西省 附件2 20170414.xlsx", False),
    ("微信/新疆维吾尔自治区少工委(1).xlsx", False),
], ids=["correction_folder_and_name", "correction_name", "revised", "v2", "v3",
        "correction_folder", "plain", "dated", "copy_number"])
def test_marked_as_correction(path, expected):
    assert marked_as_correction(path) is expected


@pytest.mark.parametrize(("name", "expected"), [
    ("全省地市级团委少年部长群", "prefecture_heads"),
    ("学少部长群", "prefecture_heads"),
    ("省少工委委员群", "provincial_committee"),
    ("地市少工委负责同志群", "prefecture_leaders"),
    ("分管副书记群", "prefecture_leaders"),
    ("地市少先队总辅导员群", "prefecture_counselors"),
    ("少先队名师工作室群", "master_studio"),
    ("少先队理论研究交流群", "theory"),
    ("少先队宣传信息员群", "media"),
    ("校外少先队工作者交流群", "out_of_school"),
    ("少先队辅导员培训群", "other"),
    ("少年部长、总辅导员联合群", "prefecture_heads"),
    ("委员及负责同志群", "provincial_committee"),
    ("少年 部长群", "prefecture_heads"),
], ids=["heads", "heads_xueshao", "committee", "leaders", "leaders_deputy", "counselors",
        "studio", "theory", "media", "out_of_school", "other", "first_match_heads",
        "first_match_committee", "whitespace_ignored"])
def test_group_type_uses_keyword_table(name, expected):
    assert group_type(name) == expected


def test_group_type_takes_a_custom_keyword_table():
    keywords = (("media", ("新媒体",)), ("theory", ("媒体",)))
    assert group_type("新媒体群", keywords) == "media"
    assert group_type("媒体群", keywords) == "theory"
    assert group_type("其他群", keywords) == "other"
