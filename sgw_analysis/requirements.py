"""The notice 中少办发〔2017〕4号 as data: rule ids, deadline, thresholds, group-type keywords.

Everything here is a *reading* of the notice (see docs/design.md). An analyst can
read it and override any of it: ``Requirements(deadline=date(2017, 4, 20))``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

NOTICE = "中少办发〔2017〕4号 关于建立少先队工作微信群矩阵等工作的通知 (2017-03-28)"

LEVELS: tuple[str, ...] = ("province", "prefecture", "county")

# id -> (clause of the notice, what it asks, in English for code and docs)
RULES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "R-RETURN": ("四", "every province-level committee returns 附件2"),
    "R-ONTIME": ("四", "the return arrives by the deadline"),
    "R-P-HEADS": ("一.2", "province builds the 地市级团委少年部长群 reaching every prefecture"),
    "R-P-EXT": ("一.2", "encouraged provincial groups: committee, leaders, counselors, studios"),
    "R-PREF": ("一.3", "every prefecture builds a 县级少工委负责同志群"),
    "R-CNTY": ("一.4", "every county builds a 中小学少先队大队辅导员群 reaching every school"),
    "R-OTHER": ("一.5", "encouraged: other exchange groups"),
})

# Which requirement judges each level's figures in coverage.
LEVEL_RULE: Mapping[str, str] = MappingProxyType({
    "province": "R-P-HEADS", "prefecture": "R-PREF", "county": "R-CNTY",
})
# What coverage judges and follow-up chases, in the notice's order (the gap chart's columns):
# the return, its date, and each level's requirement; the encouraged groups are not chased.
JUDGED_REQUIREMENTS: tuple[str, ...] = ("R-RETURN", "R-ONTIME", *LEVEL_RULE.values())

# Group types, in the order they are tried: the first whose keyword is in 群名称 wins.
GROUP_TYPE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("prefecture_heads", ("少年部长", "学少部长", "部长群")),
    ("provincial_committee", ("委员",)),
    ("prefecture_leaders", ("负责同志", "分管副书记", "少工委主任")),
    ("prefecture_counselors", ("总辅导员",)),
    ("master_studio", ("名师工作室",)),
    ("theory", ("理论研究",)),
    ("media", ("媒体", "宣传", "信息员")),
    ("out_of_school", ("校外",)),
)
GROUP_TYPES: tuple[str, ...] = (*(t for t, _ in GROUP_TYPE_KEYWORDS), "other")
ENCOURAGED_PROVINCIAL_TYPES: tuple[str, ...] = (  # R-P-EXT
    "provincial_committee", "prefecture_leaders", "prefecture_counselors", "master_studio",
)
OTHER_EXCHANGE_TYPES: tuple[str, ...] = ("theory", "media", "out_of_school", "other")  # R-OTHER


@dataclass(frozen=True)
class Requirements:
    """Deadline, thresholds and the expected returns; defaults are the notice's."""

    deadline: date = date(2017, 4, 15)
    include_xpcc: bool = False  # 新疆生产建设兵团 is optional in the expected list
    # R-P-HEADS: the 部长群 holds every prefecture head plus the provincial office (>= 1 person)
    heads_group_extra_members: int = 1
    # R-PREF: per county its league cadre and its 总辅导员, plus one from each prefecture office
    prefecture_contacts_per_county: int = 2
    prefecture_contacts_per_prefecture: int = 1
    # R-CNTY: per school its 大队辅导员 and 2-3 骨干中队辅导员 (the minimum, 2), plus the county office
    county_contacts_per_school: int = 3
    county_contacts_per_county: int = 1
    # ingestion consistency: listed 人数 summed vs 省级联系人数, outside [low, high] x is a warning
    members_sum_ratio_low: float = 0.5
    members_sum_ratio_high: float = 2.0
    # a count beyond this (either way) is not a plausible figure for one province: an error finding
    # with the raw text, and no value in the tables (so nothing a table cannot hold reaches one)
    absurd_value: int = 5_000_000
    # outliers across provinces: robust z-score of log(ratio) above this is a warning
    outlier_z: float = 3.5
    outlier_min_provinces: int = 8  # fewer provinces than this give no stable median
    # office practice, not the notice: a province is asked to answer feedback within this many days
    reply_days: int = 7
    group_type_keywords: tuple[tuple[str, tuple[str, ...]], ...] = field(
        default=GROUP_TYPE_KEYWORDS
    )

