"""A deterministic demo round (示例数据) of 附件2 returns, with the truth of what was written.

``write_demo_round`` writes the 31 provinces' returns of one round as real inboxes hold them
(late, corrected, duplicated, messy-but-readable values, a file that is not a form) and returns
a ``DemoRound`` that says what ingestion must conclude for every file. ``write_returns`` writes
N clean-but-varied returns for a benchmark. Same seed, same bytes.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import hashlib
import io
import math
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter
import xlwt

from sgw_analysis.coverage import robust_z
from sgw_analysis.labels import DEMO_FLAG
from sgw_analysis.reference import Reference, provinces

__all__ = ["DemoFile", "DemoRound", "log_z", "write_demo_round", "write_returns"]

DEMO_TITLE = f"附件2（{DEMO_FLAG}）"
FORM_TITLE = "微信群矩阵建设情况信息汇总表"
LISTING_TITLE = "省级建群情况一览"
DEADLINE = dt.date(2017, 4, 15)
LEVELS = ("province", "prefecture", "county")
FIELDS = ("groups", "contacts")
LAYOUTS = ("clean", "sentence", "onecell", "grid", "merged")
FORMATS = ("xlsx", "xls", "csv-gbk", "csv-utf8-bom")
# a round as it arrives: mostly .xlsx, some legacy .xls, a few CSV exports (6 : 2 : 2)
_BENCHMARK_FORMAT_CYCLE = ("xlsx", "xls", "xlsx", "csv-gbk", "xlsx", "xlsx", "csv-utf8-bom",
                           "xlsx", "xls", "xlsx")
MISSING = ("460000", "540000")  # 海南, 西藏 send nothing in the demo round

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_CN_DIGITS = "零一二三四五六七八九"
_NOT_APPLICABLE = ("/", "不适用", "—")
_PENDING = "待统计"


@dataclass(frozen=True)
class DemoFile:
    """The truth of one written file: where it is and what ingestion must conclude."""

    path: str  # relative to the round folder, '/'-separated
    expect: str  # 'ingested', 'superseded' or 'rejected'
    province_code: str | None
    province: str | None
    submitted_at: str | None  # ISO date from 填报日期 or the file name
    totals: dict[str, dict[str, int | None]]  # level -> {'groups', 'contacts'}; None: not a number
    groups: tuple[tuple[str, int], ...]  # listed provincial groups: (群名称, 人数)
    sheet: str | None  # sheet holding the form; None for CSV and non-forms
    cells: dict[str, dict[str, str]]  # level -> field -> A1 address where the value was written
    layout: str | None  # one of LAYOUTS; None for non-forms
    file_format: str  # one of FORMATS
    superseded_by: str | None = None  # the path of the return that wins instead
    same_bytes_as: str | None = None  # a byte-identical copy: either one may win
    variations: tuple[str, ...] = ()  # what the file exercises


@dataclass(frozen=True)
class DemoRound:
    """Ground truth of one written demo round."""

    folder: Path
    seed: int
    deadline: str
    files: tuple[DemoFile, ...]
    missing: tuple[str, ...]  # province codes that returned nothing

    @property
    def returned(self) -> tuple[str, ...]:
        """Province codes with an ingested return, sorted."""
        return tuple(sorted({f.province_code for f in self.files
                             if f.expect == "ingested" and f.province_code}))

    def file(self, path: str) -> DemoFile:
        """The truth of one file by its relative path."""
        for item in self.files:
            if item.path == path:
                return item
        raise KeyError(path)

    def winner(self, province_code: str) -> DemoFile:
        """The return of a province that ingestion must keep."""
        for item in self.files:
            if item.province_code == province_code and item.expect == "ingested":
                return item
        raise KeyError(province_code)


# --------------------------------------------------------------------------- figures


@dataclass
class _Group:
    name: str
    composition: str
    members: int
    note: str = ""


@dataclass
class _Province:
    code: str
    name: str
    short: str
    municipality: bool
    prefectures: int
    counties: int
    schools: int


@dataclass
class _Figures:
    totals: dict[tuple[str, str], int]
    groups: list[_Group]


def _province_table() -> list[_Province]:
    """The 31 provinces with their real denominators."""
    ref = Reference.load()
    div = ref.divisions.set_index("province_code")
    sch = ref.schools.set_index("province_code")
    out = []
    for row in provinces().itertuples(index=False):
        if row.kind == "xpcc":
            continue
        code = str(row.province_code)
        out.append(_Province(code=code, name=str(row.province), short=str(row.short_name),
                             municipality=row.kind == "municipality",
                             prefectures=int(div.at[code, "prefectures"]),
                             counties=int(div.at[code, "counties"]),
                             schools=int(sch.at[code, "schools"])))
    return out


def _group_catalog(p: _Province) -> list[tuple[str, str, int, int]]:
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


def _figures(p: _Province, rng: random.Random, short: tuple[str, str] | None = None,
             heads_short: bool = False) -> _Figures:
    """Plausible totals and listing for a province; `short` = (level, field) that falls short."""
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
        groups.append(_Group(name, comp, members, note))
    listed = sum(g.members for g in groups)
    prov_contacts = listed if rng.random() < 0.4 else round(listed * rng.uniform(0.97, 1.045))

    # the real denominators differ a lot in schools per county; a province with few schools
    # per county reaches more county staff per school and needs few groups per county, one
    # with many schools per county splits them over more groups (a WeChat group holds 500)
    spc = (3 * p.schools + p.counties) / p.counties
    bands = {("prefecture", "groups"): (1.0, 1.6), ("prefecture", "contacts"): (1.0, 1.6),
             ("county", "contacts"): (1.75, 2.0) if spc < 100 else (1.0, 1.6),
             ("county", "groups"): (1.0, 1.08) if spc < 100 else
             (1.45, 1.75) if spc > 400 else (1.0, 1.6)}
    shortfall = {"groups": (0.72, 0.93), "contacts": (0.82, 0.94)}
    ratios = {key: _log_uniform(rng, *(shortfall[key[1]] if key == short else band))
              for key, band in bands.items()}
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
    return _Figures(totals=totals, groups=groups)


def _metrics(p: _Province, f: _Figures) -> dict[str, float]:
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


def _worst_outlier(table: dict[str, _Province], figures: dict[str, _Figures],
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


# --------------------------------------------------------------------------- written values


def _cn_numeral(n: int) -> str:
    """An integer below 1000 in Chinese numerals (二十三, 一百零五)."""
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    head = _CN_DIGITS[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + _CN_DIGITS[rest]
    return head + (_CN_DIGITS[rest // 10] + "十" + (_CN_DIGITS[rest % 10] if rest % 10 else ""))


def _written(n: int, style: str, unit: str) -> tuple[Any, int | None]:
    """What goes into the cell for the value n in a style, and what ingestion must read."""
    if style == "int":
        return n, n
    if style == "text":
        return str(n), n
    if style == "unit":
        return f"{n}{unit}", n
    if style == "thousands":
        return f"{n:,}{unit}", n
    if style == "fullwidth":
        return str(n).translate(_FULL_WIDTH), n
    if style == "cn":
        return _cn_numeral(n), n
    if style == "approx":
        rounded = math.ceil(n / 100) * 100 if n >= 1000 else n
        return f"约{rounded}{unit}", rounded
    if style == "pending":
        return _PENDING, None
    if style in _NOT_APPLICABLE:
        return style, None
    raise ValueError(style)


@dataclass
class _Form:
    """Everything a layout renders: unit, date, the six values, the listing and options."""

    unit: str
    date_value: Any  # str, dt.date or None
    date_line: bool  # whether a 填报日期 label appears at all
    values: dict[tuple[str, str], Any]
    groups: list[tuple[str, str, Any, str]]  # name, composition, members as written, note
    serial: bool = False
    total_row: bool = False
    filler: str = ""
    municipality: bool = False


@dataclass
class _Sheet:
    """A rendered sheet: cells by (row, col), merged ranges, and where each value went."""

    name: str
    cells: dict[tuple[int, int], Any] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    addresses: dict[tuple[str, str], str] = field(default_factory=dict)

    def put(self, row: int, col: int, value: Any) -> None:
        """Set a cell unless the value is empty."""
        if value is not None and value != "":
            self.cells[row, col] = value

    def merge(self, row: int, c1: int, c2: int, value: Any) -> None:
        """A merged range on one row, value in its top-left cell."""
        self.merges.append((row, c1, row, c2))
        self.put(row, c1, value)


def _a1(row: int, col: int) -> str:
    """A 0-based (row, col) as an A1 address."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return f"{letters}{row + 1}"


def _date_text(value: Any) -> str:
    """A date value as it reads inside a one-cell line."""
    return value.strftime("%Y-%m-%d") if isinstance(value, dt.date) else str(value)


def _with_unit(value: Any, unit: str) -> str:
    """A written value inside a sentence, with its unit where the province would add one."""
    text = str(value)
    if text in _NOT_APPLICABLE or text == _PENDING or text.endswith(unit):
        return text
    return text + unit


_CLEAN_LABELS = {
    "province": ("省级建群数（个）：", "联系人数（人）："),
    "prefecture": ("地市级少工委建群数（合计）：", "总计联系人数："),
    "county": ("区县级少工委建群数（合计）：", "总计联系人数："),
}
_SENTENCE_LABELS = {
    "province": ("省级建群数：", "个，联系人数：", "人"),
    "prefecture": ("地市级少工委建群数：合计", "个，总计联系人数：", "人"),
    "county": ("区县级少工委建群数：合计", "个，总计联系人数：", "人"),
}
_ONECELL = {
    "province": "省级建群数：{g}，联系人数：{c}",
    "prefecture": "地市级少工委建群数：合计{g}，总计联系人数：{c}",
    "county": "区县级少工委建群数：合计{g}，总计联系人数：{c}",
}
_GRID_ROWS = {"province": "省级", "prefecture": "地市级少工委", "county": "区县级少工委"}
_MERGED_LABELS = {
    "province": ("省级建群数（个）", "联系人数（人）"),
    "prefecture": ("地市级少工委建群数（合计，个）", "总计联系人数（人）"),
    "county": ("区县级少工委建群数（合计，个）", "总计联系人数（人）"),
}


def _listing(sheet: _Sheet, form: _Form, top: int, spans: list[tuple[int, int]]) -> int:
    """Write the 省级建群情况一览 listing from row `top`; return the next free row."""
    if form.serial:
        spans = [(0, 0)] + [(a + 1, b + 1) for a, b in spans]
    last = spans[-1][1]
    sheet.merge(top, 0, last, LISTING_TITLE)
    headers = ["群名称", "人员构成", "人数", "备注"]
    if form.serial:
        headers.insert(0, "序号")
    row = top + 1

    def put_row(values: list[Any]) -> None:
        for (a, b), value in zip(spans, values, strict=True):
            if b > a:
                sheet.merge(row, a, b, value)
            else:
                sheet.put(row, a, value)

    put_row(headers)
    for i, (name, comp, members, note) in enumerate(form.groups, start=1):
        row += 1
        values = [name, comp, members, note]
        put_row([i, *values] if form.serial else values)
    if form.total_row:
        row += 1
        total = sum(int(str(m).rstrip("人")) for _, _, m, _ in form.groups)
        put_row(["", "合计", "", total, ""] if form.serial else ["合计", "", total, ""])
    return row + 1


def _render(form: _Form, layout: str, sheet_name: str) -> _Sheet:
    """Lay a form out on a sheet in one of the five layouts."""
    s = _Sheet(sheet_name)
    s.put(0, 0, DEMO_TITLE)
    s.put(1, 0, FORM_TITLE)
    v = form.values
    if layout == "clean":
        s.widths = {0: 28, 1: 20, 2: 16, 3: 16}
        s.put(2, 0, "单位：")
        s.put(2, 1, form.unit)
        if form.date_line:
            s.put(2, 2, "填报日期：")
            s.put(2, 3, form.date_value)
        for i, level in enumerate(LEVELS):
            g_label, c_label = _CLEAN_LABELS[level]
            s.put(3 + i, 0, g_label)
            s.put(3 + i, 1, v[level, "groups"])
            s.put(3 + i, 2, c_label)
            s.put(3 + i, 3, v[level, "contacts"])
            s.addresses[level, "groups"] = _a1(3 + i, 1)
            s.addresses[level, "contacts"] = _a1(3 + i, 3)
        end = _listing(s, form, 7, [(0, 0), (1, 1), (2, 2), (3, 3)])
    elif layout == "sentence":
        s.widths = {0: 26, 1: 30, 2: 18, 3: 16, 4: 6}
        s.put(2, 0, "单位：")
        s.put(2, 1, form.unit)
        for i, level in enumerate(LEVELS):
            g_label, c_label, tail = _SENTENCE_LABELS[level]
            s.put(3 + i, 0, g_label)
            s.put(3 + i, 1, v[level, "groups"])
            s.put(3 + i, 2, c_label)
            s.put(3 + i, 3, v[level, "contacts"])
            s.put(3 + i, 4, tail)
            s.addresses[level, "groups"] = _a1(3 + i, 1)
            s.addresses[level, "contacts"] = _a1(3 + i, 3)
        end = _listing(s, form, 7, [(0, 0), (1, 1), (2, 2), (3, 3)])
        if form.date_line:
            s.put(end + 1, 0, "填报日期：")
            s.put(end + 1, 1, form.date_value)
            end += 2
    elif layout == "onecell":
        s.widths = {0: 48, 1: 30, 2: 8, 3: 24}
        s.merges.append((1, 0, 1, 3))
        s.put(2, 0, f"单位：{form.unit}")
        for i, level in enumerate(LEVELS):
            text = _ONECELL[level].format(g=_with_unit(v[level, "groups"], "个"),
                                          c=_with_unit(v[level, "contacts"], "人"))
            if str(v[level, "groups"]) in _NOT_APPLICABLE:
                text = text.replace("合计", "", 1)
            s.put(3 + i, 0, text)
            s.addresses[level, "groups"] = s.addresses[level, "contacts"] = _a1(3 + i, 0)
        end = _listing(s, form, 7, [(0, 0), (1, 1), (2, 2), (3, 3)])
        if form.date_line:
            if isinstance(form.date_value, dt.date):
                s.put(end + 1, 0, "填报日期：")
                s.put(end + 1, 1, form.date_value)
            else:
                s.put(end + 1, 0, f"填报日期：{_date_text(form.date_value or '')}")
            end += 2
    elif layout == "grid":
        s.widths = {0: 16, 1: 28, 2: 30, 3: 14, 4: 22}
        s.merges.append((1, 0, 1, 4))
        s.put(2, 0, f"单位：{form.unit}")
        if form.date_line:
            s.put(2, 2, "填报日期：")
            s.put(2, 3, form.date_value)
        for c, text in enumerate(["层级", "建群数（个）", "联系人数（人）", "备注"]):
            s.put(3, c, text)
        for i, level in enumerate(LEVELS):
            s.put(4 + i, 0, _GRID_ROWS[level])
            s.put(4 + i, 1, v[level, "groups"])
            s.put(4 + i, 2, v[level, "contacts"])
            if level == "prefecture" and form.municipality:
                s.put(4 + i, 3, "直辖市无地市级")
            s.addresses[level, "groups"] = _a1(4 + i, 1)
            s.addresses[level, "contacts"] = _a1(4 + i, 2)
        end = _listing(s, form, 8, [(0, 0), (1, 1), (2, 2), (3, 3)])
    elif layout == "merged":
        s.widths = {0: 14, 1: 14, 2: 16, 3: 20, 4: 10, 5: 22}
        s.merges.append((1, 0, 1, 5))
        s.merge(2, 0, 1, "单位")
        s.merge(2, 2, 3, form.unit)
        if form.date_line:
            s.put(2, 4, "填报日期")
            s.put(2, 5, form.date_value)
        for i, level in enumerate(LEVELS):
            g_label, c_label = _MERGED_LABELS[level]
            s.merge(3 + i, 0, 1, g_label)
            s.put(3 + i, 2, v[level, "groups"])
            s.put(3 + i, 3, c_label)
            s.merge(3 + i, 4, 5, v[level, "contacts"])
            s.addresses[level, "groups"] = _a1(3 + i, 2)
            s.addresses[level, "contacts"] = _a1(3 + i, 4)
        end = _listing(s, form, 7, [(0, 1), (2, 3), (4, 4), (5, 5)])
    else:
        raise ValueError(layout)
    if form.filler:
        s.put(end + 1, 0, form.filler)
    return s


# --------------------------------------------------------------------------- file formats

_CREATED = dt.datetime(2017, 4, 10, 9, 0, 0)
_EXPLANATION = (
    "填表说明",
    "1. 请于2017年4月15日前通过省级团委少年部长群报送本表。",
    "2. 数量请填写阿拉伯数字。",
    "3. 请逐一列出省级所建各微信群。",
)


def _xlsx_bytes(sheets: list[_Sheet], created: dt.datetime) -> bytes:
    """A workbook written with xlsxwriter, byte-stable (fixed creation date)."""
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    wb.set_properties({"created": created, "author": "示例数据", "title": FORM_TITLE})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    date_fmt = wb.add_format({"num_format": "yyyy\"年\"m\"月\"d\"日\""})
    for sheet in sheets:
        ws = wb.add_worksheet(sheet.name)
        for col, width in sheet.widths.items():
            ws.set_column(col, col, width)
        merged_at = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merges}
        for (r1, c1), (r2, c2) in sorted(merged_at.items()):
            value = sheet.cells.get((r1, c1), "")
            if isinstance(value, dt.date):
                ws.merge_range(r1, c1, r2, c2, "", date_fmt)
                ws.write_datetime(r1, c1, dt.datetime.combine(value, dt.time()), date_fmt)
            elif isinstance(value, int | float):
                ws.merge_range(r1, c1, r2, c2, "", wrap)
                ws.write_number(r1, c1, value, wrap)
            else:
                ws.merge_range(r1, c1, r2, c2, str(value), wrap)
        for (row, col), value in sorted(sheet.cells.items()):
            if (row, col) in merged_at:
                continue
            if isinstance(value, dt.date):
                ws.write_datetime(row, col, dt.datetime.combine(value, dt.time()), date_fmt)
            elif isinstance(value, int | float):
                ws.write_number(row, col, value)
            else:
                ws.write_string(row, col, str(value), wrap if "\n" in str(value) else None)
    wb.close()
    return buf.getvalue()


def _xls_bytes(sheets: list[_Sheet]) -> bytes:
    """A legacy BIFF workbook written with xlwt."""
    wb = xlwt.Workbook(encoding="utf-8")
    wrap = xlwt.easyxf("alignment: wrap on, vert top")
    date_fmt = xlwt.easyxf(num_format_str="yyyy/m/d")
    plain = xlwt.XFStyle()
    for sheet in sheets:
        ws = wb.add_sheet(sheet.name)
        for col, width in sheet.widths.items():
            ws.col(col).width = int(width * 256)
        merged_at = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in sheet.merges}
        for (r1, c1), (r2, c2) in sorted(merged_at.items()):
            value = sheet.cells.get((r1, c1), "")
            style = date_fmt if isinstance(value, dt.date) else wrap
            ws.write_merge(r1, r2, c1, c2, value, style)
        for (row, col), value in sorted(sheet.cells.items()):
            if (row, col) in merged_at:
                continue
            if isinstance(value, dt.date):
                ws.write(row, col, value, date_fmt)
            else:
                ws.write(row, col, value, wrap if "\n" in str(value) else plain)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _csv_bytes(sheet: _Sheet, encoding: str) -> bytes:
    """A CSV export of one sheet, as Excel or WPS writes it (CRLF, merged cells flattened)."""
    rows = max(r for r, _ in sheet.cells) + 1
    cols = max(c for _, c in sheet.cells) + 1
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    for r in range(rows):
        line = []
        for c in range(cols):
            value = sheet.cells.get((r, c), "")
            if isinstance(value, dt.date):
                value = f"{value.year}/{value.month}/{value.day}"
            line.append(value)
        while line and line[-1] == "":
            line.pop()
        writer.writerow(line)
    return buf.getvalue().encode(encoding)


def _explanation_sheet() -> _Sheet:
    """The 说明 sheet some provinces keep before the form."""
    sheet = _Sheet("说明", widths={0: 60})
    for i, text in enumerate(_EXPLANATION):
        sheet.put(i, 0, text)
    return sheet


def _file_bytes(fmt: str, form_sheet: _Sheet, explanation: bool, empty_sheets: bool,
                created: dt.datetime) -> bytes:
    """The bytes of a return in a format."""
    if fmt == "csv-gbk":
        return _csv_bytes(form_sheet, "gbk")
    if fmt == "csv-utf8-bom":
        return _csv_bytes(form_sheet, "utf-8-sig")
    sheets = [_explanation_sheet()] if explanation else []
    sheets.append(form_sheet)
    if empty_sheets:
        sheets += [_Sheet("Sheet2"), _Sheet("Sheet3")]
    if fmt == "xlsx":
        return _xlsx_bytes(sheets, created)
    if fmt == "xls":
        return _xls_bytes(sheets)
    raise ValueError(fmt)


_EXT = {"xlsx": ".xlsx", "xls": ".xls", "csv-gbk": ".csv", "csv-utf8-bom": ".csv"}


# --------------------------------------------------------------------------- one return


@dataclass
class _Plan:
    """How one province's return is written in the demo round."""

    path: str
    layout: str
    fmt: str
    sheet: str = "Sheet1"
    date: dt.date | None = None
    date_style: str = "cn"  # cn, iso, slash, dot, cell
    date_line: bool = True
    styles: dict[tuple[str, str], str] = field(default_factory=dict)
    member_unit_row: int | None = None  # listing row whose 人数 is written '45人'
    serial: bool = False
    total_row: bool = False
    filler: bool = False
    explanation: bool = False
    empty_sheets: bool = False
    unit: str | None = None  # 单位 as written; default: canonical name + 少工委
    variations: tuple[str, ...] = ()


def _date_written(date: dt.date, style: str) -> Any:
    """A 填报日期 as the province wrote it."""
    if style == "cn":
        return f"{date.year}年{date.month}月{date.day}日"
    if style == "iso":
        return date.isoformat()
    if style == "slash":
        return f"{date.year}/{date.month}/{date.day}"
    if style == "dot":
        return f"{date.year}.{date.month}.{date.day}"
    if style == "cell":
        return date
    raise ValueError(style)


def _filler(p: _Province, rng: random.Random) -> str:
    """A made-up 填报人 line."""
    who = rng.choice(["王老师", "李老师", "张老师", "刘老师", "陈老师"])
    return f"填报人：{who}    电话：{rng.randint(1000, 9999)}-{rng.randint(1000000, 9999999)}"


def _build(p: _Province, figures: _Figures, plan: _Plan, rng: random.Random,
           ) -> tuple[bytes, dict[str, Any]]:
    """Render one return: its bytes and the truth fields that depend on what was written."""
    values: dict[tuple[str, str], Any] = {}
    truth: dict[str, dict[str, int | None]] = {level: {} for level in LEVELS}
    for level in LEVELS:
        for fld in FIELDS:
            unit = "个" if fld == "groups" else "人"
            if level == "prefecture" and p.municipality:
                default = "/"
                n = 0
            else:
                default = "int"
                n = figures.totals[level, fld]
            written, read = _written(n, plan.styles.get((level, fld), default), unit)
            values[level, fld] = written
            truth[level][fld] = read
    text_members = plan.styles.get(("listing", "members")) == "text"
    listing = []
    for i, g in enumerate(figures.groups):
        members: Any = str(g.members) if text_members else g.members
        if plan.member_unit_row == i:
            members = f"{g.members}人"
        listing.append((g.name, g.composition, members, g.note))
    form = _Form(
        unit=plan.unit or f"{p.name}少工委",
        date_value=_date_written(plan.date, plan.date_style) if plan.date else None,
        date_line=plan.date_line, values=values, groups=listing, serial=plan.serial,
        total_row=plan.total_row, filler=_filler(p, rng) if plan.filler else "",
        municipality=p.municipality)
    sheet = _render(form, plan.layout, plan.sheet)
    created = dt.datetime.combine(plan.date or dt.date(2017, 4, 10), dt.time(9, 0))
    data = _file_bytes(plan.fmt, sheet, plan.explanation, plan.empty_sheets, created)
    cells = {level: {fld: sheet.addresses[level, fld] for fld in FIELDS} for level in LEVELS}
    return data, {"totals": truth, "cells": cells,
                  "groups": tuple((g.name, g.members) for g in figures.groups)}


# --------------------------------------------------------------------------- the demo round


def _on_time(rng: random.Random) -> dt.date:
    """A date between 2017-04-05 and the deadline."""
    return dt.date(2017, 4, rng.randint(5, 15))


def _demo_plans(rng: random.Random) -> dict[str, _Plan]:
    """The fixed cast of the demo round: layout, format, file name and quirks per province."""
    d = _on_time
    inbox, wechat = "收件箱", "微信"
    return {
        "110000": _Plan(f"{inbox}/北京市少工委 附件2.xlsx", "grid", "xlsx", "汇总表", d(rng), "iso",
                        variations=("municipality: 地市级 '/'",)),
        "120000": _Plan(f"{inbox}/附件2-天津市.xlsx", "grid", "xlsx", "Sheet1", d(rng), "cell",
                        styles={("prefecture", "groups"): "不适用",
                                ("prefecture", "contacts"): "不适用"},
                        serial=True,
                        variations=("municipality: 地市级 不适用", "date as a date cell",
                                    "序号 column")),
        "130000": _Plan(f"{inbox}/河北省少工委附件2.xls", "clean", "xls", "附件2", d(rng), "cn",
                        member_unit_row=1, variations=("legacy .xls", "人数 written '45人'")),
        "140000": _Plan(f"{inbox}/山西省少工委 附件2.xlsx", "merged", "xlsx", "Sheet1", d(rng),
                        "slash", variations=("prefecture groups below requirement",)),
        "150000": _Plan(f"{inbox}/内蒙古自治区少工委（附件2）.xls", "clean", "xls", "附件2", d(rng),
                        "dot", styles={**{(lv, f): "text" for lv in LEVELS for f in FIELDS},
                                       ("listing", "members"): "text"},
                        filler=True, explanation=True, unit="内蒙古少工委",
                        variations=("legacy .xls", "说明 sheet before the form",
                                    "numbers stored as text", "填报人 line",
                                    "单位 with the short name")),
        "210000": _Plan(f"{wechat}/辽宁省附件2.xlsx", "sentence", "xlsx", "Sheet1", d(rng), "cn"),
        "220000": _Plan(f"{inbox}/吉林省少工委 附件2.xls", "sentence", "xls", "汇总表", d(rng),
                        "dot", styles={("province", "groups"): "unit",
                                       ("county", "contacts"): "thousands"},
                        variations=("legacy .xls", "value with unit '9个'",
                                    "thousands separator '23,640人'")),
        "230000": _Plan(f"{inbox}/黑龙江省少工委 附件2.xlsx", "clean", "xlsx", "Sheet1",
                        dt.date(2017, 4, 18), "cn", variations=("late: 2017-04-18",)),
        "310000": _Plan(f"{wechat}/上海市 附件2.xlsx", "onecell", "xlsx", "Sheet1", d(rng), "iso",
                        variations=("municipality: 地市级 '/'",)),
        "320000": _Plan(f"{inbox}/江苏省少工委 附件2.xlsx", "clean", "xlsx", "附件2",
                        dt.date(2017, 4, 8), "cn", serial=True, total_row=True,
                        variations=("first return, superseded by a correction",)),
        "330000": _Plan(f"{inbox}/附件2 浙江省.xls", "merged", "xls", "Sheet1", d(rng), "cn",
                        variations=("legacy .xls with merged cells",)),
        "340000": _Plan(f"{inbox}/附件2-安徽省.xlsx", "grid", "xlsx", "Sheet1",
                        dt.date(2017, 4, 15), "slash", total_row=True,
                        variations=("on the deadline day", "合计 row")),
        "350000": _Plan(f"{inbox}/福建省少工委附件2（微信群矩阵）.xlsx", "onecell", "xlsx",
                        "Sheet1", d(rng), "cn"),
        "360000": _Plan(f"{inbox}/江西省 附件2.xlsx", "sentence", "xlsx", "附件2", d(rng), "cell",
                        variations=("prefecture contacts below requirement",
                                    "date as a date cell")),
        "370000": _Plan(f"{inbox}/山东省 附件2.xlsx", "clean", "xlsx", "Sheet1", d(rng), "iso",
                        serial=True, total_row=True, variations=("序号 column", "合计 row")),
        "410000": _Plan(f"{inbox}/河南省少工委 附件2.xlsx", "merged", "xlsx", "汇总表", None,
                        variations=("填报日期 left empty",
                                    "county contacts below requirement")),
        "420000": _Plan(f"{wechat}/湖北省 附件2.csv", "onecell", "csv-utf8-bom", "", d(rng), "cn",
                        variations=("CSV UTF-8 with BOM",)),
        "430000": _Plan(f"{inbox}/湖南省 附件2.csv", "onecell", "csv-gbk", "", d(rng), "cn",
                        styles={("county", "contacts"): "approx"},
                        variations=("CSV in GBK", "'约…人' approximate value")),
        "440000": _Plan(f"{inbox}/广东省少工委 附件2.xlsx", "clean", "xlsx", "附件2", d(rng),
                        "cell", filler=True, explanation=True,
                        variations=("说明 sheet before the form", "date as a date cell",
                                    "填报人 line")),
        "450000": _Plan(f"{inbox}/广西 附件2（微信群矩阵）.xlsx", "onecell", "xlsx", "Sheet1",
                        d(rng), "cn", styles={("county", "contacts"): "fullwidth"},
                        total_row=True, variations=("full-width digits", "合计 row")),
        "500000": _Plan(f"{inbox}/重庆市 附件2.xls", "grid", "xls", "附件2", d(rng), "dot",
                        styles={("prefecture", "groups"): "—", ("prefecture", "contacts"): "—"},
                        filler=True, variations=("legacy .xls", "municipality: 地市级 '—'")),
        "510000": _Plan(f"{inbox}/四川省 附件2 微信群.xlsx", "merged", "xlsx", "Sheet1", d(rng),
                        "slash", empty_sheets=True, variations=("empty Sheet2/Sheet3",)),
        "520000": _Plan(f"{wechat}/贵州省少工委附件2.xlsx", "sentence", "xlsx", "Sheet1", d(rng),
                        "iso", variations=("county groups below requirement",)),
        "530000": _Plan(f"{inbox}/云南省 附件2.xlsx", "grid", "xlsx", "Sheet1", None,
                        date_line=False, variations=("no 填报日期 at all",)),
        "610000": _Plan(f"{inbox}/陕西省 附件2 20170414.xlsx", "clean", "xlsx", "Sheet1", None,
                        styles={("county", "contacts"): "pending"},
                        variations=("date only in the file name", "'待统计' pending value")),
        "620000": _Plan(f"{inbox}/甘肃省-附件2.xlsx", "merged", "xlsx", "附件2", d(rng), "cn",
                        serial=True,
                        variations=("部长群 has only as many members as prefectures",)),
        "630000": _Plan(f"{inbox}/青海省-附件2.xlsx", "sentence", "xlsx", "Sheet1", d(rng), "cn",
                        styles={("county", "groups"): "cn"},
                        variations=("Chinese numeral",)),
        "640000": _Plan(f"{inbox}/宁夏回族自治区少工委 附件2.xls", "onecell", "xls", "Sheet1",
                        d(rng), "dot", filler=True, variations=("legacy .xls",)),
        "650000": _Plan(f"{inbox}/新疆维吾尔自治区少工委.xlsx", "grid", "xlsx", "Sheet1", d(rng),
                        "iso", variations=("sent twice, byte-identical",)),
    }


_SHORTFALLS: dict[str, tuple[str, str]] = {
    "140000": ("prefecture", "groups"),
    "360000": ("prefecture", "contacts"),
    "410000": ("county", "contacts"),
    "520000": ("county", "groups"),
}
_HEADS_SHORT = "620000"
_MAX_Z = 3.0  # the demo round keeps every province's ratios well inside the crowd
_CORRECTED = "320000"
_DUPLICATED = "650000"
_DUPLICATE_PATH = "微信/新疆维吾尔自治区少工委(1).xlsx"
_CORRECTION_PATH = "更正/江苏省少工委 附件2（更正）.xlsx"
_NOT_A_FORM_PATH = "收件箱/2017年少先队辅导员培训报名表.xlsx"


def _demo_figures(table: list[_Province], seed: int) -> dict[str, _Figures]:
    """Figures of the returning provinces, redrawn until no province is an extreme outlier."""
    returning = {p.code: p for p in table if p.code not in MISSING}
    attempts = dict.fromkeys(returning, 0)

    def draw(code: str) -> _Figures:
        rng = random.Random(f"demo-{seed}-{code}-{attempts[code]}")
        return _figures(returning[code], rng, _SHORTFALLS.get(code), code == _HEADS_SHORT)

    figures = {code: draw(code) for code in returning}
    codes = sorted(returning)
    picker = random.Random(f"demo-{seed}-repair")
    worst_code, worst_z = _worst_outlier(returning, figures)
    failures = 0
    for _ in range(600):
        if abs(worst_z) < _MAX_Z:
            break
        # redraw the worst province; after a few misses, redraw another one to move the crowd
        code = worst_code if failures < 8 else picker.choice(codes)
        attempts[code] += 1
        kept = figures[code]
        figures[code] = draw(code)
        new_code, new_z = _worst_outlier(returning, figures)
        if abs(new_z) < abs(worst_z):
            worst_code, worst_z, failures = new_code, new_z, 0
        else:
            figures[code] = kept
            failures += 1
    return figures


def _not_a_form(rng: random.Random) -> bytes:
    """A registration spreadsheet that somebody sent instead of the form."""
    sheet = _Sheet("报名表", widths={0: 6, 1: 10, 2: 6, 3: 30, 4: 16, 5: 16})
    sheet.put(0, 0, "2017年少先队辅导员培训报名表（示例数据）")
    for c, text in enumerate(["序号", "姓名", "性别", "工作单位", "职务", "手机号码"]):
        sheet.put(1, c, text)
    surnames = "王李张刘陈杨赵黄周吴"
    given = ["晓红", "建国", "丽娟", "志强", "海燕", "文博", "春梅", "子涵"]
    for i in range(1, 13):
        sheet.put(1 + i, 0, i)
        sheet.put(1 + i, 1, rng.choice(surnames) + rng.choice(given))
        sheet.put(1 + i, 2, rng.choice("男女"))
        sheet.put(1 + i, 3, f"第{_cn_numeral(rng.randint(1, 30))}小学")
        sheet.put(1 + i, 4, rng.choice(["大队辅导员", "中队辅导员", "少先队总辅导员"]))
        sheet.put(1 + i, 5, f"1{rng.choice('358')}{rng.randint(0, 9)}****{rng.randint(1000, 9999)}")
    return _xlsx_bytes([sheet], _CREATED)


def _is_demo_file(path: Path) -> bool:
    """Whether a file says it is demo data (示例数据), in any format this module writes."""
    data = path.read_bytes()
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return any(DEMO_FLAG.encode() in archive.read(name)
                           for name in archive.namelist() if name.endswith(".xml"))
        except zipfile.BadZipFile:
            return False
    return any(DEMO_FLAG.encode(enc) in data for enc in ("utf-8", "gbk", "utf-16-le"))


def _prepare(folder: Path) -> None:
    """Empty a demo folder of earlier demo files; refuse to touch a folder with other files."""
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(p for p in folder.rglob("*") if p.is_file())
    foreign = [p.relative_to(folder).as_posix() for p in existing if not _is_demo_file(p)]
    if foreign:
        raise FileExistsError(
            f"{folder} holds files that are not demo data ({', '.join(foreign[:3])}); "
            "the demo round is written only into an empty folder or over an earlier demo round")
    for path in existing:
        path.unlink()
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(sub.iterdir()):
            sub.rmdir()


def write_demo_round(folder: Path, seed: int = 2017) -> DemoRound:
    """Write the demo round (示例数据) for the 31 provinces into folder; return its truth."""
    folder = Path(folder)
    table = _province_table()
    plans = _demo_plans(random.Random(f"demo-dates-{seed}"))
    figures = _demo_figures(table, seed)
    outputs: list[tuple[str, bytes, DemoFile]] = []
    for p in table:
        if p.code in MISSING:
            continue
        plan = plans[p.code]
        rng = random.Random(f"demo-{seed}-{p.code}-render")
        submitted = plan.date
        if plan.path.endswith("20170414.xlsx"):
            submitted = dt.date(2017, 4, 14)
        shown = figures[p.code]
        if p.code == _CORRECTED:
            # the first return had the county figures incomplete; the correction completes them
            shown = _Figures(totals=dict(shown.totals), groups=shown.groups)
            for fld in FIELDS:
                shown.totals["county", fld] = math.floor(shown.totals["county", fld] * 0.93)
        data, truth = _build(p, shown, plan, rng)
        base = dict(province_code=p.code, province=p.name, layout=plan.layout,
                    file_format=plan.fmt, sheet=plan.sheet if plan.fmt in ("xlsx", "xls") else None)
        first = DemoFile(
            path=plan.path, expect="superseded" if p.code == _CORRECTED else "ingested",
            submitted_at=submitted.isoformat() if submitted else None,
            superseded_by=_CORRECTION_PATH if p.code == _CORRECTED else None,
            same_bytes_as=_DUPLICATE_PATH if p.code == _DUPLICATED else None,
            variations=plan.variations, **base, **truth)
        outputs.append((plan.path, data, first))
        if p.code == _CORRECTED:
            corr = _Plan(_CORRECTION_PATH, plan.layout, plan.fmt, plan.sheet,
                         dt.date(2017, 4, 13), "cn", serial=True, total_row=True)
            data2, truth2 = _build(p, figures[p.code], corr, rng)
            outputs.append((corr.path, data2, DemoFile(
                path=corr.path, expect="ingested", submitted_at="2017-04-13",
                variations=("corrected return in 更正/, later 填报日期",), **base, **truth2)))
        if p.code == _DUPLICATED:
            # of byte-identical copies the first path in sorted order is kept (here the
            # WeChat copy: '微' sorts before '收'); `same_bytes_as` lets a test accept either
            copy = DemoFile(path=_DUPLICATE_PATH, expect="ingested",
                            submitted_at=first.submitted_at, same_bytes_as=plan.path,
                            variations=("byte-identical copy of the 收件箱 file",),
                            **base, **truth)
            kept = min(first.path, copy.path)
            outputs[-1:] = [
                (f.path, data, dataclasses.replace(
                    f, expect="ingested" if f.path == kept else "superseded",
                    superseded_by=None if f.path == kept else kept))
                for f in (first, copy)]
    rng = random.Random(f"demo-{seed}-other")
    no_cells: dict[str, dict[str, str]] = {}
    no_totals: dict[str, dict[str, int | None]] = {lv: dict.fromkeys(FIELDS) for lv in LEVELS}
    outputs.append((_NOT_A_FORM_PATH, _not_a_form(rng), DemoFile(
        path=_NOT_A_FORM_PATH, expect="rejected", province_code=None, province=None,
        submitted_at=None, totals=no_totals, groups=(), sheet=None, cells=no_cells, layout=None,
        file_format="xlsx", variations=("not a form: a 报名表 spreadsheet",))))
    _prepare(folder)
    for rel, data, _ in outputs:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    files = tuple(sorted((truth for _, _, truth in outputs), key=lambda f: f.path))
    return DemoRound(folder=folder, seed=seed, deadline=DEADLINE.isoformat(), files=files,
                     missing=MISSING)


# --------------------------------------------------------------------------- benchmark returns

_NAME_PATTERNS = ("{name}少工委 附件2", "附件2-{name}", "{short} 附件2（微信群矩阵）",
                  "{name} 附件2", "{name}少工委附件2")
_SHEETS = ("Sheet1", "附件2", "汇总表")
_DATE_STYLES = ("cn", "iso", "slash", "dot", "cell")


def _benchmark_plan(p: _Province, i: int, rng: random.Random, figures: _Figures) -> _Plan:
    """A varied, readable plan for the i-th benchmark return."""
    layout = LAYOUTS[i % len(LAYOUTS)]
    fmt = _BENCHMARK_FORMAT_CYCLE[(i // len(LAYOUTS)) % len(_BENCHMARK_FORMAT_CYCLE)]
    styles: dict[tuple[str, str], str] = {}
    for level in LEVELS:
        for fld in FIELDS:
            n = figures.totals.get((level, fld), 0)
            choices = ["int"] * 6 + ["text", "unit", "fullwidth"]
            if n >= 1000:
                choices.append("thousands")
            if n < 100:
                choices.append("cn")
            if fld == "contacts" and n >= 1000:
                choices.append("approx")
            styles[level, fld] = rng.choice(choices)
    if p.municipality:
        na = rng.choice(_NOT_APPLICABLE[:2])
        styles["prefecture", "groups"] = styles["prefecture", "contacts"] = na
    date_style = rng.choice(_DATE_STYLES)
    if fmt.startswith("csv") and date_style == "cell":
        date_style = "cn"
    suffix = f"({i // 31})" if i >= 31 else ""
    stem = rng.choice(_NAME_PATTERNS).format(name=p.name, short=p.short)
    return _Plan(path=f"{stem}{suffix}{_EXT[fmt]}", layout=layout, fmt=fmt,
                 sheet=rng.choice(_SHEETS), date=_on_time(rng), date_style=date_style,
                 styles=styles, serial=rng.random() < 0.3, total_row=rng.random() < 0.3,
                 filler=rng.random() < 0.3, explanation=rng.random() < 0.1,
                 empty_sheets=rng.random() < 0.2)


def write_returns(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write n readable, distinct demo returns for a benchmark; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    table = _province_table()
    seen: set[str] = set()
    paths = []
    for i in range(n):
        p = table[i % len(table)]
        attempt = 0
        while True:
            rng = random.Random(f"bench-{seed}-{i}-{attempt}")
            figures = _figures(p, rng)
            plan = _benchmark_plan(p, i, rng, figures)
            data, _ = _build(p, figures, plan, rng)
            digest = hashlib.sha256(data).hexdigest()
            if digest not in seen:
                break
            attempt += 1
        seen.add(digest)
        target = folder / plan.path
        target.write_bytes(data)
        paths.append(target)
    return paths
