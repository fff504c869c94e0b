"""The demo's second round (示例数据), a few weeks later: the first round's files, plus returns
on the template the office sent out — from the two provinces that had not returned, and
corrections from provinces that fell short — each listing one group more than before."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from sgw_analysis.demo.cast import MISSING
from sgw_analysis.demo.figures import Figures, Group, province_table, redrawn_figures
from sgw_analysis.demo.layout import FIELDS, LEVELS
from sgw_analysis.demo.round import write_demo_round
from sgw_analysis.demo.template_fill import fill_template
from sgw_analysis.demo.truth import DemoFile, DemoRound
from sgw_analysis.labels import DEMO_FLAG
from sgw_analysis.template import template_workbook
from sgw_analysis.template_layout import TOTALS

SUBMITTED = dt.date(2017, 5, 8)
DEADLINE = dt.date(2017, 4, 15)
# who answers in the second round: the two that had not returned, and three that fell short
ANSWERING = (*MISSING, "140000", "520000", "610000")
FOLDER = "第二轮"
EXTRA_GROUP = Group("少先队媒体信息交流群（示例数据）", "各地市少先队宣传工作联络员", 40, "第二轮新建")


def _values(figures: Figures, municipality: bool) -> dict[str, object]:
    """The template's named inputs for a province's figures."""
    values: dict[str, object] = {"SGW_DATE": SUBMITTED, "SGW_FILLER": DEMO_FLAG,
                                 "SGW_PHONE": "010-00000000"}
    for item in TOTALS:
        if not (municipality and item.level == "prefecture"):
            values[item.name] = figures.totals[item.level, item.field]
    return values


def write_second_round(folder: Path, seed: int = 2017) -> DemoRound:
    """The first round's files and the second round's template returns; the truth of both."""
    first = write_demo_round(folder, seed)
    everyone = province_table()
    figures = redrawn_figures(everyone, seed, {}, "")
    for code in ANSWERING:  # the extra group counts among the provincial groups
        figures[code].totals["province", "groups"] += 1
    added, replaced = [], {}
    for p in (p for p in everyone if p.code in ANSWERING):
        groups = [*figures[p.code].groups, EXTRA_GROUP]
        rows = [(g.name, g.composition, g.members, g.note) for g in groups]
        data = fill_template(template_workbook(p.name, p.municipality, DEADLINE),
                             _values(figures[p.code], p.municipality), rows,
                             created=dt.datetime.combine(SUBMITTED, dt.time(9)))
        path = f"{FOLDER}/{p.name}-附件2.xlsx"
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
        totals = {lv: {f: (None if p.municipality and lv == "prefecture"
                           else figures[p.code].totals[lv, f]) for f in FIELDS} for lv in LEVELS}
        cells = {i.level: {} for i in TOTALS}
        for i in TOTALS:
            cells[i.level][i.field] = i.ref
        added.append(DemoFile(
            path=path, expect="ingested", province_code=p.code, province=p.name,
            submitted_at=SUBMITTED.isoformat(), totals=totals,
            groups=tuple((g.name, g.members) for g in groups), sheet="附件2", cells=cells,
            layout="template", file_format="xlsx", variations=("second round, on the template",)))
        replaced[p.code] = path
    files = tuple(sorted(
        (*(dataclasses.replace(f, expect="superseded", superseded_by=replaced[f.province_code])
           if f.province_code in replaced and f.expect == "ingested" else f
           for f in first.files), *added), key=lambda f: f.path))
    missing = tuple(code for code in first.missing if code not in replaced)
    return dataclasses.replace(first, files=files, missing=missing)
