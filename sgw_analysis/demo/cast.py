"""The fixed cast of the demo round: who sends what, how, and which returns go wrong."""

from __future__ import annotations

import datetime as dt
import random

from sgw_analysis.demo.layout import FIELDS, LEVELS
from sgw_analysis.demo.plan import Plan, on_time

DEADLINE = dt.date(2017, 4, 15)
MISSING = ("460000", "540000")  # 海南, 西藏 send nothing in the demo round
SHORTFALLS: dict[str, tuple[str, str]] = {  # (level, field) that falls short of the notice
    "140000": ("prefecture", "groups"),
    "360000": ("prefecture", "contacts"),
    "410000": ("county", "contacts"),
    "520000": ("county", "groups"),
}
HEADS_SHORT = "620000"  # its 部长群 has only as many members as prefectures
CORRECTED = "320000"  # sends a first return and later a correction
CORRECTION_PATH = "更正/江苏省少工委 附件2（更正）.xlsx"
DUPLICATED = "650000"  # sends the same file twice
DUPLICATE_PATH = "微信/新疆维吾尔自治区少工委(1).xlsx"
NOT_A_FORM_PATH = "收件箱/2017年少先队辅导员培训报名表.xlsx"


def demo_plans(rng: random.Random) -> dict[str, Plan]:
    """The fixed cast of the demo round: layout, format, file name and quirks per province."""
    d = on_time
    inbox, wechat = "收件箱", "微信"
    return {
        "110000": Plan(f"{inbox}/北京市少工委 附件2.xlsx", "grid", "xlsx", "汇总表", d(rng), "iso",
                       variations=("municipality: 地市级 '/'",)),
        "120000": Plan(f"{inbox}/附件2-天津市.xlsx", "grid", "xlsx", "Sheet1", d(rng), "cell",
                       styles={("prefecture", "groups"): "不适用",
                               ("prefecture", "contacts"): "不适用"},
                       serial=True,
                       variations=("municipality: 地市级 不适用", "date as a date cell",
                                   "序号 column")),
        "130000": Plan(f"{inbox}/河北省少工委附件2.xls", "clean", "xls", "附件2", d(rng), "cn",
                       member_unit_row=1, variations=("legacy .xls", "人数 written '45人'")),
        "140000": Plan(f"{inbox}/山西省少工委 附件2.xlsx", "merged", "xlsx", "Sheet1", d(rng),
                       "slash", variations=("prefecture groups below requirement",)),
        "150000": Plan(f"{inbox}/内蒙古自治区少工委（附件2）.xls", "clean", "xls", "附件2", d(rng),
                       "dot", styles={**{(lv, f): "text" for lv in LEVELS for f in FIELDS},
                                      ("listing", "members"): "text"},
                       filler=True, explanation=True, unit="内蒙古少工委",
                       variations=("legacy .xls", "说明 sheet before the form",
                                   "numbers stored as text", "填报人 line",
                                   "单位 with the short name")),
        "210000": Plan(f"{wechat}/辽宁省附件2.xlsx", "sentence", "xlsx", "Sheet1", d(rng), "cn"),
        "220000": Plan(f"{inbox}/吉林省少工委 附件2.xls", "sentence", "xls", "汇总表", d(rng),
                       "dot", styles={("province", "groups"): "unit",
                                      ("county", "contacts"): "thousands"},
                       variations=("legacy .xls", "value with unit '9个'",
                                   "thousands separator '23,640人'")),
        "230000": Plan(f"{inbox}/黑龙江省少工委 附件2.xlsx", "clean", "xlsx", "Sheet1",
                       dt.date(2017, 4, 18), "cn", variations=("late: 2017-04-18",)),
        "310000": Plan(f"{wechat}/上海市 附件2.xlsx", "onecell", "xlsx", "Sheet1", d(rng), "iso",
                       variations=("municipality: 地市级 '/'",)),
        "320000": Plan(f"{inbox}/江苏省少工委 附件2.xlsx", "clean", "xlsx", "附件2",
                       dt.date(2017, 4, 8), "cn", serial=True, total_row=True,
                       variations=("first return, superseded by a correction",)),
        "330000": Plan(f"{inbox}/附件2 浙江省.xls", "merged", "xls", "Sheet1", d(rng), "cn",
                       variations=("legacy .xls with merged cells",)),
        "340000": Plan(f"{inbox}/附件2-安徽省.xlsx", "grid", "xlsx", "Sheet1",
                       dt.date(2017, 4, 15), "slash", total_row=True,
                       variations=("on the deadline day", "合计 row")),
        "350000": Plan(f"{inbox}/福建省少工委附件2（微信群矩阵）.xlsx", "onecell", "xlsx",
                       "Sheet1", d(rng), "cn"),
        "360000": Plan(f"{inbox}/江西省 附件2.xlsx", "sentence", "xlsx", "附件2", d(rng), "cell",
                       variations=("prefecture contacts below requirement",
                                   "date as a date cell")),
        "370000": Plan(f"{inbox}/山东省 附件2.xlsx", "clean", "xlsx", "Sheet1", d(rng), "iso",
                       serial=True, total_row=True, variations=("序号 column", "合计 row")),
        "410000": Plan(f"{inbox}/河南省少工委 附件2.xlsx", "merged", "xlsx", "汇总表", None,
                       variations=("填报日期 left empty",
                                   "county contacts below requirement")),
        "420000": Plan(f"{wechat}/湖北省 附件2.csv", "onecell", "csv-utf8-bom", "", d(rng), "cn",
                       variations=("CSV UTF-8 with BOM",)),
        "430000": Plan(f"{inbox}/湖南省 附件2.csv", "onecell", "csv-gbk", "", d(rng), "cn",
                       styles={("county", "contacts"): "approx"},
                       variations=("CSV in GBK", "'约…人' approximate value")),
        "440000": Plan(f"{inbox}/广东省少工委 附件2.xlsx", "clean", "xlsx", "附件2", d(rng),
                       "cell", filler=True, explanation=True,
                       variations=("说明 sheet before the form", "date as a date cell",
                                   "填报人 line")),
        "450000": Plan(f"{inbox}/广西 附件2（微信群矩阵）.xlsx", "onecell", "xlsx", "Sheet1",
                       d(rng), "cn", styles={("county", "contacts"): "fullwidth"},
                       total_row=True, variations=("full-width digits", "合计 row")),
        "500000": Plan(f"{inbox}/重庆市 附件2.xls", "grid", "xls", "附件2", d(rng), "dot",
                       styles={("prefecture", "groups"): "—", ("prefecture", "contacts"): "—"},
                       filler=True, variations=("legacy .xls", "municipality: 地市级 '—'")),
        "510000": Plan(f"{inbox}/四川省 附件2 微信群.xlsx", "merged", "xlsx", "Sheet1", d(rng),
                       "slash", empty_sheets=True, variations=("empty Sheet2/Sheet3",)),
        "520000": Plan(f"{wechat}/贵州省少工委附件2.xlsx", "sentence", "xlsx", "Sheet1", d(rng),
                       "iso", variations=("county groups below requirement",)),
        "530000": Plan(f"{inbox}/云南省 附件2.xlsx", "grid", "xlsx", "Sheet1", None,
                       date_line=False, variations=("no 填报日期 at all",)),
        "610000": Plan(f"{inbox}/陕西省 附件2 20170414.xlsx", "clean", "xlsx", "Sheet1", None,
                       styles={("county", "contacts"): "pending"},
                       variations=("date only in the file name", "'待统计' pending value")),
        "620000": Plan(f"{inbox}/甘肃省-附件2.xlsx", "merged", "xlsx", "附件2", d(rng), "cn",
                       serial=True,
                       variations=("部长群 has only as many members as prefectures",)),
        "630000": Plan(f"{inbox}/青海省-附件2.xlsx", "sentence", "xlsx", "Sheet1", d(rng), "cn",
                       styles={("county", "groups"): "cn"},
                       variations=("Chinese numeral",)),
        "640000": Plan(f"{inbox}/宁夏回族自治区少工委 附件2.xls", "onecell", "xls", "Sheet1",
                       d(rng), "dot", filler=True, variations=("legacy .xls",)),
        "650000": Plan(f"{inbox}/新疆维吾尔自治区少工委.xlsx", "grid", "xlsx", "Sheet1", d(rng),
                       "iso", variations=("sent twice, byte-identical",)),
    }
