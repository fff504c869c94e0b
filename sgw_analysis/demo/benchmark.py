"""N readable, distinct, varied returns for the ingestion benchmark."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from sgw_analysis.demo.figures import Figures, Province, draw_figures, province_table
from sgw_analysis.demo.formats import EXTENSIONS
from sgw_analysis.demo.layout import FIELDS, LAYOUTS, LEVELS
from sgw_analysis.demo.plan import Plan, build_return, on_time
from sgw_analysis.demo.written import NOT_APPLICABLE

# a round as it arrives: mostly .xlsx, some legacy .xls, a few CSV exports (6 : 2 : 2)
_FORMAT_CYCLE = ("xlsx", "xls", "xlsx", "csv-gbk", "xlsx", "xlsx", "csv-utf8-bom", "xlsx", "xls", "xlsx")
_NAME_PATTERNS = ("{name}少工委 附件2", "附件2-{name}", "{short} 附件2（微信群矩阵）",
                  "{name} 附件2", "{name}少工委附件2")
_SHEETS = ("Sheet1", "附件2", "汇总表")
_DATE_STYLES = ("cn", "iso", "slash", "dot", "cell")


def _benchmark_plan(p: Province, i: int, rng: random.Random, figures: Figures) -> Plan:
    """A varied, readable plan for the i-th benchmark return."""
    layout = LAYOUTS[i % len(LAYOUTS)]
    fmt = _FORMAT_CYCLE[(i // len(LAYOUTS)) % len(_FORMAT_CYCLE)]
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
        na = rng.choice(NOT_APPLICABLE[:2])
        styles["prefecture", "groups"] = styles["prefecture", "contacts"] = na
    date_style = rng.choice(_DATE_STYLES)
    if fmt.startswith("csv") and date_style == "cell":
        date_style = "cn"
    suffix = f"({i // 31})" if i >= 31 else ""
    stem = rng.choice(_NAME_PATTERNS).format(name=p.name, short=p.short)
    return Plan(path=f"{stem}{suffix}{EXTENSIONS[fmt]}", layout=layout, fmt=fmt,
                sheet=rng.choice(_SHEETS), date=on_time(rng), date_style=date_style,
                styles=styles, serial=rng.random() < 0.3, total_row=rng.random() < 0.3,
                filler=rng.random() < 0.3, explanation=rng.random() < 0.1,
                empty_sheets=rng.random() < 0.2)


def write_returns(folder: Path, n: int, seed: int = 0) -> list[Path]:
    """Write n readable, distinct demo returns for a benchmark; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    table = province_table()
    seen: set[str] = set()
    paths = []
    for i in range(n):
        p = table[i % len(table)]
        attempt = 0
        while True:
            rng = random.Random(f"bench-{seed}-{i}-{attempt}")
            figures = draw_figures(p, rng)
            plan = _benchmark_plan(p, i, rng, figures)
            data, _ = build_return(p, figures, plan, rng)
            digest = hashlib.sha256(data).hexdigest()
            if digest not in seen:
                break
            attempt += 1
        seen.add(digest)
        target = folder / plan.path
        target.write_bytes(data)
        paths.append(target)
    return paths
