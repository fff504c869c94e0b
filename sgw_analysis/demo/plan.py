"""How one return is written (a Plan), and building its bytes and truth from the figures."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from sgw_analysis.demo.figures import Figures, Province
from sgw_analysis.demo.formats import CREATED, file_bytes
from sgw_analysis.demo.layout import FIELDS, LEVELS, Form, render
from sgw_analysis.demo.written import written_date, written_value


@dataclass
class Plan:
    """How one province's return is written: path, layout, format, styles and quirks."""

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


def on_time(rng: random.Random) -> dt.date:
    """A date between 2017-04-05 and the deadline."""
    return dt.date(2017, 4, rng.randint(5, 15))


def _filler(rng: random.Random) -> str:
    """A made-up 填报人 line."""
    who = rng.choice(["王老师", "李老师", "张老师", "刘老师", "陈老师"])
    return f"填报人：{who}    电话：{rng.randint(1000, 9999)}-{rng.randint(1000000, 9999999)}"


def build_return(p: Province, figures: Figures, plan: Plan, rng: random.Random,
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
            written, read = written_value(n, plan.styles.get((level, fld), default), unit)
            values[level, fld] = written
            truth[level][fld] = read
    text_members = plan.styles.get(("listing", "members")) == "text"
    listing = []
    for i, g in enumerate(figures.groups):
        members: Any = str(g.members) if text_members else g.members
        if plan.member_unit_row == i:
            members = f"{g.members}人"
        listing.append((g.name, g.composition, members, g.note))
    form = Form(
        unit=plan.unit or f"{p.name}少工委",
        date_value=written_date(plan.date, plan.date_style) if plan.date else None,
        date_line=plan.date_line, values=values, groups=listing, serial=plan.serial,
        total_row=plan.total_row, filler=_filler(rng) if plan.filler else "",
        municipality=p.municipality)
    sheet = render(form, plan.layout, plan.sheet)
    created = dt.datetime.combine(plan.date, CREATED.time()) if plan.date else CREATED
    data = file_bytes(plan.fmt, sheet, plan.explanation, plan.empty_sheets, created)
    cells = {level: {fld: sheet.addresses[level, fld] for fld in FIELDS} for level in LEVELS}
    return data, {"totals": truth, "cells": cells,
                  "groups": tuple((g.name, g.members) for g in figures.groups)}
