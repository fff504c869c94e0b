"""Writing the demo round (示例数据) into a folder and returning its truth."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import math
import random
import zipfile
from pathlib import Path

from sgw_analysis.demo.cast import (
    CORRECTED,
    CORRECTION_PATH,
    DEADLINE,
    DUPLICATE_PATH,
    DUPLICATED,
    HEADS_SHORT,
    MISSING,
    NOT_A_FORM_PATH,
    SHORTFALLS,
    demo_plans,
)
from sgw_analysis.demo.figures import Figures, Province, province_table, redrawn_figures
from sgw_analysis.demo.formats import CREATED, xlsx_bytes
from sgw_analysis.demo.layout import FIELDS, LEVELS, Sheet
from sgw_analysis.demo.plan import Plan, build_return
from sgw_analysis.demo.truth import DemoFile, DemoRound
from sgw_analysis.demo.written import cn_numeral
from sgw_analysis.labels import DEMO_FLAG


def _not_a_form(rng: random.Random) -> bytes:
    """A registration spreadsheet that somebody sent instead of the form."""
    sheet = Sheet("报名表", widths={0: 6, 1: 10, 2: 6, 3: 30, 4: 16, 5: 16})
    sheet.put(0, 0, "2017年少先队辅导员培训报名表（示例数据）")
    for c, text in enumerate(["序号", "姓名", "性别", "工作单位", "职务", "手机号码"]):
        sheet.put(1, c, text)
    surnames = "王李张刘陈杨赵黄周吴"
    given = ["晓红", "建国", "丽娟", "志强", "海燕", "文博", "春梅", "子涵"]
    for i in range(1, 13):
        sheet.put(1 + i, 0, i)
        sheet.put(1 + i, 1, rng.choice(surnames) + rng.choice(given))
        sheet.put(1 + i, 2, rng.choice("男女"))
        sheet.put(1 + i, 3, f"第{cn_numeral(rng.randint(1, 30))}小学")
        sheet.put(1 + i, 4, rng.choice(["大队辅导员", "中队辅导员", "少先队总辅导员"]))
        sheet.put(1 + i, 5, f"1{rng.choice('358')}{rng.randint(0, 9)}****{rng.randint(1000, 9999)}")
    return xlsx_bytes([sheet], CREATED)


def _is_demo_file(path: Path) -> bool:
    """Whether a file says it is demo data (示例数据), in any format this package writes."""
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


def _sent_by(p: Province, plan: Plan, figures: Figures, seed: int,
             ) -> list[tuple[str, bytes, DemoFile]]:
    """The files one province sent: its return, plus a correction or a copy where the cast says."""
    rng = random.Random(f"demo-{seed}-{p.code}-render")
    submitted = dt.date(2017, 4, 14) if plan.path.endswith("20170414.xlsx") else plan.date
    data, truth = build_return(p, *_first_sent(p, plan, figures), rng)
    base = dict(province_code=p.code, province=p.name, layout=plan.layout,
                file_format=plan.fmt, sheet=plan.sheet if plan.fmt in ("xlsx", "xls") else None)
    first = DemoFile(
        path=plan.path, expect="superseded" if p.code == CORRECTED else "ingested",
        submitted_at=submitted.isoformat() if submitted else None,
        superseded_by=CORRECTION_PATH if p.code == CORRECTED else None,
        same_bytes_as=DUPLICATE_PATH if p.code == DUPLICATED else None,
        variations=plan.variations, **base, **truth)
    if p.code == CORRECTED:
        return [(plan.path, data, first), _correction(p, plan, figures, rng, base)]
    if p.code == DUPLICATED:
        return _with_copy(data, first, base, truth)
    return [(plan.path, data, first)]


def _first_sent(p: Province, plan: Plan, figures: Figures) -> tuple[Figures, Plan]:
    """The figures and plan of a province's first return: the corrected one's was incomplete."""
    if p.code != CORRECTED:
        return figures, plan
    # the first return had the county figures incomplete (contacts '待统计'); the
    # correction completes them
    shown = Figures(totals=dict(figures.totals), groups=figures.groups)
    for fld in FIELDS:
        shown.totals["county", fld] = math.floor(shown.totals["county", fld] * 0.93)
    return shown, dataclasses.replace(plan, styles={("county", "contacts"): "pending"})


def _correction(p: Province, plan: Plan, figures: Figures, rng: random.Random,
                base: dict) -> tuple[str, bytes, DemoFile]:
    """The corrected return in 更正/, with the complete figures and a later 填报日期."""
    corr = Plan(CORRECTION_PATH, plan.layout, plan.fmt, plan.sheet,
                dt.date(2017, 4, 13), "cn", serial=True, total_row=True)
    data, truth = build_return(p, figures, corr, rng)
    return corr.path, data, DemoFile(
        path=corr.path, expect="ingested", submitted_at="2017-04-13",
        variations=("corrected return in 更正/, later 填报日期",), **base, **truth)


def _with_copy(data: bytes, first: DemoFile, base: dict,
               truth: dict) -> list[tuple[str, bytes, DemoFile]]:
    """A return and its byte-identical copy: the first path in sorted order is kept."""
    # here the WeChat copy is kept ('微' sorts before '收'); `same_bytes_as` lets a test
    # accept either
    copy = DemoFile(path=DUPLICATE_PATH, expect="ingested",
                    submitted_at=first.submitted_at, same_bytes_as=first.path,
                    variations=("byte-identical copy of the 收件箱 file",),
                    **base, **truth)
    kept = min(first.path, copy.path)
    return [(f.path, data, dataclasses.replace(
                f, expect="ingested" if f.path == kept else "superseded",
                superseded_by=None if f.path == kept else kept))
            for f in (first, copy)]


def write_demo_round(folder: Path, seed: int = 2017) -> DemoRound:
    """Write the demo round (示例数据) for the 31 provinces into folder; return its truth."""
    folder = Path(folder)
    returning = [p for p in province_table() if p.code not in MISSING]
    plans = demo_plans(random.Random(f"demo-dates-{seed}"))
    figures = redrawn_figures(returning, seed, SHORTFALLS, HEADS_SHORT)
    outputs = [sent for p in returning for sent in _sent_by(p, plans[p.code], figures[p.code], seed)]
    no_cells: dict[str, dict[str, str]] = {}
    no_totals: dict[str, dict[str, int | None]] = {lv: dict.fromkeys(FIELDS) for lv in LEVELS}
    outputs.append((NOT_A_FORM_PATH, _not_a_form(random.Random(f"demo-{seed}-other")), DemoFile(
        path=NOT_A_FORM_PATH, expect="rejected", province_code=None, province=None,
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
