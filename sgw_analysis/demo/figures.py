"""Realistic totals and provincial groups on the real denominators, with the outlier redraw."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from sgw_analysis.coverage import robust_z
from sgw_analysis.reference import Reference, provinces

_MAX_Z = 3.0  # the demo round keeps every province's ratios well inside the crowd


@dataclass
class Group:
    """One listed provincial group."""

    name: str
    composition: str
    members: int
    note: str = ""


@dataclass
class Province:
    """A province with the denominators the notice's requirements are measured against."""

    code: str
    name: str
    short: str
    municipality: bool
    prefectures: int
    counties: int
    schools: int


@dataclass
class Figures:
    """What a province reports: (level, field) totals and the listed provincial groups."""

    totals: dict[tuple[str, str], int]
    groups: list[Group]


def province_table() -> list[Province]:
    """The 31 provinces with their real denominators."""
    ref = Reference.load()
    div = ref.divisions.set_index("province_code")
    sch = ref.schools.set_index("province_code")
    out = []
    for row in provinces().itertuples(index=False):
        if row.kind == "xpcc":
            continue
        code = str(row.province_code)
        out.append(Province(code=code, name=str(row.province), short=str(row.short_name),
                            municipality=row.kind == "municipality",
                            prefectures=int(div.at[code, "prefectures"]),
                            counties=int(div.at[code, "counties"]),
                            schools=int(sch.at[code, "schools"])))
    return out


def _group_catalog(p: Province) -> list[tuple[str, str, int, int]]:
    """Candidate provincial groups: name, composition, min and max members."""
    units = p.counties if p.municipality else p.prefectures
    if p.municipality:
        return [
            ("各区团委少年部长群", "市少工委办公室同志\n各区团委少年部（学少部）部长",
             units + 2, units + 7),
            ("市少工委委员群", "市少工委委员", 30, 60),
            ("区少工委负责同志群", "各区团委分管副书记", units + 1, units + 5),
            ("区少先队总辅导员群", "各区少先队总辅导员", units + 3, units + 12),
            (f"{p.short}少先队名师工作室群", "少先队名师工作室主持人及成员", 40, 130),
            (f"{p.short}少先队理论研究交流群",
             "高校、教研机构少先队理论研究人员\n部分区少先队工作者", 50, 140),
            ("少先队媒体信息交流群", "各区少先队宣传工作联络员、队报队刊通讯员", 40, 110),
            ("校外少先队工作者交流群", "少年宫、青少年活动中心少先队工作者", 30, 90),
            ("红领巾讲师团群", "红领巾讲师团成员", 20, 50),
            ("少先队辅导员骨干群", "全市优秀少先队辅导员、骨干中队辅导员", 80, 220),
        ]
    return [
        ("地市级团委少年部长群", "省少工委办公室同志\n各地市团委少年部（学少部）部长",
         units + 2, units + 8),
        ("省级少工委委员群", "省少工委委员", 30, 65),
        ("地市级少工委负责同志群", "各地市团委分管副书记", units + 2, units + 8),
        ("地市少先队总辅导员群", "各地市少先队总辅导员", units + 3, units + 15),
        (f"{p.short}少先队名师工作室群", "少先队名师工作室主持人及成员", 40, 150),
        (f"{p.short}少先队理论研究交流群", "高校、教研机构少先队理论研究人员\n部分地市少先队工作者",
         60, 160),
        ("少先队媒体信息交流群", "各地市少先队宣传工作联络员、队报队刊通讯员", 40, 120),
        ("校外少先队工作者交流群", "少年宫、青少年活动中心少先队工作者", 30, 90),
        ("红领巾讲师团群", "红领巾讲师团成员", 20, 50),
        ("少先队辅导员骨干群", "全省优秀少先队辅导员、骨干中队辅导员", 100, 260),
    ]


def _log_uniform(rng: random.Random, lo: float, hi: float) -> float:
    """A draw spread evenly on the log scale between lo and hi."""
    return math.exp(rng.uniform(math.log(lo), math.log(hi)))


def _scaled(base: int, ratio: float) -> int:
    """base × ratio, rounded so that a ratio ≥ 1 meets the base and one < 1 falls short."""
    return math.ceil(base * ratio) if ratio >= 1 else min(base - 1, math.floor(base * ratio))


def draw_figures(p: Province, rng: random.Random, short: tuple[str, str] | None = None,
                 heads_short: bool = False) -> Figures:
    """Plausible totals and listing for a province; `short` = (level, field) that falls short."""
    groups = _draw_listing(p, rng, heads_short)
    listed = sum(g.members for g in groups)
    prov_contacts = listed if rng.random() < 0.4 else round(listed * rng.uniform(0.97, 1.045))
    ratios = _draw_ratios(p, rng, short)
    totals: dict[tuple[str, str], int] = {("province", "groups"): len(groups),
                                          ("province", "contacts"): prov_contacts}
    if p.prefectures:
        totals["prefecture", "groups"] = _scaled(p.prefectures, ratios["prefecture", "groups"])
        totals["prefecture", "contacts"] = _scaled(2 * p.counties + p.prefectures,
                                                   ratios["prefecture", "contacts"])
    contacts = _scaled(3 * p.schools + p.counties, ratios["county", "contacts"])
    if short != ("county", "contacts") and rng.random() < 0.5:
        contacts = math.ceil(contacts / 10) * 10
    county_groups = _scaled(p.counties, ratios["county", "groups"])
    if short != ("county", "groups"):
        county_groups = max(county_groups, math.ceil(contacts / 450))
    totals["county", "groups"] = county_groups
    totals["county", "contacts"] = contacts
    return Figures(totals=totals, groups=groups)


def _draw_listing(p: Province, rng: random.Random, heads_short: bool) -> list[Group]:
    """4 to 9 groups of the province's catalog, the heads' group first, some with a note."""
    catalog = _group_catalog(p)
    n = rng.randint(4, 9)
    rest = sorted(rng.sample(range(1, len(catalog)), n - 1))
    groups = []
    for i in [0, *rest]:
        name, comp, lo, hi = catalog[i]
        members = rng.randint(lo, hi)
        if i == 0 and heads_short:
            members = p.prefectures  # one short of the notice's prefectures + 1
        note = ""
        if i == 0 and rng.random() < 0.7:
            note = "管理员：市少工委办公室" if p.municipality else "管理员：省少工委办公室"
        elif i == 3 and rng.random() < 0.4:
            note = "可与部长群合并"
        elif i > 3 and rng.random() < 0.25:
            note = rng.choice(("2017年3月建立", "2017年3月新建"))
        groups.append(Group(name, comp, members, note))
    return groups


def _draw_ratios(p: Province, rng: random.Random,
                 short: tuple[str, str] | None) -> dict[tuple[str, str], float]:
    """Each level figure's ratio to its denominator; the `short` one falls below 1."""
    # the real denominators differ a lot in schools per county; a province with few schools
    # per county reaches more county staff per school and needs few groups per county, one
    # with many schools per county splits them over more groups (a WeChat group holds 500)
    spc = (3 * p.schools + p.counties) / p.counties
    bands = {("prefecture", "groups"): (1.0, 1.6), ("prefecture", "contacts"): (1.0, 1.6),
             ("county", "contacts"): (1.75, 2.0) if spc < 100 else (1.0, 1.6),
             ("county", "groups"): (1.0, 1.08) if spc < 100 else
             (1.45, 1.75) if spc > 400 else (1.0, 1.6)}
    shortfall = {"groups": (0.72, 0.93), "contacts": (0.82, 0.94)}
    return {key: _log_uniform(rng, *(shortfall[key[1]] if key == short else band))
            for key, band in bands.items()}


def _metrics(p: Province, f: Figures) -> dict[str, float]:
    """Per-province ratios that an outlier check looks at."""
    t = f.totals
    out = {"province_per_group": t["province", "contacts"] / t["province", "groups"],
           "county_per_group": t["county", "contacts"] / t["county", "groups"],
           "county_per_county": t["county", "contacts"] / p.counties,
           "county_per_school": t["county", "contacts"] / p.schools}
    if p.prefectures:
        out["prefecture_per_group"] = t["prefecture", "contacts"] / t["prefecture", "groups"]
        out["prefecture_per_county"] = t["prefecture", "contacts"] / p.counties
    return out


def log_z(values: dict[str, float]) -> dict[str, float]:
    """Robust z-score of each value's log, as coverage judges outliers across provinces."""
    return robust_z(np.log(pd.Series(values, dtype=float))).to_dict()


def _worst_outlier(table: dict[str, Province], figures: dict[str, Figures],
                   ) -> tuple[str, float]:
    """The province with the largest |robust z| over all metrics, and that z."""
    per_metric: dict[str, dict[str, float]] = {}
    for code, f in figures.items():
        for name, value in _metrics(table[code], f).items():
            per_metric.setdefault(name, {})[code] = value
    worst = ("", 0.0)
    for values in per_metric.values():
        for code, z in sorted(log_z(values).items()):
            if abs(z) > abs(worst[1]):
                worst = (code, z)
    return worst


def redrawn_figures(returning: list[Province], seed: int,
                    shortfalls: Mapping[str, tuple[str, str]], heads_short: str,
                    ) -> dict[str, Figures]:
    """Figures of the returning provinces, redrawn until no province is an extreme outlier."""
    by_code = {p.code: p for p in returning}
    attempts = dict.fromkeys(by_code, 0)

    def draw(code: str) -> Figures:
        rng = random.Random(f"demo-{seed}-{code}-{attempts[code]}")
        return draw_figures(by_code[code], rng, shortfalls.get(code), code == heads_short)

    figures = {code: draw(code) for code in by_code}
    codes = sorted(by_code)
    picker = random.Random(f"demo-{seed}-repair")
    worst_code, worst_z = _worst_outlier(by_code, figures)
    failures = 0
    for _ in range(600):
        if abs(worst_z) < _MAX_Z:
            break
        # redraw the worst province; after a few misses, redraw another one to move the crowd
        code = worst_code if failures < 8 else picker.choice(codes)
        attempts[code] += 1
        kept = figures[code]
        figures[code] = draw(code)
        new_code, new_z = _worst_outlier(by_code, figures)
        if abs(new_z) < abs(worst_z):
            worst_code, worst_z, failures = new_code, new_z, 0
        else:
            figures[code] = kept
            failures += 1
    return figures
